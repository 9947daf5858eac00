"""Normalising register values, shared by the readers.

Each function either returns the value as Vestiging stores it or raises :class:`Ongeldig`
with a Dutch message; the reader collects those messages per row, so one run reports every
problem of a file instead of the first one only.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from typing import Any

from django.utils.translation import gettext as _

from ..models import Gemeente, Vestiging
from ..validators import BRIN_PATROON, VESTIGINGSCODE_PATROON

ZES_DECIMALEN = Decimal("0.000001")

# The bounds the database enforces (see the check constraints on Vestiging): European
# Netherlands only. A point outside is a geocoding or axis-order error, not a school abroad.
BREEDTE_MIN, BREEDTE_MAX = Decimal(50), Decimal(54)
LENGTE_MIN, LENGTE_MAX = Decimal(3), Decimal(8)

# DUO publishes small pupil counts as "<5"; the GeoJSON compilation replaced that by 2, and
# a CSV with a pupil column gets the same treatment so both formats agree.
KLEIN_AANTAL = "<5"
KLEIN_AANTAL_WAARDE = 2


class Ongeldig(ValueError):
    """One value of a row is unusable; the message (Dutch) says why."""


@cache
def max_lengte(veld: str) -> int:
    return Vestiging._meta.get_field(veld).max_length


def tekst(waarde: Any, naam: str) -> str:
    """A text property: trimmed, inner runs of whitespace made single; None becomes ""."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool) or not isinstance(waarde, (str, int, float)):
        raise Ongeldig(_("%(veld)s is geen tekst") % {"veld": naam})
    return " ".join(str(waarde).split())


def begrensd(waarde: str, veld: str, naam: str) -> str:
    """Refuse text longer than the column, rather than let the database fail mid-import."""
    grens = max_lengte(veld)
    if len(waarde) > grens:
        raise Ongeldig(
            _("%(veld)s is langer dan %(grens)d tekens") % {"veld": naam, "grens": grens}
        )
    return waarde


def vestigingscode(waarde: Any, instellingscode: Any = None) -> str:
    """A full branch code (32DD00), or a 2-digit suffix completed with the institution code."""
    code = tekst(waarde, "vestigingscode").replace(" ", "").upper()
    if not code:
        raise Ongeldig(_("vestigingscode ontbreekt"))
    if re.fullmatch(r"[0-9]{2}", code) and instellingscode is not None:
        brin = tekst(instellingscode, "instellingscode").replace(" ", "").upper()
        if not re.fullmatch(BRIN_PATROON, brin):
            raise Ongeldig(
                _(
                    "vestigingsnummer %(nr)s kan niet worden aangevuld: instellingscode "
                    "'%(brin)s' is geen BRIN-nummer"
                )
                % {"nr": code, "brin": brin}
            )
        code = brin + code
    if not re.fullmatch(VESTIGINGSCODE_PATROON, code):
        raise Ongeldig(
            _(
                "vestigingscode '%(code)s' is ongeldig (verwacht: BRIN-nummer plus 2 cijfers, "
                "bijvoorbeeld 32DD00)"
            )
            % {"code": code}
        )
    return code


def brin_bij_code(waarde: Any, code: str, naam: str) -> str:
    """The institution code, which must be the first four characters of the branch code."""
    brin = tekst(waarde, naam).replace(" ", "").upper()
    if brin and brin != code[:4]:
        raise Ongeldig(
            _("%(veld)s '%(brin)s' past niet bij vestigingscode %(code)s")
            % {"veld": naam, "brin": brin, "code": code}
        )
    return code[:4]


