"""Creating, changing and removing a region."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker
from partners.models import Gemeente, Provincie
from partners.services import verschillen

from ..bewerken import dossier_wijziging
from ..models import (
    Regio,
    Regiostatus,
    Tijdvak,
)


@transaction.atomic
def maak_regio(
    *,
    tijdvak: Tijdvak,
    naam: str,
    slug: str,
    door: Gebruiker | None,
    provincies: list[Provincie] | tuple = (),
    gemeenten: list[Gemeente] | tuple = (),
    **velden: Any,
) -> Regio:
    """Start a region's dossier in a period, in status concept."""
    regio = Regio(tijdvak=tijdvak, naam=naam.strip(), slug=slug, **velden)
    regio.full_clean()
    regio.save()
    regio.provincies.set(provincies)
    regio.gemeenten.set(gemeenten)
    leg_vast(
        actie=Actie.REGIO_AANGEMAAKT,
        omschrijving=_("Regio %(regio)s aangemaakt in %(tijdvak)s.")
        % {"regio": regio.naam, "tijdvak": tijdvak.naam},
        door=door,
        onderwerp=regio,
        regio=regio,
        naar_status=regio.status,
    )
    return regio


def _gewijzigde_koppelingen(oud: Regio, provincies, gemeenten) -> list[str]:
    koppelingen = []
    if provincies is not None and {p.pk for p in provincies} != set(
        oud.provincies.values_list("pk", flat=True)
    ):
        koppelingen.append("provincies")
    if gemeenten is not None and {g.pk for g in gemeenten} != set(
        oud.gemeenten.values_list("pk", flat=True)
    ):
        koppelingen.append("gemeenten")
    return koppelingen


@transaction.atomic
def wijzig_regio(
    *,
    regio: Regio,
    door: Gebruiker | None,
    provincies: list[Provincie] | None = None,
    gemeenten: list[Gemeente] | None = None,
    versie: int | None = None,
    **velden: Any,
) -> list[str]:
    """Save changes to a region's own data (given here or already set on the instance):
    name, area, STO alignment, vision. Returns the changed names.

    The status changes only by submitting, reopening or deciding (``subsidie.services``)."""
    for naam, waarde in velden.items():
        setattr(regio, naam, waarde)
    # A change that changes nothing should not raise the dossier's version.
    opgeslagen = Regio.objects.get(pk=regio.pk)
    if not verschillen(opgeslagen, regio) and not _gewijzigde_koppelingen(
        opgeslagen, provincies, gemeenten
    ):
        return []
    with dossier_wijziging(regio=regio, door=door, versie=versie) as oud:
        gewijzigd = verschillen(oud, regio)
        koppelingen = _gewijzigde_koppelingen(oud, provincies, gemeenten)
        if "tijdvak" in gewijzigd:
            # Participations carry the period (one region per branch per period): moving
            # the region would leave them behind.
            raise ValidationError(
                _("Een regio verhuist niet naar een ander tijdvak; maak daar een nieuwe regio."),
                code="tijdvak_vast",
            )
        if "status" in gewijzigd:
            raise ValidationError(
                _("De status verandert door indienen, heropenen of een besluit."),
                code="status_vast",
            )
        if gewijzigd:
            regio.full_clean()
            regio.save(update_fields=[*gewijzigd, "bijgewerkt_op"])
        if "provincies" in koppelingen:
            regio.provincies.set(provincies)
        if "gemeenten" in koppelingen:
            regio.gemeenten.set(gemeenten)
        namen = [*gewijzigd, *koppelingen]
        leg_vast(
            actie=Actie.REGIO_GEWIJZIGD,
            omschrijving=_("Regio %(regio)s gewijzigd: %(velden)s.")
            % {"regio": regio.naam, "velden": ", ".join(namen)},
            door=door,
            onderwerp=regio,
            regio=regio,
            gegevens={"wijzigingen": gewijzigd, "koppelingen": koppelingen},
        )
    return namen


@transaction.atomic
def verwijder_regio(*, regio: Regio, door: Gebruiker | None, reden: str = "") -> None:
    """Remove a concept region with everything in it; a submitted one stays for the record."""
    if regio.status != Regiostatus.CONCEPT:
        raise ValidationError(
            _("Alleen een regio in concept kan worden verwijderd; %(regio)s is %(status)s."),
            code="regio_niet_concept",
            params={"regio": regio.naam, "status": regio.get_status_display()},
        )
    gegevens = {
        "naam": regio.naam,
        "slug": regio.slug,
        "tijdvak": regio.tijdvak.code,
        "deelnames": regio.deelnames.count(),
        "rollen": regio.rollen.count(),
    }
    omschrijving = _("Regio %(regio)s verwijderd.") % {"regio": regio.naam}
    # The event's link to the region would be cleared by the delete; the name stays in it.
    leg_vast(
        actie=Actie.REGIO_VERWIJDERD,
        omschrijving=omschrijving,
        door=door,
        onderwerp=regio,
        reden=reden,
        van_status=regio.status,
        gegevens=gegevens,
    )
    regio.delete()
