"""Who is told what about a partner's registration and about an expiring agreement.

Each function composes the e-mails of one audited step and puts them in the outbox
(:mod:`ecosysteem.outbox`), inside the step's transaction; they are registered per action
in :class:`regios.apps.RegiosConfig`. Recipients are decided at the moment of the step.

| actie | ontvanger |
|---|---|
| ``aanmelding.ingediend`` | the contact: the link that confirms the e-mail address |
| ``aanmelding.bevestigd`` | the region's programme managers: a registration awaits them |
| ``aanmelding.goedgekeurd`` | the contact: welcome, with the link to choose a password |
| ``aanmelding.afgewezen`` | the contact: the rejection and its reason |
| ``koppelverzoek.ingediend`` | the organisation's contacts (else the administrators) |
| ``koppelverzoek.goedgekeurd`` | the person who asked |
| ``koppelverzoek.afgewezen`` | the person who asked, the region's programme managers |
| ``convenant.herinnering_verstuurd`` | the region's programme managers: the agreement ends soon |
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ecosysteem import opmaak
from ecosysteem.models import Actie, Gebeurtenis, Gebruiker
from ecosysteem.outbox import Email, absoluut, leg_klaar
from partners.bevestiging import geldigheid_bevestiging, maak_token
from partners.models import Aanmelding, Aanmeldingstatus, Koppelverzoek, Persoon

from .models import LOPENDE_DEELNAME, Convenant, Deelname
from .selectors import contactpersoon_adressen, programmamanager_adressen

logger = logging.getLogger(__name__)


def _aanmelding(g: Gebeurtenis) -> Aanmelding | None:
    return Aanmelding.objects.select_related("regio").filter(pk=g.onderwerp_id or None).first()


def _peildatum(g: Gebeurtenis):
    return timezone.localdate(g.tijdstip)


def bevestigingsmail(g: Gebeurtenis, aanmelding: Aanmelding) -> list[Email]:
    link = absoluut(reverse("regios:aanmelding_bevestigen", args=[maak_token(aanmelding)]))
    tekst = render_to_string(
        "email/aanmelding_bevestigen.txt",
        {
            "aanmelding": aanmelding,
            "link": link,
            "dagen": geldigheid_bevestiging().days,
            # The same moment the registration expires (counted from the registration,
            # not from this e-mail), in the Dutch time zone.
            "geldig_tot": opmaak.datumtijd(aanmelding.aangemaakt_op + geldigheid_bevestiging()),
        },
    )
    onderwerp = _("Bevestig uw aanmelding voor %(regio)s") % {"regio": aanmelding.regio.naam}
    return [Email(aanmelding.email, "aanmelding_bevestigen", onderwerp, tekst)]


def aanmelding_te_beoordelen(g: Gebeurtenis, aanmelding: Aanmelding) -> list[Email]:
    ontvangers = programmamanager_adressen(aanmelding.regio, _peildatum(g))
    if not ontvangers:
        # Nobody to tell; the programme manager finds it on the Partners page in any case.
        logger.warning("Aanmelding %s: regio zonder programmamanager.", aanmelding.pk)
        return []
    tekst = render_to_string(
        "email/aanmelding_te_beoordelen.txt",
        {
            "aanmelding": aanmelding,
            "link": absoluut(
                reverse("regios:partners", args=[aanmelding.regio.slug]) + "#aanmeldingen"
            ),
        },
    )
    onderwerp = _("Nieuwe aanmelding voor %(regio)s: %(naam)s") % {
        "regio": aanmelding.regio.naam,
        "naam": aanmelding.naam,
    }
    return [Email(adres, "aanmelding_te_beoordelen", onderwerp, tekst) for adres in ontvangers]


def goedkeuringsmail(g: Gebeurtenis, aanmelding: Aanmelding) -> list[Email]:
    personen = Persoon.objects.select_related("gebruiker").filter(gebruiker__isnull=False)
    persoon = (
        personen.filter(pk=g.gegevens.get("persoon")).first()
        or personen.filter(email__iexact=aanmelding.email).first()
    )
    if persoon is None:
        logger.warning("Aanmelding %s: goedgekeurd zonder account.", aanmelding.pk)
        return []
    gebruiker = persoon.gebruiker
    # The token is valid from now on for PASSWORD_RESET_TIMEOUT, and until the password is
    # set: composed at the step, it stays valid while the e-mail waits in the outbox.
    link = absoluut(
        reverse(
            "account:wachtwoord_kiezen",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(gebruiker.pk)),
                "token": default_token_generator.make_token(gebruiker),
            },
        )
    )
    koppelverzoek = (
        Koppelverzoek.objects.select_related("organisatie")
        .filter(pk=g.gegevens.get("koppelverzoek") or None)
        .first()
    )
    tekst = render_to_string(
        "email/aanmelding_goedgekeurd.txt",
        {
            "aanmelding": aanmelding,
            "gebruiker": gebruiker,
            "link": link,
            "koppelverzoek": koppelverzoek,
        },
    )
    onderwerp = _("Uw aanmelding voor %(regio)s is goedgekeurd") % {"regio": aanmelding.regio.naam}
    return [Email(aanmelding.email, "aanmelding_goedgekeurd", onderwerp, tekst)]


def afwijzingsmail(g: Gebeurtenis, aanmelding: Aanmelding) -> list[Email]:
    if g.van_status == Aanmeldingstatus.TE_BEVESTIGEN:
        # Never confirmed: perhaps not the address of whoever filled in the form.
        return []
    tekst = render_to_string("email/aanmelding_afgewezen.txt", {"aanmelding": aanmelding})
    onderwerp = _("Uw aanmelding voor %(regio)s") % {"regio": aanmelding.regio.naam}
    return [Email(aanmelding.email, "aanmelding_afgewezen", onderwerp, tekst)]


AANMELDING = {
    Actie.AANMELDING_INGEDIEND: bevestigingsmail,
    Actie.AANMELDING_BEVESTIGD: aanmelding_te_beoordelen,
    Actie.AANMELDING_GOEDGEKEURD: goedkeuringsmail,
    Actie.AANMELDING_AFGEWEZEN: afwijzingsmail,
}


def meld_aanmelding(g: Gebeurtenis) -> None:
    """Put the e-mail of a registration step in the outbox."""
    aanmelding = _aanmelding(g)
    if aanmelding is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        emails = AANMELDING[g.actie](g, aanmelding)
    leg_klaar(emails, gebeurtenis=g)


def _beheerdersadressen() -> list[str]:
    return sorted(
        set(
            Gebruiker.objects.filter(is_active=True, is_superuser=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def koppelverzoek_ingediend(g: Gebeurtenis, verzoek: Koppelverzoek) -> list[Email]:
    """To the people who may let the person in: the organisation's contact persons, or the
    portal's administrators when it has none."""
    ontvangers = contactpersoon_adressen(verzoek.organisatie, _peildatum(g))
    aan_beheerder = not ontvangers
    if aan_beheerder:
        ontvangers = _beheerdersadressen()
        link = absoluut(reverse("admin:partners_koppelverzoek_change", args=[verzoek.pk]))
    else:
        link = absoluut(reverse("subsidie:mijn_organisatie") + "#verzoeken")
    tekst = render_to_string(
        "email/koppelverzoek_ingediend.txt",
        {"verzoek": verzoek, "link": link, "aan_beheerder": aan_beheerder},
    )
    onderwerp = _("Verzoek om namens %(organisatie)s op te treden") % {
        "organisatie": verzoek.organisatie.naam
    }
    return [Email(adres, "koppelverzoek_ingediend", onderwerp, tekst) for adres in ontvangers]


