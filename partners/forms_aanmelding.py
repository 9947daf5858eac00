"""The public registration form of a region."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecosysteem.formulieren import DecimaalVeld, Formulier, bedragveld

from .models import SCHOOLSOORTEN, Aanbod, Cofinancieringsoort, Organisatiesoort, Vestiging
from .validators import normaliseer_kvk, valideer_kvk, valideer_postcode

# A school registers one of its branches from the register; the others (school boards
# included) are known by their KvK number.
VESTIGING_SOORTEN = SCHOOLSOORTEN - {Organisatiesoort.SCHOOLBESTUUR}
HONINGPOT = "website_2"
WAARDEVELDEN_UREN = ("cofinanciering_uren", "cofinanciering_uurtarief")
# What the amount column holds (12 digits, 2 after the point).
MAX_WAARDE = Decimal("10000000000")


def _privacylabel():
    return format_html(
        '{} <a class="nl-link" href="{}" target="_blank" rel="noopener">{}</a> {}',
        _("Ik ga akkoord met de"),
        reverse("privacy"),
        _("privacyverklaring (opent in een nieuw venster)"),
        _("en met het bewaren van deze gegevens voor de samenwerking."),
    )


class AanmeldingForm(Formulier):
    # Required for some kinds of organisation, or once a kind of contribution is chosen.
    voorwaardelijk_verplicht = (
        "kvk_nummer",
        "vestigingscode",
        "cofinanciering_bedrag",
        "cofinanciering_uren",
        "cofinanciering_uurtarief",
    )
    # For the page's script: the kinds that choose a branch from the register.
    vestiging_soorten = " ".join(sorted(VESTIGING_SOORTEN))

    soort = forms.ChoiceField(
        label=gettext_lazy("Soort organisatie"),
        choices=[("", gettext_lazy("Kies een soort")), *Organisatiesoort.choices],
    )
    naam = forms.CharField(
        label=gettext_lazy("Naam van de organisatie"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    kvk_nummer = forms.CharField(
        label=gettext_lazy("KvK-nummer"),
        required=False,
        # Room for the spaces and dots people type; what is stored are the 8 digits.
        max_length=20,
        help_text=gettext_lazy("8 cijfers, bijvoorbeeld 12345678. Niet nodig voor een school."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    vestigingscode = forms.CharField(
        label=gettext_lazy("Vestigingscode (alleen scholen)"),
        required=False,
        max_length=10,
        help_text=gettext_lazy(
            "Het BRIN-nummer plus 2 cijfers uit het scholenregister van DUO, bijvoorbeeld 32DD00."
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
        max_length=10,
        help_text=gettext_lazy("Bijvoorbeeld 2516 PV."),
        validators=[valideer_postcode],
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    plaats = forms.CharField(
        label=gettext_lazy("Plaats"),
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
    voornaam = forms.CharField(
        label=gettext_lazy("Voornaam"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    tussenvoegsel = forms.CharField(
        label=gettext_lazy("Tussenvoegsel"), required=False, max_length=20
    )
    achternaam = forms.CharField(
        label=gettext_lazy("Achternaam"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mailadres"),
        help_text=gettext_lazy("Hierheen sturen we de link om uw aanmelding te bevestigen."),
        error_messages={
            "invalid": gettext_lazy(
                "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
            )
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    telefoon = forms.CharField(
        label=gettext_lazy("Telefoon"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    functie = forms.CharField(
        label=gettext_lazy("Functie"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    aanbod = forms.MultipleChoiceField(
        label=gettext_lazy("Wat biedt uw organisatie?"),
        required=False,
        choices=Aanbod.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    aanbod_toelichting = forms.CharField(
        label=gettext_lazy("Toelichting op het aanbod"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Bijvoorbeeld: gastlessen over robotica, een werkplaats voor leerlingen."
        ),
    )
    cofinanciering_soort = forms.ChoiceField(
        label=gettext_lazy("Soort bijdrage"),
        required=False,
        choices=[("", gettext_lazy("Geen bijdrage")), *Cofinancieringsoort.choices],
        help_text=gettext_lazy(
            "Bij uren vult u het aantal uren en het uurtarief in; bij de andere soorten de "
            "waarde in euro's."
        ),
    )
    # Value fields as on the region's co-financing page: hours are given as hours and a
    # rate, the other kinds as an amount. The form ignores the fields the chosen kind does
    # not use (the stylesheet hides them).
    cofinanciering_bedrag = bedragveld(
        gettext_lazy("Bedrag of waarde in euro's"),
        required=False,
        help_text=gettext_lazy("Bij geld, faciliteiten en materialen. Bijvoorbeeld 1.250,50."),
    )
    cofinanciering_uren = DecimaalVeld(
        label=gettext_lazy("Aantal uren"),
        required=False,
        max_digits=8,
        decimal_places=1,
        vaste_decimalen=False,
        help_text=gettext_lazy(
            "Alleen bij uren: hoeveel uren uw mensen bijdragen, bijvoorbeeld 40."
        ),
        error_messages={
            "invalid": gettext_lazy("Vul het aantal uren in als getal, bijvoorbeeld 40 of 12,5."),
            "nul": gettext_lazy("Het aantal uren moet groter zijn dan 0."),
            "negatief": gettext_lazy("Het aantal uren kan niet negatief zijn."),
            "max_decimal_places": gettext_lazy("Gebruik hoogstens 1 cijfer achter de komma."),
        },
    )
    cofinanciering_uurtarief = DecimaalVeld(
        label=gettext_lazy("Uurtarief in euro's"),
        required=False,
        # As the region's co-financing stores a rate.
        max_digits=8,
        decimal_places=2,
        help_text=gettext_lazy("Alleen bij uren, bijvoorbeeld 62,50."),
        error_messages={
            "invalid": gettext_lazy("Vul een bedrag in euro's in, bijvoorbeeld 62,50."),
            "nul": gettext_lazy("Het uurtarief moet groter zijn dan 0."),
            "negatief": gettext_lazy("Het uurtarief kan niet negatief zijn."),
            "max_decimal_places": gettext_lazy(
                "Gebruik hoogstens 2 cijfers achter de komma (eurocenten)."
            ),
        },
    )
    cofinanciering_omschrijving = forms.CharField(
        label=gettext_lazy("Omschrijving van de bijdrage"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Bijvoorbeeld: twee technici geven gastlessen, of klassen gebruiken onze werkplaats."
        ),
    )
    privacy_akkoord = forms.BooleanField(
        label=lazy(_privacylabel, str)(),
        error_messages={"required": gettext_lazy("Ga akkoord met de privacyverklaring.")},
    )

    GROEPEN = [
        (
            gettext_lazy("Organisatie"),
            [
                "soort",
                "naam",
                "kvk_nummer",
                "vestigingscode",
                "straat",
                "huisnummer",
                "postcode",
                "plaats",
                "website",
            ],
        ),
        (
            gettext_lazy("Contactpersoon"),
            ["voornaam", "tussenvoegsel", "achternaam", "email", "telefoon", "functie"],
        ),
        (gettext_lazy("Aanbod"), ["aanbod", "aanbod_toelichting"]),
        (
            gettext_lazy("Cofinanciering (niet verplicht)"),
            [
                "cofinanciering_soort",
                "cofinanciering_bedrag",
                "cofinanciering_uren",
                "cofinanciering_uurtarief",
                "cofinanciering_omschrijving",
            ],
        ),
        (gettext_lazy("Privacy"), ["privacy_akkoord"]),
    ]

    def groepen(self):
        return [(titel, [self[naam] for naam in namen]) for titel, namen in self.GROEPEN]

    def clean_kvk_nummer(self):
        waarde = normaliseer_kvk(self.cleaned_data["kvk_nummer"])
        if waarde:
            valideer_kvk(waarde)
        return waarde

    def clean_vestigingscode(self):
        code = self.cleaned_data["vestigingscode"].replace(" ", "").upper()
        if not code:
            return None
        vestiging = Vestiging.objects.filter(vestigingscode=code, in_register=True).first()
        if vestiging is None:
            raise ValidationError(
                _(
                    "Vestigingscode %(code)s staat niet in het scholenregister. "
                    "Controleer de code, bijvoorbeeld 32DD00."
                ),
                code="vestiging_onbekend",
                params={"code": code},
            )
        return vestiging

    def clean(self):
        cleaned = super().clean()
        soort = cleaned.get("soort")
        if soort in VESTIGING_SOORTEN:
            if not cleaned.get("vestigingscode") and "vestigingscode" not in self.errors:
                self.add_error(
                    "vestigingscode",
                    _("Vul de vestigingscode van uw school in, bijvoorbeeld 32DD00."),
                )
        elif soort and not cleaned.get("kvk_nummer") and "kvk_nummer" not in self.errors:
            self.add_error("kvk_nummer", _("Vul het KvK-nummer van uw organisatie in."))
        self._clean_cofinanciering(cleaned)
        return cleaned

    def _clean_cofinanciering(self, cleaned) -> None:
        """The value fields the chosen kind uses are required; the others are dropped,
        errors included, since the page hides them. Hours keep their value in euros in
        the amount, as hours times rate."""
        soort = cleaned.get("cofinanciering_soort")
        uren = soort == Cofinancieringsoort.UREN
        # Without a kind the amount field shows, as it always did.
        gebruikt = WAARDEVELDEN_UREN if uren else ("cofinanciering_bedrag",)
        for veld in ("cofinanciering_bedrag", *WAARDEVELDEN_UREN):
            if veld not in gebruikt:
                self.errors.pop(veld, None)
                cleaned[veld] = None
        if not soort:
            if cleaned.get("cofinanciering_bedrag"):
                self.add_error("cofinanciering_soort", _("Kies de soort bijdrage."))
            return
        berichten = {
            "cofinanciering_bedrag": _("Vul het bedrag of de waarde van de bijdrage in."),
            "cofinanciering_uren": _("Vul het aantal uren in."),
            "cofinanciering_uurtarief": _(
                "Vul het uurtarief in; uren zonder tarief hebben geen waarde."
            ),
        }
        for veld in gebruikt:
            if cleaned.get(veld) is None and veld not in self.errors:
                self.add_error(veld, berichten[veld])
        if uren and cleaned.get("cofinanciering_uren") and cleaned.get("cofinanciering_uurtarief"):
            waarde = (
                cleaned["cofinanciering_uren"] * cleaned["cofinanciering_uurtarief"]
            ).quantize(Decimal("0.01"))
            if waarde >= MAX_WAARDE:
                self.add_error("cofinanciering_uren", _("Deze waarde is te groot."))
            else:
                cleaned["cofinanciering_bedrag"] = waarde

    def aanmeldingvelden(self) -> dict:
        velden = dict(self.cleaned_data)
        velden["vestiging"] = velden.pop("vestigingscode")
        if velden["soort"] not in VESTIGING_SOORTEN:
            velden["vestiging"] = None
        return velden
