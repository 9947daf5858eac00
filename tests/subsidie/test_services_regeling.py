"""The regulation per period and its assessment criteria: changes are audited with from and
to, and refused once they would change what a region submitted or a reviewer assessed."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ecosysteem.audit import Actie
from ecosysteem.models import Gebeurtenis
from regios.models import Regio, Regiostatus, Tijdvak
from subsidie.models import (
    Beoordeling,
    Beoordelingscriterium,
    Criteriumscore,
    Indiening,
    Regeling,
)
from subsidie.services import regeling as services_regeling
from tests.factories import GebruikerFactory, RegioFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def door():
    return GebruikerFactory(username="beheer", is_staff=True, is_superuser=True)


@pytest.fixture
def tijdvak():
    return Tijdvak.objects.get(code="tijdvak-2")


@pytest.fixture
def regeling(tijdvak):
    return Regeling.objects.get(tijdvak=tijdvak)


def test_regeling_wijzigen_legt_van_en_naar_vast(regeling, door):
    oud = regeling.cofinanciering_percentage
    gewijzigd = services_regeling.wijzig_regeling(
        regeling=regeling,
        door=door,
        cofinanciering_percentage=Decimal("30"),
        tellende_leerwegen=["HAVO", "VWO"],
    )
    assert set(gewijzigd) == {"cofinanciering_percentage", "tellende_leerwegen"}
    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.REGELING_GEWIJZIGD)
    assert gebeurtenis.door == door
    assert gebeurtenis.onderwerp == regeling
    assert gebeurtenis.gegevens["wijzigingen"]["cofinanciering_percentage"] == [
        str(oud),
        "30.00",
    ]
    assert gebeurtenis.gegevens["wijzigingen"]["tellende_leerwegen"][1] == ["HAVO", "VWO"]
    # The same amount written differently is no change.
    assert (
        services_regeling.wijzig_regeling(
            regeling=regeling, door=door, cofinanciering_percentage=Decimal("30.0")
        )
        == []
    )


@pytest.mark.parametrize(
    "status",
    [
        Regiostatus.INGEDIEND,
        Regiostatus.IN_BEOORDELING,
        Regiostatus.AANVULLING_GEVRAAGD,
        Regiostatus.TOEGEKEND,
        Regiostatus.AFGEWEZEN,
    ],
)
def test_regeling_ligt_vast_zodra_een_regio_van_het_tijdvak_heeft_aangevraagd(
    regeling, tijdvak, door, status
):
    RegioFactory(tijdvak=tijdvak, naam="Concept blijft")
    regio = RegioFactory(tijdvak=tijdvak, naam="Westerkwartier")
    Regio.objects.filter(pk=regio.pk).update(status=status)
    oud = regeling.bedrag_per_vestiging

    with pytest.raises(ValidationError, match="Westerkwartier heeft al aangevraagd"):
        services_regeling.wijzig_regeling(
            regeling=regeling, door=door, bedrag_per_vestiging=Decimal("1")
        )

    regeling.refresh_from_db()
    assert regeling.bedrag_per_vestiging == oud
    assert not Gebeurtenis.objects.exists()


def test_regeling_van_een_tijdvak_met_alleen_concepten_mag_wijzigen(regeling, tijdvak, door):
    RegioFactory(tijdvak=tijdvak)
    services_regeling.wijzig_regeling(regeling=regeling, door=door, minimum_po_vestigingen=25)
    regeling.refresh_from_db()
    assert regeling.minimum_po_vestigingen == 25


def test_regeling_verhuist_niet_naar_een_ander_tijdvak(regeling, door):
    ander = Tijdvak.objects.exclude(pk=regeling.tijdvak_id).first()
    with pytest.raises(ValidationError, match="ander tijdvak"):
        services_regeling.wijzig_regeling(regeling=regeling, door=door, tijdvak=ander)


def beoordeel(regio, criterium, door) -> None:
    indiening = Indiening.objects.create(
        regio=regio,
        versie=1,
        ingediend_door=door,
        maximale_subsidie=Decimal("1"),
        cofinanciering=Decimal("0"),
        begroting=Decimal("0"),
        inhoud={},
    )
    beoordeling, _nieuw = Beoordeling.objects.update_or_create(
        regio=regio, defaults={"beoordelaar": door, "indiening": indiening}
    )
    Criteriumscore.objects.create(
        beoordeling=beoordeling, criterium=criterium, score=3, motivering="Redelijk."
    )


def test_criteria_wijzigen_tot_er_is_beoordeeld(tijdvak, door):
    criterium = services_regeling.maak_criterium(
        tijdvak=tijdvak, code="techniekbeeld", naam="Beeld van techniek", door=door
    )
    services_regeling.wijzig_criterium(criterium=criterium, door=door, maximale_score=10)
    gewijzigd = Gebeurtenis.objects.get(actie=Actie.CRITERIUM_GEWIJZIGD)
    assert gewijzigd.gegevens["wijzigingen"] == {"maximale_score": [5, 10]}
    assert gewijzigd.gegevens["van"]["maximale_score"] == 5

    # A reviewer who was assigned but scored nothing yet does not fix the criteria.
    regio = RegioFactory(tijdvak=tijdvak, naam="Westerkwartier")
    Beoordeling.objects.create(regio=regio, beoordelaar=door)
    services_regeling.wijzig_criterium(criterium=criterium, door=door, naam="Techniekbeeld")

    beoordeel(regio, criterium, door)
    aantal = Gebeurtenis.objects.count()
    for stap in (
        lambda: services_regeling.maak_criterium(
            tijdvak=tijdvak, code="nieuw", naam="Nieuw", door=door
        ),
        lambda: services_regeling.wijzig_criterium(criterium=criterium, door=door, naam="X"),
        lambda: services_regeling.verwijder_criterium(criterium=criterium, door=door),
    ):
        with pytest.raises(ValidationError, match="Westerkwartier is er al op beoordeeld"):
            stap()
    criterium.refresh_from_db()
    assert criterium.naam == "Techniekbeeld"
    assert not Beoordelingscriterium.objects.filter(code="nieuw").exists()
    assert Gebeurtenis.objects.count() == aantal


def test_criterium_verwijderen_legt_vast_wat_het_was(tijdvak, door):
    criterium = services_regeling.maak_criterium(
        tijdvak=tijdvak, code="techniekbeeld", naam="Beeld van techniek", door=door
    )
    services_regeling.verwijder_criterium(criterium=criterium, door=door)
    gebeurtenis = Gebeurtenis.objects.get(actie=Actie.CRITERIUM_VERWIJDERD)
    assert gebeurtenis.gegevens["van"]["code"] == "techniekbeeld"
    assert not Beoordelingscriterium.objects.filter(code="techniekbeeld").exists()
