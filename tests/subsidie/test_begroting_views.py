"""The budget page of a region's dossier: the plan against subsidy plus co-financing, the
table per school year and cost category, adding, changing and removing lines, Dutch input
and messages, who may do what, and a query count that does not grow with the lines."""

import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecosysteem.models import Gebeurtenis
from regios.models import Regio, Regiostatus, Rolsoort, Tijdvak
from subsidie.dossier import laad_dossier
from subsidie.models import Begrotingsregel, Cofinanciering, Cofinancieringsoort, Kostensoort
from tests.factories import (
    DeelnameFactory,
    GebruikerFactory,
    OrganisatieFactory,
    PersoonFactory,
    RegioFactory,
    RolFactory,
)

pytestmark = pytest.mark.django_db


def met_rol(regio: Regio, soort: str = Rolsoort.PROGRAMMAMANAGER):
    gebruiker = GebruikerFactory()
    RolFactory(regio=regio, persoon=PersoonFactory(gebruiker=gebruiker), soort=soort)
    return gebruiker


def regel(regio, bedrag="1000", schooljaar=2026, kostensoort=Kostensoort.ACTIVITEITEN, **velden):
    velden.setdefault("omschrijving", "Techniekweek")
    return Begrotingsregel.objects.create(
        regio=regio,
        schooljaar=schooljaar,
        kostensoort=kostensoort,
        bedrag=Decimal(bedrag),
        **velden,
    )


@pytest.fixture
def regio():
    # Two primary school branches of 200 pupils: € 35.000 maximum subsidy; with € 3.500
    # pledged, the plan may cost € 38.500.
    regio = RegioFactory(naam="Westerkwartier", tijdvak=Tijdvak.objects.get(code="tijdvak-2"))
    DeelnameFactory(regio=regio)
    DeelnameFactory(regio=regio)
    partner = OrganisatieFactory(naam="Fablab Zuidhorn")
    DeelnameFactory(regio=regio, organisatie=partner, vestiging=None)
    Cofinanciering.objects.create(
        regio=regio,
        organisatie=partner,
        schooljaar=2026,
        soort=Cofinancieringsoort.GELD,
        omschrijving="Bijdrage",
        bedrag=Decimal("3500"),
    )
    return regio


@pytest.fixture
def pm(regio):
    return met_rol(regio)


@pytest.fixture
def pm_client(client, pm):
    client.force_login(pm)
    return client


def url(regio, naam="subsidie:begroting", **kwargs) -> str:
    return reverse(naam, kwargs={"slug": regio.slug, **kwargs})


def tekst(response) -> str:
    inhoud = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"[^\S\u00a0]+", " ", html.unescape(inhoud))


def veldfout(response, veld: str) -> str:
    gevonden = re.search(
        rf'id="id_{veld}_error">(.*?)</div>', response.content.decode(), flags=re.S
    )
    assert gevonden, f"no error next to {veld}"
    return re.sub(r"[^\S\u00a0]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", gevonden[1]))).strip()


def gegevens(regio, **velden) -> dict:
    waarden = {
        "versie": Regio.objects.get(pk=regio.pk).versie,
        "schooljaar": 2026,
        "kostensoort": "expertise",
        "omschrijving": "Inhuur techniekcoach",
        "bedrag": "12.500,00",
    }
    waarden.update(velden)
    return waarden


# --- the page --------------------------------------------------------------------------


def test_empty_plan_shows_what_is_available_and_that_lines_are_missing(pm_client, regio):
    pagina = tekst(pm_client.get(url(regio)))

    assert "Maximale subsidie €\u00a035.000,00" in pagina
    assert "Toegezegde cofinanciering €\u00a03.500,00" in pagina
    assert "Beschikbaar €\u00a038.500,00" in pagina
    assert "Totale begroting €\u00a00,00" in pagina
    assert "Nog geen begroting De begroting heeft nog geen regels." in pagina


def test_plan_within_the_cover_shows_the_room_left(pm_client, regio):
    regel(regio, "30000")

    pagina = tekst(pm_client.get(url(regio)))

    assert "Ruimte €\u00a08.500,00" in pagina
    assert "De begroting past binnen subsidie plus cofinanciering." in pagina


def test_plan_exactly_at_the_cover_passes(pm_client, regio):
    regel(regio, "38500")

    pagina = tekst(pm_client.get(url(regio)))

    assert "Ruimte €\u00a00,00" in pagina
    assert "Tekort" not in pagina


