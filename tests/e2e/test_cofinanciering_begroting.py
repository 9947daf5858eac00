"""The co-financing and budget pages as a programme manager uses them in the browser."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from regios.models import Rolsoort, Tijdvak
from subsidie.models import Cofinanciering, Cofinancieringsoort
from tests.factories import (
    DeelnameFactory,
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def regio():
    # Two primary school branches of 200 pupils: € 35.000 maximum subsidy, so the default
    # 10% co-financing requirement is € 3.500.
    regio = RegioFactory(
        naam="Westerkwartier", slug="westerkwartier", tijdvak=Tijdvak.objects.get(code="tijdvak-2")
    )
    DeelnameFactory(regio=regio)
    DeelnameFactory(regio=regio)
    return regio


@pytest.fixture
def fablab(regio):
    organisatie = OrganisatieFactory(naam="Fablab Zuidhorn")
    DeelnameFactory(regio=regio, organisatie=organisatie, vestiging=None)
    return organisatie


@pytest.fixture
def programmamanager(regio, ingelogd_als):
    gebruiker = GebruikerFactory(first_name="Noor", last_name="Bakker")
    RolFactory(
        regio=regio, persoon=PersoonFactory(gebruiker=gebruiker), soort=Rolsoort.PROGRAMMAMANAGER
    )
    ingelogd_als(gebruiker)
    return gebruiker


def test_in_kind_pledge_updates_the_total_and_the_verdict(
    page, adres, regio, fablab, programmamanager, controleer_toegankelijkheid, schermafdruk
):
    page.goto(adres(reverse("subsidie:cofinanciering", kwargs={"slug": regio.slug})))
    uitkomst = page.locator("#cofinanciering-uitkomst")
    assert "Tekort €\u00a03.500,00" in uitkomst.inner_text()
    controleer_toegankelijkheid()

    formulier = page.locator("form.portaal-cofinancieringsformulier")
    formulier.get_by_label("Partner").select_option(label="Fablab Zuidhorn")
    formulier.get_by_label("Schooljaar").select_option(label="2026/27")
    # Money is the default kind: the amount shows, hours and rate do not.
    assert formulier.get_by_label("Bedrag of waarde in euro's").is_visible()
    assert not formulier.get_by_label("Aantal uren").is_visible()

    formulier.get_by_label("In natura: uren").check()

    assert not formulier.get_by_label("Bedrag of waarde in euro's").is_visible()
    formulier.get_by_label("Aantal uren").fill("40")
    formulier.get_by_label("Uurtarief in euro's").fill("62,50")
    formulier.get_by_label("Omschrijving").fill("Gastlessen door twee technici")
    schermafdruk("cofinanciering-formulier-uren")
    formulier.get_by_role("button", name="Toezegging toevoegen").click()

    page.get_by_text("De toezegging van Fablab Zuidhorn voor 2026/27 is toegevoegd.").wait_for()
    assert page.locator("#cofinanciering-toegezegd").inner_text() == "€\u00a02.500,00"
    assert page.locator("#cofinanciering-totaal").inner_text() == "€\u00a02.500,00"
    assert "40 uur × €\u00a062,50" in page.locator("#cofinanciering-toezeggingen").inner_text()
    assert "Tekort €\u00a01.000,00" in uitkomst.inner_text()

    formulier.get_by_label("Partner").select_option(label="Fablab Zuidhorn")
    formulier.get_by_label("Schooljaar").select_option(label="2027/28")
    formulier.get_by_label("Bedrag of waarde in euro's").fill("1.000")
    formulier.get_by_label("Omschrijving").fill("Bijdrage aan materiaal")
    formulier.get_by_role("button", name="Toezegging toevoegen").click()

    page.get_by_text("De toezegging van Fablab Zuidhorn voor 2027/28 is toegevoegd.").wait_for()
    assert page.locator("#cofinanciering-toegezegd").inner_text() == "€\u00a03.500,00"
    assert "Voldoet" in uitkomst.inner_text()
    assert "Tekort" not in uitkomst.inner_text()
    schermafdruk("cofinanciering-voldoet")
    controleer_toegankelijkheid()


def test_hours_without_rate_show_the_error_next_to_the_field_and_focus_the_summary(
    page, adres, regio, fablab, programmamanager, controleer_toegankelijkheid, schermafdruk
):
    page.goto(adres(reverse("subsidie:cofinanciering", kwargs={"slug": regio.slug})))
    formulier = page.locator("form.portaal-cofinancieringsformulier")
    formulier.get_by_label("Partner").select_option(label="Fablab Zuidhorn")
    formulier.get_by_label("Schooljaar").select_option(label="2026/27")
    formulier.get_by_label("In natura: uren").check()
    formulier.get_by_label("Aantal uren").fill("8")
    formulier.get_by_label("Omschrijving").fill("Gastles")
    formulier.get_by_role("button", name="Toezegging toevoegen").click()

    page.wait_for_load_state()
    fout = page.locator("#id_uurtarief_error")
    assert "Vul het uurtarief in" in fout.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-foutoverzicht')")
    # The kind stays chosen, so the hours fields stay in view with the error.
    assert page.get_by_label("Uurtarief in euro's").is_visible()
    assert page.get_by_label("Aantal uren").input_value() == "8"
    assert not Cofinanciering.objects.exists()
    schermafdruk("cofinanciering-fout")
    controleer_toegankelijkheid()


def test_budget_lines_until_the_plan_exceeds_subsidy_plus_co_financing(
    page, adres, regio, fablab, programmamanager, controleer_toegankelijkheid, schermafdruk
):
    Cofinanciering.objects.create(
        regio=regio,
        organisatie=fablab,
        schooljaar=2026,
        soort=Cofinancieringsoort.GELD,
        omschrijving="Bijdrage",
        bedrag=Decimal("3500"),
    )
    page.goto(adres(reverse("subsidie:begroting", kwargs={"slug": regio.slug})))
    assert page.locator("#begroting-beschikbaar").inner_text() == "€\u00a038.500,00"
    assert "Nog geen begroting" in page.locator("#begroting-uitkomst").inner_text()
    controleer_toegankelijkheid()

    def voeg_toe(jaar: str, soort: str, omschrijving: str, bedrag: str) -> None:
        formulier = page.locator("#toevoegen form")
        formulier.get_by_label("Schooljaar").select_option(label=jaar)
        formulier.get_by_label("Kostensoort").select_option(label=soort)
        formulier.get_by_label("Omschrijving").fill(omschrijving)
        formulier.get_by_label("Bedrag in euro's").fill(bedrag)
        formulier.get_by_role("button", name="Regel toevoegen").click()
        page.get_by_text(f"De begrotingsregel {omschrijving}").wait_for()

    voeg_toe("2026/27", "Vrijmaken van (onderwijs)personeel", "Vervanging leerkrachten", "20.000")
    assert "Ruimte €\u00a018.500,00" in page.locator("#begroting-uitkomst").inner_text()

    voeg_toe("2027/28", "Inhuur externe expertise", "Techniekcoach", "10000,00")
    assert "Ruimte €\u00a08.500,00" in page.locator("#begroting-uitkomst").inner_text()

    voeg_toe("2027/28", "Activiteiten", "Techniekweek", "10.000,00")

    uitkomst = page.locator("#begroting-uitkomst")
    assert "Tekort €\u00a01.500,00" in uitkomst.inner_text()
    assert "De begroting is €\u00a01.500,00 hoger dan subsidie plus cofinanciering." in (
        uitkomst.inner_text()
    )
    assert page.locator("#begroting-totaal").inner_text() == "€\u00a040.000,00"
    assert page.locator("#begroting-matrix-totaal").inner_text() == "€\u00a040.000,00"
    schermafdruk("begroting-tekort")
    controleer_toegankelijkheid()

    # Removing a line goes through a confirmation page that works without script.
    rij = page.locator("#begroting-regels tr", has_text="Techniekweek")
    rij.get_by_role("link", name=re.compile(r"^Verwijderen")).click()
    page.get_by_text("Weet u zeker dat u dit wilt verwijderen?").wait_for()
    controleer_toegankelijkheid()
    schermafdruk("begroting-verwijderen")
    page.get_by_role("button", name="Ja, verwijderen").click()
    page.get_by_text("is verwijderd").wait_for()
    assert "Ruimte €\u00a08.500,00" in page.locator("#begroting-uitkomst").inner_text()


def test_project_leader_reads_both_pages_without_forms(
    page, adres, regio, fablab, ingelogd_als, controleer_toegankelijkheid
):
    gebruiker = GebruikerFactory()
    RolFactory(
        regio=regio, persoon=PersoonFactory(gebruiker=gebruiker), soort=Rolsoort.PROJECTLEIDER
    )
    ingelogd_als(gebruiker)

    for naam in ("subsidie:cofinanciering", "subsidie:begroting"):
        page.goto(adres(reverse(naam, kwargs={"slug": regio.slug})))
        page.get_by_text("U kunt dit dossier lezen, maar niet wijzigen.").wait_for()
        assert page.locator("main form").count() == 0
        controleer_toegankelijkheid()


def test_both_pages_reflow_at_320_pixels_without_sideways_scrolling(
    page, adres, regio, fablab, programmamanager, schermafdruk
):
    # WCAG 1.4.10: at 320 CSS pixels only the tables may scroll sideways, in their own
    # focusable container; the page itself must not.
    Cofinanciering.objects.create(
        regio=regio,
        organisatie=fablab,
        schooljaar=2026,
        soort=Cofinancieringsoort.UREN,
        omschrijving="Gastlessen door twee technici van het lab",
        uren=Decimal("40"),
        uurtarief=Decimal("62.50"),
    )
    page.set_viewport_size({"width": 320, "height": 800})

    for naam in ("subsidie:cofinanciering", "subsidie:begroting"):
        page.goto(adres(reverse(naam, kwargs={"slug": regio.slug})))
        breedte = page.evaluate("document.documentElement.scrollWidth")
        assert breedte <= 320, (naam, breedte)
        schermafdruk(f"smal-{naam.split(':')[1]}")
