"""The ministry's overview of all regions of a period, with exports to CSV and XLSX."""

from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView

from ecosysteem.exporteren import csv_antwoord, xlsx_antwoord
from regios.models import Tijdvak
from regios.rules import is_ministerie

from ..forms_ministerie import OverzichtFilter
from ..selectors import ministerieoverzicht


def standaard_tijdvak() -> Tijdvak | None:
    return (
        Tijdvak.objects.filter(aanvragen_open=True).order_by("-startdatum").first()
        or Tijdvak.objects.order_by("-startdatum").first()
    )


def toon_tijdvak(filter_: forms.Form, tijdvak: Tijdvak | None) -> None:
    """Let the filter show the period whose rows are on display, also when the request
    named none (a first visit, or a sorting link) and the default was taken."""
    if tijdvak is None:
        return
    if not filter_.is_bound:
        filter_.initial["tijdvak"] = tijdvak.pk
    elif not filter_.data.get("tijdvak"):
        filter_.data = filter_.data.copy()
        filter_.data["tijdvak"] = str(tijdvak.pk)


class MinisterieToegang(LoginRequiredMixin):
    """Ministry staff only: reviewers, decision makers and administrators. Visitors go to
    the login page; anybody else gets 403. ``voorbereiden`` loads what the page needs once
    access is established."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_ministerie(request.user):
            raise PermissionDenied(_("Deze pagina is voor medewerkers van het ministerie."))
        self.voorbereiden(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def voorbereiden(self, request, *args, **kwargs) -> None:
        pass


class MinisterieMixin(MinisterieToegang):
    """The overview's filters and rows, shared by the page and its exports."""

    def voorbereiden(self, request, *args, **kwargs):
        self.filter = OverzichtFilter(request.GET or None)
        gegevens = self.filter.cleaned_data if self.filter.is_valid() else {}
        self.tijdvak = gegevens.get("tijdvak") or standaard_tijdvak()
        toon_tijdvak(self.filter, self.tijdvak)
        self.rijen = (
            ministerieoverzicht(
                tijdvak=self.tijdvak,
                provincie=gegevens.get("provincie"),
                status=gegevens.get("status", ""),
                zoek=gegevens.get("zoek", ""),
            )
            if self.tijdvak
            else []
        )


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
