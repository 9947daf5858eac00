"""Who takes part in a region: branches and organisations (also a partner registered on
the spot), the penvoerder, ending and removing a participation."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker
from partners.models import Organisatie, Vestiging
from partners.services import maak_organisatie, verschillen
from partners.validators import normaliseer_kvk

from ..bewerken import dossier_wijziging
from ..models import (
    Deelname,
    Deelnamestatus,
    Regio,
)
from .controles import (
    controleer_leerlingen,
    controleer_organisatie_kan_meedoen,
    controleer_penvoerder,
    controleer_vestiging_kan_meedoen,
)

#
# Who takes part is part of the dossier: these changes run inside ``dossier_wijziging``,
# which checks that ``door`` may edit this dossier, that it is not submitted, and (given
# ``versie``) that the form showed the current version; it raises the version afterwards.


def _maak_deelname(deelname: Deelname) -> Deelname:
    # The checks above read first; the database constraints still decide when two requests
    # race, and then the refusal must read like the checks' own.
    try:
        with transaction.atomic():
            deelname.save()
    except IntegrityError as fout:
        raise ValidationError(
            _("Deze deelnemer is net door iemand anders aan een regio toegevoegd."),
            code="gelijktijdig",
        ) from fout
    return deelname


@transaction.atomic
def voeg_vestiging_toe(
    *,
    regio: Regio,
    vestiging: Vestiging,
    door: Gebruiker | None,
    startdatum: datetime.date | None = None,
    toelichting: str = "",
    versie: int | None = None,
) -> Deelname:
    """Add a school branch from the register to a region. A branch takes part in one region
    per period."""
    with dossier_wijziging(regio=regio, door=door, versie=versie) as regio:
        controleer_vestiging_kan_meedoen(regio=regio, vestiging=vestiging)
        deelname = Deelname(
            regio=regio,
            vestiging=vestiging,
            status=Deelnamestatus.ACTIEF,
            startdatum=startdatum,
            toelichting=toelichting,
        )
        deelname.full_clean(exclude=["tijdvak"])
        _maak_deelname(deelname)
        leg_vast(
            actie=Actie.DEELNAME_TOEGEVOEGD,
            omschrijving=_("%(vestiging)s doet mee in %(regio)s.")
            % {"vestiging": vestiging, "regio": regio.naam},
            door=door,
            onderwerp=deelname,
            regio=regio,
            naar_status=deelname.status,
            gegevens={
                "vestigingscode": vestiging.vestigingscode,
                "telt_mee": vestiging.telt_mee,
                "sector": vestiging.sector,
            },
        )
    return deelname


@transaction.atomic
def voeg_organisatie_toe(
    *,
    regio: Regio,
    organisatie: Organisatie,
    door: Gebruiker | None,
    is_penvoerder: bool = False,
    startdatum: datetime.date | None = None,
    toelichting: str = "",
    versie: int | None = None,
) -> Deelname:
    """Add a partner organisation to a region, optionally as its penvoerder (which moves the
    role away from the current one)."""
    with dossier_wijziging(regio=regio, door=door, versie=versie) as regio:
        controleer_organisatie_kan_meedoen(regio=regio, organisatie=organisatie)
        if is_penvoerder:
            controleer_penvoerder(organisatie)
        deelname = Deelname(
            regio=regio,
            organisatie=organisatie,
            status=Deelnamestatus.ACTIEF,
            startdatum=startdatum,
            toelichting=toelichting,
        )
        deelname.full_clean(exclude=["tijdvak"])
        _maak_deelname(deelname)
        leg_vast(
            actie=Actie.DEELNAME_TOEGEVOEGD,
            omschrijving=_("%(organisatie)s doet mee in %(regio)s.")
            % {"organisatie": organisatie.naam, "regio": regio.naam},
            door=door,
            onderwerp=deelname,
            regio=regio,
            naar_status=deelname.status,
            gegevens={"organisatie": organisatie.naam, "soort": organisatie.soort},
        )
        if is_penvoerder:
            _verplaats_penvoerder(regio=regio, naar=deelname, door=door)
    return deelname


@transaction.atomic
def wijs_penvoerder_aan(
    *, regio: Regio, deelname: Deelname, door: Gebruiker | None, versie: int | None = None
) -> Deelname:
    """Make a participating school board or school the region's penvoerder. The flag moves
    in one transaction, so the region never has two penvoerders, and at most a moment none."""
    with dossier_wijziging(regio=regio, door=door, versie=versie) as regio:
        actueel = Deelname.objects.select_related("organisatie").get(pk=deelname.pk)
        if actueel.regio_id != regio.pk:
            raise ValidationError(
                _("Deze deelname hoort bij een andere regio."), code="deelname_andere_regio"
            )
        controleer_penvoerder(actueel.organisatie)
        if actueel.status not in (Deelnamestatus.AANGEMELD, Deelnamestatus.ACTIEF):
            raise ValidationError(
                _("%(organisatie)s doet niet (meer) mee en kan geen penvoerder worden."),
                code="deelname_niet_lopend",
                params={"organisatie": actueel.organisatie.naam},
            )
        if not actueel.is_penvoerder:
            _verplaats_penvoerder(regio=regio, naar=actueel, door=door)
    deelname.is_penvoerder = True
    return deelname


def _verplaats_penvoerder(*, regio: Regio, naar: Deelname, door: Gebruiker | None) -> None:
    vorige = (
        Deelname.objects.select_for_update(of=("self",))
        .filter(regio=regio, is_penvoerder=True)
        .select_related("organisatie")
        .first()
    )
    if vorige is not None:
        # The unique constraint allows one flag per region, so clear before setting.
        vorige.is_penvoerder = False
        vorige.save(update_fields=["is_penvoerder"])
    naar.is_penvoerder = True
    naar.save(update_fields=["is_penvoerder"])
    vorige_naam = vorige.organisatie.naam if vorige else None
    leg_vast(
        actie=Actie.PENVOERDER_AANGEWEZEN,
        omschrijving=(
            _("Penvoerder van %(regio)s: %(vorige)s → %(nieuw)s.")
            if vorige
            else _("%(nieuw)s is penvoerder van %(regio)s.")
        )
        % {"regio": regio.naam, "vorige": vorige_naam, "nieuw": naar.organisatie.naam},
        door=door,
        onderwerp=naar,
        regio=regio,
        gegevens={
            "vorige": vorige_naam,
            "vorige_deelname": vorige.pk if vorige else None,
            "nieuw": naar.organisatie.naam,
        },
    )


@transaction.atomic
def beeindig_deelname(
    *,
    deelname: Deelname,
    door: Gebruiker | None,
    einddatum: datetime.date | None = None,
    reden: str = "",
    versie: int | None = None,
) -> Deelname:
    """End a partner's or branch's participation. The penvoerder cannot leave before another
    is appointed; a branch that ended is free to join another region."""
    with dossier_wijziging(regio=deelname.regio, door=door, versie=versie) as regio:
        deelname = Deelname.objects.select_for_update(of=("self",)).get(pk=deelname.pk)
        if deelname.status not in (Deelnamestatus.AANGEMELD, Deelnamestatus.ACTIEF):
            raise ValidationError(
                _("Deze deelname is al %(status)s."),
                code="deelname_niet_lopend",
                params={"status": deelname.get_status_display()},
            )
        if deelname.is_penvoerder:
            raise ValidationError(
                _("%(organisatie)s is penvoerder; wijs eerst een andere penvoerder aan."),
                code="penvoerder_blijft",
                params={"organisatie": deelname.deelnemer},
            )
        einddatum = einddatum or timezone.localdate()
        if deelname.startdatum and einddatum < deelname.startdatum:
            raise ValidationError(
                _("De einddatum mag niet voor de startdatum (%(start)s) liggen."),
                code="einde_voor_start",
                params={"start": deelname.startdatum},
            )
        van = deelname.status
        deelname.status = Deelnamestatus.BEEINDIGD
        deelname.einddatum = einddatum
        deelname.save(update_fields=["status", "einddatum"])
        leg_vast(
            actie=Actie.DEELNAME_BEEINDIGD,
            omschrijving=_("Deelname van %(deelnemer)s aan %(regio)s beëindigd per %(datum)s.")
            % {"deelnemer": deelname.deelnemer, "regio": regio.naam, "datum": einddatum},
            door=door,
            onderwerp=deelname,
            regio=regio,
            van_status=van,
            naar_status=deelname.status,
            reden=reden,
        )
    return deelname


@transaction.atomic
def wijzig_deelname(
    *, deelname: Deelname, door: Gebruiker | None, versie: int | None = None, **velden: Any
) -> list[str]:
    """Save changes to the dates, explanation and stated pupils of a participation. Who
    takes part, its status and the penvoerder change only through their own use cases."""
    for naam, waarde in velden.items():
        setattr(deelname, naam, waarde)
    gewijzigd = verschillen(Deelname.objects.get(pk=deelname.pk), deelname)
    if not gewijzigd:
        return []
    with dossier_wijziging(regio=deelname.regio, door=door, versie=versie) as regio:
        gewijzigd = verschillen(Deelname.objects.select_for_update().get(pk=deelname.pk), deelname)
        vast = {"regio", "organisatie", "vestiging", "status", "is_penvoerder"}
        if vast & set(gewijzigd):
            raise ValidationError(
                _(
                    "Wie er meedoet, de status en het penvoerderschap wijzig je met toevoegen, "
                    "beëindigen of penvoerder aanwijzen."
                ),
                code="deelname_vast",
            )
        controleer_leerlingen(deelname)
        deelname.full_clean(exclude=["tijdvak"])
        deelname.save(update_fields=list(gewijzigd))
        leg_vast(
            actie=Actie.DEELNAME_GEWIJZIGD,
            omschrijving=_("Deelname van %(deelnemer)s gewijzigd: %(velden)s.")
            % {"deelnemer": deelname.deelnemer, "velden": ", ".join(gewijzigd)},
            door=door,
            onderwerp=deelname,
            regio=regio,
            gegevens={"wijzigingen": gewijzigd},
        )
    return list(gewijzigd)


@transaction.atomic
def verwijder_deelname(
    *, deelname: Deelname, door: Gebruiker | None, reden: str = "", versie: int | None = None
) -> None:
    """Remove a participation entered by mistake. Use :func:`beeindig_deelname` for a partner
    who leaves: that keeps the history."""
    with dossier_wijziging(regio=deelname.regio, door=door, versie=versie) as regio:
        deelname = Deelname.objects.get(pk=deelname.pk)
        if deelname.is_penvoerder:
            raise ValidationError(
                _("%(organisatie)s is penvoerder; wijs eerst een andere penvoerder aan."),
                code="penvoerder_blijft",
                params={"organisatie": deelname.deelnemer},
            )
        leg_vast(
            actie=Actie.DEELNAME_VERWIJDERD,
            omschrijving=_("Deelname van %(deelnemer)s aan %(regio)s verwijderd.")
            % {"deelnemer": deelname.deelnemer, "regio": regio.naam},
            door=door,
            onderwerp=deelname,
            regio=regio,
            van_status=deelname.status,
            reden=reden,
            gegevens={
                "organisatie": deelname.organisatie_id,
                "vestiging": deelname.vestiging_id,
            },
        )
        deelname.delete()


# --- new partners ------------------------------------------------------------------------


def bestaande_organisatie_met_kvk(kvk_nummer: str) -> Organisatie | None:
    kvk_nummer = normaliseer_kvk(kvk_nummer)
    if not kvk_nummer:
        return None
    return Organisatie.objects.filter(kvk_nummer=kvk_nummer).first()


def kvk_bestaat_fout(organisatie: Organisatie) -> ValidationError:
    """The refusal for a KvK number that is taken, pointing at the organisation that has it."""
    return ValidationError(
        _("Er is al een organisatie met dit KvK-nummer: %(naam)s. Voeg die toe."),
        code="kvk_bestaat",
        params={"naam": organisatie.naam},
    )


@transaction.atomic
def maak_partner(
    *,
    regio: Regio,
    door: Gebruiker | None,
    naam: str,
    soort: str,
    versie: int | None = None,
    kvk_nummer: str = "",
    **velden: Any,
) -> Deelname:
    """Register a new organisation and add it to the region as a partner, in one
    transaction: if either step is refused, neither the organisation nor its audit event
    remains."""
    bestaand = bestaande_organisatie_met_kvk(kvk_nummer)
    if bestaand is not None:
        raise ValidationError({"kvk_nummer": kvk_bestaat_fout(bestaand)})
    try:
        # A savepoint, so a KvK number registered by someone else in the meantime (the
        # unique constraint) becomes a refusal instead of a broken transaction.
        with transaction.atomic():
            organisatie = maak_organisatie(
                naam=naam, soort=soort, kvk_nummer=kvk_nummer, door=door, **velden
            )
    except IntegrityError as fout:
        bestaand = bestaande_organisatie_met_kvk(kvk_nummer)
        if bestaand is None:
            raise
        raise ValidationError({"kvk_nummer": kvk_bestaat_fout(bestaand)}) from fout
    # Takes the region's lock and checks permission, state and version; a refusal there
    # rolls back the organisation created above.
    return voeg_organisatie_toe(regio=regio, organisatie=organisatie, door=door, versie=versie)