def test_plan_above_the_cover_shows_the_shortfall_and_links_to_co_financing(pm_client, regio):
    regel(regio, "30000")
    regel(regio, "10000", schooljaar=2027)

    response = pm_client.get(url(regio))

    pagina = tekst(response)
    assert "Tekort €\u00a01.500,00" in pagina
    assert "De begroting is €\u00a01.500,00 hoger dan subsidie plus cofinanciering." in pagina
    assert reverse("subsidie:cofinanciering", kwargs={"slug": regio.slug}) in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("bedragen", "verwacht"),
    [([], False), (["38500"], True), (["38500.01"], False), (["100"], True)],
)
def test_verdict_matches_the_eligibility_rule(pm_client, regio, bedragen, verwacht):
    for bedrag in bedragen:
        regel(regio, bedrag)

    inhoud = pm_client.get(url(regio)).content.decode()

    toets = next(r for r in laad_dossier(regio).toetsing if r.code == "begroting_gedekt")
    assert toets.geslaagd is verwacht
    soort = "ok" if verwacht else "tekort"
    assert f'portaal-uitkomst--{soort}" id="begroting-uitkomst"' in inhoud


def test_table_per_cost_category_and_school_year_adds_up(pm_client, regio):
    regel(regio, "1000", 2026, Kostensoort.PERSONEEL)
    regel(regio, "500", 2026, Kostensoort.PERSONEEL, omschrijving="Vervanging")
    regel(regio, "2000", 2027, Kostensoort.PERSONEEL)
    regel(regio, "750", 2027, Kostensoort.MATERIALEN)

    pagina = tekst(pm_client.get(url(regio)))

    assert "Kostensoort 2026/27 2027/28 Totaal" in pagina
    assert (
        "Vrijmaken van (onderwijs)personeel €\u00a01.500,00 €\u00a02.000,00 €\u00a03.500,00"
        in pagina
    )
    assert "Materialen – geen €\u00a0750,00 €\u00a0750,00" in pagina
    assert "Totaal €\u00a01.500,00 €\u00a02.750,00 €\u00a04.250,00" in pagina
    # Every category has a row, used or not, in the regulation's order.
    volgorde = [pagina.index(label) for label in ("Vrijmaken van", "Inhuur externe", "Overig")]
    assert volgorde == sorted(volgorde)


def test_lines_are_listed_by_school_year_and_category(pm_client, regio):
    regel(regio, "100", 2027, Kostensoort.OVERIG, omschrijving="Drukwerk")
    regel(regio, "200", 2026, Kostensoort.COORDINATIE, omschrijving="Programmamanager")
    regel(regio, "300", 2026, Kostensoort.PERSONEEL, omschrijving="Vervanging")

    pagina = tekst(pm_client.get(url(regio)))

    posities = [pagina.index(o) for o in ("Vervanging 2026", "Programmamanager 2026", "Drukwerk")]
    assert posities == sorted(posities)
    assert "3 begrotingsregels" in pagina


# --- adding ----------------------------------------------------------------------------


@pytest.mark.parametrize("invoer", ["12.500,00", "12500.00", "12500,00", "12.500", "€\u00a012.500"])
def test_line_is_added_from_dutch_or_plain_decimal_input(pm_client, regio, invoer):
    response = pm_client.post(url(regio), gegevens(regio, bedrag=invoer))

    assert response.status_code == 302
    assert response["Location"] == url(regio)
    opgeslagen = Begrotingsregel.objects.get()
    assert (opgeslagen.bedrag, opgeslagen.kostensoort, opgeslagen.schooljaar) == (
        Decimal("12500"),
        Kostensoort.EXPERTISE,
        2026,
    )
    pagina = tekst(pm_client.get(response["Location"]))
    assert (
        "De begrotingsregel Inhuur techniekcoach (2026/27, €\u00a012.500,00) is toegevoegd."
        in pagina
    )
    assert "Ruimte €\u00a026.000,00" in pagina
    assert Gebeurtenis.objects.filter(actie="begroting.toegevoegd").count() == 1


