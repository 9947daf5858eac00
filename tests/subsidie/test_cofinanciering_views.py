"""The co-financing page of a region's dossier: the requirement against the pledges, adding,
changing and removing pledges, Dutch input and messages, who may do what, and a query
count that does not grow with the pledges."""

import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecosysteem.models import Gebeurtenis
from regios.models import Regio, Regiostatus, Rolsoort, Tijdvak
from subsidie.models import Cofinanciering, Cofinancieringsoort
from tests.factories import (
    DeelnameFactory,
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
)

pytestmark = pytest.mark.django_db

REGELING_TOELICHTING = "De openbare bronnen noemen geen percentage voor de cofinanciering."


def met_rol(regio: Regio, soort: str = Rolsoort.PROGRAMMAMANAGER):
    gebruiker = GebruikerFactory()
    RolFactory(regio=regio, persoon=PersoonFactory(gebruiker=gebruiker), soort=soort)
    return gebruiker


def partner_in(regio: Regio, naam: str):
    organisatie = OrganisatieFactory(naam=naam)
    DeelnameFactory(regio=regio, organisatie=organisatie, vestiging=None)
    return organisatie


def pledge(regio, organisatie, schooljaar=2026, bedrag="1000", **velden) -> Cofinanciering:
    velden.setdefault("soort", Cofinancieringsoort.GELD)
    velden.setdefault("omschrijving", "Bijdrage")
    if velden["soort"] == Cofinancieringsoort.UREN:
        bedrag = None
    return Cofinanciering.objects.create(
        regio=regio,
        organisatie=organisatie,
        schooljaar=schooljaar,
        bedrag=None if bedrag is None else Decimal(bedrag),
        **velden,
    )


@pytest.fixture
def regio():
    # Two primary school branches of 200 pupils: 2 × € 8.500 + 400 × € 45 = € 35.000
    # maximum subsidy, so the default 10% requirement is € 3.500.
    regio = RegioFactory(naam="Westerkwartier", tijdvak=Tijdvak.objects.get(code="tijdvak-2"))
    DeelnameFactory(regio=regio)
    DeelnameFactory(regio=regio)
    return regio


@pytest.fixture
def fablab(regio):
    return partner_in(regio, "Fablab Zuidhorn")


@pytest.fixture
def bibliotheek(regio):
    return partner_in(regio, "Bibliotheek Westerkwartier")


@pytest.fixture
def pm(regio):
    return met_rol(regio)


@pytest.fixture
def pm_client(client, pm):
    client.force_login(pm)
    return client


def url(regio, naam="subsidie:cofinanciering", **kwargs) -> str:
    return reverse(naam, kwargs={"slug": regio.slug, **kwargs})


def tekst(response) -> str:
    """The page as text: tags dropped, entities decoded, whitespace collapsed."""
    inhoud = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"[^\S\u00a0]+", " ", html.unescape(inhoud))


def veldfout(response, veld: str) -> str:
    """The error message rendered next to a field (its ``<id>_error`` element)."""
    gevonden = re.search(
        rf'id="id_{veld}_error">(.*?)</div>', response.content.decode(), flags=re.S
    )
    assert gevonden, f"no error next to {veld}"
    return re.sub(r"[^\S\u00a0]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", gevonden[1]))).strip()


def gegevens(regio, partner, **velden) -> dict:
    waarden = {
        "versie": Regio.objects.get(pk=regio.pk).versie,
        "organisatie": partner.pk,
        "schooljaar": 2026,
        "soort": "geld",
        "omschrijving": "Bijdrage aan lesmateriaal",
        "bedrag": "1.250,50",
        "uren": "",
        "uurtarief": "",
    }
    waarden.update(velden)
    return waarden


# --- the page --------------------------------------------------------------------------


