"""The dossier PDF as in production: the page asks, a real Celery worker (through a real
Redis) renders, the page polls until the download link appears, and the PDF's text holds
the region's name, the maximum subsidy and every rule's outcome."""

from __future__ import annotations

import re
import subprocess
import time

from django.urls import reverse

from ecosysteem.opmaak import euro
from subsidie.dossier import laad_dossier
from subsidie.models import Rapport
from tests.dossiers import compleet_dossier

HTMX = {"HTTP_HX_REQUEST": "true"}
WACHTTIJD = 60  # seconds; a render takes a few


def test_dossier_pdf_rendered_by_a_real_worker_as_the_page_asks_and_polls(celery_werker, client):
    d = compleet_dossier(naam="Techregio Werker")
    client.force_login(d.programmamanager)
    antwoord = client.post(
        reverse("subsidie:rapport_maken", kwargs={"slug": d.regio.slug}),
        {"soort": "dossier"},
        **HTMX,
    )
    # The page answers at once with the pending state that polls.
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    rapport = Rapport.objects.get()
    stand_url = reverse(
        "subsidie:rapport_stand", kwargs={"slug": d.regio.slug, "rapport": rapport.pk}
    )
    download_url = reverse(
        "subsidie:rapport_download", kwargs={"slug": d.regio.slug, "rapport": rapport.pk}
    )
    if "hx-trigger" in html:
        assert f'hx-get="{stand_url}"' in html

    # Poll as htmx does (every 2 s on the page; faster here) until the link appears.
    einde = time.monotonic() + WACHTTIJD
    while download_url not in html:
        assert time.monotonic() < einde, f"geen pdf na {WACHTTIJD} s: {html}"
        assert 'data-status="mislukt"' not in html, html
        time.sleep(0.3)
        html = client.get(stand_url, **HTMX).content.decode()
    assert "hx-trigger" not in html

    pdf = b"".join(client.get(download_url).streaming_content)
    tekst = re.sub(
        r"\s+",
        " ",
        subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode(),
    )
    dossier = laad_dossier(d.regio)
    assert "Techregio Werker" in tekst
    assert euro(dossier.berekening.totaal).removeprefix("€\u00a0") in tekst
    assert dossier.toetsing
    for regel in dossier.toetsing:
        uitkomst = "voldaan" if regel.geslaagd else "niet voldaan"
        assert f"{regel.titel}: {uitkomst}." in tekst
