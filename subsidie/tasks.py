"""E-mails about the steps of a dossier's submission and review, sent in the background.

The services queue :func:`verstuur_meldingen` with the id of the audit event once their
transaction commits; :mod:`subsidie.meldingen` decides who gets what.
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from ecosysteem.models import Gebeurtenis
from partners.tasks import OPNIEUW

from .meldingen import berichten
from .models import Melding

logger = logging.getLogger(__name__)


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
