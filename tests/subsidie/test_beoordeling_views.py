"""The reviewers' screens: the queue with filters and sorting, the submission as frozen,
and every step of the review through the browser's forms."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from ecosysteem.models import Gebeurtenis
from ecosysteem.rollen import BEHEERDERS, BEOORDELAARS, BESLUITVORMERS
from partners.models import Provincie
from regios.models import Regiostatus
from regios.services import wijzig_regio
from subsidie.models import Aanvullingsverzoek, Beoordeling, Beoordelingscriterium, Besluit
from subsidie.services import dien_in
from subsidie.services.beoordeling import (
    leg_beoordeling_vast,
    vraag_aanvulling,
    wijs_beoordelaar_toe,
)
from tests.dossiers import compleet_dossier, leeg_dossier
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def medewerker(*groepen, **velden):
    gebruiker = GebruikerFactory(**velden)
    for naam in groepen:
        gebruiker.groups.add(Group.objects.get(name=naam))
    return gebruiker


def ingelogd(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def ingediend(**regio):
    d = compleet_dossier(**regio)
    dien_in(regio=d.regio, door=d.programmamanager)
    d.regio.refresh_from_db()
    return d


def scores(regio, score=4):
    return {
        c.code: (score, f"Motivering bij {c.naam}")
        for c in Beoordelingscriterium.objects.filter(tijdvak=regio.tijdvak)
    }


def url(naam, regio):
    return reverse(f"subsidie:{naam}", kwargs={"slug": regio.slug})


# --- the queue ---------------------------------------------------------------------------


def test_queue_lists_submitted_dossiers_only_with_reviewer_and_latest_version():
    ingediend(naam="Alfa")
    b = ingediend(naam="Bravo")
    leeg_dossier(naam="Concept")
    beoordelaar = medewerker(BEOORDELAARS, first_name="Bea", last_name="Oordeel")
    wijs_beoordelaar_toe(regio=b.regio, beoordelaar=beoordelaar, door=beoordelaar)

    antwoord = ingelogd(beoordelaar).get(reverse("subsidie:wachtrij"))

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Alfa" in html and "Bravo" in html
    assert "Concept" not in html
    assert "Bea Oordeel" in html
    assert "€\u00a0299.000,00" in html
    rijen = [r for r, _b, _d in antwoord.context["rijen"]]
    assert [r.naam for r in rijen] == ["Alfa", "Bravo"]  # oldest submission first
    assert rijen[0].laatste_versie == 1


def test_queue_filters_on_reviewer_status_and_province():
    a = ingediend(naam="Alfa")
    b = ingediend(naam="Bravo")
    groningen = Provincie.objects.get(naam="Groningen")
    a.regio.provincies.add(groningen)
    beoordelaar = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=b.regio, beoordelaar=beoordelaar, door=beoordelaar)
    client = ingelogd(beoordelaar)

    def namen(**filters):
        antwoord = client.get(reverse("subsidie:wachtrij"), filters)
        return [r.naam for r, _b, _d in antwoord.context["rijen"]]

    assert namen(beoordelaar="geen") == ["Alfa"]
    assert namen(beoordelaar=str(beoordelaar.pk)) == ["Bravo"]
    assert namen(status=Regiostatus.IN_BEOORDELING) == ["Bravo"]
    assert namen(status=Regiostatus.INGEDIEND) == ["Alfa"]
    assert namen(provincie=groningen.pk) == ["Alfa"]


def test_queue_sorts_by_name_and_maximum_both_ways():
    ingediend(naam="Bravo", po=21)
    ingediend(naam="Alfa", po=20)
    client = ingelogd(medewerker(BESLUITVORMERS))

    def namen(sorteer):
        antwoord = client.get(reverse("subsidie:wachtrij"), {"sorteer": sorteer})
        return [r.naam for r, _b, _d in antwoord.context["rijen"]]

    assert namen("naam") == ["Alfa", "Bravo"]
    assert namen("-naam") == ["Bravo", "Alfa"]
    assert namen("subsidie") == ["Alfa", "Bravo"]
    assert namen("-subsidie") == ["Bravo", "Alfa"]
    assert namen("ingediend") == ["Bravo", "Alfa"]
    # The filter shows the period on display, also when only the sorting was chosen.
    from django.utils.html import escape

    antwoord = client.get(reverse("subsidie:wachtrij"), {"sorteer": "naam"})
    gekozen = f'<option value="{antwoord.context["tijdvak"].pk}" selected>'
    assert gekozen in antwoord.content.decode(), escape(antwoord.context["tijdvak"])
    # An unknown sort key is ignored rather than an error.
    assert client.get(reverse("subsidie:wachtrij"), {"sorteer": "wachtwoord"}).status_code == 200


def test_queue_costs_the_same_number_of_queries_for_2_and_8_dossiers(
    django_assert_max_num_queries,
):
    beoordelaar = medewerker(BEOORDELAARS)
    client = ingelogd(beoordelaar)
    for i in range(2):
        d = ingediend(naam=f"Klein {i}")
        wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as klein:
        client.get(reverse("subsidie:wachtrij"))
    for i in range(6):
        d = ingediend(naam=f"Groot {i}")
        wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    with django_assert_max_num_queries(len(klein.captured_queries)):
        antwoord = client.get(reverse("subsidie:wachtrij"))
    assert len(antwoord.context["rijen"]) == 8


# --- the submission as frozen -----------------------------------------------------------


def test_submission_page_shows_the_frozen_version_and_the_changes_of_a_resubmission():
    d = ingediend(naam="Alfa")
    beoordelaar = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    vraag_aanvulling(regio=d.regio, vragen="Wat is de visie?", door=beoordelaar)
    d.regio.refresh_from_db()
    wijzig_regio(regio=d.regio, door=d.programmamanager, visie="Techniek voor ieder kind.")
    dien_in(regio=d.regio, door=d.programmamanager, antwoord="Zie de visie.")
    # A change after the second submission is not part of what the ministry reads.
    client = ingelogd(beoordelaar)

    laatste = client.get(url("beoordeling", d.regio)).content.decode()
    assert "Versie 2 zoals ingediend" in laatste
    assert "Techniek voor ieder kind." in laatste
    assert "Gewijzigd sinds versie 1" in laatste
    assert "visie gewijzigd" in laatste
    assert "Volledigheid bij indiening" in laatste
    assert laatste.count("Voldaan") >= 10

    eerste = client.get(url("beoordeling", d.regio), {"versie": 1}).content.decode()
    assert "Techniek voor ieder kind." not in eerste
    assert "U bekijkt een eerdere versie" in eerste
    assert client.get(url("beoordeling", d.regio), {"versie": 9}).status_code == 404
    assert client.get(url("beoordeling", d.regio), {"versie": "x"}).status_code == 404


def test_a_region_that_never_submitted_is_not_found_by_the_ministry():
    d = compleet_dossier()
    client = ingelogd(medewerker(BEOORDELAARS))
    assert client.get(url("beoordeling", d.regio)).status_code == 404
    assert client.get(url("beoordeling_stand", d.regio)).status_code == 404


def test_ministry_timeline_shows_what_the_region_and_the_ministry_did():
    d = ingediend()
    beoordelaar = medewerker(BEOORDELAARS, first_name="Bea", last_name="Oordeel")
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    html = ingelogd(medewerker(BEHEERDERS)).get(url("beoordeling_tijdlijn", d.regio))
    tekst = html.content.decode()
    assert "Dossier ingediend (versie 1)" in tekst
    assert "Beoordelaar: Bea Oordeel." in tekst
    assert "ingediend → in beoordeling" in tekst


# --- the steps --------------------------------------------------------------------------


def test_assigning_through_the_form():
    d = ingediend()
    coordinator = medewerker(BESLUITVORMERS)
    beoordelaar = medewerker(BEOORDELAARS)
    client = ingelogd(coordinator)

    assert client.get(url("beoordeling_toewijzen", d.regio)).status_code == 200
    leeg = client.post(url("beoordeling_toewijzen", d.regio), {"beoordelaar": ""})
    assert "Kies een beoordelaar." in leeg.content.decode()
    # Somebody who is not a reviewer is not in the list, and cannot be posted either.
    geen = client.post(url("beoordeling_toewijzen", d.regio), {"beoordelaar": coordinator.pk})
    assert geen.status_code == 200
    assert not Beoordeling.objects.filter(regio=d.regio).exists()

    antwoord = client.post(url("beoordeling_toewijzen", d.regio), {"beoordelaar": beoordelaar.pk})

    assert antwoord.status_code == 302
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.IN_BEOORDELING
    assert d.regio.beoordeling.beoordelaar == beoordelaar


def test_an_administrator_reads_but_cannot_assign():
    d = ingediend()
    client = ingelogd(medewerker(BEHEERDERS))
    assert client.get(url("beoordeling", d.regio)).status_code == 200
    antwoord = client.post(url("beoordeling_toewijzen", d.regio), {"beoordelaar": "1"})
    assert antwoord.status_code == 403
    assert "wijzen een beoordelaar toe" in antwoord.content.decode()


def test_asking_for_more_information_returns_the_dossier_with_the_questions():
    d = ingediend()
    beoordelaar = medewerker(BEOORDELAARS)
    andere = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)

    assert ingelogd(andere).post(url("beoordeling_aanvulling", d.regio)).status_code == 403
    client = ingelogd(beoordelaar)
    leeg = client.post(url("beoordeling_aanvulling", d.regio), {"vragen": "   "})
    assert "Schrijf op welke informatie u nog nodig hebt." in leeg.content.decode()
    assert not Aanvullingsverzoek.objects.exists()

    client.post(url("beoordeling_aanvulling", d.regio), {"vragen": "Hoe borgt u dit?"})

    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.AANVULLING_GEVRAAGD
    # The programme manager sees the questions where the dossier is submitted again.
    pm = ingelogd(d.programmamanager)
    assert (
        "Hoe borgt u dit?"
        in pm.get(reverse("subsidie:indienen", args=[d.regio.slug])).content.decode()
    )
    overzicht = pm.get(reverse("subsidie:dossier", args=[d.regio.slug])).content.decode()
    assert (
        "Hoe borgt u dit?" in overzicht and "Vragen beantwoorden en opnieuw indienen" in overzicht
    )
    # Asking again while the region has the dossier is refused with an explanation.
    weer = client.get(url("beoordeling_aanvulling", d.regio), follow=True)
    assert "Deze stap kan nu niet" in weer.content.decode()


def test_assessment_form_needs_a_score_and_motivation_per_criterion():
    d = ingediend()
    beoordelaar = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    client = ingelogd(beoordelaar)
    criteria = list(Beoordelingscriterium.objects.filter(tijdvak=d.regio.tijdvak))
    pagina = client.get(url("beoordeling_beoordelen", d.regio)).content.decode()
    for c in criteria:
        assert c.naam in pagina

    onvolledig = {f"score_{c.code}": "3" for c in criteria}
    onvolledig["score_" + criteria[0].code] = "99"
    antwoord = client.post(url("beoordeling_beoordelen", d.regio), onvolledig)
    tekst = antwoord.content.decode()
    assert f"Motiveer de score voor {criteria[1].naam}." in tekst
    assert "Vat uw oordeel samen." in tekst
    assert "Kies een van de mogelijkheden uit de lijst." in tekst
    assert not Beoordeling.objects.get(regio=d.regio).scores.exists()

    goed = {f"score_{c.code}": "4" for c in criteria}
    goed |= {f"motivering_{c.code}": f"Sterk op {c.naam}." for c in criteria}
    goed["eindoordeel"] = "Een goed plan."
    antwoord = client.post(url("beoordeling_beoordelen", d.regio), goed)
    assert antwoord.status_code == 302
    beoordeling = Beoordeling.objects.get(regio=d.regio)
    assert beoordeling.scores.count() == len(criteria)
    assert beoordeling.indiening == d.regio.indieningen.get()
    stand = client.get(url("beoordeling_stand", d.regio)).content.decode()
    assert f"{4 * len(criteria)} van" in stand
    assert "Een goed plan." in stand


@pytest.fixture
def beoordeeld():
    d = ingediend()
    beoordelaar = medewerker(BEOORDELAARS, BESLUITVORMERS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=d.regio, scores=scores(d.regio), eindoordeel="Goed.", door=beoordelaar
    )
    d.beoordelaar = beoordelaar
    return d


def test_reassigning_warns_that_the_assessment_lapses(beoordeeld):
    d = beoordeeld
    pagina = ingelogd(d.beoordelaar).get(url("beoordeling_toewijzen", d.regio)).content.decode()
    assert "dan vervalt die beoordeling" in pagina


def test_the_reviewer_cannot_decide_even_as_decision_maker(beoordeeld):
    d = beoordeeld
    client = ingelogd(d.beoordelaar)
    assert client.get(url("beoordeling_besluit", d.regio)).status_code == 403
    antwoord = client.post(
        url("beoordeling_besluit", d.regio),
        {"uitkomst": "toekennen", "bedrag": "1000", "motivering": "Prima"},
    )
    assert antwoord.status_code == 403
    assert "een andere besluitvormer neemt het besluit" in antwoord.content.decode()
    assert not Besluit.objects.exists()
    # The page tells the reviewer so, instead of offering the step.
    stand = client.get(url("beoordeling_stand", d.regio)).content.decode()
    assert "Besluit nemen" not in stand
    assert "het besluit neemt daarom een andere besluitvormer" in stand


def test_a_reviewer_without_the_decision_role_cannot_decide(beoordeeld):
    d = beoordeeld
    antwoord = ingelogd(medewerker(BEOORDELAARS)).get(url("beoordeling_besluit", d.regio))
    assert antwoord.status_code == 403


def test_the_decision_cannot_exceed_the_computed_maximum(beoordeeld):
    d = beoordeeld
    client = ingelogd(medewerker(BESLUITVORMERS))
    gebeurtenissen = Gebeurtenis.objects.count()
    pagina = client.get(url("beoordeling_besluit", d.regio)).content.decode()
    assert "Ten hoogste €\u00a0299.000,00: de berekende maximale subsidie" in pagina

    te_veel = client.post(
        url("beoordeling_besluit", d.regio),
        {"uitkomst": "toekennen", "bedrag": "299.000,01", "motivering": "Goed plan."},
    )
    assert "U kunt ten hoogste €\u00a0299.000,00 toekennen" in te_veel.content.decode()
    geen_bedrag = client.post(
        url("beoordeling_besluit", d.regio),
        {"uitkomst": "toekennen", "bedrag": "", "motivering": "Goed plan."},
    )
    assert "Vul het bedrag in dat u toekent." in geen_bedrag.content.decode()
    onzin = client.post(
        url("beoordeling_besluit", d.regio),
        {"uitkomst": "toekennen", "bedrag": "veel", "motivering": ""},
    )
    tekst = onzin.content.decode()
    assert "Vul een bedrag in euro" in tekst and "Motiveer het besluit." in tekst
    assert not Besluit.objects.exists()
    assert Gebeurtenis.objects.count() == gebeurtenissen

    goed = client.post(
        url("beoordeling_besluit", d.regio),
        {"uitkomst": "toekennen", "bedrag": "299.000,00", "motivering": "Goed plan."},
    )

    assert goed.status_code == 302
    besluit = Besluit.objects.get(regio=d.regio)
    assert besluit.bedrag == Decimal("299000.00")
    # The draft goes to the summary; sending it takes the decision.
    assert goed["Location"] == url("beoordeling_samenvatting", d.regio)
    assert client.post(url("beoordeling_versturen", d.regio)).status_code == 302
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.TOEGEKEND
    # Decided: no step is offered any more, and the decision is shown.
    stand = client.get(url("beoordeling_stand", d.regio)).content.decode()
    assert "Over deze aanvraag is besloten." in stand
    assert "€\u00a0299.000,00" in stand
    # The programme manager reads the decision on the dossier's overview.
    pm = ingelogd(d.programmamanager).get(reverse("subsidie:dossier", args=[d.regio.slug]))
    tekst = pm.content.decode()
    assert "is €\u00a0299.000,00 subsidie toegekend" in tekst and "Goed plan." in tekst


def test_rejecting_needs_only_a_motivation(beoordeeld):
    d = beoordeeld
    client = ingelogd(medewerker(BESLUITVORMERS))
    # An amount typed in with "afwijzen" contradicts itself: refused next to the field
    # (issue 10; it used to be dropped silently).
    met_bedrag = client.post(
        url("beoordeling_besluit", d.regio),
        {"uitkomst": "afwijzen", "bedrag": "5", "motivering": "Te weinig samenhang."},
    )
    assert "Bij afwijzen hoort geen bedrag." in met_bedrag.content.decode()
    assert not Besluit.objects.exists()
    client.post(
        url("beoordeling_besluit", d.regio),
        {"uitkomst": "afwijzen", "bedrag": "", "motivering": "Te weinig samenhang."},
    )
    client.post(url("beoordeling_versturen", d.regio))
    besluit = Besluit.objects.get(regio=d.regio)
    assert besluit.bedrag is None
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.AFGEWEZEN


def test_a_new_version_must_be_assessed_before_a_decision(beoordeeld):
    d = beoordeeld
    vraag_aanvulling(regio=d.regio, vragen="Nog een vraag.", door=d.beoordelaar)
    d.regio.refresh_from_db()
    dien_in(regio=d.regio, door=d.programmamanager, antwoord="Antwoord.")
    client = ingelogd(medewerker(BESLUITVORMERS))
    antwoord = client.get(url("beoordeling_besluit", d.regio), follow=True)
    assert "De laatste versie van het dossier is nog niet beoordeeld." in antwoord.content.decode()
    stand = client.get(url("beoordeling_stand", d.regio)).content.decode()
    assert "Deze beoordeling gaat over versie 1" in stand


@pytest.mark.parametrize("po", [20, 80])
def test_review_pages_cost_the_same_queries_for_small_and_large_dossiers(
    po, django_assert_num_queries
):
    d = ingediend(po=po)
    beoordelaar = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=d.regio, scores=scores(d.regio), eindoordeel="Goed.", door=beoordelaar
    )
    client = ingelogd(beoordelaar)
    client.get(url("beoordeling", d.regio))  # session and user warmed up
    # Session, user, groups, region, submissions, review, decision.
    with django_assert_num_queries(7):
        antwoord = client.get(url("beoordeling", d.regio))
    assert len(antwoord.context["inhoud"]["vestigingen"]) == po + 3
    # Plus the questions and the scores with their criteria.
    with django_assert_num_queries(9):
        client.get(url("beoordeling_stand", d.regio))


def test_the_activity_plan_is_shown_as_submitted_with_its_compass_coverage():
    from kompas.models import Activiteit, Kompaspunt

    d = compleet_dossier()
    punt = Kompaspunt.objects.get(slug="regionale-samenwerking")
    for titel in ("Techniekweek", "Makersmiddag"):
        activiteit = Activiteit.objects.create(
            regio=d.regio,
            titel=titel,
            beschrijving="Samen met de bibliotheek.",
            interventieniveau="III",
            doelgroepen=["po"],
        )
        activiteit.kompaspunten.add(punt)
    dien_in(regio=d.regio, door=d.programmamanager)
    Activiteit.objects.filter(titel="Makersmiddag").delete()  # after submission: not shown

    antwoord = ingelogd(medewerker(BEOORDELAARS)).get(url("beoordeling", d.regio))

    assert antwoord.context["kompasdekking"] == [(punt.naam, 2)]
    tekst = antwoord.content.decode()
    assert "Techniekweek" in tekst and "Makersmiddag" in tekst
