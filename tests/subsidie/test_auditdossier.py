"""The documents around a decision: the sent letter as PDF (made when it is sent), the
draft as PDF, the auditor's ZIP with its SHA-256 manifest, who is refused what, the
clearing of old reports, and reference numbers drawn by concurrent drafts."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import subprocess
import threading
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ecosysteem.models import Actie, Gebeurtenis
from ecosysteem.rollen import BEOORDELAARS, BESLUITVORMERS
from regios.models import Convenant, Rolsoort
from subsidie.models import Besluit, Kenmerkreeks, Rapport, Rapportsoort, Rapportstatus
from subsidie.rapporten import rapportinhoud
from subsidie.services.beoordeling import (
    leg_beoordeling_vast,
    neem_besluit,
    verstuur_besluit,
    volgend_kenmerk,
    wijs_beoordelaar_toe,
)
from subsidie.services.rapporten import vraag_rapport_aan
from subsidie.tasks import ruim_rapporten_op
from tests.dossiers import leeg_dossier
from tests.subsidie.test_beoordeling_views import ingediend, ingelogd, medewerker, scores, url

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
CONVENANT = b"%PDF-1.4 getekend convenant"


def pdftekst(pdf: bytes) -> str:
    uit = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(uit.stdout.decode("utf-8").split())


def maak_via_pagina(client, regio, capture, **gegevens) -> Rapport:
    with capture(execute=True):
        antwoord = client.post(
            reverse("subsidie:rapport_maken", kwargs={"slug": regio.slug}), gegevens, **HTMX
        )
    assert antwoord.status_code == 200, antwoord.content[:300]
    return Rapport.objects.filter(regio=regio, soort=gegevens["soort"]).latest("id")


def download(client, rapport) -> bytes:
    antwoord = client.get(download_url(rapport))
    assert antwoord.status_code == 200
    return b"".join(antwoord.streaming_content)


def download_url(rapport) -> str:
    return reverse(
        "subsidie:rapport_download", kwargs={"slug": rapport.regio.slug, "rapport": rapport.pk}
    )


@pytest.fixture
def besloten(django_capture_on_commit_callbacks):
    """A submitted, assessed dossier with a signed agreement, granted by a decision maker
    who did not assess it; the letter is sent (and its PDF made, as on sending)."""
    d = ingediend()
    convenant = Convenant.objects.create(
        regio=d.regio,
        titel="Convenant 2026",
        ingangsdatum=datetime.date(2026, 1, 1),
        einddatum=datetime.date(2028, 1, 1),
    )
    convenant.document.save("getekend.pdf", ContentFile(CONVENANT))
    beoordelaar = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=d.regio, scores=scores(d.regio), eindoordeel="Sterk plan.", door=beoordelaar
    )
    besluitvormer = medewerker(BESLUITVORMERS)
    besluit = neem_besluit(
        regio=d.regio,
        uitkomst="toekennen",
        bedrag=Decimal("276495"),
        motivering="Het plan is breed gedragen en haalbaar.",
        door=besluitvormer,
    )
    with django_capture_on_commit_callbacks(execute=True):
        besluit = verstuur_besluit(besluit=besluit, door=besluitvormer)
    d.regio.refresh_from_db()
    d.besluit, d.besluitvormer, d.beoordelaar, d.convenant = (
        besluit,
        besluitvormer,
        beoordelaar,
        convenant,
    )
    return d


def test_sending_makes_the_letter_pdf_which_the_region_downloads(besloten):
    d = besloten
    rapport = Rapport.objects.get(soort=Rapportsoort.BESCHIKKING, besluit=d.besluit)
    assert rapport.status == Rapportstatus.KLAAR
    assert rapport.bestandsnaam == f"beschikking-{d.besluit.kenmerk}.pdf"

    # The programme manager finds the button on the overview, and asking again hands out
    # the same PDF (the sent letter never changes).
    pm = ingelogd(d.programmamanager)
    overzicht = pm.get(reverse("subsidie:dossier", args=[d.regio.slug])).content.decode()
    assert f'id="pdf-maken-beschikking-{d.besluit.kenmerk}"' in overzicht
    # ... next to the reports of each submitted version.
    assert 'id="pdf-maken-dossier-versie-1"' in overzicht
    assert 'id="pdf-maken-begroting-versie-1"' in overzicht
    opnieuw = vraag_rapport_aan(
        regio=d.regio, soort="beschikking", besluit=d.besluit, door=d.programmamanager
    )
    assert opnieuw.pk == rapport.pk

    pdf = download(pm, rapport)
    tekst = pdftekst(pdf)
    # pdftotext gives the hard space after the euro sign back as a plain space.
    assert "€ 276.495,00" in tekst
    assert "Het plan is breed gedragen en haalbaar." in tekst
    assert "Kaderregeling subsidies OCW, SZW en VWS" in tekst
    assert d.besluit.kenmerk in tekst
    bezwaar = d.besluit.bezwaar_tot
    assert f"uiterlijk op {bezwaar.day} " in tekst and str(bezwaar.year) in tekst
    assert "Concept" not in tekst
    catalogus = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert catalogus["/Lang"] == "nl" and "/StructTreeRoot" in catalogus
    assert 'pdfuaid:part="1"' in catalogus["/Metadata"].get_object().get_data().decode()
    gelezen = Gebeurtenis.objects.get(actie=Actie.DOCUMENT_GEDOWNLOAD)
    assert gelezen.door == d.programmamanager
    assert gelezen.gegevens["kenmerk"] == d.besluit.kenmerk
    assert gelezen.omschrijving == f"Beschikking {d.besluit.kenmerk} gedownload"


def test_the_draft_letter_as_pdf_is_marked_as_draft_and_only_for_the_ministry(
    django_capture_on_commit_callbacks,
):
    d = ingediend()
    beoordelaar = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=d.regio, scores=scores(d.regio), eindoordeel="Smal.", door=beoordelaar
    )
    besluitvormer = medewerker(BESLUITVORMERS)
    concept = neem_besluit(
        regio=d.regio, uitkomst="afwijzen", motivering="Te smal gedragen.", door=besluitvormer
    )
    client = ingelogd(besluitvormer)
    samenvatting = client.get(url("beoordeling_samenvatting", d.regio)).content.decode()
    assert 'id="pdf-maken-beschikking"' in samenvatting
    rapport = maak_via_pagina(
        client,
        d.regio,
        django_capture_on_commit_callbacks,
        soort="beschikking",
        kenmerk=concept.kenmerk,
    )
    assert rapport.bestandsnaam == f"beschikking-{concept.kenmerk}-concept.pdf"
    tekst = pdftekst(download(client, rapport))
    assert "Concept: deze beschikking is nog niet verstuurd" in tekst
    assert "Te smal gedragen." in tekst

    # The region's own people do not see a draft, not even its PDF.
    pm = ingelogd(d.programmamanager)
    maken = reverse("subsidie:rapport_maken", kwargs={"slug": d.regio.slug})
    assert pm.post(maken, {"soort": "beschikking", "kenmerk": concept.kenmerk}).status_code == 403
    assert pm.get(download_url(rapport)).status_code == 403


def test_the_auditors_zip_holds_every_document_and_its_manifest_matches(
    besloten, django_capture_on_commit_callbacks, tmp_path
):
    d = besloten
    client = ingelogd(d.besluitvormer)
    aanvraag = client.get(url("beoordeling", d.regio)).content.decode()
    assert 'id="pdf-maken-auditdossier"' in aanvraag
    rapport = maak_via_pagina(
        client, d.regio, django_capture_on_commit_callbacks, soort="auditdossier"
    )
    assert rapport.status == Rapportstatus.KLAAR
    # Asked again before anything changed: the same ZIP, nothing made again.
    assert (
        maak_via_pagina(client, d.regio, django_capture_on_commit_callbacks, soort="auditdossier")
        == rapport
    )
    stand = client.get(
        reverse("subsidie:rapport_stand", kwargs={"slug": d.regio.slug, "rapport": rapport.pk})
    ).content.decode()
    assert "Het zip-bestand is klaar" in stand

    antwoord = client.get(download_url(rapport))
    assert antwoord["Content-Type"] == "application/zip"
    assert rapport.bestandsnaam in antwoord["Content-Disposition"]
    inhoud = b"".join(antwoord.streaming_content)
    assert hashlib.sha256(inhoud).hexdigest() == rapport.sha256
    archief = zipfile.ZipFile(io.BytesIO(inhoud))
    namen = set(archief.namelist())
    kenmerk = d.besluit.kenmerk
    document = f"documenten/convenant-{d.convenant.pk}-{Path(d.convenant.document.name).name}"
    verwacht = {
        "versie-1/dossier.pdf",
        "versie-1/begroting.pdf",
        "actueel/dossier.pdf",
        "actueel/begroting.pdf",
        "beoordelingsrapport-versie-1.pdf",
        f"beschikkingen/{kenmerk}.pdf",
        document,
        "tijdlijn.csv",
        "LEESMIJ.txt",
        "manifest-sha256.txt",
    }
    assert namen == verwacht

    # The manifest names every other file once, with its SHA-256 ...
    manifest = archief.read("manifest-sha256.txt").decode()
    regels = [regel.split("  ", 1) for regel in manifest.splitlines()]
    assert {pad for _som, pad in regels} == namen - {"manifest-sha256.txt"}
    for som, pad in regels:
        assert hashlib.sha256(archief.read(pad)).hexdigest() == som, pad
    # ... in the format sha256sum checks.
    archief.extractall(tmp_path)
    controle = subprocess.run(
        ["sha256sum", "--strict", "-c", "manifest-sha256.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert controle.returncode == 0, controle.stdout + controle.stderr
    assert controle.stdout.count(": OK") == len(namen) - 1

    # The documents are what they claim to be.
    assert archief.read(document) == CONVENANT
    assert kenmerk in pdftekst(archief.read(f"beschikkingen/{kenmerk}.pdf"))
    assert d.regio.naam in pdftekst(archief.read("versie-1/dossier.pdf"))
    assert "Sterk plan." in pdftekst(archief.read("beoordelingsrapport-versie-1.pdf"))
    for naam in namen:
        if naam.endswith(".pdf") and not naam.startswith("documenten/"):
            assert archief.read(naam).startswith(b"%PDF-"), naam
    rijen = list(
        csv.DictReader(io.StringIO(archief.read("tijdlijn.csv").decode("utf-8-sig")), delimiter=";")
    )
    acties = [r["actie"] for r in rijen]
    assert Actie.DOSSIER_INGEDIEND in acties and Actie.BESLUIT_GENOMEN in acties
    toegekend = next(r for r in rijen if r["actie"] == Actie.BESLUIT_GENOMEN)
    assert toegekend["naar_status"] == "toegekend" and toegekend["door"]
    assert len(rijen) == d.regio.gebeurtenissen.count() - 1  # all but this very download
    assert d.regio.naam in archief.read("LEESMIJ.txt").decode()

    gelezen = Gebeurtenis.objects.filter(actie=Actie.DOCUMENT_GEDOWNLOAD).latest("id")
    assert gelezen.door == d.besluitvormer and gelezen.gegevens["sha256"] == rapport.sha256


def test_every_document_is_refused_to_outsiders_and_the_zip_to_the_region_itself(
    besloten, client, django_capture_on_commit_callbacks
):
    d = besloten
    zip_ = maak_via_pagina(
        ingelogd(d.besluitvormer),
        d.regio,
        django_capture_on_commit_callbacks,
        soort="auditdossier",
    )
    brief = Rapport.objects.get(soort=Rapportsoort.BESCHIKKING)
    maken = reverse("subsidie:rapport_maken", kwargs={"slug": d.regio.slug})
    zip_vragen = {"soort": "auditdossier"}
    brief_vragen = {"soort": "beschikking", "kenmerk": d.besluit.kenmerk}

    # Anonymous: to the login page.
    for document in (zip_, brief):
        antwoord = client.get(download_url(document))
        assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))
    assert client.post(maken, zip_vragen).status_code == 302

    # Another region's programme manager: the region does not exist for them.
    vreemde = ingelogd(leeg_dossier().programmamanager)
    for document in (zip_, brief):
        assert vreemde.get(download_url(document)).status_code == 404
    assert vreemde.post(maken, zip_vragen).status_code == 404
    assert vreemde.post(maken, brief_vragen).status_code == 404

    # The steering group and the programme manager read the letter, not the ZIP (which
    # holds the assessment).
    for lid in (d.lid(Rolsoort.STUURGROEPLID), d.programmamanager):
        eigen = ingelogd(lid)
        assert eigen.get(download_url(zip_)).status_code == 403
        assert eigen.post(maken, zip_vragen).status_code == 403
        assert eigen.get(download_url(brief)).status_code == 200
    assert (
        Gebeurtenis.objects.filter(actie=Actie.DOCUMENT_GEDOWNLOAD, onderwerp_id=str(zip_.pk))
        .exclude(door=d.besluitvormer)
        .count()
        == 0
    )


def test_old_reports_are_cleared_but_a_sent_letters_pdf_is_kept(
    besloten, django_capture_on_commit_callbacks, settings
):
    d = besloten
    with django_capture_on_commit_callbacks(execute=True):
        dossier = vraag_rapport_aan(regio=d.regio, soort="dossier", door=d.programmamanager)
        recent = vraag_rapport_aan(
            regio=d.regio,
            soort="begroting",
            door=d.programmamanager,
            indiening=d.regio.indieningen.get(),
        )
    brief = Rapport.objects.get(soort=Rapportsoort.BESCHIKKING)
    oud = timezone.now() - datetime.timedelta(days=settings.RAPPORT_BEWAARDAGEN + 1)
    Rapport.objects.filter(pk__in=[dossier.pk, brief.pk]).update(aangevraagd_op=oud)
    dossier.refresh_from_db()
    bestand = dossier.bestand.path
    assert dossier.is_klaar and Path(bestand).is_file()

    assert ruim_rapporten_op() == 1
    assert set(Rapport.objects.values_list("pk", flat=True)) == {brief.pk, recent.pk}
    assert not Path(bestand).exists()
    assert brief.bestand.storage.exists(brief.bestand.name)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_drafts_at_the_same_moment_draw_different_reference_numbers():
    """The first draft of a year creates the year's series; a second one at the same
    moment waits for it instead of failing on the unique number."""
    eerste_heeft_nummer = threading.Event()
    nummers: dict[str, str] = {}
    fouten: list[BaseException] = []

    def eerste():
        try:
            with transaction.atomic():
                nummers["eerste"] = volgend_kenmerk(2031)
                eerste_heeft_nummer.set()
                time.sleep(0.5)  # holds the new series until it commits
            nummers["eerste_klaar"] = time.monotonic()
        except BaseException as fout:  # pragma: no cover - reported below
            fouten.append(fout)
            eerste_heeft_nummer.set()
        finally:
            connection.close()

    def tweede():
        try:
            eerste_heeft_nummer.wait(5)
            with transaction.atomic():
                nummers["tweede"] = volgend_kenmerk(2031)
            nummers["tweede_klaar"] = time.monotonic()
        except BaseException as fout:  # pragma: no cover - reported below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=eerste), threading.Thread(target=tweede)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(20)
    assert not fouten, fouten
    assert {nummers["eerste"], nummers["tweede"]} == {"TK-2031-0001", "TK-2031-0002"}
    assert nummers["tweede"] == "TK-2031-0002"
    assert nummers["tweede_klaar"] >= nummers["eerste_klaar"]
    with transaction.atomic():
        assert volgend_kenmerk(2031) == "TK-2031-0003"


def test_a_new_series_continues_after_numbers_handed_out_before_it(besloten):
    jaar = timezone.localdate().year
    Kenmerkreeks.objects.filter(jaar=jaar).delete()
    Besluit.objects.filter(pk=besloten.besluit.pk).update(kenmerk=f"TK-{jaar}-0041")
    with transaction.atomic():
        assert volgend_kenmerk(jaar) == f"TK-{jaar}-0042"


def test_the_assessment_report_shows_the_decision_in_force_never_a_draft(besloten):
    d = besloten
    gegevens = rapportinhoud(d.regio, "beoordeling").gegevens
    assert gegevens["besluit"]["bedrag"] == "276495.00"
    correctie = neem_besluit(
        regio=d.regio,
        uitkomst="toekennen",
        bedrag=Decimal("250000"),
        motivering="Rekenfout hersteld.",
        door=d.besluitvormer,
        corrigeert=d.besluit,
    )
    # A draft correction is not the decision yet.
    assert rapportinhoud(d.regio, "beoordeling").gegevens["besluit"]["bedrag"] == "276495.00"
    verstuur_besluit(besluit=correctie, door=d.besluitvormer)
    gegevens = rapportinhoud(d.regio, "beoordeling").gegevens
    assert gegevens["besluit"]["bedrag"] == "250000.00"
    assert gegevens["besluit"]["motivering"] == "Rekenfout hersteld."
