"""Approving a partner's registration: everything regios does for it (organisation,
contact person with a login, participation, contact role), plus the pledge taken over as
co-financing, all in one transaction and one audit event. Here and not in regios because
the pledge goes through subsidie's co-financing service."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker
from partners.models import Aanmelding, Aanmeldingstatus, Cofinancieringsoort, Organisatie
from regios.bewerken import dossier_wijziging
from regios.models import Regio, Rol, Rolsoort
from regios.services import ken_rol_toe, voeg_organisatie_toe
from regios.services.aanmelding import (
    bestaande_organisatie,
    contactpersoon_voor,
    organisatie_voor,
    vergrendel_aanmelding,
)
from regios.services.koppeling import mag_optreden_voor, vraag_koppeling_aan

from ..models import Cofinanciering
from .aanvraag import sla_cofinanciering_op


def neem_toezegging_over(
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
    password.

    An organisation that was in the portal already is shared with other regions: the
    programme manager lets it take part here, but the new contact may act for it only once
    one of its contact persons (or an administrator) agrees, so a join request is made
    (:mod:`regios.services.koppeling`)."""
    with dossier_wijziging(regio=aanmelding.regio, door=door) as regio:
        aanmelding = vergrendel_aanmelding(aanmelding, regio)
        bestaand = bestaande_organisatie(aanmelding)
        organisatie = bestaand or organisatie_voor(aanmelding, door)
        voeg_organisatie_toe(regio=regio, organisatie=organisatie, door=door)
        persoon = contactpersoon_voor(
            aanmelding, organisatie, door, organisatie_bestond=bestaand is not None
        )
        # Asked before the role below exists, which would otherwise count itself.
        moet_vragen = bestaand is not None and not mag_optreden_voor(persoon, organisatie)
        # Asked before the role exists, so the role's own check finds the request open.
        koppelverzoek = (
            vraag_koppeling_aan(
                persoon=persoon,
                organisatie=organisatie,
                door=door,
                regio=regio,
                aanmelding=aanmelding,
            )
            if moet_vragen
            else None
        )
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
        toezegging = neem_toezegging_over(aanmelding, regio, organisatie, door)
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
        if koppelverzoek is not None:
            omschrijving += " " + _(
                "%(organisatie)s bestond al; de contactpersoon mag er pas namens optreden als "
                "een contactpersoon van %(organisatie)s of een beheerder dat goedkeurt."
            ) % {"organisatie": organisatie.naam}
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
                "koppelverzoek": koppelverzoek.pk if koppelverzoek else None,
            },
        )
    return aanmelding
