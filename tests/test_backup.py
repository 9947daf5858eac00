"""A real backup and restore with the scripts the README describes: scripts/backup.sh dumps
the test database with pg_dump, scripts/restore.sh puts it into a new database with
pg_restore, and the key tables hold the same rows. A damaged backup changes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from ecosysteem.models import Gebeurtenis, Gebruiker
from ecosysteem.testing.pgcluster import PG_BIN_KANDIDATEN
from partners.models import Organisatie, Persoon, Vestiging
from regios.models import Deelname, Regio, Rol
from subsidie.models import Begrotingsregel, Cofinanciering, Indiening
from subsidie.services import dien_in
from tests.dossiers import compleet_dossier

WORTEL = Path(__file__).resolve().parent.parent
MODELLEN = [
    Regio,
    Deelname,
    Rol,
    Organisatie,
    Vestiging,
    Persoon,
    Gebruiker,
    Gebeurtenis,
    Begrotingsregel,
    Cofinanciering,
    Indiening,
]

pytestmark = pytest.mark.skipif(
    shutil.which("pg_dump") is None
    and not any(k and (Path(k) / "pg_dump").exists() for k in PG_BIN_KANDIDATEN),
    reason="pg_dump ontbreekt",
)


def database_url(naam: str) -> str:
    instellingen = connection.settings_dict
    gebruiker = instellingen["USER"]
    if instellingen["PASSWORD"]:
        gebruiker += f":{instellingen['PASSWORD']}"
    return f"postgres://{gebruiker}@{instellingen['HOST']}:{instellingen['PORT']}/{naam}"


def script(naam: str, bestand: str, url: str, **kwargs) -> subprocess.CompletedProcess:
    # The PostgreSQL programs of the server the tests run on, ahead of any others.
    mappen = [k for k in PG_BIN_KANDIDATEN if k and (Path(k) / "pg_dump").exists()]
    omgeving = {
        **os.environ,
        "DATABASE_URL": url,
        "PATH": os.pathsep.join([*mappen[:1], os.environ.get("PATH", "")]),
    }
    return subprocess.run(
        [str(WORTEL / "scripts" / naam), bestand],
        env=omgeving,
        capture_output=True,
        timeout=300,
        **kwargs,
    )


def tellingen(url: str) -> dict[str, int]:
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as verbinding:
        return {
            m._meta.db_table: verbinding.execute(
                f'SELECT COUNT(*) FROM "{m._meta.db_table}"'
            ).fetchone()[0]
            for m in MODELLEN
        }


@pytest.fixture
def nieuwe_database(transactional_db, django_db_serialized_rollback):
    naam = f"herstel_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{naam}"')
    yield database_url(naam)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def test_a_backup_restores_into_a_new_database_with_the_same_rows(nieuwe_database, tmp_path):
    d = compleet_dossier(naam="Techregio Bewaard", slug="bewaard")
    dien_in(regio=d.regio, door=d.programmamanager)
    compleet_dossier(naam="Techregio Tweede")
    bron = database_url(connection.settings_dict["NAME"])
    verwacht = tellingen(bron)
    assert verwacht[Regio._meta.db_table] == 2 and verwacht[Indiening._meta.db_table] == 1

    backup = tmp_path / "regioportaal.dump"
    gemaakt = script("backup.sh", str(backup), bron)
    assert gemaakt.returncode == 0, gemaakt.stderr.decode()
    assert backup.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert not (tmp_path / "regioportaal.dump.onvolledig").exists()

    hersteld = script("restore.sh", str(backup), nieuwe_database)
    assert hersteld.returncode == 0, hersteld.stderr.decode()
    assert tellingen(nieuwe_database) == verwacht
    with psycopg.connect(nieuwe_database.replace("postgres://", "postgresql://")) as verbinding:
        namen = {r[0] for r in verbinding.execute('SELECT naam FROM "regios_regio"')}
    assert namen == {"Techregio Bewaard", "Techregio Tweede"}

    # Restoring again over the restored data replaces it; nothing doubles.
    opnieuw = script("restore.sh", "-", nieuwe_database, input=backup.read_bytes())
    assert opnieuw.returncode == 0, opnieuw.stderr.decode()
    assert tellingen(nieuwe_database) == verwacht


def test_a_backup_to_standard_output_and_a_damaged_one_that_changes_nothing(nieuwe_database):
    compleet_dossier(naam="Techregio Stroom")
    bron = database_url(connection.settings_dict["NAME"])
    gemaakt = script("backup.sh", "-", bron)
    assert gemaakt.returncode == 0, gemaakt.stderr.decode()
    assert script("restore.sh", "-", nieuwe_database, input=gemaakt.stdout).returncode == 0
    verwacht = tellingen(nieuwe_database)

    kapot = gemaakt.stdout[: len(gemaakt.stdout) // 2]
    mislukt = script("restore.sh", "-", nieuwe_database, input=kapot)
    assert mislukt.returncode != 0
    assert tellingen(nieuwe_database) == verwacht  # one transaction: all or nothing


def test_the_scripts_say_how_to_use_them_without_a_database_url(tmp_path):
    for naam in ("backup.sh", "restore.sh"):
        resultaat = subprocess.run(
            [str(WORTEL / "scripts" / naam), str(tmp_path / "x.dump")],
            env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            capture_output=True,
            text=True,
        )
        assert resultaat.returncode == 2
        assert "Zet DATABASE_URL" in resultaat.stderr
