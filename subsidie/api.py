"""The API of the subsidy app: regions with their status and key figures, a region's budget
calculation and eligibility outcome, pledges and budget lines (written through the same
services as the pages), the dossier's documents, the review and decisions (ministry staff),
the ministry's lists, and the decisions in force as open data."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from ecosysteem.api.rechten import Recht
from ecosysteem.exporteren import csv_antwoord
from ecosysteem.formulieren import eenregelige_tekst
from ecosysteem.rechten import mag
from partners.models import Organisatie
from regios.api import (
    REGIO_PAD,
    SLUG_PARAMETER,
    DossierrijViewSet,
    MetDossierversie,
    RegioBereik,
    VersieVeld,
    dossierrij_schema,
    lezende_regio_ids,
    ziet_alle_regios,
)
from regios.models import Convenant, Regio, Tijdvak

from .dossier import laad_dossier
from .filters import OverzichtFilter, WachtrijFilter, standaard_tijdvak
from .models import (
    Aanvullingsverzoek,
    Begrotingsregel,
    Beoordeling,
    Besluit,
    Cofinanciering,
    Cofinancieringsoort,
    Criteriumscore,
    Indiening,
    Kostensoort,
    Rapport,
    Rapportstatus,
)
from .selectors import beoordelingswachtrij, kerngetallen
from .services import (
    sla_begrotingsregel_op,
    sla_cofinanciering_op,
    verwijder_begrotingsregel,
    verwijder_cofinanciering,
)
from .services.rapporten import rapportrecht

MINISTERIE = Recht.voor("subsidie.ministerie_inzien")

# --- regions with status and key figures --------------------------------------------------


class KerngetallenSerializer(serializers.Serializer):
    vestigingen = serializers.IntegerField(help_text=gettext_lazy("Tellende vestigingen."))
    leerlingen = serializers.IntegerField(help_text=gettext_lazy("Tellende leerlingen."))
    maximale_subsidie = serializers.DecimalField(max_digits=14, decimal_places=2)
    cofinanciering = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text=gettext_lazy("Toegezegde cofinanciering.")
    )


class RegioSerializer(serializers.ModelSerializer):
    tijdvak = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status_omschrijving = serializers.CharField(source="get_status_display", read_only=True)
    dossierversie = serializers.IntegerField(source="versie", read_only=True)
    provincies = serializers.SlugRelatedField(slug_field="naam", many=True, read_only=True)
    kerngetallen = serializers.SerializerMethodField()

    class Meta:
        model = Regio
        fields = [
            "slug",
            "naam",
            "tijdvak",
            "status",
            "status_omschrijving",
            "dossierversie",
            "provincies",
            "kerngetallen",
        ]

    @extend_schema_field(KerngetallenSerializer)
    def get_kerngetallen(self, regio) -> dict:
        return KerngetallenSerializer(self.context["kerngetallen"][regio.pk]).data


def zichtbare_regios(user):
    """The regions ``user`` reads: all for ministry staff and administrators (the ministry's
    overview), else those whose dossier they read, as on the pages."""
    queryset = Regio.objects.select_related("tijdvak__regeling").prefetch_related("provincies")
    if ziet_alle_regios(user):
        return queryset
    return queryset.filter(pk__in=lezende_regio_ids(user))


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Regio's met hun status en kerngetallen"),
        description=gettext_lazy(
            "De regio's die u leest: medewerkers van het ministerie alle regio's, anderen de "
            "regio's waarvan zij het dossier lezen (programmamanager, projectleider, "
            "stuurgroep). De kerngetallen rekent het portaal zoals op het overzicht van het "
            "dossier: tellende vestigingen en leerlingen, maximale subsidie, cofinanciering."
        ),
        tags=["Regio's"],
    ),
    retrieve=extend_schema(summary=gettext_lazy("Eén regio"), tags=["Regio's"]),
)
class RegioViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RegioSerializer
    # The ministry overview's FilterSet (its page: /ministerie/regios/).
    filterset_class = OverzichtFilter
    lookup_field = "slug"

    def get_queryset(self):
        return zichtbare_regios(self.request.user).order_by("naam", "id")

    def _antwoord(self, regios, *, many: bool):
        context = {**self.get_serializer_context(), "kerngetallen": kerngetallen(regios)}
        return self.get_serializer_class()(
            regios if many else regios[0], many=many, context=context
        ).data

    def list(self, request, *args, **kwargs):
        pagina = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._antwoord(list(pagina), many=True))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._antwoord([self.get_object()], many=False))


# --- the budget calculation and eligibility ------------------------------------------------


class SoortregelSerializer(serializers.Serializer):
    schoolsoort = serializers.CharField()
    vestigingen = serializers.IntegerField()
    leerlingen = serializers.IntegerField()
    bedrag = serializers.DecimalField(max_digits=14, decimal_places=2)


class VestigingUitkomstSerializer(serializers.Serializer):
    vestigingscode = serializers.CharField(source="invoer.vestigingscode")
    naam = serializers.CharField(source="invoer.naam")
    schoolsoort = serializers.CharField(source="invoer.schoolsoort")
    telt_mee = serializers.BooleanField()
    reden = serializers.CharField()
    leerlingen_register = serializers.IntegerField(
        source="invoer.leerlingen_register", allow_null=True
    )
    leerlingen = serializers.IntegerField(help_text=gettext_lazy("Leerlingen die meetellen."))
    leerlingen_bron = serializers.ChoiceField(choices=["register", "opgegeven", "ontbreekt"])
    bedrag = serializers.DecimalField(max_digits=14, decimal_places=2)


class ToetsresultaatSerializer(serializers.Serializer):
    code = serializers.CharField()
    titel = serializers.CharField()
    geslaagd = serializers.BooleanField()
    bericht = serializers.CharField()


class BerekeningSerializer(serializers.Serializer):
    maximale_subsidie = serializers.DecimalField(max_digits=14, decimal_places=2)
    bedrag_vestigingen = serializers.DecimalField(max_digits=14, decimal_places=2)
    bedrag_leerlingen = serializers.DecimalField(max_digits=14, decimal_places=2)
    tellende_vestigingen = serializers.IntegerField()
    tellende_leerlingen = serializers.IntegerField()
    cofinanciering = serializers.DecimalField(max_digits=14, decimal_places=2)
    vereiste_cofinanciering = serializers.DecimalField(max_digits=14, decimal_places=2)
    begroting = serializers.DecimalField(max_digits=14, decimal_places=2)
    per_soort = SoortregelSerializer(many=True)
    vestigingen = VestigingUitkomstSerializer(many=True)
    subsidievoorwaarden = ToetsresultaatSerializer(many=True)
    compleet = serializers.BooleanField(
        help_text=gettext_lazy("Of het dossier aan alle subsidievoorwaarden voldoet.")
    )
    dossierversie = serializers.IntegerField()


class BerekeningView(RegioBereik, APIView):
    """The maximum subsidy per school type and branch, and the outcome of every
    eligibility rule: the same computation as the dossier's overview page."""

    @extend_schema(
        summary=gettext_lazy("Berekening en subsidievoorwaarden"),
        parameters=[SLUG_PARAMETER],
        responses=BerekeningSerializer,
        tags=["Berekening"],
    )
    def get(self, request, *args, **kwargs):
        dossier = laad_dossier(self.regio)
        b = dossier.berekening
        return Response(
            BerekeningSerializer(
                {
                    "maximale_subsidie": b.totaal,
                    "bedrag_vestigingen": b.totaal_vestigingen,
                    "bedrag_leerlingen": b.totaal_leerlingen,
                    "tellende_vestigingen": len(b.tellende),
                    "tellende_leerlingen": b.aantal_leerlingen,
                    "cofinanciering": dossier.cofinanciering_totaal,
                    "vereiste_cofinanciering": dossier.vereiste_cofinanciering,
                    "begroting": dossier.begroting_totaal,
                    "per_soort": b.per_soort,
                    "vestigingen": b.vestigingen,
                    "subsidievoorwaarden": dossier.toetsing,
                    "compleet": dossier.compleet,
                    "dossierversie": dossier.regio.versie,
                }
            ).data
        )


