"""Administration of the regulation, the dossiers' pledges and budget lines, the assessment
criteria, and (read only) submissions, reviews and decisions.

Every save goes through a service, like the pages: pledges and budget lines through the
dossier's own services (audited, refused on a frozen dossier, the version raised), the
regulation and the criteria through :mod:`subsidie.services.regeling` (audited, refused once
they would change what was submitted or assessed). A refusal shows on the form; nothing is
written.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ecosysteem.admin import DienstAdmin, model_velden, neem_over
from ecosysteem.formulieren import ModelFormulier
from regios.admin import dossier_open
from regios.services import controleer_dossier_open

from . import services
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
from .services import regeling as services_regeling


class RegelingForm(ModelFormulier):
    class Meta:
        model = Regeling
        fields = ["tijdvak", *services_regeling.REGELING_VELDEN, *services_regeling.BRIEF_VELDEN]

    def clean(self):
        schoon = super().clean()
        tijdvak = schoon.get("tijdvak") or getattr(self.instance, "tijdvak", None)
        # Only the numbers are fixed once a region applied (compared as values, like the
        # service does); the letter's texts may change.
        getallen = [
            veld
            for veld in services_regeling.REGELING_VELDEN
            if veld in schoon and schoon[veld] != getattr(self.instance, veld)
        ]
        if tijdvak is not None and (getallen or self.instance.pk is None):
            try:
                services_regeling.controleer_regeling_open(tijdvak)
            except forms.ValidationError as fout:
                self.add_error(None, fout)
        return schoon


@admin.register(Regeling)
class RegelingAdmin(DienstAdmin):
    form = RegelingForm
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
        (
            _("De beschikking"),
            {
                "description": _(
                    "De teksten van de beschikking. Ze mogen altijd veranderen: een "
                    "verstuurde beschikking bewaart haar eigen tekst."
                ),
                "fields": list(services_regeling.BRIEF_VELDEN),
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return ["tijdvak"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        # Every dossier of the period is computed with its regulation: without one, no budget
        # can be computed. Its numbers change instead, while the period allows it.
        return False

    def save_model(self, request, obj, form, change):
        velden = model_velden(form)
        if change:
            velden.pop("tijdvak", None)
            services_regeling.wijzig_regeling(regeling=obj, door=request.user, **velden)
            return
        neem_over(obj, services_regeling.maak_regeling(door=request.user, **velden))


class DossierdeelForm(ModelFormulier):
    """A row of a region's dossier: refused up front while the dossier is frozen."""

    def clean(self):
        schoon = super().clean()
        dossier_open(self, schoon.get("regio") or getattr(self.instance, "regio", None))
        return schoon


class CofinancieringForm(DossierdeelForm):
    class Meta:
        model = Cofinanciering
        fields = [
            "regio",
            "organisatie",
            "schooljaar",
            "soort",
            "omschrijving",
            "bedrag",
            "uren",
            "uurtarief",
        ]


class DossierdeelAdmin(DienstAdmin):
    """Rows of a region's dossier; they stay with their region."""

    def get_readonly_fields(self, request, obj=None):
        return ["regio"] if obj is not None else []


@admin.register(Cofinanciering)
class CofinancieringAdmin(DossierdeelAdmin):
    form = CofinancieringForm
    list_display = ["organisatie", "regio", "schooljaar", "soort", "omschrijving", "waarde"]
    list_filter = ["soort", "schooljaar", "regio__tijdvak"]
    search_fields = ["organisatie__naam", "regio__naam", "omschrijving"]
    list_select_related = ["organisatie", "regio"]
    autocomplete_fields = ["organisatie", "regio"]

    @admin.display(description=_("waarde"))
    def waarde(self, obj):
        return obj.waarde

    def save_model(self, request, obj, form, change):
        schoon = form.cleaned_data
        rij = services.sla_cofinanciering_op(
            regio=obj.regio,
            door=request.user,
            organisatie=schoon["organisatie"],
            schooljaar=schoon["schooljaar"],
            soort=schoon["soort"],
            omschrijving=schoon["omschrijving"],
            bedrag=schoon.get("bedrag"),
            uren=schoon.get("uren"),
            uurtarief=schoon.get("uurtarief"),
            cofinanciering=obj if change else None,
        )
        neem_over(obj, rij)

    def delete_model(self, request, obj):
        controleer_dossier_open(obj.regio)
        services.verwijder_cofinanciering(cofinanciering=obj, door=request.user)


