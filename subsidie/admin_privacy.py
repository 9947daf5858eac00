"""Administration of requests to erase personal data: the list shows every request (made
on "Mijn gegevens" or added here for someone who asked otherwise); an administrator carries
one out after a confirmation page that shows what it touches, or declines it with a reason.
Both go through :mod:`subsidie.services.privacy`."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ecosysteem.admin import neem_over
from ecosysteem.formulieren import ModelFormulier
from ecosysteem.models import Verwijderverzoek

from .services.privacy import (
    maak_verwijderverzoek,
    voorvertoning,
    wijs_wissen_af,
    wis_persoonsgegevens,
)


class VerwijderverzoekForm(ModelFormulier):
    class Meta:
        model = Verwijderverzoek
        fields = ("gebruiker", "persoon", "toelichting")

    def clean(self):
        schoon = super().clean()
        if not schoon.get("gebruiker") and not schoon.get("persoon"):
            raise forms.ValidationError(_("Kies een account of een contactpersoon."))
        return schoon


@admin.register(Verwijderverzoek)
class VerwijderverzoekAdmin(admin.ModelAdmin):
    form = VerwijderverzoekForm
    list_display = (
        "__str__",
        "gebruiker",
        "persoon",
        "status",
        "ingediend_op",
        "afgehandeld_op",
        "afgehandeld_door",
    )
    list_filter = ("status",)
    list_select_related = ("gebruiker", "persoon", "afgehandeld_door")
    autocomplete_fields = ("gebruiker", "persoon")
    actions = ("wissen", "afwijzen")
    readonly_fields = (
        "status",
        "ingediend_op",
        "afgehandeld_op",
        "afgehandeld_door",
        "reden",
        "pseudoniem",
    )

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("gebruiker", "persoon", "toelichting")
        return ("gebruiker", "persoon", "toelichting", *self.readonly_fields)

    def has_change_permission(self, request, obj=None):
        # A request changes only by being carried out or declined (the actions).
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            verzoek = maak_verwijderverzoek(
                door=request.user,
                gebruiker=form.cleaned_data.get("gebruiker"),
                persoon=form.cleaned_data.get("persoon"),
                toelichting=form.cleaned_data.get("toelichting", ""),
            )
        except ValidationError as fout:
            raise PermissionDenied(" ".join(fout.messages)) from fout
        neem_over(obj, verzoek)

    def _open(self, request, queryset) -> list[Verwijderverzoek]:
        gekozen = list(queryset.select_related("gebruiker", "persoon"))
        klaar = [v for v in gekozen if not v.is_open]
        if klaar:
            self.message_user(
                request,
                gettext("Over %(verzoeken)s is al besloten; die zijn overgeslagen.")
                % {"verzoeken": ", ".join(str(v) for v in klaar)},
                messages.WARNING,
            )
        return [v for v in gekozen if v.is_open]

    def _bevestigingspagina(self, request, verzoeken, template: str, **context):
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "title": context.pop("titel"),
                "opts": self.model._meta,
                "verzoeken": verzoeken,
                "actie": request.POST.get("action"),
                **context,
            },
        )

    @admin.action(description=_("Persoonsgegevens wissen…"))
    def wissen(self, request, queryset):
        verzoeken = self._open(request, queryset)
        if not verzoeken:
            return None
        if request.POST.get("bevestigd") != "ja":
            return self._bevestigingspagina(
                request,
                [(v, voorvertoning(v)) for v in verzoeken],
                "admin/ecosysteem/verwijderverzoek/wissen_bevestigen.html",
                titel=gettext("Persoonsgegevens wissen"),
            )
        gewist = 0
        for verzoek in verzoeken:
            try:
                wis_persoonsgegevens(verzoek=verzoek, door=request.user)
            except (ValidationError, PermissionDenied) as fout:
                tekst = " ".join(getattr(fout, "messages", [str(fout)]))
                self.message_user(request, f"{verzoek}: {tekst}", messages.ERROR)
            else:
                gewist += 1
        if gewist:
            self.message_user(
                request,
                ngettext(
                    "De gegevens van %(aantal)d persoon zijn gewist.",
                    "De gegevens van %(aantal)d personen zijn gewist.",
                    gewist,
                )
                % {"aantal": gewist},
                messages.SUCCESS,
            )
        return None

    @admin.action(description=_("Verzoek afwijzen…"))
    def afwijzen(self, request, queryset):
        verzoeken = self._open(request, queryset)
        if not verzoeken:
            return None
        reden = request.POST.get("reden", "").strip()
        if request.POST.get("bevestigd") != "ja" or not reden:
            return self._bevestigingspagina(
                request,
                verzoeken,
                "admin/ecosysteem/verwijderverzoek/afwijzen.html",
                titel=gettext("Verzoek afwijzen"),
                fout=request.POST.get("bevestigd") == "ja" and not reden,
            )
        for verzoek in verzoeken:
            try:
                wijs_wissen_af(verzoek=verzoek, door=request.user, reden=reden)
            except (ValidationError, PermissionDenied) as fout:
                tekst = " ".join(getattr(fout, "messages", [str(fout)]))
                self.message_user(request, f"{verzoek}: {tekst}", messages.ERROR)
            else:
                self.message_user(request, gettext("%(verzoek)s afgewezen.") % {"verzoek": verzoek})
        return None
