"""What a report of a dossier shows, and its HTML.

A report is built from plain data: the dossier as :meth:`subsidie.dossier.Dossier.als_json`
gives it for the live dossier, or the frozen ``Indiening.inhoud`` of a submitted version,
plus the timeline (and for the assessment report the scores). The SHA-256 of that data (and
of :data:`OPMAAKVERSIE`) is the report's content hash: the same data gives the same hash, so
a finished report of unchanged content is handed out again instead of rendered anew.

The HTML is self-contained (its stylesheet inline), ``lang="nl"`` with a ``<title>``, and is
turned into PDF/UA by :func:`ecosysteem.documenten.render_pdf`.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ecosysteem.documenten import render_pdf
from ecosysteem.grafieken import staafdiagram
from ecosysteem.models import Actie
from kompas.models import Interventieniveau
from kompas.selectors import gepubliceerde_kompaspunten
from regios.models import Regio

from .brieven import beschikking_html
from .dossier import laad_dossier
from .models import Beoordeling, Besluit, Indiening, Kostensoort, Rapportsoort

# Raise when a report template changes what it shows, so earlier reports are not handed out
# as if they were current.
OPMAAKVERSIE = 1

SJABLONEN = {
    Rapportsoort.DOSSIER: "subsidie/rapporten/dossier.html",
    Rapportsoort.BEGROTING: "subsidie/rapporten/begroting.html",
    Rapportsoort.BEOORDELING: "subsidie/rapporten/beoordeling.html",
}

# Reading a document is recorded in the audit trail but is not part of the dossier: a
# download must not change what the next report shows (nor its hash).
NIET_IN_TIJDLIJN = {Actie.DOCUMENT_GEDOWNLOAD}


@dataclass
class Rapportinhoud:
    soort: str
    regio: Regio
    indiening: Indiening | None
    gegevens: dict

    @cached_property
    def hash(self) -> str:
        tekst = json.dumps(
            {"soort": self.soort, "opmaak": OPMAAKVERSIE, "gegevens": self.gegevens},
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        return hashlib.sha256(tekst.encode("utf-8")).hexdigest()

    def html(self) -> str:
        return rapport_html(self)

    def maak(self) -> bytes:
        return render_pdf(self.html())


@dataclass
class Briefinhoud:
    """A decision letter as PDF: a sent letter exactly as it was sent (the stored HTML), a
    draft as it reads today (marked as draft)."""

    regio: Regio
    besluit: Besluit
    soort: str = Rapportsoort.BESCHIKKING

    @cached_property
    def tekst(self) -> str:
        if self.besluit.is_verstuurd:
            return self.besluit.brief_html
        return beschikking_html(self.besluit)

    @cached_property
    def hash(self) -> str:
        inhoud = f"{self.soort}:{OPMAAKVERSIE}:{self.besluit.kenmerk}:{self.tekst}"
        return hashlib.sha256(inhoud.encode("utf-8")).hexdigest()

    def html(self) -> str:
        return self.tekst

    def maak(self) -> bytes:
        return render_pdf(self.tekst)


def tijdlijn_als_json(regio: Regio, tot=None) -> list[dict]:
    """The region's audit trail, oldest first, up to ``tot`` (a submission's moment)."""
    gebeurtenissen = (
        regio.gebeurtenissen.exclude(actie__in=NIET_IN_TIJDLIJN)
        .select_related("door")
        .order_by("tijdstip", "id")
    )
    if tot is not None:
        gebeurtenissen = gebeurtenissen.filter(tijdstip__lte=tot)
    return [
        {
            "tijdstip": g.tijdstip.isoformat(),
            "actie": g.get_actie_display(),
            "omschrijving": g.omschrijving,
            "door": (g.door.get_full_name() or g.door.get_username()) if g.door else "",
            "reden": g.reden,
        }
        for g in gebeurtenissen
    ]


def _beoordeling_als_json(regio: Regio) -> dict:
    beoordeling = (
        Beoordeling.objects.filter(regio=regio)
        .select_related("beoordelaar", "indiening")
        .prefetch_related("scores__criterium")
        .first()
    )
    # The decision in force: a sent one, or the sent correction that replaced it; never a draft.
    besluit = Besluit.objects.filter(regio=regio).geldend().order_by("-verstuurd_op").first()
    if beoordeling is None:
        return {"beoordeling": None, "besluit": None}
    scores = sorted(beoordeling.scores.all(), key=lambda s: (s.criterium.volgorde, s.pk))
    return {
        "beoordeling": {
            "beoordelaar": beoordeling.beoordelaar.get_full_name()
            or beoordeling.beoordelaar.get_username()
            if beoordeling.beoordelaar
            else "",
            "versie": beoordeling.indiening.versie if beoordeling.indiening else None,
            "beoordeeld_op": beoordeling.beoordeeld_op.isoformat()
            if beoordeling.beoordeeld_op
            else "",
            "eindoordeel": beoordeling.eindoordeel,
            "scores": [
                {
                    "criterium": s.criterium.naam,
                    "score": s.score,
                    "maximaal": s.criterium.maximale_score,
                    "motivering": s.motivering,
                }
                for s in scores
            ],
            "totaal": sum(s.score for s in scores),
            "maximaal": sum(s.criterium.maximale_score for s in scores),
        },
        "besluit": {
            "uitkomst": besluit.uitslag,
            "bedrag": str(besluit.bedrag) if besluit.bedrag is not None else "",
            "motivering": besluit.motivering,
            "genomen_op": besluit.genomen_op.isoformat(),
        }
        if besluit
        else None,
    }


def rapportinhoud(regio: Regio, soort: str, indiening: Indiening | None = None) -> Rapportinhoud:
    """The data a report of ``soort`` shows: of the submitted ``indiening``, or (without
    one) of the live dossier."""
    if indiening is not None:
        dossier = indiening.inhoud
        kompaspunten = sorted(
            {p for a in dossier.get("activiteiten", []) for p in a["kompaspunten"]}
        )
        tijdlijn = tijdlijn_als_json(regio, tot=indiening.ingediend_op)
        kop = {
            "versie": indiening.versie,
            "ingediend_op": indiening.ingediend_op.isoformat(),
            "status": "",
        }
    else:
        dossier = laad_dossier(regio).als_json()
        kompaspunten = [p.naam for p in gepubliceerde_kompaspunten()]
        tijdlijn = tijdlijn_als_json(regio)
        kop = {"versie": None, "ingediend_op": "", "status": regio.get_status_display()}
    gegevens = {**kop, "dossier": dossier}
    if soort == Rapportsoort.DOSSIER:
        gegevens.update(kompaspunten=kompaspunten, tijdlijn=tijdlijn)
    elif soort == Rapportsoort.BEOORDELING:
        gegevens.update(_beoordeling_als_json(regio))
    return Rapportinhoud(soort=soort, regio=regio, indiening=indiening, gegevens=gegevens)


# --- from data to what the templates show -------------------------------------------------


def _som(waarden) -> Decimal:
    return sum((Decimal(w) for w in waarden), Decimal("0"))


def begrotingstabel(dossier: dict) -> dict:
    """The budget per school year and cost category, and co-financing per partner."""
    soorten = [str(label) for label in Kostensoort.labels]
    per_jaar: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for regel in dossier.get("begroting", []):
        per_jaar[regel["schooljaar"]][regel["kostensoort"]] += Decimal(regel["bedrag"])
    rijen = [
        {
            "schooljaar": jaar,
            "bedragen": [per_jaar[jaar][s] for s in soorten],
            "totaal": _som(per_jaar[jaar].values()),
        }
        for jaar in sorted(per_jaar)
    ]
    per_soort = [_som(r["bedragen"][i] for r in rijen) for i in range(len(soorten))]
    partners: dict[str, dict] = {}
    for c in dossier.get("cofinanciering", []):
        rij = partners.setdefault(c["partner"], {"partner": c["partner"], "regels": []})
        rij["regels"].append(c)
    for rij in partners.values():
        rij["totaal"] = _som(c["waarde"] for c in rij["regels"])
    return {
        "kostensoorten": soorten,
        "rijen": rijen,
        "per_soort": per_soort,
        "totaal": _som(per_soort),
        "cofinanciering": sorted(partners.values(), key=lambda r: r["partner"]),
        "cofinanciering_totaal": _som(c["waarde"] for c in dossier.get("cofinanciering", [])),
    }


def kompasgrafieken(gegevens: dict) -> dict:
    """The compass coverage of the activity plan, as charts (SVG) and their numbers."""
    activiteiten = gegevens["dossier"].get("activiteiten", [])
    per_punt = dict.fromkeys(gegevens.get("kompaspunten", []), 0)
    for activiteit in activiteiten:
        for punt in activiteit["kompaspunten"]:
            per_punt[punt] = per_punt.get(punt, 0) + 1
    per_niveau = [
        (str(label), sum(1 for a in activiteiten if a["interventieniveau"] == code))
        for code, label in Interventieniveau.choices
    ]
    return {
        "per_punt": list(per_punt.items()),
        "per_niveau": per_niveau,
        "grafiek_punten": staafdiagram(
            "Activiteiten per kompaspunt",
            list(per_punt.items()),
            eenheid=("activiteit", "activiteiten"),
            ident="pdf-kompaspunten",
        ),
        "grafiek_niveaus": staafdiagram(
            "Activiteiten per interventieniveau",
            per_niveau,
            eenheid=("activiteit", "activiteiten"),
            ident="pdf-niveaus",
        ),
    }


def _tijden(rijen: list[dict]) -> list[dict]:
    return [{**r, "tijdstip": parse_datetime(r["tijdstip"])} for r in rijen]


def rapport_html(inhoud: Rapportinhoud) -> str:
    """The report as a self-contained HTML document, ready for :func:`render_pdf`."""
    gegevens = inhoud.gegevens
    context = {
        "regio": inhoud.regio,
        "soort": inhoud.soort,
        "g": gegevens,
        "d": gegevens["dossier"],
        "ingediend_op": parse_datetime(gegevens["ingediend_op"])
        if gegevens["ingediend_op"]
        else None,
        "gemaakt_op": timezone.now(),
        "inhoud_hash": inhoud.hash,
    }
    if inhoud.soort == Rapportsoort.DOSSIER:
        context.update(kompas=kompasgrafieken(gegevens), tijdlijn=_tijden(gegevens["tijdlijn"]))
    if inhoud.soort in (Rapportsoort.DOSSIER, Rapportsoort.BEGROTING):
        context["begroting"] = begrotingstabel(gegevens["dossier"])
    return render_to_string(SJABLONEN[inhoud.soort], context)
