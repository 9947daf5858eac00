"""Administration of the school register and of partner organisations and their people.

The register belongs to the importer: its rows are read only here, except whether a branch
counts, which an administrator may judge (with a reason, in the audit trail).
"""

from __future__ import annotations

import re

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecosysteem.admin import AlleenLezenAdmin, DienstAdmin, model_velden, neem_over, telling
from ecosysteem.formulieren import ModelFormulier

from . import services
from .models import Gemeente, Organisatie, Persoon, Provincie, Registerimport, Vestiging
from .validators import normaliseer_kvk, normaliseer_postcode

POSTCODE_MET_SPATIE = re.compile(r"\b(\d{4})\s+([A-Za-z]{2})\b")


@admin.register(Provincie)
class ProvincieAdmin(AlleenLezenAdmin):
    """The twelve provinces come from a data migration."""

    list_display = ("naam", "aantal_gemeenten", "aantal_vestigingen")
    search_fields = ("naam",)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                aantal_gemeenten=telling(Gemeente, "provincie"),
                aantal_vestigingen=telling(Vestiging, "provincie", in_register=True),
            )
        )

    @admin.display(description=_("gemeenten"), ordering="aantal_gemeenten")
    def aantal_gemeenten(self, obj):
        return obj.aantal_gemeenten

    @admin.display(description=_("vestigingen"), ordering="aantal_vestigingen")
    def aantal_vestigingen(self, obj):
        return obj.aantal_vestigingen


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    """Municipalities come with the register; only the readable name may be improved."""

    form = ModelFormulier

    list_display = ("naam", "naam_register", "provincie", "aantal_vestigingen")
    list_filter = ("provincie",)
    list_select_related = ("provincie",)
    search_fields = ("naam", "naam_register")
    readonly_fields = ("naam_register", "provincie")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(aantal_vestigingen=telling(Vestiging, "gemeente", in_register=True))
        )

    @admin.display(description=_("vestigingen"), ordering="aantal_vestigingen")
    def aantal_vestigingen(self, obj):
        return obj.aantal_vestigingen


class VestigingForm(ModelFormulier):
    class Meta:
        model = Vestiging
        fields = ("telt_mee", "telt_mee_reden")

    def clean(self):
        schoon = super().clean()
        if self.has_changed() and not (schoon.get("telt_mee_reden") or "").strip():
            self.add_error("telt_mee_reden", _("Geef aan waarom de vestiging wel of niet meetelt."))
        return schoon


@admin.register(Vestiging)
class VestigingAdmin(DienstAdmin):
    form = VestigingForm
    list_display = (
        "naam",
        "vestigingscode",
        "plaats",
        "gemeente",
        "onderwijstype",
        "sector",
        "telt_mee",
        "leerlingen",
        "in_register",
    )
    list_filter = (
        "sector",
        "schoolsoort",
        "telt_mee",
        "telt_mee_besluit",
        "gemengde_leerwegen",
        "in_register",
        "provincie",
    )
    list_select_related = ("gemeente",)
    search_fields = (
        "naam",
        "=vestigingscode",
        "=brin_nummer",
        "postcode",
        "plaats",
        "gemeente__naam",
    )
    search_help_text = _("Zoek op naam, vestigingscode, BRIN-nummer, postcode, plaats of gemeente.")
    ordering = ("naam", "vestigingscode")
    show_full_result_count = False
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "naam",
                    "vestigingscode",
                    "brin_nummer",
                    "bevoegd_gezag_nummer",
                    "onderwijstype",
                    "schoolsoort",
                    "sector",
                    "denominatie",
                    "leerlingen",
                    "gemengde_leerwegen",
                )
            },
        ),
        (
            _("Telt mee voor de subsidie"),
            {
                "fields": ("telt_mee", "telt_mee_reden", "telt_mee_besluit"),
                "description": _(
                    "Het register bepaalt dit bij de import. Wijzig het alleen na beoordeling "
                    "van een onbekend onderwijstype, en zeg waarom: de wijziging komt in de "
                    "audittrail. Een besluit van de beheerder gaat voor: de rekenregels "
                    "volgen het en een nieuwe import laat het staan."
                ),
            },
        ),
        (
            _("Adres"),
            {
                "fields": (
                    "adres",
                    "gemeente",
                    "provincie",
                    "onderwijsgebied",
                    "website",
                    "breedtegraad",
                    "lengtegraad",
                )
            },
        ),
        (
            _("Register en deelname"),
            {"fields": ("peildatum", "in_register", "bijgewerkt_op", "deelnames")},
        ),
    )
    readonly_fields = (
        "telt_mee_besluit",
        "naam",
        "vestigingscode",
        "brin_nummer",
        "bevoegd_gezag_nummer",
        "onderwijstype",
        "schoolsoort",
        "sector",
        "denominatie",
        "leerlingen",
        "gemengde_leerwegen",
        "adres",
        "gemeente",
        "provincie",
        "onderwijsgebied",
        "website",
        "breedtegraad",
        "lengtegraad",
        "peildatum",
        "in_register",
        "bijgewerkt_op",
        "deelnames",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_search_results(self, request, queryset, search_term):
        # The register stores postcodes without a space; people type "9801 AB".
        search_term = POSTCODE_MET_SPATIE.sub(
            lambda m: normaliseer_postcode(m.group(0)), search_term
        )
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("deelnames"))
    def deelnames(self, obj):
        rijen = obj.deelnames.select_related("regio", "tijdvak").order_by("-tijdvak__startdatum")
        if not rijen:
            return "–"
        return format_html_join(
            "",
            "<div>{} – {} ({})</div>",
            ((d.tijdvak, d.regio, d.get_status_display()) for d in rijen),
        )

    def save_model(self, request, obj, form, change):
        services.beoordeel_vestiging(
            vestiging=obj,
            telt_mee=form.cleaned_data["telt_mee"],
            reden=form.cleaned_data["telt_mee_reden"],
            door=request.user,
        )


