"""The API of the partners app: the national school register (public, as the register is
DUO open data), and the serializer and filters of organisations (who sees which is for the
regions app to decide)."""

from __future__ import annotations

import django_filters
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from .models import Organisatie, Organisatiesoort, Schoolsoort, Vestiging


class VestigingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vestiging
        fields = [
            "vestigingscode",
            "brin_nummer",
            "naam",
            "onderwijstype",
            "schoolsoort",
            "sector",
            "telt_mee",
            "straat",
            "huisnummer",
            "postcode",
            "plaats",
            "leerlingen",
            "peildatum",
            "in_register",
        ]


class ScholenFilter(django_filters.FilterSet):
    """Search the register by name, place, branch code and postcode."""

    naam = django_filters.CharFilter(
        field_name="naam", lookup_expr="icontains", label=_("Naam bevat")
    )
    plaats = django_filters.CharFilter(field_name="plaats", lookup_expr="iexact", label=_("Plaats"))
    vestigingscode = django_filters.CharFilter(method="filter_code", label=_("Vestigingscode"))
    postcode = django_filters.CharFilter(method="filter_postcode", label=_("Postcode (of begin)"))
    schoolsoort = django_filters.ChoiceFilter(choices=Schoolsoort.choices, label=_("Schoolsoort"))
    telt_mee = django_filters.BooleanFilter(label=_("Telt mee voor de subsidie"))

    class Meta:
        model = Vestiging
        fields = ["naam", "plaats", "vestigingscode", "postcode", "schoolsoort", "telt_mee"]

    def filter_code(self, queryset, name, value):
        return queryset.filter(vestigingscode=value.replace(" ", "").upper())

    def filter_postcode(self, queryset, name, value):
        return queryset.filter(postcode__startswith=value.replace(" ", "").upper())


@extend_schema_view(
    list=extend_schema(
        summary=_("Scholen zoeken in het register"),
        description=_(
            "De vestigingen in het landelijke scholenregister (open data van DUO), te zoeken "
            "op naam, plaats, vestigingscode en postcode. Openbaar."
        ),
        tags=["Scholenregister"],
    ),
    retrieve=extend_schema(summary=_("Eén vestiging uit het register"), tags=["Scholenregister"]),
)
class ScholenViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    serializer_class = VestigingSerializer
    filterset_class = ScholenFilter
    lookup_field = "vestigingscode"
    queryset = Vestiging.objects.filter(in_register=True).order_by("naam", "vestigingscode")


class OrganisatieSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisatie
        fields = [
            "id",
            "naam",
            "soort",
            "kvk_nummer",
            "brin_nummer",
            "postcode",
            "plaats",
            "website",
            "omschrijving",
        ]


class OrganisatieFilter(django_filters.FilterSet):
    naam = django_filters.CharFilter(lookup_expr="icontains", label=_("Naam bevat"))
    soort = django_filters.ChoiceFilter(choices=Organisatiesoort.choices, label=_("Soort"))
    kvk_nummer = django_filters.CharFilter(label=_("KvK-nummer"))

    class Meta:
        model = Organisatie
        fields = ["naam", "soort", "kvk_nummer"]


router = SimpleRouter()
router.register("scholen", ScholenViewSet, basename="school")

urlpatterns = [path("", include(router.urls))]
