"""Forms shared by every page that changes a region's dossier (in this app and the apps
above it): the dossier's version travels with the form, and a service's refusal is put on
the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .bewerken import DossierBevroren, DossierGewijzigd


class DossierFormulier(forms.Form):
    """A form that changes the dossier: it carries the version it was opened on, and puts
    a service's refusal next to the field it concerns."""

    versie = forms.IntegerField(widget=forms.HiddenInput, label=_("Versie"))

    # True after the service refused the form because the dossier changed meanwhile.
    was_verouderd = False

    def voer_uit(self, actie: Callable[[], Any]) -> tuple[bool, Any]:
        """Run a service call; on refusal put its messages on this form."""
        try:
            return True, actie()
        except DossierGewijzigd as fout:
            self.was_verouderd = True
            self.add_error(None, fout.messages)
        except DossierBevroren as fout:
            self.add_error(None, fout.messages)
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.error_dict.items():
                    self.add_error(veld if veld in self.fields else None, fouten)
            else:
                self.add_error(None, fout.messages)
        return False, None

    def vernieuw_versie(self, versie: int) -> None:
        """After a refusal for a changed dossier, the form is shown again on the current
        version: the person has seen the message and the current data, and their next
        submit is meant for this version. (Left stale, every retry would be refused.)"""
        data = self.data.copy()
        data["versie"] = str(versie)
        self.data = data


class VerwijderForm(DossierFormulier):
    """The confirmation of a delete: only the version the page was opened on."""
