"""Forms of "Mijn organisatie": the organisation's data and a pledge of co-financing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ecosysteem.formulieren import Formulier
from partners.validators import valideer_postcode

from .forms import CofinancieringForm


class OrganisatiegegevensForm(Formulier):
    """What a contact person keeps up to date. The KvK number, the kind of organisation
    and the register numbers are not here: the programme manager keeps those."""

    # When the form was opened (the organisation's last change), so that a save over
    # someone else's newer change is refused instead of silently undoing it.
    geopend_op = forms.CharField(widget=forms.HiddenInput, required=False)
    naam = forms.CharField(
        label=_("Naam van de organisatie"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Vul de naam van de organisatie in.")},
    )
    straat = forms.CharField(
        label=_("Straat"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    huisnummer = forms.CharField(label=_("Huisnummer"), required=False, max_length=20)
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        help_text=_("Bijvoorbeeld 2516 PV."),
        validators=[valideer_postcode],
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    plaats = forms.CharField(
        label=_("Plaats"),
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld https://www.voorbeeld.nl."),
        error_messages={
            "invalid": _("Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl.")
        },
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    email = forms.EmailField(
        label=_("Algemeen e-mailadres"),
        required=False,
        help_text=_("Bijvoorbeeld info@voorbeeld.nl."),
        error_messages={
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld info@voorbeeld.nl.")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    telefoon = forms.CharField(
        label=_("Algemeen telefoonnummer"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    omschrijving = forms.CharField(
        label=_("Wat de organisatie inbrengt"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Bijvoorbeeld: gastlessen over robotica, een werkplaats voor leerlingen, "
            "expertise in duurzame energie."
        ),
    )
    contact_telefoon = forms.CharField(
        label=_("Uw telefoonnummer"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    contact_functie = forms.CharField(
        label=_("Uw functie"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )

    GROEPEN = [
        (
            _("Organisatie"),
            [
                "naam",
                "straat",
                "huisnummer",
                "postcode",
                "plaats",
                "website",
                "email",
                "telefoon",
                "omschrijving",
            ],
        ),
        (_("Uw gegevens als contactpersoon"), ["contact_telefoon", "contact_functie"]),
    ]

    def groepen(self):
        return [(titel, [self[naam] for naam in namen]) for titel, namen in self.GROEPEN]

    def clean_geopend_op(self):
        waarde = self.cleaned_data["geopend_op"]
        if not waarde:
            return None
        try:
            return datetime.datetime.fromisoformat(waarde)
        except ValueError:
            raise ValidationError(
                _("Het formulier is beschadigd. Open de pagina opnieuw."), code="geopend_op"
            ) from None

    def servicevelden(self) -> dict:
        gegevens = dict(self.cleaned_data)
        return {
            **{k: v for k, v in gegevens.items() if not k.startswith("contact_")},
            "contact": {
                k.removeprefix("contact_"): v
                for k, v in gegevens.items()
                if k.startswith("contact_")
            },
        }


class ToezeggingForm(CofinancieringForm):
    """A pledge of the contact's own organisation: the region's co-financing form without
    the choice of partner."""

    def __init__(self, *args, schooljaren: Iterable[int], **kwargs):
        super().__init__(*args, partners=[], schooljaren=schooljaren, **kwargs)
        del self.fields["organisatie"]

    def servicevelden(self) -> dict:
        g = self.cleaned_data
        return {
            veld: g[veld]
            for veld in (
                "schooljaar",
                "soort",
                "omschrijving",
                "bedrag",
                "uren",
                "uurtarief",
                "versie",
            )
        }
