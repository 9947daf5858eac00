"""The auditor's export of a dossier: one ZIP with every document of the region.

What it holds, under fixed names:

* ``versie-N/dossier.pdf`` and ``versie-N/begroting.pdf`` for every submitted version;
* ``actueel/dossier.pdf`` and ``actueel/begroting.pdf``: the live dossier as it is now;
* ``beoordelingsrapport-versie-N.pdf``: the assessment, when there is one;
* ``beschikkingen/<kenmerk>.pdf``: every sent decision letter, as it was sent;
* ``documenten/…``: the uploaded documents (the signed collaboration agreements);
* ``tijdlijn.csv``: the whole audit trail of the region, downloads included;
* ``LEESMIJ.txt``: what the export is, of what, made when and for whom;
* ``manifest-sha256.txt``: the SHA-256 of every other file, in the format of
  ``sha256sum -c``, so a recipient can check that nothing changed.

The content hash is made from the hashes of the parts, so a second request of an unchanged
dossier hands out the same ZIP. A PDF that is ready already (same content) is taken from
its report instead of rendered again.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath

from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ecosysteem.exporteren import csv_tekst
from regios.models import Convenant, Regio

from .models import Beoordeling, Besluit, Rapport, Rapportsoort, Rapportstatus
from .rapporten import OPMAAKVERSIE, Briefinhoud, Rapportinhoud, rapportinhoud

MANIFEST = "manifest-sha256.txt"
TIJDLIJN_KOLOMMEN = [
    "tijdstip",
    "actie",
    "omschrijving",
    "door",
    "van_status",
    "naar_status",
    "reden",
    "onderwerp",
]


@dataclass
class Bestandsdeel:
    """An uploaded document, taken as it is stored."""

    bestand: object  # a FieldFile

    @cached_property
    def gegevens(self) -> bytes:
        with self.bestand.open("rb") as f:
            return f.read()

    @cached_property
    def hash(self) -> str:
        return hashlib.sha256(self.gegevens).hexdigest()


def _tijdlijnrijen(regio: Regio) -> list[dict]:
    gebeurtenissen = regio.gebeurtenissen.select_related("door", "onderwerp_type").order_by(
        "tijdstip", "id"
    )
    return [
        {
            "tijdstip": timezone.localtime(g.tijdstip).isoformat(),
            "actie": g.actie,
            "omschrijving": g.omschrijving,
            "door": (g.door.get_full_name() or g.door.get_username()) if g.door else "",
            "van_status": g.van_status,
            "naar_status": g.naar_status,
            "reden": g.reden,
            "onderwerp": f"{g.onderwerp_type.model}:{g.onderwerp_id}"
            if g.onderwerp_type_id
            else "",
        }
        for g in gebeurtenissen
    ]


def tijdlijn_csv(rijen: list[dict]) -> bytes:
    """The audit trail as CSV, as the portal's other exports write it (semicolons, a byte
    order mark, texts that could start a formula neutralised)."""
    tekst = csv_tekst(
        kolommen=TIJDLIJN_KOLOMMEN, rijen=([rij[k] for k in TIJDLIJN_KOLOMMEN] for rij in rijen)
    )
    return tekst.encode("utf-8")


@dataclass
class Tekstdeel:
    """A short text in place of a part that cannot be included (a missing upload)."""

    tekst: str

    @cached_property
    def gegevens(self) -> bytes:
        return self.tekst.encode("utf-8")

    @cached_property
    def hash(self) -> str:
        return hashlib.sha256(self.gegevens).hexdigest()


@dataclass
class Auditinhoud:
    regio: Regio
    soort: str = Rapportsoort.AUDITDOSSIER
    delen: list[tuple[str, object]] = field(default_factory=list)
    tijdlijn: list[dict] = field(default_factory=list)

    @cached_property
    def hash(self) -> str:
        tekst = json.dumps(
            {
                "soort": self.soort,
                "opmaak": OPMAAKVERSIE,
                "delen": [(pad, deel.hash) for pad, deel in self.delen],
                "tijdlijn": self.tijdlijn,
            },
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(tekst.encode("utf-8")).hexdigest()

    def maak(self) -> bytes:
        bestanden: list[tuple[str, bytes]] = [
            (pad, _gegevens_van(self.regio, deel)) for pad, deel in self.delen
        ]
        bestanden.append(("tijdlijn.csv", tijdlijn_csv(self.tijdlijn)))
        bestanden.append(("LEESMIJ.txt", self._leesmij(bestanden).encode("utf-8")))
        manifest = "".join(
            f"{hashlib.sha256(inhoud).hexdigest()}  {pad}\n" for pad, inhoud in bestanden
        )
        uit = io.BytesIO()
        with zipfile.ZipFile(uit, "w", compression=zipfile.ZIP_DEFLATED) as archief:
            for pad, inhoud in bestanden:
                archief.writestr(pad, inhoud)
            archief.writestr(MANIFEST, manifest.encode("utf-8"))
        return uit.getvalue()

    def _leesmij(self, bestanden: list[tuple[str, bytes]]) -> str:
        regels = [
            _("Auditdossier van %(regio)s") % {"regio": self.regio.naam},
            _("Gemaakt op %(moment)s.")
            % {"moment": timezone.localtime().strftime("%d-%m-%Y %H:%M")},
            "",
            _(
                "Dit archief bevat de pdf's van elke ingediende versie en van het dossier zoals "
                "het nu is, het beoordelingsrapport, de verstuurde beschikkingen, de geüploade "
                "documenten en de volledige tijdlijn (tijdlijn.csv)."
            ),
            _(
                "Het bestand %(manifest)s geeft de SHA-256 van elk ander bestand. Controleer "
                "met: sha256sum -c %(manifest)s"
            )
            % {"manifest": MANIFEST},
            "",
            _("Bestanden:"),
        ]
        regels += [f"- {pad} ({len(inhoud)} bytes)" for pad, inhoud in bestanden]
        return "\n".join(regels) + "\n"


def _gegevens_van(regio: Regio, deel) -> bytes:
    """The bytes of one part: an uploaded file as stored; a PDF from its ready report of
    the same content when there is one, else rendered now."""
    if isinstance(deel, Bestandsdeel | Tekstdeel):
        return deel.gegevens
    klaar = (
        Rapport.objects.filter(
            regio=regio,
            soort=deel.soort,
            indiening=getattr(deel, "indiening", None),
            besluit=getattr(deel, "besluit", None),
            inhoud_hash=deel.hash,
            status=Rapportstatus.KLAAR,
        )
        .exclude(bestand="")
        .first()
    )
    if klaar is not None:
        try:
            with klaar.bestand.open("rb") as f:
                gegevens = f.read()
            if hashlib.sha256(gegevens).hexdigest() == klaar.sha256:
                return gegevens
        except FileNotFoundError:
            pass
    return deel.maak()


def auditinhoud(regio: Regio) -> Auditinhoud:
    """Everything the auditor's export of ``regio`` holds, with its content hash."""
    delen: list[tuple[str, Rapportinhoud | Briefinhoud | Bestandsdeel | Tekstdeel]] = []
    indieningen = list(regio.indieningen.order_by("versie"))
    for indiening in indieningen:
        for soort in (Rapportsoort.DOSSIER, Rapportsoort.BEGROTING):
            delen.append(
                (f"versie-{indiening.versie}/{soort}.pdf", rapportinhoud(regio, soort, indiening))
            )
    for soort in (Rapportsoort.DOSSIER, Rapportsoort.BEGROTING):
        delen.append((f"actueel/{soort}.pdf", rapportinhoud(regio, soort)))
    beoordeling = (
        Beoordeling.objects.filter(regio=regio, indiening__isnull=False)
        .select_related("indiening")
        .first()
    )
    if beoordeling is not None:
        delen.append(
            (
                f"beoordelingsrapport-versie-{beoordeling.indiening.versie}.pdf",
                rapportinhoud(regio, Rapportsoort.BEOORDELING, beoordeling.indiening),
            )
        )
    for besluit in (
        Besluit.objects.verstuurd()
        .filter(regio=regio)
        .exclude(brief_html="")
        .select_related("regio__tijdvak")
        .order_by("verstuurd_op", "id")
    ):
        delen.append((f"beschikkingen/{besluit.kenmerk}.pdf", Briefinhoud(regio, besluit)))
    for convenant in Convenant.objects.filter(regio=regio).exclude(document="").order_by("pk"):
        naam = get_valid_filename(PurePosixPath(convenant.document.name).name)
        pad = f"documenten/convenant-{convenant.pk}-{naam}"
        if convenant.document.storage.exists(convenant.document.name):
            delen.append((pad, Bestandsdeel(convenant.document)))
        else:
            tekst = _("Het document van convenant %(titel)s ontbreekt in de opslag.") % {
                "titel": convenant.korte_titel
            }
            delen.append((f"{pad}.ONTBREEKT.txt", Tekstdeel(tekst + "\n")))
    return Auditinhoud(regio=regio, delen=delen, tijdlijn=_tijdlijnrijen(regio))
