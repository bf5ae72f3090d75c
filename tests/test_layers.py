"""The package's stages import one way only: a module imports from its own stage or from stages
before it, never from a later one, and nothing imports in a cycle. The order is the data's:

    model, text -> infra -> ingest -> clean -> segment -> enrich -> publish -> pipeline -> site
    -> curate -> cli

(``curate``: ``diparchive add`` and the importers, which draft metadata with every stage.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "diparchive"
ORDER = ["model", "text", "infra", "ingest", "clean", "segment", "enrich", "publish", "pipeline", "site", "curate", "cli", "__main__"]
"""Each stage: a subpackage, or a module at the package's top."""


def stage_of(module: str) -> str:
    """'diparchive.clean.rules' -> 'clean'; 'diparchive.pipeline' -> 'pipeline'."""
    parts = module.split(".")
    assert parts[0] == "diparchive", module
    return parts[1] if len(parts) > 1 else "__init__"


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(module: str, path: Path) -> list[tuple[str, int]]:
    """The archive's modules ``module`` imports, anywhere in it (a function's imports too)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "diparchive":
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.append((candidate if candidate in modules() else target, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.split(".")[0] == "diparchive"]
    return found


def test_every_module_belongs_to_a_declared_stage():
    assert {stage_of(m) for m in modules()} - {"__init__"} <= set(ORDER)


def test_no_module_imports_from_a_later_stage():
    backward = []
    for module, path in modules().items():
        here = stage_of(module)
        if here == "__init__":
            continue
        for target, line in imports(module, path):
            there = stage_of(target)
            if there != "__init__" and ORDER.index(there) > ORDER.index(here):
                backward.append(f"{path.relative_to(PACKAGE)}:{line}: {module} ({here}) imports {target} ({there})")
    assert backward == []


def test_no_import_cycle_between_modules():
    graph = {m: {t for t, _ in imports(m, p) if t in modules() and t != m} for m, p in modules().items()}
    seen, stack, cycles = set(), [], []

    def visit(node: str) -> None:
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if not nxt.endswith(".__init__") and graph.get(nxt) is not None:
                visit(nxt)
        stack.pop()

    for node in sorted(graph):
        visit(node)
    assert cycles == []


@pytest.mark.parametrize("later", ["publish", "site"])
def test_the_check_finds_a_backward_import(tmp_path, later, monkeypatch):
    """Both sides: a module of an early stage that imported a later one would be reported."""
    fake = tmp_path / "diparchive"
    (fake / "ingest").mkdir(parents=True)
    (fake / later).mkdir()
    for init in (fake / "__init__.py", fake / "ingest" / "__init__.py", fake / later / "__init__.py"):
        init.write_text("")
    (fake / later / "thing.py").write_text("X = 1\n")
    (fake / "ingest" / "reader.py").write_text(f"from diparchive.{later}.thing import X\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    with pytest.raises(AssertionError, match=f"diparchive.ingest.reader \\(ingest\\) imports diparchive.{later}.thing"):
        test_no_module_imports_from_a_later_stage()
