"""A region's dossier read in one go: participants, roles, pledges, budget plan, and what
the budget engine and the eligibility rules make of them.

The number of queries is fixed, whatever the size of the partnership: the dossier page of a
region with 25 branches costs as much as one with 250.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from ecosysteem.opmaak import schooljaar_label
from kompas.models import Activiteit
from kompas.selectors import (
    activiteiten_van,
    doelgroeplabels,
    rondes_met_aantallen,
    schooljaarlabels,
)
from partners.models import SCHOOLSOORTEN
from regios.models import LOPENDE_DEELNAME, Convenant, Deelname, Ondertekening, Regio, Rol, Rolsoort

from .berekening import (
    Subsidieberekening,
    VestigingInvoer,
    bereken_subsidie,
    vereiste_cofinanciering,
)
from .models import Begrotingsregel, Cofinanciering, Kostensoort, Regeling
from .toetsing import DossierFeiten, Penvoerder, Toetsresultaat, toets


@dataclass(frozen=True)
class Begrotingsdekking:
    """What the budget plan may cost and what it costs: the one computation behind the
    budget page and the overview's budget card, so the two cannot disagree."""

    subsidie: Decimal
    cofinanciering: Decimal
    begroting: Decimal
    leeg: bool
    voldoet: bool  # the verdict of the eligibility rule ``begroting_gedekt``

    @property
    def beschikbaar(self) -> Decimal:
        """Subsidy plus pledged co-financing: what the plan may cost in all."""
        return self.subsidie + self.cofinanciering

    @property
    def ruimte(self) -> Decimal:
        """What is left after the plan; zero when the plan costs more."""
        return max(self.beschikbaar - self.begroting, Decimal("0"))

    @property
    def tekort(self) -> Decimal:
        """How much the plan exceeds what is available; zero when it fits."""
        return max(self.begroting - self.beschikbaar, Decimal("0"))


