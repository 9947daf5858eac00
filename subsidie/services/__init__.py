"""Writes of the subsidy application, one module per subject: the dossier as an application
(:mod:`.aanvraag`: submitting, reopening, pledges, budget lines), its review and decision
(:mod:`.beoordeling`), the regulation and criteria per period (:mod:`.regeling`), a
partner's contact keeping pledges (:mod:`.contact`) and approving a registration with its
pledge (:mod:`.aanmelding`). The application's own steps are importable from here."""

from .aanvraag import (
    AlIngediend,
    dien_in,
    heropen,
    sla_begrotingsregel_op,
    sla_cofinanciering_op,
    verwijder_begrotingsregel,
    verwijder_cofinanciering,
)

__all__ = [
    "AlIngediend",
    "dien_in",
    "heropen",
    "sla_begrotingsregel_op",
    "sla_cofinanciering_op",
    "verwijder_begrotingsregel",
    "verwijder_cofinanciering",
]
