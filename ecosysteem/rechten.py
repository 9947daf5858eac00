"""Permissions that say why not (Hypha's decision-plus-reason pattern).

A permission is registered as an ordered list of conditions, each a django-rules predicate
with the Dutch reason shown when it fails. The permission itself is the conjunction of the
predicates, added to django-rules under its name, so ``user.has_perm(naam, obj)`` and
``{% has_perm %}`` work as usual; :func:`waarom_niet` names the first condition that fails.

Each condition is of one of two kinds, so a page can answer in the right way:

- ``ROL``: who the person is (their group, their role in the region, being the reviewer).
  It will not change by waiting: a page answers 403 with the reason.
- ``STAND``: the object's state now (the dossier's status, an assessment still missing).
  It may change: a page explains it and offers what is possible instead.

The decision is the rules predicate, not ``user.has_perm``: Django lets an active superuser
pass every ``has_perm``, and some rules (four eyes) have no exception for administrators.
Where an administrator may act, the permission says so with :data:`is_beheeraccount`.

Services call :func:`eis` (refusal raises ``PermissionDenied`` for a ROL condition and
``ValidationError`` for a STAND condition, both carrying the reason); views and templates
call :func:`mag` / :func:`weigering`; the API will do the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise

__all__ = [
    "ROL",
    "STAND",
    "Voorwaarde",
    "Weigering",
    "eis",
    "is_beheeraccount",
    "mag",
    "registreer_recht",
    "voorwaarden",
    "waarom_niet",
    "weigering",
]

ROL = "rol"
STAND = "stand"

Reden = str | Promise | Callable[[Any, Any], str]


@rules.predicate
def is_beheeraccount(user) -> bool:
    """An active superuser: the portal's administrators, who may act where a permission
    includes this condition (and only there)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


@dataclass(frozen=True)
class Voorwaarde:
    """One condition of a permission: a predicate and the reason when it fails."""

    predicaat: rules.Predicate
    reden: Reden
    soort: str = ROL
    # The ValidationError's code for a STAND refusal (defaults to "status").
    code: str = ""

    def tekst(self, user, obj) -> str:
        return str(self.reden(user, obj) if callable(self.reden) else self.reden)


@dataclass(frozen=True)
class Weigering:
    """Why a permission is refused: the reason and its kind (ROL or STAND)."""

    recht: str
    reden: str
    soort: str
    code: str = ""

    @property
    def is_rol(self) -> bool:
        return self.soort == ROL

    def __str__(self) -> str:
        return self.reden

    def als_fout(self) -> Exception:
        if self.is_rol:
            return PermissionDenied(self.reden)
        return ValidationError(self.reden, code=self.code or "status")


_RECHTEN: dict[str, tuple[Voorwaarde, ...]] = {}


def registreer_recht(naam: str, *lijst: Voorwaarde | tuple) -> None:
    """Register permission ``naam`` as the ordered conditions ``lijst``; a tuple is read as
    ``(predicaat, reden[, soort])``. Registering the same name again replaces it (module
    reloads in tests)."""
    regels = tuple(v if isinstance(v, Voorwaarde) else Voorwaarde(*v) for v in lijst)
    if not regels:
        raise ValueError(f"Recht {naam!r} zonder voorwaarden")
    _RECHTEN[naam] = regels
    rules.set_perm(naam, reduce(and_, (v.predicaat for v in regels)))


def voorwaarden(naam: str) -> tuple[Voorwaarde, ...]:
    try:
        return _RECHTEN[naam]
    except KeyError:
        raise KeyError(f"Onbekend recht: {naam!r}") from None


def weigering(naam: str, user, obj=None) -> Weigering | None:
    """None when ``user`` may; otherwise the first failing condition's reason."""
    for voorwaarde in voorwaarden(naam):
        if not voorwaarde.predicaat.test(user, obj):
            return Weigering(naam, voorwaarde.tekst(user, obj), voorwaarde.soort, voorwaarde.code)
    return None


def mag(naam: str, user, obj=None) -> bool:
    return weigering(naam, user, obj) is None


def waarom_niet(naam: str, user, obj=None) -> str | None:
    """The Dutch reason ``user`` may not ``naam`` on ``obj``, or None when they may."""
    gevonden = weigering(naam, user, obj)
    return None if gevonden is None else gevonden.reden


def eis(naam: str, user, obj=None) -> None:
    """Refuse unless ``user`` may: PermissionDenied for who they are, ValidationError for
    the object's state, each with the reason."""
    gevonden = weigering(naam, user, obj)
    if gevonden is not None:
        raise gevonden.als_fout()
