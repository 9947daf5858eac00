"""The forms of the ministry's review pages: the steps of the
review (assigning, asking for more information, the assessment, the decision)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecosysteem.formulieren import Formulier, bedragveld
from ecosysteem.models import Gebruiker
from ecosysteem.rollen import BEOORDELAARS

from .models import Besluituitkomst


def beoordelaars():
    return (
        Gebruiker.objects.filter(groups__name=BEOORDELAARS, is_active=True)
        .order_by("first_name", "last_name", "username")
        .distinct()
    )


class ToewijzenForm(Formulier):
    beoordelaar = forms.ModelChoiceField(
        label=gettext_lazy("Beoordelaar"),
        queryset=Gebruiker.objects.none(),
        empty_label=gettext_lazy("Kies een beoordelaar"),
        error_messages={"required": gettext_lazy("Kies een beoordelaar.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["beoordelaar"].queryset = beoordelaars()


class AanvullingForm(Formulier):
    vragen = forms.CharField(
        label=gettext_lazy("Welke informatie hebt u nog nodig?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=gettext_lazy(
            "De programmamanager krijgt deze vragen per e-mail en ziet ze bij het opnieuw "
            "indienen. Noem per vraag het onderdeel van het dossier."
        ),
        error_messages={"required": gettext_lazy("Schrijf op welke informatie u nog nodig hebt.")},
    )


class BeoordelingForm(Formulier):
    """A score and a motivation per criterion of the period, and a summary."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for c in criteria:
            self.fields[f"score_{c.code}"] = forms.TypedChoiceField(
                label=_("Score voor %(criterium)s") % {"criterium": c.naam},
                choices=[(str(i), str(i)) for i in range(0, c.maximale_score + 1)],
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("0 is onvoldoende, %(max)s is uitstekend.") % {"max": c.maximale_score},
                error_messages={
                    "required": _("Geef een score voor %(criterium)s.") % {"criterium": c.naam}
                },
            )
            self.fields[f"motivering_{c.code}"] = forms.CharField(
                label=_("Motivering bij %(criterium)s") % {"criterium": c.naam},
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=5000,
                error_messages={
                    "required": _("Motiveer de score voor %(criterium)s.") % {"criterium": c.naam}
                },
            )
        self.fields["eindoordeel"] = forms.CharField(
            label=gettext_lazy("Samenvattend oordeel"),
            widget=forms.Textarea(attrs={"rows": 5}),
            max_length=5000,
            help_text=gettext_lazy("Dit leest de besluitvormer als eerste."),
            error_messages={"required": gettext_lazy("Vat uw oordeel samen.")},
        )

    def per_criterium(self):
        return [(c, self[f"score_{c.code}"], self[f"motivering_{c.code}"]) for c in self.criteria]

    def scores(self) -> dict[str, tuple[int, str]]:
        return {
            c.code: (
                self.cleaned_data[f"score_{c.code}"],
                self.cleaned_data[f"motivering_{c.code}"],
            )
            for c in self.criteria
        }


class BesluitForm(Formulier):
    voorwaardelijk_verplicht = ("bedrag",)  # required when granting
    uitkomst = forms.ChoiceField(
        label=gettext_lazy("Besluit"),
        choices=Besluituitkomst.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies toekennen of afwijzen.")},
    )
    bedrag = bedragveld(gettext_lazy("Toegekend bedrag in euro"), required=False)
    motivering = forms.CharField(
        label=gettext_lazy("Motivering"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": gettext_lazy("Motiveer het besluit.")},
    )

    def clean(self):
        gegevens = super().clean()
        if (
            gegevens.get("uitkomst") == Besluituitkomst.TOEKENNEN
            and not gegevens.get("bedrag")
            and "bedrag" not in self.errors
        ):
            self.add_error("bedrag", _("Vul het bedrag in dat u toekent."))
        if (
            gegevens.get("uitkomst") == Besluituitkomst.AFWIJZEN
            and gegevens.get("bedrag") is not None
            and "bedrag" not in self.errors
        ):
            self.add_error(
                "bedrag",
                _("Bij afwijzen hoort geen bedrag. Maak het veld leeg of kies toekennen."),
            )
        return gegevens
