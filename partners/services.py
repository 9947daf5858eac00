"""Writes on partners: organisations, contact persons, their logins, and an administrator's
judgement of a register branch.

Every function is one use case: it checks its input, writes inside one transaction and records
the audit event, so a refusal leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker

from .models import Organisatie, Persoon, Vestiging
from .validators import normaliseer_kvk, normaliseer_postcode

# Audit actions written here; other code and the tests refer to these names.


def verschillen(oud: models.Model, nieuw: models.Model, *, negeer: Iterable[str] = ()) -> dict:
    """Concrete fields whose value differs between two versions of one row, as
    ``{name: (old, new)}`` with printable values (they go into the audit event as JSON)."""
    negeer = set(negeer)
    uitkomst = {}
    for veld in nieuw._meta.concrete_fields:
        # Fields that are not editable are kept by the system (timestamps, a dossier's
        # version): a stale copy in a form must never write them back.
        if veld.primary_key or not veld.editable or veld.name in negeer:
            continue
        voor, na = getattr(oud, veld.attname), getattr(nieuw, veld.attname)
        if voor != na:
            uitkomst[veld.name] = (_printbaar(voor), _printbaar(na))
    return uitkomst


def _printbaar(waarde: Any) -> Any:
    return waarde if waarde is None or isinstance(waarde, bool | int | str) else str(waarde)


def _normaliseer_adres(velden: dict[str, Any]) -> None:
    if velden.get("postcode"):
        velden["postcode"] = normaliseer_postcode(velden["postcode"])


@transaction.atomic
def maak_organisatie(
    *, naam: str, soort: str, door: Gebruiker | None, kvk_nummer: str = "", **velden: Any
) -> Organisatie:
    """Register a partner organisation. A KvK number, if given, must be new."""
    kvk_nummer = normaliseer_kvk(kvk_nummer)
    _normaliseer_adres(velden)
    if kvk_nummer:
        bestaand = Organisatie.objects.filter(kvk_nummer=kvk_nummer).first()
        if bestaand is not None:
            raise ValidationError(
                _("Er is al een organisatie met KvK-nummer %(kvk)s: %(naam)s."),
                code="kvk_bestaat",
                params={"kvk": kvk_nummer, "naam": bestaand.naam},
            )
    organisatie = Organisatie(naam=naam.strip(), soort=soort, kvk_nummer=kvk_nummer, **velden)
    organisatie.full_clean()
    organisatie.save()
    leg_vast(
        actie=Actie.ORGANISATIE_AANGEMAAKT,
        omschrijving=_("Organisatie %(naam)s aangemaakt.") % {"naam": organisatie.naam},
        door=door,
        onderwerp=organisatie,
        gegevens={"soort": organisatie.soort, "kvk_nummer": organisatie.kvk_nummer},
    )
    return organisatie


@transaction.atomic
def wijzig_organisatie(
    *, organisatie: Organisatie, door: Gebruiker | None, **velden: Any
) -> list[str]:
    """Save changes to an organisation (given here or already set on the instance) and
    record which fields changed. Returns the changed field names."""
    if "kvk_nummer" in velden:
        velden["kvk_nummer"] = normaliseer_kvk(velden["kvk_nummer"])
    _normaliseer_adres(velden)
    for naam, waarde in velden.items():
        setattr(organisatie, naam, waarde)
    oud = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    gewijzigd = verschillen(oud, organisatie)
    if not gewijzigd:
        return []
    organisatie.full_clean()
    organisatie.save(update_fields=[*gewijzigd, "bijgewerkt_op"])
    leg_vast(
        actie=Actie.ORGANISATIE_GEWIJZIGD,
        omschrijving=_("Gegevens van %(naam)s gewijzigd: %(velden)s.")
        % {"naam": organisatie.naam, "velden": ", ".join(gewijzigd)},
        door=door,
        onderwerp=organisatie,
        gegevens={"wijzigingen": gewijzigd},
    )
    return list(gewijzigd)


@transaction.atomic
def maak_gebruiker(
    *,
    gebruikersnaam: str,
    email: str,
    door: Gebruiker | None,
    voornaam: str = "",
    achternaam: str = "",
    wachtwoord: str | None = None,
    groepen: Iterable[str] = (),
    is_staff: bool = False,
    is_superuser: bool = False,
) -> Gebruiker:
    """Create a login. Without a password the account cannot log in until one is set.

    ``groepen`` are names of existing groups (see ``ecosysteem.rollen``)."""
    email = BaseUserManager.normalize_email(email.strip())
    if Gebruiker.objects.filter(username__iexact=gebruikersnaam).exists():
        raise ValidationError(
            _("De gebruikersnaam %(naam)s is al in gebruik."),
            code="gebruikersnaam_bestaat",
            params={"naam": gebruikersnaam},
        )
    if Gebruiker.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _("Er is al een account met het e-mailadres %(email)s."),
            code="email_bestaat",
            params={"email": email},
        )
    groepen = list(groepen)
    gevonden = list(Group.objects.filter(name__in=groepen))
    if len(gevonden) != len(set(groepen)):
        ontbrekend = sorted(set(groepen) - {g.name for g in gevonden})
        raise ValidationError(
            _("Onbekende groep(en): %(groepen)s."),
            code="groep_onbekend",
            params={"groepen": ", ".join(ontbrekend)},
        )
    gebruiker = Gebruiker(
        username=gebruikersnaam,
        email=email,
        first_name=voornaam,
        last_name=achternaam,
        is_staff=is_staff or is_superuser,
        is_superuser=is_superuser,
    )
    if wachtwoord:
        gebruiker.set_password(wachtwoord)
    else:
        gebruiker.set_unusable_password()
    gebruiker.full_clean()
    gebruiker.save()
    gebruiker.groups.set(gevonden)
    leg_vast(
        actie=Actie.GEBRUIKER_AANGEMAAKT,
        omschrijving=_("Account %(naam)s aangemaakt.") % {"naam": gebruiker.username},
        door=door,
        onderwerp=gebruiker,
        gegevens={
            "groepen": sorted(g.name for g in gevonden),
            "is_staff": gebruiker.is_staff,
            "is_superuser": gebruiker.is_superuser,
        },
    )
    return gebruiker


@transaction.atomic
def maak_persoon(
    *,
    voornaam: str,
    achternaam: str,
    email: str,
    door: Gebruiker | None,
    organisatie: Organisatie | None = None,
    gebruiker: Gebruiker | None = None,
    gebruikersnaam: str = "",
    wachtwoord: str | None = None,
    **velden: Any,
) -> Persoon:
    """Register a contact person, optionally linked to a login.

    Pass ``gebruiker`` to link an existing account, or ``gebruikersnaam`` (and optionally
    ``wachtwoord``) to create one with the person's name and e-mail address."""
    email = BaseUserManager.normalize_email(email.strip())
    if Persoon.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _("Er is al een persoon met het e-mailadres %(email)s."),
            code="email_bestaat",
            params={"email": email},
        )
    if gebruiker is not None and gebruikersnaam:
        raise ValidationError(
            _("Koppel een bestaand account of maak een nieuw account, niet allebei."),
            code="gebruiker_dubbel",
        )
    if gebruiker is not None and Persoon.objects.filter(gebruiker=gebruiker).exists():
        raise ValidationError(
            _("Het account %(naam)s hoort al bij een andere persoon."),
            code="gebruiker_bezet",
            params={"naam": gebruiker.username},
        )
    persoon = Persoon(
        voornaam=voornaam.strip(),
        achternaam=achternaam.strip(),
        email=email,
        organisatie=organisatie,
        **velden,
    )
    # Validate the person before creating a login, so a bad person leaves no account behind
    # even for callers that catch the error inside their own transaction.
    persoon.full_clean(exclude=["gebruiker"])
    if gebruikersnaam:
        gebruiker = maak_gebruiker(
            gebruikersnaam=gebruikersnaam,
            email=email,
            voornaam=persoon.voornaam,
            achternaam=" ".join(d for d in (persoon.tussenvoegsel, persoon.achternaam) if d),
            wachtwoord=wachtwoord,
            door=door,
        )
    persoon.gebruiker = gebruiker
    persoon.save()
    leg_vast(
        actie=Actie.PERSOON_AANGEMAAKT,
        omschrijving=_("Persoon %(naam)s aangemaakt.") % {"naam": persoon.volledige_naam},
        door=door,
        onderwerp=persoon,
        gegevens={
            "organisatie": organisatie.naam if organisatie else None,
            "gebruiker": gebruiker.username if gebruiker else None,
        },
    )
    return persoon


