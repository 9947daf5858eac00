"""Writes behind the dossier's Partners and Rollen pages that need more than one service
call, or that must count as a change of the dossier.

The governance services in :mod:`regios.services` (``maak_orgaan``, ``verwijder_orgaan``,
``ken_rol_toe``, ``trek_rol_in``) do not run inside ``dossier_wijziging``: they neither
check that the dossier is still open nor raise its version. Bodies and roles are part of
what a region submits, so the functions here wrap them: a submitted dossier refuses them,
a form opened on an older version is refused, and the version goes up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ecosysteem.models import Gebruiker
from partners.models import Organisatie, Persoon
from partners.services import maak_organisatie, maak_persoon
from partners.validators import normaliseer_kvk

from .bewerken import dossier_wijziging
from .models import Bestuursorgaan, Deelname, Regio, Rol, Rolsoort
from .services import (
    ken_rol_toe,
    maak_orgaan,
    trek_rol_in,
    verwijder_orgaan,
    voeg_organisatie_toe,
)

# Refusals of the underlying services, by code, and the argument (form field) they concern,
# so a form can show them next to that field instead of above the form.
VELD_VAN_FOUT = {
    "orgaan_andere_regio": "orgaan",
    "orgaan_past_niet": "orgaan",
    "namens_doet_niet_mee": "namens",
    "rol_bestaat": "soort",
    "email_bestaat": "email",
}


@contextmanager
def _fouten_bij_velden() -> Iterator[None]:
    try:
        yield
    except ValidationError as fout:
        if hasattr(fout, "error_dict") or len(fout.error_list) != 1:
            raise
        veld = VELD_VAN_FOUT.get(fout.error_list[0].code)
        if veld is None:
            raise
        raise ValidationError({veld: fout.error_list}) from fout


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


@transaction.atomic
def stel_orgaan_in(
    *,
    regio: Regio,
    soort: str,
    naam: str,
    door: Gebruiker | None,
    taak: str = "",
    versie: int | None = None,
) -> Bestuursorgaan:
    """Add a governance body to a region's dossier."""
    with dossier_wijziging(regio=regio, door=door, versie=versie) as vergrendeld:
        naam = naam.strip()
        if Bestuursorgaan.objects.filter(regio=vergrendeld, naam__iexact=naam).exists():
            raise ValidationError(
                {
                    "naam": ValidationError(
                        _("Deze regio heeft al een orgaan met de naam %(naam)s."),
                        code="orgaan_bestaat",
                        params={"naam": naam},
                    )
                }
            )
        return maak_orgaan(regio=vergrendeld, soort=soort, naam=naam, door=door, taak=taak)


@transaction.atomic
def hef_orgaan_op(
    *,
    orgaan: Bestuursorgaan,
    door: Gebruiker | None,
    reden: str = "",
    versie: int | None = None,
) -> None:
    """Dissolve a governance body of a region's dossier; its members' roles in it end."""
    with dossier_wijziging(regio=orgaan.regio, door=door, versie=versie):
        orgaan = Bestuursorgaan.objects.select_related("regio").get(pk=orgaan.pk)
        verwijder_orgaan(orgaan=orgaan, door=door, reden=reden)


@transaction.atomic
def geef_rol(
    *,
    regio: Regio,
    soort: str,
    door: Gebruiker | None,
    persoon: Persoon | None = None,
    nieuwe_persoon: dict[str, Any] | None = None,
    orgaan: Bestuursorgaan | None = None,
    namens: Organisatie | None = None,
    versie: int | None = None,
) -> Rol:
    """Give a role in the region to an existing person, or to a new one described by
    ``nieuwe_persoon`` (the fields of :func:`partners.services.maak_persoon`). The new
    person gets no login here."""
    if (persoon is None) == (nieuwe_persoon is None):
        raise ValueError("Pass either persoon or nieuwe_persoon.")
    with (
        dossier_wijziging(regio=regio, door=door, versie=versie) as vergrendeld,
        _fouten_bij_velden(),
    ):
        if persoon is None:
            persoon = maak_persoon(door=door, **nieuwe_persoon)
        return ken_rol_toe(
            regio=vergrendeld,
            persoon=persoon,
            soort=soort,
            orgaan=orgaan,
            namens=namens,
            door=door,
        )


@transaction.atomic
def neem_rol_af(
    *, rol: Rol, door: Gebruiker | None, reden: str = "", versie: int | None = None
) -> None:
    """Withdraw a role in the region. The last programme manager stays: without one, nobody
    could change or submit the dossier any more."""
    with dossier_wijziging(regio=rol.regio, door=door, versie=versie) as vergrendeld:
        rol = Rol.objects.select_related("persoon", "orgaan", "regio").get(pk=rol.pk)
        if (
            rol.soort == Rolsoort.PROGRAMMAMANAGER
            and not Rol.objects.filter(regio=vergrendeld, soort=Rolsoort.PROGRAMMAMANAGER)
            .exclude(pk=rol.pk)
            .exists()
        ):
            raise ValidationError(
                _(
                    "%(persoon)s is de enige programmamanager van de regio. Geef eerst iemand "
                    "anders die rol; zonder programmamanager kan niemand het dossier wijzigen "
                    "of indienen."
                ),
                code="laatste_programmamanager",
                params={"persoon": rol.persoon.volledige_naam},
            )
        trek_rol_in(rol=rol, door=door, reden=reden)
