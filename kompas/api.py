"""The API of the compass app: a region's activities (written through the same service as
the activity pages) and the results of its collaboration scan: aggregates only, and only
for closed rounds with at least ``SCAN_MINIMUM_RESPONDENTEN`` answers, as on the page.
Free-text remarks never leave the server through the API: they could identify a person."""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import include, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from ecosysteem.formulieren import eenregelige_tekst, meerregelige_tekst
from partners.models import Organisatie
from regios.api import (
    REGIO_PAD,
    SLUG_PARAMETER,
    DossierrijViewSet,
    MetDossierversie,
    RegioBereik,
    VersieVeld,
    dossierrij_schema,
)

from .models import Activiteit, Doelgroep, Interventieniveau, Kompaspunt
from .scan import bereken_uitslag, minimum_respondenten
from .selectors import antwoorden_per_ronde, rondes_met_aantallen
from .services_activiteiten import sla_activiteit_op, verwijder_activiteit
from .views.scan import groepslabel

Begrotingsregel = Activiteit.begrotingsregels.rel.model  # subsidie's, reached via the relation


class ActiviteitSerializer(MetDossierversie, serializers.ModelSerializer):
    kompaspunten = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    partners = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    begrotingsregels = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    doelgroepen = serializers.ListField(child=serializers.ChoiceField(choices=Doelgroep.choices))
    schooljaren = serializers.ListField(child=serializers.IntegerField())

    class Meta:
        model = Activiteit
        fields = [
            "id",
            "titel",
            "beschrijving",
            "kompaspunten",
            "interventieniveau",
            "doelgroepen",
            "partners",
            "schooljaren",
            "bereik_leerlingen",
            "bereik_vestigingen",
            "begrotingsregels",
            "dossierversie",
        ]
        read_only_fields = fields


class ActiviteitInvoerSerializer(serializers.Serializer):
    titel = serializers.CharField(max_length=200, validators=[eenregelige_tekst])
    beschrijving = serializers.CharField(validators=[meerregelige_tekst])
    kompaspunten = serializers.ListField(
        child=serializers.SlugField(), help_text=gettext_lazy("Korte namen van kompaspunten.")
    )
    interventieniveau = serializers.ChoiceField(choices=Interventieniveau.choices)
    doelgroepen = serializers.ListField(child=serializers.ChoiceField(choices=Doelgroep.choices))
    partners = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        default=list,
        help_text=gettext_lazy("Ids van betrokken partners."),
    )
    schooljaren = serializers.ListField(
        child=serializers.IntegerField(), help_text=gettext_lazy("Beginjaren, bijvoorbeeld 2026.")
    )
    bereik_leerlingen = serializers.IntegerField(min_value=0, required=False, default=0)
    bereik_vestigingen = serializers.IntegerField(min_value=0, required=False, default=0)
    begrotingsregels = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    versie = VersieVeld()

    def validate_kompaspunten(self, slugs):
        punten = list(Kompaspunt.objects.filter(slug__in=slugs))
        if len(punten) != len(set(slugs)):
            raise serializers.ValidationError(_("Kies bestaande kompaspunten."))
        return punten

    def validate_partners(self, ids):
        partners = list(Organisatie.objects.filter(pk__in=ids))
        if len(partners) != len(set(ids)):
            raise serializers.ValidationError(_("Kies bestaande organisaties."))
        return partners

    def validate_begrotingsregels(self, ids):
        # Whether they are this region's is the service's check, with its own message.
        regels = list(Begrotingsregel.objects.filter(pk__in=ids))
        if len(regels) != len(set(ids)):
            raise serializers.ValidationError(
                _("Kies begrotingsregels van de begroting van deze regio.")
            )
        return regels


