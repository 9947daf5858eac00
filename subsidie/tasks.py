"""E-mails about the steps of a dossier's submission and review, sent in the background.

Every audit event whose action is in :data:`subsidie.meldingen.STAPPEN` queues
:func:`verstuur_meldingen` with its id once the step's transaction commits;
:mod:`subsidie.meldingen` decides who gets what.
"""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone

from ecosysteem.models import Gebeurtenis
from partners.tasks import OPNIEUW

from .meldingen import STAPPEN, berichten
from .models import Melding

logger = logging.getLogger(__name__)

# How far back the catch-up looks for steps whose e-mails were never sent.
INHAALPERIODE = datetime.timedelta(days=2)


def zet_meldingen_klaar(gebeurtenis: Gebeurtenis) -> None:
    """Queue the e-mails of ``gebeurtenis`` once its step's transaction commits. A step
    whose task could not be queued still stands; :func:`verstuur_gemiste_meldingen` sends
    its e-mails later."""
    transaction.on_commit(lambda: verstuur_meldingen.delay(gebeurtenis.pk), robust=True)


@shared_task(**OPNIEUW)
def verstuur_meldingen(gebeurtenis_id: int) -> int:
    """Send the e-mails that audit event ``gebeurtenis_id`` calls for, each address once.
    Returns how many went out in this run.

    Each mail is marked by a ``Melding`` row inserted in the transaction that sends it: a
    failed send rolls the mark back, so the retry sends that mail (and no earlier one)
    again; a concurrent run blocks on the unique row and then skips the address."""
    gebeurtenis = Gebeurtenis.objects.select_related("regio").filter(pk=gebeurtenis_id).first()
    if gebeurtenis is None:
        return 0
    al_verstuurd = set(
        Melding.objects.filter(gebeurtenis=gebeurtenis).values_list(Lower("ontvanger"), flat=True)
    )
    te_versturen = [b for b in berichten(gebeurtenis) if b.ontvanger.lower() not in al_verstuurd]
    if not te_versturen and not al_verstuurd:
        logger.info("Gebeurtenis %s (%s): niemand te mailen.", gebeurtenis.pk, gebeurtenis.actie)
    verstuurd = 0
    for bericht in te_versturen:
        try:
            with transaction.atomic():
                Melding.objects.create(
                    gebeurtenis=gebeurtenis,
                    ontvanger=bericht.ontvanger,
                    soort=bericht.soort,
                    verstuurd_op=timezone.now(),
                )
                send_mail(
                    subject=bericht.onderwerp,
                    message=bericht.tekst,
                    from_email=None,
                    recipient_list=[bericht.ontvanger],
                )
        except IntegrityError:
            # Sent by a concurrent run of this task meanwhile.
            continue
        verstuurd += 1
    return verstuurd


@shared_task
def verstuur_gemiste_meldingen() -> int:
    """Catch up on e-mails that were never queued: a step commits first and queues its
    e-mails afterwards, so a broker that was down at that moment loses the task (the step
    itself stands). Runs every few minutes from Celery beat and sends, through the same
    idempotent task, for every recent step that has no e-mail recorded yet. Returns how
    many e-mails went out."""
    nu = timezone.now()
    gemist = (
        Gebeurtenis.objects.filter(
            actie__in=STAPPEN.keys(),
            regio__isnull=False,
            tijdstip__gte=nu - INHAALPERIODE,
            # Younger steps may still have their task waiting in the queue.
            tijdstip__lte=nu - datetime.timedelta(minutes=5),
        )
        .exclude(Exists(Melding.objects.filter(gebeurtenis=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )
    return sum(verstuur_meldingen(pk) for pk in gemist)
