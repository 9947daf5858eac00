"""The region's status is written in one place: ``regios/levenscyclus.py``.

The scan reads the source of the apps (not migrations, not tests) as Python syntax trees and
reports every write of a region's status: an assignment to ``<regio>.status``, a
``status=`` keyword in a write (``update``, ``create``, ...) on regions, a ``save`` or
``bulk_update`` that names the field ``status`` for a region, a ``setattr`` of it, and any
write of a ``Regiostatus`` value. Participations (``Deelname``) and registrations
(``Aanmelding``) have a ``status`` of their own; their writes are not reported. The scanner
itself is tested on snippets, so it is known to find what it looks for.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("partners", "regios", "kompas", "subsidie", "ecosysteem")
TOEGESTAAN = {"regios/levenscyclus.py"}

SCHRIJFMETHODEN = {"update", "create", "get_or_create", "update_or_create", "bulk_create"}
# Steps of a chain that still point at the same rows (manager and queryset methods).
DOORGEEF = {
    "objects",
    "_default_manager",
    "_base_manager",
    "filter",
    "exclude",
    "select_for_update",
    "select_related",
    "prefetch_related",
    "all",
    "using",
    "order_by",
    "only",
    "defer",
}
REGIONAAM = re.compile(r"(^|_)regio(s)?$|^Regio$|^vergrendeld$|^RegioFactory$", re.IGNORECASE)


def _noemt_regiostatus(knoop: ast.AST | None) -> bool:
    if knoop is None:
        return False
    return any(
        (isinstance(n, ast.Name) and n.id == "Regiostatus")
        or (isinstance(n, ast.Attribute) and n.attr == "Regiostatus")
        for n in ast.walk(knoop)
    )


def _wijst_naar_regio(knoop: ast.AST) -> bool:
    """Whether ``knoop`` (the receiver of ``.status``, ``.save`` or ``.update``) is a
    region or a set of regions, judged by the names in its chain."""
    while True:
        if isinstance(knoop, ast.Call):
            functie = knoop.func
            if isinstance(functie, ast.Name) and functie.id == "type" and knoop.args:
                knoop = knoop.args[0]
                continue
            knoop = functie
            continue
        if isinstance(knoop, ast.Attribute):
            if knoop.attr in DOORGEEF:
                knoop = knoop.value
                continue
            return bool(REGIONAAM.search(knoop.attr))
        if isinstance(knoop, ast.Subscript):
            knoop = knoop.value
            continue
        if isinstance(knoop, ast.Name):
            return bool(REGIONAAM.search(knoop.id))
        return False


def _noemt_status(knoop: ast.AST | None) -> bool:
    return knoop is not None and any(
        isinstance(n, ast.Constant) and n.value == "status" for n in ast.walk(knoop)
    )


def statusschrijvers(bron: str) -> list[int]:
    """Line numbers in ``bron`` that write a region's status."""
    regels = []
    for knoop in ast.walk(ast.parse(bron)):
        if isinstance(knoop, ast.Assign | ast.AugAssign | ast.AnnAssign):
            doelen = knoop.targets if isinstance(knoop, ast.Assign) else [knoop.target]
            for doel in doelen:
                if (
                    isinstance(doel, ast.Attribute)
                    and doel.attr == "status"
                    and (_wijst_naar_regio(doel.value) or _noemt_regiostatus(knoop.value))
                ):
                    regels.append(knoop.lineno)
        if not isinstance(knoop, ast.Call):
            continue
        functie = knoop.func
        naam = functie.attr if isinstance(functie, ast.Attribute) else getattr(functie, "id", "")
        ontvanger = functie.value if isinstance(functie, ast.Attribute) else None
        trefwoorden = {k.arg: k.value for k in knoop.keywords if k.arg}
        if naam == "setattr" and len(knoop.args) >= 3:
            doel, veld, waarde = knoop.args[:3]
            if _noemt_status(veld) and (_wijst_naar_regio(doel) or _noemt_regiostatus(waarde)):
                regels.append(knoop.lineno)
        elif naam in SCHRIJFMETHODEN and ontvanger is not None:
            standaard = trefwoorden.get("defaults")
            if (
                "status" in trefwoorden
                and (_wijst_naar_regio(ontvanger) or _noemt_regiostatus(trefwoorden["status"]))
            ) or (
                isinstance(standaard, ast.Dict)
                and any(_noemt_status(k) for k in standaard.keys)
                and _wijst_naar_regio(ontvanger)
            ):
                regels.append(knoop.lineno)
        elif naam in ("Regio", "RegioFactory") and "status" in trefwoorden:
            regels.append(knoop.lineno)
        elif naam in ("save", "bulk_update") and ontvanger is not None:
            velden = trefwoorden.get("update_fields") or trefwoorden.get("fields")
            if velden is None and naam == "bulk_update" and len(knoop.args) >= 2:
                velden = knoop.args[1]
            if _noemt_status(velden) and (
                _wijst_naar_regio(ontvanger if naam == "save" else knoop.args[0])
            ):
                regels.append(knoop.lineno)
    return sorted(set(regels))


