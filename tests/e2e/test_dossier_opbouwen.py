"""A programme manager builds a dossier in the browser, from an empty region to a submitted
application, and sees each failing rule with its message along the way."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ecosysteem.models import Gebeurtenis
from regios.models import Regiostatus
from subsidie.models import Indiening
from tests.dossiers import leeg_dossier
from tests.factories import VestigingFactory

pytestmark = pytest.mark.e2e


def regel(page, code: str):
    """The checklist item of one eligibility rule on the overview."""
    return page.locator(f'#toetsing [data-code="{code}"]')


def test_programme_manager_builds_a_dossier_from_empty_to_submitted(
    page, adres, inloggen, controleer_toegankelijkheid, schermafdruk
):
    d = leeg_dossier(naam="Techregio Westerkwartier", slug="westerkwartier")
    for n in range(1, 21):
        VestigingFactory(naam=f"Basisschool De Esch {n:02d}", plaats="Grootegast", leerlingen=200)
    for n in range(1, 4):
        VestigingFactory(
            naam=f"Lyceum Noorderpoort {n}", onderwijstype="HAVO/VWO", plaats="Leek", leerlingen=200
        )
    VestigingFactory(naam="Vakcollege Leek", onderwijstype="VBO", plaats="Leek", leerlingen=300)
    overzicht = adres(reverse("subsidie:dossier", kwargs={"slug": d.regio.slug}))

    # Log in through the form: the user's regions come first.
    inloggen(d.programmamanager)
    page.get_by_role("link", name="Techregio Westerkwartier").click()
    expect(page.get_by_text("Nog 7 voorwaarden zijn niet vervuld.")).to_be_visible()
    expect(regel(page, "minimum_po")).to_contain_text(
        "0 tellende po-vestigingen doen mee; nodig zijn er 20."
    )
    expect(regel(page, "penvoerder")).to_contain_text("Er is nog geen penvoerder aangewezen.")
    expect(regel(page, "sto_afstemming")).to_contain_text("de relatie met de STO-regio")
    expect(regel(page, "begroting_gedekt")).to_contain_text("De begroting heeft nog geen regels.")
    controleer_toegankelijkheid()
    schermafdruk("dossier-leeg")

    # The rule's link leads to the branches page.
    regel(page, "minimum_po").get_by_role("link", name=re.compile("^Aanpassen")).click()
    zoekveld = page.get_by_label("Zoek in het scholenregister")

    def voeg_toe(zoekterm: str, naam: str) -> None:
        zoekveld.fill("")
        zoekveld.press_sequentially(zoekterm, delay=20)
        knop = page.get_by_role("button", name=re.compile(f"^Toevoegen.*{naam} "))
        with page.expect_navigation():
            knop.click()
        expect(page.get_by_text(f"{naam} doet nu mee in de regio.")).to_be_visible()

    # A vbo-only branch can take part, but does not count, and the rule says so.
    voeg_toe("Vakcollege", "Vakcollege Leek")
    page.goto(overzicht)
    expect(regel(page, "vestigingen_tellen_mee")).to_contain_text(
        "Deze vestiging telt niet mee voor de regeling: Vakcollege Leek"
    )
    regel(page, "vestigingen_tellen_mee").get_by_role("link").click()
    page.get_by_role("link", name=re.compile("^Verwijderen.*Vakcollege Leek")).click()
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.get_by_text("Vakcollege Leek").first).to_be_visible()

    for n in range(1, 20):
        voeg_toe(f"De Esch {n:02d}", f"Basisschool De Esch {n:02d}")
    page.goto(overzicht)
    expect(regel(page, "minimum_po")).to_contain_text(
        "19 tellende po-vestigingen doen mee; nodig zijn er 20."
    )
    expect(regel(page, "minimum_po")).to_contain_text("Niet voldaan")

    page.goto(adres(reverse("subsidie:vestigingen", kwargs={"slug": d.regio.slug})))
    voeg_toe("De Esch 20", "Basisschool De Esch 20")
    for n in range(1, 4):
        voeg_toe(f"Noorderpoort {n}", f"Lyceum Noorderpoort {n}")
    expect(page.locator("#tellende-po")).to_have_text("20 van minimaal 20")
    page.goto(overzicht)
    expect(regel(page, "minimum_po")).to_contain_text("Voldaan")
    expect(regel(page, "minimum_vo")).to_contain_text("Voldaan")
    # 23 × 8,500 + 4,600 × 45 = 195,500 + 207,000 = 402,500
    expect(page.locator("#maximale-subsidie")).to_have_text("€\u00a0402.500,00")

    # STO alignment.
    regel(page, "sto_afstemming").get_by_role("link").click()
    page.get_by_label("zelfde gebied, gedeelde stuurgroep, eigen programmaorganisaties").check()
    page.get_by_label("Naam van de STO-regio").fill("STO-regio Groningen")
    page.get_by_label("Hoe stemt u af met de STO-regio?").fill("Gedeelde stuurgroep, eigen team.")
    page.get_by_role("button", name="Gegevens opslaan").click()
    expect(page.get_by_text("De gegevens van de regio zijn opgeslagen.")).to_be_visible()

    # Partners: a school board as penvoerder and a company outside school.
    page.goto(overzicht)
    expect(regel(page, "buitenschoolse_partner")).to_contain_text(
        "Voeg een partner buiten de school toe"
    )
    regel(page, "penvoerder").get_by_role("link").click()

    def nieuwe_organisatie(naam: str, soort: str, kvk: str) -> None:
        page.get_by_role("link", name="Nieuwe organisatie aanmaken").click()
        page.get_by_label("Naam van de organisatie").fill(naam)
        page.get_by_label("Soort organisatie").select_option(label=soort)
        page.get_by_label("KvK-nummer").fill(kvk)
        page.get_by_label("Plaats").fill("Zuidhorn")
        page.get_by_role("button", name="Organisatie aanmaken en toevoegen").click()
        expect(
            page.get_by_text(f"{naam} is aangemaakt en doet nu mee als partner.")
        ).to_be_visible()

    nieuwe_organisatie(
        "Stichting Primair Westerkwartier", "schoolbestuur (bevoegd gezag)", "41000001"
    )
    page.get_by_role("link", name="Maak penvoerder: Stichting Primair Westerkwartier").click()
    page.get_by_label(
        "Ik bevestig dat Stichting Primair Westerkwartier de penvoerder wordt."
    ).check()
    page.get_by_role("button", name="Stichting Primair Westerkwartier penvoerder maken").click()
    expect(
        page.get_by_text("Stichting Primair Westerkwartier is nu de penvoerder van de regio.")
    ).to_be_visible()
    nieuwe_organisatie("Machinefabriek Noord", "bedrijf", "41000002")

    page.goto(overzicht)
    expect(regel(page, "penvoerder")).to_contain_text("Voldaan")
    expect(regel(page, "buitenschoolse_partner")).to_contain_text("Voldaan")
    expect(regel(page, "cofinanciering")).to_contain_text(
        "Toegezegd: €\u00a00,00; vereist: €\u00a040.250,00."
    )

    # Co-financing: the company pledges the required share, in money.
    regel(page, "cofinanciering").get_by_role("link").click()
    formulier = page.locator("form.portaal-cofinancieringsformulier")
    formulier.get_by_label("Partner").select_option(label="Machinefabriek Noord")
    formulier.get_by_label("Schooljaar").select_option(label="2026/27")
    formulier.get_by_label("Bedrag of waarde in euro's").fill("40.250")
    formulier.get_by_label("Omschrijving").fill("Bijdrage aan de techniekweek")
    formulier.get_by_role("button", name="Toezegging toevoegen").click()
    page.get_by_text("is toegevoegd").first.wait_for()

    # Budget plan: first too much, then within subsidy plus co-financing.
    page.goto(overzicht)
    regel(page, "begroting_gedekt").get_by_role("link").click()
    formulier = page.locator("#toevoegen form")
    formulier.get_by_label("Schooljaar").select_option(label="2026/27")
    formulier.get_by_label("Kostensoort").select_option(label="Vrijmaken van (onderwijs)personeel")
    formulier.get_by_label("Omschrijving").fill("Vervanging leerkrachten")
    formulier.get_by_label("Bedrag in euro's").fill("450.000")
    formulier.get_by_role("button", name="Regel toevoegen").click()
    page.get_by_text("De begrotingsregel Vervanging leerkrachten").wait_for()
    page.goto(overzicht)
    # 402,500 + 40,250 = 442,750 is the room; the plan is 7,250 over.
    expect(regel(page, "begroting_gedekt")).to_contain_text("is €\u00a07.250,00 hoger")
    expect(page.get_by_text("Nog 1 voorwaarde is niet vervuld.")).to_be_visible()

    regel(page, "begroting_gedekt").get_by_role("link").click()
    page.locator("#begroting-regels tr", has_text="Vervanging leerkrachten").get_by_role(
        "link", name=re.compile("^Wijzigen")
    ).click()
    page.get_by_label("Bedrag in euro's").fill("440.000")
    page.get_by_role("button", name=re.compile("opslaan", re.IGNORECASE)).click()

    page.goto(overzicht)
    expect(page.get_by_text("Het dossier voldoet aan alle voorwaarden.")).to_be_visible()
    controleer_toegankelijkheid()
    schermafdruk("dossier-compleet")

    # Submit, once.
    page.get_by_role("link", name="Naar indienen").click()
    page.get_by_role("button", name="Dossier indienen").click()
    expect(page.get_by_text("Het dossier is ingediend (versie 1).")).to_be_visible()
    expect(page.locator(".portaal-dossierkop")).to_contain_text("Status: ingediend")
    expect(page.get_by_text("Dit dossier is ingediend en ligt vast")).to_be_visible()
    controleer_toegankelijkheid()
    schermafdruk("dossier-ingediend")

    # The timeline tells what happened, newest first.
    page.get_by_role("link", name="Tijdlijn", exact=True).click()
    expect(page.locator("#tijdlijn li").first).to_contain_text("Dossier ingediend (versie 1)")
    controleer_toegankelijkheid()

    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.INGEDIEND
    indiening = Indiening.objects.get(regio=d.regio)
    assert indiening.maximale_subsidie == 402500
    assert indiening.begroting == 440000
    assert Gebeurtenis.objects.filter(regio=d.regio, actie="dossier.ingediend").count() == 1
