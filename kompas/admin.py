"""Administration of the intervention compass: compass points with their factsheet.

Compass points are published content, not dossier data: saving them changes no one's
application, so the admin writes them directly instead of through a service. Deleting one
would take it out of the regions' activities (submitted dossiers included) without a trace,
so a compass point that activities refer to is not deleted; unpublish it instead.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecosysteem.admin import DienstAdmin
from ecosysteem.formulieren import ModelFormulier

from .models import Hulpmiddel, Kompaspunt, Onderzoeksinzicht, Praktijkvoorbeeld
from .sanering import schoon_html


class OpgeschoondeHtmlFormulier(ModelFormulier):
    """Cleans the rich-text fields named in ``html_velden`` before they are saved, so the
    database holds only the safe subset of HTML (the pages clean it again when showing)."""

    html_velden: tuple[str, ...] = ()

    def clean(self):
        gegevens = super().clean()
        for veld in self.html_velden:
            if gegevens.get(veld):
                gegevens[veld] = schoon_html(gegevens[veld])
        return gegevens


class KompaspuntFormulier(OpgeschoondeHtmlFormulier):
    html_velden = ("beschrijving",)


class FactsheetFormulier(OpgeschoondeHtmlFormulier):
    html_velden = ("tekst",)


class FactsheetInline(admin.StackedInline):
    form = FactsheetFormulier
    extra = 0
    # A link typed without a scheme is meant as a website; Django 6 assumes https too.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class PraktijkvoorbeeldInline(FactsheetInline):
    model = Praktijkvoorbeeld
    fields = ["titel", "waar", "tekst", "link", "volgorde"]


class OnderzoeksinzichtInline(FactsheetInline):
    model = Onderzoeksinzicht
    fields = ["titel", "tekst", "bron", "link", "volgorde"]


class HulpmiddelInline(FactsheetInline):
    model = Hulpmiddel
    fields = ["titel", "tekst", "link", "volgorde"]


@admin.register(Kompaspunt)
class KompaspuntAdmin(DienstAdmin):
    form = KompaspuntFormulier
    list_display = ["naam", "samenvatting", "volgorde", "gepubliceerd", "bijgewerkt_op"]
    list_filter = ["gepubliceerd"]
    search_fields = [
        "naam",
        "samenvatting",
        "beschrijving",
        "praktijkvoorbeelden__titel",
        "onderzoeksinzichten__titel",
        "onderzoeksinzichten__bron",
        "hulpmiddelen__titel",
    ]
    prepopulated_fields = {"slug": ["naam"]}
    fieldsets = [
        (None, {"fields": ["naam", "slug", "samenvatting", "beschrijving"]}),
        (_("Publicatie"), {"fields": ["gepubliceerd", "volgorde"]}),
    ]
    inlines = [PraktijkvoorbeeldInline, OnderzoeksinzichtInline, HulpmiddelInline]
    view_on_site = True

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.activiteiten.exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        if obj.activiteiten.exists():
            raise ValidationError(
                gettext(
                    "Activiteiten van regio's verwijzen naar dit kompaspunt; verwijderen zou "
                    "ze uit die dossiers halen. Zet het kompaspunt op niet gepubliceerd."
                )
            )
        super().delete_model(request, obj)
