"""The ministry's review: assigning, asking for more information, resubmitting with the
history of both versions, assessing, and deciding with four eyes and a ceiling."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from ecosysteem.models import Gebeurtenis
from ecosysteem.rollen import BEOORDELAARS, BESLUITVORMERS
from regios.models import Regiostatus
from regios.services import wijzig_regio
from subsidie.models import Beoordelingscriterium, Besluit, Indiening
from subsidie.services import dien_in, heropen
from subsidie.services.beoordeling import (
    leg_beoordeling_vast,
    neem_besluit,
    verstuur_besluit,
    vraag_aanvulling,
    wijs_beoordelaar_toe,
)
from tests.dossiers import compleet_dossier
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def medewerker(*groepen):
    gebruiker = GebruikerFactory()
    for naam in groepen:
        gebruiker.groups.add(Group.objects.get(name=naam))
    return gebruiker


def scores(regio, score=4):
    return {
        c.code: (score, f"Motivering bij {c.naam}")
        for c in Beoordelingscriterium.objects.filter(tijdvak=regio.tijdvak)
    }


@pytest.fixture
def ingediend():
    d = compleet_dossier()
    dien_in(regio=d.regio, door=d.programmamanager)
    d.regio.refresh_from_db()
    return d


def test_every_period_has_assessment_criteria_from_the_data_migration():
    assert Beoordelingscriterium.objects.filter(tijdvak__code="tijdvak-2").count() == 5


def test_whole_path_with_a_question_a_second_version_and_a_grant(ingediend):
    d = ingediend
    beoordelaar = medewerker(BEOORDELAARS)
    besluitvormer = medewerker(BESLUITVORMERS)

    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.IN_BEOORDELING
    # Once the review has started, the programme manager cannot take it back.
    with pytest.raises(ValidationError):
        heropen(regio=d.regio, door=d.programmamanager, reden="Toch nog iets")

    vraag_aanvulling(regio=d.regio, vragen="Hoe borgt u de techniekweek?", door=beoordelaar)
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.AANVULLING_GEVRAAGD
    # The dossier can be changed again, and the answer is required on resubmission.
    wijzig_regio(regio=d.regio, door=d.programmamanager, visie="Met borging in de stuurgroep.")
    with pytest.raises(ValidationError) as fout:
        dien_in(regio=d.regio, door=d.programmamanager)
    assert "Beantwoord de vragen" in str(fout.value)
    dien_in(regio=d.regio, door=d.programmamanager, antwoord="De stuurgroep borgt het.")
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.IN_BEOORDELING
    versies = {i.versie: i for i in Indiening.objects.filter(regio=d.regio)}
    assert set(versies) == {1, 2}
    assert versies[1].inhoud["regio"]["visie"] == ""
    assert versies[2].inhoud["regio"]["visie"] == "Met borging in de stuurgroep."

    leg_beoordeling_vast(
        regio=d.regio, scores=scores(d.regio), eindoordeel="Sterk plan.", door=beoordelaar
    )
    besluit = neem_besluit(
        regio=d.regio,
        uitkomst="toekennen",
        bedrag=Decimal("250000"),
        motivering="Voldoet ruim.",
        door=besluitvormer,
    )
    # A draft changes no status; sending the letter does.
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.IN_BEOORDELING
    verstuur_besluit(besluit=besluit, door=besluitvormer)
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.TOEGEKEND
    assert besluit.indiening.versie == 2
    acties = list(
        Gebeurtenis.objects.filter(regio=d.regio)
        .order_by("tijdstip", "id")
        .values_list("actie", flat=True)
    )
    for stap in [
        "dossier.ingediend",
        "beoordeling.toegewezen",
        "aanvulling.gevraagd",
        "aanvulling.beantwoord",
        "beoordeling.vastgelegd",
        "besluit.genomen",
    ]:
        assert stap in acties


def test_the_reviewer_may_not_decide_on_the_same_dossier(ingediend):
    d = ingediend
    beide = medewerker(BEOORDELAARS, BESLUITVORMERS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beide, door=beide)
    leg_beoordeling_vast(regio=d.regio, scores=scores(d.regio), eindoordeel="Goed.", door=beide)

    with pytest.raises(PermissionDenied) as fout:
        neem_besluit(
            regio=d.regio, uitkomst="toekennen", bedrag=Decimal("1000"), motivering="x", door=beide
        )

    assert "andere besluitvormer" in str(fout.value)
    assert not Besluit.objects.exists()


def test_a_grant_cannot_exceed_the_computed_maximum(ingediend):
    d = ingediend
    beoordelaar = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=d.regio, scores=scores(d.regio), eindoordeel="Goed.", door=beoordelaar
    )
    maximum = Indiening.objects.get(regio=d.regio).maximale_subsidie  # 299,000

    with pytest.raises(ValidationError) as fout:
        neem_besluit(
            regio=d.regio,
            uitkomst="toekennen",
            bedrag=maximum + Decimal("0.01"),
            motivering="Royaal.",
            door=medewerker(BESLUITVORMERS),
        )

    assert "ten hoogste €\u00a0299.000,00" in " ".join(fout.value.messages)
    assert not Besluit.objects.exists()
    neem_besluit(
        regio=d.regio,
        uitkomst="toekennen",
        bedrag=maximum,
        motivering="Het maximum.",
        door=medewerker(BESLUITVORMERS),
    )


def test_a_rejection_needs_a_motivation_and_has_no_amount(ingediend):
    d = ingediend
    beoordelaar = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=d.regio, scores=scores(d.regio, 1), eindoordeel="Zwak.", door=beoordelaar
    )
    besluitvormer = medewerker(BESLUITVORMERS)

    with pytest.raises(ValidationError):
        neem_besluit(regio=d.regio, uitkomst="afwijzen", motivering=" ", door=besluitvormer)
    besluit = neem_besluit(
        regio=d.regio, uitkomst="afwijzen", motivering="Te weinig samenhang.", door=besluitvormer
    )
    verstuur_besluit(besluit=besluit, door=besluitvormer)

    assert besluit.bedrag is None
    d.regio.refresh_from_db()
    assert d.regio.status == Regiostatus.AFGEWEZEN


def test_no_decision_before_the_latest_version_is_assessed(ingediend):
    d = ingediend
    beoordelaar = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    with pytest.raises(ValidationError) as fout:
        neem_besluit(
            regio=d.regio,
            uitkomst="toekennen",
            bedrag=Decimal("1"),
            motivering="Snel.",
            door=medewerker(BESLUITVORMERS),
        )
    assert "nog niet beoordeeld" in str(fout.value)


def test_assessment_needs_a_score_and_motivation_on_every_criterion(ingediend):
    d = ingediend
    beoordelaar = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    onvolledig = scores(d.regio)
    onvolledig.pop("sto")
    onvolledig["kompas"] = (9, "Te hoog")

    with pytest.raises(ValidationError) as fout:
        leg_beoordeling_vast(regio=d.regio, scores=onvolledig, eindoordeel="", door=beoordelaar)

    fouten = fout.value.message_dict
    assert set(fouten) == {"sto", "kompas", "eindoordeel"}
    assert not d.regio.beoordeling.scores.exists()


def test_only_ministry_staff_assign_and_only_the_assigned_reviewer_asks_and_assesses(ingediend):
    d = ingediend
    beoordelaar = medewerker(BEOORDELAARS)
    collega = medewerker(BEOORDELAARS)
    with pytest.raises(PermissionDenied):
        wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=d.programmamanager)
    with pytest.raises(ValidationError):
        wijs_beoordelaar_toe(regio=d.regio, beoordelaar=d.programmamanager, door=beoordelaar)

    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=collega)

    with pytest.raises(PermissionDenied):
        vraag_aanvulling(regio=d.regio, vragen="?", door=collega)
    with pytest.raises(PermissionDenied):
        leg_beoordeling_vast(regio=d.regio, scores=scores(d.regio), eindoordeel="x", door=collega)
    with pytest.raises(PermissionDenied):
        neem_besluit(regio=d.regio, uitkomst="afwijzen", motivering="x", door=collega)


def test_a_concept_dossier_cannot_be_assigned():
    d = compleet_dossier()
    beoordelaar = medewerker(BEOORDELAARS)
    with pytest.raises(ValidationError):
        wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)


def test_reassigning_drops_the_assessment_so_its_author_cannot_decide_on_it(ingediend):
    """Four eyes also when the reviewer changes: the first reviewer (a decision maker too)
    assessed; after reassignment that assessment is gone, and the decision waits for the
    new reviewer's, on which the first may then decide."""
    d = ingediend
    eerste = medewerker(BEOORDELAARS, BESLUITVORMERS)
    tweede = medewerker(BEOORDELAARS)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=eerste, door=eerste)
    leg_beoordeling_vast(regio=d.regio, scores=scores(d.regio), eindoordeel="Goed.", door=eerste)

    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=tweede, door=eerste)

    beoordeling = d.regio.beoordeling
    beoordeling.refresh_from_db()
    assert beoordeling.beoordeeld_op is None and not beoordeling.scores.exists()
    stap = Gebeurtenis.objects.filter(actie="beoordeling.toegewezen").latest("id")
    assert "vervalt" in stap.omschrijving and stap.gegevens["beoordeling_vervallen"]
    with pytest.raises(ValidationError) as fout:
        neem_besluit(
            regio=d.regio,
            uitkomst="toekennen",
            bedrag=Decimal("1000"),
            motivering="Ja",
            door=eerste,
        )
    assert fout.value.code == "niet_beoordeeld"

    leg_beoordeling_vast(regio=d.regio, scores=scores(d.regio), eindoordeel="Goed.", door=tweede)
    besluit = neem_besluit(
        regio=d.regio, uitkomst="toekennen", bedrag=Decimal("1000"), motivering="Ja", door=eerste
    )
    assert besluit.bedrag == Decimal("1000")
