"""A person's requests about their data, and erasing them (AVG art. 17).

Erasing keeps the audit trail whole: every event stays with its action, time, region and
subject, and ``door`` keeps pointing at the account, which is pseudonymised and switched
off. What identifies the person (names, e-mail addresses, login name, phone numbers) is
replaced everywhere the portal wrote it down by ``persoon #<number of the request>``: the
account, the contact record, registrations, the descriptions, reasons and data of audit
events, convenant signatures, the frozen content of submitted dossiers and e-mails to
others. E-mails to the person, registrations still waiting and their open requests to act
for an organisation are removed, and so are generated PDFs of the regions concerned (they
are made again from the pseudonymised data when asked for). One more event records the
erasure itself, with counts and without personal data.

The person's roles stay: they are part of the regions' dossiers; they now name the
pseudonym and their account can no longer log in.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.gebruikersrechten import namens
from ecosysteem.models import Gebruiker, Verwijderverzoek, Verwijderverzoekstatus
from ecosysteem.pseudoniem import (
    pseudonimiseer_emails,
    pseudonimiseer_gebeurtenissen,
    vervang_in,
)
from ecosysteem.rechten import eis
from partners.models import Aanmeldingstatus, Koppelverzoek, Koppelverzoekstatus
from regios.models import Ondertekening, Rol

from ..models import Besluitstatus, Indiening, Rapport, Rapportsoort, Rapportstatus
from ..privacy import Betrokkene


def pseudoniem_voor(verzoek: Verwijderverzoek) -> str:
    return _("persoon #%(nummer)s") % {"nummer": verzoek.pk}


def _pseudo_adres(verzoek: Verwijderverzoek) -> str:
    return f"verwijderd-{verzoek.pk}@verwijderd.invalid"


@transaction.atomic
def vraag_wissen_aan(*, gebruiker: Gebruiker, toelichting: str = "") -> Verwijderverzoek:
    """The person asks, on "Mijn gegevens", to have their data erased. The administrators
    are told; one open request per person is enough."""
    if not gebruiker or not gebruiker.is_authenticated:
        raise ValidationError(_("Log in om uw gegevens te laten wissen."), code="anoniem")
    open_verzoek = Verwijderverzoek.objects.filter(
        gebruiker=gebruiker, status=Verwijderverzoekstatus.OPEN
    ).first()
    if open_verzoek is not None:
        return open_verzoek
    betrokkene = Betrokkene.van(gebruiker=gebruiker)
    verzoek = Verwijderverzoek.objects.create(
        gebruiker=gebruiker, persoon=betrokkene.persoon, toelichting=(toelichting or "").strip()
    )
    leg_vast(
        actie=Actie.VERWIJDERVERZOEK_INGEDIEND,
        omschrijving=_("Verzoek #%(nummer)s om persoonsgegevens te wissen ingediend.")
        % {"nummer": verzoek.pk},
        door=gebruiker,
        onderwerp=verzoek,
        naar_status=verzoek.status,
    )
    return verzoek


@transaction.atomic
def wijs_wissen_af(*, verzoek: Verwijderverzoek, door: Gebruiker, reden: str) -> Verwijderverzoek:
    """An administrator declines (for example: the data must be kept for the subsidy's
    accountability), with the reason."""
    eis("subsidie.persoonsgegevens_wissen", door, verzoek)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError(
            {"reden": ValidationError(_("Geef een reden voor de afwijzing."), code="reden")}
        )
    verzoek = _vergrendel(verzoek)
    verzoek.status = Verwijderverzoekstatus.AFGEWEZEN
    verzoek.afgehandeld_op = timezone.now()
    verzoek.afgehandeld_door = door
    verzoek.reden = reden
    verzoek.save(update_fields=["status", "afgehandeld_op", "afgehandeld_door", "reden"])
    leg_vast(
        actie=Actie.VERWIJDERVERZOEK_AFGEWEZEN,
        omschrijving=_("Verzoek #%(nummer)s om persoonsgegevens te wissen afgewezen.")
        % {"nummer": verzoek.pk},
        door=door,
        onderwerp=verzoek,
        van_status=Verwijderverzoekstatus.OPEN,
        naar_status=verzoek.status,
        reden=reden,
    )
    return verzoek


def _vergrendel(verzoek: Verwijderverzoek) -> Verwijderverzoek:
    actueel = (
        Verwijderverzoek.objects.select_for_update(of=("self",))
        .select_related("gebruiker", "persoon__gebruiker", "persoon__organisatie")
        .get(pk=verzoek.pk)
    )
    if not actueel.is_open:
        raise ValidationError(_("Over dit verzoek is al besloten."), code="status")
    if actueel.gebruiker_id is None and actueel.persoon_id is None:
        raise ValidationError(
            _("Dit verzoek noemt geen account of contactpersoon."), code="niemand"
        )
    return actueel


def voorvertoning(verzoek: Verwijderverzoek) -> dict[str, Any]:
    """What erasing would touch, for the administrator's confirmation page."""
    betrokkene = Betrokkene.van(gebruiker=verzoek.gebruiker, persoon=verzoek.persoon)
    aanmeldingen = list(betrokkene.aanmeldingen())
    kenmerken = betrokkene.kenmerken(aanmeldingen)
    return {
        "betrokkene": betrokkene,
        "namen": sorted(betrokkene.namen()),
        "adressen": sorted(betrokkene.adressen),
        "aanmeldingen": len(aanmeldingen),
        "rollen": Rol.objects.filter(persoon=betrokkene.persoon).count()
        if betrokkene.persoon
        else 0,
        "kenmerken": kenmerken,
    }