def koppelverzoek_besloten(g: Gebeurtenis, verzoek: Koppelverzoek) -> list[Email]:
    goedgekeurd = g.actie == Actie.KOPPELVERZOEK_GOEDGEKEURD
    onderwerp = (
        _("U kunt nu namens %(organisatie)s optreden")
        if goedgekeurd
        else _("Uw verzoek om namens %(organisatie)s op te treden")
    ) % {"organisatie": verzoek.organisatie.naam}
    context = {
        "verzoek": verzoek,
        "goedgekeurd": goedgekeurd,
        "link": absoluut(reverse("subsidie:mijn_organisatie")),
    }
    emails = []
    if verzoek.persoon.email:
        tekst = render_to_string("email/koppelverzoek_besloten.txt", context)
        emails.append(Email(verzoek.persoon.email, "koppelverzoek_besloten", onderwerp, tekst))
    if not goedgekeurd and verzoek.regio is not None:
        tekst = render_to_string(
            "email/koppelverzoek_besloten.txt", {**context, "aan_programmamanager": True}
        )
        onderwerp_pm = _("%(persoon)s mag niet namens %(organisatie)s optreden") % {
            "persoon": verzoek.persoon.volledige_naam,
            "organisatie": verzoek.organisatie.naam,
        }
        emails += [
            Email(adres, "koppelverzoek_afgewezen_regio", onderwerp_pm, tekst)
            for adres in programmamanager_adressen(verzoek.regio, _peildatum(g))
            if adres.lower() != verzoek.persoon.email.lower()
        ]
    return emails


