"""Forms of the branches page: the eligible pupils of a branch, removing a branch."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecosysteem.formulieren import Formulier
from regios.models import Deelname
from regios.services import (
    controleer_leerlingen,
)


class LeerlingenForm(Formulier):
    """The eligible pupils of one branch; empty means: count the register's number."""

    opgegeven_leerlingen = forms.IntegerField(
        label=gettext_lazy("Tellende leerlingen"), min_value=0, required=False
    )
    leerlingen_toelichting = forms.CharField(
        label=gettext_lazy("Hoe komt u aan dit aantal?"),
        max_length=300,
        required=False,
        help_text=gettext_lazy(
            "Nodig als u een aantal opgeeft. Bijvoorbeeld: leerlingen mavo, havo en vwo "
            "volgens de eigen administratie op 1 oktober."
        ),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, deelname: Deelname, **kwargs):
        # One form per branch on the list page: the prefix keeps field ids unique.
        kwargs["prefix"] = kwargs.get("prefix") or f"opgave-{deelname.vestiging.vestigingscode}"
        super().__init__(*args, **kwargs)
        self.deelname = deelname
        register = deelname.vestiging.leerlingen
        if register is None:
            hulp = _("Het register geeft geen leerlingaantal. Laat leeg om 0 te tellen.")
        else:
            hulp = _(
                "Het register telt %(register)s leerlingen, ook van leerwegen die niet "
                "meetellen. Nooit meer dan dat; laat leeg om het registeraantal te gebruiken."
            ) % {"register": register}
        self.fields["opgegeven_leerlingen"].help_text = hulp
        self.fields["opgegeven_leerlingen"].widget.attrs.update(
            {"inputmode": "numeric", "class": "portaal-vestigingen__getalveld"}
        )
        self.fields["versie"].label = _("Versie van het dossier")

    def clean(self):
        gegevens = super().clean()
        aantal = gegevens.get("opgegeven_leerlingen")
        if aantal is None:
            # Back to the register: an explanation of a stated number no longer applies.
            gegevens["leerlingen_toelichting"] = ""
            return gegevens
        try:
            controleer_leerlingen(
                Deelname(vestiging=self.deelname.vestiging, opgegeven_leerlingen=aantal)
            )
        except ValidationError as fout:
            self.add_error("opgegeven_leerlingen", fout)
        if not gegevens.get("leerlingen_toelichting", "").strip():
            self.add_error(
                "leerlingen_toelichting",
                _("Leg kort uit hoe u aan het aantal tellende leerlingen komt."),
            )
        return gegevens


class VerwijderForm(Formulier):
    reden = forms.CharField(
        label=gettext_lazy("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        help_text=gettext_lazy("Komt in de geschiedenis van het dossier."),
    )
    versie = forms.IntegerField(widget=forms.HiddenInput)
