"""Who is told about a request to erase personal data: the portal's administrators, who
carry it out. Registered for ``persoonsgegevens.verwijderverzoek`` in
:class:`subsidie.apps.SubsidieConfig`. The e-mail names the request's number, not the
person: it sits in the outbox for a while."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ecosysteem.models import Actie, Gebeurtenis, Gebruiker, Verwijderverzoek
from ecosysteem.outbox import Email, absoluut, leg_klaar

ACTIES = [Actie.VERWIJDERVERZOEK_INGEDIEND]


def meld_verwijderverzoek(g: Gebeurtenis) -> None:
    verzoek = Verwijderverzoek.objects.filter(pk=g.onderwerp_id or None).first()
    if verzoek is None:
        return
    ontvangers = sorted(
        set(
            Gebruiker.objects.filter(is_active=True, is_superuser=True)
            .exclude(pk=g.door_id)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    with translation.override(settings.LANGUAGE_CODE):
        tekst = render_to_string(
            "email/verwijderverzoek_ingediend.txt",
            {
                "verzoek": verzoek,
                "link": absoluut(
                    reverse("admin:ecosysteem_verwijderverzoek_change", args=[verzoek.pk])
                ),
            },
        )
        onderwerp = _("Verzoek #%(nummer)s om persoonsgegevens te wissen") % {"nummer": verzoek.pk}
    leg_klaar(
        [Email(adres, "verwijderverzoek_ingediend", onderwerp, tekst) for adres in ontvangers],
        gebeurtenis=g,
    )
