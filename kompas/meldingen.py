"""Who is told about the collaboration scan.

| actie | ontvangers |
|---|---|
| ``scan.ronde_geopend`` | who has a current role in the region and an account, not the opener |

Registered in :class:`kompas.apps.KompasConfig`; the e-mails go into the outbox inside the
step's transaction (:mod:`ecosysteem.outbox`). Recipients are decided at the step.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ecosysteem.models import Actie, Gebeurtenis
from ecosysteem.outbox import Email, absoluut, leg_klaar
from regios.selectors import rolhouder_adressen

from .models import Scanronde

ACTIES = [Actie.SCANRONDE_GEOPEND]


def scanronde_geopend(g: Gebeurtenis, ronde: Scanronde) -> list[Email]:
    regio = ronde.regio
    ontvangers = rolhouder_adressen(regio, timezone.localdate(g.tijdstip), behalve=g.door_id)
    if not ontvangers:
        return []
    tekst = render_to_string(
        "email/scanronde_geopend.txt",
        {
            "regio": regio,
            "ronde": ronde,
            "link": absoluut(
                reverse("kompas:scan_invullen", kwargs={"slug": regio.slug, "pk": ronde.pk})
            ),
        },
    )
    onderwerp = _("Vul de samenwerkingsscan van %(regio)s in: %(naam)s") % {
        "regio": regio.naam,
        "naam": ronde.naam,
    }
    return [Email(adres, "scanronde_geopend", onderwerp, tekst) for adres in ontvangers]


def meld_scanronde(g: Gebeurtenis) -> None:
    """Put the invitation to answer a newly opened round in the outbox."""
    ronde = Scanronde.objects.select_related("regio").filter(pk=g.onderwerp_id or None).first()
    if ronde is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        emails = scanronde_geopend(g, ronde)
    leg_klaar(emails, gebeurtenis=g)
