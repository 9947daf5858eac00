"""Formatting shared by pages, messages and reports.

Everything a person reads goes through these helpers (directly, or through the template
filters in ``ecosysteem.templatetags.portaal``), so that an amount, a date, a postcode or
an address looks the same on a page, in an e-mail, in the timeline and in the audit log.
"""

import datetime
import re
from decimal import Decimal

from django.utils import dateformat, timezone

#: Between the euro sign and the number, so that a line never ends after "€".
HARDE_SPATIE = "\u00a0"

DATUMNOTATIE = "j F Y"
DATUMTIJDNOTATIE = "j F Y H:i"

_POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")


def euro(bedrag: Decimal | int | None, *, centen: bool = True) -> str:
    """Dutch notation: € 1.234.567,00 (or € 1.234.567 without cents), with a non-breaking
    space after the euro sign."""
    if bedrag is None:
        return ""
    tekst = f"{Decimal(bedrag):,.{2 if centen else 0}f}"
    return "€" + HARDE_SPATIE + tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def getal(aantal: int | None) -> str:
    """Dutch thousands separator: 12.345."""
    if aantal is None:
        return ""
    return f"{aantal:,}".replace(",", ".")


def schooljaar_label(beginjaar: int) -> str:
    """A school year by its first calendar year: 2026 gives 2026/27."""
    return f"{beginjaar}/{(beginjaar + 1) % 100:02d}"


def _als_datum(waarde):
    """A date, a moment (shown in the Dutch time zone) or ISO text, else None."""
    if isinstance(waarde, str):
        try:
            waarde = datetime.datetime.fromisoformat(waarde)
        except ValueError:
            return None
        if waarde.tzinfo is None and waarde.time() == datetime.time(0):
            return waarde.date()
    if isinstance(waarde, datetime.datetime):
        if timezone.is_aware(waarde):
            return timezone.localtime(waarde)
        return waarde
    if isinstance(waarde, datetime.date):
        return waarde
    return None


def datum(waarde) -> str:
    """A date as people write it: 3 december 2026. A moment is shown as its date in the
    Dutch time zone (Europe/Amsterdam); ISO text from frozen JSON is read as a date."""
    dag = _als_datum(waarde)
    if dag is None:
        return "" if waarde in (None, "") else str(waarde)
    return dateformat.format(dag, DATUMNOTATIE)


def datumtijd(waarde) -> str:
    """A moment as people write it, in the Dutch time zone: 3 december 2026 14:05."""
    moment = _als_datum(waarde)
    if moment is None:
        return "" if waarde in (None, "") else str(waarde)
    if not isinstance(moment, datetime.datetime):
        return dateformat.format(moment, DATUMNOTATIE)
    return dateformat.format(moment, DATUMTIJDNOTATIE)


def postcode(waarde: str | None) -> str:
    """A Dutch postcode with its space: 1442AG gives 1442 AG. Anything else unchanged."""
    if not waarde:
        return ""
    gevonden = _POSTCODE.match(waarde)
    if not gevonden:
        return waarde.strip()
    return f"{gevonden.group(1)} {gevonden.group(2).upper()}"


def adres(straat: str = "", huisnummer: str = "", code: str = "", plaats: str = "") -> str:
    """One line: Dorpsstraat 1, 1442 AG Purmerend. Empty parts leave no stray comma or
    space behind (only a place gives "Purmerend"; nothing gives "")."""
    straatdeel = " ".join(d for d in ((straat or "").strip(), str(huisnummer or "").strip()) if d)
    plaatsdeel = " ".join(d for d in (postcode(code), (plaats or "").strip()) if d)
    return ", ".join(d for d in (straatdeel, plaatsdeel) if d)


def adres_van(ding) -> str:
    """:func:`adres` of anything with ``straat``, ``huisnummer``, ``postcode`` and
    ``plaats`` (a model instance or a dict, such as a frozen copy)."""
    if ding is None:
        return ""
    if isinstance(ding, dict):
        neem = ding.get
    else:

        def neem(naam, standaard=""):
            return getattr(ding, naam, standaard)

    return adres(
        neem("straat", "") or "",
        neem("huisnummer", "") or "",
        neem("postcode", "") or "",
        neem("plaats", "") or "",
    )


def met_kop(kop: str, toelichting: str) -> str:
    """A short verdict with its explanation, without saying the verdict twice:
    ("Telt mee", "Telt mee om MAVO; …") gives "Telt mee om MAVO; …", and
    ("Telt niet mee", "Alleen vbo …") gives "Telt niet mee: Alleen vbo …"."""
    kop = (kop or "").strip().rstrip(".:")
    toelichting = (toelichting or "").strip()
    if not toelichting:
        return kop
    if not kop:
        return toelichting
    begin = toelichting[: len(kop)]
    rest = toelichting[len(kop) : len(kop) + 1]
    if begin.lower() == kop.lower() and not rest.isalnum():
        return toelichting
    return f"{kop}: {toelichting}"


def zonder_voorvoegsel(naam: str, woord: str) -> str:
    """A name without a leading word that the sentence around it already says:
    ("Convenant Noord 2026", "convenant") gives "Noord 2026", so that "het convenant
    %(titel)s" does not read "het convenant Convenant Noord 2026". A name that is
    nothing but the word stays as it is."""
    naam = (naam or "").strip()
    delen = naam.split(None, 1)
    if len(delen) == 2 and delen[0].lower().rstrip(":") == woord.lower():
        return delen[1]
    return naam


def onderscheidend(namen_en_plaatsen: list[tuple[str, str]]) -> list[str]:
    """Labels for a list of names in which equal names are told apart by their place:
    [("Yuverta", "Houten"), ("Yuverta", "Velp"), ("Aeres", "Ede")] gives
    ["Yuverta (Houten)", "Yuverta (Velp)", "Aeres"]."""
    tellingen: dict[str, int] = {}
    for naam, _plaats in namen_en_plaatsen:
        tellingen[naam.casefold()] = tellingen.get(naam.casefold(), 0) + 1
    return [
        f"{naam} ({plaats})" if tellingen[naam.casefold()] > 1 and plaats else naam
        for naam, plaats in namen_en_plaatsen
    ]