def bronbestanden():
    for app in APPS:
        for pad in sorted((ROOT / app).rglob("*.py")):
            relatief = pad.relative_to(ROOT).as_posix()
            if "/migrations/" in relatief or "/tests/" in relatief:
                continue
            yield relatief, pad.read_text(encoding="utf-8")


def test_only_the_lifecycle_writes_a_regions_status():
    gevonden = {pad: regels for pad, bron in bronbestanden() if (regels := statusschrijvers(bron))}
    assert set(gevonden) == TOEGESTAAN, {
        pad: regels for pad, regels in gevonden.items() if pad not in TOEGESTAAN
    }


@pytest.mark.parametrize(
    "bron",
    [
        "regio.status = Regiostatus.CONCEPT",
        "self.regio.status = nieuw",
        "vergrendeld.status = 'ingediend'",
        "x.status = Regiostatus.TOEGEKEND",
        "Regio.objects.filter(pk=1).update(status=naar, versie=F('versie') + 1)",
        "Regio.objects.select_for_update().filter(pk=1).update(status='concept')",
        "type(regio)._default_manager.filter(pk=regio.pk).update(status=stap.naar)",
        "tijdvak.regios.update(status=Regiostatus.CONCEPT)",
        "qs.update(status=Regiostatus.AFGEWEZEN)",
        "Regio.objects.create(naam='x', status='ingediend')",
        "Regio(naam='x', status=Regiostatus.INGEDIEND)",
        "Regio.objects.update_or_create(slug='x', defaults={'status': 'toegekend'})",
        "regio.save(update_fields=['status', 'bijgewerkt_op'])",
        "self.regio.save(update_fields=('versie', 'status'))",
        "Regio.objects.bulk_update(regios, ['status'])",
        "setattr(regio, 'status', 'concept')",
    ],
)
def test_the_scanner_finds_a_status_write(bron):
    assert statusschrijvers(bron) == [1]


@pytest.mark.parametrize(
    "bron",
    [
        "aanmelding.status = Aanmeldingstatus.AFGEWEZEN",
        "aanmelding.save(update_fields=['status', 'besloten_op'])",
        "deelname.status = Deelnamestatus.BEEINDIGD",
        "deelname.save(update_fields=['status'])",
        "regio.deelnames.filter(pk=1).update(status=Deelnamestatus.BEEINDIGD)",
        "Deelname.objects.create(regio=regio, status=Deelnamestatus.ACTIEF)",
        "Regio.objects.filter(status=Regiostatus.CONCEPT)",
        "ZICHTBAAR = ~Q(status=Regiostatus.AFGEWEZEN)",
        "regio.save(update_fields=['versie'])",
        "if regio.status == Regiostatus.CONCEPT: pass",
        "leg_vast(actie=a, van_status=regio.status, naar_status=Regiostatus.CONCEPT)",
    ],
)
def test_the_scanner_leaves_other_status_fields_and_reads_alone(bron):
    assert statusschrijvers(bron) == []
