"""Finding one's way in a browser: the public list of regions (to the registration form
and to the region's part of the map), the help page, and the 403 page with its advice;
axe finds nothing on them, at desktop and phone width."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from ecosysteem.rollen import BEOORDELAARS
from tests.dossiers import leeg_dossier, voeg_vestigingen_toe
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.e2e

BREEDTES = [(1280, 800), (390, 844)]


@pytest.fixture(autouse=True)
def geen_tegels(settings):
    # No tile requests leave the machine.
    settings.KAART_TEGELS_URL = ""


def geen_zijwaarts_scrollen(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("breedte,hoogte", BREEDTES)
def test_the_list_of_regions_leads_to_the_form_and_to_the_map(
    page, adres, controleer_toegankelijkheid, breedte, hoogte
):
    page.set_viewport_size({"width": breedte, "height": hoogte})
    regio = leeg_dossier(naam="Next Education", slug="next-education").regio
    voeg_vestigingen_toe(regio, po=2, vo=1)
    leeg_dossier(naam="STO Waterland", slug="sto-waterland")
    page.goto(adres(reverse("home")))
    page.get_by_role("link", name="Alle regio's van het tijdvak").click()
    page.get_by_role("heading", name="Regio's", level=1).wait_for()
    expect(page.locator("#regiolijst")).to_contain_text("STO Waterland")
    assert geen_zijwaarts_scrollen(page)
    controleer_toegankelijkheid()

    page.get_by_role("link", name="Next Education op de kaart").click()
    page.wait_for_url("**/netwerkkaart/?*regio=next-education*")
    expect(page.locator("#id_regio")).to_have_value("next-education")

    page.go_back()
    page.get_by_role("link", name="Aanmelden bij Next Education").click()
    page.wait_for_url(f"**{reverse('regios:aanmelden', args=['next-education'])}")


@pytest.mark.parametrize("breedte,hoogte", BREEDTES)
def test_the_help_page(page, adres, controleer_toegankelijkheid, breedte, hoogte):
    page.set_viewport_size({"width": breedte, "height": hoogte})
    page.goto(adres(reverse("home")))
    page.get_by_role("contentinfo").get_by_role("link", name="Hulp en contact").click()
    page.get_by_role("heading", name="Hulp", level=1).wait_for()
    expect(page.locator("#regeling-tijdvak-2-bedragen")).to_contain_text("per leerling")
    expect(page.locator("#contactadres")).to_contain_text("vragen@regioportaal.test")
    assert geen_zijwaarts_scrollen(page)
    controleer_toegankelijkheid()


def test_the_403_page_gives_advice(page, adres, ingelogd_als, controleer_toegankelijkheid):
    ingelogd_als(GebruikerFactory())
    antwoord = page.goto(adres(reverse("subsidie:mijn_organisatie")))
    assert antwoord.status == 403
    expect(page.locator("#advies-geen-toegang")).to_contain_text("programmamanager")
    controleer_toegankelijkheid()


def test_the_403_page_for_ministry_staff(page, adres, ingelogd_als, controleer_toegankelijkheid):
    beoordelaar = GebruikerFactory()
    beoordelaar.groups.add(Group.objects.get(name=BEOORDELAARS))
    ingelogd_als(beoordelaar)
    antwoord = page.goto(adres(reverse("subsidie:mijn_organisatie")))
    assert antwoord.status == 403
    page.get_by_role("link", name="Ingediende dossiers beoordelen").click()
    page.wait_for_url(f"**{reverse('subsidie:wachtrij')}")
