"""Acting for an organisation that was in the portal before: the join request.

An organisation is shared by every region it takes part in. When a region's programme
manager approves a registration with the KvK number or branch of an organisation that
exists already, the organisation takes part in that region and the person gets their
contact role there, but the role gives no right to act for the organisation (change its
data on "Mijn organisatie", make pledges in its name) until one of its own contact persons,
or an administrator, lets the person in. The request is a :class:`Koppelverzoek`; the
roles that hold are read with ``regios.selectors.erkende_contactrol``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker
from ecosysteem.rechten import eis
from partners.models import (
    Aanmelding,
    Koppelverzoek,
    Koppelverzoekstatus,
    Organisatie,
    Persoon,
)

from ..models import Regio, Rol, Rolsoort
from ..selectors import erkende_contactrol, lopende_rol, namens


def mag_optreden_voor(persoon: Persoon, organisatie: Organisatie) -> bool:
    """Whether ``persoon`` is a contact person of ``organisatie`` now who may act for it."""
    return Rol.objects.filter(
        lopende_rol(),
        erkende_contactrol(),
        namens(organisatie),
        persoon=persoon,
        soort=Rolsoort.CONTACTPERSOON,
    ).exists()


def zo_nodig_koppelverzoek(*, rol: Rol, door: Gebruiker | None) -> Koppelverzoek | None:
    """A contact role given in one region, for an organisation that somebody acts for from
    another region, is a join request as well: the region's programme manager cannot hand
    an organisation that other regions share to a person of their choosing. None when the
    person may act for it already, or when nobody acts for it elsewhere (then it is the
    region's own partner)."""
    if rol.soort != Rolsoort.CONTACTPERSOON:
        return None
    organisatie = rol.namens or rol.persoon.organisatie
    if organisatie is None:
        return None
    contactrollen = Rol.objects.filter(
        lopende_rol(), erkende_contactrol(), namens(organisatie), soort=Rolsoort.CONTACTPERSOON
    ).exclude(pk=rol.pk)
    if contactrollen.filter(persoon=rol.persoon).exists():
        return None
    if not contactrollen.exclude(regio=rol.regio_id).exclude(persoon=rol.persoon).exists():
        return None
    return vraag_koppeling_aan(
        persoon=rol.persoon, organisatie=organisatie, door=door, regio=rol.regio
    )


def vraag_koppeling_aan(
    *,
    persoon: Persoon,
    organisatie: Organisatie,
    door: Gebruiker | None,
    regio: Regio | None = None,
    aanmelding: Aanmelding | None = None,
) -> Koppelverzoek:
    """Record that ``persoon`` asks to act for ``organisatie`` (a rejected request is asked
    again); its event tells the organisation's contact persons, or the administrators if it
    has none. Called inside the step that gave the person a role for the organisation."""
    verzoek, nieuw = Koppelverzoek.objects.select_for_update().get_or_create(
        organisatie=organisatie,
        persoon=persoon,
        defaults={"aanmelding": aanmelding, "regio": regio},
    )
    if not nieuw:
        if verzoek.is_open:
            return verzoek
        verzoek.status = Koppelverzoekstatus.OPEN
        verzoek.aanmelding = aanmelding
        verzoek.regio = regio
        verzoek.besloten_op = None
        verzoek.besloten_door = None
        verzoek.reden = ""
        verzoek.save()
    leg_vast(
        actie=Actie.KOPPELVERZOEK_INGEDIEND,
        omschrijving=_(
            "%(persoon)s vraagt om namens %(organisatie)s op te treden; een contactpersoon "
            "van %(organisatie)s of een beheerder beslist."
        )
        % {"persoon": persoon.volledige_naam, "organisatie": organisatie.naam},
        door=door,
        onderwerp=verzoek,
        regio=regio,
        naar_status=verzoek.status,
        gegevens={"organisatie": organisatie.pk, "persoon": persoon.pk},
    )
    return verzoek


def _vergrendel(verzoek: Koppelverzoek) -> Koppelverzoek:
    actueel = (
        Koppelverzoek.objects.select_for_update(of=("self",))
        .select_related("organisatie", "persoon", "regio")
        .get(pk=verzoek.pk)
    )
    if not actueel.is_open:
        raise ValidationError(_("Over dit verzoek is al besloten."), code="status")
    return actueel


@transaction.atomic
def keur_koppelverzoek_goed(*, verzoek: Koppelverzoek, door: Gebruiker) -> Koppelverzoek:
    """A contact person of the organisation (or an administrator) lets the person act for
    it: from now on their contact roles for it hold. The person is told by e-mail."""
    eis("regios.koppelverzoek_beoordelen", door, verzoek)
    verzoek = _vergrendel(verzoek)
    verzoek.status = Koppelverzoekstatus.GOEDGEKEURD
    verzoek.besloten_op = timezone.now()
    verzoek.besloten_door = door
    verzoek.save(update_fields=["status", "besloten_op", "besloten_door"])
    persoon = verzoek.persoon
    if persoon.organisatie_id is None:
        persoon.organisatie = verzoek.organisatie
        persoon.save(update_fields=["organisatie"])
    leg_vast(
        actie=Actie.KOPPELVERZOEK_GOEDGEKEURD,
        omschrijving=_("%(persoon)s mag nu namens %(organisatie)s optreden.")
        % {"persoon": persoon.volledige_naam, "organisatie": verzoek.organisatie.naam},
        door=door,
        onderwerp=verzoek,
        regio=verzoek.regio,
        van_status=Koppelverzoekstatus.OPEN,
        naar_status=verzoek.status,
        gegevens={"organisatie": verzoek.organisatie_id, "persoon": persoon.pk},
    )
    return verzoek


@transaction.atomic
def wijs_koppelverzoek_af(*, verzoek: Koppelverzoek, door: Gebruiker, reden: str) -> Koppelverzoek:
    """Refuse the person the right to act for the organisation, with a reason. Their role in
    the region stays (it is the region's dossier) but gives them nothing for the
    organisation; the person and the region's programme managers are told."""
    eis("regios.koppelverzoek_beoordelen", door, verzoek)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError(
            {"reden": ValidationError(_("Geef een reden voor de afwijzing."), code="reden")}
        )
    verzoek = _vergrendel(verzoek)
    verzoek.status = Koppelverzoekstatus.AFGEWEZEN
    verzoek.besloten_op = timezone.now()
    verzoek.besloten_door = door
    verzoek.reden = reden
    verzoek.save(update_fields=["status", "besloten_op", "besloten_door", "reden"])
    leg_vast(
        actie=Actie.KOPPELVERZOEK_AFGEWEZEN,
        omschrijving=_("%(persoon)s mag niet namens %(organisatie)s optreden.")
        % {"persoon": verzoek.persoon.volledige_naam, "organisatie": verzoek.organisatie.naam},
        door=door,
        onderwerp=verzoek,
        regio=verzoek.regio,
        van_status=Koppelverzoekstatus.OPEN,
        naar_status=verzoek.status,
        reden=reden,
        gegevens={"organisatie": verzoek.organisatie_id, "persoon": verzoek.persoon_id},
    )
    return verzoek
