"""The network map's filters as a django-filter FilterSet over the participations, shared by
the map's page and GeoJSON (``/netwerkkaart/``) and the API (``/api/v1/netwerk/``). The
choices come from the lists the map reads anyway, so filtering costs no query of its own."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ecosysteem.formulieren import Formulier
from partners.models import Organisatiesoort, Schoolsoort

from .kaart import standaard_tijdvak
from .models import Deelname, Tijdvak


class NetwerkFilter(django_filters.FilterSet):
    """``tijdvak`` chooses the period (an unknown one: the default period), ``regio`` one of
    its regions (a slug), ``soort`` a kind of partner and ``schooltype`` a kind of school.
    Choosing only a partner kind shows only those partners, only a school type only those
    branches, both shows both."""

    tijdvak = django_filters.ChoiceFilter(label=_("Tijdvak"), empty_label=None, method="apart")
    regio = django_filters.ChoiceFilter(
        label=_("Regio"), field_name="regio__slug", empty_label=_("Alle regio's")
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort partner"),
        choices=Organisatiesoort.choices,
        empty_label=_("Alle soorten partners"),
        method="apart",
    )
    schooltype = django_filters.ChoiceFilter(
        label=_("Soort school"),
        choices=[(c, label) for c, label in Schoolsoort.choices if c != Schoolsoort.ONBEKEND],
        empty_label=_("Alle soorten scholen"),
        method="apart",
    )

    class Meta:
        model = Deelname
        fields = ["tijdvak", "regio", "soort", "schooltype"]
        form = Formulier

    def __init__(
        self, data=None, queryset=None, *, tijdvakken: list[Tijdvak] | None = None, **kwargs
    ):
        super().__init__(data, queryset, **kwargs)
        tijdvakken = list(Tijdvak.objects.all()) if tijdvakken is None else tijdvakken
        self.tijdvakken = {t.code: t for t in tijdvakken}
        self.filters["tijdvak"].extra["choices"] = [(t.code, t.naam) for t in tijdvakken]
        # Filled with the chosen period's regions once the period is known (kies_regios).
        self.filters["regio"].extra["choices"] = []

    def tijdvak_keuze(self) -> Tijdvak | None:
        """The chosen period if valid, else the default one."""
        code = (self.data or {}).get("tijdvak", "")
        return self.tijdvakken.get(code) or standaard_tijdvak(list(self.tijdvakken.values()))

    def kies_regios(self, regios) -> None:
        """The regions one may choose: those of the period on display."""
        self.filters["regio"].extra["choices"] = [(r.slug, r.naam) for r in regios]

    def apart(self, queryset, name, value):
        # The period is applied by the map (its regions); partner kind and school type
        # together in filter_queryset.
        return queryset

    @property
    def gekozen(self) -> dict:
        """The valid filters; none if unbound."""
        if self.is_bound:
            self.is_valid()
        return getattr(self.form, "cleaned_data", {})

    @property
    def versmald(self) -> bool:
        """Narrowed to a kind of participant: regions without any are left out."""
        return bool(self.gekozen.get("soort") or self.gekozen.get("schooltype"))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        soort, schooltype = self.gekozen.get("soort"), self.gekozen.get("schooltype")
        if soort and schooltype:
            return queryset.filter(
                Q(organisatie__soort=soort) | Q(vestiging__schoolsoort=schooltype)
            )
        if soort:
            return queryset.filter(organisatie__soort=soort)
        if schooltype:
            return queryset.filter(vestiging__schoolsoort=schooltype)
        return queryset
