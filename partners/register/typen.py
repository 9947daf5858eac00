"""The shapes the register readers hand to the importer.

A reader turns one file format into :class:`Rij` objects (a valid row, already normalised)
and :class:`Rijfout` objects (a row that cannot be loaded, with every reason found). Problems
with the file as a whole (not gzip, not JSON, a missing column) raise :class:`Registerfout`
straight away, because no row can be trusted then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

# The Vestiging fields a reader may provide. A reader lists in ``velden`` which of these its
# format carries; the importer leaves the others of an existing branch alone (a DUO CSV has
# no coordinates, so an import from CSV must not wipe the coordinates the GeoJSON gave).
REGISTERVELDEN = (
    "brin_nummer",
    "bevoegd_gezag_nummer",
    "naam",
    "onderwijstype",
    "denominatie",
    "website",
    "straat",
    "huisnummer",
    "postcode",
    "plaats",
    "onderwijsgebied",
    "breedtegraad",
    "lengtegraad",
    "leerlingen",
)

# How many row errors a failure message lists; the rest are only counted. Enough to see
# the pattern of a systematic problem, short enough to read in a terminal or the admin.
MAX_GETOONDE_FOUTEN = 50


@dataclass
class Rij:
    """One valid register row, normalised to the values Vestiging stores."""

    nummer: int  # position in the file: feature number (1-based) or CSV line number
    plek: str  # the same, readable: "feature 17", "regel 5"
    vestigingscode: str
    waarden: dict[str, Any]  # Vestiging field -> value, only fields in the reader's ``velden``
    gemeente: str  # DUO's municipality name, upper case (e.g. "S GRAVENHAGE")
    provincie: str  # as the register spells it
    adres: str  # for the report only


@dataclass
class Rijfout:
    """A row that cannot be loaded, with every problem found in it."""

    nummer: int
    plek: str
    vestigingscode: str  # as found in the file, possibly empty or invalid
    meldingen: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        code = f" ({self.vestigingscode})" if self.vestigingscode else ""
        return f"{self.plek}{code}: {'; '.join(self.meldingen)}"


class Registerfout(Exception):
    """The register could not be loaded; nothing was changed.

    ``fouten`` holds the row errors, if that is why; ``str()`` gives the whole Dutch message
    (the first rows in full, the rest counted), ready for a CommandError or an admin message.
    """

    def __init__(self, melding: str, fouten: list[Rijfout] | None = None) -> None:
        self.melding = melding
        self.fouten = list(fouten or [])
        super().__init__(self.volledige_melding())

    def volledige_melding(self) -> str:
        regels = [self.melding]
        for fout in self.fouten[:MAX_GETOONDE_FOUTEN]:
            regels.append(f"  - {fout}")
        rest = len(self.fouten) - MAX_GETOONDE_FOUTEN
        if rest > 0:
            regels.append("  " + _("... en nog %(aantal)d rijen met fouten.") % {"aantal": rest})
        return "\n".join(regels)