@dataclass
class Dossier:
    regio: Regio
    regeling: Regeling
    vestigingdeelnames: list[Deelname]
    organisatiedeelnames: list[Deelname]
    rollen: list[Rol]
    cofinancieringen: list[Cofinanciering]
    begrotingsregels: list[Begrotingsregel]

    @cached_property
    def berekening(self) -> Subsidieberekening:
        return bereken_subsidie(
            self.regeling.als_parameters(),
            [vestiging_invoer(d) for d in self.vestigingdeelnames],
        )

    @cached_property
    def uitkomst_per_code(self):
        return {u.invoer.vestigingscode: u for u in self.berekening.vestigingen}

    @cached_property
    def activiteiten(self) -> list[Activiteit]:
        """The activity plan, read when first asked for (four queries, however many
        activities), so the dossier pages that do not show it do not pay for it."""
        return activiteiten_van(self.regio)

    @property
    def penvoerder(self) -> Deelname | None:
        return next((d for d in self.organisatiedeelnames if d.is_penvoerder), None)

    @property
    def cofinanciering_totaal(self) -> Decimal:
        return sum((c.waarde for c in self.cofinancieringen), Decimal("0"))

    @property
    def begroting_totaal(self) -> Decimal:
        return sum((r.bedrag for r in self.begrotingsregels), Decimal("0"))

    @property
    def vereiste_cofinanciering(self) -> Decimal:
        return vereiste_cofinanciering(
            self.regeling.als_parameters(),
            subsidie=self.berekening.totaal,
            begroting=self.begroting_totaal,
        )

    @cached_property
    def begrotingsdekking(self) -> Begrotingsdekking:
        return Begrotingsdekking(
            subsidie=self.berekening.totaal,
            cofinanciering=self.cofinanciering_totaal,
            begroting=self.begroting_totaal,
            leeg=not self.begrotingsregels,
            voldoet=next(r for r in self.toetsing if r.code == "begroting_gedekt").geslaagd,
        )

    @property
    def programmamanagers(self) -> list[Rol]:
        return [r for r in self.rollen if r.soort == Rolsoort.PROGRAMMAMANAGER]

    @cached_property
    def feiten(self) -> DossierFeiten:
        penvoerders = tuple(
            Penvoerder(naam=d.organisatie.naam, is_onderwijs=d.organisatie.soort in SCHOOLSOORTEN)
            for d in self.organisatiedeelnames
            if d.is_penvoerder
        )
        return DossierFeiten(
            berekening=self.berekening,
            penvoerders=penvoerders,
            buitenschoolse_partners=sum(
                1 for d in self.organisatiedeelnames if d.organisatie.soort not in SCHOOLSOORTEN
            ),
            cofinanciering=self.cofinanciering_totaal,
            sto_relatie=self.regio.sto_relatie,
            sto_regio_naam=self.regio.sto_regio_naam,
            sto_toelichting=self.regio.sto_toelichting,
            programmamanagers=len(self.programmamanagers),
            begroting=self.begroting_totaal,
        )

    @cached_property
    def toetsing(self) -> list[Toetsresultaat]:
        return toets(self.feiten)

    @property
    def compleet(self) -> bool:
        return all(r.geslaagd for r in self.toetsing)

    @property
    def open_punten(self) -> list[Toetsresultaat]:
        return [r for r in self.toetsing if not r.geslaagd]

    def begroting_per_jaar(self) -> list[dict]:
        """Budget plan as a table: per school year the amount per cost category."""
        tabel: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for regel in self.begrotingsregels:
            tabel[regel.schooljaar][regel.kostensoort] += regel.bedrag
        rijen = []
        for jaar in range(
            self.regio.tijdvak.eerste_schooljaar,
            self.regio.tijdvak.eerste_schooljaar + self.regio.tijdvak.aantal_schooljaren,
        ):
            bedragen = [tabel[jaar][soort] for soort in Kostensoort.values]
            rijen.append(
                {
                    "schooljaar": jaar,
                    "label": schooljaar_label(jaar),
                    "bedragen": bedragen,
                    "totaal": sum(bedragen, Decimal("0")),
                }
            )
        return rijen

    def convenanten_als_json(self, vandaag: datetime.date | None = None) -> list[dict]:
        """The region's agreements as the programme manager's page lists them, newest
        first: dates, state on ``vandaag``, who signed for which partner, which current
        partners have not signed, and the document's name and SHA-256, so the ministry can
        tell which file was meant. Read when asked for (two queries), at submission."""
        vandaag = vandaag or timezone.localdate()
        convenanten = Convenant.objects.filter(regio=self.regio).prefetch_related(
            Prefetch(
                "ondertekeningen",
                queryset=Ondertekening.objects.select_related("organisatie").order_by(
                    "datum", "organisatie__naam"
                ),
            )
        )
        partners = [d.organisatie for d in self.organisatiedeelnames]
        uitkomst = []
        for convenant in convenanten:
            status = convenant.status_op(vandaag)
            ondertekeningen = list(convenant.ondertekeningen.all())
            getekend = {o.organisatie_id for o in ondertekeningen}
            uitkomst.append(
                {
                    "titel": convenant.titel,
                    "ingangsdatum": convenant.ingangsdatum.isoformat(),
                    "einddatum": convenant.einddatum.isoformat(),
                    "status": status.value,
                    # Frozen with the submission, so the ministry's page needs no vocabulary.
                    "status_label": str(status.label),
                    "document": _document_als_json(convenant),
                    "ondertekeningen": [
                        {
                            "partner": o.organisatie.naam,
                            "ondertekenaar": o.ondertekenaar,
                            "functie": o.functie,
                            "datum": o.datum.isoformat(),
                        }
                        for o in ondertekeningen
                    ],
                    # An expired agreement is not signed any more; nobody is missing.
                    "niet_ondertekend": []
                    if status == "verlopen"
                    else [p.naam for p in partners if p.pk not in getekend],
                }
            )
        return uitkomst

    def scan_als_json(self) -> dict:
        """The state of the collaboration scan: per round its name, whether it is open and
        how many answered. Never the answers, nor who gave them: the scan is anonymous."""
        return {
            "rondes": [
                {"naam": r.naam, "open": r.is_open, "respondenten": r.aantal_antwoorden}
                for r in rondes_met_aantallen(self.regio)
            ]
        }

    def als_json(self) -> dict:
        """The dossier as plain data, frozen into a submission: everything the programme
        manager sees of it, so the ministry reads the same."""
        b = self.berekening
        return {
            "regio": {
                "naam": self.regio.naam,
                "slug": self.regio.slug,
                "tijdvak": self.regio.tijdvak.naam,
                "sto_relatie": self.regio.get_sto_relatie_display()
                if self.regio.sto_relatie
                else "",
                "sto_regio_naam": self.regio.sto_regio_naam,
                "sto_toelichting": self.regio.sto_toelichting,
                "visie": self.regio.visie,
                "provincies": sorted(p.naam for p in self.regio.provincies.all()),
                "gemeenten": sorted(g.naam for g in self.regio.gemeenten.all()),
            },
            "convenanten": self.convenanten_als_json(),
            "scan": self.scan_als_json(),
            "regeling": {
                "bedrag_per_vestiging": str(self.regeling.bedrag_per_vestiging),
                "bedrag_per_leerling": str(self.regeling.bedrag_per_leerling),
                "minimum_po_vestigingen": self.regeling.minimum_po_vestigingen,
                "minimum_vo_vestigingen": self.regeling.minimum_vo_vestigingen,
                "cofinanciering_percentage": str(self.regeling.cofinanciering_percentage),
                "cofinanciering_grondslag": self.regeling.cofinanciering_grondslag,
            },
            "vestigingen": [
                {
                    "vestigingscode": u.invoer.vestigingscode,
                    "naam": u.invoer.naam,
                    "onderwijstype": u.invoer.onderwijstype,
                    "schoolsoort": u.invoer.schoolsoort,
                    "telt_mee": u.telt_mee,
                    "reden": u.reden,
                    "leerlingen_register": u.invoer.leerlingen_register,
                    "leerlingen": u.leerlingen,
                    "leerlingen_bron": u.leerlingen_bron,
                    "leerlingen_uitleg": u.leerlingen_uitleg,
                    "bedrag": str(u.bedrag),
                }
                for u in b.vestigingen
            ],
            "per_soort": [
                {
                    "schoolsoort": r.schoolsoort,
                    "vestigingen": r.vestigingen,
                    "leerlingen": r.leerlingen,
                    "bedrag": str(r.bedrag),
                }
                for r in b.per_soort
            ],
            "partners": [
                {
                    "naam": d.organisatie.naam,
                    "soort": d.organisatie.get_soort_display(),
                    "kvk_nummer": d.organisatie.kvk_nummer,
                    "penvoerder": d.is_penvoerder,
                }
                for d in self.organisatiedeelnames
            ],
            "rollen": [
                {
                    "persoon": r.persoon.volledige_naam,
                    "rol": r.get_soort_display(),
                    "orgaan": r.orgaan.naam if r.orgaan else "",
                }
                for r in self.rollen
            ],
            "cofinanciering": [
                {
                    "partner": c.organisatie.naam,
                    "schooljaar": c.schooljaar_label,
                    "soort": c.get_soort_display(),
                    "omschrijving": c.omschrijving,
                    "waarde": str(c.waarde),
                }
                for c in self.cofinancieringen
            ],
            "begroting": [
                {
                    "schooljaar": r.schooljaar_label,
                    "kostensoort": r.get_kostensoort_display(),
                    "omschrijving": r.omschrijving,
                    "bedrag": str(r.bedrag),
                }
                for r in self.begrotingsregels
            ],
            "activiteiten": [
                {
                    "titel": a.titel,
                    "beschrijving": a.beschrijving,
                    "kompaspunten": [p.naam for p in a.kompaspunten.all()],
                    "interventieniveau": a.interventieniveau,
                    "interventieniveau_label": a.get_interventieniveau_display(),
                    "doelgroepen": doelgroeplabels(a.doelgroepen),
                    "partners": [o.naam for o in a.partners.all()],
                    "schooljaren": schooljaarlabels(a.schooljaren),
                    "bereik_leerlingen": a.bereik_leerlingen,
                    "bereik_vestigingen": a.bereik_vestigingen,
                    "begrotingsregels": [
                        {
                            "schooljaar": r.schooljaar_label,
                            "kostensoort": r.get_kostensoort_display(),
                            "omschrijving": r.omschrijving,
                            "bedrag": str(r.bedrag),
                        }
                        for r in a.begrotingsregels.all()
                    ],
                }
                for a in self.activiteiten
            ],
            "totalen": {
                "maximale_subsidie": str(b.totaal),
                "vestigingen": b.aantal_po + b.aantal_vo,
                "leerlingen": b.aantal_leerlingen,
                "cofinanciering": str(self.cofinanciering_totaal),
                "vereiste_cofinanciering": str(self.vereiste_cofinanciering),
                "begroting": str(self.begroting_totaal),
            },
            "toetsing": [
                {"code": r.code, "titel": r.titel, "geslaagd": r.geslaagd, "bericht": r.bericht}
                for r in self.toetsing
            ],
        }


