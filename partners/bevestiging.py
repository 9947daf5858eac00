"""The confirmation link of a registration: a signed token of its id, valid for a set
number of days. Here, in partners, because both the registration steps (regios) and the
e-mail that carries the link (regios.meldingen) use it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing

from .models import Aanmelding

TOKEN_ZOUT = "partners.aanmelding.bevestigen"


def geldigheid_bevestiging() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "AANMELDING_BEVESTIGEN_DAGEN", 7))


def maak_token(aanmelding: Aanmelding) -> str:
    return signing.dumps(aanmelding.pk, salt=TOKEN_ZOUT, compress=True)
