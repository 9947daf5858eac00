"""The API asks the same registered permissions as the pages (:mod:`ecosysteem.rechten`),
and answers a refusal as the pages do: a region an outsider may not read does not exist
for them (404); who one is gives 403 with the reason; the dossier's state gives 400 with
the reason, as a form shows it."""

from __future__ import annotations

from rest_framework import exceptions, permissions

from ..rechten import weigering


def eis_recht(naam: str, user, obj=None, *, verberg: bool = False) -> None:
    """Refuse unless ``user`` may ``naam`` on ``obj``. With ``verberg`` a refusal for who the
    person is reads as "not found", so outsiders are not told the object exists."""
    gevonden = weigering(naam, user, obj)
    if gevonden is None:
        return
    if not user or not user.is_authenticated:
        raise exceptions.NotAuthenticated()
    if gevonden.is_rol:
        if verberg:
            raise exceptions.NotFound()
        raise exceptions.PermissionDenied(gevonden.reden)
    raise exceptions.ValidationError({"non_field_errors": [gevonden.reden]}, code=gevonden.code)


class Recht(permissions.BasePermission):
    """A view-wide permission without an object: ``Recht.voor("subsidie.ministerie_inzien")``."""

    naam = ""

    @classmethod
    def voor(cls, naam: str):
        return type(f"Recht_{naam.replace('.', '_')}", (cls,), {"naam": naam})

    def has_permission(self, request, view):
        eis_recht(self.naam, request.user)
        return True
