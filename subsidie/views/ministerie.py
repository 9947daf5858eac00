"""The ministry's overview of all regions of a period, with exports to CSV and XLSX."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView

from ecosysteem.exporteren import csv_antwoord, xlsx_antwoord
from ecosysteem.rechten import mag
from regios.models import Regio

from ..filters import OverzichtFilter, standaard_tijdvak, toon_tijdvak
from ..selectors import ministerieoverzicht


class MinisterieToegang(LoginRequiredMixin):
    """Ministry staff only: reviewers, decision makers and administrators. Visitors go to
    the login page; anybody else gets 403. ``voorbereiden`` loads what the page needs once
    access is established."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not mag("subsidie.ministerie_inzien", request.user):
            raise PermissionDenied(_("Deze pagina is voor medewerkers van het ministerie."))
        self.voorbereiden(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def voorbereiden(self, request, *args, **kwargs) -> None:
        pass


class MinisterieMixin(MinisterieToegang):
    """The overview's filters and rows, shared by the page and its exports."""

    def voorbereiden(self, request, *args, **kwargs):
        # The same FilterSet as the API's regions (/api/v1/regios/); a wrong value gets its
        # message next to the field and that filter is left out.
        filterset = OverzichtFilter(request.GET or None, queryset=Regio.objects.all())
        if filterset.is_bound:
            filterset.is_valid()
        gegevens = getattr(filterset.form, "cleaned_data", {})
        self.tijdvak = gegevens.get("tijdvak") or standaard_tijdvak()
        self.rijen = (
            ministerieoverzicht(tijdvak=self.tijdvak, regios=filterset.qs) if self.tijdvak else []
        )
        self.filter = filterset.form
        toon_tijdvak(self.filter, self.tijdvak)


KOLOMMEN = [
    gettext_lazy("Regio"),
    gettext_lazy("Provincies"),
    gettext_lazy("Status"),
    gettext_lazy("Tellende vestigingen"),
    gettext_lazy("Tellende leerlingen"),
    gettext_lazy("Maximale subsidie"),
    gettext_lazy("Toegezegde cofinanciering"),
    gettext_lazy("Beoordelaar"),
    gettext_lazy("Totaalscore"),
    gettext_lazy("Besluit"),
    gettext_lazy("Toegekend bedrag"),
]


def als_rij(rij) -> list:
    return [
        rij.regio.naam,
        rij.provincies,
        rij.regio.get_status_display(),
        rij.vestigingen,
        rij.leerlingen,
        rij.maximale_subsidie,
        rij.cofinanciering,
        rij.beoordelaar,
        rij.score if rij.score is not None else "",
        rij.besluit.uitslag if rij.besluit else "",
        rij.toegekend if rij.toegekend is not None else "",
    ]


class OverzichtView(MinisterieMixin, TemplateView):
    template_name = "subsidie/ministerie_overzicht.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.urlencode()
        context.update(
            filter=self.filter,
            tijdvak=self.tijdvak,
            rijen=self.rijen,
            totaal_subsidie=sum((r.maximale_subsidie for r in self.rijen), 0),
            totaal_cofinanciering=sum((r.cofinanciering for r in self.rijen), 0),
            csv_url=f"{reverse('subsidie:ministerie_csv')}?{query}",
            xlsx_url=f"{reverse('subsidie:ministerie_xlsx')}?{query}",
            kruimelpad=[
                (pgettext_lazy("kruimelpad", "Home"), reverse("home")),
                (gettext_lazy("Overzicht regio's"), None),
            ],
        )
        return context


def bestandsnaam(tijdvak, extensie: str) -> str:
    return f"regios-{tijdvak.code if tijdvak else 'geen'}.{extensie}"


class CsvView(MinisterieMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        return csv_antwoord(
            kolommen=KOLOMMEN,
            rijen=(als_rij(rij) for rij in self.rijen),
            bestandsnaam=bestandsnaam(self.tijdvak, "csv"),
        )


# The columns shown in euros in the XLSX export (0-based): maximum subsidy, co-financing
# and the amount granted.
BEDRAGKOLOMMEN = (5, 6, 10)


class XlsxView(MinisterieMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        return xlsx_antwoord(
            kolommen=KOLOMMEN,
            rijen=(als_rij(rij) for rij in self.rijen),
            bestandsnaam=bestandsnaam(self.tijdvak, "xlsx"),
            bladnaam=_("Regio's"),
            bedragkolommen=BEDRAGKOLOMMEN,
        )


urlpatterns = [
    path("ministerie/regios/", OverzichtView.as_view(), name="ministerie_overzicht"),
    path("ministerie/regios.csv", CsvView.as_view(), name="ministerie_csv"),
    path("ministerie/regios.xlsx", XlsxView.as_view(), name="ministerie_xlsx"),
]
