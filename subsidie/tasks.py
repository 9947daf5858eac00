"""Background work of the subsidy app: rendering the reports of a dossier as PDF.

The task receives the report's id only, reads everything from the database, and is
idempotent: a report that is ready is not rendered again (a second delivery of the same
message, or a second click, costs nothing). A failed render is retried with a growing pause;
after the last attempt the report is marked failed, and the page offers to try again. The
time limits keep a stuck render from holding a worker forever. Without a broker (the demo)
the task runs in the web process, right after the request's commit.
"""

from __future__ import annotations

import hashlib
import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ecosysteem.documenten import render_pdf

from .models import Rapport, Rapportstatus
from .rapporten import rapport_html, rapportinhoud

logger = logging.getLogger(__name__)

MAX_POGINGEN = 3


def maak(rapport_id: int, *, laatste_poging: bool = True) -> bool:
    """Render report ``rapport_id`` unless it is ready already. Returns whether it rendered.
    A failure is recorded on the report (and raised, for the task to retry); on the last
    attempt the report is marked failed."""
    with transaction.atomic():
        rapport = (
            Rapport.objects.select_for_update(of=("self",))
            .select_related("regio__tijdvak", "indiening")
            .get(pk=rapport_id)
        )
        if rapport.is_klaar:
            return False
        rapport.status = Rapportstatus.BEZIG
        rapport.pogingen += 1
        rapport.save(update_fields=["status", "pogingen"])
    try:
        inhoud = rapportinhoud(rapport.regio, rapport.soort, rapport.indiening)
        pdf = render_pdf(rapport_html(inhoud))
    except Exception as fout:
        Rapport.objects.filter(pk=rapport_id).update(
            fout=f"{type(fout).__name__}: {fout}"[:2000],
            status=Rapportstatus.MISLUKT if laatste_poging else Rapportstatus.BEZIG,
        )
        raise
    with transaction.atomic():
        rapport = (
            Rapport.objects.select_for_update(of=("self",))
            .select_related("regio")
            .get(pk=rapport_id)
        )
        if rapport.is_klaar:
            return False
        rapport.bestand.save(rapport.bestandsnaam, ContentFile(pdf), save=False)
        rapport.sha256 = hashlib.sha256(pdf).hexdigest()
        rapport.inhoud_hash = inhoud.hash
        rapport.status = Rapportstatus.KLAAR
        rapport.klaar_op = timezone.now()
        rapport.fout = ""
        rapport.save(
            update_fields=["bestand", "sha256", "inhoud_hash", "status", "klaar_op", "fout"]
        )
    logger.info("Rapport %s gemaakt (%s bytes).", rapport_id, len(pdf))
    return True


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    max_retries=MAX_POGINGEN - 1,
    retry_backoff=5,
    retry_jitter=False,
    soft_time_limit=120,
    time_limit=180,
    acks_late=True,
    ignore_result=True,
)
def maak_rapport(self, rapport_id: int) -> bool:
    return maak(rapport_id, laatste_poging=self.request.retries >= self.max_retries)
