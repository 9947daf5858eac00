"""Writes on regions: creating a region, who takes part (also a partner registered on the
spot), the penvoerder, governance bodies and roles.

Every function is one use case: it checks state and input, writes inside one transaction and
records the audit event, so a refusal leaves nothing behind. The ``controleer_*`` functions
are the checks on their own, for forms that want to show a refusal next to a field before
anything is saved.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker
from partners.models import SCHOOLSOORTEN, Gemeente, Organisatie, Persoon, Provincie, Vestiging
from partners.services import maak_organisatie, maak_persoon, verschillen
from partners.validators import normaliseer_kvk

from .bewerken import dossier_wijziging
from .models import (
    LOPENDE_DEELNAME,
    Bestuursorgaan,
    Deelname,
    Deelnamestatus,
    Orgaansoort,
    Regio,
    Regiostatus,
    Rol,
    Rolsoort,
    Tijdvak,
)
from .rules import BEWERKBARE_STATUSSEN

# Audit actions written here; other code and the tests refer to these names.

# Who takes part determines the budget, so the composition can change only while the
# programme manager builds the dossier; once submitted, the dossier is frozen.
SAMENSTELLING_OPEN = BEWERKBARE_STATUSSEN

# In the related STO scheme the penvoerder must be the school board of a participating
# school; Techkwadraat asks the same kind of accountable body, so schools and boards only.
PENVOERDER_SOORTEN = SCHOOLSOORTEN

# Membership roles that belong in a body of the matching kind.
ROL_IN_ORGAAN = {
    Rolsoort.STUURGROEPLID: {Orgaansoort.STUURGROEP},
    Rolsoort.ADVIESRAADLID: {Orgaansoort.ADVIESRAAD},
    Rolsoort.KERNGROEPLID: {Orgaansoort.KERNGROEP},
    Rolsoort.WERKGROEPLID: {
        Orgaansoort.WERKGROEP,
        Orgaansoort.PROJECTGROEP,
        Orgaansoort.IMPLEMENTATIEGROEP,
    },
}


# --- checks ------------------------------------------------------------------------------


def controleer_samenstelling_open(regio: Regio) -> None:
    if regio.pk and regio.status not in SAMENSTELLING_OPEN:
        raise ValidationError(
            _(
                "De regio %(regio)s heeft de status '%(status)s'; wie er meedoet kan nu niet "
                "worden gewijzigd."
            ),
            code="samenstelling_dicht",
            params={"regio": regio.naam, "status": regio.get_status_display()},
        )


def controleer_dossier_open(regio: Regio) -> None:
    """Refuse a change of a dossier that is submitted, in review or decided, with a reason a
    form can show before anything is saved; the services refuse it again under the lock."""
    if regio.pk and regio.status not in BEWERKBARE_STATUSSEN:
        raise ValidationError(
            _(
                "Het dossier van %(regio)s is %(status)s en ligt daarmee vast: wat de regio "
                "heeft ingediend, verandert niet meer. Dit kan nu niet worden gewijzigd."
            ),
            code="bevroren",
            params={"regio": regio.naam, "status": regio.get_status_display()},
        )


def controleer_vestiging_kan_meedoen(*, regio: Regio, vestiging: Vestiging) -> None:
    """Refuse a branch that left the register or already takes part this period.

    Works for a region that is not saved yet (a new region with its branches in one form)."""
    if not vestiging.in_register:
        raise ValidationError(
            _("%(vestiging)s staat niet meer in het scholenregister."),
            code="niet_in_register",
            params={"vestiging": vestiging},
        )
    elders = (
        Deelname.objects.filter(LOPENDE_DEELNAME, vestiging=vestiging, tijdvak=regio.tijdvak_id)
        .select_related("regio")
        .first()
    )
    if elders is None:
        return
    if regio.pk and elders.regio_id == regio.pk:
        raise ValidationError(
            _("%(vestiging)s doet al mee in deze regio."),
            code="vestiging_al_in_regio",
            params={"vestiging": vestiging},
        )
    raise ValidationError(
        _("%(vestiging)s doet in dit tijdvak al mee in de regio %(regio)s."),
        code="vestiging_in_andere_regio",
        params={"vestiging": vestiging, "regio": elders.regio.naam},
    )


def controleer_organisatie_kan_meedoen(*, regio: Regio, organisatie: Organisatie) -> None:
    if (
        regio.pk
        and Deelname.objects.filter(LOPENDE_DEELNAME, regio=regio, organisatie=organisatie).exists()
    ):
        raise ValidationError(
            _("%(organisatie)s doet al mee in deze regio."),
            code="organisatie_al_in_regio",
            params={"organisatie": organisatie.naam},
        )


def controleer_penvoerder(organisatie: Organisatie | None) -> None:
    if organisatie is None:
        raise ValidationError(
            _("De penvoerder is een organisatie, geen schoolvestiging."),
            code="penvoerder_geen_organisatie",
        )
    if organisatie.soort not in PENVOERDER_SOORTEN:
        raise ValidationError(
            _(
                "%(organisatie)s kan geen penvoerder zijn: dat is een %(soort)s. Kies een "
                "schoolbestuur (bevoegd gezag) of een school."
            ),
            code="penvoerder_soort",
            params={"organisatie": organisatie.naam, "soort": organisatie.get_soort_display()},
        )


def controleer_leerlingen(deelname: Deelname) -> None:
    """The eligible pupils a region states for a branch never exceed the register's total."""
    opgegeven = deelname.opgegeven_leerlingen
    if opgegeven is None:
        return
    if deelname.vestiging_id is None:
        raise ValidationError(
            _("Leerlingen geef je op bij een schoolvestiging, niet bij een organisatie."),
            code="leerlingen_bij_organisatie",
        )
    register = deelname.vestiging.leerlingen
    if register is not None and opgegeven > register:
        raise ValidationError(
            _("Opgegeven %(opgegeven)s leerlingen, maar het register telt er %(register)s."),
            code="leerlingen_boven_register",
            params={"opgegeven": opgegeven, "register": register},
        )


