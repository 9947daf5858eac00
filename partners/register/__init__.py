"""DUO's national school register: reading its files and loading them into Vestiging.

Usable outside the management command (the admin may call it):

* :func:`lees_bestand` / :func:`lees_bytes` open a file (GeoJSON or DUO CSV, plain, gzip or
  zip) and recognise its format; ``.lezer().rijen()`` then yields normalised rows
  (:class:`Rij`) and row errors (:class:`Rijfout`).
* :func:`importeer_register` loads a file in one transaction and returns an
  :class:`Importresultaat` with the Dutch report; it raises :class:`Registerfout` (the
  database unchanged) when the file cannot be loaded.
"""

from .bestand import Registerbestand, lees_bestand, lees_bytes
from .importeer import Importresultaat, importeer_register
from .typen import Registerfout, Rij, Rijfout

__all__ = [
    "Importresultaat",
    "Registerbestand",
    "Registerfout",
    "Rij",
    "Rijfout",
    "importeer_register",
    "lees_bestand",
    "lees_bytes",
]
