"""Background work of the regions app: reminding programme managers that their
collaboration agreement is about to expire, and applying the retention periods of personal
data (at the end of this module).

The reminder is a step like any other: it records an audit event
(``convenant.herinnering_verstuurd``), whose e-mails :mod:`regios.meldingen` puts in the
outbox. ``Convenant.herinnering_verstuurd_op`` records that the reminder was issued, so the
daily run selects each agreement once; whether its e-mails went out is the outbox's
business.
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem import opmaak
from ecosysteem.audit import Actie, leg_vast
from ecosysteem.bewaren import verwijder_oude_emails

from .models import Convenant
from .selectors import programmamanager_adressen
from .services.bewaartermijnen import pas_bewaartermijnen_aanmeldingen_toe

logger = logging.getLogger(__name__)


def herinneringsvenster(vandaag: datetime.date) -> Q:
    """Agreements that end after today but within the reminder period, not yet reminded."""
    return Q(
        herinnering_verstuurd_op__isnull=True,
        einddatum__gt=vandaag,
        einddatum__lte=vandaag + datetime.timedelta(days=settings.CONVENANT_HERINNERING_DAGEN),
    )


def herinner_convenant(convenant_id: int, vandaag: datetime.date | None = None) -> bool:
    """Issue the reminder that agreement ``convenant_id`` is about to expire, unless that
    was done already or is no longer due. Returns whether it was issued now."""
    vandaag = vandaag or timezone.localdate()
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
            # Not issued: the reminder follows once the region has a programme manager.
            logger.warning(
                "Convenant %s van regio %s: geen programmamanager met e-mailadres.",
                convenant.pk,
                regio.slug,
            )
            return False
        convenant.herinnering_verstuurd_op = timezone.now()
        convenant.save(update_fields=["herinnering_verstuurd_op"])
        leg_vast(
            actie=Actie.CONVENANT_HERINNERING,
            omschrijving=_("Herinnering verstuurd: convenant %(titel)s loopt af op %(datum)s.")
            % {"titel": convenant.korte_titel, "datum": opmaak.datum(convenant.einddatum)},
            onderwerp=convenant,
            regio=regio,
            gegevens={"ontvangers": ontvangers},
        )
    return True


@shared_task
def herinner_verlopende_convenanten() -> dict:
    """Daily (Celery beat): remind about every agreement that ends within the reminder
    period. Running it twice reminds once: each agreement is checked again under a row
    lock. Returns the agreements reminded about in this run."""
    vandaag = timezone.localdate()
    ids = (
        Convenant.objects.filter(herinneringsvenster(vandaag))
        .order_by("einddatum", "pk")
        .values_list("pk", flat=True)
    )
    return {"convenanten": [pk for pk in list(ids) if herinner_convenant(pk, vandaag)]}


@shared_task
def pas_bewaartermijnen_toe() -> dict:
    """Nightly (Celery beat): remove what is past its retention period: unconfirmed and
    rejected registrations (:mod:`regios.services.bewaartermijnen`) and old e-mails of the
    outbox (:mod:`ecosysteem.bewaren`). Idempotent; returns how many of each were removed.
    Also ``manage.py pas_bewaartermijnen_toe``."""
    nu = timezone.now()
    uitkomst = pas_bewaartermijnen_aanmeldingen_toe(nu)
    uitkomst["emails"] = verwijder_oude_emails(nu)
    return uitkomst
