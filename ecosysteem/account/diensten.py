"""Writes on accounts: asking for a link to choose a password, and setting a password.

The e-mail with the link is composed by :mod:`.meldingen` for the audit event the step
records, and goes through the outbox like every other e-mail. Invitations are the regions'
business (who has a role where): ``regios.services.uitnodiging``, which records
``account.uitgenodigd``; the same link goes out for it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ..audit import leg_vast
from ..models import Actie, Gebeurtenis, Gebruiker
from ..outbox import absoluut
from .inloggen import hef_blokkade_op

# The steps that send a link to choose a password.
LINKSTAPPEN = (Actie.WACHTWOORDLINK_GEVRAAGD, Actie.ACCOUNT_UITGENODIGD)


def wachtwoordlink(gebruiker: Gebruiker) -> str:
    """The address where ``gebruiker`` chooses a password: valid for
    ``PASSWORD_RESET_TIMEOUT`` and until a password is set or the account logs in."""
    return absoluut(
        reverse(
            "account:wachtwoord_kiezen",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(gebruiker.pk)),
                "token": default_token_generator.make_token(gebruiker),
            },
        )
    )


def link_geldig_tot(vanaf: datetime.datetime | None = None) -> datetime.datetime:
    return (vanaf or timezone.now()) + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def recent_link_gestuurd(gebruiker: Gebruiker) -> bool:
    wachttijd = datetime.timedelta(minutes=settings.WACHTWOORDLINK_WACHTTIJD_MINUTEN)
    return Gebeurtenis.objects.filter(
        actie__in=LINKSTAPPEN,
        onderwerp_type=ContentType.objects.get_for_model(Gebruiker),
        onderwerp_id=str(gebruiker.pk),
        tijdstip__gte=timezone.now() - wachttijd,
    ).exists()


@transaction.atomic
def vraag_wachtwoordlink(*, gebruiker: Gebruiker, reden: str) -> bool:
    """Send ``gebruiker`` a link to choose a (new) password, unless the account is inactive
    or a link went to it within ``WACHTWOORDLINK_WACHTTIJD_MINUTEN``. ``reden`` is
    ``vergeten`` (asked on the login page) or ``verlopen`` (asked on an expired link's
    page). Returns whether a link goes out; the pages never tell."""
    gebruiker = Gebruiker.objects.select_for_update().get(pk=gebruiker.pk)
    if not gebruiker.is_active or recent_link_gestuurd(gebruiker):
        return False
    leg_vast(
        actie=Actie.WACHTWOORDLINK_GEVRAAGD,
        omschrijving=_("Link om een wachtwoord te kiezen gestuurd aan %(naam)s.")
        % {"naam": gebruiker.get_username()},
        onderwerp=gebruiker,
        gegevens={"reden": reden},
    )
    return True


def vraag_wachtwoordlink_voor_adres(*, email: str) -> int:
    """A forgotten password: a link for each active account with this e-mail address (the
    address is unique, so at most one). Returns how many went out."""
    return sum(
        vraag_wachtwoordlink(gebruiker=gebruiker, reden="vergeten")
        for gebruiker in Gebruiker.objects.filter(email__iexact=email.strip(), is_active=True)
    )


@transaction.atomic
def stel_wachtwoord_in(
    *, gebruiker: Gebruiker, wachtwoord: str, door: Gebruiker | None, via_link: bool
) -> Gebruiker:
    """Set the account's password, after Django's checks (in Dutch). A lock-out of the
    account lifts: who proved access to the mailbox (or knew the old password) may try
    again. ``via_link``: chosen with a link from an e-mail, not changed while logged in."""
    password_validation.validate_password(wachtwoord, gebruiker)
    gebruiker.set_password(wachtwoord)
    gebruiker.save(update_fields=["password"])
    password_validation.password_changed(wachtwoord, gebruiker)
    if via_link:
        actie = Actie.WACHTWOORD_GEKOZEN
        omschrijving = _("%(naam)s koos een wachtwoord met de link uit een e-mail.")
    else:
        actie = Actie.WACHTWOORD_GEWIJZIGD
        omschrijving = _("%(naam)s wijzigde het eigen wachtwoord.")
    leg_vast(
        actie=actie,
        omschrijving=omschrijving % {"naam": gebruiker.get_username()},
        door=door,
        onderwerp=gebruiker,
    )
    gebruikersnaam = gebruiker.get_username()
    transaction.on_commit(lambda: hef_blokkade_op(username=gebruikersnaam))
    return gebruiker
