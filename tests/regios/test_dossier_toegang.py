"""Every URL of a region's dossier, found from the URL configuration so that no page is
forgotten, refuses people outside the region and lets readers look but not change."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

import kompas.urls
import regios.urls
import subsidie.urls
from ecosysteem.models import Gebeurtenis
from kompas.models import Activiteit, Kompaspunt, Scanronde
from partners.models import Aanmelding, Aanmeldingstatus
from regios.models import (
    Bestuursorgaan,
    Convenant,
    Deelname,
    Ondertekening,
    Orgaansoort,
    Rol,
    Rolsoort,
)
from subsidie.models import Begrotingsregel, Cofinanciering, Rapport, Rapportstatus
from tests.dossiers import compleet_dossier, leeg_dossier
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def dossier_urls(dossier) -> list[str]:
    """Every dossier URL, with ids of objects that belong to this region. A new URL with an
    id must be added to ``ids`` below, or this fails: no page escapes the check."""
    regio = dossier.regio
    orgaan = Bestuursorgaan.objects.create(regio=regio, soort=Orgaansoort.STUURGROEP, naam="SG")
    bedrijf = Deelname.objects.filter(regio=regio, organisatie__isnull=False).first()
    convenant = Convenant.objects.create(
        regio=regio,
        titel="Samenwerkingsovereenkomst",
        ingangsdatum=datetime.date(2026, 9, 1),
        einddatum=datetime.date(2028, 8, 31),
    )
    ondertekening = Ondertekening.objects.create(
        convenant=convenant,
        organisatie=bedrijf.organisatie,
        ondertekenaar="A. de Wit",
        datum=datetime.date(2026, 9, 1),
    )
    kompaspunt, _ = Kompaspunt.objects.get_or_create(
        slug="regionale-samenwerking",
        defaults={"naam": "Regionale samenwerking", "samenvatting": "Samen werken."},
    )
    activiteit = Activiteit.objects.create(
        regio=regio,
        titel="Techniekweek",
        beschrijving="Een week techniek in alle scholen.",
        interventieniveau="III",
        doelgroepen=["po"],
    )
    activiteit.kompaspunten.add(kompaspunt)
    ronde = Scanronde.objects.create(regio=regio, naam="Voorjaar")
    vestiging = Deelname.objects.filter(regio=regio, vestiging__isnull=False).first()
    aanmelding = Aanmelding.objects.create(
        regio=regio,
        status=Aanmeldingstatus.BEVESTIGD,
        soort="bedrijf",
        naam="Aangemeld Bedrijf",
        kvk_nummer="87654321",
        postcode="9712AB",
        plaats="Groningen",
        voornaam="Ada",
        achternaam="Bakker",
        email="ada@voorbeeld.nl",
        privacy_akkoord=True,
    )
    rapport = Rapport.objects.create(
        regio=regio, soort="dossier", inhoud_hash="0" * 64, status=Rapportstatus.KLAAR
    )
    ids = {
        "rapport_stand": rapport.pk,
        "rapport_download": rapport.pk,
        # Outsiders are refused before the letter is looked up; reading a sent letter is
        # tested with the decision (tests/subsidie/test_beschikking.py).
        "beschikking": "TK-0000-0000",
        "vestiging_verwijderen": vestiging.pk,
        "vestiging_leerlingen": vestiging.pk,
        "partner_penvoerder": bedrijf.pk,
        "partner_verwijderen": bedrijf.pk,
        "aanmelding_goedkeuren": aanmelding.pk,
        "aanmelding_afwijzen": aanmelding.pk,
        "rol_intrekken": Rol.objects.filter(regio=regio).first().pk,
        "account_uitnodigen": Rol.objects.filter(regio=regio).first().persoon_id,
        "orgaan_opheffen": orgaan.pk,
        "convenant_wijzigen": convenant.pk,
        "convenant_ondertekenen": convenant.pk,
        "convenant_document": convenant.pk,
        "convenant_ondertekening_verwijderen": ondertekening.pk,
        "cofinanciering_wijzigen": Cofinanciering.objects.filter(regio=regio).first().pk,
        "cofinanciering_verwijderen": Cofinanciering.objects.filter(regio=regio).first().pk,
        "begroting_wijzigen": Begrotingsregel.objects.filter(regio=regio).first().pk,
        "begroting_verwijderen": Begrotingsregel.objects.filter(regio=regio).first().pk,
        "activiteit_wijzigen": activiteit.pk,
        "activiteit_verwijderen": activiteit.pk,
        "scan_uitslag": ronde.pk,
        "scan_sluiten": ronde.pk,
        "scan_invullen": ronde.pk,
    }
    urls = []
    for module in (regios.urls, subsidie.urls, kompas.urls):
        for patroon in module.urlpatterns:
            if not str(patroon.pattern).startswith("regio/<slug:slug>/"):
                continue
            kwargs = {"slug": regio.slug}
            for sleutel in patroon.pattern.converters:
                if sleutel != "slug":
                    kwargs[sleutel] = ids[patroon.name]
            urls.append(reverse(f"{module.app_name}:{patroon.name}", kwargs=kwargs))
    return urls


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_url_configuration_has_all_dossier_pages():
    urls = dossier_urls(compleet_dossier())
    assert len(urls) >= 39


def test_programme_manager_of_another_region_gets_404_on_every_dossier_url():
    d = compleet_dossier()
    urls = dossier_urls(d)
    gebeurtenissen = Gebeurtenis.objects.count()
    client = ingelogd(leeg_dossier().programmamanager)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"versie": d.regio.versie}).status_code == 404, url
    assert Gebeurtenis.objects.count() == gebeurtenissen


def test_logged_in_user_without_a_role_gets_404_and_visitors_go_to_login():
    d = compleet_dossier()
    urls = dossier_urls(d)
    client = ingelogd(GebruikerFactory())
    anoniem = Client()
    for url in urls:
        assert client.get(url).status_code == 404, url
        antwoord = anoniem.post(url, {"versie": d.regio.versie})
        assert antwoord.status_code == 302, url
        assert antwoord["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("rol", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_readers_get_403_on_every_write(rol):
    d = compleet_dossier()
    urls = dossier_urls(d)
    client = ingelogd(d.lid(rol))
    gebeurtenissen = Gebeurtenis.objects.count()
    for url in urls:
        if url.endswith("/invullen/"):
            continue  # every role in the region may answer the collaboration scan
        if "/rapporten/" in url:
            # Asking for a PDF is reading, open to readers (tests/test_toegang_per_rol.py,
            # tests/subsidie/test_rapporten.py); it writes nothing to the dossier.
            continue
        assert client.post(url, {"versie": d.regio.versie}).status_code == 403, url
    assert Gebeurtenis.objects.count() == gebeurtenissen
