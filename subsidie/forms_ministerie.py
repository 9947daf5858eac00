"""The filters of the ministry's lists: the period and province every list is filtered
on, and the overview's status and name."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from ecosysteem.formulieren import Formulier
from partners.models import Provincie
from regios.models import Regiostatus, Tijdvak


class TijdvakFilter(Formulier):
    """The period and province every list of the ministry is filtered on."""

    tijdvak = forms.ModelChoiceField(
        label=gettext_lazy("Tijdvak"),
        queryset=Tijdvak.objects.all(),
        required=False,
        empty_label=None,
    )
    provincie = forms.ModelChoiceField(
        label=gettext_lazy("Provincie"),
        queryset=Provincie.objects.all(),
        required=False,
        empty_label=gettext_lazy("Alle provincies"),
    )


class OverzichtFilter(TijdvakFilter):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("Alle statussen")), *Regiostatus.choices],
        required=False,
    )
    zoek = forms.CharField(label=gettext_lazy("Naam van de regio"), required=False, max_length=80)
