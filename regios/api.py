"""The API of the regions app: periods, the organisations a user may see, and who takes
part in a region (read, add, end), written through the same services as the pages.

Resources of one region live under ``/regios/<slug>/``; the region is loaded once and read
with the pages' permission (``regios.dossier_bekijken``): an outsider gets 404, as on the
pages. Writes go through :mod:`regios.services`, which check ``regios.dossier_bewerken``,
the dossier's state and the version the client read."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from ecosysteem.api.rechten import eis_recht
from ecosysteem.formulieren import eenregelige_tekst, meerregelige_tekst
from ecosysteem.rechten import is_beheeraccount
from partners.api import OrganisatieFilter, OrganisatieSerializer
from partners.models import Organisatie, Organisatiesoort, Schoolsoort, Vestiging

from .models import LOPENDE_DEELNAME, Deelname, Deelnamestatus, Regio, Tijdvak
from .rules import LEZENDE_ROLLEN, is_ministerie, regiorollen
from .services import beeindig_deelname, voeg_organisatie_toe, voeg_vestiging_toe
from .views.kaart import lees_kaart

REGIO_PAD = r"regios/(?P<slug>[-a-zA-Z0-9_]+)"
SLUG_PARAMETER = OpenApiParameter(
    "slug", str, OpenApiParameter.PATH, description=gettext_lazy("De korte naam van de regio.")
)


# --- who sees what ------------------------------------------------------------------------


def ziet_alle_regios(user) -> bool:
    """Ministry staff and administrators read every region's figures (the ministry's
    overview); others only the regions whose dossier they read."""
    return bool(is_ministerie(user) or is_beheeraccount(user))


def lezende_regio_ids(user) -> list[int]:
    """The regions whose dossier ``user`` reads (``regios.dossier_bekijken`` without the
    administrator's exception), from the roles cached for the request: no extra query."""
    return [regio_id for regio_id, soorten in regiorollen(user).items() if LEZENDE_ROLLEN & soorten]


class RegioBereik:
    """A resource of one region, ``.../regios/<slug>/...``: the region, read with the
    pages' permission; outsiders are told it does not exist."""

    lees_recht = "regios.dossier_bekijken"

    @cached_property
    def regio(self) -> Regio:
        regio = get_object_or_404(Regio.objects.select_related("tijdvak"), slug=self.kwargs["slug"])
        eis_recht(self.lees_recht, self.request.user, regio, verberg=True)
        return regio

    schrijf_recht = "regios.dossier_beheren"

    def eis_schrijfrecht(self) -> None:
        """Who may write at all, before the input is read: the pages' permission for who
        manages the dossier (403 with its reason). The service then checks it again with
        the dossier's state and version."""
        eis_recht(self.schrijf_recht, self.request.user, self.regio, verberg=False)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "slug" in self.kwargs and not getattr(self, "swagger_fake_view", False):
            context["regio"] = self.regio
        return context


# --- periods ------------------------------------------------------------------------------


class TijdvakSerializer(serializers.ModelSerializer):
    schooljaren = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Tijdvak
        fields = [
            "code",
            "naam",
            "eerste_schooljaar",
            "aantal_schooljaren",
            "schooljaren",
            "startdatum",
            "einddatum",
            "aanvragen_open",
        ]


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Tijdvakken"), tags=["Tijdvakken"]),
    retrieve=extend_schema(summary=gettext_lazy("Eén tijdvak"), tags=["Tijdvakken"]),
)
class TijdvakViewSet(viewsets.ReadOnlyModelViewSet):
    """The subsidy periods, each with its school years. Public."""

    permission_classes = [AllowAny]
    serializer_class = TijdvakSerializer
    lookup_field = "code"
    queryset = Tijdvak.objects.order_by("startdatum", "id")


