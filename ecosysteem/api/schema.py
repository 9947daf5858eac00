"""Completes the generated schema with the error answers every operation may give, so a
client (and schemathesis in the tests) knows their shape: ``{"detail": "..."}`` for who one
is and what does not exist, field errors for refused input, 409 for a stale version."""

from __future__ import annotations

from django.utils.translation import gettext as _

FOUT = {"$ref": "#/components/schemas/Fout"}
VELDFOUTEN = {"$ref": "#/components/schemas/Veldfouten"}


def _antwoord(beschrijving: str, schema: dict) -> dict:
    return {"description": beschrijving, "content": {"application/json": {"schema": schema}}}


def foutantwoorden(result, generator, request, public):
    componenten = result.setdefault("components", {}).setdefault("schemas", {})
    componenten["Fout"] = {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    }
    componenten["Veldfouten"] = {
        "type": "object",
        "description": _(
            "Per veld de meldingen, in het Nederlands; non_field_errors voor het geheel."
        ),
        # A list of messages; per position for a list field ({"0": [...]}); or, for input
        # that is no JSON at all, one text under "detail".
        "additionalProperties": {
            "anyOf": [
                {"type": "array", "items": {"type": "string"}},
                {"type": "object"},
                {"type": "string"},
            ]
        },
    }
    for pad, operaties in result.get("paths", {}).items():
        for methode, operatie in operaties.items():
            antwoorden = operatie.setdefault("responses", {})
            antwoorden.setdefault("400", _antwoord(_("Ongeldige invoer of filter."), VELDFOUTEN))
            antwoorden.setdefault("401", _antwoord(_("Niet (geldig) ingelogd."), FOUT))
            antwoorden.setdefault("403", _antwoord(_("Niet toegestaan, met de reden."), FOUT))
            antwoorden.setdefault("404", _antwoord(_("Bestaat niet, of niet voor u."), FOUT))
            antwoorden.setdefault("429", _antwoord(_("Te veel verzoeken met deze token."), FOUT))
            if methode in ("post", "put", "delete") and "/regios/" in pad:
                antwoorden.setdefault(
                    "409",
                    _antwoord(_("Het dossier is gewijzigd sinds de versie die u las."), VELDFOUTEN),
                )
    return result
