"""Reads for the partner pages: searching the school register on the public registration
form, and what a partner's contact person maintains on "Mijn organisatie". Each costs a
fixed number of queries, however much data there is."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecosysteem.formulieren import decimaal_nl
from ecosysteem.opmaak import euro
from regios.models import LOPENDE_DEELNAME, Deelname, Regio, Rol, Rolsoort
from regios.rules import BEWERKBARE_STATUSSEN
from subsidie.models import Cofinanciering, Cofinancieringsoort

from .models import Organisatie, Organisatiesoort, Schoolsoort, Vestiging
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


# --- what a partner's contact person maintains ------------------------------------------


def lopende_rol(vandaag: datetime.date | None = None) -> Q:
    """Roles that hold today (as ``regios.rules.regiorollen`` reads them)."""
    vandaag = vandaag or timezone.localdate()
    return (Q(startdatum__isnull=True) | Q(startdatum__lte=vandaag)) & (
        Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag)
    )


def contactrollen(gebruiker) -> QuerySet[Rol]:
    """The user's current roles as contact person of a partner."""
    return Rol.objects.filter(
        lopende_rol(), persoon__gebruiker=gebruiker, soort=Rolsoort.CONTACTPERSOON
    )


def namens(organisatie: Organisatie) -> Q:
    """Roles on behalf of ``organisatie``: as the role says, or, for a role that names no
    organisation, the person's own."""
    return Q(namens=organisatie) | Q(namens__isnull=True, persoon__organisatie=organisatie)


def waarde_uitleg(toezegging: Cofinanciering) -> str:
    """How a pledge of hours is valued: ``40 uur × € 62,50``."""
    if toezegging.soort != Cofinancieringsoort.UREN:
        return ""
    return _("%(uren)s uur × %(tarief)s") % {
        "uren": decimaal_nl(toezegging.uren),
        "tarief": euro(toezegging.uurtarief),
    }


@dataclass
class Contactregio:
    """A region where the user is the contact person of an organisation."""

    regio: Regio
    doet_mee: bool  # the organisation takes part in the region now
    toezeggingen: list[Cofinanciering] = field(default_factory=list)

    @property
    def bewerkbaar(self) -> bool:
        """Whether the pledges can change: the dossier is not frozen and the organisation
        still takes part (a pledge needs a participation)."""
        return self.doet_mee and self.regio.status in BEWERKBARE_STATUSSEN

    @property
    def totaal(self) -> Decimal:
        return sum((t.waarde for t in self.toezeggingen), Decimal("0"))

    @property
    def rijen(self) -> list[tuple[Cofinanciering, str]]:
        return [(t, waarde_uitleg(t)) for t in self.toezeggingen]


@dataclass
class Contactorganisatie:
    organisatie: Organisatie
    regios: list[Contactregio] = field(default_factory=list)

    def contactregio(self, slug: str) -> Contactregio | None:
        return next((c for c in self.regios if c.regio.slug == slug), None)

    def toezegging(self, pk: int) -> tuple[Contactregio, Cofinanciering] | None:
        for contactregio in self.regios:
            for toezegging in contactregio.toezeggingen:
                if toezegging.pk == pk:
                    return contactregio, toezegging
        return None


def contactorganisaties(gebruiker) -> list[Contactorganisatie]:
    """The organisations the user is now a contact person for, each with the regions where
    they are, whether the organisation takes part there, and its pledges there. Three
    queries, however many organisations, regions and pledges."""
    if not gebruiker or not gebruiker.is_authenticated:
        return []
    per_organisatie: dict[int, Contactorganisatie] = {}
    regios: dict[int, Regio] = {}
    for rol in contactrollen(gebruiker).select_related(
        "regio__tijdvak", "namens", "persoon__organisatie"
    ):
        organisatie = rol.namens or rol.persoon.organisatie
        if organisatie is None:
            continue
        co = per_organisatie.setdefault(organisatie.pk, Contactorganisatie(organisatie))
        co.regios.append(Contactregio(regio=rol.regio, doet_mee=False))
        regios[rol.regio_id] = rol.regio
    if not per_organisatie:
        return []
    deelnames = set(
        Deelname.objects.filter(
            LOPENDE_DEELNAME, organisatie_id__in=per_organisatie, regio_id__in=regios
        ).values_list("organisatie_id", "regio_id")
    )
    toezeggingen: dict[tuple[int, int], list[Cofinanciering]] = {}
    for toezegging in Cofinanciering.objects.filter(
        organisatie_id__in=per_organisatie, regio_id__in=regios
    ).order_by("schooljaar", "pk"):
        # The objects are known already; no query per pledge for its partner or region.
        toezegging.organisatie = per_organisatie[toezegging.organisatie_id].organisatie
        toezegging.regio = regios[toezegging.regio_id]
        toezeggingen.setdefault((toezegging.organisatie_id, toezegging.regio_id), []).append(
            toezegging
        )
    for pk, co in per_organisatie.items():
        for contactregio in co.regios:
            sleutel = (pk, contactregio.regio.pk)
            contactregio.doet_mee = sleutel in deelnames
            contactregio.toezeggingen = toezeggingen.get(sleutel, [])
        co.regios.sort(key=lambda c: c.regio.naam.lower())
    return sorted(per_organisatie.values(), key=lambda co: co.organisatie.naam.lower())