# --- organisations ------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Organisaties"),
        description=gettext_lazy(
            "Medewerkers van het ministerie zien alle organisaties; anderen de organisaties "
            "die meedoen in de regio's waarvan zij het dossier lezen, en hun eigen organisatie."
        ),
        tags=["Organisaties"],
    ),
    retrieve=extend_schema(summary=gettext_lazy("Eén organisatie"), tags=["Organisaties"]),
)
class OrganisatieViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisatieSerializer
    filterset_class = OrganisatieFilter

    queryset = Organisatie.objects.none()

    def get_queryset(self):
        user = self.request.user
        queryset = Organisatie.objects.order_by("naam", "id")
        if getattr(self, "swagger_fake_view", False):
            return queryset
        if ziet_alle_regios(user):
            return queryset
        eigen = Q(contactpersonen__gebruiker=user) | Q(
            deelnames__in=Deelname.objects.filter(
                LOPENDE_DEELNAME, regio_id__in=lezende_regio_ids(user)
            )
        )
        return queryset.filter(pk__in=Organisatie.objects.filter(eigen).values("pk"))


# --- participations -----------------------------------------------------------------------


class DeelnameFilter(django_filters.FilterSet):
    """The filters of a region's participants, for the API and the pages alike."""

    deelnemer = django_filters.ChoiceFilter(
        label=gettext_lazy("Soort deelnemer"),
        choices=[
            ("vestiging", gettext_lazy("schoolvestiging")),
            ("organisatie", gettext_lazy("organisatie")),
        ],
        method="filter_deelnemer",
    )
    lopend = django_filters.BooleanFilter(
        label=gettext_lazy("Alleen lopende deelnames"), method="filter_lopend"
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Deelnamestatus.choices
    )
    soort = django_filters.ChoiceFilter(
        label=gettext_lazy("Soort partner"),
        field_name="organisatie__soort",
        choices=Organisatiesoort.choices,
    )
    schooltype = django_filters.ChoiceFilter(
        label=gettext_lazy("Soort school"),
        field_name="vestiging__schoolsoort",
        choices=Schoolsoort.choices,
    )
    is_penvoerder = django_filters.BooleanFilter(label=gettext_lazy("Penvoerder"))

    class Meta:
        model = Deelname
        fields = ["deelnemer", "lopend", "status", "soort", "schooltype", "is_penvoerder"]

    def filter_deelnemer(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False})

    def filter_lopend(self, queryset, name, value):
        return queryset.filter(LOPENDE_DEELNAME) if value else queryset.exclude(LOPENDE_DEELNAME)


class DeelnemendeVestigingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vestiging
        fields = ["vestigingscode", "naam", "schoolsoort", "sector", "plaats", "leerlingen"]


class DeelnemendeOrganisatieSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisatie
        fields = ["id", "naam", "soort", "plaats"]


class MetDossierversie(serializers.Serializer):
    """Adds the dossier's current version: what to send with the next write."""

    dossierversie = serializers.SerializerMethodField(
        help_text=gettext_lazy("De huidige versie van het dossier; geef die mee bij een wijziging.")
    )

    def get_dossierversie(self, obj) -> int:
        return self.context["regio"].versie


class DeelnameSerializer(MetDossierversie, serializers.ModelSerializer):
    vestiging = DeelnemendeVestigingSerializer(read_only=True, allow_null=True)
    organisatie = DeelnemendeOrganisatieSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Deelname
        fields = [
            "id",
            "vestiging",
            "organisatie",
            "status",
            "is_penvoerder",
            "startdatum",
            "einddatum",
            "toelichting",
            "opgegeven_leerlingen",
            "dossierversie",
        ]
        read_only_fields = fields


