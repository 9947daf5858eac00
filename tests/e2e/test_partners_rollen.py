"""A programme manager builds the partnership and its governance in the browser."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partners.models import Organisatie, Organisatiesoort
from regios.models import Deelname, Rol, Rolsoort
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
    return RegioFactory(naam="Techregio Westerkwartier", slug="westerkwartier")


@pytest.fixture
def programmamanager(regio):
    gebruiker = GebruikerFactory(first_name="Femke", last_name="Bakker")
    RolFactory(
        persoon=PersoonFactory(voornaam="Femke", achternaam="Bakker", gebruiker=gebruiker),
        regio=regio,
        soort=Rolsoort.PROGRAMMAMANAGER,
    )
    return gebruiker


@pytest.fixture
def schoolbestuur(regio):
    return DeelnameFactory(
        regio=regio,
        vestiging=None,
        organisatie=OrganisatieFactory(
            naam="Stichting Openbaar Onderwijs Westerkwartier",
            soort=Organisatiesoort.SCHOOLBESTUUR,
            kvk_nummer="",
            brin_nummer="",
            plaats="Zuidhorn",
        ),
    )


def test_programme_manager_adds_a_company_fixes_its_kvk_number_and_names_the_penvoerder(
    page,
    adres,
    ingelogd_als,
    regio,
    programmamanager,
    schoolbestuur,
    controleer_toegankelijkheid,
    schermafdruk,
):
    OrganisatieFactory(naam="Bibliotheek Westerkwartier", soort=Organisatiesoort.BIBLIOTHEEK)
    ingelogd_als(programmamanager)
    page.goto(adres(reverse("regios:partners", kwargs={"slug": regio.slug})))
    expect(page.get_by_text("Er is nog geen penvoerder aangewezen.")).to_be_visible()
    controleer_toegankelijkheid()

    # A known organisation, found while typing (htmx), added with its own button.
    page.get_by_label("Naam, KvK-nummer of BRIN-nummer").press_sequentially("biblio")
    toevoegen = page.get_by_role("button", name="Toevoegen: Bibliotheek Westerkwartier")
    expect(toevoegen).to_be_visible()
    schermafdruk("partners-zoeken")
    toevoegen.click()
    expect(page.get_by_text("Bibliotheek Westerkwartier doet nu mee als partner.")).to_be_visible()

    # A new company, first with a KvK number that is one digit short.
    page.get_by_role("link", name="Nieuwe organisatie aanmaken").click()
    page.get_by_label("Naam van de organisatie").fill("Machinefabriek Noord")
    page.get_by_label("Soort organisatie").select_option(label="bedrijf")
    page.get_by_label("KvK-nummer").fill("1234567")
    page.get_by_label("Postcode").fill("9801 AB")
    page.get_by_label("Plaats").fill("Zuidhorn")
    page.get_by_role("button", name="Organisatie aanmaken en toevoegen").click()

    foutoverzicht = page.locator("[data-foutoverzicht]")
    expect(foutoverzicht).to_be_focused()
    expect(foutoverzicht).to_contain_text("Een KvK-nummer bestaat uit 8 cijfers")
    veld = page.get_by_label("KvK-nummer")
    expect(veld).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_kvk_nummer_error")).to_contain_text(
        "Een KvK-nummer bestaat uit 8 cijfers"
    )
    assert not Organisatie.objects.filter(naam="Machinefabriek Noord").exists()
    controleer_toegankelijkheid()
    schermafdruk("partners-nieuw-fout")

    veld.fill("12345678")
    page.get_by_role("button", name="Organisatie aanmaken en toevoegen").click()

    expect(
        page.get_by_text("Machinefabriek Noord is aangemaakt en doet nu mee als partner.")
    ).to_be_visible()
    tabel = page.locator("#partners")
    rij = tabel.get_by_role("row").filter(has_text="Machinefabriek Noord")
    expect(rij).to_contain_text("bedrijf")
    expect(rij).to_contain_text("KvK 12345678")
    expect(rij).to_contain_text("Zuidhorn")
    # A company gets no penvoerder button; the school board does.
    expect(rij.get_by_role("button")).to_have_count(0)

    page.get_by_role(
        "link", name="Maak penvoerder: Stichting Openbaar Onderwijs Westerkwartier"
    ).click()
    # A confirmation page: without the tick nothing changes.
    knop = page.get_by_role(
        "button", name="Stichting Openbaar Onderwijs Westerkwartier penvoerder maken"
    )
    knop.click()
    expect(page.get_by_text("Vink aan dat u de penvoerder wilt wijzigen.").first).to_be_visible()
    controleer_toegankelijkheid()
    page.get_by_label("Ik bevestig dat Stichting Openbaar Onderwijs Westerkwartier").check()
    page.get_by_role(
        "button", name="Stichting Openbaar Onderwijs Westerkwartier penvoerder maken"
    ).click()

    expect(
        page.get_by_text(
            "Stichting Openbaar Onderwijs Westerkwartier is nu de penvoerder van de regio."
        )
    ).to_be_visible()
    bestuursrij = tabel.get_by_role("row").filter(
        has_text="Stichting Openbaar Onderwijs Westerkwartier"
    )
    expect(bestuursrij.get_by_role("rowheader")).to_contain_text("penvoerder")
    schoolbestuur.refresh_from_db()
    assert schoolbestuur.is_penvoerder
    assert Deelname.objects.filter(regio=regio, organisatie__isnull=False).count() == 3
    controleer_toegankelijkheid()
    schermafdruk("partners-tabel")


def test_programme_manager_sets_up_a_steering_group_and_adds_a_member(
    page,
    adres,
    ingelogd_als,
    regio,
    programmamanager,
    schoolbestuur,
    controleer_toegankelijkheid,
    schermafdruk,
):
    ingelogd_als(programmamanager)
    page.goto(adres(reverse("regios:rollen", kwargs={"slug": regio.slug})))
    controleer_toegankelijkheid()

    page.get_by_role("link", name="Orgaan instellen").click()
    page.get_by_label("Soort orgaan").select_option(label="stuurgroep")
    page.get_by_label("Naam", exact=True).fill("Stuurgroep Westerkwartier")
    page.get_by_role("button", name="Orgaan instellen").click()
    expect(page.get_by_text("Stuurgroep Westerkwartier is ingesteld.")).to_be_visible()

    page.get_by_role("link", name="Lid toevoegen aan Stuurgroep Westerkwartier").click()
    expect(page.get_by_label("Rol", exact=True)).to_have_value("stuurgroeplid")
    # Someone already known: the new person's fields are not needed and hidden.
    page.get_by_label("Iemand die al in het portaal staat").check()
    expect(page.get_by_label("Voornaam")).to_be_hidden()
    page.get_by_label("Een nieuwe persoon").check()
    expect(page.get_by_label("Voornaam")).to_be_visible()
    controleer_toegankelijkheid()
    schermafdruk("rollen-nieuw")

    page.get_by_label("Namens organisatie").select_option(
        label="Stichting Openbaar Onderwijs Westerkwartier"
    )
    page.get_by_label("E-mailadres").fill("a.yilmaz@voorbeeld.nl")
    page.get_by_label("Voornaam").fill("Ahmed")
    page.get_by_label("Achternaam").fill("Yilmaz")
    page.get_by_label("Functie").fill("Bestuurder")
    page.get_by_role("button", name="Rol toekennen").click()

    expect(
        page.get_by_text(
            re.compile(r"Ahmed Yilmaz is nu stuurgroeplid \(Stuurgroep Westerkwartier\)")
        )
    ).to_be_visible()
    leden = page.locator(f"#orgaan-{regio.organen.get().pk}-leden")
    rij = leden.get_by_role("row").filter(has_text="Ahmed Yilmaz")
    expect(rij).to_contain_text("stuurgroeplid")
    expect(rij).to_contain_text("Stichting Openbaar Onderwijs Westerkwartier")
    expect(rij).to_contain_text("Nog niet")
    assert Rol.objects.filter(
        regio=regio, soort=Rolsoort.STUURGROEPLID, persoon__achternaam="Yilmaz"
    ).exists()
    controleer_toegankelijkheid()
    schermafdruk("rollen")
