"""The dossier's overview, data, submit and reopen pages: what they show, who may see them,
and that they cost a fixed number of queries."""

import html
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from ecosysteem.models import Gebeurtenis
from regios.models import Regio, Regiostatus, Rolsoort
from subsidie.models import Begrotingsregel, Indiening, Kostensoort
from tests.dossiers import compleet_dossier, leeg_dossier, voeg_vestigingen_toe
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def ingelogd(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(naam: str, regio: Regio) -> str:
    return reverse(naam, kwargs={"slug": regio.slug})


DOSSIER_URLS = [
    "subsidie:dossier",
    "regios:gegevens",
    "subsidie:vestigingen",
    "regios:partners",
    "regios:rollen",
    "subsidie:cofinanciering",
    "subsidie:begroting",
    "subsidie:indienen",
    "subsidie:heropenen",
]


def test_overview_shows_every_rule_with_its_message_and_a_link_to_fix_it():
    d = leeg_dossier()
    antwoord = ingelogd(d.programmamanager).get(url("subsidie:dossier", d.regio))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Nog 7 voorwaarden zijn niet vervuld." in html
    assert "0 tellende po-vestigingen doen mee; nodig zijn er 20." in html
    assert "Er is nog geen penvoerder aangewezen." in html
    assert url("subsidie:vestigingen", d.regio) in html
    assert url("subsidie:begroting", d.regio) in html


def test_overview_of_a_complete_dossier_shows_the_budget_breakdown():
    d = compleet_dossier()
    html = ingelogd(d.programmamanager).get(url("subsidie:dossier", d.regio)).content.decode()
    # 23 × 8,500 + 2,300 × 45 = 195,500 + 103,500 = 299,000
    assert "€\u00a0299.000,00" in html
    assert "Het dossier voldoet aan alle voorwaarden." in html
    assert "Niet voldaan" not in html


def kaarttekst(response) -> str:
    inhoud = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"[^\S\u00a0]+", " ", html.unescape(inhoud))  # keeps the € sign's hard space


def test_overview_budget_card_shows_the_same_room_as_the_budget_page():
    d = compleet_dossier()
    # Subsidy 299,000 + co-financing 29,900 = 328,900 available; the plan costs 299,000,
    # so 29,900 is left: not the 328,900 that subsidy plus co-financing add up to.
    client = ingelogd(d.programmamanager)
    overzicht = kaarttekst(client.get(url("subsidie:dossier", d.regio)))
    begroting = kaarttekst(client.get(url("subsidie:begroting", d.regio)))
    assert "Ruimte €\u00a029.900,00" in begroting
    assert "Begroting €\u00a0299.000,00 (ruimte €\u00a029.900,00)" in overzicht
    assert "ruimte €\u00a0328.900" not in overzicht


def test_overview_budget_card_shows_the_shortfall_like_the_budget_page():
    d = compleet_dossier()
    Begrotingsregel.objects.create(
        regio=d.regio,
        schooljaar=d.regio.tijdvak.eerste_schooljaar,
        kostensoort=Kostensoort.MATERIALEN,
        omschrijving="Extra materiaal",
        bedrag=Decimal("40000"),
    )
    client = ingelogd(d.programmamanager)
    overzicht = kaarttekst(client.get(url("subsidie:dossier", d.regio)))
    begroting = kaarttekst(client.get(url("subsidie:begroting", d.regio)))
    assert "Tekort €\u00a010.100,00" in begroting
    assert "Begroting €\u00a0339.000,00 (tekort €\u00a010.100,00)" in overzicht


@pytest.mark.parametrize("aantal", [25, 250])
def test_overview_costs_the_same_number_of_queries_for_25_and_250_branches(
    aantal, django_assert_num_queries
):
    d = compleet_dossier()
    voeg_vestigingen_toe(d.regio, po=aantal - 23, vo=0)
    client = ingelogd(d.programmamanager)
    client.get(url("subsidie:dossier", d.regio))  # session and permission caches warm
    # session, user, roles, region, regio+tijdvak+regeling, participations, roles,
    # pledges, budget lines, submissions; then for the compass coverage section the
    # activities and the published compass points. (With activities, their compass
    # points, partners and budget lines add three prefetch queries, also fixed: see
    # tests/kompas/test_activiteiten.py.)
    with django_assert_num_queries(12):
        antwoord = client.get(url("subsidie:dossier", d.regio))
    assert antwoord.status_code == 200
    assert f"{aantal - 3} po, 3 vo" in antwoord.content.decode()


