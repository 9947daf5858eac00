"""Dossier pages: cofinanciering. The pledges of the region's partners against the
regulation's co-financing requirement; the programme manager adds, changes and removes
them.

Also the building blocks the budget page shares: regios' dossier parts (one row changed
or removed, the delete confirmation), here reading the whole subsidy dossier.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from ecosysteem.formulieren import decimaal_nl
from ecosysteem.opmaak import euro, schooljaar_label
from regios.views import basis

from ..dossier import Dossier, laad_dossier
from ..forms import CofinancieringForm
from ..models import Cofinanciering, Grondslag
from ..selectors import waarde_uitleg
from ..services import sla_cofinanciering_op, verwijder_cofinanciering

# --- shared with the budget page -------------------------------------------------------


class Dossierdeel(basis.Dossierdeel):
    """A subsidy page of the dossier: it reads the whole dossier (amounts included)."""

    def lees_dossier(self) -> Dossier:
        return laad_dossier(self.regio)


class Onderdeel(Dossierdeel, basis.Onderdeel):
    pass


class Verwijderen(Onderdeel, basis.Verwijderen):
    pass


# --- co-financing ----------------------------------------------------------------------


def cofinancieringseis(dossier: Dossier) -> dict:
    """The requirement, what is pledged, and the verdict of the eligibility rule."""
    regeling = dossier.regeling
    vereist = dossier.vereiste_cofinanciering
    toegezegd = dossier.cofinanciering_totaal
    toets = next(r for r in dossier.toetsing if r.code == "cofinanciering")
    percentage = decimaal_nl(regeling.cofinanciering_percentage)
    if regeling.cofinanciering_grondslag == Grondslag.BEGROTING:
        grondslag = _("%(percentage)s%% van de totale begroting (%(bedrag)s)") % {
            "percentage": percentage,
            "bedrag": euro(dossier.begroting_totaal),
        }
    else:
        grondslag = _("%(percentage)s%% van de maximale subsidie (%(bedrag)s)") % {
            "percentage": percentage,
            "bedrag": euro(dossier.berekening.totaal),
        }
    return {
        "vereist": vereist,
        "toegezegd": toegezegd,
        "grondslag": grondslag,
        "voldoet": toets.geslaagd,
        "tekort": max(vereist - toegezegd, Decimal("0")),
        "toelichting": regeling.cofinanciering_toelichting,
    }


def per_partner_en_jaar(pledges: list[Cofinanciering], schooljaren: list[int]) -> dict:
    """Pledged value per partner (rows) and school year (columns), with totals."""
    per_partner: dict[tuple[str, int], dict[int, Decimal]] = defaultdict(
        lambda: defaultdict(Decimal)
    )
    for c in pledges:
        per_partner[(c.organisatie.naam, c.organisatie_id)][c.schooljaar] += c.waarde
    rijen = []
    for (naam, _pk), jaren in sorted(per_partner.items(), key=lambda i: i[0][0].lower()):
        rijen.append(
            {
                "label": naam,
                "bedragen": [jaren[j] for j in schooljaren],
                "totaal": sum(jaren.values(), Decimal("0")),
            }
        )
    return {
        "jaren": [schooljaar_label(j) for j in schooljaren],
        "rijen": rijen,
        "totalen": [
            sum((c.waarde for c in pledges if c.schooljaar == j), Decimal("0")) for j in schooljaren
        ],
        "totaal": sum((c.waarde for c in pledges), Decimal("0")),
    }


class CofinancieringFormMixin:
    def maak_form(self, data=None, *, initial=None, huidig: Cofinanciering | None = None):
        partners = [d.organisatie for d in self.dossier.organisatiedeelnames]
        if huidig is not None and huidig.organisatie not in partners:
            # A pledge of a partner that has left the region: the form still shows who it
            # is, and saving says the organisation no longer takes part.
            partners.append(huidig.organisatie)
        return CofinancieringForm(
            data,
            partners=partners,
            schooljaren=self.schooljaren,
            initial={"versie": self.dossier.regio.versie, **(initial or {})},
        )


class Overzicht(CofinancieringFormMixin, Dossierdeel, TemplateView):
    template_name = "subsidie/cofinanciering.html"
    dossierdeel = "cofinanciering"
    deel_url_naam = "subsidie:cofinanciering"
    titel = gettext_lazy("Cofinanciering")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = self.dossier
        pledges = sorted(
            dossier.cofinancieringen,
            key=lambda c: (c.organisatie.naam.lower(), c.schooljaar, c.pk),
        )
        context.update(
            dossier=dossier,
            eis=cofinancieringseis(dossier),
            matrix=per_partner_en_jaar(pledges, self.schooljaren),
            toezeggingen=[(c, waarde_uitleg(c)) for c in pledges],
            heeft_partners=bool(dossier.organisatiedeelnames),
        )
        self.met_toetsing(context, dossier.toetsing)
        if self.mag_bewerken:
            context["form"] = kwargs.get("form") or self.maak_form()
        return context

    def post(self, request, *args, **kwargs):
        form = self.maak_form(request.POST)
        if form.is_valid():
            gelukt, pledge = form.voer_uit(
                lambda: sla_cofinanciering_op(
                    regio=self.regio, door=request.user, **form.servicevelden()
                )
            )
            if gelukt:
                messages.success(
                    request,
                    _("De toezegging van %(partner)s voor %(jaar)s is toegevoegd.")
                    % {"partner": pledge.organisatie.naam, "jaar": pledge.schooljaar_label},
                )
                return redirect(self.deel_url)
        self.toon_opnieuw(form)
        return self.render_to_response(self.get_context_data(form=form))


class CofinancieringOnderdeel(Onderdeel):
    dossierdeel = "cofinanciering"
    deel_titel = gettext_lazy("Cofinanciering")
    deel_url_naam = "subsidie:cofinanciering"

    def object(self) -> Cofinanciering:
        return self.rij(self.dossier.cofinancieringen)


class Wijzigen(CofinancieringFormMixin, CofinancieringOnderdeel, TemplateView):
    template_name = "subsidie/cofinanciering_wijzigen.html"
    titel = gettext_lazy("Toezegging wijzigen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pledge = self.object()
        context["toezegging"] = pledge
        context["waarde_uitleg"] = waarde_uitleg(pledge)
        context["form"] = kwargs.get("form") or self.maak_form(
            initial={
                "organisatie": str(pledge.organisatie_id),
                "schooljaar": pledge.schooljaar,
                "soort": pledge.soort,
                "omschrijving": pledge.omschrijving,
                "bedrag": pledge.bedrag,
                "uren": pledge.uren,
                "uurtarief": pledge.uurtarief,
            },
            huidig=pledge,
        )
        return context

    def post(self, request, *args, **kwargs):
        pledge = self.object()
        form = self.maak_form(request.POST, huidig=pledge)
        if form.is_valid():
            gelukt, opgeslagen = form.voer_uit(
                lambda: sla_cofinanciering_op(
                    regio=self.regio,
                    door=request.user,
                    cofinanciering=pledge,
                    **form.servicevelden(),
                )
            )
            if gelukt:
                messages.success(
                    request,
                    _("De toezegging van %(partner)s voor %(jaar)s is gewijzigd.")
                    % {
                        "partner": opgeslagen.organisatie.naam,
                        "jaar": opgeslagen.schooljaar_label,
                    },
                )
                return redirect(self.deel_url)
        self.toon_opnieuw(form)
        return self.render_to_response(self.get_context_data(form=form))


class CofinancieringVerwijderen(CofinancieringOnderdeel, Verwijderen):
    titel = gettext_lazy("Toezegging verwijderen")

    def beschrijving(self, obj: Cofinanciering) -> list[tuple[str, str]]:
        waarde = euro(obj.waarde)
        if uitleg := waarde_uitleg(obj):
            waarde = f"{waarde} ({uitleg})"
        return [
            (_("Partner"), obj.organisatie.naam),
            (_("Schooljaar"), obj.schooljaar_label),
            (_("Soort"), obj.get_soort_display()),
            (_("Omschrijving"), obj.omschrijving),
            (_("Waarde"), waarde),
        ]

    def verwijder(self, obj, versie):
        verwijder_cofinanciering(cofinanciering=obj, door=self.request.user, versie=versie)

    def gelukt_bericht(self, obj) -> str:
        return _("De toezegging van %(partner)s voor %(jaar)s is verwijderd.") % {
            "partner": obj.organisatie.naam,
            "jaar": obj.schooljaar_label,
        }


urlpatterns = [
    path("regio/<slug:slug>/cofinanciering/", Overzicht.as_view(), name="cofinanciering"),
    path(
        "regio/<slug:slug>/cofinanciering/<int:pk>/wijzigen/",
        Wijzigen.as_view(),
        name="cofinanciering_wijzigen",
    ),
    path(
        "regio/<slug:slug>/cofinanciering/<int:pk>/verwijderen/",
        CofinancieringVerwijderen.as_view(),
        name="cofinanciering_verwijderen",
    ),
]
