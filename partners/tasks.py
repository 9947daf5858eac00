"""E-mails of partner self-registration, sent in the background.

Tasks receive ids and are idempotent: each kind of e-mail goes out once per registration,
recorded in ``Aanmelding.verstuurde_mails`` in the same transaction that sends it.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from regios.selectors import programmamanager_adressen

from .bevestiging import geldigheid_bevestiging, maak_token
from .models import Aanmelding, Aanmeldingstatus, Persoon

logger = logging.getLogger(__name__)

OPNIEUW = {
    "autoretry_for": (smtplib.SMTPException, ConnectionError),
    "retry_backoff": True,
    "max_retries": 5,
}


def absoluut(pad: str) -> str:
    # An absolute link when the portal knows its own address; otherwise the path.
    return getattr(settings, "SITE_URL", "").rstrip("/") + pad


def _eenmaal(
    aanmelding_id: int,
    soort: str,
    status: str,
    maak: Callable[[Aanmelding], tuple[str, str, list[str]] | None],
) -> bool:
    """Send e-mail ``soort`` for a registration in ``status`` unless it went out already.
    The row stays locked while sending: a concurrent run waits and then finds the mark, and
    a failed send rolls the mark back so the retry sends again."""
    with transaction.atomic():
        aanmelding = (
            Aanmelding.objects.select_for_update(of=("self",))
            .select_related("regio")
            .filter(pk=aanmelding_id, status=status)
            .first()
        )
        if aanmelding is None or soort in aanmelding.verstuurde_mails:
            return False
        bericht = maak(aanmelding)
        if bericht is None:
            return False
        onderwerp, tekst, ontvangers = bericht
        send_mail(subject=onderwerp, message=tekst, from_email=None, recipient_list=ontvangers)
        aanmelding.verstuurde_mails = {
            **aanmelding.verstuurde_mails,
            soort: timezone.now().isoformat(),
        }
        aanmelding.save(update_fields=["verstuurde_mails"])
    return True


@shared_task(**OPNIEUW)
def verstuur_bevestigingsmail(aanmelding_id: int) -> bool:
    """Mail the contact the link that confirms the e-mail address."""

    def maak(aanmelding):
        link = absoluut(reverse("regios:aanmelding_bevestigen", args=[maak_token(aanmelding)]))
        tekst = render_to_string(
            "email/aanmelding_bevestigen.txt",
            {
                "aanmelding": aanmelding,
                "link": link,
                "dagen": geldigheid_bevestiging().days,
            },
        )
        return (
            _("Bevestig uw aanmelding voor %(regio)s") % {"regio": aanmelding.regio.naam},
            tekst,
            [aanmelding.email],
        )

    return _eenmaal(aanmelding_id, "bevestigen", Aanmeldingstatus.TE_BEVESTIGEN, maak)


@shared_task(**OPNIEUW)
def meld_aanmelding_aan_programmamanagers(aanmelding_id: int) -> bool:
    """Tell the region's programme managers that a confirmed registration awaits them."""

    def maak(aanmelding):
        ontvangers = programmamanager_adressen(aanmelding.regio, timezone.localdate())
        if not ontvangers:
            # Left unmarked: the PM sees it on the Partners page in any case.
            logger.warning("Aanmelding %s: regio zonder programmamanager.", aanmelding.pk)
            return None
        tekst = render_to_string(
            "email/aanmelding_te_beoordelen.txt",
            {
                "aanmelding": aanmelding,
                "link": absoluut(
                    reverse("regios:partners", args=[aanmelding.regio.slug]) + "#aanmeldingen"
                ),
            },
        )
        return (
            _("Nieuwe aanmelding voor %(regio)s: %(naam)s")
            % {"regio": aanmelding.regio.naam, "naam": aanmelding.naam},
            tekst,
            ontvangers,
        )

    return _eenmaal(aanmelding_id, "programmamanager", Aanmeldingstatus.BEVESTIGD, maak)


@shared_task(**OPNIEUW)
def verstuur_goedkeuringsmail(aanmelding_id: int) -> bool:
    """Welcome the approved contact, with a link to set the password of their account."""

    def maak(aanmelding):
        persoon = (
            Persoon.objects.select_related("gebruiker")
            .filter(email__iexact=aanmelding.email, gebruiker__isnull=False)
            .first()
        )
        if persoon is None:
            return None
        gebruiker = persoon.gebruiker
        link = absoluut(
            reverse(
                "partners:wachtwoord_instellen",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(gebruiker.pk)),
                    "token": default_token_generator.make_token(gebruiker),
                },
            )
        )
        tekst = render_to_string(
            "email/aanmelding_goedgekeurd.txt",
            {"aanmelding": aanmelding, "gebruiker": gebruiker, "link": link},
        )
        return (
            _("Uw aanmelding voor %(regio)s is goedgekeurd") % {"regio": aanmelding.regio.naam},
            tekst,
            [aanmelding.email],
        )

    return _eenmaal(aanmelding_id, "goedgekeurd", Aanmeldingstatus.GOEDGEKEURD, maak)


@shared_task(**OPNIEUW)
def verstuur_afwijzingsmail(aanmelding_id: int) -> bool:
    """Tell the contact that the registration was rejected, and why."""

    def maak(aanmelding):
        tekst = render_to_string("email/aanmelding_afgewezen.txt", {"aanmelding": aanmelding})
        return (
            _("Uw aanmelding voor %(regio)s") % {"regio": aanmelding.regio.naam},
            tekst,
            [aanmelding.email],
        )

    return _eenmaal(aanmelding_id, "afgewezen", Aanmeldingstatus.AFGEWEZEN, maak)
