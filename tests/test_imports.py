"""The package's stages only look down, and no module imports itself round a cycle.

Stages, lowest first: the package root, its errors and message catalogues; text (Thai words and dates);
data (YAML in, checked model); documents (rendered parts, the packet); store (output
folders, archive, PDF copies, data edits); commands; then the command line and the
editor. Imports inside functions and modules loaded lazily by name count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
STAGES = {"": 0, "errors": 0, "i18n": 0, "text": 1, "data": 2, "documents": 3, "store": 4, "commands": 5,
          "cli": 6, "editor": 6, "__main__": 7}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _target(name: str, known: dict[str, Path]) -> str | None:
    """Return the package module that importing `name` runs (longest known prefix)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Return the package modules that module `name` imports anywhere in its file."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + [base]).strip(".")
            targets = [f"{base}.{alias.name}" for alias in node.names]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_lazy"
              and node.args and isinstance(node.args[0], ast.Constant)):
            targets = [node.args[0].value]
        for target in targets:
            module = _target(target, known)
            if module and module != name:
                found.add(module)
    return found


def stage(name: str) -> int:
    parts = name.split(".")
    return STAGES[parts[1] if len(parts) > 1 else ""]


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_every_module_has_a_stage():
    unknown = [name for name in modules() if name.count(".") and name.split(".")[1] not in STAGES]
    assert unknown == []


def test_no_module_imports_a_later_stage():
    upward = sorted(f"{a} → {b}" for a, targets in graph().items() for b in targets
                    if stage(b) > stage(a))
    assert upward == []


def test_no_import_cycle():
    edges, cycles = graph(), []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join(trail[trail.index(nxt):] + [node, nxt]) if nxt in trail
                              else f"{node} → {nxt}")
            elif nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    assert cycles == []


@pytest.mark.parametrize("source, expected", [
    ("from generator import commands", {"generator.commands"}),
    ("def f():\n    from generator.commands.batch import x", {"generator.commands.batch"}),
    ("m = _lazy('generator.documents.packet')", {"generator.documents.packet"}),
])
def test_the_walk_sees_every_kind_of_import(tmp_path, source, expected):
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    assert imports("generator.cli.probe", path, modules()) == expected
