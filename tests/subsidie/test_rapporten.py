"""Reports of a dossier as PDF (eager Celery, as in the demo): the page asks, polls and
downloads; the PDF is PDF/UA with its text; every document is refused to outsiders; a
second request of unchanged content renders nothing; stale requests turn failed."""

from __future__ import annotations

import datetime
import io
import re
import subprocess

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ecosysteem.models import Actie, Gebeurtenis
from ecosysteem.rollen import BEOORDELAARS
from regios.models import Convenant, Rolsoort
from subsidie.dossier import laad_dossier
from subsidie.models import Rapport, Rapportstatus
from subsidie.services import dien_in
from subsidie.services.rapporten import vraag_rapport_aan
from subsidie.tasks import maak
from tests.dossiers import compleet_dossier, leeg_dossier
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def pdftekst(pdf: bytes) -> str:
    uit = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return re.sub(r"\s+", " ", uit.stdout.decode("utf-8"))


def vraag_via_pagina(client, regio, soort="dossier", versie=None, django_capture=None):
    gegevens = {"soort": soort}
    if versie:
        gegevens["versie"] = versie
    with django_capture(execute=True):
        antwoord = client.post(
            reverse("subsidie:rapport_maken", kwargs={"slug": regio.slug}), gegevens, **HTMX
        )
    return antwoord


def download(client, rapport) -> bytes:
    antwoord = client.get(
        reverse(
            "subsidie:rapport_download", kwargs={"slug": rapport.regio.slug, "rapport": rapport.pk}
        )
    )
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    return b"".join(antwoord.streaming_content)


def medewerker(groep):
    gebruiker = GebruikerFactory()
    gebruiker.groups.add(Group.objects.get(name=groep))
    return gebruiker


def test_overview_offers_the_pdf_buttons_in_a_live_region(client):
    d = compleet_dossier()
    client.force_login(d.programmamanager)
    html = client.get(reverse("subsidie:dossier", kwargs={"slug": d.regio.slug})).content.decode()
    assert 'id="pdf-maken-dossier"' in html
    assert 'id="pdf-maken-begroting"' in html
    assert 'id="pdf-maken-beoordeling"' not in html
    assert 'id="rapportstand-dossier" aria-live="polite"' in html


