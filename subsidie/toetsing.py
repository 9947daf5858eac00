"""The eligibility rules: a list of checks over a dossier's facts.

Pure functions over plain data. Each check has a stable code, a result, a Dutch message that
says what is wrong (or right) in this dossier, and the part of the dossier where it is fixed
(``plek``), which the web layer turns into a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ecosysteem.opmaak import euro

from .berekening import Subsidieberekening, vereiste_cofinanciering


@dataclass(frozen=True)
class Penvoerder:
    naam: str
    is_onderwijs: bool  # a school board or a school


@dataclass(frozen=True)
class DossierFeiten:
    berekening: Subsidieberekening
    penvoerders: tuple[Penvoerder, ...]
    buitenschoolse_partners: int
    cofinanciering: Decimal
    sto_relatie: str
    sto_regio_naam: str
    sto_toelichting: str
    programmamanagers: int
    begroting: Decimal


@dataclass(frozen=True)
class Toetsresultaat:
    code: str
    titel: str
    geslaagd: bool
    bericht: str
    plek: str  # gegevens, vestigingen, partners, rollen, cofinanciering, begroting


def _min_po(f: DossierFeiten) -> Toetsresultaat:
    minimum = f.berekening.parameters.minimum_po_vestigingen
    aantal = f.berekening.aantal_po
    return Toetsresultaat(
        code="minimum_po",
        titel=_("Minimaal %(minimum)s po-vestigingen") % {"minimum": minimum},
        geslaagd=aantal >= minimum,
        bericht=ngettext(
            "%(aantal)s tellende po-vestiging doet mee; nodig zijn er %(minimum)s.",
            "%(aantal)s tellende po-vestigingen doen mee; nodig zijn er %(minimum)s.",
            aantal,
        )
        % {"aantal": aantal, "minimum": minimum},
        plek="vestigingen",
    )


def _min_vo(f: DossierFeiten) -> Toetsresultaat:
    minimum = f.berekening.parameters.minimum_vo_vestigingen
    aantal = f.berekening.aantal_vo
    return Toetsresultaat(
        code="minimum_vo",
        titel=_("Minimaal %(minimum)s vo-vestigingen") % {"minimum": minimum},
        geslaagd=aantal >= minimum,
        bericht=ngettext(
            "%(aantal)s tellende vo-vestiging doet mee; nodig zijn er %(minimum)s.",
            "%(aantal)s tellende vo-vestigingen doen mee; nodig zijn er %(minimum)s.",
            aantal,
        )
        % {"aantal": aantal, "minimum": minimum},
        plek="vestigingen",
    )


def _penvoerder(f: DossierFeiten) -> Toetsresultaat:
    titel = _("Eén penvoerder: een deelnemend schoolbestuur of een school")
    if not f.penvoerders:
        bericht, geslaagd = _("Er is nog geen penvoerder aangewezen."), False
    elif len(f.penvoerders) > 1:
        bericht, geslaagd = _("Er zijn meerdere penvoerders; er mag er maar één zijn."), False
    elif not f.penvoerders[0].is_onderwijs:
        bericht = _(
            "%(naam)s is geen schoolbestuur of school en kan daarom geen penvoerder zijn."
        ) % {"naam": f.penvoerders[0].naam}
        geslaagd = False
    else:
        bericht = _("%(naam)s is de penvoerder.") % {"naam": f.penvoerders[0].naam}
        geslaagd = True
    return Toetsresultaat("penvoerder", titel, geslaagd, bericht, "partners")


def _buitenschools(f: DossierFeiten) -> Toetsresultaat:
    aantal = f.buitenschoolse_partners
    return Toetsresultaat(
        code="buitenschoolse_partner",
        titel=_("Minstens één buitenschoolse partner"),
        geslaagd=aantal >= 1,
        bericht=(
            ngettext(
                "%(aantal)s partner buiten de school doet mee.",
                "%(aantal)s partners buiten de school doen mee.",
                aantal,
            )
            % {"aantal": aantal}
            if aantal
            else _(
                "Voeg een partner buiten de school toe, zoals een bedrijf, museum of bibliotheek."
            )
        ),
        plek="partners",
    )


def _cofinanciering(f: DossierFeiten) -> Toetsresultaat:
    parameters = f.berekening.parameters
    vereist = vereiste_cofinanciering(
        parameters, subsidie=f.berekening.totaal, begroting=f.begroting
    )
    return Toetsresultaat(
        code="cofinanciering",
        titel=_("Cofinanciering van minstens %(percentage)s%%")
        % {"percentage": f"{parameters.cofinanciering_percentage.normalize():f}"},
        geslaagd=f.cofinanciering >= vereist and f.cofinanciering > 0,
        bericht=_("Toegezegd: %(toegezegd)s; vereist: %(vereist)s.")
        % {"toegezegd": euro(f.cofinanciering), "vereist": euro(vereist)},
        plek="cofinanciering",
    )


def _sto(f: DossierFeiten) -> Toetsresultaat:
    ontbreekt = []
    if not f.sto_relatie:
        ontbreekt.append(_("de relatie met de STO-regio"))
    if f.sto_relatie != "ander_gebied" and not f.sto_regio_naam.strip():
        ontbreekt.append(_("de naam van de STO-regio"))
    if not f.sto_toelichting.strip():
        ontbreekt.append(_("een toelichting op de afstemming"))
    return Toetsresultaat(
        code="sto_afstemming",
        titel=_("Afstemming met de STO-regio beschreven"),
        geslaagd=not ontbreekt,
        bericht=(
            _("Nog in te vullen: %(wat)s.") % {"wat": ", ".join(str(o) for o in ontbreekt)}
            if ontbreekt
            else _("De afstemming met de STO-regio is beschreven.")
        ),
        plek="gegevens",
    )


def _programmamanager(f: DossierFeiten) -> Toetsresultaat:
    return Toetsresultaat(
        code="programmamanager",
        titel=_("Een programmamanager genoemd"),
        geslaagd=f.programmamanagers >= 1,
        bericht=(
            _("De programmamanager is genoemd.")
            if f.programmamanagers
            else _("Noem de programmamanager van de regio.")
        ),
        plek="rollen",
    )


def _begroting(f: DossierFeiten) -> Toetsresultaat:
    dekking = f.berekening.totaal + f.cofinanciering
    if f.begroting <= 0:
        bericht, geslaagd = _("De begroting heeft nog geen regels."), False
    elif f.begroting > dekking:
        bericht = _(
            "De begroting (%(begroting)s) is %(tekort)s hoger dan subsidie plus "
            "cofinanciering (%(dekking)s)."
        ) % {
            "begroting": euro(f.begroting),
            "tekort": euro(f.begroting - dekking),
            "dekking": euro(dekking),
        }
        geslaagd = False
    else:
        bericht = _(
            "De begroting (%(begroting)s) past binnen subsidie plus cofinanciering (%(dekking)s)."
        ) % {"begroting": euro(f.begroting), "dekking": euro(dekking)}
        geslaagd = True
    return Toetsresultaat(
        "begroting_gedekt",
        _("Begroting binnen subsidie en cofinanciering"),
        geslaagd,
        bericht,
        "begroting",
    )


def _vestigingen_tellen(f: DossierFeiten) -> Toetsresultaat:
    niet = f.berekening.niet_tellende
    if niet:
        namen = ", ".join(f"{v.invoer.naam} ({v.invoer.vestigingscode})" for v in niet[:5])
        meer = len(niet) - 5
        bericht = ngettext(
            "Deze vestiging telt niet mee voor de regeling: %(namen)s.",
            "Deze vestigingen tellen niet mee voor de regeling: %(namen)s.",
            len(niet),
        ) % {"namen": namen}
        if meer > 0:
            bericht += " " + _("En %(meer)s meer.") % {"meer": meer}
    else:
        bericht = _("Alle deelnemende vestigingen tellen mee.")
    return Toetsresultaat(
        "vestigingen_tellen_mee",
        _("Elke deelnemende vestiging telt mee"),
        not niet,
        bericht,
        "vestigingen",
    )


def _leerlingen_opgegeven(f: DossierFeiten) -> Toetsresultaat:
    open_ = f.berekening.opgave_ontbreekt
    zonder = f.berekening.zonder_leerlingen
    delen = []
    if open_:
        delen.append(
            _("Geef het tellende aantal leerlingen op voor %(namen)s.")
            % {"namen": ", ".join(v.invoer.naam for v in open_[:5])}
        )
    if zonder:
        delen.append(
            _("Het register geeft geen leerlingaantal voor %(namen)s; geef het aantal op.")
            % {"namen": ", ".join(v.invoer.naam for v in zonder[:5])}
        )
    return Toetsresultaat(
        "leerlingen_verantwoord",
        _("Leerlingaantallen verantwoord"),
        not delen,
        " ".join(delen) or _("Voor elke vestiging is duidelijk welke leerlingen tellen."),
        "vestigingen",
    )


REGELS = (
    _min_po,
    _min_vo,
    _penvoerder,
    _buitenschools,
    _cofinanciering,
    _sto,
    _programmamanager,
    _begroting,
    _vestigingen_tellen,
    _leerlingen_opgegeven,
)


def toets(feiten: DossierFeiten) -> list[Toetsresultaat]:
    """Run every eligibility rule over the dossier's facts, in a fixed order."""
    return [regel(feiten) for regel in REGELS]
