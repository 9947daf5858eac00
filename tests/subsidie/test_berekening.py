"""The budget engine, with worked examples. The expected amounts are computed by hand in
the comments, not by the engine."""

import gzip
import json
from decimal import Decimal

import pytest
from django.conf import settings

from subsidie.berekening import (
    Parameters,
    VestigingInvoer,
    bereken_subsidie,
    vereiste_cofinanciering,
)

REGELING = Parameters(
    bedrag_per_vestiging=Decimal("8500"),
    bedrag_per_leerling=Decimal("45"),
    minimum_po_vestigingen=20,
    minimum_vo_vestigingen=3,
    cofinanciering_percentage=Decimal("10"),
    cofinanciering_grondslag="subsidie",
    tellende_schoolsoorten=frozenset({"bao", "sbo", "so", "vso", "so_vso", "vo"}),
    tellende_leerwegen=frozenset({"MAVO", "HAVO", "VWO", "BRUGJAAR"}),
)


def vestiging(code, soort="bao", leerlingen=100, type_="basisschool", opgegeven=None, sector=None):
    return VestigingInvoer(
        vestigingscode=code,
        naam=f"School {code}",
        schoolsoort=soort,
        sector=sector or ("vo" if soort in {"vo", "vso"} else "po"),
        onderwijstype=type_,
        leerlingen_register=leerlingen,
        opgegeven_leerlingen=opgegeven,
    )


def test_two_primary_schools_get_branch_and_pupil_amounts():
    # 2 × 8,500 + (120 + 80) × 45 = 17,000 + 9,000 = 26,000
    berekening = bereken_subsidie(
        REGELING, [vestiging("11AA00", leerlingen=120), vestiging("22BB00", leerlingen=80)]
    )
    assert berekening.totaal == Decimal("26000")
    assert berekening.totaal_vestigingen == Decimal("17000")
    assert berekening.totaal_leerlingen == Decimal("9000")
    assert berekening.aantal_po == 2
    assert berekening.aantal_vo == 0


def test_vbo_only_branch_counts_for_nothing():
    berekening = bereken_subsidie(
        REGELING, [vestiging("33CC00", soort="vo", type_="VBO", leerlingen=400)]
    )
    assert berekening.totaal == Decimal("0")
    assert berekening.niet_tellende[0].reden.startswith("Alleen VBO")
    assert berekening.aantal_vo == 0


def test_mixed_track_branch_uses_the_stated_count_and_says_so():
    # 8,500 + 150 × 45 = 15,250: the register's 363 includes vbo pupils.
    berekening = bereken_subsidie(
        REGELING,
        [vestiging("00DI00", soort="vo", type_="VBO/MAVO", leerlingen=363, opgegeven=150)],
    )
    uitkomst = berekening.vestigingen[0]
    assert berekening.totaal == Decimal("15250")
    assert uitkomst.leerlingen_bron == "opgegeven"
    assert "150 van 363" in uitkomst.leerlingen_uitleg
    assert berekening.opgave_ontbreekt == ()


def test_mixed_track_branch_without_stated_count_is_flagged():
    berekening = bereken_subsidie(
        REGELING, [vestiging("00DI00", soort="vo", type_="VBO/MAVO", leerlingen=363)]
    )
    assert len(berekening.opgave_ontbreekt) == 1
    assert "geef het tellende aantal op" in berekening.vestigingen[0].leerlingen_uitleg


def test_stated_count_never_exceeds_the_register():
    # The stated 500 is above the register's 363: 363 is used. 8,500 + 363 × 45 = 24,835.
    berekening = bereken_subsidie(
        REGELING,
        [vestiging("00DI00", soort="vo", type_="VBO/MAVO", leerlingen=363, opgegeven=500)],
    )
    assert berekening.totaal == Decimal("24835")
    assert berekening.vestigingen[0].leerlingen == 363


def test_branch_without_register_count_counts_zero_pupils_until_stated():
    berekening = bereken_subsidie(REGELING, [vestiging("44DD00", leerlingen=None)])
    assert berekening.totaal == Decimal("8500")
    assert len(berekening.zonder_leerlingen) == 1
    opgegeven = bereken_subsidie(REGELING, [vestiging("44DD00", leerlingen=None, opgegeven=10)])
    # 8,500 + 10 × 45 = 8,950
    assert opgegeven.totaal == Decimal("8950")


def test_breakdown_per_school_type_adds_up():
    berekening = bereken_subsidie(
        REGELING,
        [
            vestiging("11AA00", leerlingen=100),
            vestiging("11AA01", leerlingen=50),
            vestiging("22BB00", soort="sbo", type_="SBAO", leerlingen=90),
            vestiging("33CC00", soort="vo", type_="HAVO/VWO", leerlingen=1000),
        ],
    )
    per_soort = {r.schoolsoort: r for r in berekening.per_soort}
    assert per_soort["bao"].vestigingen == 2
    assert per_soort["bao"].leerlingen == 150
    # bao: 2 × 8,500 + 150 × 45 = 23,750; sbo: 8,500 + 4,050 = 12,550; vo: 8,500 + 45,000
    assert per_soort["bao"].bedrag == Decimal("23750")
    assert per_soort["sbo"].bedrag == Decimal("12550")
    assert per_soort["vo"].bedrag == Decimal("53500")
    assert sum(r.bedrag for r in berekening.per_soort) == berekening.totaal


