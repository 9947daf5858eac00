"""The filters of the ministry's lists, as django-filter FilterSets shared by the pages and
the API: the overview of regions (``/ministerie/regios/``, ``/api/v1/regios/``) and the
review queue (``/ministerie/beoordelen/``, ``/api/v1/wachtrij/``). A page shows the
FilterSet's form; the API reads the same parameters and answers 400 on a wrong value,
where a page shows the message next to the field and leaves that filter out."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from ecosysteem.formulieren import Formulier
from partners.models import Provincie
from regios.levenscyclus import Regiostatus, toestand
from regios.models import Regio, Tijdvak

from .forms_beoordeling import beoordelaars

GEEN_BEOORDELAAR = "geen"


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


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.ModelChoiceFilter):
    """A choice of a row by its id (the schema says integer)."""


@extend_schema_field(OpenApiTypes.STR)
class BeoordelaarFilter(django_filters.ChoiceFilter):
    """A reviewer's id, or ``geen``; the choices are read from the database per request, so
    the schema names no values."""


class TijdvakFilter(django_filters.FilterSet):
    """The period and province every list of the ministry is filtered on. Without a period
    the page shows the default one (``standaard_tijdvak``)."""

    tijdvak = IdFilter(
        label=gettext_lazy("Tijdvak"),
        queryset=Tijdvak.objects.all(),
        empty_label=None,
    )
    provincie = IdFilter(
        label=gettext_lazy("Provincie"),
        queryset=Provincie.objects.all(),
        empty_label=gettext_lazy("Alle provincies"),
        method="filter_provincie",
    )

    def filter_provincie(self, queryset, name, provincie):
        # Exists rather than a join: one row per region, whatever its provinces.
        return queryset.filter(
            Exists(
                Regio.provincies.through.objects.filter(regio=OuterRef("pk"), provincie=provincie)
            )
        )


class OverzichtFilter(TijdvakFilter):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=Regiostatus.choices,
        empty_label=gettext_lazy("Alle statussen"),
    )
    zoek = django_filters.CharFilter(
        label=gettext_lazy("Naam van de regio"),
        field_name="naam",
        lookup_expr="icontains",
        max_length=80,
    )

    class Meta:
        model = Regio
        fields = ["tijdvak", "provincie", "status", "zoek"]
        form = Formulier


class Wachtrijsortering(django_filters.OrderingFilter):
    """Sort keys of the queue; the region's name breaks ties (and for the status, the date
    of submission first), so the order is the same on every request."""

    GELIJK = {
        "laatst_ingediend_op": ("naam",),
        "naam": (),
        "status": ("laatst_ingediend_op", "naam"),
        "laatste_maximale_subsidie": ("naam",),
    }

    def filter(self, qs, value):
        if not value:
            return qs
        veld = self.get_ordering_value(value[0])
        return qs.order_by(veld, *self.GELIJK[veld.lstrip("-")])


class WachtrijFilter(TijdvakFilter):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[(k, v) for k, v in Regiostatus.choices if toestand(k).bij_ministerie],
        empty_label=gettext_lazy("Alle statussen"),
    )
    beoordelaar = BeoordelaarFilter(
        label=gettext_lazy("Beoordelaar"),
        empty_label=gettext_lazy("Iedereen"),
        method="filter_beoordelaar",
        help_text=gettext_lazy(
            "Een beoordelaar, of 'geen' voor dossiers die nog niemand beoordeelt."
        ),
    )
    sorteer = Wachtrijsortering(
        label=gettext_lazy("Sorteren"),
        fields=(
            ("laatst_ingediend_op", "ingediend"),
            ("naam", "naam"),
            ("status", "status"),
            ("laatste_maximale_subsidie", "subsidie"),
        ),
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Regio
        fields = ["tijdvak", "provincie", "status", "beoordelaar", "sorteer"]
        form = Formulier

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["beoordelaar"].extra["choices"] = [
            (GEEN_BEOORDELAAR, _("Nog niet toegewezen")),
            *[(str(b.pk), str(b)) for b in beoordelaars()],
        ]

    def filter_beoordelaar(self, queryset, name, value):
        if value == GEEN_BEOORDELAAR:
            return queryset.exclude(beoordeling__beoordelaar__isnull=False)
        return queryset.filter(beoordeling__beoordelaar_id=value)

    @property
    def sortering(self) -> str:
        """The chosen sort key as the page's links name it (``-naam``), default ``ingediend``."""
        if not self.is_bound:
            return "ingediend"
        self.is_valid()  # validates once; a wrong key is left out of cleaned_data
        gekozen = self.form.cleaned_data.get("sorteer") or []
        return gekozen[0] if gekozen else "ingediend"
