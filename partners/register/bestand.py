"""Opening a register file: decompressing, recognising the format, decoding the text.

The format is recognised from the bytes, not from the file name: an administrator may
upload ``scholen.json`` that is really gzip, or a DUO CSV saved as ``.txt``.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .duo_csv import DuoCsvLezer
from .geojson import GeojsonLezer
from .typen import Registerfout

GZIP_MAGIE = b"\x1f\x8b"
ZIP_MAGIE = b"PK\x03\x04"
UTF8_BOM = b"\xef\xbb\xbf"

# Zip members worth reading; edugis publishes the GeoJSON as scholenYYYYMMDD.geo.zip.
ZIP_EXTENSIES = (".geojson", ".json", ".csv", ".txt")

FORMAAT_GEOJSON = "geojson"
FORMAAT_DUO_CSV = "duo-csv"


@dataclass
class Registerbestand:
    """A register file read into memory, with what was recognised about it."""

    bron: str  # how the report names the file
    sha256: str  # of the bytes as given (compressed, if they were)
    inhoud_sha256: str  # of the decompressed content: the same register in any wrapper
    verpakking: str  # "", "gzip" or "zip"
    formaat: str  # FORMAAT_GEOJSON or FORMAAT_DUO_CSV
    tekst: str
    codering: str

    def lezer(self) -> GeojsonLezer | DuoCsvLezer:
        if self.formaat == FORMAAT_GEOJSON:
            return GeojsonLezer(self.tekst)
        return DuoCsvLezer(self.tekst)


def bronnaam(pad: Path) -> str:
    """The path relative to the project when it lies inside it, so records do not depend on
    where the project happens to be checked out."""
    try:
        return str(pad.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(pad)


def pak_uit(ruw: bytes) -> tuple[bytes, str]:
    if ruw.startswith(GZIP_MAGIE):
        try:
            return gzip.decompress(ruw), "gzip"
        except EOFError:
            raise Registerfout(
                _(
                    "Het gzip-bestand is afgekapt: het houdt op voor het einde van de "
                    "gecomprimeerde gegevens. Er is niets gewijzigd."
                )
            ) from None
        except (gzip.BadGzipFile, zlib.error, OSError) as fout:
            raise Registerfout(
                _("Het gzip-bestand is beschadigd (%(fout)s). Er is niets gewijzigd.")
                % {"fout": fout}
            ) from None
    if ruw.startswith(ZIP_MAGIE):
        try:
            with zipfile.ZipFile(io.BytesIO(ruw)) as archief:
                kandidaten = [
                    info
                    for info in archief.infolist()
                    if not info.is_dir()
                    and not info.filename.startswith("__MACOSX/")
                    and info.filename.lower().endswith(ZIP_EXTENSIES)
                ]
                if len(kandidaten) != 1:
                    raise Registerfout(
                        _(
                            "Het zip-bestand moet precies één GeoJSON- of CSV-bestand "
                            "bevatten, maar bevat er %(aantal)d. Er is niets gewijzigd."
                        )
                        % {"aantal": len(kandidaten)}
                    )
                return archief.read(kandidaten[0]), "zip"
        except (zipfile.BadZipFile, zlib.error, EOFError) as fout:
            raise Registerfout(
                _("Het zip-bestand is beschadigd (%(fout)s). Er is niets gewijzigd.")
                % {"fout": fout}
            ) from None
    return ruw, ""


def decodeer(inhoud: bytes, json: bool) -> tuple[str, str]:
    """Decode the text. JSON is UTF-8 by definition. DUO's CSVs are windows-1252, but some
    copies were re-saved as UTF-8: UTF-8 is tried first, which is safe because windows-1252
    text with any accent is practically never valid UTF-8."""
    if inhoud.startswith(UTF8_BOM):
        inhoud = inhoud[len(UTF8_BOM) :]
    try:
        return inhoud.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as fout:
        if json:
            raise Registerfout(
                _(
                    "Het GeoJSON-bestand is geen geldige UTF-8 (byte %(positie)d). "
                    "Er is niets gewijzigd."
                )
                % {"positie": fout.start}
            ) from None
    try:
        return inhoud.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as fout:
        raise Registerfout(
            _(
                "Het CSV-bestand is geen windows-1252 of UTF-8 (byte %(positie)d). "
                "Er is niets gewijzigd."
            )
            % {"positie": fout.start}
        ) from None


def herken_formaat(inhoud: bytes) -> str:
    begin = inhoud[:4096].removeprefix(UTF8_BOM).lstrip()
    if begin.startswith((b"{", b"[")):
        return FORMAAT_GEOJSON
    eerste_regel = begin.split(b"\n", 1)[0]
    if b";" in eerste_regel:
        return FORMAAT_DUO_CSV
    if not begin:
        raise Registerfout(_("Het bestand is leeg. Er is niets gewijzigd."))
    raise Registerfout(
        _(
            "Onbekend bestandsformaat: verwacht een GeoJSON-bestand of een CSV-bestand van DUO "
            "(kolommen gescheiden door ;), eventueel met gzip of zip gecomprimeerd. "
            "Er is niets gewijzigd."
        )
    )


def lees_bestand(pad: str | Path) -> Registerbestand:
    """Read a register file from disk; raises Registerfout when it cannot be used at all."""
    pad = Path(pad)
    try:
        ruw = pad.read_bytes()
    except FileNotFoundError:
        raise Registerfout(_("Het bestand %(pad)s bestaat niet.") % {"pad": pad}) from None
    except OSError as fout:
        raise Registerfout(
            _("Het bestand %(pad)s kan niet worden gelezen: %(fout)s")
            % {"pad": pad, "fout": fout.strerror or fout}
        ) from None
    return lees_bytes(ruw, bron=bronnaam(pad))


def lees_bytes(ruw: bytes, *, bron: str) -> Registerbestand:
    """The same for bytes already in memory (an upload in the admin, say)."""
    inhoud, verpakking = pak_uit(ruw)
    formaat = herken_formaat(inhoud)
    tekst, codering = decodeer(inhoud, json=formaat == FORMAAT_GEOJSON)
    return Registerbestand(
        bron=bron,
        sha256=hashlib.sha256(ruw).hexdigest(),
        inhoud_sha256=hashlib.sha256(inhoud).hexdigest(),
        verpakking=verpakking,
        formaat=formaat,
        tekst=tekst,
        codering=codering,
    )