@pytest.mark.parametrize(
    ("velden", "veld", "bericht"),
    [
        ({"bedrag": ""}, "bedrag", "Vul het bedrag in."),
        ({"bedrag": "-100"}, "bedrag", "Een bedrag kan niet negatief zijn."),
        ({"bedrag": "0,00"}, "bedrag", "Vul een bedrag groter dan 0 in."),
        ({"bedrag": "veel"}, "bedrag", "Vul een bedrag in euro's in, bijvoorbeeld 1.250,50."),
        ({"bedrag": "1,005"}, "bedrag", "Gebruik hoogstens 2 cijfers achter de komma"),
        ({"bedrag": "99999999999"}, "bedrag", "Deze waarde is te groot."),
        ({"schooljaar": "2028"}, "schooljaar", "Kies een schooljaar binnen het tijdvak."),
        ({"schooljaar": "abc"}, "schooljaar", "Kies een schooljaar binnen het tijdvak."),
        ({"kostensoort": ""}, "kostensoort", "Kies een kostensoort."),
        ({"kostensoort": "reizen"}, "kostensoort", "Kies een kostensoort uit de lijst."),
        ({"omschrijving": ""}, "omschrijving", "Beschrijf waarvoor het bedrag is."),
        ({"omschrijving": "x" * 301}, "omschrijving", "niet meer dan 300 tekens"),
    ],
)
def test_bad_input_gets_a_dutch_message_next_to_the_field_and_saves_nothing(
    pm_client, regio, velden, veld, bericht
):
    voor = Regio.objects.get(pk=regio.pk).versie

    response = pm_client.post(url(regio), gegevens(regio, **velden))

    assert response.status_code == 200
    assert bericht in veldfout(response, veld)
    assert not Begrotingsregel.objects.exists()
    assert Regio.objects.get(pk=regio.pk).versie == voor


def test_stale_version_is_refused_and_the_retry_goes_through(pm_client, regio):
    oud = gegevens(regio)
    Regio.objects.filter(pk=regio.pk).update(versie=regio.versie + 1)

    response = pm_client.post(url(regio), oud)

    assert "Iemand anders heeft het dossier gewijzigd nadat u dit formulier opende." in tekst(
        response
    )
    assert 'value="Inhuur techniekcoach"' in response.content.decode()
    assert not Begrotingsregel.objects.exists()
    assert pm_client.post(url(regio), {**oud, "versie": regio.versie + 1}).status_code == 302
    assert Begrotingsregel.objects.count() == 1


# --- changing and removing -------------------------------------------------------------


def test_change_page_shows_the_stored_line_the_dutch_way(pm_client, regio):
    bestaand = regel(regio, "1234.5", 2027, Kostensoort.MATERIALEN, omschrijving="Bouwpakketten")

    response = pm_client.get(url(regio, "subsidie:begroting_wijzigen", pk=bestaand.pk))

    inhoud = response.content.decode()
    assert 'value="1.234,50"' in inhoud
    assert '<option value="materialen" selected>' in inhoud
    assert '<option value="2027" selected>' in inhoud
    assert "Nu vastgelegd: Bouwpakketten (2027/28, materialen), €\u00a01.234,50." in tekst(response)


def test_changing_a_line_saves_and_returns(pm_client, regio):
    bestaand = regel(regio)

    response = pm_client.post(
        url(regio, "subsidie:begroting_wijzigen", pk=bestaand.pk),
        gegevens(regio, schooljaar=2027, kostensoort="coordinatie", bedrag="2.000"),
    )

    assert response.status_code == 302
    assert response["Location"] == url(regio)
    bestaand.refresh_from_db()
    assert (bestaand.schooljaar, bestaand.kostensoort, bestaand.bedrag) == (
        2027,
        Kostensoort.COORDINATIE,
        Decimal("2000"),
    )
    assert Begrotingsregel.objects.count() == 1


def test_changing_with_bad_input_keeps_the_line(pm_client, regio):
    bestaand = regel(regio)

    response = pm_client.post(
        url(regio, "subsidie:begroting_wijzigen", pk=bestaand.pk), gegevens(regio, bedrag="-1")
    )

    assert response.status_code == 200
    assert "Een bedrag kan niet negatief zijn." in veldfout(response, "bedrag")
    bestaand.refresh_from_db()
    assert bestaand.bedrag == Decimal("1000")


def test_delete_asks_for_confirmation_then_removes(pm_client, regio):
    bestaand = regel(regio, "1000", omschrijving="Lesmateriaal")
    adres = url(regio, "subsidie:begroting_verwijderen", pk=bestaand.pk)

    bevestiging = pm_client.get(adres)

    pagina = tekst(bevestiging)
    assert "Weet u zeker dat u dit wilt verwijderen?" in pagina
    assert "Omschrijving Lesmateriaal" in pagina
    assert "Bedrag €\u00a01.000,00" in pagina
    assert Begrotingsregel.objects.exists()

    response = pm_client.post(adres, {"versie": Regio.objects.get(pk=regio.pk).versie})

    assert response.status_code == 302
    assert not Begrotingsregel.objects.exists()
    assert "is verwijderd" in tekst(pm_client.get(url(regio)))


