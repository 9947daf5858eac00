"""Writes of the regulation per period: its numbers (:class:`Regeling`) and the criteria the
reviewers assess on (:class:`Beoordelingscriterium`).

These are not one region's data, but every dossier of the period is computed or assessed
with them, so a change is audited with what it was and what it became, and refused once it
would change what a region already submitted or what a reviewer already assessed. Each
function locks the period's regions first: a submission or an assessment running at the
same moment (they lock their region too) either finishes before the check sees it, or
waits until the change is saved.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ecosysteem.audit import Actie, leg_vast
from ecosysteem.models import Gebruiker
from regios.models import Regio, Regiostatus, Tijdvak

from ..models import Beoordeling, Beoordelingscriterium, Criteriumscore, Regeling

REGELING_VELDEN = (
    "bedrag_per_vestiging",
    "bedrag_per_leerling",
    "minimum_po_vestigingen",
    "minimum_vo_vestigingen",
    "cofinanciering_percentage",
    "cofinanciering_grondslag",
    "cofinanciering_toelichting",
    "tellende_schoolsoorten",
    "tellende_leerwegen",
    "peildatum_leerlingen",
    "peildatum_toelichting",
)
# The texts and terms of the decision letter. They may change at any time: a sent letter
# keeps its own copy, and they decide nothing about what a region applied for.
BRIEF_VELDEN = (
    "grondslag_tekst",
    "ondertekening_namens",
    "ondertekening_functie",
    "ondertekening_afdeling",
    "voorschot_percentages",
    "betaling_toelichting",
    "voortgangsverslag_maanden",
    "eindverantwoording_maanden",
    "verplichtingen_tekst",
    "niet_nakomen_tekst",
    "bezwaar_adres",
)
ALLE_VELDEN = REGELING_VELDEN + BRIEF_VELDEN
CRITERIUM_VELDEN = ("tijdvak", "code", "naam", "toelichting", "volgorde", "maximale_score")


def _json(waarde: Any) -> Any:
    if isinstance(waarde, Decimal):
        return str(waarde)
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    if isinstance(waarde, Tijdvak):
        return waarde.code
    return waarde


def _wijzigingen(oud: dict[str, Any], nieuw: dict[str, Any]) -> dict[str, list]:
    """``{field: [from, to]}`` for the fields whose value differs, as JSON. Compared as
    values, so 9000 and 9000.00 are the same amount."""
    return {
        veld: [_json(oud[veld]), _json(nieuw[veld])] for veld in nieuw if oud[veld] != nieuw[veld]
    }


def _vergrendel_regios(tijdvak: Tijdvak) -> list[Regio]:
    return list(Regio.objects.select_for_update().filter(tijdvak=tijdvak).order_by("pk"))


def _namen(regios: list[Regio]) -> str:
    namen = sorted(regio.naam for regio in regios)
    if len(namen) > 3:
        return ", ".join(namen[:3]) + " " + _("en %(aantal)d andere") % {"aantal": len(namen) - 3}
    return ", ".join(namen)


def controleer_regeling_open(tijdvak: Tijdvak) -> None:
    """Refuse a change of the period's regulation while any of its regions is past concept.

    The regulation's numbers decide a dossier's maximum subsidy, its required co-financing
    and whether it is eligible at all. A region that submitted (ingediend), is being
    reviewed (in beoordeling, also when the reviewer asked questions: aanvulling gevraagd),
    or was decided (toegekend, afgewezen) applied under the numbers as they were; changing
    them would change what the reviewer and the decision rest on behind the region's back.
    A region in concept has not applied yet (a reopened one was not reviewed yet: reopening
    is possible only before the review starts) and simply sees the new numbers."""
    regios = [regio for regio in _vergrendel_regios(tijdvak) if regio.status != Regiostatus.CONCEPT]
    if regios:
        raise ValidationError(
            _(
                "De regeling van %(tijdvak)s ligt vast: %(regios)s heeft al aangevraagd of is "
                "beoordeeld. Een wijziging zou veranderen waarop die aanvraag is ingediend en "
                "wordt beoordeeld."
            ),
            code="regeling_vast",
            params={"tijdvak": tijdvak.naam, "regios": _namen(regios)},
        )


@transaction.atomic
def maak_regeling(*, tijdvak: Tijdvak, door: Gebruiker | None, **velden: Any) -> Regeling:
    """Set the regulation's numbers for a period that has none yet."""
    controleer_regeling_open(tijdvak)
    regeling = Regeling(tijdvak=tijdvak, **velden)
    regeling.full_clean()
    regeling.save()
    leg_vast(
        actie=Actie.REGELING_AANGEMAAKT,
        omschrijving=_("Regeling voor %(tijdvak)s vastgesteld.") % {"tijdvak": tijdvak.naam},
        door=door,
        onderwerp=regeling,
        gegevens={
            "wijzigingen": {veld: [None, _json(getattr(regeling, veld))] for veld in ALLE_VELDEN}
        },
    )
    return regeling