def test_page_shows_the_requirement_with_its_basis_and_the_administrators_note(pm_client, regio):
    response = pm_client.get(url(regio))

    assert response.status_code == 200
    pagina = tekst(response)
    assert "Vereist €\u00a03.500,00" in pagina
    assert "10% van de maximale subsidie (€\u00a035.000,00)" in pagina
    assert "Toegezegd €\u00a00,00" in pagina
    assert "Tekort €\u00a03.500,00" in pagina
    # The note on where the percentage comes from is for administrators, not rule text.
    assert REGELING_TOELICHTING not in pagina
    assert "Notitie voor beheerders" not in pagina
    assert "Partner 2026/27 2027/28 Totaal Er is nog geen cofinanciering toegezegd." in pagina


def test_the_note_on_the_requirement_is_shown_to_administrators_only(client, regio):
    beheerder = GebruikerFactory(is_superuser=True, is_staff=True)
    client.force_login(beheerder)
    for pagina in (url(regio), url(regio, "subsidie:dossier")):
        response = client.get(pagina)
        assert response.status_code == 200, pagina
        inhoud = tekst(response)
        assert "Notitie voor beheerders" in inhoud, pagina
        assert REGELING_TOELICHTING in inhoud, pagina


def test_the_dossier_overview_keeps_the_administrators_note_from_the_region(pm_client, regio):
    inhoud = tekst(pm_client.get(url(regio, "subsidie:dossier")))
    assert "Vereist" in inhoud or "Cofinanciering" in inhoud
    assert REGELING_TOELICHTING not in inhoud


def test_pledges_appear_per_partner_and_school_year_with_totals(
    pm_client, regio, fablab, bibliotheek
):
    pledge(regio, fablab, 2026, "1000")
    pledge(regio, fablab, 2027, "500")
    pledge(
        regio,
        bibliotheek,
        2027,
        soort=Cofinancieringsoort.UREN,
        uren=Decimal("20"),
        uurtarief=Decimal("50"),
        omschrijving="Gastlessen",
    )

    response = pm_client.get(url(regio))

    pagina = tekst(response)
    # Per partner: 2026/27, 2027/28, total; the library first (alphabetical).
    assert "Bibliotheek Westerkwartier – geen €\u00a01.000,00 €\u00a01.000,00" in pagina
    assert "Fablab Zuidhorn €\u00a01.000,00 €\u00a0500,00 €\u00a01.500,00" in pagina
    assert "Totaal €\u00a01.000,00 €\u00a01.500,00 €\u00a02.500,00" in pagina
    assert "Gastlessen €\u00a01.000,00 20 uur × €\u00a050,00" in pagina
    assert "Tekort €\u00a01.000,00" in pagina
    assert "Er is nog €\u00a01.000,00 cofinanciering nodig" in pagina


def test_enough_pledged_says_it_meets_the_requirement(pm_client, regio, fablab):
    pledge(regio, fablab, 2026, "3500")

    pagina = tekst(pm_client.get(url(regio)))

    assert "Voldoet De toegezegde cofinanciering is genoeg voor de eis." in pagina
    assert "Tekort" not in pagina


def test_requirement_on_the_budget_basis_says_so(pm_client, regio):
    regeling = regio.tijdvak.regeling
    regeling.cofinanciering_grondslag = "begroting"
    regeling.cofinanciering_percentage = Decimal("12.5")
    regeling.save()

    pagina = tekst(pm_client.get(url(regio)))

    assert "12,5% van de totale begroting (€\u00a00,00)" in pagina


def test_region_without_partners_is_sent_to_the_partners_page(pm_client, regio):
    response = pm_client.get(url(regio))

    assert "Voeg eerst de partners toe" in tekst(response)
    assert reverse("regios:partners", kwargs={"slug": regio.slug}) in response.content.decode()
    assert 'name="organisatie"' not in response.content.decode()


