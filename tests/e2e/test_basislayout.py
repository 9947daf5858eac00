"""The base layout as a keyboard user, a screen reader user and a visitor meet it."""

import pytest
from django.urls import reverse

from regios.models import Tijdvak
from tests.factories import GebruikerFactory, RegioFactory

pytestmark = pytest.mark.e2e


def actief_element(page) -> dict:
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            return {tag: e.tagName, id: e.id, href: e.getAttribute('href'),
                    tekst: e.textContent.trim(), inMain: !!e.closest('main'),
                    foutoverzicht: e.hasAttribute('data-foutoverzicht')};
        }"""
    )


def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_the_content(page, adres):
    page.goto(adres(reverse("home")))

    page.keyboard.press("Tab")

    eerste = actief_element(page)
    assert eerste["href"] == "#inhoud"
    assert eerste["tekst"] == "Direct naar de inhoud"
    # Hidden until focused, then on screen.
    doos = page.locator(".nl-skip-link").bounding_box()
    assert doos["y"] >= 0
    assert doos["height"] >= 24

    page.keyboard.press("Enter")

    assert actief_element(page)["id"] == "inhoud"
    page.keyboard.press("Tab")
    volgende = actief_element(page)
    assert volgende["inMain"], volgende


def test_focused_links_show_a_visible_focus_ring(page, adres):
    page.goto(adres(reverse("home")))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past the skip link: the wordmark

    stijl = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return {stijl: s.outlineStyle, breedte: parseFloat(s.outlineWidth)};
        }"""
    )
    assert stijl["stijl"] != "none"
    assert stijl["breedte"] >= 2


def test_login_through_the_form_shows_the_name_in_the_header(page, adres, inloggen):
    GebruikerFactory(username="sanne", first_name="Sanne", last_name="de Boer")

    page.goto(adres(reverse("home")))
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inloggen").click()
    page.get_by_label("Gebruikersnaam").fill("sanne")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()

    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_text("Sanne de Boer").wait_for()
    assert page.url == adres(reverse("subsidie:mijn_regio"))
    assert menu.get_by_role("link", name="Inloggen").count() == 0

    menu.get_by_role("button", name="Uitloggen").click()
    menu.get_by_role("link", name="Inloggen").wait_for()
    assert menu.get_by_text("Sanne de Boer").count() == 0


def test_wrong_password_moves_focus_to_the_dutch_error_summary(page, adres, inloggen):
    gebruiker = GebruikerFactory(username="sanne")

    inloggen(gebruiker, wachtwoord="niet-het-goede")

    assert page.title().startswith("Fout: Inloggen")
    assert actief_element(page)["foutoverzicht"]
    overzicht = page.locator("[data-foutoverzicht]")
    assert "Er is een probleem met het formulier" in overzicht.inner_text()
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in overzicht.inner_text()


def test_an_empty_field_links_from_the_summary_to_the_field(page, adres):
    page.goto(adres(reverse("login")))
    page.get_by_role("button", name="Inloggen").click()

    page.get_by_role("link", name="Gebruikersnaam: Dit veld is verplicht.").click()

    assert actief_element(page)["id"] == "id_username"
    veld = page.get_by_label("Gebruikersnaam")
    assert veld.get_attribute("aria-invalid") == "true"


def test_helper_logs_a_user_in_without_the_form(page, adres, ingelogd_als):
    ingelogd_als(GebruikerFactory(first_name="Joris", last_name="Bakker"))

    page.goto(adres(reverse("home")))

    assert page.get_by_role("navigation", name="Hoofdmenu").get_by_text("Joris Bakker").count()


def test_home_page_meets_wcag_21_aa(page, adres, controleer_toegankelijkheid, schermafdruk):
    RegioFactory.create_batch(2, tijdvak=Tijdvak.objects.get(code="tijdvak-1"))

    page.goto(adres(reverse("home")))

    assert page.get_by_role("table").get_by_role("rowheader").count() == Tijdvak.objects.count()
    controleer_toegankelijkheid()
    schermafdruk("home")


def test_home_page_for_a_logged_in_user_meets_wcag_21_aa(
    page, adres, ingelogd_als, controleer_toegankelijkheid
):
    ingelogd_als(GebruikerFactory())

    page.goto(adres(reverse("home")))

    controleer_toegankelijkheid()


def test_login_page_meets_wcag_21_aa_also_with_errors(
    page, adres, controleer_toegankelijkheid, schermafdruk
):
    page.goto(adres(reverse("login")))
    controleer_toegankelijkheid()
    schermafdruk("inloggen")

    page.get_by_role("button", name="Inloggen").click()
    page.locator("[data-foutoverzicht]").wait_for()

    controleer_toegankelijkheid()
    schermafdruk("inloggen-fouten")


@pytest.mark.parametrize("naam", ["privacy", "toegankelijkheid"])
def test_statement_pages_meet_wcag_21_aa(page, adres, controleer_toegankelijkheid, naam):
    page.goto(adres(reverse(naam)))

    controleer_toegankelijkheid()


def test_page_not_found_meets_wcag_21_aa(page, adres, controleer_toegankelijkheid):
    response = page.goto(adres("/bestaat-niet/"))

    assert response.status == 404
    controleer_toegankelijkheid()


def test_small_screen_has_no_sideways_scrolling(page, adres):
    RegioFactory(tijdvak=Tijdvak.objects.get(code="tijdvak-1"))
    page.set_viewport_size({"width": 320, "height": 640})

    for pad in [reverse("home"), reverse("login"), reverse("privacy")]:
        page.goto(adres(pad))
        breedte = page.evaluate("document.documentElement.scrollWidth")
        assert breedte <= 320, pad
