"""Forms of the collaboration scan: opening a round, and answering one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ecosysteem.formulieren import Formulier

from .scan import ONDERDELEN, SCHAAL, VRAGEN, Vraag
from .services_scan import MAX_TOELICHTING


class ScanFormulier(Formulier):
    def voer_uit(self, actie: Callable[[], Any]) -> tuple[bool, Any]:
        """Run a service call; on refusal put its messages on this form."""
        try:
            return True, actie()
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.error_dict.items():
                    self.add_error(self.veldnaam(veld), fouten)
            else:
                self.add_error(None, fout.messages)
        return False, None

    def veldnaam(self, sleutel: str) -> str | None:
        return sleutel if sleutel in self.fields else None


class ScanrondeForm(ScanFormulier):
    naam = forms.CharField(
        label=_("Naam van de ronde"),
        max_length=120,
        help_text=_("Bijvoorbeeld ‘Voorjaar 2026’."),
        error_messages={"required": _("Geef de scanronde een naam.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting voor de deelnemers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Waarom deze ronde, en tot wanneer kan men antwoorden?"),
    )


def scoreveld(vraag: Vraag) -> str:
    return f"score_{vraag.code}"


def toelichtingveld(vraag: Vraag) -> str:
    return f"toelichting_{vraag.code}"


class ScanantwoordForm(ScanFormulier):
    """One radio group (1–5) and one optional comment per question."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [(str(n), f"{n} – {label}") for n, label in SCHAAL]
        for vraag in VRAGEN:
            self.fields[scoreveld(vraag)] = forms.TypedChoiceField(
                label=vraag.tekst,
                choices=keuzes,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies een antwoord bij ‘%(titel)s’.") % {"titel": vraag.titel},
                    "invalid_choice": _("Kies een antwoord van 1 tot en met 5."),
                },
            )
            self.fields[toelichtingveld(vraag)] = forms.CharField(
                label=_("Toelichting bij ‘%(titel)s’") % {"titel": vraag.titel},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=MAX_TOELICHTING,
            )

    def veldnaam(self, sleutel: str) -> str | None:
        # The service names a question by its code; the form's field is score_<code>.
        if f"score_{sleutel}" in self.fields:
            return f"score_{sleutel}"
        return super().veldnaam(sleutel)

    def onderdelen(self) -> list[dict]:
        """The questions grouped as the questionnaire shows them, with their fields."""
        return [
            {
                "code": code,
                "kop": kop,
                "vragen": [
                    {
                        "vraag": vraag,
                        "score": self[scoreveld(vraag)],
                        "toelichting": self[toelichtingveld(vraag)],
                    }
                    for vraag in VRAGEN
                    if vraag.onderdeel == code
                ],
            }
            for code, kop in ONDERDELEN
        ]

    def scores(self) -> dict[str, int]:
        return {v.code: self.cleaned_data[scoreveld(v)] for v in VRAGEN}

    def toelichtingen(self) -> dict[str, str]:
        return {
            v.code: self.cleaned_data[toelichtingveld(v)]
            for v in VRAGEN
            if self.cleaned_data.get(toelichtingveld(v))
        }


class ScanrondeSluitenForm(Formulier):
    """The confirmation of closing a round: closing cannot be undone, so the box must be
    ticked, or nothing happens."""

    bevestigd = forms.BooleanField(
        label=_("Ik begrijp dat na het sluiten niemand meer kan antwoorden."),
        error_messages={"required": _("Vink aan dat u de ronde wilt sluiten.")},
    )