# --- pledges and budget lines (written through subsidie.services) ---------------------------

SCHRIJVERS = gettext_lazy(
    "Alleen de programmamanager van de regio (of een beheerder), zolang het dossier bewerkbaar "
    "is, en op de versie die u las. Een weigering geeft dezelfde meldingen als de pagina."
)


class CofinancieringSerializer(MetDossierversie, serializers.ModelSerializer):
    organisatie = serializers.PrimaryKeyRelatedField(read_only=True)
    organisatie_naam = serializers.CharField(source="organisatie.naam", read_only=True)
    waarde = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = Cofinanciering
        fields = [
            "id",
            "organisatie",
            "organisatie_naam",
            "schooljaar",
            "soort",
            "omschrijving",
            "bedrag",
            "uren",
            "uurtarief",
            "waarde",
            "dossierversie",
        ]
        read_only_fields = fields


class CofinancieringInvoerSerializer(serializers.Serializer):
    organisatie = serializers.IntegerField(help_text=gettext_lazy("Het id van de partner."))
    schooljaar = serializers.IntegerField(
        help_text=gettext_lazy("Het beginjaar, bijvoorbeeld 2025.")
    )
    soort = serializers.ChoiceField(choices=Cofinancieringsoort.choices)
    omschrijving = serializers.CharField(max_length=300, validators=[eenregelige_tekst])
    bedrag = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, default=None
    )
    uren = serializers.DecimalField(
        max_digits=8, decimal_places=1, required=False, allow_null=True, default=None
    )
    uurtarief = serializers.DecimalField(
        max_digits=8, decimal_places=2, required=False, allow_null=True, default=None
    )
    versie = VersieVeld()

    def validate_organisatie(self, waarde):
        organisatie = Organisatie.objects.filter(pk=waarde).first()
        if organisatie is None:
            raise serializers.ValidationError(_("Deze organisatie bestaat niet."))
        return organisatie


