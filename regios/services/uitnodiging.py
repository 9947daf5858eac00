"""Inviting a person with a role in a region to an account.

The programme manager (or an administrator) invites; the person gets an e-mail with a link
to choose a password (``ecosysteem.account``), and can then log in and read what their role
lets them read, or fill in the collaboration scan. Inviting again sends a new link, as long
as no password was chosen; after that the person asks for one on the login page. An
invitation changes nothing in the dossier, so it is possible after submission too.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker
from ecosysteem.rechten import eis
from partners.models import Persoon
from partners.services import maak_gebruiker

from ..models import Regio, Rol
from ..rules import _lopend


def huidige_rollen(persoon: Persoon, regio: Regio) -> list[Rol]:
    return list(
        Rol.objects.filter(_lopend(), regio=regio, persoon=persoon).select_related("orgaan")
    )


def uitnodiging_mogelijk(persoon: Persoon) -> bool:
    """No account yet, or one whose password was never chosen."""
    return persoon.gebruiker_id is None or not persoon.gebruiker.has_usable_password()


@transaction.atomic
def nodig_uit_voor_account(*, persoon: Persoon, regio: Regio, door: Gebruiker) -> Gebruiker:
    """Give ``persoon`` (who has a role in ``regio``) an account, or use the one with their
    e-mail address, and send the link to choose a password. Refused when the person has a
    password already: they use "wachtwoord vergeten" instead."""
    eis("regios.account_uitnodigen", door, regio)
    persoon = (
        Persoon.objects.select_for_update(of=("self",))
        .select_related("gebruiker")
        .get(pk=persoon.pk)
    )
    rollen = huidige_rollen(persoon, regio)
    if not rollen:
        raise ValidationError(
            _("%(naam)s heeft geen rol in %(regio)s.")
            % {"naam": persoon.volledige_naam, "regio": regio.naam},
            code="geen_rol",
        )
    gebruiker = persoon.gebruiker
    opnieuw = gebruiker is not None
    if gebruiker is None:
        bestaand = Gebruiker.objects.filter(email__iexact=persoon.email).first()
        if bestaand is not None and Persoon.objects.filter(gebruiker=bestaand).exists():
            raise ValidationError(
                _("Het account met het e-mailadres %(email)s hoort al bij een andere persoon.")
                % {"email": persoon.email},
                code="account_bezet",
            )
        gebruiker = bestaand or maak_gebruiker(
            gebruikersnaam=persoon.email,
            email=persoon.email,
            voornaam=persoon.voornaam,
            achternaam=" ".join(d for d in (persoon.tussenvoegsel, persoon.achternaam) if d),
            door=door,
        )
        persoon.gebruiker = gebruiker
        persoon.save(update_fields=["gebruiker"])
    if gebruiker.has_usable_password():
        raise ValidationError(
            _(
                "%(naam)s heeft al een account met een wachtwoord en kan inloggen. Is het "
                "wachtwoord vergeten, dan vraagt %(naam)s zelf een nieuw aan op de inlogpagina."
            )
            % {"naam": persoon.volledige_naam},
            code="heeft_wachtwoord",
        )
    if not gebruiker.is_active:
        raise ValidationError(
            _("Het account van %(naam)s is uitgeschakeld; alleen een beheerder zet het aan.")
            % {"naam": persoon.volledige_naam},
            code="niet_actief",
        )
    namen = [rol.get_soort_display() for rol in rollen]
    leg_vast(
        actie=Actie.ACCOUNT_UITGENODIGD,
        omschrijving=(
            _("%(naam)s opnieuw uitgenodigd voor een account.")
            if opnieuw
            else _("%(naam)s uitgenodigd voor een account.")
        )
        % {"naam": persoon.volledige_naam},
        door=door,
        onderwerp=gebruiker,
        regio=regio,
        gegevens={"persoon": persoon.pk, "rollen": namen, "opnieuw": opnieuw},
    )
    return gebruiker
