"""Public pages of the intervention compass: the list of compass points with a search box,
and one point's factsheet. No login: the compass is meant for anyone who plans
technology education, inside the programme or not."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import DetailView, ListView

from ..models import Hulpmiddel, Kompaspunt, Onderzoeksinzicht, Praktijkvoorbeeld

MAX_ZOEKTEKST = 100
# More words than this add nothing to a search over a handful of factsheets, and each word
# adds three subqueries.
MAX_ZOEKWOORDEN = 8

ONDERDELEN = {
    Praktijkvoorbeeld: ("titel", "tekst", "waar"),
    Onderzoeksinzicht: ("titel", "tekst", "bron"),
    Hulpmiddel: ("titel", "tekst"),
}


def _aantal(model) -> Coalesce:
    # A counting subquery per part instead of Count() over three joins: joining the three
    # parts at once would multiply their rows into each other.
    tellen = (
        model.objects.filter(kompaspunt=OuterRef("pk"))
        .order_by()
        .values("kompaspunt")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return Coalesce(Subquery(tellen, output_field=IntegerField()), 0)


def met_aantallen(kompaspunten: QuerySet) -> QuerySet:
    """The compass points with the number of practice examples, research insights and tools
    of each, in the same query."""
    return kompaspunten.annotate(
        aantal_voorbeelden=_aantal(Praktijkvoorbeeld),
        aantal_inzichten=_aantal(Onderzoeksinzicht),
        aantal_hulpmiddelen=_aantal(Hulpmiddel),
    )


def zoekwoorden(zoektekst: str) -> list[str]:
    return zoektekst.split()[:MAX_ZOEKWOORDEN]


def zoek(kompaspunten: QuerySet, zoektekst: str) -> QuerySet:
    """The compass points in which every word of the search text occurs somewhere: in the
    name, summary or description, or in a text of the factsheet."""
    for woord in zoekwoorden(zoektekst):
        treffer = Q(naam__icontains=woord) | Q(samenvatting__icontains=woord)
        treffer |= Q(beschrijving__icontains=woord)
        for model, velden in ONDERDELEN.items():
            in_onderdeel = Q()
            for veld in velden:
                in_onderdeel |= Q(**{f"{veld}__icontains": woord})
            treffer |= Exists(model.objects.filter(in_onderdeel, kompaspunt=OuterRef("pk")))
        kompaspunten = kompaspunten.filter(treffer)
    return kompaspunten


def kompas_kruimel() -> list:
    # "Home" with a context: Django's Dutch catalogue turns a bare "Home" into "Voorpagina".
    return [
        (pgettext_lazy("kruimelpad", "Home"), reverse_lazy("home")),
        (_("Interventiekompas"), reverse_lazy("kompas:kompas")),
    ]


class KompasView(ListView):
    """All published compass points, optionally narrowed by a search (plain GET, so it
    works without JavaScript and a search result can be bookmarked or shared)."""

    template_name = "kompas/kompas.html"
    context_object_name = "kompaspunten"

    def get_queryset(self):
        self.zoektekst = " ".join(self.request.GET.get("q", "").split())[:MAX_ZOEKTEKST]
        kompaspunten = met_aantallen(Kompaspunt.objects.filter(gepubliceerd=True))
        if self.zoektekst:
            kompaspunten = zoek(kompaspunten, self.zoektekst)
        return kompaspunten

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kruimelpad = kompas_kruimel()
        kruimelpad[-1] = (kruimelpad[-1][0], None)
        context["kruimelpad"] = kruimelpad
        context["zoektekst"] = self.zoektekst
        context["aantal"] = len(context["kompaspunten"])
        return context


class KompaspuntView(DetailView):
    """One compass point's factsheet. An unpublished point does not exist for the public;
    administrators who maintain the compass see it, to check it before publishing."""

    template_name = "kompas/kompaspunt.html"
    context_object_name = "kompaspunt"

    def mag_voorvertonen(self) -> bool:
        gebruiker = self.request.user
        return gebruiker.is_staff and gebruiker.has_perm("kompas.view_kompaspunt")

    def get_queryset(self):
        kompaspunten = Kompaspunt.objects.prefetch_related(
            "praktijkvoorbeelden", "onderzoeksinzichten", "hulpmiddelen"
        )
        if self.mag_voorvertonen():
            return kompaspunten
        return kompaspunten.filter(gepubliceerd=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kruimelpad"] = [*kompas_kruimel(), (self.object.naam, None)]
        return context


urlpatterns = [
    path("kompas/", KompasView.as_view(), name="kompas"),
    path("kompas/<slug:slug>/", KompaspuntView.as_view(), name="kompaspunt"),
]
