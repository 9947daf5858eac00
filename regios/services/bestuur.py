"""Governance: bodies and roles. Bodies and roles are part of what a region submits, so
every write runs inside ``dossier_wijziging`` (freeze, optimistic version, version bump)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker
from partners.models import Organisatie, Persoon
from partners.services import maak_persoon, verschillen

from ..bewerken import dossier_wijziging
from ..models import (
    Bestuursorgaan,
    Regio,
    Rol,
    Rolsoort,
)
from .controles import controleer_orgaansoort, controleer_rol
from .koppeling import zo_nodig_koppelverzoek

#
# Bodies and roles are part of what a region submits, so every write below runs inside
# ``dossier_wijziging``: a submitted dossier refuses it, a form opened on an older version is
# refused, and the dossier's version goes up.

# Refusals of the checks, by code, and the argument (form field) they concern, so a form can
# show them next to that field instead of above the form.
VELD_VAN_FOUT = {
    "orgaan_andere_regio": "orgaan",
    "orgaan_past_niet": "orgaan",
    "namens_doet_niet_mee": "namens",
    "rol_bestaat": "soort",
    "email_bestaat": "email",
    "orgaan_bestaat": "naam",
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


def _loopt(rol: Rol, vandaag: datetime.date) -> bool:
    return rol.einddatum is None or rol.einddatum >= vandaag


def controleer_programmamanager_blijft(
    *,
    regio: Regio,
    rol: Rol,
    einde: datetime.date | None = None,
    weg: bool = False,
    ook_weg: Iterable[int] = (),
) -> None:
    """Refuse ending the region's last running programme-manager role.

    Without a programme manager nobody can change, submit or reopen the dossier any more.
    ``rol`` is the stored role; ``weg`` means it disappears (withdrawn, another kind, its body
    dissolved), otherwise ``einde`` is its new end date. Ending it (or moving its end date
    earlier) is allowed only while another programme-manager role of the region is still
    running (no end date, or one from today on): give someone else the role first. Roles in
    ``ook_weg`` (the other members of a body being dissolved) do not count as remaining."""
    if rol.soort != Rolsoort.PROGRAMMAMANAGER:
        return
    vandaag = timezone.localdate()
    verlengd = einde is None or (rol.einddatum is not None and einde >= rol.einddatum)
    if not weg and verlengd:
        return
    if not _loopt(rol, vandaag):
        # Already ended: changing it takes nothing away.
        return
    andere = Rol.objects.filter(regio=regio, soort=Rolsoort.PROGRAMMAMANAGER).exclude(
        pk__in=[rol.pk, *ook_weg]
    )
    if any(_loopt(ander, vandaag) for ander in andere):
        return
    raise ValidationError(
        _(
            "%(persoon)s is de enige programmamanager van de regio. Geef eerst iemand "
            "anders die rol; zonder programmamanager kan niemand het dossier wijzigen "
            "of indienen."
        ),
        code="laatste_programmamanager",
        params={"persoon": rol.persoon.volledige_naam},
    )


@transaction.atomic
def maak_orgaan(
    *,
    regio: Regio,
    soort: str,
    naam: str,
    door: Gebruiker | None,
    taak: str = "",
    versie: int | None = None,
) -> Bestuursorgaan:
    """Add a governance body (steering group, core group, working group...) to a region's
    dossier. A name differing only in capitals from an existing body is refused too."""
    with dossier_wijziging(regio=regio, door=door, versie=versie) as vergrendeld:
        naam = naam.strip()
        bestaand = Bestuursorgaan.objects.filter(regio=vergrendeld, naam__iexact=naam).first()
        if bestaand is not None:
            raise ValidationError(
                {
                    "naam": ValidationError(
                        _("Deze regio heeft al een orgaan met deze naam.")
                        if bestaand.naam == naam
                        else _("Deze regio heeft al een orgaan met de naam %(naam)s."),
                        code="orgaan_bestaat",
                        params={"naam": naam},
                    )
                }
            )
        orgaan = Bestuursorgaan(regio=vergrendeld, soort=soort, naam=naam, taak=taak)
        orgaan.full_clean()
        orgaan.save()
        leg_vast(
            actie=Actie.ORGAAN_AANGEMAAKT,
            omschrijving=_("%(orgaan)s ingesteld in %(regio)s.")
            % {"orgaan": orgaan.naam, "regio": vergrendeld.naam},
            door=door,
            onderwerp=orgaan,
            regio=vergrendeld,
            gegevens={"soort": soort},
        )
    return orgaan


@transaction.atomic
def wijzig_orgaan(
    *, orgaan: Bestuursorgaan, door: Gebruiker | None, versie: int | None = None, **velden: Any
) -> list[str]:
    """Save changes to a governance body's name, kind or mandate (given here or already set
    on the instance). A change that changes nothing leaves the dossier as it is."""
    for naam, waarde in velden.items():
        setattr(orgaan, naam, waarde)
    opgeslagen = Bestuursorgaan.objects.select_related("regio").get(pk=orgaan.pk)
    if not verschillen(opgeslagen, orgaan):
        return []
    with dossier_wijziging(regio=opgeslagen.regio, door=door, versie=versie) as regio:
        oud = Bestuursorgaan.objects.select_for_update().get(pk=orgaan.pk)
        gewijzigd = verschillen(oud, orgaan)
        if "regio" in gewijzigd:
            raise ValidationError(
                _("Een orgaan verhuist niet naar een andere regio."), code="orgaan_andere_regio"
            )
        if "soort" in gewijzigd:
            controleer_orgaansoort(orgaan=orgaan, soort=orgaan.soort)
        if "naam" in gewijzigd:
            orgaan.naam = orgaan.naam.strip()
            if (
                Bestuursorgaan.objects.filter(regio=regio, naam__iexact=orgaan.naam)
                .exclude(pk=orgaan.pk)
                .exists()
            ):
                raise ValidationError(
                    {
                        "naam": ValidationError(
                            _("Deze regio heeft al een orgaan met de naam %(naam)s."),
                            code="orgaan_bestaat",
                            params={"naam": orgaan.naam},
                        )
                    }
                )
        orgaan.full_clean()
        orgaan.save(update_fields=list(gewijzigd))
        leg_vast(
            actie=Actie.ORGAAN_GEWIJZIGD,
            omschrijving=_("%(orgaan)s gewijzigd: %(velden)s.")
            % {"orgaan": orgaan.naam, "velden": ", ".join(gewijzigd)},
            door=door,
            onderwerp=orgaan,
            regio=regio,
            gegevens={"wijzigingen": gewijzigd},
        )
    return list(gewijzigd)


@transaction.atomic
def verwijder_orgaan(
    *,
    orgaan: Bestuursorgaan,
    door: Gebruiker | None,
    reden: str = "",
    versie: int | None = None,
) -> None:
    """Dissolve a governance body of a region's dossier; its members' roles in it end with
    it, so the last programme manager may not be among them."""
    with dossier_wijziging(regio=orgaan.regio, door=door, versie=versie) as regio:
        orgaan = Bestuursorgaan.objects.select_for_update().get(pk=orgaan.pk)
        leden = list(orgaan.leden.select_related("persoon"))
        for rol in leden:
            controleer_programmamanager_blijft(
                regio=regio, rol=rol, weg=True, ook_weg=[lid.pk for lid in leden]
            )
        leg_vast(
            actie=Actie.ORGAAN_VERWIJDERD,
            omschrijving=_("%(orgaan)s opgeheven in %(regio)s.")
            % {"orgaan": orgaan.naam, "regio": regio.naam},
            door=door,
            onderwerp=orgaan,
            regio=regio,
            reden=reden,
            gegevens={
                "naam": orgaan.naam,
                "soort": orgaan.soort,
                "leden": [f"{rol.persoon.volledige_naam} ({rol.soort})" for rol in leden],
            },
        )
        orgaan.delete()


@transaction.atomic
def ken_rol_toe(
    *,
    regio: Regio,
    soort: str,
    door: Gebruiker | None,
    persoon: Persoon | None = None,
    nieuwe_persoon: dict[str, Any] | None = None,
    orgaan: Bestuursorgaan | None = None,
    namens: Organisatie | None = None,
    startdatum: datetime.date | None = None,
    einddatum: datetime.date | None = None,
    versie: int | None = None,
) -> Rol:
    """Give a person a role in a region's dossier, optionally in one of its bodies and on
    behalf of a participating organisation.

    The person is an existing one (``persoon``) or a new one described by ``nieuwe_persoon``
    (the fields of :func:`partners.services.maak_persoon`; no login is made here). A refusal
    that concerns one argument is raised for that argument (see ``VELD_VAN_FOUT``)."""
    if (persoon is None) == (nieuwe_persoon is None):
        raise ValueError("Pass either persoon or nieuwe_persoon.")
    with (
        dossier_wijziging(regio=regio, door=door, versie=versie) as vergrendeld,
        _fouten_bij_velden(),
    ):
        if persoon is None:
            persoon = maak_persoon(door=door, **nieuwe_persoon)
        controleer_rol(
            regio=vergrendeld, persoon=persoon, soort=soort, orgaan=orgaan, namens=namens
        )
        rol = Rol(
            regio=vergrendeld,
            persoon=persoon,
            soort=soort,
            orgaan=orgaan,
            namens=namens,
            startdatum=startdatum,
            einddatum=einddatum,
        )
        rol.full_clean()
        rol.save()
        leg_vast(
            actie=Actie.ROL_TOEGEKEND,
            omschrijving=_("%(persoon)s is %(rol)s in %(regio)s%(orgaan)s.")
            % {
                "persoon": persoon.volledige_naam,
                "rol": rol.get_soort_display(),
                "regio": vergrendeld.naam,
                "orgaan": f" ({orgaan.naam})" if orgaan else "",
            },
            door=door,
            onderwerp=rol,
            regio=vergrendeld,
            gegevens={
                "soort": soort,
                "persoon": persoon.pk,
                "orgaan": orgaan.naam if orgaan else None,
                "namens": namens.naam if namens else None,
            },
        )
        zo_nodig_koppelverzoek(rol=rol, door=door)
    return rol


@transaction.atomic
def wijzig_rol(
    *, rol: Rol, door: Gebruiker | None, versie: int | None = None, **velden: Any
) -> list[str]:
    """Save changes to a role (kind, dates, body, on whose behalf; given here or already set
    on the instance), with the same checks as when it was given. The last programme manager
    keeps the role: it cannot become another kind or get an end date (see
    :func:`controleer_programmamanager_blijft`)."""
    for naam, waarde in velden.items():
        setattr(rol, naam, waarde)
    opgeslagen = Rol.objects.select_related("regio").get(pk=rol.pk)
    if not verschillen(opgeslagen, rol):
        return []
    with (
        dossier_wijziging(regio=opgeslagen.regio, door=door, versie=versie) as regio,
        _fouten_bij_velden(),
    ):
        oud = Rol.objects.select_for_update().select_related("persoon").get(pk=rol.pk)
        gewijzigd = verschillen(oud, rol)
        if {"regio", "persoon"} & set(gewijzigd):
            raise ValidationError(
                _("Geef de nieuwe persoon of regio een eigen rol en trek deze in."),
                code="rol_vast",
            )
        if "soort" in gewijzigd:
            controleer_programmamanager_blijft(regio=regio, rol=oud, weg=True)
        elif "einddatum" in gewijzigd:
            controleer_programmamanager_blijft(regio=regio, rol=oud, einde=rol.einddatum)
        controleer_rol(
            regio=regio,
            persoon=rol.persoon,
            soort=rol.soort,
            orgaan=rol.orgaan,
            namens=rol.namens,
            behalve=rol,
        )
        rol.full_clean()
        rol.save(update_fields=list(gewijzigd))
        leg_vast(
            actie=Actie.ROL_GEWIJZIGD,
            omschrijving=_("Rol van %(persoon)s gewijzigd: %(velden)s.")
            % {"persoon": rol.persoon.volledige_naam, "velden": ", ".join(gewijzigd)},
            door=door,
            onderwerp=rol,
            regio=regio,
            gegevens={"wijzigingen": gewijzigd},
        )
        if {"soort", "namens"} & set(gewijzigd):
            zo_nodig_koppelverzoek(rol=rol, door=door)
    return list(gewijzigd)


@transaction.atomic
def trek_rol_in(
    *, rol: Rol, door: Gebruiker | None, reden: str = "", versie: int | None = None
) -> None:
    """Withdraw a role. The audit event keeps who had it. The last programme manager stays:
    without one, nobody could change or submit the dossier any more."""
    with dossier_wijziging(regio=rol.regio, door=door, versie=versie) as regio:
        rol = Rol.objects.select_related("persoon", "orgaan").get(pk=rol.pk)
        controleer_programmamanager_blijft(regio=regio, rol=rol, weg=True)
        leg_vast(
            actie=Actie.ROL_INGETROKKEN,
            omschrijving=_("%(persoon)s is geen %(rol)s meer in %(regio)s.")
            % {
                "persoon": rol.persoon.volledige_naam,
                "rol": rol.get_soort_display(),
                "regio": regio.naam,
            },
            door=door,
            onderwerp=rol,
            regio=regio,
            reden=reden,
            gegevens={
                "soort": rol.soort,
                "persoon": rol.persoon_id,
                "orgaan": rol.orgaan.naam if rol.orgaan_id else None,
            },
        )
        rol.delete()