def test_pm_of_another_region_gets_404_on_every_dossier_url():
    d = compleet_dossier()
    buitenstaander = leeg_dossier().programmamanager
    client = ingelogd(buitenstaander)
    for naam in DOSSIER_URLS:
        assert client.get(url(naam, d.regio)).status_code == 404, naam
        assert client.post(url(naam, d.regio), {"versie": d.regio.versie}).status_code == 404, naam
    assert d.regio.indieningen.count() == 0


def test_user_without_any_role_gets_404_and_anonymous_goes_to_login():
    d = leeg_dossier()
    client = ingelogd(GebruikerFactory())
    for naam in DOSSIER_URLS:
        assert client.get(url(naam, d.regio)).status_code == 404, naam
    anoniem = Client()
    for naam in DOSSIER_URLS:
        antwoord = anoniem.get(url(naam, d.regio))
        assert antwoord.status_code == 302, naam
        assert antwoord["Location"].startswith(reverse("login")), naam


@pytest.mark.parametrize("rol", [Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID])
def test_project_leader_and_steering_group_read_but_cannot_change(rol):
    d = compleet_dossier()
    lezer = d.lid(rol)
    client = ingelogd(lezer)
    antwoord = client.get(url("regios:gegevens", d.regio))
    assert antwoord.status_code == 200
    assert "U kunt dit dossier lezen, maar niet wijzigen." in antwoord.content.decode()
    assert "<form" not in antwoord.content.decode().split('id="inhoud"')[1]
    for naam in DOSSIER_URLS:
        assert client.get(url(naam, d.regio)).status_code == 200, naam
        assert client.post(url(naam, d.regio), {"versie": d.regio.versie}).status_code == 403, naam
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.CONCEPT


def test_other_roles_such_as_partner_contacts_do_not_see_the_dossier():
    d = leeg_dossier()
    client = ingelogd(d.lid(Rolsoort.CONTACTPERSOON))
    assert client.get(url("subsidie:dossier", d.regio)).status_code == 404


def test_my_regions_lists_only_the_users_regions():
    d = leeg_dossier(naam="Techregio Eigen")
    leeg_dossier(naam="Techregio Ander")
    html = ingelogd(d.programmamanager).get(reverse("subsidie:mijn_regio")).content.decode()
    assert "Techregio Eigen" in html
    assert "Techregio Ander" not in html


def test_region_data_is_saved_and_recorded():
    d = leeg_dossier()
    antwoord = ingelogd(d.programmamanager).post(
        url("regios:gegevens", d.regio),
        {
            "naam": "Techregio Nieuw",
            "visie": "Elk kind maakt en onderzoekt.",
            "sto_relatie": "gedeelde_stuurgroep",
            "sto_regio_naam": "STO Noord",
            "sto_toelichting": "Eén stuurgroep.",
            "versie": d.regio.versie,
        },
    )
    assert antwoord.status_code == 302
    d.regio.refresh_from_db()
    assert d.regio.naam == "Techregio Nieuw"
    assert d.regio.sto_relatie == "gedeelde_stuurgroep"
    assert Gebeurtenis.objects.filter(regio=d.regio).exists()


def test_two_people_editing_region_data_do_not_overwrite_each_other():
    d = leeg_dossier()
    tweede = d.lid(Rolsoort.PROGRAMMAMANAGER)
    geopend_op = d.regio.versie
    gegevens = {"naam": "Eerste versie", "sto_toelichting": "a", "versie": geopend_op}
    assert (
        ingelogd(d.programmamanager).post(url("regios:gegevens", d.regio), gegevens).status_code
        == 302
    )

    antwoord = ingelogd(tweede).post(
        url("regios:gegevens", d.regio), {**gegevens, "naam": "Tweede versie"}
    )

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert html.count("Iemand anders heeft het dossier gewijzigd") == 1
    d.regio.refresh_from_db()
    assert d.regio.naam == "Eerste versie"
    # Having been told, the second person can look and save again on the current version.
    assert f'name="versie" value="{d.regio.versie}"' in html


def test_sto_name_without_relation_gets_a_dutch_message():
    d = leeg_dossier()
    antwoord = ingelogd(d.programmamanager).post(
        url("regios:gegevens", d.regio),
        {"naam": "X", "sto_regio_naam": "STO Zuid", "versie": d.regio.versie},
    )
    assert "Kies hoe de regio zich tot de STO-regio verhoudt." in antwoord.content.decode()


