"""Partner self-registration: an organisation registers through the public form of a
region, confirms its e-mail address, and the region's programme manager approves or
rejects it. The approval takes over the pledge as co-financing, so it is subsidie's
(``subsidie.services.aanmelding.keur_aanmelding_goed``), built from the steps here.

Each function is one step. It checks its input, writes inside one transaction and records
the audit event; the event puts the step's e-mail in the outbox in that same transaction
(``regios.meldingen``), so a refused step leaves nothing behind and sends nothing, and a
step that stands never loses its e-mail. The worker sends it after the commit; with the
broker down the step still answers at once and the e-mail follows when the broker is back.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker
from ecosysteem.rechten import eis
from partners.bevestiging import TOKEN_ZOUT, geldigheid_bevestiging, lees_token
from partners.models import Aanmelding, Aanmeldingstatus, Organisatie, Persoon, Vestiging
from partners.services import maak_gebruiker, maak_organisatie, maak_persoon
from partners.validators import normaliseer_kvk, normaliseer_postcode

from ..models import LOPENDE_DEELNAME, Deelname, Regio
from ..selectors import bestaande_organisaties


def wachtende_aanmelding(nu: datetime.datetime | None = None) -> Q:
    """Registrations that still hold a place: confirmed ones awaiting the decision, and
    unconfirmed ones whose link has not expired. An expired one is removed by the retention
    task, and until then stands in nobody's way."""
    grens = (nu or timezone.now()) - geldigheid_bevestiging()
    return Q(status=Aanmeldingstatus.BEVESTIGD) | Q(
        status=Aanmeldingstatus.TE_BEVESTIGEN, aangemaakt_op__gte=grens
    )


class TeVeelAanmeldingen(ValidationError):
    """Too many registrations from one address within the rate-limit window."""


class OngeldigeLink(ValidationError):
    """A confirmation link that was altered, or has expired. ``regio`` is the region whose
    form the person can use to register again, when the link says which it is."""

    def __init__(self, *args, regio: Regio | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.regio = regio


class AanmeldingGesloten(ValidationError):
    """The region no longer takes registrations: its dossier has been decided."""


def max_per_uur() -> int:
    return settings.AANMELDING_MAX_PER_UUR


def ip_hash(ip_adres: str) -> str:
    """A keyed hash of an address: rows can be counted per address without storing it."""
    return hmac.new(
        settings.SECRET_KEY.encode(), (ip_adres or "").encode(), hashlib.sha256
    ).hexdigest()


def bestaande_deelnemer(
    *, regio: Regio, kvk_nummer: str = "", vestiging: Vestiging | None = None
) -> str | None:
    """The name of an organisation or branch that already takes part in the region, or has
    a registration pending there, with this KvK number or branch."""
    if kvk_nummer:
        deelname = (
            Deelname.objects.filter(
                LOPENDE_DEELNAME, regio=regio, organisatie__kvk_nummer=kvk_nummer
            )
            .select_related("organisatie")
            .first()
        )
        if deelname is not None:
            return deelname.organisatie.naam
        aanmelding = Aanmelding.objects.filter(
            wachtende_aanmelding(), regio=regio, kvk_nummer=kvk_nummer
        ).first()
        if aanmelding is not None:
            return aanmelding.naam
    if vestiging is not None:
        if Deelname.objects.filter(
            LOPENDE_DEELNAME,
            Q(vestiging=vestiging) | Q(organisatie__brin_nummer=vestiging.brin_nummer),
            regio=regio,
        ).exists():
            return vestiging.naam
        aanmelding = Aanmelding.objects.filter(
            wachtende_aanmelding(), regio=regio, vestiging=vestiging
        ).first()
        if aanmelding is not None:
            return aanmelding.naam
    return None


@transaction.atomic
def dien_aanmelding_in(*, regio: Regio, ip_adres: str, **velden: Any) -> Aanmelding:
    """Store a registration from the public form; its event mails the confirmation link.
    Refused once the region's dossier is decided: it could never be approved.

    ``ip_adres`` is the client's address as :func:`ecosysteem.netwerk.client_adres` reads
    it behind the portal's proxies; at most ``AANMELDING_MAX_PER_UUR`` registrations per
    address and region are taken in an hour."""
    # The status as it is now, not as the page read it: a decision taken meanwhile counts.
    regio.refresh_from_db(fields=["status"])
    if not regio.neemt_aanmeldingen_aan:
        raise AanmeldingGesloten(
            _(
                "Over de subsidieaanvraag van %(regio)s is besloten; de regio neemt geen "
                "nieuwe aanmeldingen meer aan."
            ),
            code="gesloten",
            params={"regio": regio.naam},
        )
    adres = ip_hash(ip_adres)
    # Serialise registrations per address and region, so a burst of parallel posts cannot
    # all pass the count below before any of them is written.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", [f"aanmelding:{regio.pk}:{adres}"]
            )
    sinds = timezone.now() - datetime.timedelta(hours=1)
    recent = Aanmelding.objects.filter(regio=regio, ip_hash=adres, aangemaakt_op__gte=sinds)
    if recent.count() >= max_per_uur():
        raise TeVeelAanmeldingen(
            _("Te veel aanmeldingen vanaf dit adres; probeer het over een uur opnieuw."),
            code="te_veel",
        )
    velden["kvk_nummer"] = normaliseer_kvk(velden.get("kvk_nummer", ""))
    if velden.get("postcode"):
        velden["postcode"] = normaliseer_postcode(velden["postcode"])
    velden["email"] = velden.get("email", "").strip().lower()
    naam = bestaande_deelnemer(
        regio=regio, kvk_nummer=velden["kvk_nummer"], vestiging=velden.get("vestiging")
    )
    if naam is not None:
        veld = "kvk_nummer" if velden["kvk_nummer"] else "vestigingscode"
        raise ValidationError(
            {
                veld: ValidationError(
                    _(
                        "%(naam)s doet al mee in %(regio)s of is daar al aangemeld. "
                        "Neem contact op met de programmamanager van de regio."
                    ),
                    code="dubbel",
                    params={"naam": naam, "regio": regio.naam},
                )
            }
        )
    aanmelding = Aanmelding(regio=regio, ip_hash=adres, **velden)
    aanmelding.full_clean()
    aanmelding.save()
    leg_vast(
        actie=Actie.AANMELDING_INGEDIEND,
        omschrijving=_("%(naam)s heeft zich aangemeld als partner van %(regio)s.")
        % {"naam": aanmelding.naam, "regio": regio.naam},
        onderwerp=aanmelding,
        regio=regio,
        naar_status=aanmelding.status,
        gegevens={"soort": aanmelding.soort, "kvk_nummer": aanmelding.kvk_nummer},
    )
    return aanmelding


