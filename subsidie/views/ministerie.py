"""The ministry's overview of all regions of a period, with exports to CSV and XLSX."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView

from regios.models import Regio
from regios.rules import is_ministerie

from ..filters import OverzichtFilter, standaard_tijdvak, toon_tijdvak
from ..selectors import ministerieoverzicht


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
        rij.besluit.get_uitkomst_display() if rij.besluit else "",
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
        buffer = io.StringIO()
        # Semicolons and a BOM, so Dutch spreadsheet programs open it as intended.
        schrijver = csv.writer(buffer, delimiter=";")
        schrijver.writerow([str(k) for k in KOLOMMEN])
        for rij in self.rijen:
            # Decimal commas, as Dutch spreadsheet programs expect next to semicolons.
            schrijver.writerow(
                [
                    f"{w:.2f}".replace(".", ",") if isinstance(w, Decimal) else w
                    for w in als_rij(rij)
                ]
            )
        antwoord = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        antwoord["Content-Disposition"] = (
            f'attachment; filename="{bestandsnaam(self.tijdvak, "csv")}"'
        )
        return antwoord


class XlsxView(MinisterieMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        from openpyxl import Workbook

        werkboek = Workbook()
        blad = werkboek.active
        blad.title = _("Regio's")[:31]
        blad.append([str(k) for k in KOLOMMEN])
        for rij in self.rijen:
            blad.append(als_rij(rij))
        for kolom in ("F", "G", "K"):
            for cel in blad[kolom][1:]:
                cel.number_format = '"€" #,##0.00'
        blad.freeze_panes = "A2"
        uitvoer = io.BytesIO()
        werkboek.save(uitvoer)
        antwoord = HttpResponse(
            uitvoer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        antwoord["Content-Disposition"] = (
            f'attachment; filename="{bestandsnaam(self.tijdvak, "xlsx")}"'
        )
        return antwoord


urlpatterns = [
    path("ministerie/regios/", OverzichtView.as_view(), name="ministerie_overzicht"),
    path("ministerie/regios.csv", CsvView.as_view(), name="ministerie_csv"),
    path("ministerie/regios.xlsx", XlsxView.as_view(), name="ministerie_xlsx"),
]