@admin.register(Registerimport)
class RegisterimportAdmin(AlleenLezenAdmin):
    list_display = (
        "gestart_op",
        "bron",
        "peildatum",
        "rijen",
        "nieuw",
        "gewijzigd",
        "ongewijzigd",
        "verdwenen",
        "door",
    )
    list_select_related = ("door",)
    date_hierarchy = "gestart_op"
    fields = (
        "gestart_op",
        "bron",
        "formaat",
        "sha256",
        "peildatum",
        ("rijen", "nieuw", "gewijzigd", "ongewijzigd", "verdwenen"),
        "door",
        "rapport_opgemaakt",
    )
    readonly_fields = (
        "gestart_op",
        "bron",
        "formaat",
        "sha256",
        "peildatum",
        "rijen",
        "nieuw",
        "gewijzigd",
        "ongewijzigd",
        "verdwenen",
        "door",
        "rapport_opgemaakt",
    )

    class Media:
        css = {"all": ["css/beheer.css"]}

    @admin.display(description=_("rapport"))
    def rapport_opgemaakt(self, obj):
        if not obj.rapport:
            return "–"
        # Wrapped by a class of the admin's style sheet: the Content-Security-Policy allows no
        # style attributes.
        return format_html('<pre class="portaal-rapporttekst">{}</pre>', obj.rapport)


