"""The package's shape: the data flow reads top-down and no module reaches back.

read → normalise → segment → flag → translate → align → write, with the state, job and CLI
layers above them and a foundation (errors, the record, file safety, provenance) below. A module
may import from its own layer and the layers before it, never from a later one, and there is
no import cycle (imports inside functions count too). A new module must be placed here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

LAYERS: list[tuple[str, set[str]]] = [
    ("foundation", {"translate", "translate.errors", "translate.record", "translate.files",
                    "translate.provenance", "translate.archive", "translate.progress", "translate.data"}),
    ("read", {"translate.read", "translate.language", "translate.extract"}),
    ("normalise", {"translate.normalise"}),
    ("segment", {"translate.segment"}),
    ("flag", {"translate.flag", "translate.lexicon", *(f"translate.flag.{m}" for m in (
        "core", "german", "fragments", "syntax", "names", "form", "loops", "quotes", "english",
        "translation", "link"))}),
    ("translate", {"translate.package", "translate.translator"}),
    ("align", {"translate.align", "translate.embed"}),
    ("write", {"translate.writers", *(f"translate.writers.{m}" for m in (
        "base", "tmx", "csv", "jsonl", "moses", "text", "xliff", "xlsx", "html", "omegat"))}),
    ("state", {"translate.state"}),
    ("job", {"translate.pipeline", "translate.batch", "translate.align_batch", "translate.folders",
             "translate.cluster", "translate.models"}),
    ("cli", {"translate.cli", "translate.__main__"}),
]
RANK = {m: k for k, (_, mods) in enumerate(LAYERS) for m in mods}
LAYER_NAME = {m: name for name, mods in LAYERS for m in mods}


def modules() -> dict[str, Path]:
    found = {}
    for path in (ROOT / "translate").rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        found[name] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``name`` imports, at module level or inside functions."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            targets = [f"{stem}.{a.name}" for a in node.names] + [stem]
        for t in targets:
            while t and t not in known:
                t = t.rsplit(".", 1)[0] if "." in t else ""
            if t and t != name and t != "translate":
                out.add(t)
    return out


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {m: imports(m, p, set(mods)) for m, p in mods.items()}


def test_every_module_has_a_place_in_the_data_flow() -> None:
    unplaced = sorted(set(modules()) - set(RANK))
    assert not unplaced, f"place these modules in tests/test_layers.py LAYERS: {unplaced}"


def test_no_module_imports_a_later_stage() -> None:
    bad = [f"{m} ({LAYER_NAME[m]}) imports {t} ({LAYER_NAME[t]})"
           for m, targets in graph().items() for t in targets
           if m in RANK and t in RANK and RANK[t] > RANK[m]]
    assert not bad, "\n".join(bad)


def test_no_import_cycle() -> None:
    g = graph()
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    cycles = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for t in sorted(g.get(m, ())):
            if state.get(t) == 1:
                cycles.append(" -> ".join(stack[stack.index(t):] + [t]))
            elif t not in state:
                visit(t, stack + [t])
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m, [m])
    assert not cycles, "\n".join(cycles)


def test_the_checker_sees_function_level_imports() -> None:
    """The test itself can fail: a late import inside a function is an edge too."""
    g = graph()
    assert "translate.cluster" in g["translate.batch"]  # imported inside make_backend
    assert "translate.segment" in g["translate.translator"]


def test_every_package_is_in_the_distribution() -> None:
    """pyproject.toml lists the packages setuptools puts in the wheel: a package of translate/
    missing there would install without its modules (an editable install hides it)."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "translate").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
