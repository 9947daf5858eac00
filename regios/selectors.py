"""Reads of the regions app that cross relations."""

from __future__ import annotations

import datetime

from django.db.models import Q

from .models import Regio, Rol, Rolsoort


def programmamanager_adressen(regio: Regio, vandaag: datetime.date) -> list[str]:
    """E-mail addresses of the region's programme managers on ``vandaag``."""
    return sorted(
        set(
            Rol.objects.filter(regio=regio, soort=Rolsoort.PROGRAMMAMANAGER)
            .filter(
                Q(startdatum__isnull=True) | Q(startdatum__lte=vandaag),
                Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag),
            )
            .exclude(persoon__email="")
            .values_list("persoon__email", flat=True)
        )
    )