def controleer_rol(
    *,
    regio: Regio,
    persoon: Persoon,
    soort: str,
    orgaan: Bestuursorgaan | None = None,
    namens: Organisatie | None = None,
    behalve: Rol | None = None,
) -> None:
    """Refuse a role in a body of another region, a membership in a body of the wrong kind,
    on behalf of an organisation that does not take part, or one the person already has."""
    if orgaan is not None and orgaan.regio_id != regio.pk:
        raise ValidationError(
            _("%(orgaan)s hoort bij een andere regio."),
            code="orgaan_andere_regio",
            params={"orgaan": orgaan.naam},
        )
    passend = ROL_IN_ORGAAN.get(soort)
    if passend and orgaan is not None and orgaan.soort not in passend:
        raise ValidationError(
            _("Een %(rol)s hoort niet in %(orgaan)s (een %(soort)s)."),
            code="orgaan_past_niet",
            params={
                "rol": Rolsoort(soort).label,
                "orgaan": orgaan.naam,
                "soort": orgaan.get_soort_display(),
            },
        )
    # For a region created in the same form its partners are not saved yet: the service
    # checks again when it saves the role, after the partners.
    if (
        namens is not None
        and regio.pk is not None
        and not Deelname.objects.filter(LOPENDE_DEELNAME, regio=regio, organisatie=namens).exists()
    ):
        raise ValidationError(
            _("%(organisatie)s doet niet mee in deze regio; voeg de organisatie eerst toe."),
            code="namens_doet_niet_mee",
            params={"organisatie": namens.naam},
        )
    if regio.pk is None:
        # A region created in the same form has no roles to duplicate yet.
        return
    dubbel = Rol.objects.filter(regio=regio, persoon=persoon, soort=soort, orgaan=orgaan)
    if behalve is not None:
        dubbel = dubbel.exclude(pk=behalve.pk)
    if dubbel.exists():
        raise ValidationError(
            _("%(persoon)s is al %(rol)s in deze regio."),
            code="rol_bestaat",
            params={"persoon": persoon.volledige_naam, "rol": Rolsoort(soort).label},
        )


def controleer_orgaansoort(*, orgaan: Bestuursorgaan, soort: str) -> None:
    """Refuse a new kind for a body whose members' roles do not fit it."""
    if orgaan.pk is None:
        return
    for rol in orgaan.leden.select_related("persoon"):
        passend = ROL_IN_ORGAAN.get(rol.soort)
        if passend and soort not in passend:
            raise ValidationError(
                _("%(persoon)s is %(rol)s in dit orgaan; dat past niet bij een %(soort)s."),
                code="orgaan_past_niet",
                params={
                    "persoon": rol.persoon.volledige_naam,
                    "rol": rol.get_soort_display(),
                    "soort": Orgaansoort(soort).label,
                },
            )


# --- regions -----------------------------------------------------------------------------


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


# --- participation -----------------------------------------------------------------------
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


# --- governance --------------------------------------------------------------------------
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