def test_form_offers_only_the_regions_partners_and_the_periods_school_years(
    pm_client, regio, fablab, bibliotheek
):
    OrganisatieFactory(naam="Bedrijf Elders")

    inhoud = pm_client.get(url(regio)).content.decode()

    assert "Fablab Zuidhorn</option>" in inhoud
    assert "Bibliotheek Westerkwartier</option>" in inhoud
    assert "Bedrijf Elders" not in inhoud
    # Only the school-year field's options: other ids may have four digits too.
    schooljaren = re.search(r'<select name="schooljaar".*?</select>', inhoud, flags=re.S)[0]
    assert re.findall(r'<option value="(\d{4})"', schooljaren) == ["2026", "2027"]
    assert f'name="versie" value="{regio.versie}"' in inhoud


# --- adding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "invoer", ["1.250,50", "1250.50", "1250,50", "€\u00a01.250,50", " 1 250,50 ", "1,250.50"]
)
def test_money_pledge_is_added_from_dutch_or_plain_decimal_input(pm_client, regio, fablab, invoer):
    response = pm_client.post(url(regio), gegevens(regio, fablab, bedrag=invoer))

    assert response.status_code == 302
    assert response["Location"] == url(regio)
    opgeslagen = Cofinanciering.objects.get()
    assert opgeslagen.bedrag == Decimal("1250.50")
    assert opgeslagen.organisatie == fablab
    pagina = tekst(pm_client.get(response["Location"]))
    assert "De toezegging van Fablab Zuidhorn voor 2026/27 is toegevoegd." in pagina
    assert "Toegezegd €\u00a01.250,50" in pagina


def test_dot_before_three_digits_reads_as_thousands(pm_client, regio, fablab):
    pm_client.post(url(regio), gegevens(regio, fablab, bedrag="12.500"))

    assert Cofinanciering.objects.get().bedrag == Decimal("12500")


def test_hours_pledge_is_added_and_valued_hours_times_rate(pm_client, regio, fablab):
    response = pm_client.post(
        url(regio),
        gegevens(regio, fablab, soort="uren", bedrag="", uren="40", uurtarief="62,50"),
    )

    assert response.status_code == 302
    opgeslagen = Cofinanciering.objects.get()
    assert (opgeslagen.uren, opgeslagen.uurtarief, opgeslagen.bedrag) == (
        Decimal("40"),
        Decimal("62.50"),
        None,
    )
    pagina = tekst(pm_client.get(url(regio)))
    assert "€\u00a02.500,00 40 uur × €\u00a062,50" in pagina
    assert "Tekort €\u00a01.000,00" in pagina


def test_value_fields_of_the_other_kind_are_ignored_even_when_invalid(pm_client, regio, fablab):
    response = pm_client.post(
        url(regio),
        gegevens(regio, fablab, soort="uren", bedrag="onzin", uren="12,5", uurtarief="40"),
    )

    assert response.status_code == 302
    assert Cofinanciering.objects.get().waarde == Decimal("500.00")


