"""Background work of the subsidy app: making the documents of a dossier (its reports and
decision letters as PDF, the auditor's export as ZIP), and clearing old ones.

The task receives the document's id only, reads everything from the database, and is
idempotent: a report that is ready is not rendered again (a second delivery of the same
message, or a second click, costs nothing). A failed render is retried with a growing pause;
after the last attempt the report is marked failed, and the page offers to try again. The
time limits keep a stuck render from holding a worker forever. Without a broker (the demo)
the task runs in the web process, right after the request's commit.
"""

from __future__ import annotations

import datetime
import hashlib
import logging

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .documentinhoud import documentinhoud
from .models import Besluitstatus, Rapport, Rapportsoort, Rapportstatus

logger = logging.getLogger(__name__)

MAX_POGINGEN = 3


def maak(rapport_id: int, *, laatste_poging: bool = True) -> bool:
    """Render report ``rapport_id`` unless it is ready already. Returns whether it rendered.
    A failure is recorded on the report (and raised, for the task to retry); on the last
    attempt the report is marked failed."""
    with transaction.atomic():
        rapport = (
            Rapport.objects.select_for_update(of=("self",))
            .select_related("regio__tijdvak", "indiening", "besluit")
            .get(pk=rapport_id)
        )
        if rapport.is_klaar:
            return False
        rapport.status = Rapportstatus.BEZIG
        rapport.pogingen += 1
        rapport.save(update_fields=["status", "pogingen"])
    try:
        inhoud = documentinhoud(rapport.regio, rapport.soort, rapport.indiening, rapport.besluit)
        gegevens = inhoud.maak()
    except Exception as fout:
        Rapport.objects.filter(pk=rapport_id).update(
            fout=f"{type(fout).__name__}: {fout}"[:2000],
            status=Rapportstatus.MISLUKT if laatste_poging else Rapportstatus.BEZIG,
        )
        raise
    with transaction.atomic():
        rapport = (
            Rapport.objects.select_for_update(of=("self",))
            .select_related("regio", "besluit", "indiening")
            .get(pk=rapport_id)
        )
        if rapport.is_klaar:
            return False
        rapport.bestand.save(rapport.bestandsnaam, ContentFile(gegevens), save=False)
        rapport.sha256 = hashlib.sha256(gegevens).hexdigest()
        rapport.inhoud_hash = inhoud.hash
        rapport.status = Rapportstatus.KLAAR
        rapport.klaar_op = timezone.now()
        rapport.fout = ""
        rapport.save(
            update_fields=["bestand", "sha256", "inhoud_hash", "status", "klaar_op", "fout"]
        )
    logger.info("Rapport %s gemaakt (%s bytes).", rapport_id, len(gegevens))
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


@shared_task(ignore_result=True)
def ruim_rapporten_op() -> int:
    """Beat, once a day: remove documents older than ``RAPPORT_BEWAARDAGEN`` days with their
    files. A report can always be made again from the dossier; the PDF of a sent decision
    letter is kept for good (the latest finished one per letter), as the letter itself is."""
    grens = timezone.now() - datetime.timedelta(days=settings.RAPPORT_BEWAARDAGEN)
    bewaren = _laatste_per_besluit()
    oud = Rapport.objects.filter(aangevraagd_op__lt=grens).exclude(pk__in=bewaren)
    verwijderd = 0
    for rapport in oud.iterator():
        naam = rapport.bestand.name
        rapport.delete()
        if naam:
            rapport.bestand.storage.delete(naam)
        verwijderd += 1
    if verwijderd:
        logger.info("%s oude rapporten verwijderd.", verwijderd)
    return verwijderd


def _laatste_per_besluit() -> list[int]:
    """The newest finished PDF of every sent letter (a handful per region)."""
    laatste: dict[int, int] = {}
    for pk, besluit_id in (
        Rapport.objects.filter(
            soort=Rapportsoort.BESCHIKKING,
            besluit__status=Besluitstatus.VERSTUURD,
            status=Rapportstatus.KLAAR,
        )
        .order_by("klaar_op", "id")
        .values_list("pk", "besluit_id")
    ):
        laatste[besluit_id] = pk
    return list(laatste.values())
