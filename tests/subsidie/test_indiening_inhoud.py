"""What the ministry reads of a submission: besides the dossier's parts, the agreement
(signatures and the document's fingerprint), the state of the collaboration scan (never
its answers) and the region's municipalities and provinces, frozen at submission."""

import datetime
import hashlib
import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecosysteem.rollen import BEOORDELAARS
from kompas.models import Scaninzending, Scanronde, Scanscore
from regios.models import Convenant, Deelname, Ondertekening
from subsidie.models import Indiening
from subsidie.services import dien_in
from tests.dossiers import compleet_dossier
from tests.factories import GebruikerFactory, GemeenteFactory, PersoonFactory, provincie

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% convenant Techregio\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def vandaag() -> datetime.date:
    return timezone.localdate()


def dossier_met_alles():
    d = compleet_dossier(naam="Techregio Noord")
    regio = d.regio
    groningen = provincie("Groningen")
    drenthe = provincie("Drenthe")
    regio.provincies.set([groningen, drenthe])
    regio.gemeenten.set(
        [
            GemeenteFactory(naam_register="WESTERKWARTIER", provincie=groningen),
            GemeenteFactory(naam_register="TYNAARLO", provincie=drenthe),
        ]
    )
    bestuur, bedrijf = (
        d_.organisatie
        for d_ in Deelname.objects.filter(regio=regio, organisatie__isnull=False).order_by(
            "-is_penvoerder"
        )
    )
    convenant = Convenant(
        regio=regio,
        titel="Samenwerkingsconvenant 2026–2028",
        ingangsdatum=vandaag() - datetime.timedelta(days=30),
        einddatum=vandaag() + datetime.timedelta(days=700),
    )
    convenant.document.save("a1b2c3.pdf", ContentFile(PDF), save=False)
    convenant.save()
    Ondertekening.objects.create(
        convenant=convenant,
        organisatie=bestuur,
        ondertekenaar="Jan Jansen",
        functie="Bestuurder",
        datum=vandaag() - datetime.timedelta(days=20),
    )
    gesloten = Scanronde.objects.create(regio=regio, naam="Voorjaar 2026")
    for _ in range(2):
        inzending = Scaninzending.objects.create(
            ronde=gesloten, persoon=PersoonFactory(), organisatiesoort="bedrijf"
        )
        Scanscore.objects.create(
            inzending=inzending, vraag="relatie", score=2, toelichting="Geheime toelichting"
        )
    gesloten.gesloten_op = timezone.now()
    gesloten.save()
    open_ = Scanronde.objects.create(regio=regio, naam="Najaar 2026")
    Scaninzending.objects.create(ronde=open_, persoon=PersoonFactory(), organisatiesoort="bedrijf")
    return d, bestuur, bedrijf


def test_submission_freezes_the_agreement_the_scan_and_the_area():
    d, bestuur, bedrijf = dossier_met_alles()

    indiening = dien_in(regio=d.regio, door=d.programmamanager)

    inhoud = indiening.inhoud
    assert inhoud["regio"]["provincies"] == ["Drenthe", "Groningen"]
    assert inhoud["regio"]["gemeenten"] == ["Tynaarlo", "Westerkwartier"]
    [convenant] = inhoud["convenanten"]
    assert convenant["titel"] == "Samenwerkingsconvenant 2026–2028"
    assert convenant["ingangsdatum"] == (vandaag() - datetime.timedelta(days=30)).isoformat()
    assert convenant["einddatum"] == (vandaag() + datetime.timedelta(days=700)).isoformat()
    assert convenant["status"] == "lopend"
    assert convenant["document"]["naam"] == "samenwerkingsconvenant-20262028.pdf"
    assert convenant["document"]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert convenant["document"]["grootte"] == len(PDF)
    assert convenant["ondertekeningen"] == [
        {
            "partner": bestuur.naam,
            "ondertekenaar": "Jan Jansen",
            "functie": "Bestuurder",
            "datum": (vandaag() - datetime.timedelta(days=20)).isoformat(),
        }
    ]
    assert convenant["niet_ondertekend"] == [bedrijf.naam]
    assert inhoud["scan"] == {
        "rondes": [
            {"naam": "Voorjaar 2026", "open": False, "respondenten": 2},
            {"naam": "Najaar 2026", "open": True, "respondenten": 1},
        ]
    }
    # The counts only: no score, no explanation, no person.
    bevroren = json.dumps(inhoud)
    assert "Geheime toelichting" not in bevroren
    assert "relatie" not in json.dumps(inhoud["scan"])


def test_a_dossier_without_agreement_or_scan_freezes_empty_parts():
    d = compleet_dossier()
    inhoud = dien_in(regio=d.regio, door=d.programmamanager).inhoud
    assert inhoud["convenanten"] == []
    assert inhoud["scan"] == {"rondes": []}
    assert inhoud["regio"]["gemeenten"] == [] and inhoud["regio"]["provincies"] == []


def beoordelaar_client() -> Client:
    gebruiker = GebruikerFactory()
    gebruiker.groups.add(Group.objects.get(name=BEOORDELAARS))
    client = Client()
    client.force_login(gebruiker)
    return client


def test_the_ministry_reads_the_agreement_the_scan_and_the_area_on_the_aanvraag_page():
    d, _bestuur, bedrijf = dossier_met_alles()
    dien_in(regio=d.regio, door=d.programmamanager)
    # Changed after submission: the ministry reads what was submitted.
    Ondertekening.objects.create(
        convenant=Convenant.objects.get(),
        organisatie=bedrijf,
        ondertekenaar="Later",
        datum=vandaag(),
    )

    html = (
        beoordelaar_client()
        .get(reverse("subsidie:beoordeling", kwargs={"slug": d.regio.slug}))
        .content.decode()
    )

    gebied = html[html.index('id="gebied"') :]
    assert "Drenthe, Groningen" in gebied and "Tynaarlo, Westerkwartier" in gebied
    convenant = html[html.index('id="convenanten"') :]
    assert "Samenwerkingsconvenant 2026–2028" in convenant
    assert hashlib.sha256(PDF).hexdigest() in convenant
    assert "samenwerkingsconvenant-20262028.pdf" in convenant
    assert "Jan Jansen" in convenant and "Bestuurder" in convenant
    assert f"Nog niet ondertekend: {bedrijf.naam}" in convenant
    assert "Later" not in convenant
    scan = html[html.index('id="scanrondes"') :]
    assert "Voorjaar 2026" in scan and "gesloten" in scan and "Najaar 2026" in scan
    assert "Geheime toelichting" not in html


def test_an_older_submission_without_these_parts_still_renders():
    d = compleet_dossier()
    indiening = dien_in(regio=d.regio, door=d.programmamanager)
    inhoud = dict(indiening.inhoud)
    for sleutel in ("convenanten", "scan"):
        del inhoud[sleutel]
    inhoud["regio"] = {
        k: v for k, v in inhoud["regio"].items() if k not in ("gemeenten", "provincies")
    }
    Indiening.objects.filter(pk=indiening.pk).update(inhoud=inhoud)

    antwoord = beoordelaar_client().get(
        reverse("subsidie:beoordeling", kwargs={"slug": d.regio.slug})
    )

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert html.count("Niet vastgelegd in deze versie") == 3
