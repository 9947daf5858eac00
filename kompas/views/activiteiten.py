"""Dossier pages: activiteiten. The region's activity plan, mapped to the intervention
compass, with a chart of how the plan covers the compass; the programme manager adds,
changes and removes activities."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from ecosysteem.opmaak import euro, getal
from regios.views.basis import Dossierdeel, Onderdeel, Verwijderen

from ..forms_activiteiten import ActiviteitForm
from ..models import Activiteit, Kompaspunt
from ..selectors import (
    Activiteitenplan,
    doelgroeplabels,
    gepubliceerde_kompaspunten,
    kompasdekking,
    laad_activiteitenplan,
    plankosten,
    schooljaarlabels,
)
from ..services_activiteiten import sla_activiteit_op, verwijder_activiteit


def weergave(activiteit: Activiteit, gedeeld: dict[int, list[str]] | None = None) -> dict:
    """What the list shows of one activity, from prefetched relations only. ``gedeeld``
    names, per budget line that several activities share, the activities sharing it."""
    regels = list(activiteit.begrotingsregels.all())
    gedeeld = gedeeld or {}
    return {
        # Each line with the other activities that it also pays for.
        "regels_gedeeld": [
            (r, [t for t in gedeeld.get(r.pk, []) if t != activiteit.titel]) for r in regels
        ],
        "activiteit": activiteit,
        "kompaspunten": list(activiteit.kompaspunten.all()),
        "doelgroepen": doelgroeplabels(activiteit.doelgroepen),
        "partners": list(activiteit.partners.all()),
        "schooljaren": schooljaarlabels(activiteit.schooljaren),
        "begrotingsregels": regels,
        "begroting": sum((r.bedrag for r in regels), Decimal("0")),
    }


class ActiviteitenDeel(Dossierdeel):
    dossierdeel = "activiteiten"
    deel_url_naam = "kompas:activiteiten"

    def lees_dossier(self) -> Activiteitenplan:
        return laad_activiteitenplan(self.regio)

    @cached_property
    def kompaspunten(self) -> list[Kompaspunt]:
        return gepubliceerde_kompaspunten()

    def maak_form(self, data=None, *, initial=None, huidig: Activiteit | None = None):
        punten = list(self.kompaspunten)
        partners = [d.organisatie for d in self.dossier.organisatiedeelnames]
        if huidig is not None:
            # What the activity already has stays on offer, even a compass point that was
            # unpublished since or a partner that left: the form shows what is stored, and
            # the service says what is no longer allowed.
            punten += [p for p in huidig.kompaspunten.all() if p not in punten]
            partners += [o for o in huidig.partners.all() if o not in partners]
        return ActiviteitForm(
            data,
            kompaspunten=punten,
            partners=partners,
            schooljaren=self.schooljaren,
            begrotingsregels=sorted(
                self.dossier.begrotingsregels, key=lambda r: (r.schooljaar, r.kostensoort, r.pk)
            ),
            vestigingen=self.dossier.aantal_vestigingen,
            initial={"versie": self.dossier.regio.versie, **(initial or {})},
        )


class Overzicht(ActiviteitenDeel, TemplateView):
    template_name = "kompas/activiteiten.html"
    titel = gettext_lazy("Activiteiten")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activiteiten = self.dossier.activiteiten
        kosten = plankosten(activiteiten)
        context.update(
            dossier=self.dossier,
            kosten=kosten,
            activiteiten=[weergave(a, kosten.gedeeld) for a in activiteiten],
            dekking=kompasdekking(activiteiten, self.kompaspunten),
        )
        return context


class ActiviteitOnderdeel(ActiviteitenDeel, Onderdeel):
    deel_titel = gettext_lazy("Activiteiten")

    def object(self) -> Activiteit:
        return self.rij(self.dossier.activiteiten)


def _gelukt(request, tekst: str, activiteit: Activiteit) -> None:
    messages.success(request, tekst % {"titel": activiteit.titel})


class Toevoegen(ActiviteitenDeel, Onderdeel, TemplateView):
    """A page of its own: the form is long, and below the list it would be far from
    the button that asks for it."""

    template_name = "kompas/activiteit_formulier.html"
    titel = gettext_lazy("Activiteit toevoegen")
    deel_titel = gettext_lazy("Activiteiten")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or self.maak_form()
        context["knoptekst"] = _("Activiteit toevoegen")
        return context

    def post(self, request, *args, **kwargs):
        form = self.maak_form(request.POST)
        if form.is_valid():
            gelukt, activiteit = form.voer_uit(
                lambda: sla_activiteit_op(
                    regio=self.regio, door=request.user, **form.servicevelden()
                )
            )
            if gelukt:
                _gelukt(request, _("De activiteit %(titel)s is toegevoegd."), activiteit)
                return redirect(f"{self.deel_url}#activiteit-{activiteit.pk}")
        self.toon_opnieuw(form)
        return self.render_to_response(self.get_context_data(form=form))


class Wijzigen(ActiviteitOnderdeel, TemplateView):
    template_name = "kompas/activiteit_formulier.html"
    titel = gettext_lazy("Activiteit wijzigen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activiteit = self.object()
        context["activiteit"] = activiteit
        context["knoptekst"] = _("Wijziging opslaan")
        context["form"] = kwargs.get("form") or self.maak_form(
            initial={
                "titel": activiteit.titel,
                "beschrijving": activiteit.beschrijving,
                "kompaspunten": [str(p.pk) for p in activiteit.kompaspunten.all()],
                "interventieniveau": activiteit.interventieniveau,
                "doelgroepen": list(activiteit.doelgroepen),
                "partners": [str(o.pk) for o in activiteit.partners.all()],
                "schooljaren": list(activiteit.schooljaren),
                "bereik_leerlingen": activiteit.bereik_leerlingen,
                "bereik_vestigingen": activiteit.bereik_vestigingen,
                "begrotingsregels": [str(r.pk) for r in activiteit.begrotingsregels.all()],
            },
            huidig=activiteit,
        )
        return context

    def post(self, request, *args, **kwargs):
        activiteit = self.object()
        form = self.maak_form(request.POST, huidig=activiteit)
        if form.is_valid():
            gelukt, opgeslagen = form.voer_uit(
                lambda: sla_activiteit_op(
                    regio=self.regio,
                    door=request.user,
                    activiteit=activiteit,
                    **form.servicevelden(),
                )
            )
            if gelukt:
                _gelukt(request, _("De activiteit %(titel)s is gewijzigd."), opgeslagen)
                return redirect(f"{self.deel_url}#activiteit-{opgeslagen.pk}")
        self.toon_opnieuw(form)
        return self.render_to_response(self.get_context_data(form=form))


class ActiviteitVerwijderen(ActiviteitOnderdeel, Verwijderen):
    titel = gettext_lazy("Activiteit verwijderen")

    def beschrijving(self, obj: Activiteit) -> list[tuple[str, str]]:
        gegevens = weergave(obj)
        return [
            (_("Titel"), obj.titel),
            (_("Kompaspunten"), ", ".join(p.naam for p in gegevens["kompaspunten"])),
            (_("Interventieniveau"), obj.get_interventieniveau_display()),
            (_("Schooljaren"), ", ".join(gegevens["schooljaren"])),
            (
                _("Beoogd bereik"),
                _("%(leerlingen)s leerlingen, %(vestigingen)s vestigingen")
                % {
                    "leerlingen": getal(obj.bereik_leerlingen),
                    "vestigingen": getal(obj.bereik_vestigingen),
                },
            ),
            (
                _("Begrotingsregels"),
                ngettext(
                    "%(aantal)s regel van %(bedrag)s; die blijft in de begroting staan.",
                    "%(aantal)s regels, samen %(bedrag)s; die blijven in de begroting staan.",
                    len(gegevens["begrotingsregels"]),
                )
                % {
                    "aantal": len(gegevens["begrotingsregels"]),
                    "bedrag": euro(gegevens["begroting"]),
                },
            ),
        ]

    def verwijder(self, obj, versie):
        verwijder_activiteit(activiteit=obj, door=self.request.user, versie=versie)

    def gelukt_bericht(self, obj) -> str:
        return _("De activiteit %(titel)s is verwijderd.") % {"titel": obj.titel}


urlpatterns = [
    path("regio/<slug:slug>/activiteiten/", Overzicht.as_view(), name="activiteiten"),
    path(
        "regio/<slug:slug>/activiteiten/toevoegen/",
        Toevoegen.as_view(),
        name="activiteit_toevoegen",
    ),
    path(
        "regio/<slug:slug>/activiteiten/<int:pk>/wijzigen/",
        Wijzigen.as_view(),
        name="activiteit_wijzigen",
    ),
    path(
        "regio/<slug:slug>/activiteiten/<int:pk>/verwijderen/",
        ActiviteitVerwijderen.as_view(),
        name="activiteit_verwijderen",
    ),
]
