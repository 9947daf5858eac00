"""The e-mail outbox: every e-mail the portal sends goes through here.

A step (a service) writes its e-mails as rows of :class:`~ecosysteem.models.UitgaandeEmail`
inside its own transaction, through :func:`leg_klaar`; usually not itself, but through the
handlers that :func:`ecosysteem.audit.leg_vast` calls for the step's audit event. So a refused
step mails nothing and a committed step never loses its e-mails.

After the commit each row is handed to the worker (:func:`verstuur_email`) with a publish
that fails fast: the step never waits on the broker. The worker sends, marks the row sent,
and retries on SMTP and connection errors. Rows that were never handed over (the broker was
down) or whose retries ran out are queued again by the beat task
:func:`zet_onverstuurde_in_wachtrij`, which only queues and never sends itself. Without a
broker (the demo, ``CELERY_TASK_ALWAYS_EAGER``) queueing runs the task in the same process.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Gebeurtenis, UitgaandeEmail

logger = logging.getLogger(__name__)

# The catch-up leaves rows younger than this to the task their step queued, and rows tried
# less than this long ago to the worker's own retries.
WACHTTIJD = datetime.timedelta(minutes=2)
# Older unsent rows are history, not a backlog: their news is stale. The admin shows them.
INHAALPERIODE = datetime.timedelta(days=2)
# A row that failed this often (an address the server keeps refusing) is left alone.
MAX_POGINGEN = 10
# At most this many rows per catch-up run, so a long outage drains in steps.
PER_INHAALRONDE = 500

# Errors of the mail server or the network: worth trying again later.
VERZENDFOUTEN = (smtplib.SMTPException, OSError)


@dataclass(frozen=True)
class Email:
    """One e-mail to one address, as a handler composes it."""

    ontvanger: str
    soort: str  # the template's name, e.g. ``melding_dossier_ingediend``
    onderwerp: str
    tekst: str


def absoluut(pad: str) -> str:
    """An absolute link when the portal knows its own address (``SITE_URL``); otherwise the
    path, which the reader can still follow from the portal's home page."""
    return getattr(settings, "SITE_URL", "").rstrip("/") + pad


def stap_van(gebeurtenis: Gebeurtenis) -> str:
    return f"gebeurtenis:{gebeurtenis.pk}"


def leg_klaar(
    emails: Iterable[Email], *, gebeurtenis: Gebeurtenis | None = None, stap: str = ""
) -> list[int]:
    """Put the e-mails of one step in the outbox, inside the caller's transaction, and hand
    them to the worker once it commits. Returns the ids of the step's unsent rows.

    The step is ``gebeurtenis`` (its audit event) unless ``stap`` names it. Each address
    gets one e-mail per step: the first e-mail for an address wins, also against rows an
    earlier call wrote for the same step."""
    if not stap:
        if gebeurtenis is None:
            raise ValueError("Een e-mail hoort bij een stap of een gebeurtenis.")
        stap = stap_van(gebeurtenis)
    rijen: list[UitgaandeEmail] = []
    gezien: set[str] = set()
    for email in emails:
        adres = email.ontvanger.strip()
        sleutel = adres.lower()
        if not sleutel or sleutel in gezien:
            continue
        gezien.add(sleutel)
        rijen.append(
            UitgaandeEmail(
                stap=stap,
                gebeurtenis=gebeurtenis,
                ontvanger=adres,
                soort=email.soort,
                onderwerp=" ".join(str(email.onderwerp).split())[:250],
                tekst=email.tekst,
            )
        )
    if not rijen:
        return []
    UitgaandeEmail.objects.bulk_create(rijen, ignore_conflicts=True)
    ids = list(
        UitgaandeEmail.objects.filter(stap=stap, verstuurd_op__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )

    def zet_stap_in_wachtrij() -> None:
        zet_in_wachtrij(ids)

    # Robust: if the broker is down the step still stands (Django logs the error); the rows
    # wait for the catch-up.
    transaction.on_commit(zet_stap_in_wachtrij, robust=True)
    return ids


def zet_in_wachtrij(ids: Sequence[int]) -> int:
    """Hand rows to the worker, one task each. The publish does not retry and the broker's
    timeouts are short (``CELERY_BROKER_*`` settings), so with the broker down this raises
    within about a second, at the first row: the others would fail alike and wait for the
    catch-up too. Returns how many were queued."""
    for pk in ids:
        verstuur_email.apply_async((pk,), retry=False)
    return len(ids)


def verstuur(email_id: int) -> bool:
    """Send row ``email_id`` unless it was sent already or another run is sending it.
    Returns whether this call sent it.

    The row stays locked while sending, so a concurrent run skips it. A failed send is
    recorded on the row (attempts, error) and then raised, for the task to retry."""
    fout: Exception | None = None
    with transaction.atomic():
        rij = (
            UitgaandeEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, verstuurd_op__isnull=True)
            .first()
        )
        if rij is None:
            # Sent already, removed, or being sent right now by a concurrent run.
            return False
        if rij.pogingen >= MAX_POGINGEN:
            logger.warning(
                "E-mail %s aan %s: na %s pogingen opgegeven.", rij.pk, rij.ontvanger, rij.pogingen
            )
            return False
        rij.pogingen += 1
        rij.laatste_poging_op = timezone.now()
        try:
            send_mail(
                subject=rij.onderwerp,
                message=rij.tekst,
                from_email=None,
                recipient_list=[rij.ontvanger],
            )
        except VERZENDFOUTEN as uitzondering:
            fout = uitzondering
            rij.laatste_fout = f"{type(uitzondering).__name__}: {uitzondering}"[:2000]
            rij.save(update_fields=["pogingen", "laatste_poging_op", "laatste_fout"])
        else:
            rij.verstuurd_op = timezone.now()
            rij.laatste_fout = ""
            rij.save(
                update_fields=["pogingen", "laatste_poging_op", "laatste_fout", "verstuurd_op"]
            )
    if fout is not None:
        # Raised after the commit, so the attempt and its error stay recorded.
        raise fout
    return True


