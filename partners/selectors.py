"""Reads for the partner pages: searching the school register on the public registration
form. Each costs a fixed number of queries, however much data there is. (What a contact
person maintains on "Mijn organisatie" is read in subsidie/selectors.py, their roles in
regios/selectors.py.)"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Organisatiesoort, Schoolsoort, Vestiging
from .validators import BRIN_PATROON, VESTIGINGSCODE_PATROON

# --- searching the register on the registration form ------------------------------------

MAX_SCHOLEN = 15
MAX_ZOEKTEKST = 100
MIN_ZOEKTEKST = 2
VESTIGINGSCODE = re.compile(VESTIGINGSCODE_PATROON)
BRIN = re.compile(BRIN_PATROON)

# The kind of organisation a school registers as, by the register's school kind.
SOORT_PER_SCHOOLSOORT = {
    Schoolsoort.BAO: Organisatiesoort.PO_SCHOOL,
    Schoolsoort.SBO: Organisatiesoort.SBO_SCHOOL,
    Schoolsoort.SO: Organisatiesoort.SO_SCHOOL,
    Schoolsoort.VSO: Organisatiesoort.SO_SCHOOL,
    Schoolsoort.SO_VSO: Organisatiesoort.SO_SCHOOL,
    Schoolsoort.VO: Organisatiesoort.VO_SCHOOL,
}


@dataclass(frozen=True)
class Scholenzoekuitkomst:
    zoektekst: str
    scholen: list[Vestiging]
    meer: bool  # more matches than shown

    @property
    def te_kort(self) -> bool:
        return 0 < len(self.zoektekst.replace(" ", "")) < MIN_ZOEKTEKST


def normaliseer_zoektekst(zoektekst: str) -> str:
    return " ".join((zoektekst or "").split())[:MAX_ZOEKTEKST]


def _scholenfilter(tekst: str) -> Q:
    """Every word in the name or the place, or the word as branch code or BRIN number."""
    filter_ = Q()
    for woord in tekst.split(" "):
        deel = Q(naam__icontains=woord) | Q(plaats__icontains=woord)
        hoofdletters = woord.upper()
        if VESTIGINGSCODE.match(hoofdletters):
            deel |= Q(vestigingscode=hoofdletters)
        elif BRIN.match(hoofdletters):
            deel |= Q(brin_nummer=hoofdletters)
        filter_ &= deel
    return filter_


def zoek_scholen(zoektekst: str) -> Scholenzoekuitkomst:
    """At most ``MAX_SCHOLEN`` branches in the current register, in one query: an exact
    code first, then names that start with the text, names that contain it, and the
    branches of a place of that name. Nothing below ``MIN_ZOEKTEKST`` characters."""
    zoektekst = normaliseer_zoektekst(zoektekst)
    if len(zoektekst.replace(" ", "")) < MIN_ZOEKTEKST:
        return Scholenzoekuitkomst(zoektekst=zoektekst, scholen=[], meer=False)
    compact = zoektekst.replace(" ", "").upper()
    rang = Case(
        When(Q(vestigingscode=compact) | Q(brin_nummer=compact), then=Value(0)),
        When(naam__istartswith=zoektekst, then=Value(1)),
        When(naam__icontains=zoektekst, then=Value(2)),
        When(plaats__iexact=zoektekst, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )
    gevonden = list(
        Vestiging.objects.filter(_scholenfilter(zoektekst), in_register=True)
        .annotate(rang=rang)
        .order_by("rang", "naam", "vestigingscode")
        .only(
            "vestigingscode",
            "naam",
            "schoolsoort",
            "onderwijstype",
            "straat",
            "huisnummer",
            "postcode",
            "plaats",
        )[: MAX_SCHOLEN + 1]
    )
    return Scholenzoekuitkomst(
        zoektekst=zoektekst, scholen=gevonden[:MAX_SCHOLEN], meer=len(gevonden) > MAX_SCHOLEN
    )


def scholenzoekstatus(uitkomst: Scholenzoekuitkomst) -> str:
    """The sentence the live region announces after each search."""
    if not uitkomst.zoektekst:
        return ""
    if uitkomst.te_kort:
        return _("Typ minstens 2 tekens om te zoeken.")
    if not uitkomst.scholen:
        return _("Geen scholen gevonden voor ‘%(tekst)s’.") % {"tekst": uitkomst.zoektekst}
    if uitkomst.meer:
        return _(
            "Meer dan %(aantal)s scholen gevonden; hieronder de eerste %(aantal)s. Typ meer "
            "van de naam, of de plaats erbij."
        ) % {"aantal": MAX_SCHOLEN}
    return ngettext(
        "%(aantal)s school gevonden.", "%(aantal)s scholen gevonden.", len(uitkomst.scholen)
    ) % {"aantal": len(uitkomst.scholen)}


def aanmeldgegevens_van_school(vestiging: Vestiging) -> dict[str, str]:
    """What the registration form can take over from a branch in the register."""
    return {
        "soort": SOORT_PER_SCHOOLSOORT.get(vestiging.schoolsoort, ""),
        "naam": vestiging.naam,
        "vestigingscode": vestiging.vestigingscode,
        "straat": vestiging.straat,
        "huisnummer": vestiging.huisnummer,
        "postcode": vestiging.postcode,
        "plaats": vestiging.plaats,
    }
