"""Reads for the public network map: the regions of a period with their participating
school branches and partner organisations, as plain data for the page's list and as
GeoJSON (RFC 7946) for the map.

Everything is read in a fixed number of queries (regions, participations, positions of
partners without their own), so the
national map of 56 regions and some 8,000 branches costs what a map of one region costs.
Only public data leaves this module: names, places, kinds, register codes and pupil counts.
No contact persons, e-mail addresses or telephone numbers.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Q, QuerySet

from partners.models import Organisatiesoort, Schoolsoort

from .models import LOPENDE_DEELNAME, Deelname, Regio, Regiostatus, Tijdvak

VESTIGING = "vestiging"
ORGANISATIE = "organisatie"

# A partner without coordinates is placed where the region's branches in its municipality
# are on average; the map says the position is approximate.
LOCATIE_EIGEN = "eigen"
LOCATIE_GEMEENTE = "gemeente"

# A rejected application is not a network; every other region of the period is shown.
ZICHTBARE_REGIOS = ~Q(status=Regiostatus.AFGEWEZEN)


def standaard_tijdvak(tijdvakken: list[Tijdvak]) -> Tijdvak | None:
    """The period whose applications are open, else the latest."""
    open_ = [t for t in tijdvakken if t.aanvragen_open]
    kandidaten = open_ or tijdvakken
    return max(kandidaten, key=lambda t: t.startdatum) if kandidaten else None


def regiokleur(volgnummer: int) -> str:
    """A distinct colour per region, stable for a period (the regions' order by name).

    Hues step by the golden angle so neighbours in the list differ clearly; lightness and
    saturation stay where every colour has at least 3:1 contrast against white and the
    map's light background (WCAG 1.4.11)."""
    tint = (volgnummer * 0.381966) % 1.0
    helderheid = (0.36, 0.28, 0.44)[volgnummer % 3]
    r, g, b = colorsys.hls_to_rgb(tint, helderheid, 0.85)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


@dataclass
class Deelnemer:
    """A branch or a partner on the map and in the list."""

    deelnemer: str  # VESTIGING or ORGANISATIE
    naam: str
    soort: str  # the school type (Schoolsoort) or the organisation kind (Organisatiesoort)
    soort_naam: str
    plaats: str
    breedtegraad: float | None
    lengtegraad: float | None
    locatie: str = LOCATIE_EIGEN
    vestigingscode: str = ""
    leerlingen: int | None = None

    @property
    def op_kaart(self) -> bool:
        return self.breedtegraad is not None and self.lengtegraad is not None

    @property
    def locatie_benaderd(self) -> bool:
        return self.locatie == LOCATIE_GEMEENTE


@dataclass
class Kaartregio:
    id: int
    naam: str
    slug: str
    kleur: str
    vestigingen: list[Deelnemer] = field(default_factory=list)
    partners: list[Deelnemer] = field(default_factory=list)

    @property
    def leerlingen(self) -> int:
        return sum(v.leerlingen or 0 for v in self.vestigingen)

    @property
    def zonder_locatie(self) -> int:
        return sum(1 for d in self.vestigingen + self.partners if not d.op_kaart)

    @property
    def deelnemers(self) -> list[Deelnemer]:
        return self.vestigingen + self.partners


@dataclass
class Netwerk:
    """The map's data for one period and filter."""

    tijdvak: Tijdvak | None
    alle_regios: list[Kaartregio]  # every region of the period, for the filter's choices
    regios: list[Kaartregio]  # the regions shown, with their participants

    @property
    def aantal_vestigingen(self) -> int:
        return sum(len(r.vestigingen) for r in self.regios)

    @property
    def aantal_partners(self) -> int:
        return sum(len(r.partners) for r in self.regios)

    @property
    def aantal_zonder_locatie(self) -> int:
        return sum(r.zonder_locatie for r in self.regios)

    @property
    def aantal_op_kaart(self) -> int:
        return sum(1 for r in self.regios for d in r.deelnemers if d.op_kaart)


def _getal(waarde: Decimal | float | None) -> float | None:
    return None if waarde is None else round(float(waarde), 6)


def regios_van(tijdvak: Tijdvak | None) -> list[Kaartregio]:
    """Every shown region of the period, by name, each with its colour (one query)."""
    if tijdvak is None:
        return []
    return [
        Kaartregio(id=rij["id"], naam=rij["naam"], slug=rij["slug"], kleur=regiokleur(volgnummer))
        for volgnummer, rij in enumerate(
            Regio.objects.filter(ZICHTBARE_REGIOS, tijdvak=tijdvak)
            .order_by("naam", "id")
            .values("id", "naam", "slug")
        )
    ]


def lees_netwerk(
    *,
    tijdvak: Tijdvak | None,
    alle: list[Kaartregio],
    deelnames: QuerySet[Deelname] | None = None,
    regio: str = "",
    versmald: bool = False,
) -> Netwerk:
    """The running participations of the regions in ``alle`` (from ``regios_van``), in two
    queries however many there are.

    ``deelnames`` are the participations the filters leave (``regios.filters.NetwerkFilter``
    applied to all of them); ``regio`` is the chosen region's slug; ``versmald`` says the
    filters chose a kind of participant, so regions without any are left out."""
    getoond = [r for r in alle if not regio or r.slug == regio]
    per_id = {r.id: r for r in getoond}
    if not getoond:
        return Netwerk(tijdvak=tijdvak, alle_regios=alle, regios=[])

    deelnames = (Deelname.objects.all() if deelnames is None else deelnames).filter(
        LOPENDE_DEELNAME, regio_id__in=list(per_id)
    )

    # Where a partner without coordinates is placed: the average position of the same
    # region's running branches in the partner's municipality. One grouped query over only
    # the municipalities of such partners, whatever the filter shows (a correlated
    # subquery per row was slower and left the plan to PostgreSQL's guesses).
    zonder_eigen_locatie = Deelname.objects.filter(
        LOPENDE_DEELNAME, regio_id__in=list(per_id), organisatie__gemeente__isnull=False
    ).filter(Q(organisatie__breedtegraad__isnull=True) | Q(organisatie__lengtegraad__isnull=True))
    middens = {
        (rij["regio_id"], rij["vestiging__gemeente_id"]): (rij["breedte"], rij["lengte"])
        for rij in Deelname.objects.filter(
            LOPENDE_DEELNAME,
            regio_id__in=list(per_id),
            vestiging__breedtegraad__isnull=False,
            vestiging__lengtegraad__isnull=False,
            vestiging__gemeente_id__in=zonder_eigen_locatie.values("organisatie__gemeente_id"),
        )
        .values("regio_id", "vestiging__gemeente_id")
        .annotate(breedte=Avg("vestiging__breedtegraad"), lengte=Avg("vestiging__lengtegraad"))
        .order_by()
    }

    rijen = deelnames.order_by("regio__naam", "vestiging__naam", "organisatie__naam", "id").values(
        "regio_id",
        "vestiging_id",
        "vestiging__naam",
        "vestiging__vestigingscode",
        "vestiging__schoolsoort",
        "vestiging__plaats",
        "vestiging__breedtegraad",
        "vestiging__lengtegraad",
        "vestiging__leerlingen",
        "organisatie__naam",
        "organisatie__soort",
        "organisatie__plaats",
        "organisatie__gemeente_id",
        "organisatie__gemeente__naam",
        "organisatie__breedtegraad",
        "organisatie__lengtegraad",
    )

    # Labels translated once, not once per row.
    schoolsoorten = {code: str(label) for code, label in Schoolsoort.choices}
    organisatiesoorten = {code: str(label) for code, label in Organisatiesoort.choices}
    for rij in rijen:
        kaartregio = per_id[rij["regio_id"]]
        if rij["vestiging_id"] is not None:
            kaartregio.vestigingen.append(
                Deelnemer(
                    deelnemer=VESTIGING,
                    naam=rij["vestiging__naam"],
                    soort=rij["vestiging__schoolsoort"],
                    soort_naam=str(
                        schoolsoorten.get(
                            rij["vestiging__schoolsoort"], rij["vestiging__schoolsoort"]
                        )
                    ),
                    plaats=rij["vestiging__plaats"],
                    breedtegraad=_getal(rij["vestiging__breedtegraad"]),
                    lengtegraad=_getal(rij["vestiging__lengtegraad"]),
                    vestigingscode=rij["vestiging__vestigingscode"],
                    leerlingen=rij["vestiging__leerlingen"],
                )
            )
            continue
        breedte, lengte = rij["organisatie__breedtegraad"], rij["organisatie__lengtegraad"]
        locatie = LOCATIE_EIGEN
        if breedte is None or lengte is None:
            sleutel = (rij["regio_id"], rij["organisatie__gemeente_id"])
            breedte, lengte = middens.get(sleutel, (None, None))
            locatie = LOCATIE_GEMEENTE
        kaartregio.partners.append(
            Deelnemer(
                deelnemer=ORGANISATIE,
                naam=rij["organisatie__naam"],
                soort=rij["organisatie__soort"],
                soort_naam=organisatiesoorten.get(rij["organisatie__soort"], ""),
                plaats=rij["organisatie__plaats"] or rij["organisatie__gemeente__naam"] or "",
                breedtegraad=_getal(breedte),
                lengtegraad=_getal(lengte),
                locatie=locatie,
            )
        )
    if versmald:
        # Narrowed to a kind of participant: a region without any of them is left out.
        getoond = [r for r in getoond if r.deelnemers]
    return Netwerk(tijdvak=tijdvak, alle_regios=alle, regios=getoond)


def als_geojson(netwerk: Netwerk) -> dict:
    """A GeoJSON FeatureCollection (RFC 7946: positions as [longitude, latitude]) of every
    participant with a position. Participants without one are in the page's list only."""
    features = []
    for regio in netwerk.regios:
        for deelnemer in regio.deelnemers:
            if not deelnemer.op_kaart:
                continue
            eigenschappen = {
                "naam": deelnemer.naam,
                "deelnemer": deelnemer.deelnemer,
                "soort": deelnemer.soort,
                "soort_naam": deelnemer.soort_naam,
                "regio": regio.naam,
                "regio_slug": regio.slug,
                "kleur": regio.kleur,
                "plaats": deelnemer.plaats,
            }
            if deelnemer.deelnemer == VESTIGING:
                eigenschappen["vestigingscode"] = deelnemer.vestigingscode
                eigenschappen["leerlingen"] = deelnemer.leerlingen
            else:
                eigenschappen["locatie_benaderd"] = deelnemer.locatie_benaderd
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [deelnemer.lengtegraad, deelnemer.breedtegraad],
                    },
                    "properties": eigenschappen,
                }
            )
    return {"type": "FeatureCollection", "features": features}
