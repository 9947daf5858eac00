"""The layers between the apps hold in the code, beyond what import-linter's contracts say:
no import cycle between any two modules, and no import tucked into a function to dodge one.

import-linter (``lint-imports``, run by ``make lint``) checks the direction between the apps;
these tests check what a layers contract does not see: a cycle inside one app, and imports
that only run when a function is called (which hide a cycle until that moment).
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

APPS = ("ecosysteem", "partners", "regios", "kompas", "subsidie")
WORTEL = Path(__file__).resolve().parent.parent

# Function-level imports of project code that are allowed, each with the reason. Keep this
# list short: an entry needs a reason other than "it would be a cycle otherwise".
TOEGESTAAN: dict[tuple[str, str], str] = {
    # Django runs AppConfig.ready once every app is loaded: the only place where an app may
    # connect its signal receivers and register its handlers (importing them at the top of
    # apps.py would import models before the app registry is ready).
    (
        "ecosysteem/apps.py",
        "ready",
    ): "connects the audit of account rights, the session start and the pseudonymising of "
    "deleted people, loads the outbox's tasks",
    ("regios/apps.py", "ready"): "connects the login signal, registers registration e-mails",
    ("subsidie/apps.py", "ready"): "registers the review steps' and erasure requests' e-mails",
    ("kompas/apps.py", "ready"): "registers the e-mail about an opened scan round",
    # WeasyPrint loads Pango and its fonts (tens of megabytes): only the worker that renders
    # a PDF needs it, not every web process at start-up.
    ("ecosysteem/documenten.py", "render_pdf"): "imports weasyprint lazily (heavy, worker only)",
}

# Third-party packages that may only be imported inside the functions listed above: heavy
# ones whose import at module level would load them into every process.
LUI_TE_LADEN = ("weasyprint",)


def cycli(graaf: grimp.ImportGraph) -> list[set[str]]:
    """The import cycles of a graph: its strongly connected components of more than one
    module (or one module that imports itself). Tarjan's algorithm, without recursion so a
    long chain cannot exhaust Python's stack."""
    volgnummer: dict[str, int] = {}
    laagste: dict[str, int] = {}
    op_stapel: set[str] = set()
    stapel: list[str] = []
    gevonden: list[set[str]] = []
    teller = 0
    for begin in sorted(graaf.modules):
        if begin in volgnummer:
            continue
        werk = [(begin, iter(sorted(graaf.find_modules_directly_imported_by(begin))))]
        volgnummer[begin] = laagste[begin] = teller
        teller += 1
        stapel.append(begin)
        op_stapel.add(begin)
        while werk:
            module, buren = werk[-1]
            volgende = next(buren, None)
            if volgende is not None:
                if volgende not in volgnummer:
                    volgnummer[volgende] = laagste[volgende] = teller
                    teller += 1
                    stapel.append(volgende)
                    op_stapel.add(volgende)
                    werk.append(
                        (volgende, iter(sorted(graaf.find_modules_directly_imported_by(volgende))))
                    )
                elif volgende in op_stapel:
                    laagste[module] = min(laagste[module], volgnummer[volgende])
                continue
            werk.pop()
            if werk:
                ouder = werk[-1][0]
                laagste[ouder] = min(laagste[ouder], laagste[module])
            if laagste[module] == volgnummer[module]:
                component = set()
                while True:
                    lid = stapel.pop()
                    op_stapel.discard(lid)
                    component.add(lid)
                    if lid == module:
                        break
                if len(component) > 1 or graaf.direct_import_exists(
                    importer=module, imported=module
                ):
                    gevonden.append(component)
    return gevonden


def nepgraaf(importen: list[tuple[str, str]]) -> grimp.ImportGraph:
    graaf = grimp.ImportGraph()
    for importeur, geimporteerd in importen:
        graaf.add_import(importer=importeur, imported=geimporteerd)
    return graaf