KOPPELVERZOEK = {
    Actie.KOPPELVERZOEK_INGEDIEND: koppelverzoek_ingediend,
    Actie.KOPPELVERZOEK_GOEDGEKEURD: koppelverzoek_besloten,
    Actie.KOPPELVERZOEK_AFGEWEZEN: koppelverzoek_besloten,
}


def meld_koppelverzoek(g: Gebeurtenis) -> None:
    """Put the e-mails of a join request's step in the outbox."""
    verzoek = (
        Koppelverzoek.objects.select_related("organisatie", "persoon", "regio")
        .filter(pk=g.onderwerp_id or None)
        .first()
    )
    if verzoek is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        emails = KOPPELVERZOEK[g.actie](g, verzoek)
    leg_klaar(emails, gebeurtenis=g)


def herinneringsmail(g: Gebeurtenis, convenant: Convenant) -> list[Email]:
    regio = convenant.regio
    peildatum = _peildatum(g)
    ondertekeningen = list(
        convenant.ondertekeningen.select_related("organisatie").order_by("organisatie__naam")
    )
    getekend = {o.organisatie_id for o in ondertekeningen}
    ontbrekend = sorted(
        (
            d.organisatie.naam
            for d in Deelname.objects.filter(
                LOPENDE_DEELNAME, regio=regio, organisatie__isnull=False
            ).select_related("organisatie")
            if d.organisatie_id not in getekend
        ),
        key=str.lower,
    )
    tekst = render_to_string(
        "email/convenant_herinnering.txt",
        {
            "convenant": convenant,
            "regio": regio,
            "ondertekeningen": ondertekeningen,
            "ontbrekend": ontbrekend,
            "dagen": (convenant.einddatum - peildatum).days,
            "adres": absoluut(reverse("regios:convenant", kwargs={"slug": regio.slug})),
        },
    )
    onderwerp = _("Convenant %(titel)s loopt af op %(datum)s") % {
        "titel": convenant.korte_titel,
        "datum": opmaak.datum(convenant.einddatum),
    }
    return [
        Email(adres, "convenant_herinnering", onderwerp, tekst)
        for adres in programmamanager_adressen(regio, peildatum)
    ]


def meld_convenantherinnering(g: Gebeurtenis) -> None:
    """Put the reminder that an agreement expires soon in the outbox."""
    convenant = Convenant.objects.select_related("regio").filter(pk=g.onderwerp_id or None).first()
    if convenant is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        emails = herinneringsmail(g, convenant)
    leg_klaar(emails, gebeurtenis=g)
