"""What a partner's contact person changes on "Mijn organisatie": the organisation's own
data, and its co-financing pledges in the regions where the person is its contact.

Only a current contact person of the organisation may do this, and only for that
organisation; a pledge only in a region where they are its contact. The organisation's data
may always change; its KvK number, kind and register numbers stay with the programme
manager. A pledge is part of the region's dossier, so it changes only while the dossier
can (``dossier_wijziging``: not after submission, and never over someone else's newer
change). Every change leaves an audit event in each region it concerns.

Who counts as the contact person are the permissions ``regios.namens_organisatie`` and
``regios.toezegging_als_contact`` (they read the region's roles, so they live in
``regios/rules.py``), asked by name through :mod:`ecosysteem.rechten`.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker
from ecosysteem.opmaak import euro
from ecosysteem.rechten import eis
from partners.models import Cofinancieringsoort, Organisatie, Persoon
from partners.services import verschillen
from partners.validators import normaliseer_postcode
from regios.bewerken import DossierBevroren, dossier_wijziging
from regios.models import Regio
from regios.selectors import contactrollen, namens

from ..models import Cofinanciering

# The region's co-financing rules, shared within this app so that a pledge is checked the
# same way whoever enters it.
from .aanvraag import (
    _cofinanciering_velden,
    _eigen_rij,
    _fouten_partner,
    _fouten_schooljaar,
    _gegevens_cofinanciering,
)

ORGANISATIEVELDEN = (
    "naam",
    "straat",
    "huisnummer",
    "postcode",
    "plaats",
    "website",
    "email",
    "telefoon",
    "omschrijving",
)
# The contact's own details that go with them (the e-mail address is their login).
CONTACTVELDEN = ("telefoon", "functie")


def contactregios(*, door: Gebruiker, organisatie: Organisatie) -> list[Regio]:
    """The regions where ``door`` is now a contact person of ``organisatie``."""
    if door is None or not door.is_authenticated:
        return []
    return list(
        Regio.objects.filter(
            pk__in=contactrollen(door).filter(namens(organisatie)).values("regio_id")
        ).order_by("naam")
    )


def _schoon(waarde: Any) -> Any:
    return waarde.strip() if isinstance(waarde, str) else waarde


@transaction.atomic
def wijzig_organisatiegegevens(
    *,
    organisatie: Organisatie,
    door: Gebruiker,
    contact: dict[str, Any] | None = None,
    geopend_op: datetime.datetime | None = None,
    **velden: Any,
) -> list[str]:
    """Change the organisation's own data (``velden``, from ``ORGANISATIEVELDEN``) and the
    contact's own phone and function (``contact``). Every problem is reported at once, per
    field (the contact's under ``contact_<field>``); nothing is written unless all of it
    is right. Returns the names of what changed."""
    contact = contact or {}
    niet_toegestaan = sorted(set(velden) - set(ORGANISATIEVELDEN)) + sorted(
        f"contact.{veld}" for veld in set(contact) - set(CONTACTVELDEN)
    )
    if niet_toegestaan:
        raise PermissionDenied(
            _(
                "Deze gegevens wijzigt de programmamanager van de regio, niet de "
                "contactpersoon: %(velden)s."
            )
            % {"velden": ", ".join(niet_toegestaan)}
        )
    eis("regios.namens_organisatie", door, organisatie)
    regios = contactregios(door=door, organisatie=organisatie)
    oud = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    if geopend_op is not None and oud.bijgewerkt_op != geopend_op:
        raise ValidationError(
            _(
                "De gegevens van %(naam)s zijn gewijzigd sinds u dit formulier opende. Open "
                "de pagina opnieuw, controleer de gegevens en sla uw wijziging dan op."
            )
            % {"naam": oud.naam},
            code="gewijzigd",
        )
    nieuw = copy.copy(oud)
    for veld, waarde in velden.items():
        setattr(nieuw, veld, _schoon(waarde))
    if nieuw.postcode:
        nieuw.postcode = normaliseer_postcode(nieuw.postcode)
    persoon_oud = Persoon.objects.select_for_update().get(gebruiker=door)
    persoon = copy.copy(persoon_oud)
    for veld, waarde in contact.items():
        setattr(persoon, veld, _schoon(waarde))

    fouten: dict[str, list] = {}
    try:
        nieuw.full_clean()
    except ValidationError as fout:
        fouten.update(fout.message_dict)
    try:
        persoon.full_clean()
    except ValidationError as fout:
        fouten.update(
            {f"contact_{veld}": berichten for veld, berichten in fout.message_dict.items()}
        )
    if fouten:
        raise ValidationError(fouten)

    wijzigingen = verschillen(oud, nieuw)
    contactwijzigingen = verschillen(persoon_oud, persoon)
    if not wijzigingen and not contactwijzigingen:
        return []
    if wijzigingen:
        nieuw.save(update_fields=[*wijzigingen, "bijgewerkt_op"])
    if contactwijzigingen:
        persoon.save(update_fields=list(contactwijzigingen))
    namen = [str(Organisatie._meta.get_field(v).verbose_name) for v in wijzigingen] + [
        _("%(veld)s van de contactpersoon") % {"veld": Persoon._meta.get_field(v).verbose_name}
        for v in contactwijzigingen
    ]
    # The data shows in the dossier of every region where the person is its contact, so
    # each region's history gets the change.
    for regio in regios:
        leg_vast(
            actie=Actie.ORGANISATIE_GEWIJZIGD,
            omschrijving=_(
                "Contactpersoon %(persoon)s heeft gegevens van %(naam)s gewijzigd: %(velden)s."
            )
            % {"persoon": persoon.volledige_naam, "naam": nieuw.naam, "velden": ", ".join(namen)},
            door=door,
            onderwerp=nieuw,
            regio=regio,
            gegevens={
                "wijzigingen": {veld: list(paar) for veld, paar in wijzigingen.items()},
                "contactpersoon": {veld: list(paar) for veld, paar in contactwijzigingen.items()},
            },
        )
    # The caller's object shows what is stored now.
    for veld in wijzigingen:
        setattr(organisatie, veld, getattr(nieuw, veld))
    return [*wijzigingen, *(f"contact_{veld}" for veld in contactwijzigingen)]


@contextmanager
def _dossierwijziging(regio: Regio, versie: int | None) -> Iterator[Regio]:
    """``dossier_wijziging`` for a contact person. The caller checked the permission (a
    contact person is no editor of the dossier: ``door=None``); frozen dossier and version
    are checked as for everybody, with a message meant for a partner."""
    try:
        with dossier_wijziging(regio=regio, door=None, versie=versie) as vergrendeld:
            yield vergrendeld
    except DossierBevroren:
        status = Regio.objects.get(pk=regio.pk).get_status_display()
        raise DossierBevroren(
            _(
                "Het dossier van %(regio)s is %(status)s en ligt daarom vast; de "
                "cofinanciering kan nu niet worden gewijzigd. Neem contact op met de "
                "programmamanager van de regio als er iets moet veranderen."
            )
            % {"regio": regio.naam, "status": status},
            code="bevroren",
        ) from None


def _omschrijving_toezegging(rij: Cofinanciering, persoon: str) -> str:
    return _(
        "Cofinanciering van %(partner)s (%(jaar)s): %(waarde)s, door contactpersoon %(persoon)s."
    ) % {
        "partner": rij.organisatie.naam,
        "jaar": rij.schooljaar_label,
        "waarde": euro(rij.waarde),
        "persoon": persoon,
    }


def _persoonsnaam(door: Gebruiker) -> str:
    persoon = Persoon.objects.filter(gebruiker=door).first()
    return persoon.volledige_naam if persoon else door.get_username()


@transaction.atomic
def sla_toezegging_op(
    *,
    regio: Regio,
    organisatie: Organisatie,
    door: Gebruiker,
    schooljaar: int | None,
    soort: str,
    omschrijving: str,
    bedrag: Decimal | None = None,
    uren: Decimal | None = None,
    uurtarief: Decimal | None = None,
    cofinanciering: Cofinanciering | None = None,
    versie: int | None = None,
) -> Cofinanciering:
    """Add a pledge of the contact's organisation in ``regio``, or change ``cofinanciering``
    (one of that organisation's pledges there). Checked as the programme manager's
    entries are; every problem is reported at once, per field."""
    eis("regios.toezegging_als_contact", door, Cofinanciering(regio=regio, organisatie=organisatie))
    if cofinanciering is not None and (
        cofinanciering.organisatie_id != organisatie.pk or cofinanciering.regio_id != regio.pk
    ):
        raise PermissionDenied(_("Deze toezegging is niet van uw organisatie in deze regio."))
    with _dossierwijziging(regio, versie) as vergrendeld:
        waarden, waardefouten = _cofinanciering_velden(soort, bedrag, uren, uurtarief)
        omschrijving = (omschrijving or "").strip()
        fouten = {
            **_fouten_partner(vergrendeld, organisatie),
            **_fouten_schooljaar(vergrendeld, schooljaar),
            **waardefouten,
        }
        if soort not in Cofinancieringsoort.values:
            fouten["soort"] = _("Kies een van de soorten bijdrage.")
        if not omschrijving:
            fouten["omschrijving"] = _("Beschrijf de bijdrage.")
        if fouten:
            raise ValidationError(fouten)
        if cofinanciering is None:
            rij = Cofinanciering(regio=vergrendeld, organisatie=organisatie)
            van = None
        else:
            rij = _eigen_rij(Cofinanciering, cofinanciering, vergrendeld)
            if rij.organisatie_id != organisatie.pk:
                raise PermissionDenied(_("Deze toezegging is niet van uw organisatie."))
            van = _gegevens_cofinanciering(rij)
        rij.schooljaar = schooljaar
        rij.soort = soort
        rij.omschrijving = omschrijving
        for veld, waarde in waarden.items():
            setattr(rij, veld, waarde)
        rij.full_clean()
        rij.save()
        rij.refresh_from_db()
        leg_vast(
            actie=Actie.COFINANCIERING_TOEGEVOEGD
            if van is None
            else Actie.COFINANCIERING_GEWIJZIGD,
            omschrijving=_omschrijving_toezegging(rij, _persoonsnaam(door)),
            door=door,
            onderwerp=rij,
            regio=vergrendeld,
            gegevens={
                "van": van,
                "naar": _gegevens_cofinanciering(rij),
                "door_contactpersoon": True,
            },
        )
    return rij


@transaction.atomic
def verwijder_toezegging(
    *, cofinanciering: Cofinanciering, door: Gebruiker, versie: int | None = None
) -> None:
    """Remove one of the contact's organisation's pledges; the audit event keeps what it
    was."""
    eis("regios.toezegging_als_contact", door, cofinanciering)
    with _dossierwijziging(cofinanciering.regio, versie) as regio:
        rij = _eigen_rij(Cofinanciering, cofinanciering, regio)
        if rij.organisatie_id != cofinanciering.organisatie_id:
            raise PermissionDenied(_("Deze toezegging is niet van uw organisatie."))
        leg_vast(
            actie=Actie.COFINANCIERING_VERWIJDERD,
            omschrijving=_(
                "Cofinanciering van %(partner)s (%(jaar)s) verwijderd door contactpersoon "
                "%(persoon)s."
            )
            % {
                "partner": rij.organisatie.naam,
                "jaar": rij.schooljaar_label,
                "persoon": _persoonsnaam(door),
            },
            door=door,
            onderwerp=rij,
            regio=regio,
            gegevens={
                "van": _gegevens_cofinanciering(rij),
                "waarde": str(rij.waarde),
                "door_contactpersoon": True,
            },
        )
        rij.delete()
