"""The form of "Mijn gegevens": asking for one's data to be erased."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ecosysteem.formulieren import Formulier


class WissenForm(Formulier):
    toelichting = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Bijvoorbeeld: alleen mijn gegevens als contactpersoon, of alles."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    begrepen = forms.BooleanField(
        label=_(
            "Ik begrijp dat ik na het wissen niet meer kan inloggen en dat mijn naam in het "
            "portaal wordt vervangen door een nummer."
        ),
        error_messages={"required": _("Vink aan dat u begrijpt wat wissen betekent.")},
    )
