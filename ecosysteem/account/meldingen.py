"""The e-mails about accounts: the invitation and the link to choose a (new) password.

Registered per action in :class:`ecosysteem.apps.EcosysteemConfig`; composed at the step,
inside its transaction, and sent through the outbox. The link is made at the step too, so
it stays valid while the e-mail waits in the outbox.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import Actie, Gebeurtenis, Gebruiker
from ..outbox import Email, absoluut, leg_klaar
from .diensten import link_geldig_tot, wachtwoordlink

ACTIES = (Actie.ACCOUNT_UITGENODIGD, Actie.WACHTWOORDLINK_GEVRAAGD)


def _tekst(g: Gebeurtenis, gebruiker: Gebruiker) -> Email:
    geldig_tot = timezone.localtime(link_geldig_tot(g.tijdstip))
    context = {
        "gebruiker": gebruiker,
        "link": wachtwoordlink(gebruiker),
        "geldig_tot": date_format(geldig_tot, "j F Y, H:i"),
        "inloggen": absoluut(reverse("login")),
        "gegevens": g.gegevens,
    }
    if g.actie == Actie.ACCOUNT_UITGENODIGD:
        # The region is reached through the event's relation: ecosysteem imports no app.
        regio = g.regio.naam if g.regio_id else ""
        context.update(regio=regio, door=g.door.get_full_name() if g.door_id else "")
        onderwerp = _("Uitnodiging voor het Regioportaal Techkwadraat (%(regio)s)") % {
            "regio": regio
        }
        return Email(
            gebruiker.email,
            "account_uitgenodigd",
            onderwerp,
            render_to_string("email/account_uitgenodigd.txt", context),
        )
    return Email(
        gebruiker.email,
        "wachtwoord_link",
        _("Kies een wachtwoord voor het Regioportaal Techkwadraat"),
        render_to_string("email/wachtwoord_link.txt", context),
    )


def meld_account(g: Gebeurtenis) -> None:
    """Put the e-mail of an account step in the outbox."""
    gebruiker = Gebruiker.objects.filter(pk=g.onderwerp_id or None).first()
    if gebruiker is None or not gebruiker.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        email = _tekst(g, gebruiker)
    leg_klaar([email], gebeurtenis=g)
