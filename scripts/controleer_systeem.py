#!/usr/bin/env python3
"""Before ``make test``: are the system programs the test suite needs installed?

The suite starts a browser, a Redis server and a throw-away PostgreSQL cluster of its own,
and renders PDF pages to images. Without one of those programs dozens of tests error one by
one; this check stops at once instead, with one Dutch line that says what to install.
Standard library only, so it runs before the virtualenv exists. Exit code 0 when all is
there, 1 otherwise.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

# The browser tests start Debian's chromium by this path (tests/e2e/conftest.py).
CHROMIUM = Path("/usr/bin/chromium")
# Where Debian puts the PostgreSQL server programs, which are not on PATH
# (ecosysteem/testing/pgcluster.py looks in the same places).
PG_LIB = Path("/usr/lib/postgresql")

# program -> Debian package
PAKKETTEN = {
    "chromium": "chromium",
    "redis-server": "redis-server",
    "initdb": "postgresql",
    "pdftoppm": "poppler-utils",
}


def heeft_chromium() -> bool:
    return shutil.which("chromium") is not None and CHROMIUM.exists()


def heeft_initdb() -> bool:
    """The PostgreSQL server programs; not needed when the tests use an existing database
    (``DATABASE_URL``)."""
    if os.environ.get("DATABASE_URL"):
        return True
    pg_bin = os.environ.get("PG_BIN")
    if pg_bin and (Path(pg_bin) / "initdb").exists():
        return True
    if any(PG_LIB.glob("*/bin/initdb")):
        return True
    return shutil.which("initdb") is not None


def ontbrekend() -> list[str]:
    """The programs that are missing, in a fixed order."""
    controles = {
        "chromium": heeft_chromium,
        "redis-server": lambda: shutil.which("redis-server") is not None,
        "initdb": heeft_initdb,
        "pdftoppm": lambda: shutil.which("pdftoppm") is not None,
    }
    return [programma for programma, aanwezig in controles.items() if not aanwezig()]


def melding(programmas: list[str]) -> str:
    pakketten = " ".join(PAKKETTEN[p] for p in programmas)
    return f"Installeer eerst: {', '.join(programmas)} (Debian: apt-get install {pakketten})"


def main() -> int:
    programmas = ontbrekend()
    if programmas:
        print(melding(programmas), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
