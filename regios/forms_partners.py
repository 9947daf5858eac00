"""Forms of the dossier's Partners and Rollen pages.

Every form carries the hidden ``versie``: the dossier version it was opened on, so a change
made meanwhile by someone else is refused instead of overwritten.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.exceptions import ValidationError as StdnumFout
from stdnum.nl import brin

from ecosysteem import opmaak
from ecosysteem.formulieren import Formulier
from partners.models import SCHOOLSOORTEN, Organisatie, Organisatiesoort, Persoon
from partners.validators import (
    normaliseer_kvk,
    normaliseer_postcode,
    valideer_brin,
    valideer_kvk,
    valideer_postcode,
)

from .models import LOPENDE_DEELNAME, Bestuursorgaan, Orgaansoort, Regio, Rolsoort
from .services import bestaande_organisatie_met_kvk, kvk_bestaat_fout

# Kinds of organisation that DUO gives a BRIN number: schools, school boards and the
# institutions of higher and vocational education.
BRIN_SOORTEN = SCHOOLSOORTEN | {
    Organisatiesoort.MBO,
    Organisatiesoort.HBO,
    Organisatiesoort.UNIVERSITEIT,
}


class VersieForm(Formulier):
    versie = forms.IntegerField(widget=forms.HiddenInput)


class PenvoerderForm(VersieForm):
    """The confirmation of a new penvoerder: the box must be ticked, or nothing changes."""

    bevestigd = forms.BooleanField(
        label=gettext_lazy("Ik bevestig dat deze organisatie de penvoerder wordt."),
        error_messages={
            "required": gettext_lazy("Vink aan dat u de penvoerder wilt wijzigen."),
        },
    )

    def __init__(self, *args, nieuw: str, huidig: str | None, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["bevestigd"]
        if huidig:
            veld.label = _(
                "Ik bevestig dat %(nieuw)s de penvoerder wordt in plaats van %(huidig)s."
            ) % {"nieuw": nieuw, "huidig": huidig}
        else:
            veld.label = _("Ik bevestig dat %(nieuw)s de penvoerder wordt.") % {"nieuw": nieuw}


def partners_van(regio: Regio):
    """The organisations that take part in the region, for choosing one in a form (each
    once, however many participations it has)."""
    return (
        Organisatie.objects.filter(
            deelnames__in=regio.deelnames.filter(LOPENDE_DEELNAME, organisatie__isnull=False)
        )
        .distinct()
        .order_by("naam", "plaats", "pk")
    )


def onderscheid_organisaties(veld: forms.ModelChoiceField) -> None:
    """Let a choice of organisations tell equal names apart by their place ("Yuverta
    (Houten)", "Yuverta (Velp)"); a unique name keeps its plain label. The labels are
    worked out once, when the choices are first shown."""
    labels: dict[int, str] = {}

    def label(organisatie) -> str:
        if not labels:
            rijen = list(veld.queryset.values_list("pk", "naam", "plaats"))
            namen = opmaak.onderscheidend([(naam, plaats) for _pk, naam, plaats in rijen])
            labels.update({pk: naam for (pk, _n, _p), naam in zip(rijen, namen, strict=True)})
        return labels.get(organisatie.pk, organisatie.naam)

    veld.label_from_instance = label


class NieuwePartnerForm(VersieForm):
    naam = forms.CharField(label=gettext_lazy("Naam van de organisatie"), max_length=200)
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort organisatie"),
        choices=[("", gettext_lazy("Kies een soort")), *Organisatiesoort.choices],
    )
    kvk_nummer = forms.CharField(
        label=gettext_lazy("KvK-nummer"),
        required=False,
        # Room for the spaces and dots people type; what is stored are the 8 digits.
        max_length=20,
        help_text=gettext_lazy("8 cijfers, bijvoorbeeld 12345678."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    brin_nummer = forms.CharField(
        label=gettext_lazy("BRIN-nummer"),
        required=False,
        max_length=10,
        help_text=gettext_lazy(
            "Alleen voor scholen, schoolbesturen en onderwijsinstellingen: 2 cijfers en "
            "2 letters, bijvoorbeeld 32DD."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    straat = forms.CharField(
        label=gettext_lazy("Straat"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    huisnummer = forms.CharField(label=gettext_lazy("Huisnummer"), required=False, max_length=20)
    postcode = forms.CharField(
        label=gettext_lazy("Postcode"),
        required=False,
        max_length=10,
        help_text=gettext_lazy("Bijvoorbeeld 2516 PV."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    plaats = forms.CharField(
        label=gettext_lazy("Plaats"),
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    website = forms.URLField(
        label=gettext_lazy("Website"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Bijvoorbeeld https://www.voorbeeld.nl."),
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Algemeen e-mailadres"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    omschrijving = forms.CharField(
        label=gettext_lazy("Wat brengt de organisatie in?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Bijvoorbeeld: gastlessen, een werkplaats voor leerlingen, begeleiding van leraren."
        ),
    )

    field_order = [
        "naam",
        "soort",
        "kvk_nummer",
        "brin_nummer",
        "straat",
        "huisnummer",
        "postcode",
        "plaats",
        "website",
        "email",
        "omschrijving",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The organisation that already has the KvK number typed, so the page can offer to
        # add that one instead.
        self.bestaande_organisatie: Organisatie | None = None

    def clean_naam(self) -> str:
        naam = self.cleaned_data["naam"].strip()
        if not naam:
            raise ValidationError(_("Vul de naam van de organisatie in."), code="required")
        return naam

    def clean_kvk_nummer(self) -> str:
        waarde = normaliseer_kvk(self.cleaned_data["kvk_nummer"])
        if not waarde:
            return ""
        valideer_kvk(waarde)
        bestaand = bestaande_organisatie_met_kvk(waarde)
        if bestaand is not None:
            self.bestaande_organisatie = bestaand
            raise kvk_bestaat_fout(bestaand)
        return waarde

    def clean_brin_nummer(self) -> str:
        waarde = self.cleaned_data["brin_nummer"].strip()
        if not waarde:
            return ""
        valideer_brin(waarde)
        # The register and the database keep BRIN numbers in capitals without spaces.
        try:
            return brin.compact(waarde)
        except StdnumFout:
            return waarde.upper()

    def clean_postcode(self) -> str:
        waarde = self.cleaned_data["postcode"].strip()
        if not waarde:
            return ""
        valideer_postcode(waarde)
        return normaliseer_postcode(waarde)

    def clean(self):
        gegevens = super().clean()
        soort = gegevens.get("soort")
        if gegevens.get("brin_nummer") and soort and soort not in BRIN_SOORTEN:
            self.add_error(
                "brin_nummer",
                _(
                    "Een BRIN-nummer hoort bij een school, schoolbestuur of "
                    "onderwijsinstelling. Laat dit veld leeg of kies een andere soort."
                ),
            )
        return gegevens

    def organisatievelden(self) -> dict:
        """The cleaned values as keyword arguments for the organisation."""
        return {
            naam: waarde for naam, waarde in self.cleaned_data.items() if naam not in {"versie"}
        }


class PartnerToevoegenForm(VersieForm):
    """Add an existing organisation (picked from the search results) to the region."""

    organisatie = forms.ModelChoiceField(
        queryset=Organisatie.objects.all(),
        error_messages={"invalid_choice": gettext_lazy("Deze organisatie bestaat niet (meer).")},
    )


class PartnerVerwijderenForm(VersieForm):
    VERGISSING = "vergissing"
    GESTOPT = "gestopt"

    wijze = forms.ChoiceField(
        label=gettext_lazy("Waarom gaat de organisatie eruit?"),
        choices=[
            (
                VERGISSING,
                gettext_lazy("Per vergissing toegevoegd: helemaal verwijderen"),
            ),
            (
                GESTOPT,
                gettext_lazy("De organisatie stopt: deelname beëindigen (blijft in de historie)"),
            ),
        ],
        widget=forms.RadioSelect,
        initial=GESTOPT,
    )
    reden = forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RedenForm(VersieForm):
    reden = forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OrgaanForm(VersieForm):
    soort = forms.ChoiceField(
        label=gettext_lazy("Soort orgaan"),
        choices=[("", gettext_lazy("Kies een soort")), *Orgaansoort.choices],
    )
    naam = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=160,
        help_text=gettext_lazy("Bijvoorbeeld: Stuurgroep Techkwadraat Westerkwartier."),
    )
    taak = forms.CharField(
        label=gettext_lazy("Taak en mandaat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    field_order = ["soort", "naam", "taak"]

    def clean_naam(self) -> str:
        naam = self.cleaned_data["naam"].strip()
        if not naam:
            raise ValidationError(_("Vul een naam in."), code="required")
        return naam


class RolForm(VersieForm):
    BESTAAND = "bestaand"
    NIEUW = "nieuw"

    soort = forms.ChoiceField(
        label=gettext_lazy("Rol"),
        choices=[("", gettext_lazy("Kies een rol")), *Rolsoort.choices],
    )
    orgaan = forms.ModelChoiceField(
        label=gettext_lazy("In orgaan"),
        queryset=Bestuursorgaan.objects.none(),
        required=False,
        empty_label=gettext_lazy("Geen orgaan"),
        help_text=gettext_lazy(
            "Voor een lid van de stuurgroep, adviesraad, kerngroep of een werkgroep."
        ),
    )
    namens = forms.ModelChoiceField(
        label=gettext_lazy("Namens organisatie"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=gettext_lazy("Niet namens een organisatie"),
        help_text=gettext_lazy("Alleen organisaties die meedoen in de regio."),
    )
    persoon_keuze = forms.ChoiceField(
        label=gettext_lazy("Wie krijgt de rol?"),
        choices=[
            (NIEUW, gettext_lazy("Een nieuwe persoon")),
            (BESTAAND, gettext_lazy("Iemand die al in het portaal staat")),
        ],
        widget=forms.RadioSelect,
        initial=NIEUW,
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    voornaam = forms.CharField(
        label=gettext_lazy("Voornaam"),
        required=False,
        max_length=80,
        error_messages={"required": gettext_lazy("Vul de voornaam in.")},
    )
    tussenvoegsel = forms.CharField(
        label=gettext_lazy("Tussenvoegsel"), required=False, max_length=20
    )
    achternaam = forms.CharField(
        label=gettext_lazy("Achternaam"),
        required=False,
        max_length=120,
        error_messages={"required": gettext_lazy("Vul de achternaam in.")},
    )
    functie = forms.CharField(label=gettext_lazy("Functie"), required=False, max_length=120)
    organisatie = forms.ModelChoiceField(
        label=gettext_lazy("Werkt bij"),
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label=gettext_lazy("Geen van de partners"),
        help_text=gettext_lazy("Kies uit de organisaties die meedoen in de regio."),
    )

    # Fields that describe a new person; the template groups them.
    PERSOONVELDEN = ("voornaam", "tussenvoegsel", "achternaam", "functie", "organisatie")

    def __init__(self, *args, regio: Regio, **kwargs):
        super().__init__(*args, **kwargs)
        self.regio = regio
        self.fields["orgaan"].queryset = regio.organen.order_by("soort", "naam")
        self.fields["orgaan"].label_from_instance = lambda orgaan: (
            f"{orgaan.naam} ({orgaan.get_soort_display()})"
        )
        # The name is required for a new person only; marking the fields required (unless
        # someone known was chosen) also shows the form without "(niet verplicht)" there.
        nieuw = self.data.get(self.add_prefix("persoon_keuze"), self.NIEUW) != self.BESTAAND
        for veld in ("voornaam", "achternaam"):
            self.fields[veld].required = nieuw
        partners = partners_van(regio)
        self.fields["namens"].queryset = partners
        self.fields["organisatie"].queryset = partners
        onderscheid_organisaties(self.fields["namens"])
        onderscheid_organisaties(self.fields["organisatie"])
        self.persoon: Persoon | None = None

    def persoonvelden(self):
        return [self[naam] for naam in self.PERSOONVELDEN]

    def clean(self):
        gegevens = super().clean()
        email = gegevens.get("email")
        keuze = gegevens.get("persoon_keuze")
        if not email or not keuze:
            return gegevens
        bestaand = Persoon.objects.filter(email__iexact=email).first()
        if keuze == self.BESTAAND:
            if bestaand is None:
                self.add_error(
                    "email",
                    _(
                        "Er staat niemand met dit e-mailadres in het portaal. Kies 'Een nieuwe "
                        "persoon' en vul de naam in."
                    ),
                )
            self.persoon = bestaand
            return gegevens
        if bestaand is not None:
            self.add_error(
                "email",
                _(
                    "Er staat al iemand met dit e-mailadres in het portaal: %(naam)s. Kies "
                    "'Iemand die al in het portaal staat'."
                )
                % {"naam": bestaand.volledige_naam},
            )
        return gegevens

    def nieuwe_persoon(self) -> dict | None:
        """The new person's fields for the service, or None for an existing person."""
        if self.cleaned_data["persoon_keuze"] != self.NIEUW:
            return None
        return {
            "email": self.cleaned_data["email"],
            "voornaam": self.cleaned_data["voornaam"].strip(),
            "tussenvoegsel": self.cleaned_data["tussenvoegsel"].strip(),
            "achternaam": self.cleaned_data["achternaam"].strip(),
            "functie": self.cleaned_data["functie"].strip(),
            "organisatie": self.cleaned_data["organisatie"],
        }