@pytest.mark.parametrize(
    ("velden", "veld", "bericht"),
    [
        ({"bedrag": ""}, "bedrag", "Vul het bedrag in."),
        ({"bedrag": "-250"}, "bedrag", "Een bedrag kan niet negatief zijn."),
        ({"bedrag": "0"}, "bedrag", "Vul een bedrag groter dan 0 in."),
        ({"bedrag": "twaalf"}, "bedrag", "Vul een bedrag in euro's in, bijvoorbeeld 1.250,50."),
        ({"bedrag": "1.25.0"}, "bedrag", "Vul een bedrag in euro's in, bijvoorbeeld 1.250,50."),
        ({"bedrag": "10,555"}, "bedrag", "Gebruik hoogstens 2 cijfers achter de komma"),
        (
            {"soort": "uren", "uren": "8", "uurtarief": ""},
            "uurtarief",
            "Vul het uurtarief in; uren zonder tarief hebben geen waarde.",
        ),
        (
            {"soort": "uren", "uren": "", "uurtarief": "50"},
            "uren",
            "Vul het aantal uren in.",
        ),
        (
            {"soort": "uren", "uren": "-3", "uurtarief": "50"},
            "uren",
            "Het aantal uren kan niet negatief zijn.",
        ),
        (
            {"soort": "uren", "uren": "3", "uurtarief": "-50"},
            "uurtarief",
            "Het uurtarief kan niet negatief zijn.",
        ),
        ({"schooljaar": "2030"}, "schooljaar", "Kies een schooljaar binnen het tijdvak."),
        ({"schooljaar": "2025"}, "schooljaar", "Kies een schooljaar binnen het tijdvak."),
        ({"schooljaar": ""}, "schooljaar", "Kies een schooljaar."),
        ({"organisatie": ""}, "organisatie", "Kies een partner."),
        ({"omschrijving": "  "}, "omschrijving", "Beschrijf de bijdrage."),
        ({"soort": "aandelen"}, "soort", "Kies een van de soorten bijdrage."),
    ],
)
def test_bad_input_gets_a_dutch_message_next_to_the_field_and_saves_nothing(
    pm_client, regio, fablab, velden, veld, bericht
):
    voor = Regio.objects.get(pk=regio.pk).versie

    response = pm_client.post(url(regio), gegevens(regio, fablab, **velden))

    assert response.status_code == 200
    assert bericht in veldfout(response, veld)
    assert "Er is een probleem met het formulier" in tekst(response)
    assert "Er is niets opgeslagen." in tekst(response)
    assert not Cofinanciering.objects.exists()
    assert Regio.objects.get(pk=regio.pk).versie == voor


def test_partner_outside_the_region_is_refused_next_to_the_field(pm_client, regio, fablab):
    elders = OrganisatieFactory(naam="Bedrijf Elders")
    partner_in(RegioFactory(tijdvak=regio.tijdvak), "Ander Lab")

    response = pm_client.post(url(regio), gegevens(regio, elders))

    assert response.status_code == 200
    assert "Deze organisatie doet niet mee in de regio." in veldfout(response, "organisatie")
    assert not Cofinanciering.objects.exists()


def test_input_is_kept_when_the_form_is_shown_again(pm_client, regio, fablab):
    response = pm_client.post(
        url(regio), gegevens(regio, fablab, soort="uren", uren="12,5", uurtarief="")
    )

    inhoud = response.content.decode()
    assert 'value="12,5"' in inhoud
    assert re.search(r'value="uren"[^>]*checked', inhoud)


def test_stale_version_is_refused_with_the_message_and_the_retry_goes_through(
    pm_client, regio, fablab
):
    oud = gegevens(regio, fablab)
    Regio.objects.filter(pk=regio.pk).update(versie=regio.versie + 1)  # someone else saved

    response = pm_client.post(url(regio), oud)

    assert response.status_code == 200
    assert "Iemand anders heeft het dossier gewijzigd nadat u dit formulier opende." in tekst(
        response
    )
    assert not Cofinanciering.objects.exists()
    # The form now carries the current version: sending it again is meant and succeeds.
    assert f'name="versie" value="{regio.versie + 1}"' in response.content.decode()
    opnieuw = pm_client.post(url(regio), {**oud, "versie": regio.versie + 1})
    assert opnieuw.status_code == 302
    assert Cofinanciering.objects.count() == 1


def test_adding_writes_an_audit_event(pm_client, pm, regio, fablab):
    pm_client.post(url(regio), gegevens(regio, fablab))

    gebeurtenis = Gebeurtenis.objects.get(actie="cofinanciering.toegevoegd")
    assert (gebeurtenis.door, gebeurtenis.regio) == (pm, regio)


# --- changing and removing -------------------------------------------------------------


def test_change_page_shows_the_stored_values_the_dutch_way(pm_client, regio, fablab):
    bestaand = pledge(regio, fablab, 2027, "1250.5", omschrijving="Werkplaats")

    response = pm_client.get(url(regio, "subsidie:cofinanciering_wijzigen", pk=bestaand.pk))

    assert response.status_code == 200
    inhoud = response.content.decode()
    assert 'value="1.250,50"' in inhoud
    assert 'value="Werkplaats"' in inhoud
    assert re.search(r'<option value="2027" selected>', inhoud)
    assert "Nu vastgelegd: Fablab Zuidhorn, 2027/28, €\u00a01.250,50." in tekst(response)