def herhaaltijd(pogingen: int) -> int:
    """Seconds before retry number ``pogingen + 1``: doubling from ``OUTBOX_HERHAALTIJD``
    (30 s) up to a quarter of an hour, at random below that (full jitter), so e-mails that
    failed together during an SMTP outage do not all return at the same moment."""
    return get_exponential_backoff_interval(
        factor=getattr(settings, "OUTBOX_HERHAALTIJD", 30),
        retries=pogingen,
        maximum=15 * 60,
        full_jitter=True,
    )


@shared_task(
    bind=True,
    max_retries=5,
    # Nobody waits for the outcome, which is on the row: no result backend in the path of
    # the step that queues it.
    ignore_result=True,
)
def verstuur_email(self, email_id: int) -> bool:
    """Send one e-mail of the outbox; idempotent (see :func:`verstuur`). A failed send is
    retried with growing pauses, at most five times; after that the catch-up tries again.
    Called directly (not through Celery) the send's error is raised as it is."""
    try:
        return verstuur(email_id)
    except VERZENDFOUTEN as fout:
        raise self.retry(exc=fout, countdown=herhaaltijd(self.request.retries)) from fout


def te_versturen(nu: datetime.datetime | None = None):
    """Unsent rows that no task is expected to handle any more: older than
    :data:`WACHTTIJD`, not tried within it, within :data:`INHAALPERIODE`, not given up."""
    nu = nu or timezone.now()
    return (
        UitgaandeEmail.objects.filter(
            verstuurd_op__isnull=True,
            pogingen__lt=MAX_POGINGEN,
            aangemaakt_op__gte=nu - INHAALPERIODE,
            aangemaakt_op__lte=nu - WACHTTIJD,
        )
        .filter(Q(laatste_poging_op__isnull=True) | Q(laatste_poging_op__lte=nu - WACHTTIJD))
        .order_by("pk")
    )


@shared_task
def zet_onverstuurde_in_wachtrij() -> int:
    """Every few minutes (Celery beat): queue the e-mails that are still unsent, so that
    they follow once the broker is back. Only queues; the worker sends. Returns how many
    were queued."""
    ids = list(te_versturen().values_list("pk", flat=True)[:PER_INHAALRONDE])
    if ids:
        logger.info("Inhaalronde: %s onverstuurde e-mail(s) in de wachtrij gezet.", len(ids))
    return zet_in_wachtrij(ids)
