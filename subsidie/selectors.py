"""Reads of the subsidy app that cross relations, each in a fixed number of queries: the
ministry's overview of a period (however many regions and branches), and what a partner's
contact person maintains on "Mijn organisatie" (their organisations, regions, pledges)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Subquery, Sum
from django.utils.translation import gettext as _

from ecosysteem.formulieren import decimaal_nl
from ecosysteem.opmaak import euro
from partners.models import Cofinancieringsoort, Organisatie
from regios.models import LOPENDE_DEELNAME, Deelname, Regio, Regiostatus
from regios.rules import BEWERKBARE_STATUSSEN
from regios.selectors import contactrollen

from .berekening import VestigingInvoer, bereken_subsidie
from .models import Aanvullingsverzoek, Beoordeling, Besluit, Cofinanciering, Indiening, Regeling


@dataclass(frozen=True)
class Overzichtsrij:
    regio: Regio
    provincies: str
    vestigingen: int
    leerlingen: int
    maximale_subsidie: Decimal
    cofinanciering: Decimal
    besluit: Besluit | None
    beoordelaar: str = ""
    score: int | None = None  # total of the recorded assessment, if any

    @property
    def toegekend(self) -> Decimal | None:
        return self.besluit.bedrag if self.besluit else None


@dataclass(frozen=True)
class Kerngetallen:
    """A region's key figures as the budget engine makes them of its dossier now."""

    vestigingen: int  # counting branches
    leerlingen: int  # counting pupils
    maximale_subsidie: Decimal
    cofinanciering: Decimal  # pledged


def kerngetallen(regios, *, parameters=None) -> dict[int, Kerngetallen]:
    """The key figures of ``regios`` in two queries, however many regions and branches.
    Without ``parameters`` each region's own period's regulation is used (the regions must
    then come with ``tijdvak__regeling``)."""
    ids = [r.pk for r in regios]

    invoer: dict[int, list[VestigingInvoer]] = defaultdict(list)
    for d in (
        Deelname.objects.filter(LOPENDE_DEELNAME, regio_id__in=ids, vestiging__isnull=False)
        .select_related("vestiging")
        .only(
            "regio_id",
            "opgegeven_leerlingen",
            "leerlingen_toelichting",
            "vestiging__vestigingscode",
            "vestiging__naam",
            "vestiging__schoolsoort",
            "vestiging__sector",
            "vestiging__onderwijstype",
            "vestiging__leerlingen",
            "vestiging__telt_mee_besluit",
            "vestiging__telt_mee_reden",
        )
    ):
        v = d.vestiging
        invoer[d.regio_id].append(
            VestigingInvoer(
                vestigingscode=v.vestigingscode,
                naam=v.naam,
                schoolsoort=v.schoolsoort,
                sector=v.sector,
                onderwijstype=v.onderwijstype,
                leerlingen_register=v.leerlingen,
                opgegeven_leerlingen=d.opgegeven_leerlingen,
                toelichting=d.leerlingen_toelichting,
                besluit=v.telt_mee_besluit,
                besluit_reden=v.telt_mee_reden,
            )
        )
    toegezegd: dict[int, Decimal] = defaultdict(Decimal)
    for c in Cofinanciering.objects.filter(regio_id__in=ids):
        toegezegd[c.regio_id] += c.waarde
    uitkomst = {}
    for regio in regios:
        regeling = parameters or regio.tijdvak.regeling.als_parameters()
        berekening = bereken_subsidie(regeling, invoer[regio.pk])
        uitkomst[regio.pk] = Kerngetallen(
            vestigingen=len(berekening.tellende),
            leerlingen=berekening.aantal_leerlingen,
            maximale_subsidie=berekening.totaal,
            cofinanciering=toegezegd[regio.pk],
        )
    return uitkomst


def ministerieoverzicht(*, tijdvak, regios=None) -> list[Overzichtsrij]:
    """Every region of ``tijdvak`` (or of ``regios``, the overview's filtered queryset: see
    ``subsidie.filters.OverzichtFilter``), with its counting branches and pupils, maximum
    subsidy, pledged co-financing and decision."""
    if regios is None:
        regios = Regio.objects.all()
    regios = list(
        regios.filter(tijdvak=tijdvak).prefetch_related("provincies").order_by("naam").distinct()
    )
    ids = [r.pk for r in regios]
    cijfers = kerngetallen(
        regios, parameters=Regeling.objects.get(tijdvak=tijdvak).als_parameters()
    )
    besluiten = {b.regio_id: b for b in Besluit.objects.geldend().filter(regio_id__in=ids)}
    beoordelingen = {
        b.regio_id: b
        for b in Beoordeling.objects.filter(regio_id__in=ids)
        .select_related("beoordelaar")
        .annotate(totaal=Sum("scores__score"))
    }

    rijen = []
    for regio in regios:
        k = cijfers[regio.pk]
        rijen.append(
            Overzichtsrij(
                regio=regio,
                provincies=", ".join(p.naam for p in regio.provincies.all()),
                vestigingen=k.vestigingen,
                leerlingen=k.leerlingen,
                maximale_subsidie=k.maximale_subsidie,
                cofinanciering=k.cofinanciering,
                besluit=besluiten.get(regio.pk),
                beoordelaar=str(b.beoordelaar) if (b := beoordelingen.get(regio.pk)) else "",
                score=b.totaal if b and b.beoordeeld_op else None,
            )
        )
    return rijen


# --- the reviewers' queue ---------------------------------------------------------------


def beoordelingswachtrij(*, tijdvak):
    """The submitted dossiers of ``tijdvak`` (every region that has a submission and is not
    back in concept), with their latest submission, reviewer, open questions and decision
    on the rows, in a fixed number of queries; oldest submission first. The queue's filters
    and sort keys are ``subsidie.filters.WachtrijFilter``."""
    laatste = Indiening.objects.filter(regio=OuterRef("pk")).order_by("-versie")
    regios = (
        Regio.objects.filter(tijdvak=tijdvak)
        .exclude(status=Regiostatus.CONCEPT)
        .filter(Exists(Indiening.objects.filter(regio=OuterRef("pk"))))
        .annotate(
            laatste_versie=Subquery(laatste.values("versie")[:1]),
            laatst_ingediend_op=Subquery(laatste.values("ingediend_op")[:1]),
            laatste_maximale_subsidie=Subquery(laatste.values("maximale_subsidie")[:1]),
            heeft_open_vragen=Exists(
                Aanvullingsverzoek.objects.filter(regio=OuterRef("pk"), beantwoord_op__isnull=True)
            ),
        )
        .select_related("beoordeling__beoordelaar")
        .prefetch_related(
            "provincies",
            Prefetch("besluiten", queryset=Besluit.objects.geldend(), to_attr="geldende_besluiten"),
        )
    )
    return regios.order_by("laatst_ingediend_op", "naam")


# --- what a partner's contact person maintains on "Mijn organisatie" ----------------------


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
