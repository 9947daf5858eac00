"""The check ``make test`` runs first: missing system programs stop it at once with one
Dutch line that says what to install."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "controleer_systeem.py"


def draai(path: str, **env: str) -> subprocess.CompletedProcess:
    omgeving = {"PATH": path, **env}
    return subprocess.run(
        [sys.executable, str(SCRIPT)], env=omgeving, capture_output=True, text=True, timeout=30
    )


def nep_programmas(map_: Path, *namen: str) -> str:
    map_.mkdir(exist_ok=True)
    for naam in namen:
        programma = map_ / naam
        programma.write_text("#!/bin/sh\nexit 0\n")
        programma.chmod(0o755)
    return str(map_)


def test_a_path_without_the_programs_stops_with_one_dutch_line(tmp_path):
    uitkomst = draai(nep_programmas(tmp_path / "leeg"))

    assert uitkomst.returncode == 1
    regels = uitkomst.stderr.strip().splitlines()
    assert len(regels) == 1
    assert regels[0].startswith("Installeer eerst: chromium, redis-server")
    assert "pdftoppm" in regels[0]
    assert "(Debian: apt-get install chromium redis-server" in regels[0]
    assert "poppler-utils" in regels[0]
    assert uitkomst.stdout == ""


def test_only_the_missing_programs_are_named(tmp_path):
    uitkomst = draai(nep_programmas(tmp_path / "bin", "redis-server", "pdftoppm", "initdb"))

    assert uitkomst.returncode == 1
    regel = uitkomst.stderr.strip()
    assert regel == "Installeer eerst: chromium (Debian: apt-get install chromium)"


@pytest.mark.skipif(
    not all(shutil.which(p) for p in ("chromium", "redis-server", "pdftoppm")),
    reason="this machine lacks a program the suite needs",
)
def test_with_every_program_present_it_passes_silently():
    uitkomst = draai(os.environ["PATH"])
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert uitkomst.stderr == "" and uitkomst.stdout == ""


@pytest.fixture
def controle():
    spec = importlib.util.spec_from_file_location("controleer_systeem", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_postgresql_is_named_when_initdb_is_nowhere_and_no_database_is_given(
    controle, monkeypatch, tmp_path
):
    monkeypatch.setattr(controle, "PG_LIB", tmp_path / "postgresql")
    monkeypatch.setenv("PATH", nep_programmas(tmp_path / "bin", "chromium"))
    monkeypatch.delenv("PG_BIN", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert "initdb" in controle.ontbrekend()
    assert controle.melding(["initdb"]) == (
        "Installeer eerst: initdb (Debian: apt-get install postgresql)"
    )

    (tmp_path / "postgresql" / "16" / "bin").mkdir(parents=True)
    (tmp_path / "postgresql" / "16" / "bin" / "initdb").write_text("")
    assert "initdb" not in controle.ontbrekend()


def test_an_existing_database_needs_no_postgresql_server_programs(controle, monkeypatch, tmp_path):
    monkeypatch.setattr(controle, "PG_LIB", tmp_path / "postgresql")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgres://localhost/regioportaal")
    assert "initdb" not in controle.ontbrekend()


def test_make_test_runs_the_check_before_anything_else():
    # Under `make test` this runs inside make: without the parent's make variables the
    # dry run prints the recipe only, not "Entering directory" lines.
    omgeving = {
        k: v for k, v in os.environ.items() if k not in {"MAKELEVEL", "MAKEFLAGS", "MFLAGS"}
    }
    uitkomst = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        env=omgeving,
    )
    regels = uitkomst.stdout.splitlines()
    assert "scripts/controleer_systeem.py" in regels[0]
    assert any("pytest" in r for r in regels[1:])
