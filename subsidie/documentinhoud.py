"""What one document of a dossier holds, whichever kind it is: a report of the dossier, a
decision letter, or the auditor's export. Each kind answers ``hash`` (what it shows, so
unchanged content is not made twice) and ``maak()`` (the file's bytes)."""

from __future__ import annotations

from regios.models import Regio

from .auditdossier import Auditinhoud, auditinhoud
from .models import Besluit, Indiening, Rapportsoort
from .rapporten import Briefinhoud, Rapportinhoud, rapportinhoud

Documentinhoud = Rapportinhoud | Briefinhoud | Auditinhoud


def documentinhoud(
    regio: Regio,
    soort: str,
    indiening: Indiening | None = None,
    besluit: Besluit | None = None,
) -> Documentinhoud:
    if soort == Rapportsoort.AUDITDOSSIER:
        return auditinhoud(regio)
    if soort == Rapportsoort.BESCHIKKING:
        if besluit is None:
            raise ValueError("Een beschikking als pdf hoort bij een besluit.")
        return Briefinhoud(regio, besluit)
    return rapportinhoud(regio, soort, indiening)