class VersieVeld(serializers.IntegerField):
    """The dossier's version the client read; a write on an older one is refused (409)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "De versie van het dossier die u het laatst las (dossierversie). Is het dossier "
                "sindsdien gewijzigd, dan wordt de wijziging geweigerd (409)."
            ),
        )
        super().__init__(min_value=1, **kwargs)


class DeelnameToevoegenSerializer(serializers.Serializer):
    vestigingscode = serializers.CharField(
        required=False,
        max_length=6,
        validators=[eenregelige_tekst],
        help_text=gettext_lazy("Een schoolvestiging uit het register; of geef een organisatie."),
    )
    organisatie = serializers.IntegerField(
        required=False, help_text=gettext_lazy("Het id van een organisatie (partner).")
    )
    is_penvoerder = serializers.BooleanField(required=False, default=False)
    startdatum = serializers.DateField(required=False, allow_null=True, default=None)
    toelichting = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        validators=[meerregelige_tekst],
    )
    versie = VersieVeld()

    def validate(self, data):
        vestigingscode = data.get("vestigingscode")
        organisatie = data.get("organisatie")
        if bool(vestigingscode) == (organisatie is not None):
            raise serializers.ValidationError(
                _("Geef een vestigingscode of een organisatie (één van beide).")
            )
        if vestigingscode:
            vestiging = Vestiging.objects.filter(vestigingscode=vestigingscode.upper()).first()
            if vestiging is None:
                raise serializers.ValidationError(
                    {"vestigingscode": _("Deze vestigingscode staat niet in het scholenregister.")}
                )
            if data.get("is_penvoerder"):
                raise serializers.ValidationError(
                    {"is_penvoerder": _("De penvoerder is een organisatie, geen schoolvestiging.")}
                )
            data["vestiging"] = vestiging
        else:
            gevonden = Organisatie.objects.filter(pk=organisatie).first()
            if gevonden is None:
                raise serializers.ValidationError(
                    {"organisatie": _("Deze organisatie bestaat niet.")}
                )
            data["organisatie"] = gevonden
        return data


class BeeindigenSerializer(serializers.Serializer):
    einddatum = serializers.DateField(required=False, allow_null=True, default=None)
    reden = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        validators=[meerregelige_tekst],
    )
    versie = VersieVeld()


class SchrijfantwoordSerializer(serializers.Serializer):
    """What a write answers: the row as stored and the dossier's new version."""

    dossierversie = serializers.IntegerField()


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Deelnemers van een regio"),
        description=gettext_lazy(
            "De schoolvestigingen en organisaties die meedoen (of meededen) in de regio. Voor "
            "wie het dossier leest: de programmamanager, projectleiders en de stuurgroep."
        ),
        parameters=[SLUG_PARAMETER],
        tags=["Deelnemers"],
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("Eén deelname"), parameters=[SLUG_PARAMETER], tags=["Deelnemers"]
    ),
    create=extend_schema(
        summary=gettext_lazy("Vestiging of organisatie toevoegen"),
        description=gettext_lazy(
            "Voegt een schoolvestiging (vestigingscode) of een organisatie (id) toe aan de "
            "regio, zoals de pagina's Vestigingen en Partners. Alleen de programmamanager, "
            "zolang het dossier bewerkbaar is."
        ),
        parameters=[SLUG_PARAMETER],
        request=DeelnameToevoegenSerializer,
        responses={201: DeelnameSerializer},
        tags=["Deelnemers"],
    ),
    beeindigen=extend_schema(
        summary=gettext_lazy("Deelname beëindigen"),
        description=gettext_lazy(
            "Beëindigt de deelname per de einddatum (standaard vandaag). De penvoerder kan pas "
            "weg als een ander penvoerder is."
        ),
        parameters=[SLUG_PARAMETER],
        request=BeeindigenSerializer,
        responses={200: DeelnameSerializer},
        tags=["Deelnemers"],
    ),
)
class DeelnameViewSet(RegioBereik, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = DeelnameSerializer
    filterset_class = DeelnameFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Deelname.objects.none()
        return (
            Deelname.objects.filter(regio=self.regio)
            .select_related("vestiging", "organisatie")
            .order_by("-is_penvoerder", "vestiging__naam", "organisatie__naam", "id")
        )

    def get_serializer_class(self):
        if self.action == "create":
            return DeelnameToevoegenSerializer
        if self.action == "beeindigen":
            return BeeindigenSerializer
        return DeelnameSerializer

    def create(self, request, *args, **kwargs):
        self.eis_schrijfrecht()
        invoer = self.get_serializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = invoer.validated_data
        regio = self.regio
        if "vestiging" in gegevens:
            deelname = voeg_vestiging_toe(
                regio=regio,
                vestiging=gegevens["vestiging"],
                door=request.user,
                startdatum=gegevens["startdatum"],
                toelichting=gegevens["toelichting"],
                versie=gegevens["versie"],
            )
        else:
            deelname = voeg_organisatie_toe(
                regio=regio,
                organisatie=gegevens["organisatie"],
                door=request.user,
                is_penvoerder=gegevens["is_penvoerder"],
                startdatum=gegevens["startdatum"],
                toelichting=gegevens["toelichting"],
                versie=gegevens["versie"],
            )
        deelname.refresh_from_db()
        regio.refresh_from_db(fields=["versie"])
        return Response(
            DeelnameSerializer(deelname, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @action(detail=True, methods=["post"])
    def beeindigen(self, request, *args, **kwargs):
        deelname = self.get_object()
        self.eis_schrijfrecht()
        invoer = self.get_serializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = invoer.validated_data
        # A refusal of the service (its Django ValidationError or PermissionDenied) is
        # answered by ecosysteem.api.fouten with the service's own messages.
        deelname = beeindig_deelname(
            deelname=deelname,
            door=request.user,
            einddatum=gegevens["einddatum"],
            reden=gegevens["reden"],
            versie=gegevens["versie"],
        )
        self.regio.refresh_from_db(fields=["versie"])
        return Response(DeelnameSerializer(deelname, context=self.get_serializer_context()).data)


# --- the network map (public) ---------------------------------------------------------------


class NetwerkdeelnemerSerializer(serializers.Serializer):
    deelnemer = serializers.ChoiceField(choices=["vestiging", "organisatie"])
    naam = serializers.CharField()
    soort = serializers.CharField()
    soort_naam = serializers.CharField()
    plaats = serializers.CharField(allow_blank=True)
    breedtegraad = serializers.FloatField(allow_null=True)
    lengtegraad = serializers.FloatField(allow_null=True)
    locatie_benaderd = serializers.BooleanField(
        help_text=gettext_lazy("De plek is het midden van de vestigingen in de gemeente.")
    )
    vestigingscode = serializers.CharField(allow_blank=True)
    leerlingen = serializers.IntegerField(allow_null=True)


class NetwerkregioSerializer(serializers.Serializer):
    naam = serializers.CharField()
    slug = serializers.CharField()
    kleur = serializers.CharField()
    leerlingen = serializers.IntegerField()
    vestigingen = NetwerkdeelnemerSerializer(many=True)
    partners = NetwerkdeelnemerSerializer(many=True)


class NetwerkSerializer(serializers.Serializer):
    tijdvak = serializers.CharField(source="tijdvak.code", allow_null=True)
    regios = NetwerkregioSerializer(many=True)


class NetwerkView(APIView):
    """The network map's data: the regions of a period with their branches and partners,
    filtered by the map's own FilterSet (``regios.filters.NetwerkFilter``). Public, and
    only what the map shows: names, places, kinds, register codes and pupil counts."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        summary=gettext_lazy("Netwerk van een tijdvak (de netwerkkaart)"),
        parameters=[
            OpenApiParameter("tijdvak", str, description=gettext_lazy("Code van het tijdvak.")),
            OpenApiParameter("regio", str, description=gettext_lazy("Korte naam van een regio.")),
            OpenApiParameter(
                "soort",
                str,
                enum=Organisatiesoort.values,
                description=gettext_lazy("Soort partner."),
            ),
            OpenApiParameter(
                "schooltype",
                str,
                enum=[c for c in Schoolsoort.values if c != Schoolsoort.ONBEKEND],
                description=gettext_lazy("Soort school."),
            ),
        ],
        responses=NetwerkSerializer,
        tags=["Netwerkkaart"],
    )
    def get(self, request):
        filters, netwerk = lees_kaart(request)
        if filters.is_bound and filters.form.errors:
            return Response(filters.form.errors, status=status.HTTP_400_BAD_REQUEST)
        return Response(NetwerkSerializer(netwerk).data)


router = SimpleRouter()
router.register("tijdvakken", TijdvakViewSet, basename="tijdvak")
router.register("organisaties", OrganisatieViewSet, basename="organisatie")
router.register(f"{REGIO_PAD}/deelnames", DeelnameViewSet, basename="deelname")

urlpatterns = [
    path("", include(router.urls)),
    path("netwerk/", NetwerkView.as_view(), name="netwerk"),
]


# --- rows of a dossier written through a service (used by the apps above) ------------------


class VersieParameterSerializer(serializers.Serializer):
    versie = VersieVeld()


VERSIE_PARAMETER = OpenApiParameter(
    "versie",
    int,
    OpenApiParameter.QUERY,
    required=True,
    description=gettext_lazy("De versie van het dossier die u het laatst las (dossierversie)."),
)


class DossierrijViewSet(RegioBereik, viewsets.ModelViewSet):
    """Rows of a region's dossier (pledges, budget lines, activities): read by the dossier's
    readers, written only through the app's service, which checks permission, state and
    version, audits and raises the version. ``bewaar`` and ``verwijder`` call it.
    ``invoer_serializer`` checks the shape of the input; the service checks the rest."""

    http_method_names = ["get", "post", "put", "delete", "head", "options"]
    invoer_serializer: type[serializers.Serializer]
    uitvoer_serializer: type[serializers.Serializer]

    def get_serializer_class(self):
        if self.action in ("create", "update"):
            return self.invoer_serializer
        return self.uitvoer_serializer

    def bewaar(self, gegevens: dict, rij=None):
        raise NotImplementedError

    def verwijder(self, rij, versie: int) -> None:
        raise NotImplementedError

    def antwoord(self, rij, status_code=status.HTTP_200_OK):
        self.regio.refresh_from_db(fields=["versie"])
        return Response(
            self.uitvoer_serializer(rij, context=self.get_serializer_context()).data,
            status=status_code,
        )

    def create(self, request, *args, **kwargs):
        self.eis_schrijfrecht()
        invoer = self.get_serializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        return self.antwoord(self.bewaar(invoer.validated_data), status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        rij = self.get_object()
        self.eis_schrijfrecht()
        invoer = self.get_serializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        return self.antwoord(self.bewaar(invoer.validated_data, rij))

    def destroy(self, request, *args, **kwargs):
        rij = self.get_object()
        self.eis_schrijfrecht()
        invoer = VersieParameterSerializer(data=request.query_params)
        invoer.is_valid(raise_exception=True)
        self.verwijder(rij, invoer.validated_data["versie"])
        self.regio.refresh_from_db(fields=["versie"])
        return Response({"dossierversie": self.regio.versie})


def dossierrij_schema(onderwerp: str, tag: str, invoer, uitvoer, *, schrijvers: str):
    """The schema's texts for a :class:`DossierrijViewSet` (Dutch, per resource)."""
    return extend_schema_view(
        list=extend_schema(
            summary=gettext_lazy("%(onderwerp)s van een regio") % {"onderwerp": onderwerp},
            parameters=[SLUG_PARAMETER],
            tags=[tag],
        ),
        retrieve=extend_schema(parameters=[SLUG_PARAMETER], tags=[tag]),
        create=extend_schema(
            summary=gettext_lazy("Toevoegen"),
            description=schrijvers,
            parameters=[SLUG_PARAMETER],
            request=invoer,
            responses={201: uitvoer},
            tags=[tag],
        ),
        update=extend_schema(
            summary=gettext_lazy("Wijzigen"),
            description=schrijvers,
            parameters=[SLUG_PARAMETER],
            request=invoer,
            responses={200: uitvoer},
            tags=[tag],
        ),
        destroy=extend_schema(
            summary=gettext_lazy("Verwijderen"),
            description=schrijvers,
            parameters=[SLUG_PARAMETER, VERSIE_PARAMETER],
            responses={200: SchrijfantwoordSerializer},
            tags=[tag],
        ),
    )