class OrganisatieForm(ModelFormulier):
    website = forms.URLField(
        label=Organisatie._meta.get_field("website").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Organisatie
        fields = (
            "naam",
            "soort",
            "kvk_nummer",
            "brin_nummer",
            "bevoegd_gezag_nummer",
            "straat",
            "huisnummer",
            "postcode",
            "plaats",
            "gemeente",
            "breedtegraad",
            "lengtegraad",
            "website",
            "email",
            "telefoon",
            "omschrijving",
        )

    def clean_kvk_nummer(self):
        return normaliseer_kvk(self.cleaned_data.get("kvk_nummer", ""))


@admin.register(Organisatie)
class OrganisatieAdmin(DienstAdmin):
    form = OrganisatieForm
    list_display = ("naam", "soort", "plaats", "kvk_nummer", "brin_nummer")
    list_filter = ("soort",)
    search_fields = ("naam", "=kvk_nummer", "=brin_nummer", "plaats", "email")
    search_help_text = _("Zoek op naam, KvK-nummer, BRIN-nummer, plaats of e-mailadres.")
    autocomplete_fields = ("gemeente",)
    readonly_fields = ("deelnames", "contactpersonen", "aangemaakt_op", "bijgewerkt_op")
    fieldsets = (
        (None, {"fields": ("naam", "soort", "omschrijving")}),
        (
            _("Registratie"),
            {"fields": ("kvk_nummer", "brin_nummer", "bevoegd_gezag_nummer")},
        ),
        (
            _("Adres en contact"),
            {
                "fields": (
                    ("straat", "huisnummer"),
                    ("postcode", "plaats"),
                    "gemeente",
                    ("breedtegraad", "lengtegraad"),
                    "website",
                    "email",
                    "telefoon",
                )
            },
        ),
        (
            _("In de regio's"),
            {"fields": ("deelnames", "contactpersonen", "aangemaakt_op", "bijgewerkt_op")},
        ),
    )

    @admin.display(description=_("deelnames"))
    def deelnames(self, obj):
        rijen = obj.deelnames.select_related("regio", "tijdvak").order_by("-tijdvak__startdatum")
        if not obj.pk or not rijen:
            return "–"
        return format_html_join(
            "",
            "<div>{} – {} ({}{})</div>",
            (
                (
                    d.tijdvak,
                    d.regio,
                    d.get_status_display(),
                    _(", penvoerder") if d.is_penvoerder else "",
                )
                for d in rijen
            ),
        )

    @admin.display(description=_("contactpersonen"))
    def contactpersonen(self, obj):
        if not obj.pk:
            return "–"
        personen = obj.contactpersonen.all()
        return format_html_join("", "<div>{} ({})</div>", ((p, p.email) for p in personen)) or "–"

    def save_model(self, request, obj, form, change):
        if change:
            services.wijzig_organisatie(organisatie=obj, door=request.user)
        else:
            neem_over(obj, services.maak_organisatie(door=request.user, **model_velden(form)))


class PersoonForm(ModelFormulier):
    class Meta:
        model = Persoon
        fields = (
            "voornaam",
            "tussenvoegsel",
            "achternaam",
            "email",
            "telefoon",
            "functie",
            "organisatie",
            "gebruiker",
        )

    def clean_email(self):
        email = self.cleaned_data["email"]
        andere = Persoon.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if andere.exists():
            raise forms.ValidationError(_("Er is al een persoon met dit e-mailadres."))
        return email


@admin.register(Persoon)
class PersoonAdmin(DienstAdmin):
    form = PersoonForm
    list_display = ("volledige_naam", "email", "functie", "organisatie", "gebruiker")
    list_select_related = ("organisatie", "gebruiker")
    list_filter = ("organisatie__soort", ("gebruiker", admin.EmptyFieldListFilter))
    search_fields = ("voornaam", "achternaam", "email", "organisatie__naam")
    search_help_text = _("Zoek op naam, e-mailadres of organisatie.")
    autocomplete_fields = ("organisatie", "gebruiker")
    readonly_fields = ("rollen",)
    fields = (
        ("voornaam", "tussenvoegsel", "achternaam"),
        "email",
        "telefoon",
        "functie",
        "organisatie",
        "gebruiker",
        "rollen",
    )

    @admin.display(description=_("naam"), ordering="achternaam")
    def volledige_naam(self, obj):
        return obj.volledige_naam

    @admin.display(description=_("rollen"))
    def rollen(self, obj):
        if not obj.pk:
            return "–"
        rijen = obj.rollen.select_related("regio", "orgaan")
        return (
            format_html_join(
                "",
                "<div>{} – {}{}</div>",
                (
                    (r.regio, r.get_soort_display(), f" ({r.orgaan.naam})" if r.orgaan else "")
                    for r in rijen
                ),
            )
            or "–"
        )

    def save_model(self, request, obj, form, change):
        if change:
            services.wijzig_persoon(persoon=obj, door=request.user)
            return
        velden = model_velden(form)
        neem_over(obj, services.maak_persoon(door=request.user, **velden))

    # A person's roles are dossier content; deleting the person would withdraw them without
    # the dossier's checks (the freeze, the last programme manager) or an audit event.
    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.rollen.exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        if obj.rollen.exists():
            raise ValidationError(
                gettext(
                    "%(persoon)s heeft een rol in een regio; trek die rol eerst in via het "
                    "dossier of de rollen in het beheer."
                )
                % {"persoon": obj.volledige_naam}
            )
        super().delete_model(request, obj)
