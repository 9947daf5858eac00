"""The region's general data and STO alignment, and the dossier's timeline."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from partners.models import Gemeente, Provincie

from ..models import Regio, StoRelatie
from ..services import wijzig_regio
from .basis import DossierMixin, voer_uit


class RegiogegevensForm(forms.Form):
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
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    gemeenten = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Gemeenten"),
        queryset=Gemeente.objects.select_related("provincie"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        required=False,
        help_text=gettext_lazy("Houd Ctrl (of Cmd) ingedrukt om meer gemeenten te kiezen."),
    )
    sto_relatie = forms.ChoiceField(
        label=gettext_lazy("Hoe verhoudt de regio zich tot de STO-regio?"),
        choices=StoRelatie.choices,
        widget=forms.RadioSelect,
        required=False,
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


class RegiogegevensView(DossierMixin, FormView):
    template_name = "regios/dossier_gegevens.html"
    form_class = RegiogegevensForm
    dossierdeel = "gegevens"
    titel = gettext_lazy("Gegevens en STO")

    def get_initial(self):
        return {
            "naam": self.regio.naam,
            "visie": self.regio.visie,
            "sto_relatie": self.regio.sto_relatie,
            "sto_regio_naam": self.regio.sto_regio_naam,
            "sto_toelichting": self.regio.sto_toelichting,
            "versie": self.regio.versie,
            "provincies": list(self.regio.provincies.all()),
            "gemeenten": list(self.regio.gemeenten.all()),
        }

    def form_valid(self, form):
        gegevens = dict(form.cleaned_data)
        versie = gegevens.pop("versie")
        gelukt, _resultaat = voer_uit(
            self.request,
            form,
            lambda: wijzig_regio(
                regio=self.regio, door=self.request.user, versie=versie, **gegevens
            ),
        )
        if not gelukt:
            return self.form_invalid(form)
        messages.success(self.request, _("De gegevens van de regio zijn opgeslagen."))
        return redirect("regios:gegevens", slug=self.regio.slug)


class TijdlijnView(DossierMixin, TemplateView):
    """Everything that happened to the dossier, newest first: who, when, what and why."""

    template_name = "regios/dossier_tijdlijn.html"
    dossierdeel = "tijdlijn"
    titel = gettext_lazy("Tijdlijn")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pagina"] = tijdlijnpagina(self.regio, self.request)
        return context


def tijdlijnpagina(regio: Regio, request):
    """One page of the region's audit trail, newest first: for the region's timeline and
    the ministry's alike."""
    gebeurtenissen = regio.gebeurtenissen.select_related("door").order_by("-tijdstip", "-id")
    return Paginator(gebeurtenissen, 50).get_page(request.GET.get("page"))


urlpatterns = [
    path("regio/<slug:slug>/gegevens/", RegiogegevensView.as_view(), name="gegevens"),
    path("regio/<slug:slug>/tijdlijn/", TijdlijnView.as_view(), name="tijdlijn"),
]
