"""Administration of accounts and the audit trail, and what the other apps' admins share.

Admin pages write through the apps' services, like every other interface: the helpers here
let a ModelAdmin hand a form's values to a service, keep inline rows that are already saved
from rendering one query per row, and show a service's refusal instead of an error page.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .formulieren import BewaakteTekstMixin, ModelFormulier
from .gebruikersrechten import namens
from .models import Gebeurtenis, Gebruiker, UitgaandeEmail
from .outbox import MAX_POGINGEN

# --- shared helpers ----------------------------------------------------------------------


def telling(model: type[models.Model], veld: str, *voorwaarden, **filters) -> Coalesce:
    """Annotation counting the ``model`` rows whose ``veld`` points at the outer row.

    A correlated subquery instead of ``Count`` over a join: several counts on one list do not
    multiply each other's rows, and the list still costs one query."""
    rijen = (
        model.objects.filter(*voorwaarden, **{veld: OuterRef("pk")}, **filters)
        .order_by()
        .values(veld)
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return Coalesce(Subquery(rijen[:1], output_field=models.IntegerField()), 0)


def model_velden(form: forms.ModelForm) -> dict:
    """The form's cleaned values of concrete, non-m2m model fields, to pass to a service."""
    namen = {
        veld.name
        for veld in form._meta.model._meta.concrete_fields
        if not veld.primary_key and veld.editable
    }
    return {naam: waarde for naam, waarde in form.cleaned_data.items() if naam in namen}


def neem_over(obj: models.Model, nieuw: models.Model) -> None:
    """Make the admin's unsaved ``obj`` the row a service created.

    The admin keeps using its own instance after ``save_model`` (for m2m fields, inline rows
    and the log entry), so the service's result is copied into it."""
    for veld in nieuw._meta.concrete_fields:
        setattr(obj, veld.attname, getattr(nieuw, veld.attname))
    obj._state.adding = False
    obj._state.db = nieuw._state.db


class Weergave(forms.Widget):
    """Shows a value as text, for fields that cannot change any more."""

    def __init__(self, tekst: str = "", attrs=None):
        super().__init__(attrs)
        self.tekst = tekst

    def render(self, name, value, attrs=None, renderer=None):
        return format_html('<div class="readonly">{}</div>', self.tekst or "–")


class VasteWaarde(forms.Field):
    """A form field that keeps the instance's current value, shown as text.

    Unlike a disabled ModelChoiceField it neither looks the value up again nor renders a
    select: an inline with a hundred saved rows costs no query per row."""

    def __init__(self, *, waarde, tekst: str, label=None, help_text=""):
        super().__init__(
            required=False,
            disabled=True,
            label=label,
            help_text=help_text,
            widget=Weergave(tekst),
        )
        self.waarde = waarde

    def clean(self, value):
        return self.waarde


class VasteVeldenNaOpslaan(ModelFormulier):
    """Model form whose ``vaste_velden`` can be chosen for a new row only; a saved row
    shows them as text. Changing them goes through a use case of its own."""

    vaste_velden: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for naam in self.vaste_velden:
            veld = self.fields.get(naam)
            if veld is None:
                continue
            waarde = getattr(self.instance, naam)
            if isinstance(waarde, bool):
                tekst = _("ja") if waarde else _("nee")
            elif self.instance._meta.get_field(naam).choices:
                tekst = getattr(self.instance, f"get_{naam}_display")()
            else:
                tekst = "" if waarde is None else str(waarde)
            self.fields[naam] = VasteWaarde(
                waarde=waarde, tekst=tekst, label=veld.label, help_text=veld.help_text
            )


class DienstAdmin(admin.ModelAdmin):
    """ModelAdmin whose writes go through services.

    Its forms refuse hidden characters in text like every form of the portal (``form``,
    and every form a subclass names, derives from ``ModelFormulier``).

    Forms check what the services refuse, so a refusal normally shows next to the field. If
    a service still refuses (the dossier is frozen, someone else changed the data
    meanwhile), the whole save is rolled back and the form is shown again with what was
    typed and the reason: next to the field it concerns, or above the form. A refused
    delete, also in the bulk action, shows the reason as a message; nothing is written."""

    form = ModelFormulier

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as fout:
            if request.method != "POST":
                raise
            # ``changeform_view`` runs in a transaction, which the refusal rolled back. The
            # second pass validates the same input and fails on the refusal, so the page
            # shows the form again instead of saving.
            request._weigering = fout
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulier = super().get_form(request, obj, change, **kwargs)
        weigering = getattr(request, "_weigering", None)
        if weigering is None:
            return formulier
        return type(formulier.__name__, (MetWeigering, formulier), {"weigering": weigering})

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as fout:
            self.message_user(request, " ".join(fout.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def log_deletions(self, request, queryset):
        # The bulk action logs all selected rows before it deletes them (a QuerySet); a row
        # a service refuses must not be logged as deleted, so ``delete_queryset`` logs each
        # row inside its own deletion. The delete page passes a list of one row, whose log
        # entry its transaction rolls back on a refusal.
        if isinstance(queryset, models.QuerySet):
            return None
        return super().log_deletions(request, queryset)

    def delete_queryset(self, request, queryset):
        verwijderd = 0
        for obj in queryset:
            try:
                with transaction.atomic():
                    self.log_deletions(request, [obj])
                    self.delete_model(request, obj)
            except ValidationError as fout:
                self.message_user(request, f"{obj}: {' '.join(fout.messages)}", messages.ERROR)
            else:
                verwijderd += 1
        request._aantal_verwijderd = verwijderd

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        aantal = getattr(request, "_aantal_verwijderd", None)
        if aantal is not None and level == messages.SUCCESS:
            # Django's bulk delete counts the rows it was given, refused ones included.
            del request._aantal_verwijderd
            if not aantal:
                return None
            message = ngettext(
                "%(aantal)d %(naam)s verwijderd.", "%(aantal)d %(namen)s verwijderd.", aantal
            ) % {
                "aantal": aantal,
                "naam": self.model._meta.verbose_name,
                "namen": self.model._meta.verbose_name_plural,
            }
        return super().message_user(request, message, level, *args, **kwargs)


class MetWeigering(forms.BaseForm):
    """Form mixin that adds a service's refusal to the form's errors (see DienstAdmin)."""

    weigering: ValidationError

    def _post_clean(self):
        super()._post_clean()
        fout = self.weigering
        if hasattr(fout, "error_dict"):
            for veld, fouten in fout.error_dict.items():
                self.add_error(veld if veld in self.fields else None, fouten)
        else:
            self.add_error(None, fout.messages)


class AlleenLezenAdmin(admin.ModelAdmin):
    """For data that only the system writes: the list and the detail page, no changes."""

    form = ModelFormulier

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- accounts ----------------------------------------------------------------------------


class GebruikerAanmaakForm(BewaakteTekstMixin, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = Gebruiker
        fields = ("username", "email", "first_name", "last_name")


class GebruikerWijzigForm(BewaakteTekstMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = Gebruiker


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    form = GebruikerWijzigForm
    add_form = GebruikerAanmaakForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "email",
                    "first_name",
                    "last_name",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "persoon",
        "is_staff",
        "is_superuser",
        "is_active",
    )
    list_select_related = ("persoon",)
    ordering = ("username",)

    # Changes of groups and flags are audited by ``gebruikersrechten`` whatever path makes
    # them; here the admin says who made them, and a form that changes several groups
    # records one event.
    def save_model(self, request, obj, form, change):
        with namens(request.user):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with namens(request.user):
            super().save_related(request, form, formsets, change)

    @admin.display(description=_("persoon"), ordering="persoon__achternaam")
    def persoon(self, obj):
        try:
            return obj.persoon
        except Gebruiker.persoon.RelatedObjectDoesNotExist:
            return None


# --- audit trail -------------------------------------------------------------------------


@admin.register(Gebeurtenis)
class GebeurtenisAdmin(AlleenLezenAdmin):
    """The audit trail: read only, also for administrators."""

    list_display = ("tijdstip", "actie", "omschrijving", "door", "regio", "onderwerp_link")
    list_filter = ("actie", "regio", ("tijdstip", admin.DateFieldListFilter))
    list_select_related = ("door", "regio", "onderwerp_type")
    search_fields = ("omschrijving", "reden", "actie", "door__username")
    search_help_text = _("Zoek in omschrijving, reden, actie of gebruikersnaam.")
    date_hierarchy = "tijdstip"
    fields = (
        "tijdstip",
        "actie",
        "omschrijving",
        "door",
        "regio",
        "onderwerp_link",
        "van_status",
        "naar_status",
        "reden",
        "gegevens",
    )
    readonly_fields = fields
    show_full_result_count = False

    @admin.display(description=_("onderwerp"))
    def onderwerp_link(self, obj):
        soort = obj.onderwerp_type
        if soort is None:
            return "–"
        label = f"{soort.name} #{obj.onderwerp_id}"
        try:
            url = reverse(f"admin:{soort.app_label}_{soort.model}_change", args=[obj.onderwerp_id])
        except NoReverseMatch:
            return label
        return format_html('<a href="{}">{}</a>', url, label)


# --- e-mail outbox -----------------------------------------------------------------------


class VerzendstatusFilter(admin.SimpleListFilter):
    title = _("verzendstatus")
    parameter_name = "verzonden"

    def lookups(self, request, model_admin):
        return [
            ("ja", _("verstuurd")),
            ("nee", _("nog niet verstuurd")),
            ("opgegeven", _("opgegeven na %(aantal)s pogingen") % {"aantal": MAX_POGINGEN}),
        ]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(verstuurd_op__isnull=False)
        if self.value() == "nee":
            return queryset.filter(verstuurd_op__isnull=True)
        if self.value() == "opgegeven":
            return queryset.filter(verstuurd_op__isnull=True, pogingen__gte=MAX_POGINGEN)
        return queryset


@admin.register(UitgaandeEmail)
class UitgaandeEmailAdmin(AlleenLezenAdmin):
    """Which e-mail went, or waits to go, to whom about which step; written by the steps
    and the worker only.

    The text is not shown: the confirmation and choose-a-password e-mails carry links that
    act as a key to someone else's registration or account."""

    list_display = (
        "aangemaakt_op",
        "soort",
        "ontvanger",
        "onderwerp",
        "verstuurd",
        "pogingen",
        "gebeurtenis",
    )
    list_filter = (VerzendstatusFilter, "soort", ("aangemaakt_op", admin.DateFieldListFilter))
    list_select_related = ("gebeurtenis",)
    search_fields = ("ontvanger", "onderwerp", "stap")
    search_help_text = _("Zoek op ontvanger, onderwerp of stap.")
    date_hierarchy = "aangemaakt_op"
    fields = (
        "stap",
        "gebeurtenis",
        "soort",
        "ontvanger",
        "onderwerp",
        "aangemaakt_op",
        "verstuurd_op",
        "pogingen",
        "laatste_poging_op",
        "laatste_fout",
    )
    readonly_fields = fields
    show_full_result_count = False

    @admin.display(description=_("verstuurd"), boolean=True, ordering="verstuurd_op")
    def verstuurd(self, obj):
        return obj.verstuurd_op is not None
