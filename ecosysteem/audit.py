"""The audit trail's vocabulary and how events are recorded.

:class:`Actie` is the one list of action names: the services record them, the notification
tables of the apps are keyed by them, the timeline labels them and the tests name them.
Services call :func:`leg_vast` inside their transaction, so an event exists exactly when the
change it describes does; :func:`leg_vast` also hands the event to the notifications
registered for its action (:mod:`ecosysteem.meldingen`), so a step that mails cannot forget
to.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from . import meldingen
from .models import Actie, Gebeurtenis

__all__ = ["Actie", "leg_vast"]


def leg_vast(
    *,
    actie: Actie,
    omschrijving: str,
    door=None,
    onderwerp: models.Model | None = None,
    regio=None,
    van_status: str = "",
    naar_status: str = "",
    reden: str = "",
    gegevens: dict[str, Any] | None = None,
) -> Gebeurtenis:
    """Write one audit event, and queue the e-mails its action calls for."""
    if actie not in Actie.values:
        raise ValueError(f"Onbekende actie voor de audittrail: {actie!r}")
    gebeurtenis = Gebeurtenis.objects.create(
        actie=Actie(actie).value,
        omschrijving=omschrijving[:500],
        door=door if door is not None and door.is_authenticated else None,
        onderwerp_type=ContentType.objects.get_for_model(onderwerp) if onderwerp else None,
        onderwerp_id=str(onderwerp.pk) if onderwerp else "",
        regio=regio,
        van_status=van_status,
        naar_status=naar_status,
        reden=reden,
        gegevens=gegevens or {},
    )
    meldingen.na_gebeurtenis(gebeurtenis)
    return gebeurtenis
