"""Retention of what the portal itself keeps about e-mails: a row of the outbox holds an
address and a text with personal links, so it is removed ``BEWAARTERMIJN_EMAIL_DAGEN``
after it was written, whether it was sent or given up. The audit event of the step stays;
it says what happened, not what was mailed. Run by ``regios.tasks.pas_bewaartermijnen_toe``
(beat) and ``manage.py pas_bewaartermijnen_toe``."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import Actie, leg_vast
from .models import UitgaandeEmail


def emailgrens(nu: datetime.datetime | None = None) -> datetime.datetime:
    return (nu or timezone.now()) - datetime.timedelta(days=settings.BEWAARTERMIJN_EMAIL_DAGEN)


@transaction.atomic
def verwijder_oude_emails(nu: datetime.datetime | None = None) -> int:
    """Remove the outbox rows past their retention period; one audit event with the count
    (no addresses) when there were any. Returns how many were removed."""
    grens = emailgrens(nu)
    oud = UitgaandeEmail.objects.filter(
        Q(verstuurd_op__lt=grens) | Q(verstuurd_op__isnull=True, aangemaakt_op__lt=grens)
    )
    aantal, _per_model = oud.delete()
    if aantal:
        leg_vast(
            actie=Actie.EMAILS_VERWIJDERD,
            omschrijving=_(
                "%(aantal)s e-mail(s) uit de outbox verwijderd: ouder dan de bewaartermijn van "
                "%(dagen)s dagen."
            )
            % {"aantal": aantal, "dagen": settings.BEWAARTERMIJN_EMAIL_DAGEN},
            gegevens={"aantal": aantal, "dagen": settings.BEWAARTERMIJN_EMAIL_DAGEN},
        )
    return aantal
