"""Dates of a decision letter, as plain functions without a database: the last day to
object (Awb 6:7-6:8 with the Algemene termijnenwet), due dates a number of months after a
day, and the advances per school year."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

BEZWAARTERMIJN = datetime.timedelta(weeks=6)


def pasen(jaar: int) -> datetime.date:
    """Easter Sunday (Gregorian, the anonymous algorithm of Meeus/Jones/Butcher)."""
    a, b, c = jaar % 19, jaar // 100, jaar % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand, dag = divmod(h + ell - 7 * m + 114, 31)
    return datetime.date(jaar, maand, dag + 1)


def feestdagen(jaar: int) -> set[datetime.date]:
    """The generally recognised holidays of the Algemene termijnenwet (art. 3): New Year,
    Easter Monday, Ascension Day, Whit Monday, both Christmas days, King's Day (27 April,
    26 April when the 27th is a Sunday) and 5 May."""
    paasdag = pasen(jaar)
    koningsdag = datetime.date(jaar, 4, 27)
    if koningsdag.weekday() == 6:
        koningsdag = datetime.date(jaar, 4, 26)
    return {
        datetime.date(jaar, 1, 1),
        paasdag + datetime.timedelta(days=1),
        paasdag + datetime.timedelta(days=39),
        paasdag + datetime.timedelta(days=50),
        koningsdag,
        datetime.date(jaar, 5, 5),
        datetime.date(jaar, 12, 25),
        datetime.date(jaar, 12, 26),
    }


def laatste_dag_bezwaar(verzonden: datetime.date) -> datetime.date:
    """The last day to object against a decision sent on ``verzonden``.

    The six weeks start the day after sending (Awb 6:8), so they end on the same weekday six
    weeks later: ``verzonden + 42 days``. A period that ends on a Saturday, Sunday or
    general holiday runs on to the next day that is none of these (Algemene termijnenwet,
    art. 1), which the Awb's objection period is subject to."""
    dag = verzonden + BEZWAARTERMIJN
    while dag.weekday() >= 5 or dag in feestdagen(dag.year):
        dag += datetime.timedelta(days=1)
    return dag


def plus_maanden(dag: datetime.date, maanden: int) -> datetime.date:
    """``dag`` plus whole months; a day that the target month lacks becomes its last day
    (31 January + 1 month is 28 or 29 February), and the last day of a month stays the last
    day (31 July + 3 months is 31 October, 30 April + 1 month is 31 May)."""
    totaal = dag.month - 1 + maanden
    jaar, maand = dag.year + totaal // 12, totaal % 12 + 1
    laatste = calendar.monthrange(jaar, maand)[1]
    if dag.day == calendar.monthrange(dag.year, dag.month)[1]:
        return datetime.date(jaar, maand, laatste)
    return datetime.date(jaar, maand, min(dag.day, laatste))


@dataclass(frozen=True)
class Voorschot:
    schooljaar: str
    percentage: Decimal
    bedrag: Decimal


def voorschotten(
    bedrag: Decimal, percentages: list, schooljaren: list[str]
) -> tuple[list[Voorschot], Decimal]:
    """The advance per school year (a percentage of the granted amount each, rounded to
    cents), and what remains to be paid after the final determination. The remainder takes
    the rounding, so advances and remainder always add up to the grant."""
    termijnen = [
        Voorschot(
            schooljaar,
            Decimal(str(pct)),
            (bedrag * Decimal(str(pct)) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP),
        )
        for schooljaar, pct in zip(schooljaren, percentages, strict=False)
    ]
    return termijnen, bedrag - sum((t.bedrag for t in termijnen), Decimal("0"))
