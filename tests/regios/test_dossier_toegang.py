"""Every URL of a region's dossier, found from the URL configuration so that no page is
forgotten, refuses people outside the region and lets readers look but not change."""

import pytest
from django.test import Client
from django.urls import reverse

import regios.urls
import subsidie.urls
from ecosysteem.models import Gebeurtenis
from regios.models import Bestuursorgaan, Deelname, Orgaansoort, Rol, Rolsoort
from subsidie.models import Begrotingsregel, Cofinanciering
from tests.dossiers import compleet_dossier, leeg_dossier
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def dossier_urls(dossier) -> list[str]:
    """Every dossier URL, with ids of objects that belong to this region."""
    regio = dossier.regio
    orgaan = Bestuursorgaan.objects.create(regio=regio, soort=Orgaansoort.STUURGROEP, naam="SG")
    ids = {
        "vestigingen": Deelname.objects.filter(regio=regio, vestiging__isnull=False).first().pk,
        "partners": Deelname.objects.filter(regio=regio, organisatie__isnull=False).first().pk,
        "rollen": Rol.objects.filter(regio=regio).first().pk,
        "organen": orgaan.pk,
        "cofinanciering": Cofinanciering.objects.filter(regio=regio).first().pk,
        "begroting": Begrotingsregel.objects.filter(regio=regio).first().pk,
    }
    urls = []
    for module in (regios.urls, subsidie.urls):
        for patroon in module.urlpatterns:
            route = str(patroon.pattern)
            if "<slug:slug>" not in route:
                continue
            kwargs = {"slug": regio.slug}
            for sleutel in patroon.pattern.converters:
                if sleutel != "slug":
                    deel = "organen" if "organen" in route else route.split("/")[2]
                    kwargs[sleutel] = ids[deel]
            urls.append(reverse(f"{module.app_name}:{patroon.name}", kwargs=kwargs))
    return urls


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_url_configuration_has_all_dossier_pages():
    urls = dossier_urls(compleet_dossier())
    assert len(urls) >= 26


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
        assert client.post(url, {"versie": d.regio.versie}).status_code == 403, url
    assert Gebeurtenis.objects.count() == gebeurtenissen
