"""The region's municipalities chosen with the search-as-you-type picker: by keyboard, with
the results announced and the chosen ones shown with a remove button; and the same page
without JavaScript, where the checkboxes are the form."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.dossiers import leeg_dossier
from tests.factories import GemeenteFactory, provincie

pytestmark = pytest.mark.e2e


def gemeenten():
    for naam in ["Groningen", "Westerkwartier", "Midden-Groningen", "Het Hogeland", "Eemsdelta"]:
        GemeenteFactory(naam_register=naam.upper(), naam=naam)
    GemeenteFactory(naam_register="GRONSVELD", naam="Gronsveld", provincie=provincie("Limburg"))


def test_programme_manager_picks_municipalities_by_typing(
    page, adres, ingelogd_als, controleer_toegankelijkheid, schermafdruk
):
    d = leeg_dossier()
    gemeenten()
    ingelogd_als(d.programmamanager)
    page.goto(adres(reverse("regios:gegevens", kwargs={"slug": d.regio.slug})))

    # The checkboxes are hidden behind the picker.
    expect(page.get_by_role("checkbox", name="Groningen (Groningen)")).to_be_hidden()
    zoekvak = page.get_by_role("combobox", name="Zoek een gemeente")
    zoekvak.press_sequentially("gron")
    lijst = page.get_by_role("listbox", name="Zoek een gemeente")
    expect(lijst.get_by_role("option")).to_have_count(3)
    # Names that start with the letters come first.
    expect(lijst.get_by_role("option").first).to_have_text("Groningen (Groningen)")
    status = page.locator("#id_gemeenten_zoek_status")
    expect(status).to_have_text("3 resultaten gevonden.")
    controleer_toegankelijkheid()

    # Keyboard: down twice and Enter chooses the second; the form is not submitted.
    zoekvak.press("ArrowDown")
    zoekvak.press("ArrowDown")
    zoekvak.press("Enter")
    expect(status).to_have_text("Gronsveld (Limburg) gekozen.")
    gekozen = page.get_by_role("list", name="Gekozen gemeenten")
    expect(gekozen.get_by_role("listitem")).to_have_count(1)
    expect(zoekvak).to_have_value("")
    expect(zoekvak).to_be_focused()

    zoekvak.press_sequentially("west")
    zoekvak.press("Enter")  # a single match is chosen at once
    zoekvak.press_sequentially("xyz")
    expect(status).to_have_text("Geen resultaten. Controleer de spelling of typ minder letters.")
    zoekvak.fill("")
    expect(gekozen.get_by_role("listitem")).to_have_count(2)
    schermafdruk("zoekkeuze")
    controleer_toegankelijkheid()

    # Removing one moves the focus to the next remove button.
    page.get_by_role("button", name="Verwijder Gronsveld (Limburg)").click()
    expect(status).to_have_text("Gronsveld (Limburg) verwijderd.")
    expect(page.get_by_role("button", name="Verwijder Westerkwartier (Groningen)")).to_be_focused()

    page.get_by_role("button", name="Gegevens opslaan").click()
    expect(page.get_by_text("De gegevens van de regio zijn opgeslagen.")).to_be_visible()
    assert list(d.regio.gemeenten.values_list("naam", flat=True)) == ["Westerkwartier"]
    expect(page.get_by_role("list", name="Gekozen gemeenten").get_by_role("listitem")).to_have_text(
        ["Westerkwartier (Groningen)×"]
    )


def test_without_javascript_the_checkboxes_are_the_form(browser, adres, live_server):
    d = leeg_dossier()
    gemeenten()
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        client = Client()
        client.force_login(d.programmamanager)
        naam = settings.SESSION_COOKIE_NAME
        context.add_cookies(
            [{"name": naam, "value": client.cookies[naam].value, "url": live_server.url}]
        )
        pagina = context.new_page()
        pagina.goto(adres(reverse("regios:gegevens", kwargs={"slug": d.regio.slug})))
        expect(pagina.get_by_role("combobox")).to_have_count(0)
        pagina.get_by_role("checkbox", name="Eemsdelta (Groningen)").check()
        pagina.get_by_role("checkbox", name="Het Hogeland (Groningen)").check()
        pagina.get_by_role("button", name="Gegevens opslaan").click()
        expect(pagina.get_by_text("De gegevens van de regio zijn opgeslagen.")).to_be_visible()
        assert set(d.regio.gemeenten.values_list("naam", flat=True)) == {
            "Eemsdelta",
            "Het Hogeland",
        }
        expect(pagina.get_by_role("checkbox", name="Eemsdelta (Groningen)")).to_be_checked()
    finally:
        context.close()
