"""Who may see or change which region's dossier.

Predicates for django-rules, used by views, templates and (later) the API alike. A user's
roles are read once per request and kept on the user object, so checking several
permissions on a page costs one query, not one per check.
"""

from __future__ import annotations

import rules
from django.db.models import Q
from django.utils import timezone

from ecosysteem.rollen import BEHEERDERS, BEOORDELAARS, BESLUITVORMERS

from .models import Regiostatus, Rol, Rolsoort

BEWERKBARE_STATUSSEN = frozenset({Regiostatus.CONCEPT, Regiostatus.AANVULLING_GEVRAAGD})
LEZENDE_ROLLEN = frozenset(
    {Rolsoort.PROGRAMMAMANAGER, Rolsoort.PROJECTLEIDER, Rolsoort.STUURGROEPLID}
)


def regiorollen(user) -> dict[int, frozenset[str]]:
    """The user's current roles per region id, cached on the user for this request."""
    if not user or not user.is_authenticated:
        return {}
    cache = getattr(user, "_regiorollen", None)
    if cache is None:
        vandaag = timezone.localdate()
        rijen = (
            Rol.objects.filter(persoon__gebruiker=user)
            .filter(
                Q(startdatum__isnull=True) | Q(startdatum__lte=vandaag),
                Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag),
            )
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


@rules.predicate
def is_programmamanager(user, regio) -> bool:
    return regio is not None and Rolsoort.PROGRAMMAMANAGER in regiorollen(user).get(regio.pk, ())


@rules.predicate
def leest_mee(user, regio) -> bool:
    """Programme manager, project leader or steering-group member of this region."""
    return regio is not None and bool(LEZENDE_ROLLEN & regiorollen(user).get(regio.pk, frozenset()))


@rules.predicate
def dossier_bewerkbaar(user, regio) -> bool:
    return regio is not None and regio.status in BEWERKBARE_STATUSSEN


@rules.predicate
def is_ministerie(user) -> bool:
    return bool(groepen(user) & {BEOORDELAARS, BESLUITVORMERS, BEHEERDERS})


rules.add_perm("regios.dossier_bekijken", leest_mee)
rules.add_perm("regios.dossier_bewerken", is_programmamanager & dossier_bewerkbaar)
rules.add_perm("regios.dossier_indienen", is_programmamanager & dossier_bewerkbaar)
rules.add_perm("regios.dossier_heropenen", is_programmamanager)


def heeft_regio(user) -> bool:
    return bool(regiorollen(user))
