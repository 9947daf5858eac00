"""The public list of a period's regions: each with its registration form (while it takes
registrations) and its part of the network map. No login, no contact persons: only what
the map shows anyway."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView

from ..kaart import ZICHTBARE_REGIOS, standaard_tijdvak
from ..models import Deelnamestatus, Regio, Tijdvak


def kaartlink(tijdvak: Tijdvak, regio: Regio) -> str:
    """The network map filtered on one region of the period."""
    return (
        reverse("regios:netwerkkaart")
        + "?"
        + urlencode({"tijdvak": tijdvak.code, "regio": regio.slug})
    )


class RegiolijstView(TemplateView):
    """Two queries, however many regions: the periods, and the regions with their counts."""

    template_name = "regios/regiolijst.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tijdvakken = list(Tijdvak.objects.order_by("startdatum"))
        gekozen = {t.code: t for t in tijdvakken}.get(self.request.GET.get("tijdvak", ""))
        tijdvak = gekozen or standaard_tijdvak(tijdvakken)
        regios = []
        if tijdvak is not None:
            lopend = Q(deelnames__status__in=[Deelnamestatus.AANGEMELD, Deelnamestatus.ACTIEF])
            regios = [
                (regio, kaartlink(tijdvak, regio))
                for regio in Regio.objects.filter(ZICHTBARE_REGIOS, tijdvak=tijdvak)
                .annotate(
                    aantal_vestigingen=Count(
                        "deelnames", filter=lopend & Q(deelnames__vestiging__isnull=False)
                    ),
                    aantal_partners=Count(
                        "deelnames", filter=lopend & Q(deelnames__organisatie__isnull=False)
                    ),
                )
                .order_by("naam", "id")
            ]
        context.update(
            tijdvak=tijdvak,
            andere_tijdvakken=[t for t in tijdvakken if t != tijdvak],
            regios=regios,
            kruimelpad=[
                (pgettext_lazy("kruimelpad", "Home"), reverse("home")),
                (gettext_lazy("Regio's"), None),
            ],
        )
        return context


urlpatterns = [path("regios/", RegiolijstView.as_view(), name="regiolijst")]
