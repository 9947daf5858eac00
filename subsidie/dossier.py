"""A region's dossier read in one go: participants, roles, pledges, budget plan, and what
the budget engine and the eligibility rules make of them.

The number of queries is fixed, whatever the size of the partnership: the dossier page of a
region with 25 branches costs as much as one with 250.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from ecosysteem.opmaak import schooljaar_label
from kompas.models import Activiteit
from kompas.selectors import activiteiten_van, doelgroeplabels, schooljaarlabels
from partners.models import SCHOOLSOORTEN
from regios.models import LOPENDE_DEELNAME, Deelname, Regio, Rol, Rolsoort

from .berekening import (
    Subsidieberekening,
    VestigingInvoer,
    bereken_subsidie,
    vereiste_cofinanciering,
)
from .models import Begrotingsregel, Cofinanciering, Kostensoort, Regeling
from .toetsing import DossierFeiten, Penvoerder, Toetsresultaat, toets


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

    @property
    def dekking(self) -> Decimal:
        return self.berekening.totaal + self.cofinanciering_totaal

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

    def als_json(self) -> dict:
        """The dossier as plain data, frozen into a submission."""
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
            },
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