def test_changing_a_pledge_saves_and_returns_to_the_page(pm_client, regio, fablab, bibliotheek):
    bestaand = pledge(regio, fablab, 2026, "1000")

    response = pm_client.post(
        url(regio, "subsidie:cofinanciering_wijzigen", pk=bestaand.pk),
        gegevens(regio, bibliotheek, schooljaar=2027, soort="uren", uren="10", uurtarief="45,00"),
    )

    assert response.status_code == 302
    assert response["Location"] == url(regio)
    bestaand.refresh_from_db()
    assert (bestaand.organisatie, bestaand.schooljaar, bestaand.waarde) == (
        bibliotheek,
        2027,
        Decimal("450.00"),
    )
    assert "is gewijzigd" in tekst(pm_client.get(url(regio)))


def test_changing_with_bad_input_keeps_the_stored_pledge(pm_client, regio, fablab):
    bestaand = pledge(regio, fablab, 2026, "1000")

    response = pm_client.post(
        url(regio, "subsidie:cofinanciering_wijzigen", pk=bestaand.pk),
        gegevens(regio, fablab, bedrag="-5"),
    )

    assert response.status_code == 200
    assert "Een bedrag kan niet negatief zijn." in veldfout(response, "bedrag")
    assert "Nu vastgelegd: Fablab Zuidhorn, 2026/27, €\u00a01.000,00." in tekst(response)
    bestaand.refresh_from_db()
    assert bestaand.bedrag == Decimal("1000")


def test_delete_asks_for_confirmation_then_removes(pm_client, regio, fablab):
    bestaand = pledge(regio, fablab, 2026, "1000", omschrijving="Lesmateriaal")
    adres = url(regio, "subsidie:cofinanciering_verwijderen", pk=bestaand.pk)

    bevestiging = pm_client.get(adres)

    assert bevestiging.status_code == 200
    pagina = tekst(bevestiging)
    assert "Weet u zeker dat u dit wilt verwijderen?" in pagina
    assert "Partner Fablab Zuidhorn" in pagina
    assert "Waarde €\u00a01.000,00" in pagina
    assert Cofinanciering.objects.exists()

    response = pm_client.post(adres, {"versie": Regio.objects.get(pk=regio.pk).versie})

    assert response.status_code == 302
    assert not Cofinanciering.objects.exists()
    assert "is verwijderd" in tekst(pm_client.get(url(regio)))
    assert Gebeurtenis.objects.filter(actie="cofinanciering.verwijderd").count() == 1


def test_delete_with_a_stale_version_keeps_the_pledge_and_says_why(pm_client, regio, fablab):
    bestaand = pledge(regio, fablab)
    adres = url(regio, "subsidie:cofinanciering_verwijderen", pk=bestaand.pk)

    response = pm_client.post(adres, {"versie": regio.versie - 1})

    assert response.status_code == 200
    assert "Iemand anders heeft het dossier gewijzigd" in tekst(response)
    assert Cofinanciering.objects.exists()
    assert f'name="versie" value="{regio.versie}"' in response.content.decode()


# --- who may do what -------------------------------------------------------------------


def alle_adressen(regio, bestaand) -> list[str]:
    return [
        url(regio),
        url(regio, "subsidie:cofinanciering_wijzigen", pk=bestaand.pk),
        url(regio, "subsidie:cofinanciering_verwijderen", pk=bestaand.pk),
    ]


def test_anonymous_visitor_is_sent_to_login(client, regio, fablab):
    bestaand = pledge(regio, fablab)

    for adres in alle_adressen(regio, bestaand):
        for methode in (client.get, client.post):
            response = methode(adres)
            assert response.status_code == 302, adres
            assert response["Location"].startswith(reverse("login"))
    assert Cofinanciering.objects.count() == 1


