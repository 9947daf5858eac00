"""Errors of the services as API answers: a Django ``ValidationError`` becomes field errors
with the services' own Dutch messages (``non_field_errors`` for what concerns the whole);
a dossier changed since the client read it is 409; ``PermissionDenied`` keeps its reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

NIET_VELD = "non_field_errors"
# The codes of a refusal because the client's copy is out of date.
VERSIECODES = {"gewijzigd"}


def als_velden(fout: DjangoValidationError, velden: dict[str, str] | None = None) -> dict:
    """The messages of ``fout`` per API field (``velden`` maps a service's argument to the
    API's name where they differ)."""
    velden = velden or {}
    if hasattr(fout, "error_dict"):
        uitkomst: dict[str, list[str]] = {}
        for veld, lijst in fout.error_dict.items():
            naam = NIET_VELD if veld in ("__all__", None) else velden.get(veld, veld)
            uitkomst.setdefault(naam, []).extend(
                m for e in lijst for m in DjangoValidationError(e).messages
            )
        return uitkomst
    return {NIET_VELD: list(fout.messages)}


def codes(fout: DjangoValidationError) -> set[str]:
    if hasattr(fout, "error_dict"):
        return {e.code for lijst in fout.error_dict.values() for e in lijst if e.code}
    return {e.code for e in fout.error_list if e.code}


class DossierGewijzigdFout(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "gewijzigd"


def vertaal_servicefout(fout: DjangoValidationError, velden: dict[str, str] | None = None):
    """The API exception for a service's refusal."""
    if codes(fout) & VERSIECODES:
        return DossierGewijzigdFout(als_velden(fout, velden))
    return exceptions.ValidationError(als_velden(fout, velden))


def afhandeling(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = vertaal_servicefout(exc)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(
            str(exc) or _("U hebt geen toestemming voor deze handeling.")
        )
    return exception_handler(exc, context)
