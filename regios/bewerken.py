"""Guarding changes to a region's dossier.

Every change of a dossier runs inside :func:`dossier_wijziging`: it locks the region row,
checks that the dossier may still be changed and that the form was opened on the current
version, and raises the version afterwards. Two people editing at once therefore never
silently overwrite each other: the second one is told the dossier changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ecosysteem.rechten import eis, waarom_niet

from .models import Regio


class DossierGewijzigd(ValidationError):
    """The dossier changed after the form was opened."""


class DossierBevroren(ValidationError):
    """The dossier is submitted (or decided) and cannot be changed."""


@contextmanager
def dossier_wijziging(*, regio: Regio, door, versie: int | None = None) -> Iterator[Regio]:
    """Lock ``regio`` for a change by ``door``; ``versie`` is the version the form showed."""
    with transaction.atomic():
        vergrendeld = Regio.objects.select_for_update().get(pk=regio.pk)
        # The lifecycle table says whether the dossier may change at all; the permission
        # whether this person may (its reasons, first the frozen state, then the role).
        if not vergrendeld.is_bewerkbaar:
            if door is None:
                raise DossierBevroren(
                    _("Het dossier kan niet meer worden gewijzigd."), code="bevroren"
                )
            raise DossierBevroren(
                waarom_niet("regios.dossier_bewerken", door, vergrendeld), code="bevroren"
            )
        if door is not None:
            eis("regios.dossier_bewerken", door, vergrendeld)
        if versie is not None and versie != vergrendeld.versie:
            raise DossierGewijzigd(
                _(
                    "Iemand anders heeft het dossier gewijzigd nadat u dit formulier opende. "
                    "Bekijk de actuele gegevens en voer uw wijziging opnieuw in."
                ),
                code="gewijzigd",
            )
        yield vergrendeld
        Regio.objects.filter(pk=regio.pk).update(versie=F("versie") + 1)
        vergrendeld.refresh_from_db(fields=["versie"])
        regio.versie = vergrendeld.versie
