"""The portal's main pages in a browser under its Content-Security-Policy: the map, the
dossier with htmx search, the ministry's queue and review, a sent decision letter on both
sides and the admin. The ``page`` fixture fails a test on any CSP violation (see conftest);
here the pages are visited on purpose, and the detector itself is shown to work."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from ecosysteem.rollen import BEHEERDERS, BEOORDELAARS, BESLUITVORMERS
from subsidie.models import Beoordelingscriterium
from subsidie.services import dien_in
from subsidie.services.beoordeling import (
    leg_beoordeling_vast,
    neem_besluit,
    verstuur_besluit,
    wijs_beoordelaar_toe,
)
from tests.dossiers import compleet_dossier
from tests.e2e.test_kaart import maak_netwerk
from tests.factories import GebruikerFactory, OrganisatieFactory

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def geen_tegels(settings):
    settings.KAART_TEGELS_URL = ""


def medewerker(groep, **velden):
    gebruiker = GebruikerFactory(**velden)
    gebruiker.groups.add(Group.objects.get(name=groep))
    return gebruiker


def test_the_detector_records_an_inline_script_and_an_inline_style(page, adres, csp_overtredingen):
    page.goto(adres(reverse("home")))
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "document.title = 'gekaapt'";
          document.head.appendChild(script);
          document.body.setAttribute("style", "background: red");
        }"""
    )
    expect(page).not_to_have_title("gekaapt")
    page.wait_for_function("() => true")
    page.wait_for_timeout(200)
    assert any("script-src" in o for o in csp_overtredingen), csp_overtredingen
    assert any("style-src" in o for o in csp_overtredingen), csp_overtredingen
    csp_overtredingen.clear()  # seen on purpose: the test itself passes


def test_main_pages_of_every_role_run_without_a_csp_violation(
    page, adres, ingelogd_als, csp_overtredingen
):
    maak_netwerk()
    d = compleet_dossier(naam="Techregio Strikt", slug="strikt")
    OrganisatieFactory(naam="Robotica Strikt BV", kvk_nummer="12345678")
    beoordelaar = medewerker(BEOORDELAARS)
    besluitvormer = medewerker(BESLUITVORMERS)
    beheerder = medewerker(BEHEERDERS, is_staff=True, is_superuser=True)

    # A visitor: the map (Leaflet, markers coloured from data) and the registration form.
    page.goto(adres(reverse("regios:netwerkkaart")))
    expect(page.locator("#netwerkkaart")).to_have_attribute(
        "data-aantal-markers", re.compile(r"^[1-9][0-9]*$")
    )
    page.get_by_role("button", name="Inzoomen").click()  # Leaflet moves its panes by script
    page.get_by_label("Regio", exact=True).select_option(label="STO Waterland")
    page.get_by_role("button", name="Toon").click()
    expect(page.locator("#netwerkkaart")).to_have_attribute("data-aantal-markers", "3")
    page.goto(adres(reverse("regios:aanmelden", args=[d.regio.slug])))
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # The programme manager: the dossier, and an htmx search with its indicator.
    ingelogd_als(d.programmamanager)
    page.goto(adres(reverse("subsidie:dossier", args=[d.regio.slug])))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Techregio Strikt")
    page.goto(adres(reverse("regios:partners", args=[d.regio.slug])))
    page.get_by_label("Naam, KvK-nummer of BRIN-nummer").fill("Robotica")
    expect(page.locator("#zoekresultaten")).to_contain_text("Robotica Strikt BV")
    assert not csp_overtredingen, csp_overtredingen

    # The ministry: the queue, the submission and a sent letter (an <iframe srcdoc> with the
    # letter's own style sheet, allowed by its hash).
    dien_in(regio=d.regio, door=d.programmamanager)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=d.regio,
        scores={
            c.code: (3, "Voldoende.")
            for c in Beoordelingscriterium.objects.filter(tijdvak=d.regio.tijdvak)
        },
        eindoordeel="Voldoende.",
        door=beoordelaar,
    )
    besluit = verstuur_besluit(
        besluit=neem_besluit(
            regio=d.regio, uitkomst="afwijzen", motivering="Te smal.", door=besluitvormer
        ),
        door=besluitvormer,
    )
    ingelogd_als(beoordelaar)
    page.goto(adres(reverse("subsidie:wachtrij")))
    expect(page.get_by_role("link", name="Techregio Strikt")).to_be_visible()
    page.goto(adres(reverse("subsidie:beoordeling", args=[d.regio.slug])))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Techregio Strikt")
    page.goto(adres(reverse("subsidie:ministerie_overzicht")))
    expect(page.get_by_role("link", name="Techregio Strikt")).to_be_visible()
    page.goto(
        adres(reverse("subsidie:beoordeling_beschikking", args=[d.regio.slug, besluit.kenmerk]))
    )
    brief = page.frame_locator("iframe.portaal-brief")
    expect(brief.locator("#brief-besluit")).to_be_visible()
    # The letter's style sheet applies inside the frame (its body is narrowed to 46rem).
    assert brief.locator("body").evaluate("b => getComputedStyle(b).maxWidth") != "none"

    # The region reads the same letter as a document of its own.
    ingelogd_als(d.programmamanager)
    page.goto(adres(reverse("subsidie:beschikking", args=[d.regio.slug, besluit.kenmerk])))
    expect(page.locator("#brief-besluit")).to_be_visible()
    assert page.locator("body").evaluate("b => getComputedStyle(b).maxWidth") != "none"

    # The admin, with its own scripts.
    ingelogd_als(beheerder)
    page.goto(adres(reverse("admin:regios_regio_change", args=[d.regio.pk])))
    expect(page.locator("#content h1")).to_be_visible()
    page.goto(adres(reverse("admin:regios_regio_changelist")))
    expect(page.get_by_role("link", name="Techregio Strikt")).to_be_visible()
