"""Partner self-registration: an organisation registers through the public form of a
region, confirms its e-mail address, and the region's programme manager approves or
rejects it.

Each function is one step. It checks its input, writes inside one transaction, records
the audit event, and queues the e-mail only once the transaction has committed, so a
refused step leaves nothing behind and sends nothing. Queueing is robust: with the broker
down the step still stands and the person sees it succeed; the e-mail is then missing
(logged), not the registration.
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
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker
from ecosysteem.rechten import eis
from regios.bewerken import dossier_wijziging
from regios.models import LOPENDE_DEELNAME, Deelname, Regio, Rol, Rolsoort
from regios.services import ken_rol_toe, voeg_organisatie_toe
from subsidie.models import Cofinanciering, Cofinancieringsoort
from subsidie.services import sla_cofinanciering_op

from .models import Aanmelding, Aanmeldingstatus, Organisatie, Persoon, Vestiging
from .services import maak_gebruiker, maak_organisatie, maak_persoon
from .validators import normaliseer_kvk, normaliseer_postcode

TOKEN_ZOUT = "partners.aanmelding.bevestigen"
LOPENDE_AANMELDING = Q(status__in=[Aanmeldingstatus.TE_BEVESTIGEN, Aanmeldingstatus.BEVESTIGD])


class TeVeelAanmeldingen(ValidationError):
    """Too many registrations from one address within the rate-limit window."""


class OngeldigeLink(ValidationError):
    """A confirmation link that was altered, or has expired."""


def max_per_uur() -> int:
    return getattr(settings, "AANMELDING_MAX_PER_UUR", 5)


def geldigheid_bevestiging() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "AANMELDING_BEVESTIGEN_DAGEN", 7))


def ip_hash(ip_adres: str) -> str:
    """A keyed hash of an address: rows can be counted per address without storing it."""
    return hmac.new(
        settings.SECRET_KEY.encode(), (ip_adres or "").encode(), hashlib.sha256
    ).hexdigest()


def maak_token(aanmelding: Aanmelding) -> str:
    return signing.dumps(aanmelding.pk, salt=TOKEN_ZOUT, compress=True)


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
            LOPENDE_AANMELDING, regio=regio, kvk_nummer=kvk_nummer
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
            LOPENDE_AANMELDING, regio=regio, vestiging=vestiging
        ).first()
        if aanmelding is not None:
            return aanmelding.naam
    return None


@transaction.atomic
def dien_aanmelding_in(*, regio: Regio, ip_adres: str, **velden: Any) -> Aanmelding:
    """Store a registration from the public form and queue the confirmation e-mail."""
    from .tasks import verstuur_bevestigingsmail

    adres = ip_hash(ip_adres)
    # Serialise registrations per address, so a burst of parallel posts cannot all pass
    # the count below before any of them is written.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [adres])
    sinds = timezone.now() - datetime.timedelta(hours=1)
    if Aanmelding.objects.filter(ip_hash=adres, aangemaakt_op__gte=sinds).count() >= max_per_uur():
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
    transaction.on_commit(lambda: verstuur_bevestigingsmail.delay(aanmelding.pk), robust=True)
    return aanmelding


@transaction.atomic
def bevestig_aanmelding(*, token: str) -> Aanmelding:
    """Confirm the e-mail address of a registration from the link in the e-mail. A second
    click finds it confirmed already and changes nothing."""
    from .tasks import meld_aanmelding_aan_programmamanagers

    try:
        pk = signing.loads(token, salt=TOKEN_ZOUT, max_age=geldigheid_bevestiging().total_seconds())
    except signing.SignatureExpired as fout:
        raise OngeldigeLink(
            _("Deze bevestigingslink is verlopen. Meld uw organisatie opnieuw aan."),
            code="verlopen",
        ) from fout
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
        raise OngeldigeLink(_("Deze aanmelding bestaat niet meer."), code="ongeldig")
    if aanmelding.status != Aanmeldingstatus.TE_BEVESTIGEN:
        return aanmelding
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
    transaction.on_commit(
        lambda: meld_aanmelding_aan_programmamanagers.delay(aanmelding.pk), robust=True
    )
    return aanmelding


def _vergrendel(aanmelding: Aanmelding, regio: Regio) -> Aanmelding:
    actueel = Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
    if actueel.regio_id != regio.pk:
        raise ValidationError(_("Deze aanmelding hoort bij een andere regio."), code="andere_regio")
    if actueel.status != Aanmeldingstatus.BEVESTIGD:
        raise ValidationError(
            _("Over deze aanmelding is al besloten of het e-mailadres is nog niet bevestigd."),
            code="status",
        )
    return actueel


def _organisatie_voor(aanmelding: Aanmelding, door: Gebruiker) -> Organisatie:
    """The organisation the registration is about: an existing one with the same KvK number
    (or, for a school, the same BRIN number and name), else a new one."""
    bestaand = None
    if aanmelding.kvk_nummer:
        bestaand = Organisatie.objects.filter(kvk_nummer=aanmelding.kvk_nummer).first()
    elif aanmelding.vestiging is not None:
        bestaand = Organisatie.objects.filter(
            brin_nummer=aanmelding.vestiging.brin_nummer, naam__iexact=aanmelding.naam
        ).first()
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


def _contactpersoon(aanmelding: Aanmelding, organisatie: Organisatie, door: Gebruiker) -> Persoon:
    """The contact person with a login: an existing person with the e-mail address is
    reused, and gets an account if they have none."""
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
            organisatie=organisatie,
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


def _neem_toezegging_over(
    aanmelding: Aanmelding, regio: Regio, organisatie: Organisatie, door: Gebruiker
) -> Cofinanciering | None:
    """The pledge of the registration as co-financing of the region, for the first school
    year of its period, through the same service (checks and audit event) as the programme
    manager's own entries. None when nothing was pledged, or for hours offered before the
    form asked for hours and rate: an amount alone cannot be stored as hours, so the
    programme manager enters that one by hand."""
    soort = aanmelding.cofinanciering_soort
    if not soort:
        return None
    if soort == Cofinancieringsoort.UREN:
        if aanmelding.cofinanciering_uren is None or aanmelding.cofinanciering_uurtarief is None:
            return None
        waarden = {
            "uren": aanmelding.cofinanciering_uren,
            "uurtarief": aanmelding.cofinanciering_uurtarief,
        }
    elif aanmelding.cofinanciering_bedrag is None:
        return None
    else:
        waarden = {"bedrag": aanmelding.cofinanciering_bedrag}
    omschrijving = aanmelding.cofinanciering_omschrijving.strip() or _(
        "Toegezegd bij de aanmelding als partner."
    )
    return sla_cofinanciering_op(
        regio=regio,
        door=door,
        organisatie=organisatie,
        schooljaar=regio.tijdvak.eerste_schooljaar,
        soort=soort,
        # The region's pledges hold a short description; the registration's full text
        # stays on the registration.
        omschrijving=Truncator(" ".join(omschrijving.split())).chars(300),
        **waarden,
    )


@transaction.atomic
def keur_aanmelding_goed(*, aanmelding: Aanmelding, door: Gebruiker) -> Aanmelding:
    """Approve a confirmed registration: the organisation (new or found by KvK number), its
    contact person with a login, the participation, the contact role and the pledge as
    co-financing, all or nothing. The contact then gets an e-mail with a link to set a
    password."""
    from .tasks import verstuur_goedkeuringsmail

    with dossier_wijziging(regio=aanmelding.regio, door=door) as regio:
        aanmelding = _vergrendel(aanmelding, regio)
        organisatie = _organisatie_voor(aanmelding, door)
        voeg_organisatie_toe(regio=regio, organisatie=organisatie, door=door)
        persoon = _contactpersoon(aanmelding, organisatie, door)
        if not Rol.objects.filter(
            regio=regio, persoon=persoon, soort=Rolsoort.CONTACTPERSOON, orgaan__isnull=True
        ).exists():
            ken_rol_toe(
                regio=regio,
                persoon=persoon,
                soort=Rolsoort.CONTACTPERSOON,
                namens=organisatie,
                door=door,
            )
        toezegging = _neem_toezegging_over(aanmelding, regio, organisatie, door)
        aanmelding.status = Aanmeldingstatus.GOEDGEKEURD
        aanmelding.besloten_op = timezone.now()
        aanmelding.besloten_door = door
        aanmelding.organisatie = organisatie
        aanmelding.save(update_fields=["status", "besloten_op", "besloten_door", "organisatie"])
        omschrijving = _("Aanmelding van %(naam)s goedgekeurd.") % {"naam": aanmelding.naam}
        if toezegging is None and aanmelding.cofinanciering_soort == Cofinancieringsoort.UREN:
            omschrijving += " " + _(
                "De toegezegde uren zijn niet als cofinanciering overgenomen: de aanmelding "
                "noemt geen aantal uren en uurtarief."
            )
        leg_vast(
            actie=Actie.AANMELDING_GOEDGEKEURD,
            omschrijving=omschrijving,
            door=door,
            onderwerp=aanmelding,
            regio=regio,
            van_status=Aanmeldingstatus.BEVESTIGD,
            naar_status=aanmelding.status,
            gegevens={
                "organisatie": organisatie.pk,
                "persoon": persoon.pk,
                "cofinanciering": toezegging.pk if toezegging else None,
            },
        )
    transaction.on_commit(lambda: verstuur_goedkeuringsmail.delay(aanmelding.pk), robust=True)
    return aanmelding


@transaction.atomic
def wijs_aanmelding_af(*, aanmelding: Aanmelding, door: Gebruiker, reden: str) -> Aanmelding:
    """Reject a registration with a reason, which the contact receives by e-mail. Rejecting
    does not change the dossier, so it is possible after submission too."""
    from .tasks import verstuur_afwijzingsmail

    regio = Regio.objects.get(pk=aanmelding.regio_id)
    eis("regios.aanmeldingen_beoordelen", door, regio)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError(
            {"reden": ValidationError(_("Geef een reden voor de afwijzing."), code="reden")}
        )
    aanmelding = _vergrendel(aanmelding, regio)
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
        van_status=Aanmeldingstatus.BEVESTIGD,
        naar_status=aanmelding.status,
        reden=reden,
    )
    transaction.on_commit(lambda: verstuur_afwijzingsmail.delay(aanmelding.pk), robust=True)
    return aanmelding