def leerlingen(waarde: Any) -> tuple[int | None, bool]:
    """A pupil count, or None when the register gives none. Also says whether "<5" was read."""
    if waarde is None:
        return None, False
    if isinstance(waarde, bool):
        raise Ongeldig(_("leerlingen is geen aantal"))
    if isinstance(waarde, int):
        getal = waarde
    elif isinstance(waarde, float) and math.isfinite(waarde) and waarde.is_integer():
        getal = int(waarde)
    elif isinstance(waarde, str):
        schoon = waarde.strip().replace(".", "")
        if not schoon:
            return None, False
        if schoon.replace(" ", "") == KLEIN_AANTAL:
            return KLEIN_AANTAL_WAARDE, True
        if not schoon.isdigit():
            raise Ongeldig(_("leerlingen '%(waarde)s' is geen aantal") % {"waarde": waarde})
        getal = int(schoon)
    else:
        raise Ongeldig(_("leerlingen '%(waarde)s' is geen aantal") % {"waarde": waarde})
    if getal < 0:
        raise Ongeldig(_("leerlingen is negatief (%(getal)d)") % {"getal": getal})
    return getal, False


def graad(waarde: Any) -> Decimal:
    if isinstance(waarde, bool) or not isinstance(waarde, (int, float)):
        raise InvalidOperation
    if isinstance(waarde, float) and not math.isfinite(waarde):
        raise InvalidOperation
    # str() first: Decimal(float) would carry the binary expansion into the rounding.
    return Decimal(str(waarde)).quantize(ZES_DECIMALEN, rounding=ROUND_HALF_UP)


def punt(geometrie: Any) -> tuple[Decimal, Decimal] | None:
    """A GeoJSON Point [longitude, latitude] as (breedtegraad, lengtegraad), 6 decimals.

    None when the feature has no geometry (GeoJSON allows ``null``); anything else that is
    not a point inside the Netherlands is an error.
    """
    if geometrie is None:
        return None
    if not isinstance(geometrie, dict) or geometrie.get("type") != "Point":
        soort = geometrie.get("type") if isinstance(geometrie, dict) else type(geometrie).__name__
        raise Ongeldig(_("geometrie is geen Point maar %(soort)s") % {"soort": soort})
    coordinaten = geometrie.get("coordinates")
    if not isinstance(coordinaten, list) or len(coordinaten) not in (2, 3):
        raise Ongeldig(_("coördinaten zijn geen paar [lengtegraad, breedtegraad]"))
    try:
        lengte, breedte = graad(coordinaten[0]), graad(coordinaten[1])
    except InvalidOperation:
        raise Ongeldig(
            _("coördinaten %(coord)s zijn geen getallen") % {"coord": coordinaten}
        ) from None
    binnen = LENGTE_MIN <= lengte <= LENGTE_MAX and BREEDTE_MIN <= breedte <= BREEDTE_MAX
    if not binnen:
        verwisseld = LENGTE_MIN <= breedte <= LENGTE_MAX and BREEDTE_MIN <= lengte <= BREEDTE_MAX
        if verwisseld:
            raise Ongeldig(
                _(
                    "coördinaten %(coord)s lijken verwisseld: GeoJSON geeft eerst de "
                    "lengtegraad, dan de breedtegraad"
                )
                % {"coord": coordinaten[:2]}
            )
        raise Ongeldig(
            _("coördinaten %(coord)s liggen niet in Nederland") % {"coord": coordinaten[:2]}
        )
    return breedte, lengte


def postcode(waarde: Any) -> str:
    """A Dutch postcode without the space (DUO's CSV writes ``1017 RV``, the GeoJSON
    ``1017RV``); anything that is not one is refused rather than stored half-right."""
    schoon = tekst(waarde, "postcode").replace(" ", "").upper()
    if schoon and not re.fullmatch(r"[1-9][0-9]{3}[A-Z]{2}", schoon):
        raise Ongeldig(_("postcode '%(postcode)s' is ongeldig") % {"postcode": waarde})
    return schoon


def huisnummer(nummer: Any, letter: Any = None, toevoeging: Any = None) -> str:
    """House number, letter and addition as one text: ``68``, ``12A``, ``12A-1``, ``7-2``.

    The register splits them as the BAG does; one text is what people read and search for.
    """
    delen = tekst(nummer, "huisnummer") + tekst(letter, "huisletter")
    extra = tekst(toevoeging, "huisnummertoevoeging")
    if extra:
        delen = f"{delen}-{extra}" if delen else extra
    return delen


