"""Every eligibility rule, passing and failing."""

from dataclasses import replace
from decimal import Decimal

import pytest

from ecosysteem.opmaak import euro
from subsidie.berekening import bereken_subsidie
from subsidie.toetsing import DossierFeiten, Penvoerder, toets
from tests.subsidie.test_berekening import REGELING, vestiging


def geschikte_vestigingen():
    po = [vestiging(f"{n:02d}PO00", leerlingen=100) for n in range(20)]
    vo = [vestiging(f"{n:02d}VO00", soort="vo", type_="HAVO/VWO", leerlingen=500) for n in range(3)]
    return po + vo


def feiten(**anders) -> DossierFeiten:
    # 23 × 8,500 + (2,000 + 1,500) × 45 = 195,500 + 157,500 = 353,000; 10% = 35,300.
    basis = DossierFeiten(
        berekening=bereken_subsidie(REGELING, geschikte_vestigingen()),
        penvoerders=(Penvoerder(naam="Stichting Primair Westerkwartier", is_onderwijs=True),),
        buitenschoolse_partners=2,
        cofinanciering=Decimal("35300"),
        sto_relatie="gedeeld",
        sto_regio_naam="STO Groningen West",
        sto_toelichting="Eén stuurgroep voor beide programma's.",
        programmamanagers=1,
        begroting=Decimal("388300"),
    )
    return replace(basis, **anders)


def uitslag(f: DossierFeiten) -> dict[str, bool]:
    return {r.code: r.geslaagd for r in toets(f)}


def resultaat(f: DossierFeiten, code: str):
    return next(r for r in toets(f) if r.code == code)


def test_a_complete_dossier_passes_every_rule():
    assert all(uitslag(feiten()).values())
    assert feiten().berekening.totaal == Decimal("353000")


def test_every_rule_has_a_code_title_message_and_place():
    resultaten = toets(feiten())
    assert len({r.code for r in resultaten}) == len(resultaten) == 10
    assert all(r.titel and r.bericht and r.plek for r in resultaten)


def test_fewer_than_twenty_primary_branches_fails():
    vestigingen = geschikte_vestigingen()[1:]  # 19 po, 3 vo
    f = feiten(berekening=bereken_subsidie(REGELING, vestigingen))
    r = resultaat(f, "minimum_po")
    assert not r.geslaagd
    assert r.bericht == "19 tellende po-vestigingen doen mee; nodig zijn er 20."
    assert r.plek == "vestigingen"


def test_fewer_than_three_secondary_branches_fails():
    vestigingen = geschikte_vestigingen()[:-2]
    r = resultaat(feiten(berekening=bereken_subsidie(REGELING, vestigingen)), "minimum_vo")
    assert not r.geslaagd
    assert "1 tellende vo-vestiging doet mee" in r.bericht


def test_non_counting_branch_does_not_help_the_minimum():
    vestigingen = geschikte_vestigingen()[:-1] + [
        vestiging("99XX00", soort="vo", type_="VBO/PRO", leerlingen=300)
    ]
    f = feiten(berekening=bereken_subsidie(REGELING, vestigingen))
    assert uitslag(f)["minimum_vo"] is False
    r = resultaat(f, "vestigingen_tellen_mee")
    assert not r.geslaagd
    assert "School 99XX00 (99XX00)" in r.bericht


@pytest.mark.parametrize(
    ("penvoerders", "verwacht"),
    [
        ((), "nog geen penvoerder"),
        ((Penvoerder("Bedrijf BV", is_onderwijs=False),), "geen schoolbestuur of school"),
        ((Penvoerder("A", True), Penvoerder("B", True)), "meerdere penvoerders"),
    ],
)
def test_penvoerder_rule_fails_without_exactly_one_school_board(penvoerders, verwacht):
    r = resultaat(feiten(penvoerders=penvoerders), "penvoerder")
    assert not r.geslaagd
    assert verwacht in r.bericht
    assert r.plek == "partners"


def test_without_out_of_school_partner_fails():
    r = resultaat(feiten(buitenschoolse_partners=0), "buitenschoolse_partner")
    assert not r.geslaagd
    assert "bedrijf, museum of bibliotheek" in r.bericht


def test_co_financing_below_the_required_share_fails():
    r = resultaat(feiten(cofinanciering=Decimal("35299.99")), "cofinanciering")
    assert not r.geslaagd
    assert r.bericht == "Toegezegd: €\u00a035.299,99; vereist: €\u00a035.300,00."
    assert r.titel == "Cofinanciering van minstens 10%"


def test_sto_alignment_names_what_is_missing():
    r = resultaat(feiten(sto_relatie="", sto_regio_naam="", sto_toelichting=""), "sto_afstemming")
    assert not r.geslaagd
    assert "de relatie met de STO-regio" in r.bericht
    assert "een toelichting" in r.bericht
    # A region in another area than any STO region needs no STO region's name.
    anders = feiten(sto_relatie="ander_gebied", sto_regio_naam="")
    assert resultaat(anders, "sto_afstemming").geslaagd


def test_without_programme_manager_fails():
    assert uitslag(feiten(programmamanagers=0))["programmamanager"] is False


def test_budget_plan_must_exist_and_fit_subsidy_plus_co_financing():
    assert uitslag(feiten(begroting=Decimal("0")))["begroting_gedekt"] is False
    # 353,000 + 35,300 = 388,300 is the ceiling.
    assert uitslag(feiten(begroting=Decimal("388300")))["begroting_gedekt"] is True
    r = resultaat(feiten(begroting=Decimal("388300.01")), "begroting_gedekt")
    assert not r.geslaagd
    assert "€\u00a00,01 hoger" in r.bericht


def test_mixed_track_branch_needs_a_stated_pupil_count():
    vestigingen = geschikte_vestigingen() + [
        vestiging("77GG00", soort="vo", type_="VBO/MAVO", leerlingen=400)
    ]
    f = feiten(berekening=bereken_subsidie(REGELING, vestigingen), cofinanciering=Decimal("99999"))
    r = resultaat(f, "leerlingen_verantwoord")
    assert not r.geslaagd
    assert "School 77GG00" in r.bericht
    vestigingen[-1] = vestiging(
        "77GG00", soort="vo", type_="VBO/MAVO", leerlingen=400, opgegeven=90
    )
    f = feiten(berekening=bereken_subsidie(REGELING, vestigingen), cofinanciering=Decimal("99999"))
    assert resultaat(f, "leerlingen_verantwoord").geslaagd


def test_euro_uses_dutch_notation():
    assert euro(Decimal("1234567.5")) == "€\u00a01.234.567,50"