def test_dossier_pdf_through_the_page_holds_name_maximum_and_every_rule(
    client, django_capture_on_commit_callbacks
):
    d = compleet_dossier(naam="Techregio Zuidwest")
    client.force_login(d.programmamanager)
    antwoord = vraag_via_pagina(client, d.regio, django_capture=django_capture_on_commit_callbacks)
    assert antwoord.status_code == 200
    rapport = Rapport.objects.get()
    assert rapport.status == Rapportstatus.KLAAR
    stand = client.get(
        reverse("subsidie:rapport_stand", kwargs={"slug": d.regio.slug, "rapport": rapport.pk}),
        **HTMX,
    ).content.decode()
    assert "hx-trigger" not in stand  # ready: no more polling
    assert (
        reverse("subsidie:rapport_download", kwargs={"slug": d.regio.slug, "rapport": rapport.pk})
        in stand
    )

    tekst = pdftekst(download(client, rapport))
    dossier = laad_dossier(d.regio)
    assert "Techregio Zuidwest" in tekst
    maximum = (
        f"{dossier.berekening.totaal:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    )
    assert maximum in tekst
    assert dossier.toetsing
    for regel in dossier.toetsing:
        uitkomst = "voldaan" if regel.geslaagd else "niet voldaan"
        assert f"{regel.titel}: {uitkomst}." in tekst


def test_the_pdf_is_tagged_pdf_ua_in_dutch_with_embedded_fonts(
    client, django_capture_on_commit_callbacks
):
    d = compleet_dossier()
    client.force_login(d.programmamanager)
    vraag_via_pagina(client, d.regio, django_capture=django_capture_on_commit_callbacks)
    pdf = download(client, Rapport.objects.get())
    lezer = PdfReader(io.BytesIO(pdf))
    catalogus = lezer.trailer["/Root"]
    assert catalogus["/Lang"] == "nl"
    assert catalogus["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalogus
    assert catalogus["/StructTreeRoot"]["/K"]
    xmp = catalogus["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    assert lezer.metadata.title.startswith("Dossier")
    lettertypen = [
        f.get_object()
        for pagina in lezer.pages
        for f in (pagina["/Resources"].get("/Font") or {}).values()
    ]
    assert lettertypen
    for lettertype in lettertypen:
        beschrijving = lettertype["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in beschrijving or "/FontFile3" in beschrijving


def test_a_submitted_version_renders_from_its_frozen_content(
    client, django_capture_on_commit_callbacks
):
    d = compleet_dossier(naam="Techregio Bevroren")
    dien_in(regio=d.regio, door=d.programmamanager)
    d.regio.refresh_from_db()
    client.force_login(d.programmamanager)
    vraag_via_pagina(client, d.regio, versie=1, django_capture=django_capture_on_commit_callbacks)
    rapport = Rapport.objects.get()
    assert rapport.indiening.versie == 1
    tekst = pdftekst(download(client, rapport))
    assert "Versie 1, ingediend op" in tekst
    assert "Techregio Bevroren" in tekst


def test_budget_statement_per_school_year_and_partner(client, django_capture_on_commit_callbacks):
    d = compleet_dossier()
    client.force_login(d.programmamanager)
    vraag_via_pagina(
        client, d.regio, soort="begroting", django_capture=django_capture_on_commit_callbacks
    )
    tekst = pdftekst(download(client, Rapport.objects.get()))
    assert "Begroting per schooljaar en kostensoort" in tekst
    assert "Cofinanciering per partner" in tekst


def test_a_second_request_of_unchanged_content_does_not_render_again(
    django_capture_on_commit_callbacks,
):
    d = compleet_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        eerste = vraag_rapport_aan(regio=d.regio, soort="dossier", door=d.programmamanager)
    eerste.refresh_from_db()
    assert eerste.is_klaar and eerste.pogingen == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tweede = vraag_rapport_aan(regio=d.regio, soort="dossier", door=d.programmamanager)
    assert tweede.pk == eerste.pk
    assert callbacks == []  # nothing queued
    # A second delivery of the task finds the report ready and stops.
    assert maak(eerste.pk) is False
    eerste.refresh_from_db()
    assert eerste.pogingen == 1
    assert Rapport.objects.count() == 1


def test_changed_content_gets_a_new_report(django_capture_on_commit_callbacks):
    d = compleet_dossier()
    with django_capture_on_commit_callbacks(execute=True):
        eerste = vraag_rapport_aan(regio=d.regio, soort="dossier", door=d.programmamanager)
    d.regio.visie = "Een nieuwe visie."
    d.regio.save(update_fields=["visie"])
    with django_capture_on_commit_callbacks(execute=True):
        tweede = vraag_rapport_aan(regio=d.regio, soort="dossier", door=d.programmamanager)
    assert tweede.pk != eerste.pk
    assert tweede.inhoud_hash != eerste.inhoud_hash


def test_a_stale_request_shows_as_failed_with_a_retry_button(client, settings):
    d = compleet_dossier()
    # Queued but never picked up (no callbacks run: as with the broker down).
    rapport = vraag_rapport_aan(regio=d.regio, soort="dossier", door=d.programmamanager)
    Rapport.objects.filter(pk=rapport.pk).update(
        aangevraagd_op=timezone.now()
        - datetime.timedelta(seconds=settings.RAPPORT_MAX_WACHTTIJD + 1)
    )
    client.force_login(d.programmamanager)
    url = reverse("subsidie:rapport_stand", kwargs={"slug": d.regio.slug, "rapport": rapport.pk})
    html = client.get(url, **HTMX).content.decode()
    assert 'data-status="mislukt"' in html
    assert "Opnieuw proberen" in html
    assert "hx-trigger" not in html
    nieuw = vraag_rapport_aan(regio=d.regio, soort="dossier", door=d.programmamanager)
    assert nieuw.pk != rapport.pk
    rapport.refresh_from_db()
    assert rapport.status == Rapportstatus.MISLUKT


def test_a_pending_report_polls(client):
    d = compleet_dossier()
    rapport = vraag_rapport_aan(regio=d.regio, soort="dossier", door=d.programmamanager)
    client.force_login(d.programmamanager)
    url = reverse("subsidie:rapport_stand", kwargs={"slug": d.regio.slug, "rapport": rapport.pk})
    html = client.get(url, **HTMX).content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert "wordt gemaakt" in html


def test_every_download_is_recorded(client, django_capture_on_commit_callbacks):
    d = compleet_dossier()
    client.force_login(d.programmamanager)
    vraag_via_pagina(client, d.regio, django_capture=django_capture_on_commit_callbacks)
    rapport = Rapport.objects.get()
    download(client, rapport)
    download(client, rapport)
    gebeurtenissen = Gebeurtenis.objects.filter(actie=Actie.DOCUMENT_GEDOWNLOAD)
    assert gebeurtenissen.count() == 2
    assert {g.door_id for g in gebeurtenissen} == {d.programmamanager.pk}
    assert all(g.regio_id == d.regio.pk for g in gebeurtenissen)
    assert gebeurtenissen.first().gegevens["sha256"] == rapport.sha256


def test_downloads_do_not_change_the_content_hash(client, django_capture_on_commit_callbacks):
    d = compleet_dossier()
    client.force_login(d.programmamanager)
    vraag_via_pagina(client, d.regio, django_capture=django_capture_on_commit_callbacks)
    download(client, Rapport.objects.get())
    vraag_via_pagina(client, d.regio, django_capture=django_capture_on_commit_callbacks)
    assert Rapport.objects.count() == 1


@pytest.fixture
def documenten(django_capture_on_commit_callbacks):
    """A submitted, assessed-ready dossier with a report of every kind and an agreement
    document; returns (dossier, reports, agreement)."""
    d = compleet_dossier()
    convenant = Convenant.objects.create(
        regio=d.regio,
        titel="Convenant 2026",
        ingangsdatum=datetime.date(2026, 1, 1),
        einddatum=datetime.date(2028, 1, 1),
    )
    convenant.document.save("getekend.pdf", ContentFile(b"%PDF-1.4 getekend"))
    dien_in(regio=d.regio, door=d.programmamanager)
    d.regio.refresh_from_db()
    beoordelaar = medewerker(BEOORDELAARS)
    indiening = d.regio.indieningen.get()
    with django_capture_on_commit_callbacks(execute=True):
        rapporten = [
            vraag_rapport_aan(regio=d.regio, soort="dossier", door=d.programmamanager),
            vraag_rapport_aan(
                regio=d.regio, soort="begroting", door=d.programmamanager, indiening=indiening
            ),
            vraag_rapport_aan(regio=d.regio, soort="beoordeling", door=beoordelaar),
        ]
    return d, rapporten, convenant, beoordelaar


def _document_urls(d, rapporten, convenant):
    urls = {
        f"{r.soort}-{r.pk}": reverse(
            "subsidie:rapport_download", kwargs={"slug": d.regio.slug, "rapport": r.pk}
        )
        for r in rapporten
    }
    urls["convenant"] = reverse(
        "regios:convenant_document", kwargs={"slug": d.regio.slug, "pk": convenant.pk}
    )
    return urls


def test_outsiders_are_refused_every_document(client, documenten):
    d, rapporten, convenant, _beoordelaar = documenten
    urls = _document_urls(d, rapporten, convenant)
    # An anonymous visitor goes to the login page.
    for url in urls.values():
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))
    # Another region's programme manager is not told the region exists.
    client.force_login(leeg_dossier().programmamanager)
    for naam, url in urls.items():
        assert client.get(url).status_code == 404, naam
        assert client.get(url.removesuffix("download/")).status_code in (404,), naam
    maken = reverse("subsidie:rapport_maken", kwargs={"slug": d.regio.slug})
    assert client.post(maken, {"soort": "dossier"}).status_code == 404
    assert not Gebeurtenis.objects.filter(actie=Actie.DOCUMENT_GEDOWNLOAD).exists()


def test_a_steering_group_member_reads_the_dossier_but_not_the_assessment(client, documenten):
    d, rapporten, convenant, _beoordelaar = documenten
    client.force_login(d.lid(Rolsoort.STUURGROEPLID))
    urls = _document_urls(d, rapporten, convenant)
    for naam, url in urls.items():
        verwacht = 403 if naam.startswith("beoordeling") else 200
        assert client.get(url).status_code == verwacht, naam
    maken = reverse("subsidie:rapport_maken", kwargs={"slug": d.regio.slug})
    assert client.post(maken, {"soort": "beoordeling", "versie": 1}).status_code == 403
    # Only the downloads that were allowed are recorded.
    assert Gebeurtenis.objects.filter(actie=Actie.DOCUMENT_GEDOWNLOAD).count() == 3


def test_ministry_staff_read_the_submitted_reports_and_the_assessment(client, documenten):
    d, rapporten, _convenant, beoordelaar = documenten
    client.force_login(beoordelaar)
    dossier_live, begroting_versie, beoordeling = rapporten
    assert (
        client.get(
            reverse(
                "subsidie:rapport_download",
                kwargs={"slug": d.regio.slug, "rapport": begroting_versie.pk},
            )
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse(
                "subsidie:rapport_download",
                kwargs={"slug": d.regio.slug, "rapport": beoordeling.pk},
            )
        ).status_code
        == 200
    )
    # The live dossier is the region's own, as its pages are.
    assert (
        client.get(
            reverse(
                "subsidie:rapport_download",
                kwargs={"slug": d.regio.slug, "rapport": dossier_live.pk},
            )
        ).status_code
        == 403
    )
    html = client.get(
        reverse("subsidie:beoordeling", kwargs={"slug": d.regio.slug})
    ).content.decode()
    assert 'id="pdf-maken-beoordeling"' in html


def test_the_agreement_document_lives_in_private_storage(settings, documenten):
    _d, _rapporten, convenant, _b = documenten
    pad = convenant.document.path
    assert pad.startswith(str(settings.PRIVATE_MEDIA_ROOT.resolve()))
    assert not pad.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        convenant.document.url  # noqa: B018


def test_without_javascript_the_request_leads_to_a_page_that_shows_the_report(
    client, django_capture_on_commit_callbacks
):
    d = compleet_dossier()
    client.force_login(d.programmamanager)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("subsidie:rapport_maken", kwargs={"slug": d.regio.slug}),
            {"soort": "dossier"},
        )
    rapport = Rapport.objects.get()
    stand = reverse("subsidie:rapport_stand", kwargs={"slug": d.regio.slug, "rapport": rapport.pk})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == stand
    pagina = client.get(stand).content.decode()
    assert 'aria-live="polite"' in pagina
    assert (
        reverse("subsidie:rapport_download", kwargs={"slug": d.regio.slug, "rapport": rapport.pk})
        in pagina
    )
