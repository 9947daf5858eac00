"""The form of an activity in the region's plan.

The choices (compass points, partners, budget lines) come from objects the page has
already loaded, so the form adds no queries; the service checks the same choices again
inside the transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django import forms
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ecosysteem import opmaak
from ecosysteem.opmaak import euro, schooljaar_label
from partners.models import Organisatie
from regios.forms import DossierFormulier

from .models import Doelgroep, Interventieniveau, Kompaspunt


class AantalVeld(forms.IntegerField):
    """A whole number of at least 0 as a Dutch user types it: ``1.200`` or ``1 200`` is
    twelve hundred. A text box with ``inputmode="numeric"``: a number input would read
    ``1.200`` as one point two in some browsers."""

    default_error_messages = {
        "invalid": _("Vul een heel getal in, bijvoorbeeld 250."),
        "min_value": _("Vul 0 of meer in."),
        "max_value": _("Dit aantal is te groot."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(min_value=0, max_value=2_000_000_000, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            schoon = re.sub(r"[\s\u00a0\u202f]", "", value)
            if re.fullmatch(r"\d{1,3}(\.\d{3})+", schoon):
                schoon = schoon.replace(".", "")
            value = schoon
        return super().to_python(value)


def begrotingsregel_label(regel: Model) -> str:
    return f"{regel.schooljaar_label} · {capfirst(regel.get_kostensoort_display())} · " + (
        f"{regel.omschrijving} · {euro(regel.bedrag)}"
    )


class ActiviteitForm(DossierFormulier):
    titel = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Een korte naam, bijvoorbeeld: Techniekweek voor groep 7 en 8."),
        error_messages={
            "required": _("Geef de activiteit een titel."),
            "max_length": _("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )
    beschrijving = forms.CharField(
        label=_("Beschrijving"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat gebeurt er, met wie, en wat levert het op?"),
        error_messages={"required": _("Beschrijf de activiteit.")},
    )
    kompaspunten = forms.MultipleChoiceField(
        label=_("Kompaspunten"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aan welke punten van het interventiekompas draagt de activiteit bij?"),
        error_messages={
            "required": _("Kies minstens één kompaspunt."),
            "invalid_choice": _("Kies kompaspunten uit de lijst."),
        },
    )
    interventieniveau = forms.ChoiceField(
        label=_("Interventieniveau"),
        choices=Interventieniveau.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een interventieniveau."),
            "invalid_choice": _("Kies een interventieniveau uit de lijst."),
        },
    )
    doelgroepen = forms.MultipleChoiceField(
        label=_("Doelgroepen"),
        choices=[(code, capfirst(label)) for code, label in Doelgroep.choices],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één doelgroep."),
            "invalid_choice": _("Kies doelgroepen uit de lijst."),
        },
    )
    partners = forms.MultipleChoiceField(
        label=_("Betrokken partners"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _(
                "Deze organisatie doet niet mee in de regio. Kies partners uit de lijst."
            ),
        },
    )
    schooljaren = forms.TypedMultipleChoiceField(
        label=_("Schooljaren"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één schooljaar."),
            "invalid_choice": _("Kies schooljaren binnen het tijdvak."),
        },
    )
    bereik_leerlingen = AantalVeld(
        label=_("Beoogd bereik: leerlingen"),
        initial=0,
        help_text=_("Hoeveel leerlingen doen mee? Bijvoorbeeld 1.200."),
        error_messages={"required": _("Vul het aantal leerlingen in; 0 mag.")},
    )
    bereik_vestigingen = AantalVeld(
        label=_("Beoogd bereik: vestigingen"),
        initial=0,
        help_text=_("Hoeveel schoolvestigingen doen mee?"),
        error_messages={"required": _("Vul het aantal vestigingen in; 0 mag.")},
    )
    begrotingsregels = forms.MultipleChoiceField(
        label=_("Betaald uit begrotingsregels"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Kies begrotingsregels van de begroting van deze regio."),
        },
    )

    def __init__(
        self,
        *args,
        kompaspunten: Iterable[Kompaspunt],
        partners: Iterable[Organisatie],
        schooljaren: Iterable[int],
        begrotingsregels: Iterable[Model],
        vestigingen: int | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if vestigingen is not None:
            # The service refuses more; the help says the limit before anyone tries.
            self.fields["bereik_vestigingen"].help_text = ngettext(
                "Hoeveel schoolvestigingen doen mee? In de regio doet nu %(aantal)s "
                "vestiging mee; meer kan een activiteit niet bereiken.",
                "Hoeveel schoolvestigingen doen mee? In de regio doen nu %(aantal)s "
                "vestigingen mee; meer kan een activiteit niet bereiken.",
                vestigingen,
            ) % {"aantal": vestigingen}
        self.keuzes = {
            "kompaspunten": {str(p.pk): p for p in kompaspunten},
            "partners": {str(o.pk): o for o in partners},
            "begrotingsregels": {str(r.pk): r for r in begrotingsregels},
        }
        self.fields["kompaspunten"].choices = [
            (pk, p.naam) for pk, p in self.keuzes["kompaspunten"].items()
        ]
        self.fields["partners"].choices = list(
            zip(
                self.keuzes["partners"],
                opmaak.onderscheidend(
                    [(o.naam, o.plaats) for o in self.keuzes["partners"].values()]
                ),
                strict=True,
            )
        )
        self.fields["begrotingsregels"].choices = [
            (pk, begrotingsregel_label(r)) for pk, r in self.keuzes["begrotingsregels"].items()
        ]
        self.fields["schooljaren"].choices = [(j, schooljaar_label(j)) for j in schooljaren]
        if not self.keuzes["partners"]:
            self.fields["partners"].help_text = _(
                "De regio heeft nog geen partners. Voeg ze toe onder Partners."
            )
        if not self.keuzes["begrotingsregels"]:
            self.fields["begrotingsregels"].help_text = _(
                "De begroting heeft nog geen regels. Voeg ze toe onder Begroting."
            )
        else:
            self.fields["begrotingsregels"].help_text = _(
                "Schooljaar, kostensoort, omschrijving en bedrag."
            )

    def _objecten(self, veld: str) -> list:
        return [self.keuzes[veld][pk] for pk in self.cleaned_data[veld]]

    def clean_kompaspunten(self):
        return self._objecten("kompaspunten")

    def clean_partners(self):
        return self._objecten("partners")

    def clean_begrotingsregels(self):
        return self._objecten("begrotingsregels")

    def servicevelden(self) -> dict:
        return {
            veld: self.cleaned_data[veld]
            for veld in (
                "titel",
                "beschrijving",
                "kompaspunten",
                "interventieniveau",
                "doelgroepen",
                "partners",
                "schooljaren",
                "bereik_leerlingen",
                "bereik_vestigingen",
                "begrotingsregels",
                "versie",
            )
        }
