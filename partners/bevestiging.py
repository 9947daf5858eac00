"""The confirmation link of a registration: a signed token of its id (and its region's
short name, so an expired link can still lead back to the right form), valid for a set
number of days. Here, in partners, because both the registration steps (regios) and the
e-mail that carries the link (regios.meldingen) use it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing

from .models import Aanmelding

TOKEN_ZOUT = "partners.aanmelding.bevestigen"


def geldigheid_bevestiging() -> datetime.timedelta:
    return datetime.timedelta(days=settings.AANMELDING_BEVESTIGEN_DAGEN)


def maak_token(aanmelding: Aanmelding) -> str:
    return signing.dumps(
        {"a": aanmelding.pk, "r": aanmelding.regio.slug}, salt=TOKEN_ZOUT, compress=True
    )


def lees_token(waarde) -> tuple[int | None, str]:
    """The registration's id and the region's short name from a token's payload; links
    sent before the short name was added carry the id only."""
    if isinstance(waarde, dict):
        pk, slug = waarde.get("a"), waarde.get("r", "")
    else:
        pk, slug = waarde, ""
    return (pk if isinstance(pk, int) else None), (slug if isinstance(slug, str) else "")
