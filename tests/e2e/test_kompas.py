"""The intervention compass as a visitor without an account meets it: from the main menu to
a search, to one compass point's factsheet."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.e2e


def test_bezoeker_zoekt_in_het_kompas_en_leest_een_factsheet(
    page, adres, controleer_toegankelijkheid, schermafdruk
):
    page.goto(adres(reverse("home")))

    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Interventiekompas").click()

    page.get_by_role("heading", level=1, name="Interventiekompas technologieonderwijs").wait_for()
    assert menu.get_by_role("link", name="Interventiekompas").get_attribute("aria-current") == (
        "page"
    )
    # The start content of the data migration: both points, with their counts.
    kaarten = page.locator(".portaal-kompas__punt")
    assert kaarten.count() == 2
    assert "3 praktijkvoorbeelden" in kaarten.first.inner_text()
    controleer_toegankelijkheid()
    schermafdruk("kompas-lijst")

    # "Fablab" occurs only in a practice example, not in a name or summary.
    page.get_by_label("Zoek in het kompas").fill("Fablab")
    page.get_by_role("button", name="Zoeken").click()

    page.get_by_text("1 kompaspunt gevonden voor ‘Fablab’").wait_for()
    assert "q=Fablab" in page.url
    assert page.get_by_label("Zoek in het kompas").input_value() == "Fablab"
    assert kaarten.count() == 1
    controleer_toegankelijkheid()

    page.get_by_role("link", name="Regionale samenwerking").click()

    page.get_by_role("heading", level=1, name="Regionale samenwerking").wait_for()
    kruimelpad = page.get_by_role("navigation", name="Kruimelpad")
    assert kruimelpad.get_by_role("link", name="Interventiekompas").is_visible()
    koppen = page.get_by_role("heading", level=2)
    for deel in ("Praktijkvoorbeelden", "Inzichten uit onderzoek", "Tools en handvatten"):
        assert koppen.filter(has_text=deel).count() == 1
    inzichten = page.get_by_role("region", name="Inzichten uit onderzoek")
    assert inzichten.get_by_text("Bron:").count() == 3
    tools = page.get_by_role("region", name="Tools en handvatten")
    assert tools.get_by_role("link", name="techkwadraat.nl").get_attribute("href") == (
        "https://www.techkwadraat.nl/"
    )
    controleer_toegankelijkheid()
    schermafdruk("kompas-factsheet")

    # The table of contents jumps to a part.
    page.get_by_role("navigation", name="Op deze pagina").get_by_role(
        "link", name="Tools en handvatten"
    ).click()
    assert page.url.endswith("#tools-en-handvatten")


def test_factsheet_past_op_een_smal_scherm(page, adres):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(adres(reverse("kompas:kompaspunt", kwargs={"slug": "onderwijsontwikkeling"})))

    breedte = page.evaluate("() => document.documentElement.scrollWidth")

    assert breedte <= 320
