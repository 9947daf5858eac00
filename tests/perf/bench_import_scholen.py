"""Speed and memory of ``manage.py import_scholen`` on the whole national register.

Run as a plain script (it is not a test; pytest collects only test_*.py):

    python tests/perf/bench_import_scholen.py

It sets Django up with ecosysteem.settings.test, which starts a throw-away PostgreSQL
cluster when DATABASE_URL is unset, migrates a fresh test database, and times a first
import (8,622 new branches) and a second, no-op import of the same file. Target: the first
import in under 15 s. The Python memory peak is measured in a separate, rolled-back import,
because tracemalloc slows the code it watches.
"""

from __future__ import annotations

import io
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
DOEL_SECONDEN = 15.0


def main() -> int:
    sys.path.insert(0, str(PROJECT))
    os.chdir(PROJECT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "ecosysteem.settings.test"

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import setup_databases, teardown_databases

    from partners.models import Gemeente, Registerimport, Vestiging
    from partners.register import importeer_register

    oude_config = setup_databases(verbosity=0, interactive=False)
    try:
        versie = getattr(connection, "pg_version", "")
        print(f"database: {connection.vendor} {versie}".rstrip())

        def importeer() -> float:
            uitvoer = io.StringIO()
            begin = time.perf_counter()
            call_command("import_scholen", stdout=uitvoer)
            return time.perf_counter() - begin

        eerste = importeer()
        aantal = Vestiging.objects.count()
        print(f"import_scholen eerste run: {eerste:.1f} s ({aantal} vestigingen)")
        tweede = importeer()
        laatste = Registerimport.objects.order_by("-pk").first()
        print(
            f"import_scholen tweede run: {tweede:.1f} s "
            f"({laatste.ongewijzigd} ongewijzigd, {laatste.gewijzigd} gewijzigd, "
            f"{laatste.nieuw} nieuw)"
        )

        # The memory of a first import, measured on an emptied register inside a transaction
        # that is rolled back afterwards.
        with transaction.atomic():
            Registerimport.objects.all().delete()
            Vestiging.objects.all().delete()
            Gemeente.objects.all().delete()
            tracemalloc.start()
            importeer_register()
            _, piek = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            transaction.set_rollback(True)
        max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(f"geheugen eerste run: piek {piek / 2**20:.0f} MB aan Python-objecten (tracemalloc)")
        print(f"geheugen proces: maximaal {max_rss:.0f} MB resident (ru_maxrss)")
    finally:
        teardown_databases(oude_config, verbosity=0)

    if eerste > DOEL_SECONDEN:
        print(f"TE TRAAG: de eerste run duurde langer dan {DOEL_SECONDEN:.0f} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
