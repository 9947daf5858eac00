"""The branches page in a browser: suggestions while typing, adding a branch, and the page's
accessibility."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from regios.models import Deelname
from tests.dossiers import leeg_dossier
from tests.factories import VestigingFactory

pytestmark = pytest.mark.e2e


def test_programme_manager_types_a_name_picks_a_suggestion_and_sees_it_counted(
    page, adres, ingelogd_als, controleer_toegankelijkheid, schermafdruk
):
    d = leeg_dossier(naam="Techregio Westerkwartier")
    VestigingFactory(
        naam="Obs De Zonnewijzer", plaats="Grootegast", postcode="9861AC", leerlingen=180
    )
    VestigingFactory(naam="Cbs De Zonnebloem", plaats="Zuidhorn", leerlingen=140)
    VestigingFactory(naam="RSG De Borgen", onderwijstype="VBO/MAVO/HAVO/VWO", plaats="Leek")
    al_mee = VestigingFactory(naam="Obs Zonneveld", plaats="Leek")
    Deelname.objects.create(regio=d.regio, vestiging=al_mee)
    ingelogd_als(d.programmamanager)

    page.goto(adres(reverse("subsidie:vestigingen", kwargs={"slug": d.regio.slug})))
    expect(page.locator("#tellende-po")).to_have_text("1 van minimaal 20")

    page.get_by_label("Zoek in het scholenregister").press_sequentially("zonne", delay=40)

    # The suggestions appear without a page load, and the live region counts them.
    resultaten = page.get_by_role("list", name="Gevonden vestigingen")
    expect(resultaten.get_by_role("listitem")).to_have_count(3)
    expect(page.get_by_role("status").filter(has_text="gevonden")).to_have_text(
        "3 vestigingen gevonden."
    )
    expect(resultaten.get_by_text("Doet al mee in deze regio.")).to_be_visible()
    controleer_toegankelijkheid()
    schermafdruk("vestigingen-suggesties")

    with page.expect_navigation():
        resultaten.get_by_role("button", name=re.compile("^Toevoegen.*Obs De Zonnewijzer")).click()

    expect(page.get_by_text("Obs De Zonnewijzer doet nu mee in de regio.")).to_be_visible()
    tabel = page.get_by_role("table")
    expect(tabel.get_by_role("rowheader", name="Obs De Zonnewijzer")).to_be_visible()
    expect(page.locator("#tellende-po")).to_have_text("2 van minimaal 20")
    # The search is kept, so the next branch can be added at once.
    expect(page.get_by_label("Zoek in het scholenregister")).to_have_value("zonne")
    expect(resultaten.get_by_text("Doet al mee in deze regio.")).to_have_count(2)
    controleer_toegankelijkheid()
    schermafdruk("vestigingen-toegevoegd")
    assert Deelname.objects.filter(regio=d.regio).count() == 2


def test_stating_too_many_pupils_shows_the_error_beside_the_field_in_place(
    page, adres, ingelogd_als, controleer_toegankelijkheid, schermafdruk
):
    d = leeg_dossier()
    lyceum = VestigingFactory(naam="Lyceum Zuidhorn", onderwijstype="VBO/MAVO/HAVO", leerlingen=800)
    Deelname.objects.create(regio=d.regio, vestiging=lyceum)
    ingelogd_als(d.programmamanager)
    page.goto(adres(reverse("subsidie:vestigingen", kwargs={"slug": d.regio.slug})))

    formulier = page.locator(f"#opgave-{lyceum.vestigingscode}")
    formulier.get_by_label("Tellende leerlingen").fill("900")
    formulier.get_by_label("Hoe komt u aan dit aantal?").fill("Mavo en havo")
    formulier.get_by_role("button", name="Opslaan").click()

    formulier = page.locator(f"#opgave-{lyceum.vestigingscode}")
    expect(formulier.locator(".portaal-veld__fout")).to_contain_text(
        "Opgegeven 900 leerlingen, maar het register telt er 800."
    )
    # The error summary takes the focus, so a screen reader hears what to fix.
    expect(formulier.locator("[data-foutoverzicht]")).to_be_focused()
    controleer_toegankelijkheid()

    formulier.get_by_label("Tellende leerlingen").fill("520")
    with page.expect_navigation():
        formulier.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_text("Opgegeven door de regio: 520 van 800 leerlingen.").first
    ).to_be_visible()
    schermafdruk("vestigingen-opgave")
