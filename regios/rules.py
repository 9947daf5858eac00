"""Who may see or change which region's dossier, its agreement, and what a partner's
contact person may do for their organisation.

Predicates for django-rules, registered with their Dutch reasons through
:mod:`ecosysteem.rechten`, and used by views, templates, services and (later) the API alike.
A user's roles are read once per request and kept on the user object, so checking several
permissions on a page costs one query, not one per check. The dossier's state comes from the
lifecycle table (:mod:`regios.levenscyclus`), never from status strings.
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecosysteem.rechten import ROL, STAND, Voorwaarde, is_beheeraccount, registreer_recht
from ecosysteem.rollen import BEHEERDERS, BEOORDELAARS, BESLUITVORMERS

from .levenscyclus import BEWERKBARE_STATUSSEN, OVERGANGEN
from .models import Rol, Rolsoort
from .selectors import erkende_contactrol

__all__ = ["BEWERKBARE_STATUSSEN", "LEZENDE_ROLLEN"]

LEZENDE_ROLLEN = frozenset(
    {Rolsoort.PROGRAMMAMANAGER, Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID}
)


def _lopend() -> Q:
    vandaag = timezone.localdate()
    return (Q(startdatum__isnull=True) | Q(startdatum__lte=vandaag)) & (
        Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag)
    )


def regiorollen(user) -> dict[int, frozenset[str]]:
    """The user's current roles per region id, cached on the user for this request."""
    if not user or not user.is_authenticated:
        return {}
    cache = getattr(user, "_regiorollen", None)
    if cache is None:
        rijen = (
            Rol.objects.filter(persoon__gebruiker=user)
            .filter(_lopend())
            .values_list("regio_id", "soort")
        )
        verzameld: dict[int, set[str]] = {}
        for regio_id, soort in rijen:
            verzameld.setdefault(regio_id, set()).add(soort)
        cache = {regio_id: frozenset(soorten) for regio_id, soorten in verzameld.items()}
        user._regiorollen = cache
    return cache


def groepen(user) -> frozenset[str]:
    if not user or not user.is_authenticated:
        return frozenset()
    cache = getattr(user, "_groepsnamen", None)
    if cache is None:
        cache = frozenset(user.groups.values_list("name", flat=True))
        user._groepsnamen = cache
    return cache


def vergeet_rollen(user) -> None:
    """Drop the cached roles, e.g. after a role was granted in this request."""
    for attribuut in ("_regiorollen", "_groepsnamen"):
        if hasattr(user, attribuut):
            delattr(user, attribuut)


# --- predicates ---------------------------------------------------------------------------


@rules.predicate
def is_programmamanager(user, regio) -> bool:
    return regio is not None and Rolsoort.PROGRAMMAMANAGER in regiorollen(user).get(regio.pk, ())


@rules.predicate
def leest_mee(user, regio) -> bool:
    """Programme manager, project leader or steering-group member of this region."""
    return regio is not None and bool(LEZENDE_ROLLEN & regiorollen(user).get(regio.pk, frozenset()))


@rules.predicate
def heeft_rol(user, regio) -> bool:
    """Any current role in the region: partner contacts as much as the steering group."""
    return regio is not None and bool(regiorollen(user).get(regio.pk))


@rules.predicate
def dossier_bewerkbaar(user, regio) -> bool:
    return regio is not None and regio.is_bewerkbaar


@rules.predicate
def indienen_mogelijk(user, regio) -> bool:
    return regio is not None and regio.kan_indienen


@rules.predicate
def heropenen_mogelijk(user, regio) -> bool:
    return regio is not None and regio.kan_heropenen


@rules.predicate
def is_ministerie(user) -> bool:
    return bool(groepen(user) & {BEOORDELAARS, BESLUITVORMERS, BEHEERDERS})


def _contactrollen(user):
    if not user or not user.is_authenticated:
        return Rol.objects.none()
    # Only roles for organisations the person may act for: a newcomer's role for an
    # organisation that was there before waits for its contact (regios.services.koppeling).
    return Rol.objects.filter(
        _lopend(), erkende_contactrol(), persoon__gebruiker=user, soort=Rolsoort.CONTACTPERSOON
    )


def _namens(organisatie_id) -> Q:
    # A contact role names its organisation, or (naming none) is for the person's own.
    return Q(namens_id=organisatie_id) | Q(
        namens__isnull=True, persoon__organisatie_id=organisatie_id
    )


