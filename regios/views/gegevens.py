"""The region's general data and STO alignment, and the dossier's timeline."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from ..forms import RegiogegevensForm
from ..models import Regio
from ..services import wijzig_regio
from .basis import DossierMixin, voer_uit


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
