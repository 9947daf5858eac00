"""Validators for Dutch identifiers, on top of python-stdnum."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumFout
from stdnum.nl import brin, postcode

VESTIGINGSCODE_PATROON = r"^[0-9]{2}[A-Z]{2}[0-9]{2}$"
BRIN_PATROON = r"^[0-9]{2}[A-Z]{2}$"
KVK_PATROON = r"^[0-9]{8}$"


def normaliseer_kvk(waarde: str) -> str:
    return re.sub(r"[\s.\-]", "", waarde or "")


def valideer_kvk(waarde: str) -> None:
    # python-stdnum has no KvK module: a KvK number is eight digits without a check digit.
    if not re.fullmatch(KVK_PATROON, normaliseer_kvk(waarde)):
        raise ValidationError(
            _("Een KvK-nummer bestaat uit 8 cijfers, bijvoorbeeld 12345678."), code="kvk"
        )


def valideer_brin(waarde: str) -> None:
    try:
        brin.validate(waarde)
    except StdnumFout as fout:
        raise ValidationError(
            _("Een BRIN-nummer bestaat uit 2 cijfers en 2 letters, bijvoorbeeld 32DD."),
            code="brin",
        ) from fout
    if len(brin.compact(waarde)) != 4:
        raise ValidationError(
            _("Vul hier het BRIN-nummer van de instelling in (4 tekens), zonder vestigingsnummer."),
            code="brin",
        )


def valideer_vestigingscode(waarde: str) -> None:
    if not re.fullmatch(VESTIGINGSCODE_PATROON, waarde or ""):
        raise ValidationError(
            _("Een vestigingscode is het BRIN-nummer plus 2 cijfers, bijvoorbeeld 32DD00."),
            code="vestigingscode",
        )


def valideer_postcode(waarde: str) -> None:
    try:
        postcode.validate(waarde)
    except StdnumFout as fout:
        raise ValidationError(
            _("Vul een geldige Nederlandse postcode in, bijvoorbeeld 2516 PV."), code="postcode"
        ) from fout


def normaliseer_postcode(waarde: str) -> str:
    try:
        return postcode.compact(waarde)
    except StdnumFout:
        return (waarde or "").replace(" ", "").upper()
