"""Recording audit events. Services call :func:`leg_vast` inside their transaction, so an
event exists exactly when the change it describes does."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import Gebeurtenis


def leg_vast(
    *,
    actie: str,
    omschrijving: str,
    door=None,
    onderwerp: models.Model | None = None,
    regio=None,
    van_status: str = "",
    naar_status: str = "",
    reden: str = "",
    gegevens: dict[str, Any] | None = None,
) -> Gebeurtenis:
    """Write one audit event."""
    return Gebeurtenis.objects.create(
        actie=actie,
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
