"""A throw-away PostgreSQL cluster for the test suite.

Used when no ``DATABASE_URL`` is set: the tests always run on PostgreSQL, also on a machine
where nobody configured one. The cluster lives in a temporary folder and is stopped and
removed when the process that started it exits. PostgreSQL refuses to run as root, so as
root the cluster belongs to the ``postgres`` user and its commands run through ``runuser``.
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PG_BIN_KANDIDATEN = [
    os.environ.get("PG_BIN", ""),
    "/usr/lib/postgresql/17/bin",
    "/usr/lib/postgresql/16/bin",
    "/usr/lib/postgresql/15/bin",
]


def _pg_bin() -> Path:
    for kandidaat in PG_BIN_KANDIDATEN:
        if kandidaat and (Path(kandidaat) / "initdb").exists():
            return Path(kandidaat)
    gevonden = shutil.which("initdb")
    if gevonden:
        return Path(gevonden).parent
    raise RuntimeError(
        "Geen PostgreSQL-serverprogramma's gevonden (initdb). Installeer PostgreSQL of zet "
        "DATABASE_URL naar een bestaande database."
    )


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _als_eigenaar(cmd: list[str], eigenaar: str | None) -> list[str]:
    return ["runuser", "-u", eigenaar, "--", *cmd] if eigenaar else cmd


def zorg_voor_database_url() -> str:
    """Start a cluster and return its URL; registers its removal at exit."""
    pg_bin = _pg_bin()
    eigenaar = "postgres" if os.geteuid() == 0 else None
    map_ = Path(tempfile.mkdtemp(prefix="regioportaal-pg-"))
    data = map_ / "data"
    if eigenaar:
        gebruiker = pwd.getpwnam(eigenaar)
        os.chown(map_, gebruiker.pw_uid, gebruiker.pw_gid)
    poort = _vrije_poort()
    subprocess.run(
        _als_eigenaar(
            [
                str(pg_bin / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            eigenaar,
        ),
        check=True,
        capture_output=True,
    )
    opties = (
        f"-p {poort} -c listen_addresses=127.0.0.1 -c unix_socket_directories={map_} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
    )
    subprocess.run(
        _als_eigenaar(
            [
                str(pg_bin / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                opties,
                "-l",
                str(map_ / "log"),
                "-w",
                "start",
            ],
            eigenaar,
        ),
        check=True,
        capture_output=True,
    )

    def stop() -> None:
        subprocess.run(
            _als_eigenaar(
                [str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], eigenaar
            ),
            capture_output=True,
        )
        shutil.rmtree(map_, ignore_errors=True)

    atexit.register(stop)
    return f"postgres://postgres@127.0.0.1:{poort}/postgres"