def _document_als_json(convenant: Convenant) -> dict | None:
    """Name, size and SHA-256 of the agreement's document; ``None`` without one. The name is
    the one the download gives it (the stored name is random, see
    ``regios.services.convenant``). A file missing from storage is recorded as such rather
    than failing the submission."""
    if not convenant.document:
        return None
    naam = f"{slugify(convenant.titel) or 'convenant'}.pdf"
    try:
        with convenant.document.open("rb") as bestand:
            controle = hashlib.sha256()
            grootte = 0
            for blok in bestand.chunks():
                controle.update(blok)
                grootte += len(blok)
    except FileNotFoundError:
        return {"naam": naam, "sha256": "", "grootte": 0, "ontbreekt": True}
    return {"naam": naam, "sha256": controle.hexdigest(), "grootte": grootte}


def vestiging_invoer(deelname: Deelname) -> VestigingInvoer:
    v = deelname.vestiging
    return VestigingInvoer(
        vestigingscode=v.vestigingscode,
        naam=v.naam,
        schoolsoort=v.schoolsoort,
        sector=v.sector,
        onderwijstype=v.onderwijstype,
        leerlingen_register=v.leerlingen,
        opgegeven_leerlingen=deelname.opgegeven_leerlingen,
        toelichting=deelname.leerlingen_toelichting,
        besluit=v.telt_mee_besluit,
        besluit_reden=v.telt_mee_reden,
    )