@dossierrij_schema(
    gettext_lazy("Cofinanciering"),
    "Cofinanciering",
    CofinancieringInvoerSerializer,
    CofinancieringSerializer,
    schrijvers=SCHRIJVERS,
)
class CofinancieringViewSet(DossierrijViewSet):
    invoer_serializer = CofinancieringInvoerSerializer
    uitvoer_serializer = CofinancieringSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Cofinanciering.objects.none()
        return (
            Cofinanciering.objects.filter(regio=self.regio)
            .select_related("organisatie")
            .order_by("schooljaar", "organisatie__naam", "id")
        )

    def bewaar(self, gegevens, rij=None):
        return sla_cofinanciering_op(
            regio=self.regio,
            door=self.request.user,
            organisatie=gegevens["organisatie"],
            schooljaar=gegevens["schooljaar"],
            soort=gegevens["soort"],
            omschrijving=gegevens["omschrijving"],
            bedrag=gegevens["bedrag"],
            uren=gegevens["uren"],
            uurtarief=gegevens["uurtarief"],
            cofinanciering=rij,
            versie=gegevens["versie"],
        )

    def verwijder(self, rij, versie):
        verwijder_cofinanciering(cofinanciering=rij, door=self.request.user, versie=versie)


class BegrotingsregelSerializer(MetDossierversie, serializers.ModelSerializer):
    class Meta:
        model = Begrotingsregel
        fields = ["id", "schooljaar", "kostensoort", "omschrijving", "bedrag", "dossierversie"]
        read_only_fields = fields