class BegrotingsregelForm(DossierdeelForm):
    class Meta:
        model = Begrotingsregel
        fields = ["regio", "schooljaar", "kostensoort", "omschrijving", "bedrag"]


@admin.register(Begrotingsregel)
class BegrotingsregelAdmin(DossierdeelAdmin):
    form = BegrotingsregelForm
    list_display = ["regio", "schooljaar", "kostensoort", "omschrijving", "bedrag"]
    list_filter = ["kostensoort", "schooljaar", "regio__tijdvak"]
    search_fields = ["regio__naam", "omschrijving"]
    list_select_related = ["regio"]
    autocomplete_fields = ["regio"]

    def save_model(self, request, obj, form, change):
        schoon = form.cleaned_data
        rij = services.sla_begrotingsregel_op(
            regio=obj.regio,
            door=request.user,
            schooljaar=schoon["schooljaar"],
            kostensoort=schoon["kostensoort"],
            omschrijving=schoon["omschrijving"],
            bedrag=schoon["bedrag"],
            regel=obj if change else None,
        )
        neem_over(obj, rij)

    def delete_model(self, request, obj):
        controleer_dossier_open(obj.regio)
        services.verwijder_begrotingsregel(regel=obj, door=request.user)


@admin.register(Indiening)
class IndieningAdmin(admin.ModelAdmin):
    """Submissions are frozen: they can be read here, never changed."""

    form = ModelFormulier

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


class BeoordelingscriteriumForm(ModelFormulier):
    class Meta:
        model = Beoordelingscriterium
        fields = ["tijdvak", "code", "naam", "toelichting", "volgorde", "maximale_score"]

    def clean(self):
        schoon = super().clean()
        if not self.has_changed():
            return schoon
        tijdvakken = {schoon.get("tijdvak"), getattr(self.instance, "tijdvak", None)} - {None}
        try:
            for tijdvak in tijdvakken:
                services_regeling.controleer_criteria_open(tijdvak)
        except forms.ValidationError as fout:
            self.add_error(None, fout)
        return schoon


@admin.register(Beoordelingscriterium)
class BeoordelingscriteriumAdmin(DienstAdmin):
    form = BeoordelingscriteriumForm
    list_display = ["naam", "tijdvak", "code", "volgorde", "maximale_score"]
    list_filter = ["tijdvak"]
    search_fields = ["naam", "code", "toelichting"]
    list_select_related = ["tijdvak"]
    ordering = ["tijdvak", "volgorde"]

    def save_model(self, request, obj, form, change):
        velden = model_velden(form)
        if change:
            services_regeling.wijzig_criterium(criterium=obj, door=request.user, **velden)
            return
        neem_over(obj, services_regeling.maak_criterium(door=request.user, **velden))

    def delete_model(self, request, obj):
        services_regeling.verwijder_criterium(criterium=obj, door=request.user)


class AlleenLezen(admin.ModelAdmin):
    """Review records change only through the review services (with their audit trail);
    the admin shows them."""

    form = ModelFormulier

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CriteriumscoreInline(admin.TabularInline):
    model = Criteriumscore
    form = ModelFormulier
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
    list_display = [
        "kenmerk",
        "regio",
        "status",
        "uitslag",
        "bedrag",
        "verstuurd_op",
        "corrigeert",
    ]
    list_filter = ["status", "uitkomst", "regio__tijdvak"]
    list_select_related = ["regio", "genomen_door", "corrigeert"]
    search_fields = ["regio__naam", "kenmerk"]
    exclude = ["brief_html"]

    @admin.display(description=_("uitkomst"), ordering="uitkomst")
    def uitslag(self, besluit):
        return besluit.uitslag


from . import admin_privacy  # noqa: E402, F401  (erasure requests, in their own module)
