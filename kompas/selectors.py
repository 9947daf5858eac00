"""Reads of the kompas app that cross relations, each in a fixed number of queries: the
activity plan and how it covers the compass, the scan's rounds and answers.

Budget lines belong to subsidie, a layer above; they are reached through the activity's
relation (``Activiteit.begrotingsregels``, ``regio.begrotingsregels``), never imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Exists, Model, OuterRef, Prefetch
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ecosysteem.grafieken import staafdiagram
from ecosysteem.opmaak import schooljaar_label
from partners.models import Organisatie
from regios.models import LOPENDE_DEELNAME, Deelname, Regio
from regios.rules import regiorollen

from .models import (
    Activiteit,
    Doelgroep,
    Interventieniveau,
    Kompaspunt,
    Scaninzending,
    Scanronde,
    Scanscore,
)
from .scan import Antwoord

# --- the activity plan -----------------------------------------------------------------


def activiteiten_van(regio: Regio | int) -> list[Activiteit]:
    """The region's activities with their compass points, partners and budget lines: four
    queries, however many activities there are."""
    regio_id = regio.pk if isinstance(regio, Regio) else regio
    return list(
        Activiteit.objects.filter(regio_id=regio_id)
        .prefetch_related(
            Prefetch("kompaspunten", queryset=Kompaspunt.objects.order_by("volgorde", "naam")),
            Prefetch("partners", queryset=Organisatie.objects.order_by("naam")),
            Prefetch(
                "begrotingsregels",
                # Budget lines are subsidie's (a layer above): reached through the relation.
                queryset=Activiteit.begrotingsregels.rel.model.objects.order_by(
                    "schooljaar", "kostensoort", "id"
                ),
            ),
        )
        .order_by("titel")
    )


def doelgroeplabels(codes: Iterable[str]) -> list[str]:
    """Readable names of target group codes, in the order of :class:`Doelgroep`."""
    gekozen = set(codes)
    return [str(label) for code, label in Doelgroep.choices if code in gekozen]


def schooljaarlabels(jaren: Iterable[int]) -> list[str]:
    return [schooljaar_label(j) for j in sorted(jaren)]


@dataclass(frozen=True)
class Puntdekking:
    kompaspunt: Kompaspunt
    activiteiten: int
    leerlingen: int


@dataclass(frozen=True)
class Niveaudekking:
    code: str
    label: str
    activiteiten: int


@dataclass
class Kompasdekking:
    """How many activities the plan has per compass point and per intervention level.

    Pure arithmetic over loaded activities, so the activities page, the dossier overview
    and the PDF draw the same picture from the same numbers."""

    per_kompaspunt: list[Puntdekking]
    per_niveau: list[Niveaudekking]
    aantal_activiteiten: int

    @property
    def niet_gedekt(self) -> list[Kompaspunt]:
        return [p.kompaspunt for p in self.per_kompaspunt if not p.activiteiten]

    @cached_property
    def grafiek_kompaspunten(self) -> SafeString:
        return staafdiagram(
            _("Activiteiten per kompaspunt"),
            [(p.kompaspunt.naam, p.activiteiten) for p in self.per_kompaspunt],
            eenheid=(_("activiteit"), _("activiteiten")),
            ident="dekking-kompaspunten",
        )

    @cached_property
    def grafiek_niveaus(self) -> SafeString:
        return staafdiagram(
            _("Activiteiten per interventieniveau"),
            [(n.label, n.activiteiten) for n in self.per_niveau],
            eenheid=(_("activiteit"), _("activiteiten")),
            ident="dekking-niveaus",
        )


def kompasdekking(
    activiteiten: Sequence[Activiteit], kompaspunten: Iterable[Kompaspunt]
) -> Kompasdekking:
    """Coverage of ``kompaspunten`` (normally the published ones) by ``activiteiten``,
    whose compass points must be prefetched. A point that is no longer published but still
    used by an activity is shown too, so no activity drops out of the picture.

    Planned pupil reach is summed per point; a pupil reached by two activities counts
    twice, which the page says."""
    punten = {p.pk: p for p in kompaspunten}
    aantal: dict[int, int] = dict.fromkeys(punten, 0)
    leerlingen: dict[int, int] = dict.fromkeys(punten, 0)
    for activiteit in activiteiten:
        for punt in activiteit.kompaspunten.all():
            punten.setdefault(punt.pk, punt)
            aantal[punt.pk] = aantal.get(punt.pk, 0) + 1
            leerlingen[punt.pk] = leerlingen.get(punt.pk, 0) + activiteit.bereik_leerlingen
    volgorde = sorted(punten.values(), key=lambda p: (p.volgorde, p.naam))
    per_niveau = [
        Niveaudekking(
            code=code,
            label=str(label),
            activiteiten=sum(1 for a in activiteiten if a.interventieniveau == code),
        )
        for code, label in Interventieniveau.choices
    ]
    return Kompasdekking(
        per_kompaspunt=[Puntdekking(p, aantal[p.pk], leerlingen[p.pk]) for p in volgorde],
        per_niveau=per_niveau,
        aantal_activiteiten=len(activiteiten),
    )


@dataclass(frozen=True)
class Plankosten:
    """What the activities together are paid from. A budget line that two activities share
    counts once in ``totaal``; ``gedeeld`` maps such a line's id to the titles of the
    activities that share it."""

    totaal: Decimal
    aantal_regels: int
    gedeeld: dict[int, list[str]]


def plankosten(activiteiten: Iterable[Activiteit]) -> Plankosten:
    """The plan's total from prefetched budget lines: each line once, however many
    activities it pays for."""
    regels: dict[int, Model] = {}
    titels: dict[int, list[str]] = {}
    for activiteit in activiteiten:
        for regel in activiteit.begrotingsregels.all():
            regels[regel.pk] = regel
            titels.setdefault(regel.pk, []).append(activiteit.titel)
    return Plankosten(
        totaal=sum((r.bedrag for r in regels.values()), Decimal("0")),
        aantal_regels=len(regels),
        gedeeld={pk: namen for pk, namen in titels.items() if len(namen) > 1},
    )


def gepubliceerde_kompaspunten() -> list[Kompaspunt]:
    return list(Kompaspunt.objects.filter(gepubliceerd=True).order_by("volgorde", "naam"))


@dataclass
class Activiteitenplan:
    """What the activity pages of the dossier read: the region, its participating
    organisations (the partners an activity may name), its budget lines and activities."""

    regio: Regio
    organisatiedeelnames: list[Deelname]
    begrotingsregels: list[Model]
    # The school branches taking part now: an activity cannot reach more of them.
    aantal_vestigingen: int

    @cached_property
    def activiteiten(self) -> list[Activiteit]:
        return activiteiten_van(self.regio)


def laad_activiteitenplan(regio: Regio | int) -> Activiteitenplan:
    """The activity plan of a region: three queries, and four more for the activities."""
    regio_id = regio.pk if isinstance(regio, Regio) else regio
    regio = Regio.objects.select_related("tijdvak").get(pk=regio_id)
    return Activiteitenplan(
        regio=regio,
        organisatiedeelnames=sorted(
            Deelname.objects.filter(
                LOPENDE_DEELNAME, regio=regio, organisatie__isnull=False
            ).select_related("organisatie"),
            key=lambda d: (not d.is_penvoerder, d.organisatie.naam),
        ),
        begrotingsregels=list(regio.begrotingsregels.all()),
        aantal_vestigingen=deelnemende_vestigingen(regio),
    )


def deelnemende_vestigingen(regio: Regio) -> int:
    """How many school branches take part in the region now."""
    return regio.deelnames.filter(LOPENDE_DEELNAME, vestiging__isnull=False).count()


# --- the collaboration scan ------------------------------------------------------------


def rondes_met_aantallen(regio: Regio, *, voor=None) -> list[Scanronde]:
    """The region's rounds, oldest first, each with ``aantal_antwoorden`` and (given a
    user) ``al_ingevuld``: whether that user answered it. One query."""
    rondes = Scanronde.objects.filter(regio=regio).annotate(aantal_antwoorden=Count("inzendingen"))
    if voor is not None:
        rondes = rondes.annotate(
            al_ingevuld=Exists(
                Scaninzending.objects.filter(ronde=OuterRef("pk"), persoon__gebruiker=voor)
            )
        )
    return list(rondes.order_by("geopend_op", "pk"))


def antwoorden_per_ronde(regio: Regio) -> dict[int, list[Antwoord]]:
    """Every answer of the region's rounds as plain data, per round id. One query,
    whatever the number of rounds or respondents."""
    rijen = (
        Scanscore.objects.filter(inzending__ronde__regio=regio)
        .values_list(
            "inzending__ronde_id",
            "inzending_id",
            "inzending__organisatiesoort",
            "vraag",
            "score",
            "toelichting",
        )
        .order_by("inzending_id")
    )
    per_inzending: dict[int, tuple[int, str, dict[str, int], dict[str, str]]] = {}
    for ronde_id, inzending_id, soort, vraag, score, toelichting in rijen:
        _r, _s, scores, toelichtingen = per_inzending.setdefault(
            inzending_id, (ronde_id, soort, {}, {})
        )
        scores[vraag] = score
        if toelichting:
            toelichtingen[vraag] = toelichting
    per_ronde: dict[int, list[Antwoord]] = {}
    for ronde_id, soort, scores, toelichtingen in per_inzending.values():
        per_ronde.setdefault(ronde_id, []).append(
            Antwoord(organisatiesoort=soort, scores=scores, toelichtingen=toelichtingen)
        )
    return per_ronde


def open_rondes_voor(user) -> list[Scanronde]:
    """Open rounds in the regions where the user has a role, with ``al_ingevuld``. For
    the "Mijn regio" page; one query."""
    regio_ids = list(regiorollen(user).keys())
    if not regio_ids:
        return []
    return list(
        Scanronde.objects.filter(regio_id__in=regio_ids, gesloten_op__isnull=True)
        .select_related("regio")
        .annotate(
            al_ingevuld=Exists(
                Scaninzending.objects.filter(ronde=OuterRef("pk"), persoon__gebruiker=user)
            )
        )
        .order_by("regio__naam")
    )