@dossierrij_schema(
    gettext_lazy("Activiteiten"),
    "Activiteiten",
    ActiviteitInvoerSerializer,
    ActiviteitSerializer,
    schrijvers=gettext_lazy(
        "Alleen de programmamanager van de regio (of een beheerder), zolang het dossier "
        "bewerkbaar is, en op de versie die u las."
    ),
)
class ActiviteitViewSet(DossierrijViewSet):
    invoer_serializer = ActiviteitInvoerSerializer
    uitvoer_serializer = ActiviteitSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Activiteit.objects.none()
        return (
            Activiteit.objects.filter(regio=self.regio)
            .prefetch_related(
                Prefetch("kompaspunten", queryset=Kompaspunt.objects.order_by("volgorde", "naam")),
                "partners",
                "begrotingsregels",
            )
            .order_by("titel", "id")
        )

    def bewaar(self, gegevens, rij=None):
        return sla_activiteit_op(
            regio=self.regio,
            door=self.request.user,
            titel=gegevens["titel"],
            beschrijving=gegevens["beschrijving"],
            kompaspunten=gegevens["kompaspunten"],
            interventieniveau=gegevens["interventieniveau"],
            doelgroepen=gegevens["doelgroepen"],
            partners=gegevens["partners"],
            schooljaren=gegevens["schooljaren"],
            bereik_leerlingen=gegevens["bereik_leerlingen"],
            bereik_vestigingen=gegevens["bereik_vestigingen"],
            begrotingsregels=gegevens["begrotingsregels"],
            activiteit=rij,
            versie=gegevens["versie"],
        )

    def verwijder(self, rij, versie):
        verwijder_activiteit(activiteit=rij, door=self.request.user, versie=versie)


# --- the collaboration scan ---------------------------------------------------------------


class VraaguitslagSerializer(serializers.Serializer):
    vraag = serializers.CharField(source="vraag.code")
    titel = serializers.CharField(source="vraag.titel")
    onderdeel = serializers.CharField(source="vraag.onderdeel")
    aantal = serializers.IntegerField()
    gemiddelde = serializers.FloatField(allow_null=True)
    verdeling = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=gettext_lazy("Hoeveel antwoorden 1, 2, 3, 4 en 5 gaven."),
    )


class GroepsuitslagSerializer(serializers.Serializer):
    groep = serializers.CharField()
    aantal = serializers.IntegerField()
    gemiddelden = serializers.DictField(child=serializers.FloatField(allow_null=True))


class ScanrondeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()
    open = serializers.BooleanField()
    geopend_op = serializers.DateTimeField()
    gesloten_op = serializers.DateTimeField(allow_null=True)
    respondenten = serializers.IntegerField()
    uitslag_zichtbaar = serializers.BooleanField(
        help_text=gettext_lazy(
            "Pas na het sluiten en vanaf het minimum aantal respondenten; anders geen cijfers."
        )
    )
    vragen = VraaguitslagSerializer(many=True)
    groepen = GroepsuitslagSerializer(many=True)


class ScanView(RegioBereik, APIView):
    @extend_schema(
        summary=gettext_lazy("Uitslagen van de samenwerkingsscan"),
        description=gettext_lazy(
            "Per ronde het aantal respondenten, en voor gesloten rondes met genoeg antwoorden "
            "de gemiddelden en verdelingen per vraag en per soort partner. Nooit losse "
            "antwoorden, toelichtingen of wie antwoordde."
        ),
        parameters=[SLUG_PARAMETER],
        responses=ScanrondeSerializer(many=True),
        tags=["Samenwerkingsscan"],
    )
    def get(self, request, *args, **kwargs):
        rondes = rondes_met_aantallen(self.regio)
        minimum = minimum_respondenten()
        per_ronde = (
            antwoorden_per_ronde(self.regio)
            if any(not r.is_open and r.aantal_antwoorden >= minimum for r in rondes)
            else {}
        )
        uitkomst = []
        for ronde in rondes:
            zichtbaar = not ronde.is_open and ronde.aantal_antwoorden >= minimum
            uitslag = bereken_uitslag(per_ronde.get(ronde.pk, [])) if zichtbaar else None
            zichtbaar = bool(uitslag and uitslag.zichtbaar)
            uitkomst.append(
                {
                    "id": ronde.pk,
                    "naam": ronde.naam,
                    "open": ronde.is_open,
                    "geopend_op": ronde.geopend_op,
                    "gesloten_op": ronde.gesloten_op,
                    "respondenten": ronde.aantal_antwoorden,
                    "uitslag_zichtbaar": zichtbaar,
                    "vragen": uitslag.vragen if zichtbaar else [],
                    "groepen": [
                        {
                            "groep": str(groepslabel(g)),
                            "aantal": g.aantal,
                            "gemiddelden": g.gemiddelden,
                        }
                        for g in uitslag.groepen
                    ]
                    if zichtbaar
                    else [],
                }
            )
        return Response(ScanrondeSerializer(uitkomst, many=True).data)


router = SimpleRouter()
router.register(f"{REGIO_PAD}/activiteiten", ActiviteitViewSet, basename="activiteit")

urlpatterns = [
    path("", include(router.urls)),
    path("regios/<slug:slug>/scan/", ScanView.as_view(), name="scan"),
]