@transaction.atomic
def bevestig_aanmelding(*, token: str) -> Aanmelding:
    """Confirm the e-mail address of a registration from the link in the e-mail. A second
    click finds it confirmed already and changes nothing."""
    try:
        pk, slug = lees_token(
            signing.loads(token, salt=TOKEN_ZOUT, max_age=geldigheid_bevestiging().total_seconds())
        )
    except signing.SignatureExpired as fout:
        raise _verlopen(token) from fout
    except signing.BadSignature as fout:
        raise OngeldigeLink(
            _("Deze bevestigingslink is ongeldig. Controleer of u de hele link hebt gebruikt."),
            code="ongeldig",
        ) from fout
    aanmelding = (
        Aanmelding.objects.select_for_update(of=("self",))
        .select_related("regio")
        .filter(pk=pk)
        .first()
    )
    if aanmelding is None:
        # Removed: as a rule because nobody confirmed it in time.
        regio = Regio.objects.filter(slug=slug).first() if slug else None
        raise OngeldigeLink(
            _(
                "Deze aanmelding bestaat niet meer: een aanmelding die niet op tijd is "
                "bevestigd, wordt met haar gegevens verwijderd. U kunt uw organisatie "
                "opnieuw aanmelden."
            ),
            code="verwijderd",
            regio=regio,
        )
    if aanmelding.status != Aanmeldingstatus.TE_BEVESTIGEN:
        return aanmelding
    if aanmelding.aangemaakt_op < timezone.now() - geldigheid_bevestiging():
        # Expired while the link was not: it was sent again later, or the period was
        # shortened. Expired is expired; the retention task removes it.
        raise _verlopen(token)
    aanmelding.status = Aanmeldingstatus.BEVESTIGD
    aanmelding.bevestigd_op = timezone.now()
    aanmelding.save(update_fields=["status", "bevestigd_op"])
    leg_vast(
        actie=Actie.AANMELDING_BEVESTIGD,
        omschrijving=_("%(naam)s heeft het e-mailadres van de aanmelding bevestigd.")
        % {"naam": aanmelding.naam},
        onderwerp=aanmelding,
        regio=aanmelding.regio,
        van_status=Aanmeldingstatus.TE_BEVESTIGEN,
        naar_status=aanmelding.status,
    )
    return aanmelding


def _verlopen(token: str) -> OngeldigeLink:
    """The refusal of an expired link, naming the region whose form to use again: from the
    token (its signature checked, its age not), else from the registration if still there."""
    try:
        pk, slug = lees_token(signing.loads(token, salt=TOKEN_ZOUT))
    except signing.BadSignature:
        pk, slug = None, ""
    regio = Regio.objects.filter(slug=slug).first() if slug else None
    if regio is None and pk is not None:
        regio = Regio.objects.filter(aanmeldingen__pk=pk).first()
    return OngeldigeLink(
        _(
            "Deze bevestigingslink is verlopen: een aanmelding moet binnen %(dagen)s dagen "
            "worden bevestigd. Uw aanmelding en de gegevens daarin worden verwijderd. U kunt "
            "uw organisatie opnieuw aanmelden."
        )
        % {"dagen": geldigheid_bevestiging().days},
        code="verlopen",
        regio=regio,
    )


