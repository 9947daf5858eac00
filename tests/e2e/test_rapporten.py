"""The "PDF maken" buttons on the dossier overview, in the browser: the answer appears in
the live region next to the button, with the download link; axe finds nothing on the new
parts; the ministry makes the auditor's ZIP the same way. Celery is eager here (no
broker), as in the demo."""

import hashlib
import zipfile

import pytest
from django.urls import reverse

from ecosysteem.rollen import BEOORDELAARS
from subsidie.services.beoordeling import leg_beoordeling_vast, wijs_beoordelaar_toe
from tests.dossiers import compleet_dossier
from tests.subsidie.test_beoordeling_views import ingediend, medewerker, scores

pytestmark = pytest.mark.e2e


def test_programme_manager_makes_the_dossier_pdf_from_the_overview(
    page, adres, ingelogd_als, controleer_toegankelijkheid
):
    d = compleet_dossier(naam="Techregio Browser")
    ingelogd_als(d.programmamanager)
    page.goto(adres(reverse("subsidie:dossier", kwargs={"slug": d.regio.slug})))
    sectie = page.locator("#rapporten")
    sectie.get_by_role("heading", name="Downloaden als pdf").wait_for()
    controleer_toegankelijkheid()

    page.get_by_role("button", name="PDF maken: dossier").click()
    link = page.locator("#rapportstand-dossier").get_by_role("link", name="dossier downloaden")
    link.wait_for(timeout=30_000)
    assert page.locator("#rapportstand-dossier").get_attribute("aria-live") == "polite"
    controleer_toegankelijkheid()

    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"dossier-{d.regio.slug}.pdf"


def test_dossier_pages_print_without_the_navigation(page, adres, ingelogd_als):
    d = compleet_dossier(naam="Techregio Papier")
    ingelogd_als(d.programmamanager)
    for naam in ("subsidie:dossier", "subsidie:begroting", "regios:tijdlijn"):
        page.goto(adres(reverse(naam, kwargs={"slug": d.regio.slug})))
        page.emulate_media(media="print")
        assert page.locator(".portaal-dossiermenu").is_hidden(), naam
        assert page.locator(".portaal-menu").is_hidden(), naam
        assert page.locator("h1").first.is_visible(), naam
        if naam == "subsidie:dossier":
            assert page.locator("#rapporten").is_hidden()
            assert page.get_by_role("heading", name="Voorwaarden voor de aanvraag").is_visible()
        page.emulate_media(media="screen")
        assert page.locator(".portaal-dossiermenu").is_visible(), naam


def test_ministry_makes_the_auditors_zip_in_the_browser(
    page, adres, ingelogd_als, controleer_toegankelijkheid
):
    d = ingediend()
    beoordelaar = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=d.regio, scores=scores(d.regio), eindoordeel="Sterk plan.", door=beoordelaar
    )
    ingelogd_als(beoordelaar)
    page.goto(adres(reverse("subsidie:beoordeling", kwargs={"slug": d.regio.slug})))
    page.get_by_role("heading", name="Auditdossier").wait_for()
    controleer_toegankelijkheid()
    page.get_by_role("button", name="Auditdossier maken (zip)").click()
    link = page.locator("#rapportstand-auditdossier").get_by_role(
        "link", name="Het zip-bestand is klaar"
    )
    link.wait_for(timeout=90_000)
    controleer_toegankelijkheid()
    with page.expect_download() as download:
        link.click()
    archief = zipfile.ZipFile(download.value.path())
    manifest = archief.read("manifest-sha256.txt").decode().splitlines()
    for regel in manifest:
        som, pad = regel.split("  ", 1)
        assert hashlib.sha256(archief.read(pad)).hexdigest() == som
    assert "beoordelingsrapport-versie-1.pdf" in archief.namelist()
