"""Render time and peak memory of the dossier PDF of the largest demo region.

Run as a plain script (it is not a test; pytest collects only test_*.py), or with
``make bench``:

    python tests/perf/bench_rapport.py

It sets Django up with ecosysteem.settings.test (a throw-away PostgreSQL when DATABASE_URL
is unset), loads the national register and the demo regions, and renders the live dossier
report of the region with the most participating branches the way the worker does
(:func:`subsidie.tasks.maak` without storing): reading the content, the HTML, WeasyPrint.
The first render is timed (fonts and templates cold), then a second one; the Python memory
peak is measured in a third run, because tracemalloc slows the code it watches. Target: the
second render under 10 s. Then the auditor's ZIP of a region that submitted is made once,
and its time and size printed.
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
DOEL_SECONDEN = 10.0


def main() -> int:
    sys.path.insert(0, str(PROJECT))
    os.chdir(PROJECT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "ecosysteem.settings.test"

    import django

    django.setup()

    from django.core.management import call_command
    from django.db.models import Count, Q
    from django.test.utils import setup_databases, teardown_databases

    from ecosysteem.documenten import render_pdf
    from regios.models import Regio
    from subsidie.auditdossier import auditinhoud
    from subsidie.demo.bouwen import bouw_demo
    from subsidie.models import Rapportsoort
    from subsidie.rapporten import rapport_html, rapportinhoud

    oude_config = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("import_scholen", stdout=io.StringIO())
        bouw_demo(basis="bench-demo-wachtwoord")
        regio = (
            Regio.objects.annotate(
                vestigingen=Count("deelnames", filter=Q(deelnames__vestiging__isnull=False))
            )
            .order_by("-vestigingen")
            .first()
        )

        def render() -> tuple[float, int, int]:
            begin = time.perf_counter()
            html = rapport_html(rapportinhoud(regio, Rapportsoort.DOSSIER))
            pdf = render_pdf(html)
            return time.perf_counter() - begin, len(pdf), len(html)

        koud, grootte, html_grootte = render()
        warm, _grootte, _html = render()
        tracemalloc.start()
        render()
        _, piek = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB on Linux
        print(f"regio: {regio.naam} ({regio.vestigingen} vestigingen)")
        print(
            f"dossier-pdf eerste keer: {koud:.2f} s; daarna: {warm:.2f} s "
            f"(doel < {DOEL_SECONDEN:.0f} s)"
        )
        print(f"pdf: {grootte / 1024:.0f} KiB, html {html_grootte / 1024:.0f} KiB")
        print(f"geheugen: piek {piek / 2**20:.0f} MB aan Python-objecten (tracemalloc)")
        print(f"geheugen proces: maximaal {max_rss:.0f} MB resident (ru_maxrss)")

        # The auditor's ZIP of a region that submitted: every PDF rendered afresh (no
        # ready report to reuse), the uploads, the timeline and the manifest.
        ingediend = Regio.objects.filter(indieningen__isnull=False).distinct().first()
        if ingediend is not None:
            begin = time.perf_counter()
            inhoud = auditinhoud(ingediend)
            zip_ = inhoud.maak()
            duur = time.perf_counter() - begin
            print(
                f"auditdossier {ingediend.naam}: {duur:.2f} s, {len(inhoud.delen) + 3} "
                f"bestanden, {len(zip_) / 1024:.0f} KiB"
            )
    finally:
        teardown_databases(oude_config, verbosity=0)
    if warm > DOEL_SECONDEN:
        print(f"TE TRAAG: de dossier-pdf duurde langer dan {DOEL_SECONDEN:.0f} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
