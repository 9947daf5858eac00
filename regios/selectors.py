"""Reads of the regions app that cross relations: who holds which role now."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from partners.models import Organisatie

from .models import Rol, Rolsoort


def programmamanager_adressen(regio, vandaag: datetime.date) -> list[str]:
    """E-mail addresses of the region's current programme managers."""
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


def lopende_rol(vandaag: datetime.date | None = None) -> Q:
    """Roles that hold today (as ``regios.rules.regiorollen`` reads them)."""
    vandaag = vandaag or timezone.localdate()
    return (Q(startdatum__isnull=True) | Q(startdatum__lte=vandaag)) & (
        Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag)
    )


def contactrollen(gebruiker) -> QuerySet[Rol]:
    """The user's current roles as contact person of a partner."""
    return Rol.objects.filter(
        lopende_rol(), persoon__gebruiker=gebruiker, soort=Rolsoort.CONTACTPERSOON
    )


def namens(organisatie: Organisatie) -> Q:
    """Roles on behalf of ``organisatie``: as the role says, or, for a role that names no
    organisation, the person's own."""
    return Q(namens=organisatie) | Q(namens__isnull=True, persoon__organisatie=organisatie)