def test_the_cycle_finder_finds_a_cycle_of_three_modules_and_nothing_else():
    graaf = nepgraaf([("a.x", "a.y"), ("a.y", "a.z"), ("a.z", "a.x"), ("a.z", "a.w")])
    assert cycli(graaf) == [{"a.x", "a.y", "a.z"}]


def test_the_cycle_finder_finds_two_separate_cycles_and_a_self_import():
    graaf = nepgraaf(
        [("p.a", "p.b"), ("p.b", "p.a"), ("q.c", "q.d"), ("q.d", "q.c"), ("r.e", "r.e")]
    )
    assert sorted(map(sorted, cycli(graaf))) == [["p.a", "p.b"], ["q.c", "q.d"], ["r.e"]]


def test_the_cycle_finder_finds_no_cycle_in_a_chain():
    assert cycli(nepgraaf([("a", "b"), ("b", "c"), ("a", "c")])) == []


@pytest.fixture(scope="module")
def graaf() -> grimp.ImportGraph:
    # Every import grimp sees, including those inside functions and under TYPE_CHECKING.
    return grimp.build_graph(*APPS)


def test_no_import_cycle_between_any_two_modules_of_the_apps(graaf):
    gevonden = cycli(graaf)
    assert not gevonden, "Importcycli tussen modules:\n" + "\n".join(
        " ↔ ".join(sorted(c)) for c in gevonden
    )


def imports_in_functies(pad: Path) -> list[tuple[str, int, str]]:
    """(function, line, module) of each import of project code inside a function."""
    gevonden = []

    def bezoek(knoop: ast.AST, functie: str | None) -> None:
        for kind in ast.iter_child_nodes(knoop):
            if isinstance(kind, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                bezoek(kind, functie or getattr(kind, "name", "<lambda>"))
                continue
            if functie is not None and isinstance(kind, ast.Import):
                for alias in kind.names:
                    if alias.name.split(".")[0] in APPS + LUI_TE_LADEN:
                        gevonden.append((functie, kind.lineno, alias.name))
            elif functie is not None and isinstance(kind, ast.ImportFrom):
                module = kind.module or ""
                if kind.level or module.split(".")[0] in APPS + LUI_TE_LADEN:
                    gevonden.append((functie, kind.lineno, "." * kind.level + module))
            bezoek(kind, functie)

    bezoek(ast.parse(pad.read_text(encoding="utf-8")), None)
    return gevonden


def test_the_import_scan_sees_imports_inside_functions_and_methods(tmp_path):
    bron = tmp_path / "voorbeeld.py"
    bron.write_text(
        "import os\n"
        "from regios.models import Regio\n"
        "def f():\n"
        "    from subsidie.services import dien_in\n"
        "    import json\n"
        "class K:\n"
        "    def m(self):\n"
        "        if True:\n"
        "            from .tasks import x\n"
    )
    assert imports_in_functies(bron) == [("f", 4, "subsidie.services"), ("m", 9, ".tasks")]


def test_no_function_level_import_of_project_code_outside_the_allow_list():
    gevonden = []
    for app in APPS:
        for pad in sorted((WORTEL / app).rglob("*.py")):
            relatief = pad.relative_to(WORTEL).as_posix()
            for functie, regel, module in imports_in_functies(pad):
                if (relatief, functie) not in TOEGESTAAN:
                    gevonden.append(f"{relatief}:{regel} in {functie}(): {module}")
    assert not gevonden, "Imports in een functie (zet ze bovenaan de module):\n" + "\n".join(
        gevonden
    )


def test_every_allow_list_entry_is_still_needed():
    gebruikt = {
        (pad.relative_to(WORTEL).as_posix(), functie)
        for app in APPS
        for pad in (WORTEL / app).rglob("*.py")
        for functie, _regel, _module in imports_in_functies(pad)
    }
    assert set(TOEGESTAAN) <= gebruikt