class BegrotingsregelInvoerSerializer(serializers.Serializer):
    schooljaar = serializers.IntegerField(
        help_text=gettext_lazy("Het beginjaar, bijvoorbeeld 2025.")
    )
    kostensoort = serializers.ChoiceField(choices=Kostensoort.choices)
    omschrijving = serializers.CharField(max_length=300, validators=[eenregelige_tekst])
    bedrag = serializers.DecimalField(max_digits=12, decimal_places=2)
    versie = VersieVeld()


@dossierrij_schema(
    gettext_lazy("Begroting"),
    "Begroting",
    BegrotingsregelInvoerSerializer,
    BegrotingsregelSerializer,
    schrijvers=SCHRIJVERS,
)
class BegrotingsregelViewSet(DossierrijViewSet):
    invoer_serializer = BegrotingsregelInvoerSerializer
    uitvoer_serializer = BegrotingsregelSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Begrotingsregel.objects.none()
        return Begrotingsregel.objects.filter(regio=self.regio).order_by(
            "schooljaar", "kostensoort", "id"
        )

    def bewaar(self, gegevens, rij=None):
        return sla_begrotingsregel_op(
            regio=self.regio,
            door=self.request.user,
            schooljaar=gegevens["schooljaar"],
            kostensoort=gegevens["kostensoort"],
            omschrijving=gegevens["omschrijving"],
            bedrag=gegevens["bedrag"],
            regel=rij,
            versie=gegevens["versie"],
        )

    def verwijder(self, rij, versie):
        verwijder_begrotingsregel(regel=rij, door=self.request.user, versie=versie)


# --- the dossier's documents ----------------------------------------------------------------


class DocumentSerializer(serializers.Serializer):
    soort = serializers.CharField()
    titel = serializers.CharField()
    versie = serializers.IntegerField(
        allow_null=True,
        help_text=gettext_lazy("De ingediende versie, of leeg voor het dossier nu."),
    )
    kenmerk = serializers.CharField(allow_blank=True)
    gemaakt_op = serializers.DateTimeField(allow_null=True)
    sha256 = serializers.CharField(allow_blank=True)
    download = serializers.URLField(
        help_text=gettext_lazy(
            "De download van het portaal: controleert hetzelfde recht als de pagina en komt in "
            "de audittrail. In de browser met uw sessie."
        )
    )


class DocumentenView(RegioBereik, APIView):
    """The dossier's ready documents the user may read: the agreement's signed document,
    the reports (PDF) and the decision letters. Each links to the permission-checked
    download the pages use."""

    lees_recht = "subsidie.rapport_bekijken"

    @extend_schema(
        summary=gettext_lazy("Documenten van het dossier"),
        parameters=[SLUG_PARAMETER],
        responses=DocumentSerializer(many=True),
        tags=["Documenten"],
    )
    def get(self, request, *args, **kwargs):
        regio = self.regio
        user = request.user
        documenten = []
        if mag("regios.dossier_bekijken", user, regio):
            for c in (
                Convenant.objects.filter(regio=regio)
                .exclude(document="")
                .order_by("-ingangsdatum", "id")
            ):
                documenten.append(
                    {
                        "soort": "convenant",
                        "titel": c.titel,
                        "versie": None,
                        "kenmerk": "",
                        "gemaakt_op": c.aangemaakt_op,
                        "sha256": "",
                        "download": request.build_absolute_uri(
                            reverse("regios:convenant_document", args=[regio.slug, c.pk])
                        ),
                    }
                )
        for r in (
            Rapport.objects.filter(regio=regio, status=Rapportstatus.KLAAR)
            .select_related("indiening", "besluit")
            .order_by("-klaar_op", "-id")
        ):
            if not r.bestand or not mag(rapportrecht(r.soort, r.indiening, r.besluit), user, regio):
                continue
            documenten.append(
                {
                    "soort": r.soort,
                    "titel": str(r.titel),
                    "versie": r.indiening.versie if r.indiening_id else None,
                    "kenmerk": r.besluit.kenmerk if r.besluit_id else "",
                    "gemaakt_op": r.klaar_op,
                    "sha256": r.sha256 or "",
                    "download": request.build_absolute_uri(
                        reverse("subsidie:rapport_download", args=[regio.slug, r.pk])
                    ),
                }
            )
        return Response(DocumentSerializer(documenten, many=True).data)


