"""Personal API tokens: made and revoked by their owner, valid until they expire.

The token is 40 random characters shown once; the database keeps its SHA-256, so a copy of
the database gives nobody access. A fast hash is enough here (unlike passwords): the token
is random and long, there is nothing to guess.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import Actie, leg_vast
from .models import Apitoken

# The longest a token may live, and the choices the page offers.
MAXIMALE_GELDIGHEID_DAGEN = 365
GELDIGHEID_KEUZES = (30, 90, 180, 365)
VOORVOEGSEL = "rp_"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def maak_token(*, gebruiker, naam: str, geldig_dagen: int) -> tuple[Apitoken, str]:
    """Make a token for ``gebruiker``; returns the stored token and the token itself, which
    is shown once and never again."""
    if not gebruiker or not gebruiker.is_authenticated or not gebruiker.is_active:
        raise PermissionDenied(_("Log in om een token te maken."))
    naam = (naam or "").strip()
    fouten = {}
    if not naam:
        fouten["naam"] = _("Geef de token een naam, zodat u hem later herkent.")
    if not 1 <= geldig_dagen <= MAXIMALE_GELDIGHEID_DAGEN:
        fouten["geldig_dagen"] = _("Een token is 1 tot %(max)s dagen geldig.") % {
            "max": MAXIMALE_GELDIGHEID_DAGEN
        }
    if fouten:
        raise ValidationError(fouten)
    token = VOORVOEGSEL + secrets.token_urlsafe(30)
    rij = Apitoken.objects.create(
        gebruiker=gebruiker,
        naam=naam[:80],
        begin=token[:10],
        sleutel_hash=token_hash(token),
        verloopt_op=timezone.now() + datetime.timedelta(days=geldig_dagen),
    )
    leg_vast(
        actie=Actie.TOKEN_AANGEMAAKT,
        omschrijving=_("API-token %(naam)s aangemaakt, geldig tot %(datum)s.")
        % {"naam": rij.naam, "datum": timezone.localdate(rij.verloopt_op)},
        door=gebruiker,
        onderwerp=rij,
        gegevens={"begin": rij.begin, "verloopt_op": rij.verloopt_op.isoformat()},
    )
    return rij, token


@transaction.atomic
def trek_token_in(*, token: Apitoken, door) -> Apitoken:
    """Revoke ``token``; only its owner may. A revoked token stays listed, marked so."""
    rij = Apitoken.objects.select_for_update().get(pk=token.pk)
    if not door or rij.gebruiker_id != door.pk:
        raise PermissionDenied(_("Dit is niet uw token."))
    if rij.ingetrokken_op is not None:
        raise ValidationError(_("Deze token is al ingetrokken."), code="ingetrokken")
    rij.ingetrokken_op = timezone.now()
    rij.save(update_fields=["ingetrokken_op"])
    leg_vast(
        actie=Actie.TOKEN_INGETROKKEN,
        omschrijving=_("API-token %(naam)s ingetrokken.") % {"naam": rij.naam},
        door=door,
        onderwerp=rij,
        gegevens={"begin": rij.begin},
    )
    return rij


def zoek_token(token: str) -> Apitoken | None:
    """The stored token for ``token`` (revoked or expired too), with its user."""
    if not token:
        return None
    return (
        Apitoken.objects.select_related("gebruiker").filter(sleutel_hash=token_hash(token)).first()
    )