def vergrendel_aanmelding(
    aanmelding: Aanmelding,
    regio: Regio,
    statussen: tuple[str, ...] = (Aanmeldingstatus.BEVESTIGD,),
) -> Aanmelding:
    actueel = Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
    if actueel.regio_id != regio.pk:
        raise ValidationError(_("Deze aanmelding hoort bij een andere regio."), code="andere_regio")
    if actueel.status not in statussen:
        raise ValidationError(
            _("Over deze aanmelding is al besloten of het e-mailadres is nog niet bevestigd."),
            code="status",
        )
    return actueel


def bestaande_organisatie(aanmelding: Aanmelding) -> Organisatie | None:
    """The organisation already in the portal that the registration is about (same KvK
    number or, for a school, the same BRIN number and name), if any."""
    return bestaande_organisaties([aanmelding]).get(aanmelding.pk)


def organisatie_voor(aanmelding: Aanmelding, door: Gebruiker) -> Organisatie:
    """The organisation the registration is about: an existing one with the same KvK number
    (or, for a school, the same BRIN number and name), else a new one."""
    bestaand = bestaande_organisatie(aanmelding)
    if bestaand is not None:
        return bestaand
    return maak_organisatie(
        naam=aanmelding.naam,
        soort=aanmelding.soort,
        kvk_nummer=aanmelding.kvk_nummer,
        brin_nummer=aanmelding.vestiging.brin_nummer if aanmelding.vestiging else "",
        straat=aanmelding.straat,
        huisnummer=aanmelding.huisnummer,
        postcode=aanmelding.postcode,
        plaats=aanmelding.plaats,
        website=aanmelding.website,
        omschrijving=_omschrijving(aanmelding),
        door=door,
    )


def _omschrijving(aanmelding: Aanmelding) -> str:
    delen = [", ".join(aanmelding.get_aanbod_display()), aanmelding.aanbod_toelichting]
    return "\n\n".join(d for d in delen if d)


def contactpersoon_voor(
    aanmelding: Aanmelding,
    organisatie: Organisatie,
    door: Gebruiker,
    *,
    organisatie_bestond: bool = False,
) -> Persoon:
    """The contact person with a login: an existing person with the e-mail address is
    reused, and gets an account if they have none. A new person joins a new organisation
    at once; an organisation that existed already is theirs only once its contact lets them
    in (:mod:`.koppeling`)."""
    persoon = Persoon.objects.filter(email__iexact=aanmelding.email).first()
    if persoon is None:
        gebruiker = Gebruiker.objects.filter(email__iexact=aanmelding.email).first()
        return maak_persoon(
            voornaam=aanmelding.voornaam,
            tussenvoegsel=aanmelding.tussenvoegsel,
            achternaam=aanmelding.achternaam,
            email=aanmelding.email,
            telefoon=aanmelding.telefoon,
            functie=aanmelding.functie,
            organisatie=None if organisatie_bestond else organisatie,
            gebruiker=gebruiker,
            gebruikersnaam="" if gebruiker else aanmelding.email,
            door=door,
        )
    if persoon.gebruiker_id is None:
        persoon.gebruiker = maak_gebruiker(
            gebruikersnaam=aanmelding.email,
            email=aanmelding.email,
            voornaam=persoon.voornaam,
            achternaam=persoon.achternaam,
            door=door,
        )
        persoon.save(update_fields=["gebruiker"])
    return persoon


@transaction.atomic
def wijs_aanmelding_af(*, aanmelding: Aanmelding, door: Gebruiker, reden: str) -> Aanmelding:
    """Reject a registration with a reason, which the contact receives by e-mail. Rejecting
    does not change the dossier, so it is possible after submission too. An unconfirmed
    registration can be rejected as well (someone else's KvK number, a made-up address);
    its address was never confirmed, so nothing is sent to it."""
    regio = Regio.objects.get(pk=aanmelding.regio_id)
    eis("regios.aanmeldingen_beoordelen", door, regio)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError(
            {"reden": ValidationError(_("Geef een reden voor de afwijzing."), code="reden")}
        )
    aanmelding = vergrendel_aanmelding(
        aanmelding, regio, (Aanmeldingstatus.BEVESTIGD, Aanmeldingstatus.TE_BEVESTIGEN)
    )
    van_status = aanmelding.status
    aanmelding.status = Aanmeldingstatus.AFGEWEZEN
    aanmelding.besloten_op = timezone.now()
    aanmelding.besloten_door = door
    aanmelding.reden = reden
    aanmelding.save(update_fields=["status", "besloten_op", "besloten_door", "reden"])
    leg_vast(
        actie=Actie.AANMELDING_AFGEWEZEN,
        omschrijving=_("Aanmelding van %(naam)s afgewezen.") % {"naam": aanmelding.naam},
        door=door,
        onderwerp=aanmelding,
        regio=regio,
        van_status=van_status,
        naar_status=aanmelding.status,
        reden=reden,
    )
    return aanmelding