@transaction.atomic
def wijzig_regeling(*, regeling: Regeling, door: Gebruiker | None, **velden: Any) -> list[str]:
    """Save changes to a period's regulation (given here or already set on the instance);
    returns the changed names. Refused while a region of the period has applied (see
    :func:`controleer_regeling_open`); a change that changes nothing is no change."""
    for naam, waarde in velden.items():
        if naam not in (*ALLE_VELDEN, "tijdvak"):
            raise TypeError(f"Onbekend veld van een regeling: {naam}")
        setattr(regeling, naam, waarde)
    opgeslagen = Regeling.objects.select_related("tijdvak").get(pk=regeling.pk)
    if regeling.tijdvak_id != opgeslagen.tijdvak_id:
        raise ValidationError(
            _("De regeling verhuist niet naar een ander tijdvak."), code="tijdvak_vast"
        )
    nieuw = {veld: getattr(regeling, veld) for veld in ALLE_VELDEN}
    vooraf = _wijzigingen({veld: getattr(opgeslagen, veld) for veld in ALLE_VELDEN}, nieuw)
    if not vooraf:
        return []
    if set(vooraf) & set(REGELING_VELDEN):
        # Only the numbers are fixed once a region applied; the letter's texts are not.
        controleer_regeling_open(opgeslagen.tijdvak)
    oud = Regeling.objects.select_for_update().get(pk=regeling.pk)
    wijzigingen = _wijzigingen({veld: getattr(oud, veld) for veld in ALLE_VELDEN}, nieuw)
    regeling.full_clean()
    regeling.save(update_fields=list(wijzigingen))
    # What the database stored (its rounding) is what the audit event says it became.
    regeling.refresh_from_db()
    wijzigingen = _wijzigingen(
        {veld: getattr(oud, veld) for veld in ALLE_VELDEN},
        {veld: getattr(regeling, veld) for veld in wijzigingen},
    )
    leg_vast(
        actie=Actie.REGELING_GEWIJZIGD,
        omschrijving=_("Regeling voor %(tijdvak)s gewijzigd: %(velden)s.")
        % {"tijdvak": opgeslagen.tijdvak.naam, "velden": ", ".join(wijzigingen)},
        door=door,
        onderwerp=regeling,
        gegevens={"wijzigingen": wijzigingen},
    )
    return list(wijzigingen)


# --- assessment criteria -----------------------------------------------------------------


def controleer_criteria_open(tijdvak: Tijdvak) -> None:
    """Refuse a change of the period's criteria once an assessment exists in the period.

    Reviewers score every criterion of the period; an assessment made on one set of criteria
    would otherwise be compared with one made on another (a criterion added afterwards has
    no score, a removed one leaves scores without a criterion, a new maximum changes what a
    score means). A reviewer who was assigned but has not scored anything yet sees the new
    set."""
    regios = _vergrendel_regios(tijdvak)
    beoordeeld = Beoordeling.objects.filter(
        Q(beoordeeld_op__isnull=False) | Q(pk__in=Criteriumscore.objects.values("beoordeling")),
        regio__in=regios,
    ).select_related("regio")
    namen = [beoordeling.regio for beoordeling in beoordeeld]
    if namen:
        raise ValidationError(
            _(
                "De beoordelingscriteria van %(tijdvak)s liggen vast: de aanvraag van "
                "%(regios)s is er al op beoordeeld."
            ),
            code="criteria_vast",
            params={"tijdvak": tijdvak.naam, "regios": _namen(namen)},
        )