# --- the review and decisions (ministry staff) ----------------------------------------------


class IndieningSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indiening
        fields = ["versie", "ingediend_op", "maximale_subsidie", "cofinanciering", "begroting"]


class ScoreSerializer(serializers.ModelSerializer):
    criterium = serializers.CharField(source="criterium.code")
    criterium_naam = serializers.CharField(source="criterium.naam")
    maximale_score = serializers.IntegerField(source="criterium.maximale_score")

    class Meta:
        model = Criteriumscore
        fields = ["criterium", "criterium_naam", "score", "maximale_score", "motivering"]


class AanvullingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Aanvullingsverzoek
        fields = ["vragen", "gesteld_op", "antwoord", "beantwoord_op"]


class BesluitSerializer(serializers.ModelSerializer):
    regio = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    penvoerder = serializers.CharField(source="adressaat.naam", default="", read_only=True)
    corrigeert = serializers.SlugRelatedField(slug_field="kenmerk", read_only=True)

    class Meta:
        model = Besluit
        fields = [
            "kenmerk",
            "regio",
            "status",
            "uitkomst",
            "bedrag",
            "penvoerder",
            "genomen_op",
            "verstuurd_op",
            "bezwaar_tot",
            "corrigeert",
            "motivering",
        ]


class BeoordelingSerializer(serializers.Serializer):
    regio = serializers.CharField()
    status = serializers.CharField()
    beoordelaar = serializers.CharField(allow_blank=True)
    toegewezen_op = serializers.DateTimeField(allow_null=True)
    beoordeeld_op = serializers.DateTimeField(allow_null=True)
    beoordeelde_versie = serializers.IntegerField(allow_null=True)
    eindoordeel = serializers.CharField(allow_blank=True)
    totaalscore = serializers.IntegerField(allow_null=True)
    scores = ScoreSerializer(many=True)
    indieningen = IndieningSerializer(many=True)
    aanvullingsverzoeken = AanvullingSerializer(many=True)
    besluiten = BesluitSerializer(many=True)


class BeoordelingView(APIView):
    """The state of the review of one dossier: reviewer, scores, questions and decisions
    (drafts too). Ministry staff only, as the review pages."""

    permission_classes = [MINISTERIE]

    @extend_schema(
        summary=gettext_lazy("Stand van de beoordeling en besluiten"),
        parameters=[SLUG_PARAMETER],
        responses=BeoordelingSerializer,
        tags=["Beoordeling"],
    )
    def get(self, request, slug: str):
        regio = get_object_or_404(Regio, slug=slug)
        beoordeling = (
            Beoordeling.objects.filter(regio=regio)
            .select_related("beoordelaar", "indiening")
            .prefetch_related(
                Prefetch("scores", queryset=Criteriumscore.objects.select_related("criterium"))
            )
            .first()
        )
        scores = list(beoordeling.scores.all()) if beoordeling else []
        gegevens = {
            "regio": regio.slug,
            "status": regio.status,
            "beoordelaar": str(beoordeling.beoordelaar)
            if beoordeling and beoordeling.beoordelaar
            else "",
            "toegewezen_op": beoordeling.toegewezen_op if beoordeling else None,
            "beoordeeld_op": beoordeling.beoordeeld_op if beoordeling else None,
            "beoordeelde_versie": beoordeling.indiening.versie
            if beoordeling and beoordeling.indiening
            else None,
            "eindoordeel": beoordeling.eindoordeel if beoordeling else "",
            "totaalscore": sum(s.score for s in scores)
            if beoordeling and beoordeling.beoordeeld_op
            else None,
            "scores": scores,
            "indieningen": regio.indieningen.order_by("versie"),
            "aanvullingsverzoeken": regio.aanvullingsverzoeken.order_by("gesteld_op", "id"),
            "besluiten": Besluit.objects.filter(regio=regio)
            .select_related("regio", "adressaat", "corrigeert")
            .order_by("genomen_op", "id"),
        }
        return Response(BeoordelingSerializer(gegevens).data)


