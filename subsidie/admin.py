from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Aanvullingsverzoek,
    Begrotingsregel,
    Beoordeling,
    Beoordelingscriterium,
    Besluit,
    Cofinanciering,
    Criteriumscore,
    Indiening,
    Regeling,
)


@admin.register(Regeling)
class RegelingAdmin(admin.ModelAdmin):
    list_display = [
        "tijdvak",
        "bedrag_per_vestiging",
        "bedrag_per_leerling",
        "minimum_po_vestigingen",
        "minimum_vo_vestigingen",
        "cofinanciering_percentage",
        "cofinanciering_grondslag",
    ]
    list_select_related = ["tijdvak"]
    fieldsets = [
        (None, {"fields": ["tijdvak"]}),
        (_("Bedragen"), {"fields": ["bedrag_per_vestiging", "bedrag_per_leerling"]}),
        (
            _("Omvang van het partnerschap"),
            {"fields": ["minimum_po_vestigingen", "minimum_vo_vestigingen"]},
        ),
        (
            _("Cofinanciering"),
            {
                "fields": [
                    "cofinanciering_percentage",
                    "cofinanciering_grondslag",
                    "cofinanciering_toelichting",
                ]
            },
        ),
        (
            _("Wat telt mee"),
            {
                "fields": [
                    "tellende_schoolsoorten",
                    "tellende_leerwegen",
                    "peildatum_leerlingen",
                    "peildatum_toelichting",
                ]
            },
        ),
    ]


@admin.register(Cofinanciering)
class CofinancieringAdmin(admin.ModelAdmin):
    list_display = ["organisatie", "regio", "schooljaar", "soort", "omschrijving", "waarde"]
    list_filter = ["soort", "schooljaar", "regio__tijdvak"]
    search_fields = ["organisatie__naam", "regio__naam", "omschrijving"]
    list_select_related = ["organisatie", "regio"]
    autocomplete_fields = ["organisatie", "regio"]

    @admin.display(description=_("waarde"))
    def waarde(self, obj):
        return obj.waarde


@admin.register(Begrotingsregel)
class BegrotingsregelAdmin(admin.ModelAdmin):
    list_display = ["regio", "schooljaar", "kostensoort", "omschrijving", "bedrag"]
    list_filter = ["kostensoort", "schooljaar", "regio__tijdvak"]
    search_fields = ["regio__naam", "omschrijving"]
    list_select_related = ["regio"]
    autocomplete_fields = ["regio"]


@admin.register(Indiening)
class IndieningAdmin(admin.ModelAdmin):
    """Submissions are frozen: they can be read here, never changed."""

    list_display = ["regio", "versie", "ingediend_op", "ingediend_door", "maximale_subsidie"]
    list_filter = ["regio__tijdvak"]
    search_fields = ["regio__naam"]
    list_select_related = ["regio", "ingediend_door"]
    readonly_fields = [f.name for f in Indiening._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Beoordelingscriterium)
class BeoordelingscriteriumAdmin(admin.ModelAdmin):
    list_display = ["naam", "tijdvak", "code", "volgorde", "maximale_score"]
    list_filter = ["tijdvak"]
    search_fields = ["naam", "code", "toelichting"]
    list_select_related = ["tijdvak"]
    ordering = ["tijdvak", "volgorde"]


class AlleenLezen(admin.ModelAdmin):
    """Review records change only through the review services (with their audit trail);
    the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CriteriumscoreInline(admin.TabularInline):
    model = Criteriumscore
    extra = 0
    readonly_fields = ["criterium", "score", "motivering"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Beoordeling)
class BeoordelingAdmin(AlleenLezen):
    list_display = ["regio", "beoordelaar", "toegewezen_op", "beoordeeld_op"]
    list_select_related = ["regio", "beoordelaar"]
    search_fields = ["regio__naam"]
    inlines = [CriteriumscoreInline]


@admin.register(Aanvullingsverzoek)
class AanvullingsverzoekAdmin(AlleenLezen):
    list_display = ["regio", "gesteld_op", "gesteld_door", "beantwoord_op"]
    list_select_related = ["regio", "gesteld_door"]
    search_fields = ["regio__naam", "vragen", "antwoord"]


@admin.register(Besluit)
class BesluitAdmin(AlleenLezen):
    list_display = ["regio", "uitkomst", "bedrag", "genomen_door", "genomen_op"]
    list_filter = ["uitkomst", "regio__tijdvak"]
    list_select_related = ["regio", "genomen_door"]
    search_fields = ["regio__naam"]