def laad_dossier(regio: Regio | int) -> Dossier:
    """Read a region's whole dossier in a fixed number of queries."""
    regio_id = regio.pk if isinstance(regio, Regio) else regio
    regio = Regio.objects.select_related("tijdvak__regeling").get(pk=regio_id)
    deelnames = list(
        Deelname.objects.filter(LOPENDE_DEELNAME, regio=regio)
        .select_related("vestiging__gemeente", "organisatie")
        .order_by("id")
    )
    rollen = list(
        Rol.objects.filter(regio=regio)
        .select_related("persoon__organisatie", "orgaan", "namens")
        .order_by("soort", "persoon__achternaam", "persoon__voornaam")
    )
    cofinancieringen = list(
        Cofinanciering.objects.filter(regio=regio).select_related("organisatie")
    )
    begrotingsregels = list(Begrotingsregel.objects.filter(regio=regio))
    return Dossier(
        regio=regio,
        regeling=regio.tijdvak.regeling,
        vestigingdeelnames=sorted(
            (d for d in deelnames if d.vestiging_id), key=lambda d: d.vestiging.naam
        ),
        organisatiedeelnames=sorted(
            (d for d in deelnames if d.organisatie_id),
            key=lambda d: (not d.is_penvoerder, d.organisatie.naam),
        ),
        rollen=rollen,
        cofinancieringen=cofinancieringen,
        begrotingsregels=begrotingsregels,
    )
