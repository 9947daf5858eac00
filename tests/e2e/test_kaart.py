"""The public network map in a browser: regions on the map and in the list, the region
filter narrowing both, the list reachable by keyboard, and the page's accessibility."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partners.models import Organisatiesoort
from regios.models import Tijdvak
from tests.factories import (
    DeelnameFactory,
    GemeenteFactory,
    OrganisatieFactory,
    RegioFactory,
    VestigingFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def geen_tegels(settings):
    # No tile requests leave the machine: the markers stand on a plain background.
    settings.KAART_TEGELS_URL = ""


def maak_netwerk():
    tijdvak = Tijdvak.objects.get(code="tijdvak-2")
    noord = RegioFactory(naam="Next Education", slug="next-education", tijdvak=tijdvak)
    west = RegioFactory(naam="STO Waterland", slug="sto-waterland", tijdvak=tijdvak)
    gemeente = GemeenteFactory(naam_register="WESTERKWARTIER")
    for i, (breedte, lengte) in enumerate(
        [("53.24", "6.40"), ("53.16", "6.38"), ("53.20", "6.30")]
    ):
        DeelnameFactory(
            regio=noord,
            vestiging=VestigingFactory(
                naam=f"Basisschool Noord {i}",
                plaats="Zuidhorn",
                gemeente=gemeente,
                breedtegraad=Decimal(breedte),
                lengtegraad=Decimal(lengte),
            ),
        )
    for i, (breedte, lengte) in enumerate([("52.50", "4.95"), ("52.45", "5.05")]):
        DeelnameFactory(
            regio=west,
            vestiging=VestigingFactory(
                naam=f"Basisschool Waterland {i}",
                plaats="Purmerend",
                breedtegraad=Decimal(breedte),
                lengtegraad=Decimal(lengte),
            ),
        )
    DeelnameFactory(
        regio=noord,
        vestiging=None,
        organisatie=OrganisatieFactory(
            naam="Fablab Westerkwartier", soort=Organisatiesoort.TECHLAB, gemeente=gemeente
        ),
    )
    DeelnameFactory(
        regio=west,
        vestiging=None,
        organisatie=OrganisatieFactory(
            naam="Bibliotheek Waterland",
            soort=Organisatiesoort.BIBLIOTHEEK,
            breedtegraad=Decimal("52.46"),
            lengtegraad=Decimal("5.00"),
        ),
    )


def test_visitor_sees_the_regions_narrows_to_one_and_reaches_the_list_by_keyboard(
    page, adres, controleer_toegankelijkheid, schermafdruk
):
    maak_netwerk()
    buiten = []
    page.on(
        "request",
        lambda verzoek: (
            buiten.append(verzoek.url) if not verzoek.url.startswith(adres("/")) else None
        ),
    )

    page.goto(adres(reverse("regios:netwerkkaart")))

    kaart = page.locator("#netwerkkaart")
    # All five branches and both partners (the fablab placed amid its municipality's schools).
    expect(kaart).to_have_attribute("data-aantal-markers", "7")
    lijst = page.locator("#netwerkkaart-resultaat")
    expect(lijst.get_by_role("heading", level=3)).to_have_text(["Next Education", "STO Waterland"])
    expect(page.get_by_role("heading", name="Legenda")).to_be_visible()
    expect(page.get_by_text("De kaart werkt alleen met JavaScript.")).to_have_count(0)
    controleer_toegankelijkheid()
    schermafdruk("netwerkkaart")

    # The filter narrows the list without a page load, and the map follows.
    page.get_by_label("Regio", exact=True).select_option(label="STO Waterland")
    page.get_by_role("button", name="Toon").click()
    expect(lijst.get_by_role("heading", level=3)).to_have_text(["STO Waterland"])
    expect(kaart).to_have_attribute("data-aantal-markers", "3")
    expect(page.locator("#netwerkkaart-melding")).to_contain_text("1 regio")
    assert "regio=sto-waterland" in page.url
    # One region: its members are shown at once.
    expect(lijst.get_by_role("rowheader", name="Basisschool Waterland 0")).to_be_visible()
    expect(lijst.get_by_text("Basisschool Noord 0")).to_have_count(0)
    controleer_toegankelijkheid()
    schermafdruk("netwerkkaart-regio")

    # A keyboard user tabs past the filters and the map into the list.
    page.get_by_role("button", name="Toon").focus()
    bereikt = []
    for _ in range(12):
        page.keyboard.press("Tab")
        bereikt.append(
            page.evaluate(
                "() => document.activeElement.closest('#netwerkkaart-resultaat') !== null"
            )
        )
        if bereikt[-1]:
            break
    assert any(bereikt), "the list is not reachable by keyboard"

    assert not buiten, f"requests left the machine: {buiten}"


def test_without_script_the_filter_reloads_the_page_with_the_list(browser, adres, live_server):
    maak_netwerk()
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(adres(reverse("regios:netwerkkaart")))
        expect(page.get_by_text("De kaart werkt alleen met JavaScript.")).to_be_visible()
        page.get_by_label("Soort partner").select_option(value=Organisatiesoort.BIBLIOTHEEK)
        with page.expect_navigation():
            page.get_by_role("button", name="Toon").click()
        lijst = page.locator("#netwerkkaart-resultaat")
        expect(lijst.get_by_role("heading", level=3)).to_have_text(["STO Waterland"])
        expect(lijst.get_by_role("rowheader", name="Bibliotheek Waterland")).to_be_visible()
        expect(lijst.get_by_text("Basisschool Waterland 0")).to_have_count(0)
    finally:
        context.close()
