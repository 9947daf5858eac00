"""Dutch notation of dates, amounts, postcodes and addresses (ecosysteem.opmaak and the
template filters built on it)."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from ecosysteem import opmaak
from ecosysteem.models import Gebeurtenis
from partners.models import Registerimport, Vestiging

UTC = datetime.UTC
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def nederlands():
    with translation.override("nl"):
        yield


def render(bron: str, **context) -> str:
    return Template("{% load portaal %}" + bron).render(Context(context))


class TestEuro:
    def test_non_breaking_space_after_the_sign(self):
        assert opmaak.euro(Decimal("730125")) == f"€{NBSP}730.125,00"
        assert opmaak.euro(Decimal("730125.5"), centen=False) == f"€{NBSP}730.126"
        assert " " not in opmaak.euro(Decimal("1234567.89"))

    def test_small_and_negative_amounts(self):
        assert opmaak.euro(Decimal("0.5")) == f"€{NBSP}0,50"
        assert opmaak.euro(Decimal("-1250")) == f"€{NBSP}-1.250,00"
        assert opmaak.euro(None) == ""

    def test_filters(self):
        assert render("{{ b|euro }}", b=Decimal("730125")) == f"€{NBSP}730.125,00"
        assert render("{{ b|euro_rond }}", b=Decimal("730125")) == f"€{NBSP}730.125"


class TestDatum:
    def test_date(self):
        assert opmaak.datum(datetime.date(2026, 12, 3)) == "3 december 2026"
        assert opmaak.datum(datetime.date(2027, 3, 1)) == "1 maart 2027"

    def test_moment_in_the_dutch_time_zone(self):
        # 23:30 UTC on 2 December is already 3 December in Amsterdam.
        moment = datetime.datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
        assert opmaak.datum(moment) == "3 december 2026"
        assert opmaak.datumtijd(moment) == "3 december 2026 00:30"
        # Summer time: UTC+2.
        zomer = datetime.datetime(2026, 7, 1, 10, 5, tzinfo=UTC)
        assert opmaak.datumtijd(zomer) == "1 juli 2026 12:05"

    def test_moment_in_another_zone_is_converted(self):
        ny = datetime.datetime(2026, 12, 2, 20, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
        assert opmaak.datumtijd(ny) == "3 december 2026 02:00"

    def test_iso_text_from_frozen_json(self):
        assert opmaak.datum("2026-12-03") == "3 december 2026"
        assert opmaak.datum("2026-12-02T23:30:00+00:00") == "3 december 2026"
        assert opmaak.datum("geen datum") == "geen datum"
        assert opmaak.datum(None) == ""
        assert opmaak.datum("") == ""

    def test_datumtijd_of_a_date_has_no_time(self):
        assert opmaak.datumtijd(datetime.date(2026, 12, 3)) == "3 december 2026"

    def test_filters(self):
        moment = datetime.datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
        assert render("{{ m|datum }}", m=moment) == "3 december 2026"
        assert render("{{ m|datumtijd }}", m=moment) == "3 december 2026 00:30"
        assert render("{{ m|datum }}", m="2026-01-31") == "31 januari 2026"


class TestPostcodeEnAdres:
    @pytest.mark.parametrize(
        ("invoer", "uitvoer"),
        [("1442AG", "1442 AG"), ("1442 ag", "1442 AG"), (" 1442  AG ", "1442 AG"), ("", "")],
    )
    def test_postcode(self, invoer, uitvoer):
        assert opmaak.postcode(invoer) == uitvoer

    def test_foreign_postcode_left_alone(self):
        assert opmaak.postcode("B-2000") == "B-2000"

    def test_full_address(self):
        assert opmaak.adres("Dorpsstraat", "12a", "1442AG", "Purmerend") == (
            "Dorpsstraat 12a, 1442 AG Purmerend"
        )

    def test_no_leading_comma_without_street(self):
        assert opmaak.adres("", "", "1442AG", "Purmerend") == "1442 AG Purmerend"
        assert opmaak.adres("", "", "", "Purmerend") == "Purmerend"

    def test_no_trailing_comma_without_place(self):
        assert opmaak.adres("Dorpsstraat", "12", "", "") == "Dorpsstraat 12"
        assert opmaak.adres("", "", "", "") == ""

    def test_filter_on_objects_and_dicts(self):
        class Plek:
            straat = ""
            huisnummer = ""
            postcode = "1442AG"
            plaats = "Purmerend"

        assert render("{{ p|adres }}", p=Plek()) == "1442 AG Purmerend"
        assert (
            render("{{ p|adres }}", p={"straat": "Kade", "huisnummer": 1, "postcode": "1442ag"})
            == "Kade 1, 1442 AG"
        )
        assert render("{{ c|postcode }}", c="1442ag") == "1442 AG"


class TestTitelsInHetBeheer:
    """The admin names objects by their __str__; dates there follow the same notation."""

    def test_gebeurtenis_in_dutch_time(self):
        g = Gebeurtenis(
            tijdstip=datetime.datetime(2026, 12, 2, 23, 30, tzinfo=UTC),
            actie="x",
            omschrijving="iets",
        )
        assert str(g).startswith("3 december 2026 00:30 ")

    def test_registerimport(self):
        r = Registerimport(bron="duo", gestart_op=datetime.datetime(2026, 7, 1, 10, 5, tzinfo=UTC))
        assert str(r).endswith("(1 juli 2026 12:05)")

    def test_vestiging_adres(self):
        v = Vestiging(straat="", huisnummer="", postcode="1442AG", plaats="Purmerend")
        assert v.adres == "1442 AG Purmerend"
