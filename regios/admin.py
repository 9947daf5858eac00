"""Administration of periods, regions, participation, governance bodies and roles.

Every save goes through ``regios.services``, so an administrator's change is checked like a
programme manager's, lands in the audit trail, raises the dossier's version and is refused
on a frozen (submitted, in review, decided) dossier. The forms run the services' checks
first, so a refusal shows next to the row it concerns; the inlines of a frozen dossier are
read only.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ecosysteem.admin import (
    AlleenLezenAdmin,
    DienstAdmin,
    VasteVeldenNaOpslaan,
    model_velden,
    neem_over,
    telling,
)
from ecosysteem.formulieren import ModelFormulier
from partners import admin as partners_admin
from partners.models import Koppelverzoek, Koppelverzoekstatus, Organisatie, Vestiging

from . import services
from .models import (
    LOPENDE_DEELNAME,
    Bestuursorgaan,
    Deelname,
    Regio,
    Rol,
    Tijdvak,
)
from .services.koppeling import keur_koppelverzoek_goed, wijs_koppelverzoek_af

KORT_TEKSTVELD = forms.TextInput(attrs={"size": 30})


def samenstelling_open(regio: Regio | None) -> bool:
    return regio is None or regio.pk is None or regio.status in services.SAMENSTELLING_OPEN


def dossier_open(form: forms.Form, regio: Regio | None) -> bool:
    """Put the refusal of a frozen dossier on ``form`` before anything is saved."""
    if regio is None:
        return True
    try:
        services.controleer_dossier_open(regio)
    except ValidationError as fout:
        form.add_error(None, fout)
        return False
    return True


# --- periods -----------------------------------------------------------------------------


@admin.register(Tijdvak)
class TijdvakAdmin(admin.ModelAdmin):
    form = ModelFormulier
    list_display = (
        "naam",
        "code",
        "schooljaren_tekst",
        "startdatum",
        "einddatum",
        "aanvragen_open",
        "aantal_regios",
    )
    list_filter = ("aanvragen_open",)
    search_fields = ("naam", "code")
    prepopulated_fields = {"code": ("naam",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aantal_regios=telling(Regio, "tijdvak"))

    def get_readonly_fields(self, request, obj=None):
        # The school years and dates shape every dossier of the period (the years its
        # pledges and budget lines are for): fixed once a region exists in it.
        if obj is not None and obj.regios.exists():
            return ("code", "eerste_schooljaar", "aantal_schooljaren", "startdatum", "einddatum")
        return ()

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.regios.exists():
            return {}
        return self.prepopulated_fields

    @admin.display(description=_("schooljaren"))
    def schooljaren_tekst(self, obj):
        return ", ".join(obj.schooljaren)

    @admin.display(description=_("regio's"), ordering="aantal_regios")
    def aantal_regios(self, obj):
        return obj.aantal_regios


# --- inlines of a region -----------------------------------------------------------------


class DeelnameInlineForm(VasteVeldenNaOpslaan):
    vaste_velden = ("vestiging", "organisatie", "is_penvoerder")

    class Meta:
        model = Deelname
        fields = (
            "vestiging",
            "organisatie",
            "is_penvoerder",
            "startdatum",
            "einddatum",
            "toelichting",
        )
        widgets = {"toelichting": KORT_TEKSTVELD}


class DeelnameFormSet(BaseInlineFormSet):
    """Runs the participation checks over the new rows, also for a region that is being
    created in the same form (its period is known, its id not yet)."""

    def clean(self):
        super().clean()
        regio = self.instance
        gezien: set[tuple[str, int]] = set()
        nieuwe_penvoerders = []
        weg_penvoerder = None
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.errors:
                continue
            if self.can_delete and self._should_delete_form(form):
                if form.instance.pk and form.instance.is_penvoerder:
                    weg_penvoerder = form
                continue
            if form.instance.pk or not form.has_changed():
                continue
            vestiging = form.cleaned_data.get("vestiging")
            organisatie = form.cleaned_data.get("organisatie")
            try:
                if vestiging is not None:
                    if ("v", vestiging.pk) in gezien:
                        raise ValidationError(gettext("Deze vestiging staat er twee keer in."))
                    gezien.add(("v", vestiging.pk))
                    services.controleer_vestiging_kan_meedoen(regio=regio, vestiging=vestiging)
                if organisatie is not None:
                    if ("o", organisatie.pk) in gezien:
                        raise ValidationError(gettext("Deze organisatie staat er twee keer in."))
                    gezien.add(("o", organisatie.pk))
                    services.controleer_organisatie_kan_meedoen(
                        regio=regio, organisatie=organisatie
                    )
                if form.cleaned_data.get("is_penvoerder"):
                    services.controleer_penvoerder(organisatie)
                    nieuwe_penvoerders.append(form)
            except ValidationError as fout:
                form.add_error(None, fout)
        if len(nieuwe_penvoerders) > 1:
            raise ValidationError(gettext("Een regio heeft precies één penvoerder."))
        if weg_penvoerder is not None and not nieuwe_penvoerders:
            weg_penvoerder.add_error(
                None, gettext("Dit is de penvoerder; wijs eerst een andere penvoerder aan.")
            )


class DeelnameInline(admin.TabularInline):
    model = Deelname
    form = DeelnameInlineForm
    formset = DeelnameFormSet
    fields = (
        "vestiging",
        "organisatie",
        "is_penvoerder",
        "status",
        "startdatum",
        "einddatum",
        "toelichting",
    )
    readonly_fields = ("status",)
    autocomplete_fields = ("vestiging", "organisatie")
    extra = 0
    verbose_name = _("deelnemer")
    verbose_name_plural = _(
        "deelnemers (beëindigen en een andere penvoerder aanwijzen: via Deelnames)"
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # The row's title is str(deelname), which names the region too.
            .select_related("regio", "vestiging", "organisatie")
            .order_by("-is_penvoerder", "organisatie__naam", "vestiging__naam")
        )

    def has_add_permission(self, request, obj=None):
        return samenstelling_open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return samenstelling_open(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return samenstelling_open(obj) and super().has_delete_permission(request, obj)


class OrgaanInlineForm(ModelFormulier):
    class Meta:
        model = Bestuursorgaan
        fields = ("soort", "naam", "taak")
        widgets = {"taak": forms.TextInput(attrs={"size": 60})}

    def clean(self):
        schoon = super().clean()
        if self.instance.pk and "soort" in self.changed_data and schoon.get("soort"):
            try:
                services.controleer_orgaansoort(orgaan=self.instance, soort=schoon["soort"])
            except ValidationError as fout:
                self.add_error("soort", fout)
        return schoon


class OrgaanInline(admin.TabularInline):
    model = Bestuursorgaan
    form = OrgaanInlineForm
    extra = 0
    verbose_name_plural = _("bestuursorganen (stuurgroep, kerngroep, werkgroepen...)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("regio")

    # Bodies and roles are submitted with the dossier: frozen with it.
    def has_add_permission(self, request, obj=None):
        return samenstelling_open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return samenstelling_open(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return samenstelling_open(obj) and super().has_delete_permission(request, obj)


class RolInlineForm(VasteVeldenNaOpslaan):
    vaste_velden = ("persoon", "soort", "orgaan", "namens")

    class Meta:
        model = Rol
        fields = ("persoon", "soort", "orgaan", "namens", "startdatum", "einddatum")


class RolFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        gezien = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.errors:
                continue
            if form.instance.pk or not form.has_changed():
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            schoon = form.cleaned_data
            sleutel = (schoon["persoon"].pk, schoon["soort"], getattr(schoon["orgaan"], "pk", None))
            try:
                if sleutel in gezien:
                    raise ValidationError(gettext("Deze rol staat er twee keer in."))
                gezien.add(sleutel)
                services.controleer_rol(
                    regio=self.instance,
                    persoon=schoon["persoon"],
                    soort=schoon["soort"],
                    orgaan=schoon.get("orgaan"),
                    namens=schoon.get("namens"),
                )
            except ValidationError as fout:
                form.add_error(None, fout)


class RolInline(admin.TabularInline):
    model = Rol
    form = RolInlineForm
    formset = RolFormSet
    autocomplete_fields = ("persoon", "orgaan", "namens")
    extra = 0
    verbose_name_plural = _("rollen (programmamanager, projectleider, stuurgroepleden...)")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("regio", "persoon", "orgaan__regio", "namens")
        )

    def has_add_permission(self, request, obj=None):
        return samenstelling_open(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return samenstelling_open(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return samenstelling_open(obj) and super().has_delete_permission(request, obj)


# --- regions -----------------------------------------------------------------------------


@admin.register(Regio)
class RegioAdmin(DienstAdmin):
    list_display = (
        "naam",
        "tijdvak",
        "status",
        "penvoerder",
        "aantal_po",
        "aantal_vo",
        "aantal_vestigingen",
        "aantal_organisaties",
        "bijgewerkt_op",
    )
    list_filter = ("status", "tijdvak", "sto_relatie", "provincies")
    list_select_related = ("tijdvak",)
    search_fields = ("naam", "slug", "sto_regio_naam")
    search_help_text = _("Zoek op naam, korte naam of STO-regio.")
    prepopulated_fields = {"slug": ("naam",)}
    autocomplete_fields = ("provincies", "gemeenten")
    inlines = (DeelnameInline, OrgaanInline, RolInline)
    fieldsets = (
        (None, {"fields": ("naam", "slug", "tijdvak", "status")}),
        (_("Gebied"), {"fields": ("provincies", "gemeenten")}),
        (
            _("Afstemming met STO"),
            {"fields": ("sto_relatie", "sto_regio_naam", "sto_toelichting")},
        ),
        (_("Visie"), {"fields": ("visie",)}),
        (_("Geschiedenis"), {"fields": ("aangemaakt_op", "bijgewerkt_op")}),
    )

    def get_queryset(self, request):
        penvoerder = Deelname.objects.filter(regio=OuterRef("pk"), is_penvoerder=True).values(
            "organisatie__naam"
        )[:1]
        return (
            super()
            .get_queryset(request)
            .annotate(
                penvoerder_naam=Subquery(penvoerder),
                aantal_vestigingen=telling(
                    Deelname, "regio", LOPENDE_DEELNAME, vestiging__isnull=False
                ),
                aantal_po=telling(
                    Deelname,
                    "regio",
                    LOPENDE_DEELNAME,
                    vestiging__sector="po",
                    vestiging__telt_mee=True,
                ),
                aantal_vo=telling(
                    Deelname,
                    "regio",
                    LOPENDE_DEELNAME,
                    vestiging__sector="vo",
                    vestiging__telt_mee=True,
                ),
                aantal_organisaties=telling(
                    Deelname, "regio", LOPENDE_DEELNAME, organisatie__isnull=False
                ),
            )
        )

    def get_readonly_fields(self, request, obj=None):
        # The status follows the dossier's own steps (submit, reopen, decide), not an edit.
        alleen_lezen = ["status", "aangemaakt_op", "bijgewerkt_op"]
        if obj is not None:
            alleen_lezen.append("tijdvak")
            if not samenstelling_open(obj):
                alleen_lezen += [
                    "naam",
                    "slug",
                    "provincies",
                    "gemeenten",
                    "sto_relatie",
                    "sto_regio_naam",
                    "sto_toelichting",
                    "visie",
                ]
        return alleen_lezen

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else self.prepopulated_fields

    @admin.display(description=_("penvoerder"), ordering="penvoerder_naam")
    def penvoerder(self, obj):
        return obj.penvoerder_naam or "–"

    @admin.display(description=_("po (tellend)"), ordering="aantal_po")
    def aantal_po(self, obj):
        return obj.aantal_po

    @admin.display(description=_("vo (tellend)"), ordering="aantal_vo")
    def aantal_vo(self, obj):
        return obj.aantal_vo

    @admin.display(description=_("vestigingen"), ordering="aantal_vestigingen")
    def aantal_vestigingen(self, obj):
        return obj.aantal_vestigingen

    @admin.display(description=_("organisaties"), ordering="aantal_organisaties")
    def aantal_organisaties(self, obj):
        return obj.aantal_organisaties

    def save_model(self, request, obj, form, change):
        gebieden = {
            naam: form.cleaned_data[naam]
            for naam in ("provincies", "gemeenten")
            if naam in form.cleaned_data
        }
        if change:
            services.wijzig_regio(regio=obj, door=request.user, **gebieden)
            return
        velden = model_velden(form)
        nieuw = services.maak_regio(
            tijdvak=velden.pop("tijdvak"),
            naam=velden.pop("naam"),
            slug=velden.pop("slug"),
            door=request.user,
            **gebieden,
            **velden,
        )
        neem_over(obj, nieuw)

    def delete_model(self, request, obj):
        services.verwijder_regio(regio=obj, door=request.user)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        door = request.user
        regio = form.instance
        if formset.model is Deelname:
            self._bewaar_deelnames(formset, regio, door)
        elif formset.model is Bestuursorgaan:
            for orgaan in formset.new_objects:
                nieuw = services.maak_orgaan(
                    regio=regio, soort=orgaan.soort, naam=orgaan.naam, taak=orgaan.taak, door=door
                )
                neem_over(orgaan, nieuw)
            for orgaan, _velden in formset.changed_objects:
                services.wijzig_orgaan(orgaan=orgaan, door=door)
            for orgaan in formset.deleted_objects:
                services.verwijder_orgaan(orgaan=orgaan, door=door)
        elif formset.model is Rol:
            for rol in formset.new_objects:
                nieuw = services.ken_rol_toe(
                    regio=regio,
                    persoon=rol.persoon,
                    soort=rol.soort,
                    orgaan=rol.orgaan,
                    namens=rol.namens,
                    startdatum=rol.startdatum,
                    einddatum=rol.einddatum,
                    door=door,
                )
                neem_over(rol, nieuw)
            for rol, _velden in formset.changed_objects:
                services.wijzig_rol(rol=rol, door=door)
            for rol in formset.deleted_objects:
                services.trek_rol_in(rol=rol, door=door)
        else:  # pragma: no cover - every inline of this admin is handled above
            formset.save()

    @staticmethod
    def _bewaar_deelnames(formset, regio, door):
        for deelname in formset.new_objects:
            if deelname.vestiging_id:
                nieuw = services.voeg_vestiging_toe(
                    regio=regio,
                    vestiging=deelname.vestiging,
                    startdatum=deelname.startdatum,
                    toelichting=deelname.toelichting,
                    door=door,
                )
            else:
                nieuw = services.voeg_organisatie_toe(
                    regio=regio,
                    organisatie=deelname.organisatie,
                    is_penvoerder=deelname.is_penvoerder,
                    startdatum=deelname.startdatum,
                    toelichting=deelname.toelichting,
                    door=door,
                )
            if deelname.einddatum:
                services.wijzig_deelname(deelname=nieuw, einddatum=deelname.einddatum, door=door)
            neem_over(deelname, nieuw)
        for deelname, _velden in formset.changed_objects:
            services.wijzig_deelname(deelname=deelname, door=door)
        # After the new rows, so a penvoerder that moved to a new row frees the old one.
        for deelname in formset.deleted_objects:
            services.verwijder_deelname(deelname=deelname, door=door)


# --- participation -----------------------------------------------------------------------


class DeelnemerSoortFilter(admin.SimpleListFilter):
    title = _("soort deelnemer")
    parameter_name = "deelnemer"

    def lookups(self, request, model_admin):
        return (("vestiging", _("schoolvestiging")), ("organisatie", _("organisatie")))

    def queryset(self, request, queryset):
        if self.value() == "vestiging":
            return queryset.filter(vestiging__isnull=False)
        if self.value() == "organisatie":
            return queryset.filter(organisatie__isnull=False)
        return queryset


class DeelnameForm(ModelFormulier):
    class Meta:
        model = Deelname
        fields = (
            "regio",
            "vestiging",
            "organisatie",
            "is_penvoerder",
            "startdatum",
            "einddatum",
            "toelichting",
            "opgegeven_leerlingen",
            "leerlingen_toelichting",
        )

    def clean(self):
        schoon = super().clean()
        if self.instance.pk:
            if not dossier_open(self, self.instance.regio):
                return schoon
            if "opgegeven_leerlingen" in self.changed_data:
                self.instance.opgegeven_leerlingen = schoon.get("opgegeven_leerlingen")
                try:
                    services.controleer_leerlingen(self.instance)
                except ValidationError as fout:
                    self.add_error("opgegeven_leerlingen", fout)
            return schoon
        regio = schoon.get("regio")
        if regio is None:
            return schoon
        vestiging, organisatie = schoon.get("vestiging"), schoon.get("organisatie")
        try:
            services.controleer_samenstelling_open(regio)
            if vestiging is not None:
                services.controleer_vestiging_kan_meedoen(regio=regio, vestiging=vestiging)
            if organisatie is not None:
                services.controleer_organisatie_kan_meedoen(regio=regio, organisatie=organisatie)
            if schoon.get("is_penvoerder"):
                services.controleer_penvoerder(organisatie)
        except ValidationError as fout:
            self.add_error(None, fout)
        return schoon


@admin.register(Deelname)
class DeelnameAdmin(DienstAdmin):
    form = DeelnameForm
    list_display = (
        "deelnemer",
        "regio",
        "tijdvak",
        "status",
        "is_penvoerder",
        "telt_mee",
        "startdatum",
        "einddatum",
    )
    list_filter = (
        "status",
        "tijdvak",
        "is_penvoerder",
        DeelnemerSoortFilter,
        "vestiging__sector",
        "vestiging__telt_mee",
        "regio",
    )
    list_select_related = ("regio", "tijdvak", "vestiging", "organisatie")
    search_fields = (
        "vestiging__naam",
        "=vestiging__vestigingscode",
        "organisatie__naam",
        "regio__naam",
    )
    search_help_text = _("Zoek op naam of vestigingscode van de deelnemer, of op regio.")
    autocomplete_fields = ("regio", "vestiging", "organisatie")
    actions = ("penvoerder_aanwijzen", "beeindigen")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "regio",
                    "vestiging",
                    "organisatie",
                    "is_penvoerder",
                    "status",
                    "startdatum",
                    "einddatum",
                    "toelichting",
                )
            },
        ),
        (
            _("Tellende leerlingen"),
            {"fields": ("register_leerlingen", "opgegeven_leerlingen", "leerlingen_toelichting")},
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ("status", "register_leerlingen")
        return (
            "regio",
            "vestiging",
            "organisatie",
            "is_penvoerder",
            "status",
            "register_leerlingen",
        )

    @admin.display(description=_("leerlingen volgens het register"))
    def register_leerlingen(self, obj):
        if obj is None or not obj.vestiging_id:
            return "–"
        vestiging = obj.vestiging
        if vestiging.leerlingen is None:
            return gettext("geen aantal in het register")
        if vestiging.gemengde_leerwegen:
            return gettext("%(aantal)s, inclusief leerwegen die niet meetellen") % {
                "aantal": vestiging.leerlingen
            }
        return vestiging.leerlingen

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.is_penvoerder or not samenstelling_open(obj.regio)):
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description=_("deelnemer"))
    def deelnemer(self, obj):
        return obj.deelnemer

    @admin.display(description=_("telt mee"), boolean=True)
    def telt_mee(self, obj):
        return obj.vestiging.telt_mee if obj.vestiging_id else None

    def save_model(self, request, obj, form, change):
        if change:
            services.wijzig_deelname(deelname=obj, door=request.user)
            return
        schoon = form.cleaned_data
        if obj.vestiging_id:
            nieuw = services.voeg_vestiging_toe(
                regio=schoon["regio"],
                vestiging=schoon["vestiging"],
                startdatum=schoon.get("startdatum"),
                toelichting=schoon.get("toelichting", ""),
                door=request.user,
            )
        else:
            nieuw = services.voeg_organisatie_toe(
                regio=schoon["regio"],
                organisatie=schoon["organisatie"],
                is_penvoerder=schoon.get("is_penvoerder", False),
                startdatum=schoon.get("startdatum"),
                toelichting=schoon.get("toelichting", ""),
                door=request.user,
            )
        # What adding does not take yet is saved as a change of the new participation.
        rest = {
            naam: schoon[naam]
            for naam in ("einddatum", "opgegeven_leerlingen", "leerlingen_toelichting")
            if schoon.get(naam) not in (None, "")
        }
        if rest:
            services.wijzig_deelname(deelname=nieuw, door=request.user, **rest)
        neem_over(obj, nieuw)

    def delete_model(self, request, obj):
        services.controleer_dossier_open(obj.regio)
        services.verwijder_deelname(deelname=obj, door=request.user)

    @admin.action(description=_("Aanwijzen als penvoerder van de regio"))
    def penvoerder_aanwijzen(self, request, queryset):
        gekozen = list(queryset.select_related("regio", "organisatie")[:2])
        if len(gekozen) != 1:
            self.message_user(
                request, gettext("Kies precies één deelname als penvoerder."), messages.ERROR
            )
            return
        deelname = gekozen[0]
        try:
            services.wijs_penvoerder_aan(regio=deelname.regio, deelname=deelname, door=request.user)
        except ValidationError as fout:
            self.message_user(request, " ".join(fout.messages), messages.ERROR)
            return
        self.message_user(
            request,
            gettext("%(organisatie)s is nu penvoerder van %(regio)s.")
            % {"organisatie": deelname.organisatie, "regio": deelname.regio},
            messages.SUCCESS,
        )

    @admin.action(description=_("Deelname beëindigen (per vandaag)"))
    def beeindigen(self, request, queryset):
        beeindigd = 0
        for deelname in queryset.select_related("regio", "vestiging", "organisatie"):
            try:
                services.beeindig_deelname(deelname=deelname, door=request.user)
            except ValidationError as fout:
                self.message_user(
                    request, f"{deelname.deelnemer}: {' '.join(fout.messages)}", messages.ERROR
                )
            else:
                beeindigd += 1
        if beeindigd:
            self.message_user(
                request,
                ngettext(
                    "%(aantal)d deelname beëindigd.", "%(aantal)d deelnames beëindigd.", beeindigd
                )
                % {"aantal": beeindigd},
                messages.SUCCESS,
            )


# --- governance --------------------------------------------------------------------------


class BestuursorgaanForm(ModelFormulier):
    class Meta:
        model = Bestuursorgaan
        fields = ("regio", "soort", "naam", "taak")

    def clean(self):
        schoon = super().clean()
        dossier_open(self, schoon.get("regio") or getattr(self.instance, "regio", None))
        if self.instance.pk and "soort" in self.changed_data and schoon.get("soort"):
            try:
                services.controleer_orgaansoort(orgaan=self.instance, soort=schoon["soort"])
            except ValidationError as fout:
                self.add_error("soort", fout)
        return schoon


@admin.register(Bestuursorgaan)
class BestuursorgaanAdmin(DienstAdmin):
    form = BestuursorgaanForm
    list_display = ("naam", "soort", "regio", "aantal_leden")
    list_filter = ("soort", "regio__tijdvak")
    list_select_related = ("regio",)
    search_fields = ("naam", "regio__naam")
    autocomplete_fields = ("regio",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(aantal_leden=telling(Rol, "orgaan"))

    def get_readonly_fields(self, request, obj=None):
        return ("regio",) if obj is not None else ()

    @admin.display(description=_("leden"), ordering="aantal_leden")
    def aantal_leden(self, obj):
        return obj.aantal_leden

    def save_model(self, request, obj, form, change):
        if change:
            services.wijzig_orgaan(orgaan=obj, door=request.user)
            return
        velden = model_velden(form)
        neem_over(obj, services.maak_orgaan(door=request.user, **velden))

    def delete_model(self, request, obj):
        services.controleer_dossier_open(obj.regio)
        services.verwijder_orgaan(orgaan=obj, door=request.user)


class RolForm(ModelFormulier):
    class Meta:
        model = Rol
        fields = ("regio", "persoon", "soort", "orgaan", "namens", "startdatum", "einddatum")

    def clean(self):
        schoon = super().clean()
        regio = schoon.get("regio") or getattr(self.instance, "regio", None)
        persoon = schoon.get("persoon") or getattr(self.instance, "persoon", None)
        if not dossier_open(self, regio):
            return schoon
        if regio is None or persoon is None or not schoon.get("soort"):
            return schoon
        try:
            services.controleer_rol(
                regio=regio,
                persoon=persoon,
                soort=schoon["soort"],
                orgaan=schoon.get("orgaan"),
                namens=schoon.get("namens"),
                behalve=self.instance if self.instance.pk else None,
            )
        except ValidationError as fout:
            self.add_error(None, fout)
        return schoon


@admin.register(Rol)
class RolAdmin(DienstAdmin):
    form = RolForm
    list_display = ("persoon", "soort", "regio", "orgaan", "namens", "startdatum", "einddatum")
    list_filter = ("soort", "regio__tijdvak", "regio")
    list_select_related = ("persoon", "regio", "orgaan__regio", "namens")
    search_fields = (
        "persoon__voornaam",
        "persoon__achternaam",
        "persoon__email",
        "regio__naam",
        "orgaan__naam",
    )
    search_help_text = _("Zoek op naam of e-mailadres van de persoon, regio of orgaan.")
    autocomplete_fields = ("regio", "persoon", "orgaan", "namens")

    def get_readonly_fields(self, request, obj=None):
        return ("regio", "persoon") if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if change:
            services.wijzig_rol(rol=obj, door=request.user)
            return
        neem_over(obj, services.ken_rol_toe(door=request.user, **model_velden(form)))

    def delete_model(self, request, obj):
        services.controleer_dossier_open(obj.regio)
        services.trek_rol_in(rol=obj, door=request.user)


# --- the partners' admin lists, with the regions they take part in ------------------------
# partners/admin.py cannot show participations (partners is the layer below regios), so
# regios registers the two lists again with those columns added.


admin.site.unregister(Vestiging)


@admin.register(Vestiging)
class VestigingMetRegioAdmin(partners_admin.VestigingAdmin):
    list_display = (
        *partners_admin.VestigingAdmin.list_display[:-1],
        "huidige_regio",
        "in_register",
    )

    def get_queryset(self, request):
        # The region a branch takes part in now (the latest period first), for the list.
        regio = (
            Deelname.objects.filter(LOPENDE_DEELNAME, vestiging=OuterRef("pk"))
            .order_by("-tijdvak__startdatum")
            .values("regio__naam")[:1]
        )
        return super().get_queryset(request).annotate(huidige_regio=Subquery(regio))

    @admin.display(description=_("regio"), ordering="huidige_regio")
    def huidige_regio(self, obj):
        return obj.huidige_regio or "–"


admin.site.unregister(Organisatie)


@admin.register(Organisatie)
class OrganisatieMetRegiosAdmin(partners_admin.OrganisatieAdmin):
    list_display = (*partners_admin.OrganisatieAdmin.list_display, "aantal_regios")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(aantal_regios=telling(Deelname, "organisatie", LOPENDE_DEELNAME))
        )

    @admin.display(description=_("regio's"), ordering="aantal_regios")
    def aantal_regios(self, obj):
        return obj.aantal_regios

    # Roles on behalf of an organisation are dossier content; deleting the organisation
    # would clear them silently (participations, pledges and signatures protect it already).
    def has_delete_permission(self, request, obj=None):
        if obj is not None and Rol.objects.filter(namens=obj).exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        if Rol.objects.filter(namens=obj).exists():
            raise ValidationError(
                gettext(
                    "%(organisatie)s is de organisatie namens wie iemand een rol heeft in een "
                    "regio; pas die rollen eerst aan in het dossier."
                )
                % {"organisatie": obj.naam}
            )
        super().delete_model(request, obj)


# --- requests to act for an organisation that existed already ---------------------------


@admin.register(Koppelverzoek)
class KoppelverzoekAdmin(AlleenLezenAdmin):
    """Requests made when a registration named an organisation that was in the portal
    already. Its contact persons decide on "Mijn organisatie"; an organisation without one
    depends on an administrator, here."""

    list_display = ("persoon", "organisatie", "regio", "status", "aangemaakt_op", "besloten_door")
    list_filter = ("status",)
    list_select_related = ("persoon", "organisatie", "regio", "besloten_door")
    search_fields = (
        "persoon__voornaam",
        "persoon__achternaam",
        "persoon__email",
        "organisatie__naam",
    )
    actions = ("goedkeuren", "afwijzen")

    def _beslis(self, request, queryset, stap, bericht: str) -> None:
        gelukt = 0
        for verzoek in queryset.filter(status=Koppelverzoekstatus.OPEN).select_related(
            "persoon", "organisatie"
        ):
            try:
                stap(verzoek)
            except ValidationError as fout:
                self.message_user(request, f"{verzoek}: {' '.join(fout.messages)}", messages.ERROR)
            else:
                gelukt += 1
        if gelukt:
            self.message_user(request, bericht % {"aantal": gelukt}, messages.SUCCESS)

    @admin.action(description=_("Goedkeuren: de persoon mag namens de organisatie optreden"))
    def goedkeuren(self, request, queryset):
        self._beslis(
            request,
            queryset,
            lambda verzoek: keur_koppelverzoek_goed(verzoek=verzoek, door=request.user),
            gettext("%(aantal)d verzoek(en) goedgekeurd."),
        )

    @admin.action(description=_("Afwijzen: niet bevestigd door de organisatie"))
    def afwijzen(self, request, queryset):
        reden = gettext(
            "De beheerder van het portaal kon niet bevestigen dat u voor deze organisatie werkt."
        )
        self._beslis(
            request,
            queryset,
            lambda verzoek: wijs_koppelverzoek_af(verzoek=verzoek, door=request.user, reden=reden),
            gettext("%(aantal)d verzoek(en) afgewezen."),
        )
