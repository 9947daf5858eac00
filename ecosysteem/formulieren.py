"""Form fields shared by every app: numbers and amounts as a Dutch user types them."""

from __future__ import annotations

import re
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