def huisnummer_duo(waarde: Any) -> str:
    """DUO's combined HUISNUMMER-TOEVOEGING (``12 A``, ``31-33``) in the GeoJSON's form.

    Only the unambiguous case, a number followed by a single letter, is rewritten
    (``12 A`` -> ``12A``), so the same branch reads alike from both formats.
    """
    schoon = tekst(waarde, "huisnummer-toevoeging")
    gevonden = re.fullmatch(r"([0-9]+) ([A-Za-z])", schoon)
    return f"{gevonden[1]}{gevonden[2]}" if gevonden else schoon


def register_gemeente(waarde: Any) -> str:
    """DUO's municipality name, the key of Gemeente: upper case, single spaces."""
    naam = tekst(waarde, "gemeente").upper()
    grens = Gemeente._meta.get_field("naam_register").max_length
    if len(naam) > grens:
        raise Ongeldig(_("gemeente is langer dan %(grens)d tekens") % {"grens": grens})
    return naam


# Municipalities whose register name is an abbreviation or lost its diacritics; the general
# rule in leesbare_naam cannot know these. Names as the municipalities write them.
GEMEENTEN_UITZONDERINGEN = {
    "BERGEN LB": "Bergen (L.)",
    "BERGEN NH": "Bergen (NH.)",
    "NUENEN CA": "Nuenen, Gerwen en Nederwetten",
    "SUDWEST-FRYSLAN": "Súdwest-Fryslân",
    "NOARDEAST-FRYSLAN": "Noardeast-Fryslân",
}

# Small words that stay lower case inside a Dutch place name (Alphen aan den Rijn, Bergen op
# Zoom, Land van Cuijk), but not at the start of the name or of a hyphenated part
# (De Bilt, Reusel-De Mierden).
KLEINE_WOORDEN = frozenset(
    {"aan", "bij", "de", "den", "der", "en", "het", "in", "op", "te", "ter", "van"}
)


def _woord(woord: str, eerste: bool) -> str:
    klein = woord.lower()
    if not eerste and klein in KLEINE_WOORDEN:
        return klein
    if klein.startswith("ij"):
        # IJ is one letter in Dutch: IJsselstein, Capelle aan den IJssel.
        return "IJ" + klein[2:]
    return klein[:1].upper() + klein[1:]


def leesbare_naam(naam: str) -> str:
    """A readable form of an upper-case register name: ``S GRAVENHAGE`` -> ``'s-Gravenhage``.

    Names that already contain lower case are returned unchanged: someone wrote them so.
    """
    schoon = " ".join((naam or "").split())
    if schoon != schoon.upper():
        return schoon
    if schoon in GEMEENTEN_UITZONDERINGEN:
        return GEMEENTEN_UITZONDERINGEN[schoon]
    voorvoegsel = ""
    # DUO drops the apostrophe and hyphen of 's-Gravenhage / 's-Hertogenbosch ("S GRAVENHAGE");
    # place names keep them ("'S-GRAVENZANDE"). 't (het) appears as "'T ZANDT".
    gevonden = re.match(r"^(?:'?S[ -])(?=\w)", schoon)
    if gevonden:
        voorvoegsel, schoon = "'s-", schoon[gevonden.end() :]
    elif schoon.startswith("'T "):
        voorvoegsel, schoon = "'t ", schoon[3:]
    woorden = []
    for index, woord in enumerate(schoon.split(" ")):
        delen = woord.split("-")
        woorden.append(
            "-".join(_woord(deel, eerste=index == 0 or d > 0) for d, deel in enumerate(delen))
        )
    return voorvoegsel + " ".join(woorden)


def adres(waarden: dict[str, Any]) -> str:
    """An address line for the report: ``Elboogstraat 68, 2516PV 's-Gravenhage``."""
    straat = " ".join(d for d in (waarden.get("straat"), waarden.get("huisnummer")) if d)
    plaats = " ".join(d for d in (waarden.get("postcode"), waarden.get("plaats")) if d)
    return ", ".join(d for d in (straat, plaats) if d) or "-"