@rules.predicate
def is_contactpersoon_van(user, organisatie) -> bool:
    """A current contact person of ``organisatie`` in some region."""
    return organisatie is not None and _contactrollen(user).filter(_namens(organisatie.pk)).exists()


@rules.predicate
def is_contactpersoon_voor(user, toezegging) -> bool:
    """A current contact person of the pledge's organisation in the pledge's region (the
    pledge may be a new, unsaved one)."""
    return (
        toezegging is not None
        and _contactrollen(user)
        .filter(_namens(toezegging.organisatie_id), regio_id=toezegging.regio_id)
        .exists()
    )


@rules.predicate
def beslist_over_koppeling(user, verzoek) -> bool:
    """A contact person of the organisation the request is for, who is not the one asking."""
    return (
        verzoek is not None
        and verzoek.persoon.gebruiker_id != getattr(user, "pk", None)
        and is_contactpersoon_van.test(user, verzoek.organisatie)
    )


# --- permissions --------------------------------------------------------------------------

# The region's programme manager, or an administrator acting for them.
BEHEERT_DOSSIER = Voorwaarde(
    is_programmamanager | is_beheeraccount, gettext_lazy("U mag dit dossier niet wijzigen.")
)


def _bevroren(user, regio) -> str:
    if regio.kan_heropenen:
        return _(
            "Het dossier is %(status)s en kan niet meer worden gewijzigd. "
            "Heropen het dossier om iets aan te passen."
        ) % {"status": regio.get_status_display()}
    return _("Het dossier is %(status)s en kan niet meer worden gewijzigd.") % {
        "status": regio.get_status_display()
    }


def _niet_indienbaar(user, regio) -> str:
    return OVERGANGEN["indienen"].weigering_in(regio.get_status_display())


def _geen_contact(user, organisatie) -> str:
    return _("Alleen een contactpersoon van %(organisatie)s mag dit wijzigen.") % {
        "organisatie": organisatie.naam
    }


registreer_recht(
    "regios.dossier_bekijken",
    (leest_mee | is_beheeraccount, gettext_lazy("U hoort niet bij deze regio.")),
)
# The region's programme manager, whatever the dossier's state: pages that may post after
# submission (the service then refuses with the dossier's own explanation).
registreer_recht("regios.dossier_beheren", BEHEERT_DOSSIER)
registreer_recht(
    "regios.dossier_bewerken",
    (dossier_bewerkbaar, _bevroren, STAND, "bevroren"),
    BEHEERT_DOSSIER,
)
registreer_recht(
    "regios.dossier_indienen",
    (
        is_programmamanager | is_beheeraccount,
        gettext_lazy("Alleen de programmamanager kan dit dossier indienen."),
    ),
    (indienen_mogelijk, _niet_indienbaar, STAND),
)
registreer_recht(
    "regios.dossier_heropenen",
    (
        is_programmamanager | is_beheeraccount,
        gettext_lazy("Alleen de programmamanager kan dit dossier heropenen."),
    ),
    (heropenen_mogelijk, OVERGANGEN["heropenen"].weigering, STAND),
)
registreer_recht(
    "regios.aanmeldingen_beoordelen",
    (
        is_programmamanager | is_beheeraccount,
        gettext_lazy("Alleen de programmamanager van de regio beslist hierover."),
    ),
)
# Accounts for the people with a role: not part of the dossier, so whatever its state.
registreer_recht(
    "regios.account_uitnodigen",
    (
        is_programmamanager | is_beheeraccount,
        gettext_lazy("Alleen de programmamanager van de regio nodigt mensen uit voor een account."),
    ),
)
# Agreements are renewed during the period: not bound to the dossier's state.
registreer_recht(
    "regios.convenant_bewerken",
    (
        is_programmamanager,
        gettext_lazy("Alleen de programmamanager van de regio wijzigt het convenant."),
    ),
)
registreer_recht("regios.namens_organisatie", (is_contactpersoon_van, _geen_contact, ROL))
registreer_recht(
    "regios.koppelverzoek_beoordelen",
    (
        beslist_over_koppeling | is_beheeraccount,
        lambda user, verzoek: (
            _("Alleen een contactpersoon van %(organisatie)s of een beheerder beslist hierover.")
            % {"organisatie": verzoek.organisatie.naam}
        ),
        ROL,
    ),
)
registreer_recht(
    "regios.toezegging_als_contact",
    (is_contactpersoon_voor, lambda user, t: _geen_contact(user, t.organisatie), ROL),
)


def heeft_regio(user) -> bool:
    return bool(regiorollen(user))
