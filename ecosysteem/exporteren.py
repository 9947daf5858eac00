"""Spreadsheet exports (CSV and XLSX): every export of the portal writes its cells here.

A spreadsheet program reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, also in a CSV file, and a tab or carriage return in front can smuggle one past a
quick look. Text that people typed (a region's name, an organisation's, a reviewer's) ends
up in these files, so every text cell that could start a formula gets an apostrophe in
front: the program shows it as text and never runs it. Numbers, amounts and dates are not
text: they stay numbers (also negative ones), so the sums in the sheet keep working.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook

# Characters that make a spreadsheet program start a formula (or, for tab and carriage
# return, that hide such a start), plus their full-width forms, which some programs accept.
FORMULETEKENS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
# Leading blanks do not make a cell text in every program: look past them.
_VOORLOOP = " \u00a0"

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Waarde = str | int | float | Decimal | datetime.date | None


def neutraliseer(tekst: str) -> str:
    """``tekst`` as a harmless text cell: with an apostrophe in front when it could start a
    formula, unchanged otherwise."""
    if not tekst:
        return tekst
    if tekst[0] in FORMULETEKENS or tekst.lstrip(_VOORLOOP)[:1] in FORMULETEKENS:
        return "'" + tekst
    return tekst


def is_getal(waarde: object) -> bool:
    return isinstance(waarde, int | float | Decimal) and not isinstance(waarde, bool)


def cel(waarde: object) -> Waarde:
    """A value as it may go into a cell: numbers and dates as they are, ``None`` empty,
    anything else (lazy translations, model instances, booleans) as neutralised text."""
    if waarde is None:
        return ""
    if is_getal(waarde) or isinstance(waarde, datetime.date):
        return waarde
    return neutraliseer(str(waarde))


def csv_cel(waarde: object, *, decimaalteken: str = ",") -> str:
    """A value as CSV text. Amounts get two decimals and a decimal comma, as Dutch
    spreadsheet programs expect next to semicolons; a number is never neutralised (it is
    written by the portal, not typed by someone)."""
    waarde = cel(waarde)
    if isinstance(waarde, Decimal):
        return f"{waarde:.2f}".replace(".", decimaalteken)
    if isinstance(waarde, float):
        return str(waarde).replace(".", decimaalteken)
    if isinstance(waarde, datetime.datetime):
        return waarde.isoformat(sep=" ", timespec="minutes")
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    return str(waarde)


def csv_tekst(*, kolommen: Sequence[object], rijen: Iterable[Sequence[object]]) -> str:
    """CSV as text (for a download or a file in an archive): semicolons, a byte order mark
    in front, every cell through :func:`csv_cel`."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";")
    schrijver.writerow([csv_cel(k) for k in kolommen])
    for rij in rijen:
        schrijver.writerow([csv_cel(w) for w in rij])
    return "\ufeff" + buffer.getvalue()


def csv_antwoord(
    *, kolommen: Sequence[object], rijen: Iterable[Sequence[object]], bestandsnaam: str
) -> HttpResponse:
    """A CSV download: semicolons and a byte order mark, so Dutch spreadsheet programs open
    it as intended; every cell through :func:`csv_cel`."""
    antwoord = HttpResponse(
        csv_tekst(kolommen=kolommen, rijen=rijen), content_type="text/csv; charset=utf-8"
    )
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord


def xlsx_antwoord(
    *,
    kolommen: Sequence[object],
    rijen: Iterable[Sequence[object]],
    bestandsnaam: str,
    bladnaam: str,
    bedragkolommen: Iterable[int] = (),
) -> HttpResponse:
    """An XLSX download with one sheet: a header row that stays in view, every cell through
    :func:`cel`, and the columns numbered in ``bedragkolommen`` (0-based) shown in euros.

    A text cell is always written as text, never as a formula: openpyxl would otherwise
    store a string that starts with ``=`` as one."""
    werkboek = Workbook()
    blad = werkboek.active
    blad.title = str(bladnaam)[:31]
    bedragen = set(bedragkolommen)
    for rijnummer, rij in enumerate([kolommen, *rijen], start=1):
        for kolomnummer, waarde in enumerate(rij, start=1):
            veilig = cel(waarde)
            vak = blad.cell(row=rijnummer, column=kolomnummer)
            vak.value = veilig
            if isinstance(veilig, str):
                vak.data_type = "s"
            elif rijnummer > 1 and kolomnummer - 1 in bedragen:
                vak.number_format = '"€" #,##0.00'
    blad.freeze_panes = "A2"
    uitvoer = io.BytesIO()
    werkboek.save(uitvoer)
    antwoord = HttpResponse(uitvoer.getvalue(), content_type=XLSX_TYPE)
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return antwoord
