"""The public network map: every region of a period with its schools and partners, on a
map and in a list, plus the same data as GeoJSON for the map's script.

No login: the page shows only what the national register and the regions publish anyway
(names, places, kinds, pupil counts), never contact persons.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.generic import TemplateView, View

from ..filters import NetwerkFilter
from ..kaart import Netwerk, als_geojson, lees_netwerk, regios_van
from ..models import Deelname, Tijdvak

# Browsers and proxies may keep the public map data for five minutes: it changes only when
# a region changes its participants, and a few minutes' delay does no harm.
CACHE_SECONDEN = 300


def lees_kaart(request) -> tuple[NetwerkFilter, Netwerk]:
    """Validate the filters and read the map's data: four queries (periods, regions,
    participations, positions of partners without their own), whatever the map's size.
    The API's network (``/api/v1/netwerk/``) reads it the same way."""
    filters = NetwerkFilter(
        request.GET or None, queryset=Deelname.objects.all(), tijdvakken=list(Tijdvak.objects.all())
    )
    tijdvak = filters.tijdvak_keuze()
    alle = regios_van(tijdvak)
    filters.kies_regios(alle)
    form = filters.form
    if tijdvak is not None:
        # An unfiltered page shows the default period; the form must say so.
        form.initial["tijdvak"] = tijdvak.code
    # An unknown value (an old bookmark, a region of another period) gets a message next
    # to its field, and that filter is left out.
    netwerk = lees_netwerk(
        tijdvak=tijdvak,
        alle=alle,
        deelnames=filters.qs,
        regio=filters.gekozen.get("regio", ""),
        versmald=filters.versmald,
    )
    return filters, netwerk


def filterparameters(form, netwerk: Netwerk) -> str:
    """The valid filters as a query string, for the GeoJSON address the map fetches."""
    schoon = getattr(form, "cleaned_data", {})
    parameters = {"tijdvak": netwerk.tijdvak.code if netwerk.tijdvak else ""}
    for naam in ("regio", "soort", "schooltype"):
        if schoon.get(naam):
            parameters[naam] = schoon[naam]
    return urlencode({k: v for k, v in parameters.items() if v})


class KaartView(TemplateView):
    template_name = "regios/kaart.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters, netwerk = lees_kaart(self.request)
        form = filters.form
        geojson_url = reverse("regios:netwerkkaart_geojson")
        context.update(
            form=form,
            netwerk=netwerk,
            geojson_url=f"{geojson_url}?{filterparameters(form, netwerk)}",
            tegels_url=settings.KAART_TEGELS_URL,
            tegels_bron=settings.KAART_TEGELS_BRON,
        )
        return context


class KaartGeojsonView(View):
    """The map's participants as a GeoJSON FeatureCollection (RFC 7946)."""

    def get(self, request, *args, **kwargs):
        filters, netwerk = lees_kaart(request)
        form = filters.form
        if form.is_bound and form.errors:
            return JsonResponse(
                {
                    "fouten": {
                        veld: [str(f) for f in fouten] for veld, fouten in form.errors.items()
                    }
                },
                status=400,
            )
        # Plain dicts through json.dumps: for 8,000 points this is much faster than a
        # serializer, and the shape is fixed by the standard anyway.
        antwoord = HttpResponse(
            json.dumps(als_geojson(netwerk), ensure_ascii=False, separators=(",", ":")),
            content_type="application/geo+json; charset=utf-8",
        )
        patch_cache_control(antwoord, public=True, max_age=CACHE_SECONDEN)
        patch_vary_headers(antwoord, ["Accept-Language"])
        return antwoord


urlpatterns = [
    path("netwerkkaart/", KaartView.as_view(), name="netwerkkaart"),
    path("netwerkkaart/geojson/", KaartGeojsonView.as_view(), name="netwerkkaart_geojson"),
]
