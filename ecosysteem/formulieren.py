"""Form fields shared by every app: numbers and amounts as a Dutch user types them, and the
guard against hidden characters in text that every form of the portal gets."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normaliseer_decimaal(tekst: str) -> str | None:
    """A number as typed by a Dutch user, as Python's Decimal reads it.

    Accepts ``1.250,50``, ``1250,50``, ``1250.50``, ``€ 1.250`` and ``1,250.50``. Of two
    different separators the last is the decimal one; a single dot followed by exactly
    three digits groups thousands (``12.500`` is twelve thousand five hundred, as a Dutch
    reader means it). Thousands groups must have three digits, so a slip such as ``1.25.0``
    is refused rather than guessed. Returns None for anything else.
    """
    schoon = re.sub(r"[\s\u00a0\u202f€]", "", tekst)
    teken = ""
    if schoon[:1] in {"-", "+", "\u2212"}:
        teken = "" if schoon[0] == "+" else "-"
        schoon = schoon[1:]
    if not re.fullmatch(r"[0-9.,]*[0-9][0-9.,]*", schoon):
        return None
    komma, punt = schoon.count(","), schoon.count(".")
    if komma and punt:
        decimaal = "," if schoon.rfind(",") > schoon.rfind(".") else "."
    elif komma == 1:
        decimaal = ","
    elif punt == 1 and len(schoon.rpartition(".")[2]) != 3:
        decimaal = "."
    else:
        decimaal = None
    geheel, breuk = schoon.rsplit(decimaal, 1) if decimaal else (schoon, "")
    duizendtal = {",": ".", ".": ","}.get(decimaal, "," if komma else ".")
    groepen = geheel.split(duizendtal)
    if not breuk.isdigit() and breuk:
        return None
    if not all(g.isdigit() for g in groepen[1:]) or any(len(g) != 3 for g in groepen[1:]):
        return None
    if not (groepen[0].isdigit() or groepen[0] == "") or (
        len(groepen) > 1 and not 1 <= len(groepen[0]) <= 3
    ):
        return None
    geheel = "".join(groepen) or "0"
    return f"{teken}{geheel}.{breuk}" if breuk else f"{teken}{geheel}"


def decimaal_nl(waarde: Decimal | None, decimalen: int | None = None) -> str:
    """``Decimal("1250.5")`` as ``1.250,50`` (with ``decimalen=2``) or ``12,5`` (without:
    trailing zeros dropped)."""
    if waarde is None:
        return ""
    tekst = f"{waarde.normalize():,f}" if decimalen is None else f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


class DecimaalVeld(forms.DecimalField):
    """A number field for Dutch input (see :func:`normaliseer_decimaal`).

    A text box with ``inputmode="decimal"`` rather than ``type="number"``: a number input
    refuses or silently drops ``1.250,50`` depending on the browser's language, and then
    the server never sees what the person typed. Any value given must be above zero.
    """

    default_error_messages = {
        "invalid": _("Vul een getal in, bijvoorbeeld 1.250,50."),
        "nul": _("Vul een waarde groter dan 0 in."),
        "negatief": _("Vul een positieve waarde in; een negatieve waarde kan niet."),
        "max_decimal_places": _("Gebruik hoogstens %(max)s cijfers achter de komma."),
        "max_whole_digits": _("Deze waarde is te groot."),
        "max_digits": _("Deze waarde is te groot."),
    }

    def __init__(self, *, decimal_places: int, max_digits: int, vaste_decimalen=True, **kwargs):
        self.vaste_decimalen = vaste_decimalen
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"}
            ),
        )
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            if not value.strip():
                return None
            genormaliseerd = normaliseer_decimaal(value)
            if genormaliseerd is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            value = genormaliseerd
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and value < 0:
            raise ValidationError(self.error_messages["negatief"], code="negatief")
        if value is not None and value == 0:
            raise ValidationError(self.error_messages["nul"], code="nul")

    def prepare_value(self, value):
        # A stored value is shown the Dutch way; what the person typed is shown as typed.
        if isinstance(value, Decimal):
            return decimaal_nl(value, self.decimal_places if self.vaste_decimalen else None)
        return value


def bedragveld(label, **kwargs) -> DecimaalVeld:
    kwargs.setdefault("error_messages", {})
    kwargs["error_messages"] = {
        "invalid": _("Vul een bedrag in euro's in, bijvoorbeeld 1.250,50."),
        "nul": _("Vul een bedrag groter dan 0 in."),
        "negatief": _("Een bedrag kan niet negatief zijn."),
        "max_decimal_places": _("Gebruik hoogstens 2 cijfers achter de komma (eurocenten)."),
        **kwargs["error_messages"],
    }
    return DecimaalVeld(label=label, max_digits=12, decimal_places=2, **kwargs)


# --- hidden characters --------------------------------------------------------------------
#
# A name, title or city is one line of visible text. A line break in one breaks the headers
# of the e-mails it appears in and the layout of letters and exports; characters that
# reverse the reading direction (bidi overrides and isolates) or take no space make a name
# read differently from what it is (``Techregio\u202eladnuoR`` shows as another name), so
# approvals and reviews would judge text that is not there. Every form refuses them.

REGELEINDEN = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
LEESRICHTING = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZONDER_BREEDTE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def _code(teken: str) -> str:
    return f"U+{ord(teken):04X}"


def verborgen_teken(tekst: str, *, meerregelig: bool = False) -> tuple[str, str] | None:
    """The first character a one-line text (or, with ``meerregelig``, a text of several
    lines) may not hold, with its kind: ``regeleinde``, ``stuurteken``, ``leesrichting`` or
    ``zonder_breedte``. None when there is none."""
    for teken in tekst:
        if teken in LEESRICHTING:
            return teken, "leesrichting"
        if meerregelig:
            # Line breaks and tabs belong in a text of several lines; joiners may be part of
            # a written word or an emoji there.
            if teken in "\n\r\t":
                continue
            if unicodedata.category(teken) == "Cc":
                return teken, "stuurteken"
            continue
        if teken in REGELEINDEN:
            return teken, "regeleinde"
        if unicodedata.category(teken) == "Cc":
            return teken, "stuurteken"
        if teken in ZONDER_BREEDTE:
            return teken, "zonder_breedte"
    return None


MELDINGEN = {
    "regeleinde": _("Dit veld past op één regel: haal de regelovergang weg."),
    "stuurteken": _(
        "Dit veld bevat een onzichtbaar stuurteken (%(code)s), bijvoorbeeld een tab. Haal het "
        "weg of typ de tekst opnieuw."
    ),
    "leesrichting": _(
        "Dit veld bevat een onzichtbaar teken dat de leesrichting van de tekst omdraait "
        "(%(code)s). Haal het weg of typ de tekst opnieuw."
    ),
    "zonder_breedte": _(
        "Dit veld bevat een onzichtbaar teken zonder breedte (%(code)s). Haal het weg of typ "
        "de tekst opnieuw."
    ),
}


def _controleer(waarde, *, meerregelig: bool) -> None:
    if not isinstance(waarde, str):
        return
    gevonden = verborgen_teken(waarde, meerregelig=meerregelig)
    if gevonden is not None:
        teken, soort = gevonden
        raise ValidationError(MELDINGEN[soort], code=soort, params={"code": _code(teken)})


def eenregelige_tekst(waarde) -> None:
    """Validator for one line of visible text (names, titles, places, ...)."""
    _controleer(waarde, meerregelig=False)


def meerregelige_tekst(waarde) -> None:
    """Validator for a text of several lines: line breaks and tabs are fine there, other
    control characters and reversals of the reading direction are not."""
    _controleer(waarde, meerregelig=True)


def is_tekstveld(veld: forms.Field) -> bool:
    return (
        isinstance(veld, forms.CharField)
        and not isinstance(veld, forms.JSONField)
        and not isinstance(veld.widget, forms.PasswordInput)
    )


def is_meerregelig(veld: forms.Field) -> bool:
    return isinstance(veld.widget, forms.Textarea)


def bewaak_tekstveld(veld: forms.Field) -> forms.Field:
    """Give a text field the validator that fits its widget (once). Password fields are left
    alone (what a password may hold is the password validators' business), and so is JSON,
    which is data rather than text."""
    if not is_tekstveld(veld):
        return veld
    validator = meerregelige_tekst if is_meerregelig(veld) else eenregelige_tekst
    if validator not in veld.validators:
        veld.validators.append(validator)
    return veld


class BewaakteTekstMixin:
    """Form mixin: every text field refuses hidden characters (see above). The fields get
    their validator when the form is validated, so fields a subclass adds in ``__init__``
    are covered too."""

    def full_clean(self):
        for veld in self.fields.values():
            bewaak_tekstveld(veld)
        super().full_clean()


# --- one style of error message -----------------------------------------------------------

# The portal's messages say what to do ("Vul de naam in.", "Kies een rol."). Django's own
# defaults say what is wrong in another register ("Dit veld is verplicht.", "Voer een
# geldig e-mailadres in."); a field that kept such a default gets one in the portal's style.
DJANGO_VERPLICHT = forms.Field.default_error_messages["required"]
DJANGO_URL = forms.URLField.default_error_messages["invalid"]
DJANGO_KEUZES = {
    str(forms.ChoiceField.default_error_messages["invalid_choice"]),
    str(forms.ModelChoiceField.default_error_messages["invalid_choice"]),
    str(forms.MultipleChoiceField.default_error_messages["invalid_choice"]),
    str(forms.ModelMultipleChoiceField.default_error_messages["invalid_choice"]),
}


def eigen_foutmeldingen(veld: forms.Field) -> None:
    """Replace Django's default messages of a field by the portal's (in place)."""
    meldingen = veld.error_messages
    if str(meldingen.get("required")) == str(DJANGO_VERPLICHT):
        if isinstance(veld, forms.BooleanField):
            meldingen["required"] = _("Vink dit aan om verder te gaan.")
        elif isinstance(veld, forms.FileField):
            meldingen["required"] = _("Kies een bestand.")
        elif isinstance(veld, forms.ChoiceField | forms.ModelChoiceField):
            meldingen["required"] = _("Kies een van de mogelijkheden.")
        else:
            meldingen["required"] = _("Vul dit veld in.")
    # Django's e-mail message comes from its validator; a field message of that code wins.
    if isinstance(veld, forms.EmailField) and "invalid" not in meldingen:
        meldingen["invalid"] = _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.")
    if isinstance(veld, forms.URLField) and str(meldingen.get("invalid")) == str(DJANGO_URL):
        meldingen["invalid"] = _(
            "Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl."
        )
    if str(meldingen.get("invalid_choice")) in DJANGO_KEUZES:
        meldingen["invalid_choice"] = _("Kies een van de mogelijkheden uit de lijst.")


class VoorwaardelijkVerplichtMixin:
    """Fields that are required in some cases only (the form's ``clean`` says when) are
    named in ``voorwaardelijk_verplicht``. They carry no ``required`` attribute, but
    neither the "(niet verplicht)" mark, which the form field partial shows only on fields
    that may be left empty in every case (see the ``niet_verplicht`` template filter).
    Every field also gets the portal's style of error message (:func:`eigen_foutmeldingen`)."""

    voorwaardelijk_verplicht: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam in self.voorwaardelijk_verplicht:
            self.fields[naam].voorwaardelijk_verplicht = True

    def full_clean(self):
        # At validation, so that fields a subclass adds in ``__init__`` are covered too.
        for veld in self.fields.values():
            eigen_foutmeldingen(veld)
        super().full_clean()


class Formulier(VoorwaardelijkVerplichtMixin, BewaakteTekstMixin, forms.Form):
    """The base of every plain form of the portal."""


class ModelFormulier(VoorwaardelijkVerplichtMixin, BewaakteTekstMixin, forms.ModelForm):
    """The base of every model form of the portal."""


class Zoekkeuze(forms.CheckboxSelectMultiple):
    """A multiple choice from a long list (the country's municipalities): checkboxes, which
    work without JavaScript, that static/js/portaal.js turns into a search-as-you-type
    picker showing the chosen items with a remove button each. The checkboxes stay the
    form's data, so the server reads the same fields either way.

    ``zoeklabel`` labels the search box, ``meervoud`` names the items in the picker's
    messages ("gemeenten")."""

    zoekkeuze = True

    def __init__(self, *, zoeklabel, meervoud, attrs=None, choices=()):
        super().__init__(attrs=attrs, choices=choices)
        self.zoeklabel = zoeklabel
        self.meervoud = meervoud
