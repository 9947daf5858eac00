"""Open data: the decisions in force of a period, public, as JSON and CSV, with no
personal data. A draft is not a decision yet; a correction replaces what it corrects."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from ecosysteem.rollen import BEOORDELAARS, BESLUITVORMERS
from regios.models import Deelname
from subsidie.models import Beoordelingscriterium
from subsidie.services import dien_in
from subsidie.services.beoordeling import (
    leg_beoordeling_vast,
    neem_besluit,
    verstuur_besluit,
    wijs_beoordelaar_toe,
)
from tests.api.wereld import medewerker
from tests.dossiers import compleet_dossier

pytestmark = pytest.mark.django_db


def beoordeeld(naam: str, beoordelaar):
    d = compleet_dossier(naam=naam)
    dien_in(regio=d.regio, door=d.programmamanager)
    wijs_beoordelaar_toe(regio=d.regio, beoordelaar=beoordelaar, door=beoordelaar)
    leg_beoordeling_vast(
        regio=d.regio,
        scores={
            c.code: (4, "Goed.")
            for c in Beoordelingscriterium.objects.filter(tijdvak=d.regio.tijdvak)
        },
        eindoordeel="Goed.",
        door=beoordelaar,
    )
    return d


@pytest.fixture
def besluiten():
    beoordelaar = medewerker(BEOORDELAARS, first_name="Bea", last_name="Oordeel")
    beslisser = medewerker(BESLUITVORMERS, first_name="Bas", last_name="Luiten")
    alfa = beoordeeld("Alfa", beoordelaar)
    eerste = verstuur_besluit(
        besluit=neem_besluit(
            regio=alfa.regio,
            uitkomst="toekennen",
            bedrag=Decimal("200000"),
            motivering="Sterk plan van Piet Jansen.",
            door=beslisser,
        ),
        door=beslisser,
    )
    correctie = verstuur_besluit(
        besluit=neem_besluit(
            regio=alfa.regio,
            uitkomst="toekennen",
            bedrag=Decimal("210000"),
            motivering="Rekenfout hersteld.",
            corrigeert=eerste,
            door=beslisser,
        ),
        door=beslisser,
    )
    bravo = beoordeeld("Bravo", beoordelaar)
    concept = neem_besluit(
        regio=bravo.regio, uitkomst="afwijzen", motivering="Onvoldoende.", door=beslisser
    )
    return alfa.regio, eerste, correctie, concept


def test_only_decisions_in_force_are_published_without_personal_data(besluiten):
    regio, eerste, correctie, concept = besluiten

    antwoord = APIClient().get(reverse("api:open_besluiten"), {"tijdvak": regio.tijdvak.code})

    assert antwoord.status_code == 200
    rijen = antwoord.json()["results"]
    penvoerder = Deelname.objects.get(regio=regio, is_penvoerder=True).organisatie
    assert rijen == [
        {
            "tijdvak": regio.tijdvak.code,
            "regio": "Alfa",
            "penvoerder": penvoerder.naam,
            "uitkomst": "toekennen",
            "bedrag": "210000.00",
            "datum": timezone.localdate(correctie.verstuurd_op).isoformat(),
            "kenmerk": correctie.kenmerk,
        }
    ]
    tekst = antwoord.content.decode()
    for persoonlijk in ("Bea", "Oordeel", "Bas", "Luiten", "Piet Jansen", "@"):
        assert persoonlijk not in tekst
    assert eerste.kenmerk not in tekst and concept.kenmerk not in tekst


def test_the_csv_holds_the_same_rows(besluiten):
    regio, _eerste, correctie, _concept = besluiten
    antwoord = APIClient().get(reverse("api:open_besluiten_csv"), {"tijdvak": regio.tijdvak.code})
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    tekst = antwoord.content.decode()
    assert tekst.startswith("\ufeff")
    rijen = list(csv.DictReader(io.StringIO(tekst.lstrip("\ufeff")), delimiter=";"))
    assert [(r["regio"], r["bedrag"], r["kenmerk"]) for r in rijen] == [
        ("Alfa", "210000,00", correctie.kenmerk)
    ]
    assert list(rijen[0]) == [
        "tijdvak",
        "regio",
        "penvoerder",
        "uitkomst",
        "bedrag",
        "datum",
        "kenmerk",
    ]


def test_another_period_has_none_and_a_wrong_outcome_is_refused(besluiten):
    assert (
        APIClient().get(reverse("api:open_besluiten"), {"tijdvak": "tijdvak-1"}).json()["results"]
        == []
    )
    assert (
        APIClient().get(reverse("api:open_besluiten"), {"uitkomst": "misschien"}).status_code == 400
    )
    assert (
        APIClient().get(reverse("api:open_besluiten_csv"), {"uitkomst": "misschien"}).status_code
        == 400
    )
