"""Loading a register file into Vestiging and Gemeente, all or nothing.

The order of work matters: every row is read and checked before anything is written, so a
bad file fails with the complete list of its problems; the writes then happen in one
transaction with a handful of bulk queries, so the whole register loads in seconds and a
failure half-way leaves the database as it was.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast

from ..models import Gemeente, Provincie, Registerimport, Schoolsoort, Vestiging
from ..onderwijstypen import Classificatie, classificeer
from . import normaliseren as n
from .bestand import FORMAAT_GEOJSON, Registerbestand, lees_bestand
from .typen import REGISTERVELDEN, Registerfout, Rij, Rijfout

# The GeoJSON shipped in partners/data: edugis compiled it from DUO's files of 22 November
# 2024 (scholen20241122.geo.zip). Recognised by the hash of its decompressed content, so the
# plain and the gzip copy both get their real date without --peildatum.
MEEGELEVERD_REGISTER_SHA256 = "9b93d643c6dfa1a8e94994ed21b8bca5acf6ecd93aeebcc0814983e96c006456"
MEEGELEVERD_REGISTER_PEILDATUM = datetime.date(2024, 11, 22)

# Batch sizes: large enough to keep the number of round trips small, small enough that
# PostgreSQL's CASE WHEN in bulk_update (linear in the batch per row) stays cheap.
BATCH_NIEUW = 1000
BATCH_WIJZIG = 250
BATCH_IDS = 500

# A register that lacks more than this share of the known branches (of the kinds of school
# it covers) is probably not the whole register: a regional extract, a test file, the wrong
# DUO file. Between two real registers a few percent of branches close. Small databases
# (fewer than VERDWENEN_MINIMUM branches gone) are not held to it.
MAX_VERDWENEN_FRACTIE = 0.10
VERDWENEN_MINIMUM = 50

# How many examples each part of the report shows.
VOORBEELDEN = 5

KLASSIFICATIEVELDEN = ("schoolsoort", "sector", "telt_mee", "telt_mee_reden", "gemengde_leerwegen")


@dataclass
class Importresultaat:
    """What one import did; ``rapport`` is the Dutch text also stored in Registerimport."""

    bron: str
    formaat: str
    sha256: str
    peildatum: datetime.date
    rijen: int = 0
    vestigingen: int = 0
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    alleen_peildatum: int = 0
    verdwenen: int = 0
    terug: int = 0
    dubbele_codes: int = 0
    overgeslagen_rijen: int = 0
    zonder_leerlingen: int = 0  # branches (after removing duplicates) without a count
    zonder_leerlingen_rijen: int = 0  # rows of the file without a count
    onbekende_typen: dict[str, int] = field(default_factory=dict)
    gemeenten_nieuw: int = 0
    gemeenten_gewijzigd: int = 0
    proef: bool = False
    rapport: str = ""
    registerimport: Registerimport | None = None

    @property
    def niets_gewijzigd(self) -> bool:
        return not (
            self.nieuw
            or self.gewijzigd
            or self.alleen_peildatum
            or self.verdwenen
            or self.gemeenten_nieuw
            or self.gemeenten_gewijzigd
        )


class _Proefrun(Exception):
    """Raised at the end of a dry run to roll the transaction back."""

    def __init__(self, resultaat: Importresultaat) -> None:
        self.resultaat = resultaat


def importeer_register(
    *,
    pad: str | Path | None = None,
    bestand: Registerbestand | None = None,
    peildatum: datetime.date | None = None,
    door=None,
    proef: bool = False,
    accepteer_verdwenen: bool = False,
) -> Importresultaat:
    """Load a register file (GeoJSON or DUO CSV, plain, gzip or zip) into the database.

    ``pad`` defaults to settings.SCHOLENREGISTER_STANDAARD; pass ``bestand`` instead for
    bytes already read (see ``bestand.lees_bytes``). ``proef`` does all the work and reports,
    then rolls back. ``accepteer_verdwenen`` lets a file retire more than
    MAX_VERDWENEN_FRACTIE of the known branches. Raises Registerfout, with every problem
    found, when the file cannot be loaded; the database is then unchanged.
    """
    # Reasons and the report are stored and read by everyone: write them in the site's
    # language, whoever starts the import. It also keeps telt_mee_reden stable between runs,
    # which the idempotence of the import depends on.
    with translation.override(settings.LANGUAGE_CODE):
        if bestand is None:
            bestand = lees_bestand(pad or settings.SCHOLENREGISTER_STANDAARD)
        peildatum, peildatum_herkomst = bepaal_peildatum(bestand, peildatum)
        lezer = bestand.lezer()
        rijen: list[Rij] = []
        fouten: list[Rijfout] = []
        for item in lezer.rijen():
            (rijen if isinstance(item, Rij) else fouten).append(item)
        try:
            with transaction.atomic():
                verwerking = _Verwerking(
                    bestand=bestand,
                    lezer=lezer,
                    rijen=rijen,
                    fouten=fouten,
                    peildatum=peildatum,
                    peildatum_herkomst=peildatum_herkomst,
                    door=door,
                    proef=proef,
                    accepteer_verdwenen=accepteer_verdwenen,
                )
                resultaat = verwerking.voer_uit()
                if proef:
                    raise _Proefrun(resultaat)
        except _Proefrun as proefrun:
            return proefrun.resultaat
        return resultaat


def datum_uit_naam(bron: str) -> datetime.date | None:
    """A date written in the file name, as edugis does (scholen20241122.geo.zip)."""
    for gevonden in re.finditer(r"(?<!\d)(20\d\d)-?(\d\d)-?(\d\d)(?!\d)", Path(bron).name):
        try:
            return datetime.date(*(int(d) for d in gevonden.groups()))
        except ValueError:
            continue
    return None


def bepaal_peildatum(
    bestand: Registerbestand, opgegeven: datetime.date | None
) -> tuple[datetime.date, str]:
    """The date of the register and, for the report, where that date comes from."""
    if opgegeven:
        return opgegeven, _("opgegeven")
    if bestand.inhoud_sha256 == MEEGELEVERD_REGISTER_SHA256:
        return MEEGELEVERD_REGISTER_PEILDATUM, _(
            "datum waarop het meegeleverde register is samengesteld"
        )
    uit_naam = datum_uit_naam(bestand.bron)
    if uit_naam:
        return uit_naam, _("uit de bestandsnaam")
    if bestand.formaat == FORMAAT_GEOJSON:
        return MEEGELEVERD_REGISTER_PEILDATUM, _(
            "standaard voor GeoJSON, want het bestand noemt geen datum; dit is niet het "
            "meegeleverde register, dus geef --peildatum op als het van een andere datum is"
        )
    raise Registerfout(
        _(
            "Geef de datum van het register op met --peildatum JJJJ-MM-DD: een CSV-bestand "
            "van DUO vermeldt die niet. Er is niets gewijzigd."
        )
    )


def _klassificatiewaarden(klasse: Classificatie) -> dict[str, Any]:
    return {
        "schoolsoort": klasse.schoolsoort,
        "sector": klasse.sector,
        "telt_mee": klasse.telt_mee,
        "telt_mee_reden": klasse.reden[: n.max_lengte("telt_mee_reden")],
        "gemengde_leerwegen": klasse.gemengd,
    }


def _meeste_eerst(teller: Counter[str]) -> list[tuple[str, int]]:
    # By count, then by name: ties in the same order on every run.
    return sorted(teller.items(), key=lambda item: (-item[1], item[0]))


def _kort(waarde: Any) -> str:
    if waarde is None or waarde == "":
        return _("(leeg)")
    tekst = str(waarde)
    return tekst if len(tekst) <= 40 else tekst[:37] + "..."


class _Verwerking:
    """One import inside its transaction. A class only to share the state between steps."""

    def __init__(
        self,
        *,
        bestand: Registerbestand,
        lezer,
        rijen: list[Rij],
        fouten: list[Rijfout],
        peildatum: datetime.date,
        peildatum_herkomst: str,
        door,
        proef: bool,
        accepteer_verdwenen: bool = False,
    ) -> None:
        self.bestand = bestand
        self.lezer = lezer
        self.rijen = rijen
        self.fouten = fouten
        self.peildatum = peildatum
        self.peildatum_herkomst = peildatum_herkomst
        self.door = door if door is not None and door.is_authenticated else None
        self.proef = proef
        self.accepteer_verdwenen = accepteer_verdwenen
        self.nu = timezone.now()
        self.waarschuwingen: list[str] = []
        self.resultaat = Importresultaat(
            bron=bestand.bron,
            formaat=bestand.formaat,
            sha256=bestand.sha256,
            peildatum=peildatum,
            rijen=len(rijen) + len(fouten),
            proef=proef,
        )

    # -- steps -------------------------------------------------------------------------

    def voer_uit(self) -> Importresultaat:
        provincies = self.controleer_provincies()
        if self.fouten:
            self.fouten.sort(key=lambda f: f.nummer)
            raise Registerfout(
                _(
                    "Het register %(bron)s is niet ingelezen: %(fout)d van de %(rijen)d rijen "
                    "bevatten fouten. Er is niets gewijzigd. Herstel het bestand en probeer het "
                    "opnieuw."
                )
                % {
                    "bron": self.bestand.bron,
                    "fout": len(self.fouten),
                    "rijen": self.resultaat.rijen,
                },
                self.fouten,
            )
        if not self.rijen:
            raise Registerfout(
                _("Het register %(bron)s bevat geen vestigingen. Er is niets gewijzigd.")
                % {"bron": self.bestand.bron}
            )
        uniek = self.ontdubbel()
        klassen = self.classificeer(uniek)
        gemeenten = self.gemeenten(uniek, provincies)
        self.vestigingen(uniek, klassen, gemeenten, provincies)
        self.resultaat.rapport = self.rapport()
        if not self.proef:
            self.leg_vast()
        return self.resultaat

    def controleer_provincies(self) -> dict[str, Provincie]:
        # Provinces are fixed data (a migration creates the twelve); a row naming another one
        # is an error, not a reason to invent a province.
        provincies = {p.naam.lower(): p for p in Provincie.objects.all()}
        for rij in self.rijen:
            if rij.provincie.lower() not in provincies:
                self.fouten.append(
                    Rijfout(
                        rij.nummer,
                        rij.plek,
                        rij.vestigingscode,
                        [_("onbekende provincie '%(provincie)s'") % {"provincie": rij.provincie}],
                    )
                )
        return provincies

    def ontdubbel(self) -> dict[str, Rij]:
        """Keep the first row of each branch code, in file order; remember the others."""
        uniek: dict[str, Rij] = {}
        self.dubbel: dict[str, list[Rij]] = {}
        for rij in self.rijen:
            if rij.vestigingscode in uniek:
                self.dubbel.setdefault(rij.vestigingscode, []).append(rij)
            else:
                uniek[rij.vestigingscode] = rij
        self.uniek = uniek
        self.resultaat.vestigingen = len(uniek)
        self.resultaat.dubbele_codes = len(self.dubbel)
        self.resultaat.overgeslagen_rijen = sum(len(r) for r in self.dubbel.values())
        return uniek

    def classificeer(self, uniek: dict[str, Rij]) -> dict[str, dict[str, Any]]:
        # Same type, same outcome: classify each distinct type once.
        per_type: dict[str, Classificatie] = {}
        klassen: dict[str, dict[str, Any]] = {}
        self.typen: Counter[str] = Counter()
        self.niet_tellend: Counter[str] = Counter()
        self.gemengd = 0
        onbekend: Counter[str] = Counter()
        for code, rij in uniek.items():
            type_tekst = rij.waarden.get("onderwijstype", "")
            if type_tekst not in per_type:
                per_type[type_tekst] = classificeer(type_tekst)
            klasse = per_type[type_tekst]
            klassen[code] = _klassificatiewaarden(klasse)
            self.typen[type_tekst] += 1
            if not klasse.bekend:
                onbekend[type_tekst or _("(leeg)")] += 1
            elif not klasse.telt_mee:
                self.niet_tellend[type_tekst] += 1
            self.gemengd += klasse.gemengd
        self.resultaat.onbekende_typen = dict(_meeste_eerst(onbekend))
        # The kinds of school this file covers, for in_reikwijdte. An unknown type says
        # nothing about which sector file a branch came from, so it never widens the scope.
        self.soorten = {k["schoolsoort"] for k in klassen.values()} - {Schoolsoort.ONBEKEND}
        return klassen

    def gemeenten(self, uniek: dict[str, Rij], provincies: dict[str, Provincie]) -> dict[str, int]:
        """Find or create every municipality of the file; returns register name -> id."""
        gevraagd: dict[str, Provincie] = {}
        tegenstrijdig: Counter[tuple[str, str, str]] = Counter()
        for rij in uniek.values():
            provincie = provincies[rij.provincie.lower()]
            eerder = gevraagd.setdefault(rij.gemeente, provincie)
            if eerder != provincie:
                tegenstrijdig[(rij.gemeente, eerder.naam, provincie.naam)] += 1
        for (gemeente, eerste, andere), aantal in sorted(tegenstrijdig.items()):
            self.waarschuwingen.append(
                _(
                    "Gemeente %(gemeente)s staat bij %(eerste)s en bij %(andere)s "
                    "(%(aantal)d rijen); %(eerste)s is aangehouden."
                )
                % {"gemeente": gemeente, "eerste": eerste, "andere": andere, "aantal": aantal}
            )
        bestaand = {g.naam_register: g for g in Gemeente.objects.all()}
        nieuw = [
            Gemeente(
                naam_register=naam,
                # "S X" becomes "'s-X": one character longer than the register name.
                naam=n.leesbare_naam(naam)[: Gemeente._meta.get_field("naam").max_length],
                provincie=provincie,
            )
            for naam, provincie in gevraagd.items()
            if naam not in bestaand
        ]
        # The readable name of an existing municipality is left alone: an administrator may
        # have corrected it. Its province follows the register.
        verhuisd = []
        self.gemeenten_verhuisd: list[str] = []
        for naam, provincie in gevraagd.items():
            gemeente = bestaand.get(naam)
            if gemeente is not None and gemeente.provincie_id != provincie.pk:
                oud = next(
                    (p.naam for p in provincies.values() if p.pk == gemeente.provincie_id), "?"
                )
                self.gemeenten_verhuisd.append(f"{gemeente.naam}: {oud} → {provincie.naam}")
                gemeente.provincie = provincie
                verhuisd.append(gemeente)
        if nieuw:
            Gemeente.objects.bulk_create(nieuw, batch_size=BATCH_NIEUW)
        if verhuisd:
            Gemeente.objects.bulk_update(verhuisd, ["provincie"], batch_size=BATCH_WIJZIG)
        self.resultaat.gemeenten_nieuw = len(nieuw)
        self.resultaat.gemeenten_gewijzigd = len(verhuisd)
        self.gemeenten_nieuw_namen = sorted(g.naam for g in nieuw)
        if any(g.pk is None for g in nieuw):
            # Backends without RETURNING give no ids from bulk_create: look them up.
            bestaand = {g.naam_register: g for g in Gemeente.objects.all()}
        else:
            bestaand.update({g.naam_register: g for g in nieuw})
        # For the report: old and new municipality of a changed branch by name, not by id.
        self.namen = {("gemeente_id", g.pk): g.naam for g in bestaand.values()}
        self.namen.update({("provincie_id", p.pk): p.naam for p in provincies.values()})
        return {naam: bestaand[naam].pk for naam in gevraagd}

    def vestigingen(
        self,
        uniek: dict[str, Rij],
        klassen: dict[str, dict[str, Any]],
        gemeenten: dict[str, int],
        provincies: dict[str, Provincie],
    ) -> None:
        # In a fixed order (velden is a set), so reports and UPDATE statements are stable.
        velden = [v for v in REGISTERVELDEN if v in self.lezer.velden]
        vergeleken = [*velden, *KLASSIFICATIEVELDEN, "gemeente_id", "provincie_id", "in_register"]
        # One query for everything already known.
        bestaand = {v.vestigingscode: v for v in Vestiging.objects.all()}

        nieuw: list[Vestiging] = []
        gewijzigd_per_velden: dict[tuple[str, ...], list[Vestiging]] = {}
        self.wijzigingen: list[str] = []
        self.gewijzigde_velden: Counter[str] = Counter()
        self.handmatig_behouden = 0
        alleen_peildatum: list[int] = []
        terug: list[Vestiging] = []
        ongewijzigd = 0
        for code, rij in uniek.items():
            waarden = {
                **rij.waarden,
                **klassen[code],
                "gemeente_id": gemeenten[rij.gemeente],
                "provincie_id": provincies[rij.provincie.lower()].pk,
                "in_register": True,
            }
            vestiging = bestaand.get(code)
            if vestiging is None:
                nieuw.append(Vestiging(vestigingscode=code, peildatum=self.peildatum, **waarden))
                continue
            if vestiging.telt_mee_besluit is not None:
                # An administrator decided by hand whether this branch counts: the
                # register's classification does not overrule that decision.
                waarden["telt_mee"] = vestiging.telt_mee
                waarden["telt_mee_reden"] = vestiging.telt_mee_reden
                self.handmatig_behouden += 1
            anders = [v for v in vergeleken if getattr(vestiging, v) != waarden[v]]
            if not anders:
                ongewijzigd += 1
                if vestiging.peildatum != self.peildatum:
                    alleen_peildatum.append(vestiging.pk)
                continue
            if "in_register" in anders:
                terug.append(vestiging)
            if len(self.wijzigingen) < VOORBEELDEN:
                self.wijzigingen.append(
                    f"{code} ({vestiging.naam}): "
                    + "; ".join(
                        f"{self.label(v)} {self.toon(v, getattr(vestiging, v))} → "
                        f"{self.toon(v, waarden[v])}"
                        for v in anders
                        if v not in ("telt_mee_reden",)
                    )
                )
            for veld in anders:
                setattr(vestiging, veld, waarden[veld])
                self.gewijzigde_velden[veld] += 1
            vestiging.peildatum = self.peildatum
            vestiging.bijgewerkt_op = self.nu
            gewijzigd_per_velden.setdefault(tuple(anders), []).append(vestiging)

        in_bestand = set(uniek)
        verdwenen = [
            v
            for code, v in bestaand.items()
            if code not in in_bestand and v.in_register and self.in_reikwijdte(v)
        ]

        self.bewaak_verdwenen(verdwenen, bestaand)

        if nieuw:
            Vestiging.objects.bulk_create(nieuw, batch_size=BATCH_NIEUW)
        for anders, groep in gewijzigd_per_velden.items():
            # Grouped by the set of changed fields: an UPDATE touches only what changed.
            Vestiging.objects.bulk_update(
                groep, [*anders, "peildatum", "bijgewerkt_op"], batch_size=BATCH_WIJZIG
            )
        self.per_ids(alleen_peildatum, peildatum=self.peildatum)
        self.per_ids([v.pk for v in verdwenen], in_register=False)

        r = self.resultaat
        r.nieuw = len(nieuw)
        r.gewijzigd = sum(len(g) for g in gewijzigd_per_velden.values())
        r.ongewijzigd = ongewijzigd
        r.alleen_peildatum = len(alleen_peildatum)
        r.verdwenen = len(verdwenen)
        r.terug = len(terug)
        self.verdwenen_voorbeelden = [
            f"{v.vestigingscode} {v.naam} ({v.plaats or '-'})" for v in verdwenen[:VOORBEELDEN]
        ]
        self.terug_voorbeelden = [f"{v.vestigingscode} {v.naam}" for v in terug[:VOORBEELDEN]]
        if "leerlingen" in self.lezer.velden:
            r.zonder_leerlingen = sum(
                1 for rij in uniek.values() if rij.waarden.get("leerlingen") is None
            )
            r.zonder_leerlingen_rijen = sum(
                1 for rij in self.rijen if rij.waarden.get("leerlingen") is None
            )
        self.bekend_uit_bestand = len(uniek) - len(nieuw)

    def bewaak_verdwenen(self, verdwenen: list[Vestiging], bestaand: dict[str, Vestiging]) -> None:
        in_reikwijdte = sum(1 for v in bestaand.values() if v.in_register and self.in_reikwijdte(v))
        te_veel = (
            len(verdwenen) >= VERDWENEN_MINIMUM
            and len(verdwenen) > MAX_VERDWENEN_FRACTIE * in_reikwijdte
        )
        if not te_veel or self.accepteer_verdwenen:
            return
        melding = _(
            "Dit bestand mist %(verdwenen)d van de %(bekend)d bekende vestigingen (%(procent)d%%) "
            "en zou die als 'niet meer in het register' markeren. Is het wel het volledige "
            "register? Gebruik --accepteer-verdwenen als dat klopt."
        ) % {
            "verdwenen": len(verdwenen),
            "bekend": in_reikwijdte,
            "procent": round(100 * len(verdwenen) / in_reikwijdte),
        }
        if self.proef:
            # A dry run is for looking: report the problem instead of stopping at it.
            self.waarschuwingen.append(_("Let op: %(melding)s") % {"melding": melding})
            return
        raise Registerfout(melding + " " + _("Er is niets gewijzigd."))

    def per_ids(self, ids: list[int], **waarden: Any) -> None:
        # In chunks: SQLite limits the number of parameters of one statement.
        for start in range(0, len(ids), BATCH_IDS):
            Vestiging.objects.filter(pk__in=ids[start : start + BATCH_IDS]).update(
                bijgewerkt_op=self.nu, **waarden
            )

    def in_reikwijdte(self, vestiging: Vestiging) -> bool:
        """Whether a branch missing from this file has really left the register.

        The GeoJSON is the whole register. DUO's CSVs come one per sector, so a branch is
        only taken as gone when the file covers its kind of school: loading the vo file must
        not retire every primary school.
        """
        if self.bestand.formaat == FORMAAT_GEOJSON:
            return True
        return vestiging.schoolsoort in self.soorten

    def verschil(self, bewaard: Rij, ander: Rij) -> list[str]:
        """What a duplicate row has different from the row that was kept, as field labels."""
        labels = []
        for veld in REGISTERVELDEN:
            if bewaard.waarden.get(veld) != ander.waarden.get(veld):
                label = _("coördinaten") if veld in ("breedtegraad", "lengtegraad") else None
                label = label or self.label(veld)
                if label not in labels:
                    labels.append(label)
        if bewaard.gemeente != ander.gemeente or bewaard.provincie != ander.provincie:
            labels.append(self.label("gemeente"))
        return labels or [_("identiek")]

    def toon(self, veld: str, waarde: Any) -> str:
        return _kort(self.namen.get((veld, waarde), waarde))

    @staticmethod
    def label(veld: str) -> str:
        naam = veld.removesuffix("_id")
        return str(Vestiging._meta.get_field(naam).verbose_name)

    # -- report and records ---------------------------------------------------------------

    def rapport(self) -> str:
        r = self.resultaat
        b = self.bestand
        regels: list[str] = []
        formaat = {"geojson": "GeoJSON", "duo-csv": _("DUO-CSV")}[b.formaat]
        if b.verpakking:
            formaat = f"{formaat} ({b.verpakking})"
        regels.append(_("Scholenregister: %(bron)s") % {"bron": b.bron})
        regels.append(
            _("Formaat: %(formaat)s, tekens in %(codering)s; SHA-256 %(sha)s")
            % {"formaat": formaat, "codering": b.codering, "sha": b.sha256}
        )
        regels.append(
            _("Peildatum: %(datum)s (%(herkomst)s)")
            % {"datum": self.peildatum.isoformat(), "herkomst": self.peildatum_herkomst}
        )
        if self.proef:
            regels.append(_("PROEFRUN: er is niets opgeslagen."))
        vorige = Registerimport.objects.order_by("-gestart_op", "-pk").first()
        if vorige and vorige.peildatum > self.peildatum:
            regels.append(
                _(
                    "Let op: dit register (%(datum)s) is ouder dan het vorige dat is ingelezen "
                    "(%(vorige)s)."
                )
                % {"datum": self.peildatum.isoformat(), "vorige": vorige.peildatum.isoformat()}
            )
        regels.append("")
        regels.append(
            _("Gelezen: %(rijen)d rijen, %(codes)d verschillende vestigingscodes.")
            % {"rijen": r.rijen, "codes": r.vestigingen}
        )
        regels.extend(self.lezer.opmerkingen())
        if r.dubbele_codes:
            regels.append(
                _(
                    "Dubbele vestigingscodes: %(codes)d codes komen meer dan eens voor (dezelfde "
                    "vestiging met een ander adres of een ander punt op de kaart). Per code is de "
                    "eerste rij in het bestand bewaard; %(rijen)d rijen zijn overgeslagen."
                )
                % {"codes": r.dubbele_codes, "rijen": r.overgeslagen_rijen}
            )
            verschillen: Counter[str] = Counter()
            for code, extra in self.dubbel.items():
                for rij in extra:
                    verschillen.update(self.verschil(self.uniek[code], rij))
            regels.append(
                "  "
                + _("Verschil met de bewaarde rij: %(verschillen)s.")
                % {"verschillen": ", ".join(f"{v} {a}×" for v, a in _meeste_eerst(verschillen))}
            )
            regels.append("  " + _("Voorbeelden:"))
            for code, extra in list(self.dubbel.items())[:VOORBEELDEN]:
                bewaard = self.uniek[code]
                regels.append(
                    "    - "
                    + _("%(code)s: bewaard %(plek)s, %(adres)s; overgeslagen %(andere)s")
                    % {
                        "code": code,
                        "plek": bewaard.plek,
                        "adres": bewaard.adres,
                        "andere": "; ".join(
                            f"{d.plek}, {d.adres} ({', '.join(self.verschil(bewaard, d))})"
                            for d in extra
                        ),
                    }
                )
        else:
            regels.append(_("Dubbele vestigingscodes: geen."))
        if "leerlingen" in self.lezer.velden:
            regels.append(
                _(
                    "Leerlingaantallen: %(rijen)d rijen zonder aantal in het register "
                    "(%(aantal)d vestigingen na het weglaten van de dubbele rijen); opgeslagen "
                    "als leeg."
                )
                % {"rijen": r.zonder_leerlingen_rijen, "aantal": r.zonder_leerlingen}
            )
        ontbrekend = [
            naam
            for veld, naam in (
                ("breedtegraad", _("coördinaten")),
                ("leerlingen", _("leerlingaantallen")),
            )
            if veld not in self.lezer.velden
        ]
        if ontbrekend:
            regels.append(
                _(
                    "Dit bestand bevat geen %(velden)s: bij %(bekend)d al bekende vestigingen "
                    "zijn de bestaande waarden behouden; %(nieuw)d nieuwe vestigingen hebben ze "
                    "nog niet."
                )
                % {
                    "velden": _(" en ").join(ontbrekend),
                    "bekend": self.bekend_uit_bestand,
                    "nieuw": r.nieuw,
                }
            )
        tellend = sum(self.typen.values()) - sum(self.niet_tellend.values())
        tellend -= sum(r.onbekende_typen.values())
        regels.append(
            _(
                "Subsidie: %(tellend)d vestigingen tellen mee, waarvan %(gemengd)d met een "
                "leerlingtotaal dat ook vbo of praktijkonderwijs omvat (daar geeft de "
                "programmamanager het tellende aantal op)."
            )
            % {"tellend": tellend, "gemengd": self.gemengd}
        )
        if self.niet_tellend:
            regels.append(
                _(
                    "%(niet)d vestigingen tellen niet mee, want ze geven alleen vbo of "
                    "praktijkonderwijs (%(typen)s)."
                )
                % {
                    "niet": sum(self.niet_tellend.values()),
                    "typen": ", ".join(f"{t} {a}" for t, a in _meeste_eerst(self.niet_tellend)),
                }
            )
        if r.onbekende_typen:
            regels.append(
                _(
                    "Onbekende onderwijstypen: %(typen)s. Deze vestigingen zijn opgeslagen en "
                    "tellen niet mee tot een beheerder het type beoordeelt."
                )
                % {"typen": ", ".join(f"{t} ({a}×)" for t, a in r.onbekende_typen.items())}
            )
        else:
            regels.append(_("Onbekende onderwijstypen: geen."))
        if r.gemeenten_nieuw:
            regels.append(
                _("Gemeenten: %(aantal)d nieuw aangemaakt (bijvoorbeeld %(namen)s).")
                % {
                    "aantal": r.gemeenten_nieuw,
                    "namen": ", ".join(self.gemeenten_nieuw_namen[:VOORBEELDEN]),
                }
            )
        for regel in self.gemeenten_verhuisd:
            regels.append(_("Gemeente naar andere provincie: %(regel)s") % {"regel": regel})
        if getattr(self, "handmatig_behouden", 0):
            regels.append(
                _(
                    "Besluit van de beheerder behouden: bij %(aantal)d vestigingen bepaalt de "
                    "beheerder of ze meetellen, niet het register."
                )
                % {"aantal": self.handmatig_behouden}
            )
        regels.extend(self.waarschuwingen)
        regels.append("")
        if r.niets_gewijzigd:
            regels.append(
                _("Niets gewijzigd: %(aantal)d vestigingen ongewijzigd.")
                % {"aantal": r.ongewijzigd}
            )
        else:
            regels.append(
                _(
                    "Resultaat: %(nieuw)d nieuw, %(gewijzigd)d gewijzigd, %(ongewijzigd)d "
                    "ongewijzigd, %(verdwenen)d niet meer in het register."
                )
                % {
                    "nieuw": r.nieuw,
                    "gewijzigd": r.gewijzigd,
                    "ongewijzigd": r.ongewijzigd,
                    "verdwenen": r.verdwenen,
                }
            )
        if r.alleen_peildatum:
            regels.append(
                _(
                    "Van de ongewijzigde vestigingen kregen er %(aantal)d alleen de nieuwe "
                    "peildatum."
                )
                % {"aantal": r.alleen_peildatum}
            )
        if r.gewijzigd:
            regels.append(
                _("Gewijzigde velden: %(velden)s. Voorbeelden:")
                % {
                    "velden": ", ".join(
                        f"{self.label(v)} {a}" for v, a in _meeste_eerst(self.gewijzigde_velden)
                    )
                }
            )
            regels.extend(f"  - {w}" for w in self.wijzigingen)
        if r.terug:
            regels.append(
                _("Weer in het register: %(aantal)d vestigingen, bijvoorbeeld %(voorbeelden)s.")
                % {"aantal": r.terug, "voorbeelden": ", ".join(self.terug_voorbeelden)}
            )
        if r.verdwenen:
            regels.append(
                _(
                    "Niet meer in het register: %(aantal)d vestigingen. Ze blijven bewaard "
                    "(deelnames verwijzen ernaar) en zijn gemarkeerd als 'niet in het register'. "
                    "Voorbeelden:"
                )
                % {"aantal": r.verdwenen}
            )
            regels.extend(f"  - {v}" for v in self.verdwenen_voorbeelden)
        if self.bestand.formaat != FORMAAT_GEOJSON:
            regels.append(
                _(
                    "Alleen vestigingen van de soort(en) %(soorten)s die in dit bestand "
                    "ontbreken, zijn als 'niet meer in het register' gemarkeerd: een CSV van DUO "
                    "beslaat één sector."
                )
                % {"soorten": ", ".join(str(Schoolsoort(s).label) for s in sorted(self.soorten))}
            )
        return "\n".join(regels)

    def leg_vast(self) -> None:
        r = self.resultaat
        r.registerimport = Registerimport.objects.create(
            bron=r.bron[: Registerimport._meta.get_field("bron").max_length],
            sha256=r.sha256,
            formaat=r.formaat,
            peildatum=r.peildatum,
            rijen=r.rijen,
            nieuw=r.nieuw,
            gewijzigd=r.gewijzigd,
            ongewijzigd=r.ongewijzigd,
            verdwenen=r.verdwenen,
            rapport=r.rapport,
            door=self.door,
        )
        leg_vast(
            actie=Actie.REGISTER_GEIMPORTEERD,
            omschrijving=_(
                "Scholenregister ingelezen uit %(bron)s (peildatum %(datum)s): %(nieuw)d nieuw, "
                "%(gewijzigd)d gewijzigd, %(ongewijzigd)d ongewijzigd, %(verdwenen)d niet meer "
                "in het register."
            )
            % {
                "bron": r.bron,
                "datum": r.peildatum.isoformat(),
                "nieuw": r.nieuw,
                "gewijzigd": r.gewijzigd,
                "ongewijzigd": r.ongewijzigd,
                "verdwenen": r.verdwenen,
            },
            door=self.door,
            onderwerp=r.registerimport,
            gegevens={
                "sha256": r.sha256,
                "formaat": r.formaat,
                "rijen": r.rijen,
                "vestigingen": r.vestigingen,
                "nieuw": r.nieuw,
                "gewijzigd": r.gewijzigd,
                "ongewijzigd": r.ongewijzigd,
                "verdwenen": r.verdwenen,
                "dubbele_codes": r.dubbele_codes,
                "overgeslagen_rijen": r.overgeslagen_rijen,
                "zonder_leerlingen": r.zonder_leerlingen,
                "zonder_leerlingen_rijen": r.zonder_leerlingen_rijen,
                "onbekende_typen": r.onbekende_typen,
                "gemeenten_nieuw": r.gemeenten_nieuw,
            },
        )