@transaction.atomic
def wis_persoonsgegevens(*, verzoek: Verwijderverzoek, door: Gebruiker) -> Verwijderverzoek:
    """Carry out an erasure request (administrators only): pseudonymise or remove the
    person everywhere, as the module says. All or nothing."""
    verzoek = _vergrendel(verzoek)
    eis("subsidie.persoonsgegevens_wissen", door, verzoek)
    betrokkene = Betrokkene.van(gebruiker=verzoek.gebruiker, persoon=verzoek.persoon)
    gebruiker, persoon = betrokkene.gebruiker, betrokkene.persoon
    if gebruiker is not None and gebruiker.pk == door.pk:
        raise ValidationError(_("Uw eigen gegevens wist een andere beheerder."), code="zelf")
    pseudoniem = pseudoniem_voor(verzoek)
    adres = _pseudo_adres(verzoek)
    aanmeldingen = list(betrokkene.aanmeldingen().select_for_update())
    kenmerken = betrokkene.kenmerken(aanmeldingen)
    namen = betrokkene.namen()
    adressen = betrokkene.adressen
    regio_ids: set[int] = set()

    # The texts first, while the names are still known.
    gebeurtenissen = pseudonimiseer_gebeurtenissen(kenmerken, pseudoniem)
    emails_weg, emails_aangepast = pseudonimiseer_emails(
        adressen=adressen, kenmerken=kenmerken, pseudoniem=pseudoniem
    )
    indieningen = 0
    if kenmerken:
        voorwaarde = Q()
        for kenmerk in kenmerken:
            voorwaarde |= Q(inhoud_tekst__icontains=kenmerk)
        for indiening in (
            Indiening.objects.annotate(inhoud_tekst=Cast("inhoud", TextField()))
            .filter(voorwaarde)
            .select_for_update(of=("self",))
        ):
            nieuw = vervang_in(indiening.inhoud, kenmerken, pseudoniem)
            if nieuw != indiening.inhoud:
                Indiening.objects.filter(pk=indiening.pk).update(inhoud=nieuw)
                indieningen += 1
                regio_ids.add(indiening.regio_id)
    ondertekeningen = 0
    if namen:
        naamvoorwaarde = Q()
        for naam in namen:
            naamvoorwaarde |= Q(ondertekenaar__iexact=naam)
        getekend = Ondertekening.objects.filter(naamvoorwaarde)
        regio_ids.update(getekend.values_list("convenant__regio_id", flat=True))
        ondertekeningen = getekend.update(ondertekenaar=pseudoniem)

    # Registrations: waiting ones go, decided ones keep what the region decided on.
    wachtend = [
        a
        for a in aanmeldingen
        if a.status in (Aanmeldingstatus.TE_BEVESTIGEN, Aanmeldingstatus.BEVESTIGD)
    ]
    for aanmelding in aanmeldingen:
        regio_ids.add(aanmelding.regio_id)
        if aanmelding in wachtend:
            aanmelding.delete()
            continue
        aanmelding.voornaam = _("persoon")
        aanmelding.tussenvoegsel = ""
        aanmelding.achternaam = f"#{verzoek.pk}"
        aanmelding.email = adres
        aanmelding.telefoon = ""
        aanmelding.functie = ""
        aanmelding.ip_hash = ""
        aanmelding.save(
            update_fields=[
                "voornaam",
                "tussenvoegsel",
                "achternaam",
                "email",
                "telefoon",
                "functie",
                "ip_hash",
            ]
        )

    if persoon is not None:
        regio_ids.update(Rol.objects.filter(persoon=persoon).values_list("regio_id", flat=True))
        Koppelverzoek.objects.filter(persoon=persoon, status=Koppelverzoekstatus.OPEN).delete()
        persoon.voornaam = _("persoon")
        persoon.tussenvoegsel = ""
        persoon.achternaam = f"#{verzoek.pk}"
        persoon.email = adres
        persoon.telefoon = ""
        persoon.functie = ""
        persoon.save(
            update_fields=[
                "voornaam",
                "tussenvoegsel",
                "achternaam",
                "email",
                "telefoon",
                "functie",
            ]
        )
    if gebruiker is not None:
        # Changing the account's rights is audited by ecosysteem.gebruikersrechten; those
        # events name the pseudonymised account and the administrator.
        with namens(door):
            gebruiker.username = f"verwijderd-{verzoek.pk}"
            gebruiker.first_name = _("persoon")
            gebruiker.last_name = f"#{verzoek.pk}"
            gebruiker.email = adres
            gebruiker.is_active = False
            gebruiker.is_staff = False
            gebruiker.is_superuser = False
            gebruiker.last_login = None
            # Also ends every session: they are bound to the password.
            gebruiker.set_unusable_password()
            gebruiker.save()
            gebruiker.groups.clear()
            gebruiker.user_permissions.clear()
            # Personal API tokens stop with the account (and their names may name it).
            gebruiker.apitokens.all().delete()

    # PDFs of these regions still show the name; they are made again on request. A sent
    # decision letter stays as it was sent (a legal document, like its stored text).
    rapporten = list(
        Rapport.objects.filter(
            regio_id__in=regio_ids, status__in=[Rapportstatus.KLAAR, Rapportstatus.MISLUKT]
        )
        .exclude(soort=Rapportsoort.BESCHIKKING, besluit__status=Besluitstatus.VERSTUURD)
        .select_for_update(of=("self",))
    )
    bestanden = [(r.bestand.storage, r.bestand.name) for r in rapporten if r.bestand]
    Rapport.objects.filter(pk__in=[r.pk for r in rapporten]).delete()

    def ruim_bestanden_op() -> None:
        for opslag, naam in bestanden:
            opslag.delete(naam)

    transaction.on_commit(ruim_bestanden_op)

    verzoek.status = Verwijderverzoekstatus.UITGEVOERD
    verzoek.afgehandeld_op = timezone.now()
    verzoek.afgehandeld_door = door
    verzoek.pseudoniem = pseudoniem
    verzoek.toelichting = ""
    verzoek.save(
        update_fields=["status", "afgehandeld_op", "afgehandeld_door", "pseudoniem", "toelichting"]
    )
    leg_vast(
        actie=Actie.PERSOONSGEGEVENS_GEWIST,
        omschrijving=_("Persoonsgegevens gewist op verzoek #%(nummer)s; voortaan: %(pseudoniem)s.")
        % {"nummer": verzoek.pk, "pseudoniem": pseudoniem},
        door=door,
        onderwerp=verzoek,
        van_status=Verwijderverzoekstatus.OPEN,
        naar_status=verzoek.status,
        gegevens={
            "gebeurtenissen": len(gebeurtenissen),
            "emails_verwijderd": emails_weg,
            "emails_aangepast": emails_aangepast,
            "aanmeldingen_verwijderd": len(wachtend),
            "aanmeldingen_gepseudonimiseerd": len(aanmeldingen) - len(wachtend),
            "indieningen": indieningen,
            "ondertekeningen": ondertekeningen,
            "rapporten": len(rapporten),
        },
    )
    return verzoek


@transaction.atomic
def maak_verwijderverzoek(
    *, door: Gebruiker, gebruiker: Gebruiker | None = None, persoon=None, toelichting: str = ""
) -> Verwijderverzoek:
    """An administrator records a request that reached the portal otherwise (by e-mail to
    the privacy contact), for an account or a contact person without one."""
    eis("subsidie.persoonsgegevens_wissen", door, None)
    if gebruiker is None and persoon is None:
        raise ValidationError(_("Kies een account of een contactpersoon."), code="niemand")
    if gebruiker is None and persoon.gebruiker_id:
        gebruiker = persoon.gebruiker
    if persoon is None and gebruiker is not None:
        persoon = Betrokkene.van(gebruiker=gebruiker).persoon
    verzoek = Verwijderverzoek.objects.create(
        gebruiker=gebruiker, persoon=persoon, toelichting=(toelichting or "").strip()
    )
    leg_vast(
        actie=Actie.VERWIJDERVERZOEK_INGEDIEND,
        omschrijving=_("Verzoek #%(nummer)s om persoonsgegevens te wissen vastgelegd.")
        % {"nummer": verzoek.pk},
        door=door,
        onderwerp=verzoek,
        naar_status=verzoek.status,
    )
    return verzoek