def test_delete_with_a_stale_version_keeps_the_line(pm_client, regio):
    bestaand = regel(regio)

    response = pm_client.post(
        url(regio, "subsidie:begroting_verwijderen", pk=bestaand.pk), {"versie": 0}
    )

    assert response.status_code == 200
    assert "Iemand anders heeft het dossier gewijzigd" in tekst(response)
    assert Begrotingsregel.objects.exists()


# --- who may do what -------------------------------------------------------------------


def alle_adressen(regio, bestaand) -> list[str]:
    return [
        url(regio),
        url(regio, "subsidie:begroting_wijzigen", pk=bestaand.pk),
        url(regio, "subsidie:begroting_verwijderen", pk=bestaand.pk),
    ]


def test_anonymous_visitor_is_sent_to_login(client, regio):
    bestaand = regel(regio)

    for adres in alle_adressen(regio, bestaand):
        for methode in (client.get, client.post):
            response = methode(adres)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))


def test_programme_manager_of_another_region_gets_404_everywhere(client, regio):
    bestaand = regel(regio)
    client.force_login(met_rol(RegioFactory(tijdvak=regio.tijdvak)))

    for adres in alle_adressen(regio, bestaand):
        assert client.get(adres).status_code == 404, adres
        assert client.post(adres, gegevens(regio)).status_code == 404, adres
    bestaand.refresh_from_db()
    assert bestaand.bedrag == Decimal("1000")


def test_line_of_another_region_is_not_found_through_this_region(pm_client, regio):
    vreemd = regel(RegioFactory(tijdvak=regio.tijdvak))

    for naam in ("subsidie:begroting_wijzigen", "subsidie:begroting_verwijderen"):
        adres = url(regio, naam, pk=vreemd.pk)
        assert pm_client.get(adres).status_code == 404
        assert pm_client.post(adres, gegevens(regio)).status_code == 404
    assert Begrotingsregel.objects.filter(pk=vreemd.pk).exists()


@pytest.mark.parametrize("soort", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_readers_see_the_plan_without_forms_and_may_not_post(client, regio, soort):
    bestaand = regel(regio)
    client.force_login(met_rol(regio, soort))

    response = client.get(url(regio))

    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Techniekweek" in inhoud
    assert "<form" not in inhoud.split('id="inhoud"')[1]
    assert "wijzigen/" not in inhoud
    for adres in alle_adressen(regio, bestaand):
        assert client.post(adres, gegevens(regio)).status_code == 403, adres
    for adres in alle_adressen(regio, bestaand)[1:]:
        assert client.get(adres).status_code == 403, adres
    assert Begrotingsregel.objects.count() == 1


def test_submitted_dossier_is_read_only_for_its_programme_manager(pm_client, regio):
    bestaand = regel(regio)
    Regio.objects.filter(pk=regio.pk).update(status=Regiostatus.INGEDIEND)

    response = pm_client.get(url(regio))

    assert 'name="kostensoort"' not in response.content.decode()
    assert pm_client.post(url(regio), gegevens(regio)).status_code == 403
    assert pm_client.get(alle_adressen(regio, bestaand)[1]).status_code == 403
    assert Begrotingsregel.objects.count() == 1


# --- cost ------------------------------------------------------------------------------


def test_page_queries_do_not_grow_with_the_lines(pm_client, regio):
    regel(regio)
    with CaptureQueriesContext(connection) as weinig:
        assert pm_client.get(url(regio)).status_code == 200

    for i in range(30):
        regel(regio, "100", 2026 + i % 2, Kostensoort.values[i % len(Kostensoort.values)])
    with CaptureQueriesContext(connection) as veel:
        response = pm_client.get(url(regio))

    assert "31 begrotingsregels" in tekst(response)
    assert len(veel) == len(weinig), [q["sql"] for q in veel.captured_queries]


def test_confirmation_page_queries_do_not_grow_with_the_lines(pm_client, regio):
    eerste = regel(regio)
    adres = url(regio, "subsidie:begroting_verwijderen", pk=eerste.pk)
    with CaptureQueriesContext(connection) as weinig:
        pm_client.get(adres)

    for _ in range(20):
        regel(regio)
    with CaptureQueriesContext(connection) as veel:
        pm_client.get(adres)

    assert len(veel) == len(weinig)
