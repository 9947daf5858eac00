"""Background work of the regions app: reminding programme managers that their
collaboration agreement is about to expire.

Tasks receive ids and are idempotent: a reminder is sent once per agreement, recorded in
``Convenant.herinnering_verstuurd_op`` in the same transaction that sends it.
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast

from .models import LOPENDE_DEELNAME, Convenant, Deelname
from .selectors import programmamanager_adressen

logger = logging.getLogger(__name__)


def herinneringsvenster(vandaag: datetime.date) -> Q:
    """Agreements that end after today but within the reminder period, not yet reminded."""
    return Q(
        herinnering_verstuurd_op__isnull=True,
        einddatum__gt=vandaag,
        einddatum__lte=vandaag + datetime.timedelta(days=settings.CONVENANT_HERINNERING_DAGEN),
    )


def convenant_adres(convenant: Convenant) -> str:
    # An absolute link when the portal knows its own address; otherwise the path, which
    # the reader can still follow from the portal's home page.
    pad = reverse("regios:convenant", kwargs={"slug": convenant.regio.slug})
    return getattr(settings, "SITE_URL", "").rstrip("/") + pad


@shared_task
def herinner_verlopende_convenanten() -> dict:
    """Daily: queue one reminder per agreement that ends within the reminder period.
    Running it twice queues the same agreements twice; each sub-task checks again under
    a row lock, so only one e-mail goes out."""
    vandaag = timezone.localdate()
    ids = list(
        Convenant.objects.filter(herinneringsvenster(vandaag))
        .order_by("einddatum", "pk")
        .values_list("pk", flat=True)
    )
    taken = [verstuur_convenantherinnering.delay(pk).id for pk in ids]
    return {"convenanten": ids, "taken": taken}


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError),
    retry_backoff=True,
    max_retries=5,
)
def verstuur_convenantherinnering(convenant_id: int) -> bool:
    """E-mail the region's programme managers that agreement ``convenant_id`` is about to
    expire, unless that was done already or is no longer due. Returns whether it sent."""
    vandaag = timezone.localdate()
    with transaction.atomic():
        convenant = (
            Convenant.objects.select_for_update(of=("self",))
            .select_related("regio")
            .filter(herinneringsvenster(vandaag), pk=convenant_id)
            .first()
        )
        if convenant is None:
            # Reminded by a concurrent run, changed, removed or expired meanwhile.
            return False
        regio = convenant.regio
        ontvangers = programmamanager_adressen(regio, vandaag)
        if not ontvangers:
            # Left unmarked: the reminder goes out once the region has a programme manager.
            logger.warning(
                "Convenant %s van regio %s: geen programmamanager met e-mailadres.",
                convenant.pk,
                regio.slug,
            )
            return False
        ondertekeningen = list(
            convenant.ondertekeningen.select_related("organisatie").order_by("organisatie__naam")
        )
        getekend = {o.organisatie_id for o in ondertekeningen}
        ontbrekend = sorted(
            (
                d.organisatie.naam
                for d in Deelname.objects.filter(
                    LOPENDE_DEELNAME, regio=regio, organisatie__isnull=False
                ).select_related("organisatie")
                if d.organisatie_id not in getekend
            ),
            key=str.lower,
        )
        context = {
            "convenant": convenant,
            "regio": regio,
            "ondertekeningen": ondertekeningen,
            "ontbrekend": ontbrekend,
            "dagen": (convenant.einddatum - vandaag).days,
            "adres": convenant_adres(convenant),
        }
        # Sent while the row is locked and before the mark is committed: a failed send
        # rolls the mark back (and the task retries); a concurrent run waits for the lock
        # and then finds the mark.
        send_mail(
            subject=_("Convenant %(titel)s loopt af op %(datum)s")
            % {"titel": convenant.titel, "datum": convenant.einddatum.strftime("%d-%m-%Y")},
            message=render_to_string("email/convenant_herinnering.txt", context),
            from_email=None,
            recipient_list=ontvangers,
        )
        convenant.herinnering_verstuurd_op = timezone.now()
        convenant.save(update_fields=["herinnering_verstuurd_op"])
        leg_vast(
            actie=Actie.CONVENANT_HERINNERING,
            omschrijving=_("Herinnering verstuurd: convenant %(titel)s loopt af op %(datum)s.")
            % {"titel": convenant.titel, "datum": convenant.einddatum.strftime("%d-%m-%Y")},
            onderwerp=convenant,
            regio=regio,
            gegevens={"ontvangers": ontvangers},
        )
    return True
