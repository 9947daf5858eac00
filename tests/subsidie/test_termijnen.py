"""The dates of a decision letter, worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from subsidie.termijnen import laatste_dag_bezwaar, pasen, plus_maanden, voorschotten

D = datetime.date


@pytest.mark.parametrize(
    ("verzonden", "laatste"),
    [
        # Sent on Monday 2 March 2026: the term starts Tuesday 3 March, six weeks end on
        # Monday 13 April.
        (D(2026, 3, 2), D(2026, 4, 13)),
        # Across a month end: Friday 30 January + 42 days is Friday 13 March (February
        # has 28 days).
        (D(2026, 1, 30), D(2026, 3, 13)),
        # In a leap year February has 29 days: sent on Monday 31 January 2028, the term
        # ends on Monday 13 March 2028.
        (D(2028, 1, 31), D(2028, 3, 13)),
        # Across the year end: 30 December 2026 (Wednesday) + 42 days is 10 February 2027.
        (D(2026, 12, 30), D(2027, 2, 10)),
        # Sent on a Saturday: the term would end on a Saturday and runs on to Monday.
        (D(2026, 3, 7), D(2026, 4, 20)),
        # Ending on Easter Monday 2026 (6 April): runs on to Tuesday 7 April.
        (D(2026, 2, 23), D(2026, 4, 7)),
        # Ending on King's Day, Monday 27 April 2026: on to Tuesday 28 April.
        (D(2026, 3, 16), D(2026, 4, 28)),
        # Ending on Christmas: Friday 25 December 2026, then the 26th (Saturday) and
        # Sunday; the last day is Monday 28 December.
        (D(2026, 11, 13), D(2026, 12, 28)),
    ],
)
def test_the_last_day_to_object_is_six_weeks_after_sending_on_a_working_day(verzonden, laatste):
    assert laatste_dag_bezwaar(verzonden) == laatste


def test_easter_dates_of_known_years():
    assert [pasen(j) for j in (2025, 2026, 2027, 2028)] == [
        D(2025, 4, 20),
        D(2026, 4, 5),
        D(2027, 3, 28),
        D(2028, 4, 16),
    ]


@pytest.mark.parametrize(
    ("dag", "maanden", "uitkomst"),
    [
        (D(2026, 7, 31), 3, D(2026, 10, 31)),  # month end stays month end
        (D(2026, 4, 30), 1, D(2026, 5, 31)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # a day February lacks
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2029, 7, 31), 5, D(2029, 12, 31)),
        (D(2026, 10, 15), 3, D(2027, 1, 15)),  # across the year
    ],
)
def test_months_after_a_day_keep_month_ends(dag, maanden, uitkomst):
    assert plus_maanden(dag, maanden) == uitkomst


def test_advances_and_the_remainder_add_up_to_the_grant():
    termijnen, rest = voorschotten(
        Decimal("476495.00"), [30, 30, 30], ["2025/26", "2026/27", "2027/28"]
    )
    assert [t.bedrag for t in termijnen] == [Decimal("142948.50")] * 3
    assert rest == Decimal("47649.50")
    assert sum(t.bedrag for t in termijnen) + rest == Decimal("476495.00")
