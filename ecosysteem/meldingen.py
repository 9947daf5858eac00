"""Which audited step leads to which e-mails, registered by the apps that know.

The audit trail lives here and imports no app; the apps that send e-mail about a step
register a handler for its action when they start (``AppConfig.ready``). :func:`leg_vast`
calls :func:`na_gebeurtenis` for every event it records, inside the step's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Gebeurtenis

Afhandeling = Callable[["Gebeurtenis"], None]

_AFHANDELINGEN: dict[str, list[Afhandeling]] = {}


def registreer(acties: Iterable[str], afhandeling: Afhandeling) -> None:
    """Let ``afhandeling`` handle every event of ``acties`` (once, however often called)."""
    for actie in acties:
        lijst = _AFHANDELINGEN.setdefault(str(actie), [])
        if afhandeling not in lijst:
            lijst.append(afhandeling)


def met_melding() -> frozenset[str]:
    """The actions some app sends e-mail about."""
    return frozenset(actie for actie, lijst in _AFHANDELINGEN.items() if lijst)


def na_gebeurtenis(gebeurtenis: Gebeurtenis) -> None:
    for afhandeling in _AFHANDELINGEN.get(gebeurtenis.actie, ()):
        afhandeling(gebeurtenis)
