"""Forms of the regions app: the base of every form that changes a region's dossier (in this
app and the apps above it: the dossier's version travels with the form, and a service's
refusal is put on the form) and the region's own data. The network map's filters are in
regios/filters.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from ecosysteem.formulieren import Formulier, Zoekkeuze
from partners.models import Gemeente, Provincie

from .bewerken import DossierBevroren, DossierGewijzigd
from .models import StoRelatie


class DossierFormulier(Formulier):
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


class GemeentenVeld(forms.ModelMultipleChoiceField):
    """Municipalities named with their province: some names occur in two provinces."""

    def label_from_instance(self, obj: Gemeente) -> str:
        return f"{obj.naam} ({obj.provincie.naam})"


class RegiogegevensForm(Formulier):
    voorwaardelijk_verplicht = ("sto_relatie",)  # once an STO region is named
    naam = forms.CharField(label=gettext_lazy("Naam van de regio"), max_length=160)
    visie = forms.CharField(
        label=gettext_lazy("Visie"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=gettext_lazy("Waar wil het leerecosysteem over een paar jaar staan?"),
    )
    provincies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Provincies"),
        queryset=Provincie.objects.all(),
        widget=Zoekkeuze(
            zoeklabel=gettext_lazy("Zoek een provincie"), meervoud=gettext_lazy("provincies")
        ),
        required=False,
    )
    gemeenten = GemeentenVeld(
        label=gettext_lazy("Gemeenten"),
        queryset=Gemeente.objects.select_related("provincie"),
        widget=Zoekkeuze(
            zoeklabel=gettext_lazy("Zoek een gemeente"), meervoud=gettext_lazy("gemeenten")
        ),
        required=False,
        help_text=gettext_lazy("Kies alle gemeenten in het gebied van de regio."),
    )
    sto_relatie = forms.ChoiceField(
        label=gettext_lazy("Hoe verhoudt de regio zich tot de STO-regio?"),
        choices=StoRelatie.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=gettext_lazy("Verplicht als u een STO-regio noemt."),
    )
    sto_regio_naam = forms.CharField(
        label=gettext_lazy("Naam van de STO-regio"), max_length=160, required=False
    )
    sto_toelichting = forms.CharField(
        label=gettext_lazy("Hoe stemt u af met de STO-regio?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy(
            "Bijvoorbeeld: gedeelde stuurgroep, dezelfde penvoerder, gezamenlijke activiteiten."
        ),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("sto_regio_naam") and not gegevens.get("sto_relatie"):
            self.add_error("sto_relatie", _("Kies hoe de regio zich tot de STO-regio verhoudt."))
        return gegevens
