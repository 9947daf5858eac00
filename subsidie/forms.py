"""Forms of the co-financing and budget pages.

The forms check what a person can fix in the form itself (a missing amount, hours without
a rate, a negative value, a choice that is not on offer), in Dutch and next to the field.
The services check the same again inside the transaction, so a form is never the only
guard.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from ecosysteem import opmaak
from ecosysteem.formulieren import DecimaalVeld, Formulier, bedragveld
from ecosysteem.opmaak import schooljaar_label
from partners.models import Cofinancieringsoort
from regios.forms import DossierFormulier

from .models import Kostensoort


def schooljaarkeuzes(schooljaren: Iterable[int]) -> list[tuple[Any, str]]:
    return [("", _("Kies een schooljaar")), *((j, schooljaar_label(j)) for j in schooljaren)]


class CofinancieringForm(DossierFormulier):
    organisatie = forms.ChoiceField(
        label=_("Partner"),
        error_messages={
            "required": _("Kies een partner."),
            "invalid_choice": _(
                "Deze organisatie doet niet mee in de regio. Kies een partner uit de lijst."
            ),
        },
    )
    schooljaar = forms.TypedChoiceField(
        label=_("Schooljaar"),
        coerce=int,
        empty_value=None,
        error_messages={
            "required": _("Kies een schooljaar."),
            "invalid_choice": _("Kies een schooljaar binnen het tijdvak."),
        },
    )
    soort = forms.ChoiceField(
        label=_("Soort bijdrage"),
        choices=[(w, capfirst(label)) for w, label in Cofinancieringsoort.choices],
        widget=forms.RadioSelect,
        initial=Cofinancieringsoort.GELD,
        help_text=_(
            "Bij uren vult u het aantal uren en het uurtarief in; bij de andere soorten de "
            "waarde in euro's."
        ),
        error_messages={
            "required": _("Kies de soort bijdrage."),
            "invalid_choice": _("Kies een van de soorten bijdrage."),
        },
    )
    # The value fields are required, each for the kinds that use it: the form drops the
    # errors of the fields the chosen kind does not use (see clean). So the page does not
    # mark as optional a field the person must fill in.
    bedrag = bedragveld(
        _("Bedrag of waarde in euro's"),
        help_text=_("Bij geld, faciliteiten en materialen. Bijvoorbeeld 1.250,50."),
        error_messages={"required": _("Vul het bedrag in.")},
    )
    uren = DecimaalVeld(
        label=_("Aantal uren"),
        max_digits=8,
        decimal_places=1,
        vaste_decimalen=False,
        help_text=_("Bijvoorbeeld 40 of 12,5."),
        error_messages={
            "required": _("Vul het aantal uren in."),
            "invalid": _("Vul het aantal uren in als getal, bijvoorbeeld 40 of 12,5."),
            "nul": _("Het aantal uren moet groter zijn dan 0."),
            "negatief": _("Het aantal uren kan niet negatief zijn."),
            "max_decimal_places": _("Gebruik hoogstens 1 cijfer achter de komma."),
        },
    )
    uurtarief = bedragveld(
        _("Uurtarief in euro's"),
        help_text=_("Bijvoorbeeld 62,50."),
        error_messages={
            "required": _("Vul het uurtarief in; uren zonder tarief hebben geen waarde."),
            "nul": _("Het uurtarief moet groter zijn dan 0."),
            "negatief": _("Het uurtarief kan niet negatief zijn."),
        },
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        max_length=300,
        help_text=_(
            "Wat draagt de partner bij? Bijvoorbeeld: gastlessen door twee technici, of "
            "gebruik van de werkplaats."
        ),
        error_messages={"required": _("Beschrijf de bijdrage.")},
    )

    # The fields each kind of pledge uses; the others are hidden on screen and ignored.
    WAARDEVELDEN = {"bedrag": ("bedrag",), "uren": ("uren", "uurtarief")}

    def __init__(self, *args, partners, schooljaren: Iterable[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {str(o.pk): o for o in partners}
        labels = opmaak.onderscheidend([(o.naam, o.plaats) for o in self.partners.values()])
        self.fields["organisatie"].choices = [
            ("", _("Kies een partner")),
            *zip(self.partners, labels, strict=True),
        ]
        self.fields["schooljaar"].choices = schooljaarkeuzes(schooljaren)

    def clean_organisatie(self):
        return self.partners[self.cleaned_data["organisatie"]]

    def clean(self):
        gegevens = super().clean()
        soort = gegevens.get("soort")
        if soort:
            soort = "uren" if soort == Cofinancieringsoort.UREN else "bedrag"
        gebruikt = self.WAARDEVELDEN.get(soort, ())
        for veld in ("bedrag", "uren", "uurtarief"):
            if veld not in gebruikt:
                # Hidden for this kind (or no kind chosen): whatever it holds, even
                # something invalid, is dropped, so no error appears that the person
                # cannot see.
                self.errors.pop(veld, None)
                gegevens[veld] = None
        return gegevens

    def servicevelden(self) -> dict:
        g = self.cleaned_data
        return {
            veld: g[veld]
            for veld in (
                "organisatie",
                "schooljaar",
                "soort",
                "omschrijving",
                "bedrag",
                "uren",
                "uurtarief",
                "versie",
            )
        }


class BegrotingsregelForm(DossierFormulier):
    schooljaar = forms.TypedChoiceField(
        label=_("Schooljaar"),
        coerce=int,
        empty_value=None,
        error_messages={
            "required": _("Kies een schooljaar."),
            "invalid_choice": _("Kies een schooljaar binnen het tijdvak."),
        },
    )
    kostensoort = forms.ChoiceField(
        label=_("Kostensoort"),
        choices=[
            ("", _("Kies een kostensoort")),
            *((w, capfirst(label)) for w, label in Kostensoort.choices),
        ],
        error_messages={
            "required": _("Kies een kostensoort."),
            "invalid_choice": _("Kies een kostensoort uit de lijst."),
        },
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        max_length=300,
        help_text=_("Bijvoorbeeld: vervanging van leerkrachten tijdens de techniekweek."),
        error_messages={"required": _("Beschrijf waarvoor het bedrag is.")},
    )
    bedrag = bedragveld(
        _("Bedrag in euro's"),
        help_text=_("Bijvoorbeeld 1.250,50."),
        error_messages={"required": _("Vul het bedrag in.")},
    )

    def __init__(self, *args, schooljaren: Iterable[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schooljaar"].choices = schooljaarkeuzes(schooljaren)

    def servicevelden(self) -> dict:
        return {
            veld: self.cleaned_data[veld]
            for veld in ("schooljaar", "kostensoort", "omschrijving", "bedrag", "versie")
        }


class HeropenForm(Formulier):
    reden = forms.CharField(
        label=gettext_lazy("Waarom heropent u het dossier?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