@transaction.atomic
def wijzig_persoon(*, persoon: Persoon, door: Gebruiker | None, **velden: Any) -> list[str]:
    """Save changes to a contact person and record which fields changed."""
    for naam, waarde in velden.items():
        setattr(persoon, naam, waarde)
    oud = Persoon.objects.select_for_update().get(pk=persoon.pk)
    gewijzigd = verschillen(oud, persoon)
    if not gewijzigd:
        return []
    persoon.full_clean()
    persoon.save(update_fields=list(gewijzigd))
    leg_vast(
        actie=Actie.PERSOON_GEWIJZIGD,
        omschrijving=_("Gegevens van %(naam)s gewijzigd: %(velden)s.")
        % {"naam": persoon.volledige_naam, "velden": ", ".join(gewijzigd)},
        door=door,
        onderwerp=persoon,
        gegevens={"wijzigingen": gewijzigd},
    )
    return list(gewijzigd)


@transaction.atomic
def beoordeel_vestiging(
    *, vestiging: Vestiging, telt_mee: bool, reden: str, door: Gebruiker | None
) -> Vestiging:
    """An administrator decides whether a register branch counts for the subsidy, for
    example a branch whose type the importer did not recognise."""
    reden = reden.strip()
    if not reden:
        raise ValidationError(
            _("Geef aan waarom de vestiging wel of niet meetelt."), code="reden_verplicht"
        )
    oud = Vestiging.objects.select_for_update().get(pk=vestiging.pk)
    if (
        oud.telt_mee == telt_mee
        and oud.telt_mee_reden == reden
        and oud.telt_mee_besluit == telt_mee
    ):
        return vestiging
    vestiging.telt_mee = telt_mee
    vestiging.telt_mee_reden = reden
    vestiging.telt_mee_besluit = telt_mee
    vestiging.save(
        update_fields=["telt_mee", "telt_mee_reden", "telt_mee_besluit", "bijgewerkt_op"]
    )
    leg_vast(
        actie=Actie.VESTIGING_BEOORDEELD,
        omschrijving=(
            _("%(vestiging)s telt nu mee voor de subsidie.")
            if telt_mee
            else _("%(vestiging)s telt nu niet mee voor de subsidie.")
        )
        % {"vestiging": vestiging},
        door=door,
        onderwerp=vestiging,
        reden=reden,
        gegevens={
            "telt_mee": [oud.telt_mee, telt_mee],
            "telt_mee_reden": [oud.telt_mee_reden, reden],
        },
    )
    return vestiging
