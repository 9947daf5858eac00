"""Which parts of a dossier are complete, for the marks in the dossier's navigation.

The eligibility rules belong to the subsidy app (a layer above this one); the pages that
check them (the overview, the branches, co-financing, budget, submitting) remember the
result per part here, under the dossier's version. Every change of a dossier raises that
version (``regios.bewerken.dossier_wijziging``), so a remembered result never describes an
older dossier; the other pages of the dossier read it from the cache, which costs no
database query. Without a remembered result the navigation shows no marks.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache

from .models import Regio

BEWAARTIJD = 60 * 60  # seconds


def _sleutel(regio: Regio) -> str:
    return f"dossiervoortgang:{regio.pk}:{regio.versie}"


def per_deel(resultaten: Iterable) -> dict[str, bool]:
    """Per part (a rule's ``plek``): whether every rule of that part passes."""
    delen: dict[str, bool] = {}
    for resultaat in resultaten:
        delen[resultaat.plek] = delen.get(resultaat.plek, True) and resultaat.geslaagd
    return delen


def onthoud(regio: Regio, resultaten: Iterable) -> dict[str, bool]:
    delen = per_deel(resultaten)
    cache.set(_sleutel(regio), delen, BEWAARTIJD)
    return delen


def lees(regio: Regio) -> dict[str, bool]:
    return cache.get(_sleutel(regio)) or {}