# --- the review queue (ministry staff) -------------------------------------------------------


class GeldendBesluitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Besluit
        fields = ["kenmerk", "uitkomst", "bedrag", "verstuurd_op"]


class WachtrijSerializer(serializers.ModelSerializer):
    tijdvak = serializers.CharField(source="tijdvak.code", read_only=True)
    provincies = serializers.SlugRelatedField(slug_field="naam", many=True, read_only=True)
    laatste_versie = serializers.IntegerField(read_only=True)
    laatst_ingediend_op = serializers.DateTimeField(read_only=True)
    laatste_maximale_subsidie = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True
    )
    heeft_open_vragen = serializers.BooleanField(read_only=True)
    beoordelaar = serializers.SerializerMethodField()
    besluit = serializers.SerializerMethodField()

    class Meta:
        model = Regio
        fields = [
            "slug",
            "naam",
            "tijdvak",
            "status",
            "provincies",
            "laatste_versie",
            "laatst_ingediend_op",
            "laatste_maximale_subsidie",
            "heeft_open_vragen",
            "beoordelaar",
            "besluit",
        ]

    def get_beoordelaar(self, regio) -> str:
        beoordeling = getattr(regio, "beoordeling", None)
        return str(beoordeling.beoordelaar) if beoordeling and beoordeling.beoordelaar else ""

    @extend_schema_field(GeldendBesluitSerializer(allow_null=True))
    def get_besluit(self, regio):
        besluit = next(iter(regio.geldende_besluiten), None)
        return GeldendBesluitSerializer(besluit).data if besluit else None


@extend_schema_view(
    get=extend_schema(
        summary=gettext_lazy("Wachtrij van de beoordeling"),
        description=gettext_lazy(
            "De ingediende dossiers van een tijdvak (standaard het tijdvak waarvoor aanvragen "
            "open staan), met dezelfde filters en sortering als de pagina Beoordelen. Alleen "
            "voor medewerkers van het ministerie."
        ),
        tags=["Beoordeling"],
    )
)
class WachtrijView(generics.ListAPIView):
    permission_classes = [MINISTERIE]
    serializer_class = WachtrijSerializer
    # The queue page's FilterSet (/ministerie/beoordelen/).
    filterset_class = WachtrijFilter
    queryset = Regio.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Regio.objects.none()
        tijdvak_id = self.request.query_params.get("tijdvak")
        tijdvak = (
            Tijdvak.objects.filter(pk=tijdvak_id).first()
            if tijdvak_id and tijdvak_id.isdigit()
            else None
        ) or standaard_tijdvak()
        if tijdvak is None:
            return Regio.objects.none()
        return beoordelingswachtrij(tijdvak=tijdvak).select_related("tijdvak")


# --- open data: the decisions in force ------------------------------------------------------


class OpenBesluitSerializer(serializers.Serializer):
    tijdvak = serializers.CharField(source="regio.tijdvak.code")
    regio = serializers.CharField(source="regio.naam")
    penvoerder = serializers.CharField(
        source="adressaat.naam",
        default="",
        help_text=gettext_lazy("De organisatie die de subsidie ontvangt."),
    )
    uitkomst = serializers.CharField()
    bedrag = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    datum = serializers.SerializerMethodField(help_text=gettext_lazy("De dag van verzending."))
    kenmerk = serializers.CharField(help_text=gettext_lazy("Het kenmerk van de beschikking."))

    def get_datum(self, besluit) -> str:
        return timezone.localdate(besluit.verstuurd_op).isoformat()