def test_incomplete_dossier_cannot_be_submitted_and_says_why():
    d = leeg_dossier()
    client = ingelogd(d.programmamanager)
    antwoord = client.post(
        url("subsidie:indienen", d.regio), {"versie": d.regio.versie}, follow=True
    )
    assert "Minimaal 20 po-vestigingen" in antwoord.content.decode()
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.CONCEPT
    assert not Indiening.objects.exists()


def test_submitting_freezes_the_dossier_and_records_it():
    d = compleet_dossier()
    client = ingelogd(d.programmamanager)

    antwoord = client.post(url("subsidie:indienen", d.regio), {"versie": d.regio.versie})

    assert antwoord.status_code == 302
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.INGEDIEND
    indiening = Indiening.objects.get(regio=d.regio)
    assert indiening.versie == 1
    assert indiening.maximale_subsidie == Decimal("299000")
    assert len(indiening.inhoud["vestigingen"]) == 23
    assert all(r["geslaagd"] for r in indiening.inhoud["toetsing"])
    gebeurtenis = Gebeurtenis.objects.get(actie="dossier.ingediend")
    assert (gebeurtenis.van_status, gebeurtenis.naar_status) == ("concept", "ingediend")
    assert gebeurtenis.door == d.programmamanager
    # Frozen: the data page no longer changes anything.
    antwoord = client.post(
        url("regios:gegevens", d.regio), {"naam": "Later", "versie": d.regio.versie}
    )
    assert antwoord.status_code == 403
    d.regio.refresh_from_db()
    assert d.regio.naam != "Later"


def test_a_double_click_submits_once():
    d = compleet_dossier()
    client = ingelogd(d.programmamanager)
    versie = d.regio.versie
    eerste = client.post(url("subsidie:indienen", d.regio), {"versie": versie})
    tweede = client.post(url("subsidie:indienen", d.regio), {"versie": versie}, follow=True)
    assert eerste.status_code == 302
    assert "Het dossier was al ingediend" in tweede.content.decode()
    assert Indiening.objects.filter(regio=d.regio).count() == 1
    assert Gebeurtenis.objects.filter(actie="dossier.ingediend").count() == 1


def test_reopening_needs_a_reason_and_keeps_the_first_submission():
    d = compleet_dossier()
    client = ingelogd(d.programmamanager)
    client.post(url("subsidie:indienen", d.regio), {"versie": d.regio.versie})

    zonder_reden = client.post(url("subsidie:heropenen", d.regio), {"reden": ""})
    assert "Vul dit veld in." in zonder_reden.content.decode()

    client.post(url("subsidie:heropenen", d.regio), {"reden": "Nieuwe partner erbij"})
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.CONCEPT
    assert Gebeurtenis.objects.get(actie="dossier.heropend").reden == "Nieuwe partner erbij"

    client.post(url("subsidie:indienen", d.regio), {"versie": d.regio.versie})
    assert list(d.regio.indieningen.values_list("versie", flat=True)) == [2, 1]


def test_project_leader_cannot_submit_a_complete_dossier():
    d = compleet_dossier()
    client = ingelogd(d.lid(Rolsoort.PROJECTLEIDER))
    assert (
        client.post(url("subsidie:indienen", d.regio), {"versie": d.regio.versie}).status_code
        == 403
    )
    assert not Indiening.objects.exists()


def test_timeline_shows_who_did_what_and_why_newest_first():
    d = compleet_dossier()
    client = ingelogd(d.programmamanager)
    client.post(url("subsidie:indienen", d.regio), {"versie": d.regio.versie})
    client.post(url("subsidie:heropenen", d.regio), {"reden": "Nieuwe partner erbij"})

    html = client.get(url("regios:tijdlijn", d.regio)).content.decode()

    heropend = html.index('data-actie="dossier.heropend"')
    ingediend = html.index('data-actie="dossier.ingediend"')
    assert heropend < ingediend
    assert "Nieuwe partner erbij" in html
    assert str(d.programmamanager) in html


@pytest.mark.parametrize("aantal", [3, 30])
def test_timeline_costs_the_same_queries_for_few_and_many_events(aantal, django_assert_num_queries):
    from ecosysteem.audit import Actie, leg_vast

    d = leeg_dossier()
    for n in range(aantal):
        leg_vast(
            actie=Actie.REGIO_GEWIJZIGD,
            omschrijving=f"Stap {n}",
            door=d.programmamanager,
            regio=d.regio,
        )
    client = ingelogd(d.programmamanager)
    client.get(url("regios:tijdlijn", d.regio))
    # session, user, roles, region, count and page of events (with their users)
    with django_assert_num_queries(6):
        client.get(url("regios:tijdlijn", d.regio))
