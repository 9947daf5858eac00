"""Forms of the co-financing and budget pages.

The forms check what a person can fix in the form itself (a missing amount, hours without
a rate, a negative value, a choice that is not on offer), in Dutch and next to the field.
The services check the same again inside the transaction, so a form is never the only
guard.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from regios.bewerken import DossierBevroren, DossierGewijzigd

from .models import Cofinancieringsoort, Kostensoort, schooljaar_label


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


def schooljaarkeuzes(schooljaren: Iterable[int]) -> list[tuple[Any, str]]:
    return [("", _("Kies een schooljaar")), *((j, schooljaar_label(j)) for j in schooljaren)]


class DossierFormulier(forms.Form):
    """A form that changes the dossier: it carries the version it was opened on, and puts
    a service's refusal next to the field it concerns."""

    versie = forms.IntegerField(widget=forms.HiddenInput, label=_("Versie"))

    # True after the service refused the form because the dossier changed meanwhile.
    was_verouderd = False

    def voer_uit(self, actie: Callable[[], Any]) -> tuple[bool, Any]:
        """Run a service call; on refusal put its messages on this form."""
        try:
            return True, actie()
        except DossierGewijzigd as fout:
            self.was_verouderd = True
            self.add_error(None, fout.messages)
        except DossierBevroren as fout:
            self.add_error(None, fout.messages)
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.error_dict.items():
                    self.add_error(veld if veld in self.fields else None, fouten)
            else:
                self.add_error(None, fout.messages)
        return False, None

    def vernieuw_versie(self, versie: int) -> None:
        """After a refusal for a changed dossier, the form is shown again on the current
        version: the person has seen the message and the current data, and their next
        submit is meant for this version. (Left stale, every retry would be refused.)"""
        data = self.data.copy()
        data["versie"] = str(versie)
        self.data = data


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
        self.fields["organisatie"].choices = [
            ("", _("Kies een partner")),
            *((pk, o.naam) for pk, o in self.partners.items()),
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


class VerwijderForm(DossierFormulier):
    """The confirmation of a delete: only the version the page was opened on."""