class OpenBesluitFilter(django_filters.FilterSet):
    tijdvak = django_filters.CharFilter(
        field_name="regio__tijdvak__code", label=gettext_lazy("Code van het tijdvak")
    )
    uitkomst = django_filters.ChoiceFilter(
        choices=Besluit._meta.get_field("uitkomst").choices, label=gettext_lazy("Uitkomst")
    )

    class Meta:
        model = Besluit
        fields = ["tijdvak", "uitkomst"]


def besluiten_in_werking():
    """Sent decisions that no sent correction replaced, with nothing of a person."""
    return (
        Besluit.objects.geldend()
        .select_related("regio__tijdvak", "adressaat")
        .only(
            "kenmerk",
            "uitkomst",
            "bedrag",
            "verstuurd_op",
            "regio__naam",
            "regio__tijdvak__code",
            "adressaat__naam",
        )
        .order_by("regio__tijdvak__startdatum", "regio__naam", "kenmerk")
    )


@extend_schema_view(
    get=extend_schema(
        summary=gettext_lazy("Besluiten (open data)"),
        description=gettext_lazy(
            "Alle subsidiebesluiten die gelden: verstuurd en niet vervangen door een correctie. "
            "Per besluit de regio, de penvoerder, de uitkomst, het bedrag, de dag van verzending "
            "en het kenmerk van de beschikking; geen persoonsgegevens. Openbaar, ook als CSV "
            "(besluiten.csv)."
        ),
        tags=["Open data"],
    )
)
class OpenBesluitenView(generics.ListAPIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    serializer_class = OpenBesluitSerializer
    filterset_class = OpenBesluitFilter

    def get_queryset(self):
        return besluiten_in_werking()


CSV_KOLOMMEN = ["tijdvak", "regio", "penvoerder", "uitkomst", "bedrag", "datum", "kenmerk"]


class OpenBesluitenCsvView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        summary=gettext_lazy("Besluiten (open data) als CSV"),
        description=gettext_lazy(
            "Dezelfde besluiten als CSV, zoals elke export van het portaal: UTF-8 met BOM, "
            "puntkomma's, bedragen met een decimale komma; met dezelfde filters."
        ),
        parameters=[
            OpenApiParameter("tijdvak", str, description=gettext_lazy("Code van het tijdvak")),
            OpenApiParameter("uitkomst", str, enum=["toekennen", "afwijzen"]),
        ],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR)},
        tags=["Open data"],
    )
    def get(self, request):
        filter_ = OpenBesluitFilter(request.query_params, queryset=besluiten_in_werking())
        if not filter_.is_valid():
            return Response(filter_.errors, status=400)
        # Through the portal's export helper, as every CSV: text that could start a formula
        # is neutralised, amounts stay numbers.
        return csv_antwoord(
            kolommen=CSV_KOLOMMEN,
            rijen=(
                [
                    b.regio.tijdvak.code,
                    b.regio.naam,
                    b.adressaat.naam if b.adressaat else "",
                    b.uitkomst,
                    b.bedrag,
                    timezone.localdate(b.verstuurd_op),
                    b.kenmerk,
                ]
                for b in filter_.qs
            ),
            bestandsnaam="besluiten.csv",
        )


router = SimpleRouter()
router.register("regios", RegioViewSet, basename="regio")
router.register(f"{REGIO_PAD}/cofinancieringen", CofinancieringViewSet, basename="cofinanciering")
router.register(f"{REGIO_PAD}/begrotingsregels", BegrotingsregelViewSet, basename="begrotingsregel")

urlpatterns = [
    path("", include(router.urls)),
    path("regios/<slug:slug>/berekening/", BerekeningView.as_view(), name="berekening"),
    path("regios/<slug:slug>/documenten/", DocumentenView.as_view(), name="documenten"),
    path("regios/<slug:slug>/beoordeling/", BeoordelingView.as_view(), name="beoordeling"),
    path("wachtrij/", WachtrijView.as_view(), name="wachtrij"),
    path("open-data/besluiten/", OpenBesluitenView.as_view(), name="open_besluiten"),
    path("open-data/besluiten.csv", OpenBesluitenCsvView.as_view(), name="open_besluiten_csv"),
]
