"""Dossier pages: begroting. The budget plan per school year and cost category, against
what the region may spend: the maximum subsidy plus the pledged co-financing (computed by
``Dossier.begrotingsdekking``, which the overview's budget card shows too)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from ecosysteem.opmaak import euro

from ..dossier import Dossier
from ..forms import BegrotingsregelForm
from ..models import Begrotingsregel, Kostensoort
from ..services import sla_begrotingsregel_op, verwijder_begrotingsregel
from .cofinanciering import Dossierdeel, Onderdeel, Verwijderen


def matrix(dossier: Dossier) -> dict:
    """The plan as cost categories (rows) by school years (columns), with totals. Built
    from ``Dossier.begroting_per_jaar()`` and turned on its side: six categories read
    better down the page than across it, and two or three school years fit any screen."""
    per_jaar = dossier.begroting_per_jaar()
    rijen = []
    for i, (code, label) in enumerate(Kostensoort.choices):
        bedragen = [jaar["bedragen"][i] for jaar in per_jaar]
        rijen.append(
            {
                "code": code,
                "label": capfirst(label),
                "bedragen": bedragen,
                "totaal": sum(bedragen, Decimal("0")),
            }
        )
    return {
        "jaren": [jaar["label"] for jaar in per_jaar],
        "rijen": rijen,
        "totalen": [jaar["totaal"] for jaar in per_jaar],
        "totaal": sum((jaar["totaal"] for jaar in per_jaar), Decimal("0")),
    }


KOSTENSOORT_VOLGORDE = {code: i for i, code in enumerate(Kostensoort.values)}


class BegrotingFormMixin:
    def maak_form(self, data=None, *, initial=None):
        return BegrotingsregelForm(
            data,
            schooljaren=self.schooljaren,
            initial={"versie": self.dossier.regio.versie, **(initial or {})},
        )


class Overzicht(BegrotingFormMixin, Dossierdeel, TemplateView):
    template_name = "subsidie/begroting.html"
    dossierdeel = "begroting"
    deel_url_naam = "subsidie:begroting"
    titel = gettext_lazy("Begroting")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = self.dossier
        context.update(
            dossier=dossier,
            dekking=dossier.begrotingsdekking,
            matrix=matrix(dossier),
            regels=sorted(
                dossier.begrotingsregels,
                key=lambda r: (r.schooljaar, KOSTENSOORT_VOLGORDE.get(r.kostensoort, 99), r.pk),
            ),
        )
        self.met_toetsing(context, dossier.toetsing)
        if self.mag_bewerken:
            context["form"] = kwargs.get("form") or self.maak_form()
        return context

    def post(self, request, *args, **kwargs):
        form = self.maak_form(request.POST)
        if form.is_valid():
            gelukt, regel = form.voer_uit(
                lambda: sla_begrotingsregel_op(
                    regio=self.regio, door=request.user, **form.servicevelden()
                )
            )
            if gelukt:
                messages.success(
                    request, bericht(_("De begrotingsregel %(regel)s is toegevoegd."), regel)
                )
                return redirect(self.deel_url)
        self.toon_opnieuw(form)
        return self.render_to_response(self.get_context_data(form=form))


def bericht(tekst: str, regel: Begrotingsregel) -> str:
    return tekst % {
        "regel": _("%(omschrijving)s (%(jaar)s, %(bedrag)s)")
        % {
            "omschrijving": regel.omschrijving,
            "jaar": regel.schooljaar_label,
            "bedrag": euro(regel.bedrag),
        }
    }


class BegrotingOnderdeel(Onderdeel):
    dossierdeel = "begroting"
    deel_titel = gettext_lazy("Begroting")
    deel_url_naam = "subsidie:begroting"

    def object(self) -> Begrotingsregel:
        return self.rij(self.dossier.begrotingsregels)


class Wijzigen(BegrotingFormMixin, BegrotingOnderdeel, TemplateView):
    template_name = "subsidie/begroting_wijzigen.html"
    titel = gettext_lazy("Begrotingsregel wijzigen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regel = self.object()
        context["regel"] = regel
        context["form"] = kwargs.get("form") or self.maak_form(
            initial={
                "schooljaar": regel.schooljaar,
                "kostensoort": regel.kostensoort,
                "omschrijving": regel.omschrijving,
                "bedrag": regel.bedrag,
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        regel = self.object()
        form = self.maak_form(request.POST)
        if form.is_valid():
            gelukt, opgeslagen = form.voer_uit(
                lambda: sla_begrotingsregel_op(
                    regio=self.regio, door=request.user, regel=regel, **form.servicevelden()
                )
            )
            if gelukt:
                messages.success(
                    request, bericht(_("De begrotingsregel %(regel)s is gewijzigd."), opgeslagen)
                )
                return redirect(self.deel_url)
        self.toon_opnieuw(form)
        return self.render_to_response(self.get_context_data(form=form))


class BegrotingVerwijderen(BegrotingOnderdeel, Verwijderen):
    titel = gettext_lazy("Begrotingsregel verwijderen")

    def beschrijving(self, obj: Begrotingsregel) -> list[tuple[str, str]]:
        return [
            (_("Schooljaar"), obj.schooljaar_label),
            (_("Kostensoort"), capfirst(obj.get_kostensoort_display())),
            (_("Omschrijving"), obj.omschrijving),
            (_("Bedrag"), euro(obj.bedrag)),
        ]

    def verwijder(self, obj, versie):
        verwijder_begrotingsregel(regel=obj, door=self.request.user, versie=versie)

    def gelukt_bericht(self, obj) -> str:
        return bericht(_("De begrotingsregel %(regel)s is verwijderd."), obj)


urlpatterns = [
    path("regio/<slug:slug>/begroting/", Overzicht.as_view(), name="begroting"),
    path(
        "regio/<slug:slug>/begroting/<int:pk>/wijzigen/",
        Wijzigen.as_view(),
        name="begroting_wijzigen",
    ),
    path(
        "regio/<slug:slug>/begroting/<int:pk>/verwijderen/",
        BegrotingVerwijderen.as_view(),
        name="begroting_verwijderen",
    ),
]
