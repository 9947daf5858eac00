"""How long registrations keep their personal data.

- An unconfirmed registration is removed once its confirmation link has expired
  (``AANMELDING_BEVESTIGEN_DAGEN``): nobody confirmed the address, so nothing of it is
  kept. Registering again works at once: an expired registration stands in nobody's way
  even before it is removed (``wachtende_aanmelding``).
- A rejected registration is removed ``BEWAARTERMIJN_AFGEWEZEN_AANMELDING_DAGEN`` after the
  decision.

Removing deletes the row with the contact's name, address, phone and the hash of the
client address, and the e-mails of its steps (they quote name and address, and carry the
confirmation link); the steps' audit events stay, without the contact's name and address,
and one more event says that and why it was removed. Each registration goes in its own
transaction, so a second run, or two at once, remove it once.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebeurtenis, UitgaandeEmail
from ecosysteem.pseudoniem import pseudonimiseer_gebeurtenissen
from partners.bevestiging import geldigheid_bevestiging
from partners.models import Aanmelding, Aanmeldingstatus

# What stands in the audit texts of a removed registration instead of its contact.
PSEUDONIEM_AANMELDER = "[aanmelder]"


def verlopen_aanmeldingen(nu: datetime.datetime | None = None):
    return Aanmelding.objects.filter(
        status=Aanmeldingstatus.TE_BEVESTIGEN,
        aangemaakt_op__lt=(nu or timezone.now()) - geldigheid_bevestiging(),
    )


def oude_afwijzingen(nu: datetime.datetime | None = None):
    grens = (nu or timezone.now()) - datetime.timedelta(
        days=settings.BEWAARTERMIJN_AFGEWEZEN_AANMELDING_DAGEN
    )
    return Aanmelding.objects.filter(status=Aanmeldingstatus.AFGEWEZEN, besloten_op__lt=grens)


def _verwijder(aanmelding: Aanmelding, omschrijving: str, termijn: int) -> None:
    stappen = Gebeurtenis.objects.filter(
        onderwerp_type=ContentType.objects.get_for_model(Aanmelding),
        onderwerp_id=str(aanmelding.pk),
    )
    UitgaandeEmail.objects.filter(gebeurtenis__in=stappen).delete()
    pseudonimiseer_gebeurtenissen(
        [aanmelding.contactnaam, aanmelding.email], PSEUDONIEM_AANMELDER, binnen=stappen
    )
    leg_vast(
        actie=Actie.AANMELDING_VERWIJDERD,
        omschrijving=omschrijving,
        onderwerp=aanmelding,
        regio=aanmelding.regio,
        van_status=aanmelding.status,
        gegevens={"dagen": termijn},
    )
    aanmelding.delete()


def verwijder_verlopen_aanmelding(aanmelding_id: int, nu: datetime.datetime | None = None) -> bool:
    """Remove one unconfirmed registration whose link expired. False if it was confirmed,
    removed or is not yet due meanwhile."""
    with transaction.atomic():
        aanmelding = (
            verlopen_aanmeldingen(nu)
            .select_for_update(of=("self",))
            .select_related("regio")
            .filter(pk=aanmelding_id)
            .first()
        )
        if aanmelding is None:
            return False
        dagen = settings.AANMELDING_BEVESTIGEN_DAGEN
        _verwijder(
            aanmelding,
            _(
                "Onbevestigde aanmelding van %(naam)s verwijderd: het e-mailadres is niet "
                "binnen %(dagen)s dagen bevestigd."
            )
            % {"naam": aanmelding.naam, "dagen": dagen},
            dagen,
        )
    return True


def verwijder_oude_afwijzing(aanmelding_id: int, nu: datetime.datetime | None = None) -> bool:
    """Remove one rejected registration past its retention period."""
    with transaction.atomic():
        aanmelding = (
            oude_afwijzingen(nu)
            .select_for_update(of=("self",))
            .select_related("regio")
            .filter(pk=aanmelding_id)
            .first()
        )
        if aanmelding is None:
            return False
        dagen = settings.BEWAARTERMIJN_AFGEWEZEN_AANMELDING_DAGEN
        _verwijder(
            aanmelding,
            _(
                "Afgewezen aanmelding van %(naam)s verwijderd: de bewaartermijn van %(dagen)s "
                "dagen na de afwijzing is voorbij."
            )
            % {"naam": aanmelding.naam, "dagen": dagen},
            dagen,
        )
    return True


def pas_bewaartermijnen_aanmeldingen_toe(nu: datetime.datetime | None = None) -> dict[str, int]:
    """Remove every registration past its period. Returns how many of each kind."""
    nu = nu or timezone.now()
    verlopen = list(verlopen_aanmeldingen(nu).order_by("pk").values_list("pk", flat=True))
    afgewezen = list(oude_afwijzingen(nu).order_by("pk").values_list("pk", flat=True))
    return {
        "onbevestigde_aanmeldingen": sum(verwijder_verlopen_aanmelding(pk, nu) for pk in verlopen),
        "afgewezen_aanmeldingen": sum(verwijder_oude_afwijzing(pk, nu) for pk in afgewezen),
    }
