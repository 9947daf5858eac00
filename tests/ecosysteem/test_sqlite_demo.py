"""The SQLite demo waits for a lock instead of failing with "database is locked".

Two processes with the demo's settings write to one temporary SQLite database at the same
time, each in a transaction that first reads and then writes while the other holds the
write lock. With the demo's options (a busy timeout and IMMEDIATE transactions) both
succeed; with SQLite's defaults the same pair fails, which shows the test can fail.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCHRIJVER = """
import sys, time
import django
django.setup()
from django.db import connection, transaction

with transaction.atomic():
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM teller")
        time.sleep(float(sys.argv[2]))
        cursor.execute("INSERT INTO teller (wie) VALUES (%s)", [sys.argv[1]])
print("ok", sys.argv[1])
"""

# SQLite's defaults (a deferred transaction, a busy timeout of 0.1 s), for the control.
STANDAARD_INSTELLINGEN = """
from ecosysteem.settings.dev import *  # noqa
DATABASES["default"]["OPTIONS"] = {"timeout": 0.1}
"""


def twee_schrijvers(tmp_path: Path, instellingen: str) -> list[subprocess.CompletedProcess]:
    database = tmp_path / "demo.sqlite3"
    with sqlite3.connect(database) as verbinding:
        verbinding.execute("CREATE TABLE teller (id INTEGER PRIMARY KEY, wie TEXT)")
    script = tmp_path / "schrijver.py"
    script.write_text(SCHRIJVER)
    omgeving = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": instellingen,
        "DATABASE_URL": f"sqlite:///{database}",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
    }
    processen = []
    for wie in ("eerste", "tweede"):
        processen.append(
            subprocess.Popen(
                [sys.executable, str(script), wie, "1.5"],
                cwd=ROOT,
                env=omgeving,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
        time.sleep(0.1)
    resultaten = []
    for proces in processen:
        uit, fout = proces.communicate(timeout=60)
        resultaten.append(subprocess.CompletedProcess(proces.args, proces.returncode, uit, fout))
    return resultaten


def rijen(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "demo.sqlite3") as verbinding:
        return verbinding.execute("SELECT COUNT(*) FROM teller").fetchone()[0]


def test_two_concurrent_writers_on_the_demo_database_both_succeed(tmp_path):
    resultaten = twee_schrijvers(tmp_path, "ecosysteem.settings.dev")
    for resultaat in resultaten:
        assert resultaat.returncode == 0, resultaat.stderr
    assert rijen(tmp_path) == 2


def test_without_the_demo_options_the_second_writer_gets_database_is_locked(tmp_path):
    (tmp_path / "sqlite_standaard.py").write_text(STANDAARD_INSTELLINGEN)
    resultaten = twee_schrijvers(tmp_path, "sqlite_standaard")
    mislukt = [r for r in resultaten if r.returncode != 0]
    assert mislukt, "zonder wachten zou een van beide moeten mislukken"
    assert "database is locked" in mislukt[0].stderr
    assert rijen(tmp_path) == 1


def test_the_demo_settings_wait_for_locks():
    omgeving = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "ecosysteem.settings.dev",
    }
    uitvoer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['OPTIONS'])",
        ],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "'transaction_mode': 'IMMEDIATE'" in uitvoer
    assert "'timeout': 20" in uitvoer