def test_programme_manager_of_another_region_gets_404_everywhere(client, regio, fablab):
    bestaand = pledge(regio, fablab)
    client.force_login(met_rol(RegioFactory(tijdvak=regio.tijdvak)))

    for adres in alle_adressen(regio, bestaand):
        assert client.get(adres).status_code == 404, adres
        assert client.post(adres, gegevens(regio, fablab)).status_code == 404, adres
    assert Cofinanciering.objects.get() == bestaand
    bestaand.refresh_from_db()
    assert bestaand.bedrag == Decimal("1000")


def test_pledge_of_another_region_is_not_found_through_this_region(pm_client, regio, fablab):
    andere = RegioFactory(tijdvak=regio.tijdvak)
    vreemd = pledge(andere, partner_in(andere, "Ander Lab"))

    for naam in ("subsidie:cofinanciering_wijzigen", "subsidie:cofinanciering_verwijderen"):
        adres = url(regio, naam, pk=vreemd.pk)
        assert pm_client.get(adres).status_code == 404
        assert pm_client.post(adres, gegevens(regio, fablab)).status_code == 404
    assert Cofinanciering.objects.filter(pk=vreemd.pk).exists()


@pytest.mark.parametrize("soort", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_project_leader_and_steering_group_read_without_forms_and_may_not_post(
    client, regio, fablab, soort
):
    bestaand = pledge(regio, fablab)
    client.force_login(met_rol(regio, soort))

    response = client.get(url(regio))

    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Fablab Zuidhorn" in inhoud
    assert "<form" not in inhoud.split('id="inhoud"')[1]
    assert "wijzigen/" not in inhoud
    assert "U kunt dit dossier lezen, maar niet wijzigen." in tekst(response)
    for adres in alle_adressen(regio, bestaand):
        assert client.post(adres, gegevens(regio, fablab)).status_code == 403, adres
    assert client.get(alle_adressen(regio, bestaand)[1]).status_code == 403
    assert client.get(alle_adressen(regio, bestaand)[2]).status_code == 403
    assert Cofinanciering.objects.get().bedrag == Decimal("1000")


def test_submitted_dossier_is_read_only_for_its_programme_manager(pm_client, regio, fablab):
    pledge(regio, fablab)
    Regio.objects.filter(pk=regio.pk).update(status=Regiostatus.INGEDIEND)

    response = pm_client.get(url(regio))

    assert response.status_code == 200
    assert 'name="organisatie"' not in response.content.decode()
    assert pm_client.post(url(regio), gegevens(regio, fablab)).status_code == 403
    assert Cofinanciering.objects.count() == 1


# --- cost ------------------------------------------------------------------------------


def test_page_queries_do_not_grow_with_the_pledges(pm_client, regio, fablab):
    pledge(regio, fablab)
    with CaptureQueriesContext(connection) as weinig:
        assert pm_client.get(url(regio)).status_code == 200

    partners = [partner_in(regio, f"Partner {i}") for i in range(8)]
    for i, partner in enumerate(partners):
        pledge(regio, partner, 2026 + i % 2, "250")
        pledge(
            regio,
            partner,
            2027,
            soort=Cofinancieringsoort.UREN,
            uren=Decimal("4"),
            uurtarief=Decimal("60"),
        )
    with CaptureQueriesContext(connection) as veel:
        response = pm_client.get(url(regio))

    assert "17 toezeggingen" in tekst(response)
    assert len(veel) == len(weinig), [q["sql"] for q in veel.captured_queries]


def test_change_page_queries_do_not_grow_with_the_pledges(pm_client, regio, fablab):
    eerste = pledge(regio, fablab)
    adres = url(regio, "subsidie:cofinanciering_wijzigen", pk=eerste.pk)
    with CaptureQueriesContext(connection) as weinig:
        pm_client.get(adres)

    for i in range(10):
        pledge(regio, partner_in(regio, f"Partner {i}"))
    with CaptureQueriesContext(connection) as veel:
        pm_client.get(adres)

    assert len(veel) == len(weinig)