def _gegevens_criterium(criterium: Beoordelingscriterium) -> dict[str, Any]:
    return {veld: _json(getattr(criterium, veld)) for veld in CRITERIUM_VELDEN}


@transaction.atomic
def maak_criterium(
    *,
    tijdvak: Tijdvak,
    code: str,
    naam: str,
    door: Gebruiker | None,
    toelichting: str = "",
    volgorde: int = 0,
    maximale_score: int = 5,
) -> Beoordelingscriterium:
    """Add an assessment criterion to a period, before anything in it was assessed."""
    controleer_criteria_open(tijdvak)
    criterium = Beoordelingscriterium(
        tijdvak=tijdvak,
        code=code,
        naam=naam.strip(),
        toelichting=toelichting,
        volgorde=volgorde,
        maximale_score=maximale_score,
    )
    criterium.full_clean()
    criterium.save()
    leg_vast(
        actie=Actie.CRITERIUM_TOEGEVOEGD,
        omschrijving=_("Beoordelingscriterium %(naam)s toegevoegd aan %(tijdvak)s.")
        % {"naam": criterium.naam, "tijdvak": tijdvak.naam},
        door=door,
        onderwerp=criterium,
        gegevens={"van": None, "naar": _gegevens_criterium(criterium)},
    )
    return criterium


@transaction.atomic
def wijzig_criterium(
    *, criterium: Beoordelingscriterium, door: Gebruiker | None, **velden: Any
) -> list[str]:
    """Save changes to an assessment criterion (given here or already set on the instance);
    returns the changed names. Refused once an assessment exists in its period, or in the
    period it would move to."""
    for naam, waarde in velden.items():
        if naam not in CRITERIUM_VELDEN:
            raise TypeError(f"Onbekend veld van een criterium: {naam}")
        setattr(criterium, naam, waarde)
    opgeslagen = Beoordelingscriterium.objects.select_related("tijdvak").get(pk=criterium.pk)
    nieuw = {veld: getattr(criterium, veld) for veld in CRITERIUM_VELDEN}
    if not _wijzigingen({veld: getattr(opgeslagen, veld) for veld in CRITERIUM_VELDEN}, nieuw):
        return []
    controleer_criteria_open(opgeslagen.tijdvak)
    if criterium.tijdvak_id != opgeslagen.tijdvak_id:
        controleer_criteria_open(criterium.tijdvak)
    oud = Beoordelingscriterium.objects.select_for_update().get(pk=criterium.pk)
    van = _gegevens_criterium(oud)
    wijzigingen = _wijzigingen({veld: getattr(oud, veld) for veld in CRITERIUM_VELDEN}, nieuw)
    criterium.full_clean()
    criterium.save(update_fields=list(wijzigingen))
    leg_vast(
        actie=Actie.CRITERIUM_GEWIJZIGD,
        omschrijving=_("Beoordelingscriterium %(naam)s gewijzigd: %(velden)s.")
        % {"naam": criterium.naam, "velden": ", ".join(wijzigingen)},
        door=door,
        onderwerp=criterium,
        gegevens={
            "wijzigingen": wijzigingen,
            "van": van,
            "naar": _gegevens_criterium(criterium),
        },
    )
    return list(wijzigingen)


@transaction.atomic
def verwijder_criterium(*, criterium: Beoordelingscriterium, door: Gebruiker | None) -> None:
    """Remove an assessment criterion, before anything in its period was assessed; the audit
    event keeps what it was."""
    criterium = Beoordelingscriterium.objects.select_related("tijdvak").get(pk=criterium.pk)
    controleer_criteria_open(criterium.tijdvak)
    leg_vast(
        actie=Actie.CRITERIUM_VERWIJDERD,
        omschrijving=_("Beoordelingscriterium %(naam)s verwijderd uit %(tijdvak)s.")
        % {"naam": criterium.naam, "tijdvak": criterium.tijdvak.naam},
        door=door,
        onderwerp=criterium,
        gegevens={"van": _gegevens_criterium(criterium), "naar": None},
    )
    criterium.delete()
