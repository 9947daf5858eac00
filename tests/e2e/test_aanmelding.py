"""Browser test: an organisation registers through the region's public form."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partners.models import Aanmelding
from tests.dossiers import leeg_dossier
from tests.factories import VestigingFactory

pytestmark = pytest.mark.e2e


def test_partner_fixes_a_bad_kvk_number_and_sees_the_confirmation_page(
    page, adres, controleer_toegankelijkheid
):
    regio = leeg_dossier().regio
    page.goto(adres(reverse("regios:aanmelden", args=[regio.slug])))
    controleer_toegankelijkheid()
    page.get_by_label("Soort organisatie").select_option("museum")
    page.get_by_label("Naam van de organisatie").fill("Techniekmuseum Noord")
    page.get_by_label("KvK-nummer").fill("1234")
    page.get_by_label("Postcode").fill("9712 AB")
    page.get_by_label("Plaats").fill("Groningen")
    page.get_by_label("Voornaam").fill("Joost")
    page.get_by_label("Achternaam", exact=True).fill("de Boer")
    page.get_by_label("E-mailadres").fill("joost@museum.example")
    page.get_by_label("gastlessen").check()
    page.get_by_label("Ik ga akkoord met de").check()
    page.get_by_role("button", name="Aanmelding versturen").click()

    fout = page.locator(".utrecht-form-field--invalid", has_text="KvK-nummer")
    assert "Een KvK-nummer bestaat uit 8 cijfers" in fout.inner_text()
    controleer_toegankelijkheid()
    assert not Aanmelding.objects.exists()

    page.get_by_label("KvK-nummer").fill("12345678")
    page.get_by_label("Ik ga akkoord met de").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.get_by_role("heading", name="Bevestig uw e-mailadres").wait_for()
    controleer_toegankelijkheid()
    assert Aanmelding.objects.get().naam == "Techniekmuseum Noord"


def test_school_chooses_its_branch_from_the_register_while_typing_and_pledges_hours(
    page, adres, controleer_toegankelijkheid
):
    regio = leeg_dossier().regio
    VestigingFactory(naam="Basisschool De Meander", plaats="Zuidhorn", brin_nummer="11AA")
    VestigingFactory(naam="De Meander", plaats="Grijpskerk", brin_nummer="22BB")
    formulier_url = adres(reverse("regios:aanmelden", args=[regio.slug]))
    page.goto(formulier_url)
    zoekveld = page.get_by_label("Zoek uw school in het scholenregister")
    code = page.get_by_label("Vestigingscode (alleen scholen)")
    status = page.locator("#schoolzoekstatus")

    # Only for schools: another kind of organisation does not see the search.
    page.get_by_label("Soort organisatie").select_option("bedrijf")
    expect(zoekveld).to_be_hidden()
    expect(code).to_be_hidden()
    page.get_by_label("Soort organisatie").select_option("")
    expect(zoekveld).to_be_visible()

    zoekveld.fill("meander")
    expect(status).to_have_text("2 scholen gevonden.")
    controleer_toegankelijkheid()
    # Enter searches; it does not send the registration.
    zoekveld.fill("grijpskerk")
    zoekveld.press("Enter")
    expect(status).to_have_text("1 school gevonden.")
    assert page.url == formulier_url
    zoekveld.fill("meander zuidhorn")
    kies = page.get_by_role(
        "button", name=re.compile(r"^Kies\W+Basisschool De Meander \(Zuidhorn\)")
    )
    expect(kies).to_have_count(1)
    expect(status).to_have_text("1 school gevonden.")
    kies.click()
    expect(code).to_have_value("11AA00")
    expect(code).to_be_focused()
    expect(status).to_have_text(
        "Gekozen: Basisschool De Meander in Zuidhorn. Vestigingscode 11AA00 is ingevuld."
    )
    expect(page.get_by_label("Soort organisatie")).to_have_value("po_school")
    expect(page.get_by_label("Naam van de organisatie")).to_have_value("Basisschool De Meander")
    expect(page.get_by_label("Plaats")).to_have_value("Zuidhorn")
    expect(page.locator("#schoolresultaten li")).to_have_count(0)

    # A pledge of hours asks hours and rate instead of an amount.
    uren = page.get_by_label("Aantal uren")
    bedrag = page.get_by_label("Bedrag of waarde in euro's")
    expect(uren).to_be_hidden()
    page.get_by_label("Soort bijdrage").select_option("uren")
    expect(uren).to_be_visible()
    expect(bedrag).to_be_hidden()
    uren.fill("40")
    page.get_by_label("Uurtarief in euro's").fill("62,50")
    controleer_toegankelijkheid()

    page.get_by_label("Voornaam").fill("Joost")
    page.get_by_label("Achternaam", exact=True).fill("de Boer")
    page.get_by_label("E-mailadres").fill("joost@meander.example")
    page.get_by_label("Ik ga akkoord met de").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    page.get_by_role("heading", name="Bevestig uw e-mailadres").wait_for()
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.vestiging.vestigingscode == "11AA00"
    assert aanmelding.soort == "po_school"
    assert aanmelding.cofinanciering_bedrag == Decimal("2500.00")


def test_without_javascript_the_school_search_is_a_page_that_fills_in_the_form(
    browser, adres, controleer_toegankelijkheid
):
    regio = leeg_dossier().regio
    VestigingFactory(naam="Basisschool De Meander", plaats="Zuidhorn", brin_nummer="11AA")
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    pagina = context.new_page()
    try:
        pagina.goto(adres(reverse("regios:aanmelden", args=[regio.slug])))
        pagina.get_by_label("Zoek uw school in het scholenregister").fill("meander")
        pagina.get_by_role("button", name="Zoek school").click()
        pagina.get_by_role("heading", name="Zoek uw school").wait_for()
        assert pagina.locator("#schoolzoekstatus").inner_text() == "1 school gevonden."
        pagina.get_by_role(
            "link", name=re.compile("^Kies deze school.*Basisschool De Meander")
        ).click()
        pagina.get_by_role("heading", name="Aanmelden als partner").wait_for()
        assert pagina.get_by_label("Vestigingscode (alleen scholen)").input_value() == "11AA00"
        assert pagina.get_by_label("Naam van de organisatie").input_value() == (
            "Basisschool De Meander"
        )
    finally:
        context.close()