def test_regulation_without_a_school_type_leaves_it_out():
    zonder_so = Parameters(**{**REGELING.__dict__, "tellende_schoolsoorten": frozenset({"bao"})})
    berekening = bereken_subsidie(zonder_so, [vestiging("55EE00", soort="so", type_="SO")])
    assert berekening.totaal == Decimal("0")


def test_required_co_financing_follows_the_basis():
    assert vereiste_cofinanciering(REGELING, subsidie=Decimal("376040")) == Decimal("37604.00")
    op_begroting = Parameters(**{**REGELING.__dict__, "cofinanciering_grondslag": "begroting"})
    assert vereiste_cofinanciering(
        op_begroting, subsidie=Decimal("376040"), begroting=Decimal("400000")
    ) == Decimal("40000.00")


@pytest.fixture(scope="module")
def register():
    with gzip.open(settings.SCHOLENREGISTER_STANDAARD, "rt", encoding="utf-8") as bestand:
        return {
            f["properties"]["vestigingscode"]: f["properties"]
            for f in json.load(bestand)["features"]
        }


def uit_register(register, code, opgegeven=None):
    from partners.onderwijstypen import classificeer

    p = register[code]
    c = classificeer(p["type"])
    return VestigingInvoer(
        vestigingscode=code,
        naam=p["naam"],
        schoolsoort=c.schoolsoort,
        sector=c.sector,
        onderwijstype=p["type"],
        leerlingen_register=p["leerlingen"],
        opgegeven_leerlingen=opgegeven,
    )


WESTERKWARTIER_PO = [
    # code: pupils in the register (DUO, 2023/2024)
    ("04OE00", 126), ("06PQ00", 65), ("12MY00", 174), ("18RI00", 179), ("19KD00", 79),
    ("05OR00", 145), ("07IM00", 126), ("22LV00", 55), ("11FK00", 172), ("13QL00", 125),
    ("14BG00", 178), ("06QV00", 183), ("13XX00", 62), ("05UR00", 153), ("09JJ00", 268),
    ("08AI00", 53), ("03LR00", 65), ("06AL00", 34), ("11XF00", 281), ("06BP00", 85),
]  # fmt: skip


def test_worked_example_westerkwartier_from_the_real_register(register):
    """Twenty primary schools and four secondary branches in Westerkwartier (Groningen).

    po: 20 branches, 2,608 pupils (the sum of the list above).
    vo: rsg de Borgen Leek 00DI02 (MAVO/HAVO/VWO, 1,134 pupils, all count);
        rsg de Borgen Leek 00DI00 (VBO/MAVO, register 363, stated 150 mavo pupils);
        Lauwers College Grijpskerk 00ZV05 (VBO/MAVO, register 300, stated 120);
        Drenthe College Terra Oldekerk 25PW55 (VBO only: does not count).
    Branches: 20 + 3 = 23 × 8,500 = 195,500.
    Pupils: 2,608 + 1,134 + 150 + 120 = 4,012 × 45 = 180,540.
    Total: 376,040.
    """
    for code, leerlingen in WESTERKWARTIER_PO:
        assert register[code]["leerlingen"] == leerlingen
    vestigingen = [uit_register(register, code) for code, _ in WESTERKWARTIER_PO] + [
        uit_register(register, "00DI02"),
        uit_register(register, "00DI00", opgegeven=150),
        uit_register(register, "00ZV05", opgegeven=120),
        uit_register(register, "25PW55"),
    ]

    berekening = bereken_subsidie(REGELING, vestigingen)

    assert berekening.aantal_po == 20
    assert berekening.aantal_vo == 3
    assert berekening.aantal_leerlingen == 4012
    assert berekening.totaal_vestigingen == Decimal("195500")
    assert berekening.totaal_leerlingen == Decimal("180540")
    assert berekening.totaal == Decimal("376040")
    assert [v.invoer.vestigingscode for v in berekening.niet_tellende] == ["25PW55"]


def test_the_administrators_decision_goes_before_the_register_type():
    onbekend = VestigingInvoer(
        vestigingscode="66FF00",
        naam="Nieuwe school",
        schoolsoort="onbekend",
        sector="",
        onderwijstype="ISK",
        leerlingen_register=40,
        besluit=True,
        besluit_reden="Internationale schakelklas, beoordeeld.",
    )
    uitgesloten = vestiging("77GG00", leerlingen=100)
    uitgesloten = VestigingInvoer(
        **{**uitgesloten.__dict__, "besluit": False, "besluit_reden": "Sluit per 1 augustus."}
    )

    berekening = bereken_subsidie(REGELING, [onbekend, uitgesloten])

    # Only the decided-in branch: 8,500 + 40 × 45 = 10,300
    assert berekening.totaal == Decimal("10300")
    uitkomst = {u.invoer.vestigingscode: u for u in berekening.vestigingen}
    assert (
        uitkomst["66FF00"].reden
        == "Besluit van de beheerder: Internationale schakelklas, beoordeeld."
    )
    assert not uitkomst["77GG00"].telt_mee
