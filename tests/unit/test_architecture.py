"""The import rules of docs/architecture.md, checked on the source (ast, nothing imported).

Layers, lowest first: data < model < analysis < editorial < maps < story < ui. A module may import
its own sub-package and the layers below it, never one above. ``lib/tools`` may import
anything, and nothing imports it but the tests. Only ``lib/ui`` imports Streamlit (the
tools too: the benchmark drives pages with AppTest). Known exceptions, each to be
removed by a later split, are listed in ``KNOWN_VIOLATIONS``; any other one fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lib.data.paths import PROJECT_ROOT

LIB = PROJECT_ROOT / "lib"

#: Rank of each layer: a module may import its own layer and lower ranks only.
LAYERS: dict[str, int] = {
    "geo": 0,
    "data": 1,
    "store": 2,
    "model": 3,
    "analysis": 4,
    "editorial": 5,
    "maps": 6,
    "story": 7,
    "ui": 8,
}
#: Build and benchmark code: may import any layer; only tests import it.
TOOLS = "tools"
#: Top-level names that count as Streamlit.
STREAMLIT = {"streamlit", "streamlit_folium"}
#: Sub-packages allowed to import Streamlit.
STREAMLIT_ALLOWED = {"ui", TOOLS}

#: Imports that break the layer order today, kept until the split that removes them.
#: (importing module, imported module) -> why, and which change removes it.
#: Remove an entry when its import goes: a stale entry fails the test too.
KNOWN_VIOLATIONS: dict[tuple[str, str], str] = {}


def module_name(path: Path) -> str:
    """``lib/data/catalog.py`` -> ``lib.data.catalog``; a package's ``__init__`` -> the package."""
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def lib_modules() -> dict[str, Path]:
    """Every module under ``lib/``, by dotted name."""
    return {module_name(p): p for p in sorted(LIB.rglob("*.py"))}


MODULES = lib_modules()


def imported_names(path: Path) -> set[str]:
    """Dotted names a file imports, anywhere in it (functions included), made absolute.

    ``from lib.data import paths`` gives ``lib.data.paths`` when that is a module,
    ``lib.data`` otherwise.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = (
        module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    )
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                names.add(candidate if candidate in MODULES else module)
    return names


def lib_target(name: str) -> str | None:
    """The module under ``lib`` an imported name refers to (the longest known prefix)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in MODULES:
            return candidate
    return None


def layer_of(module: str) -> str | None:
    """The sub-package a ``lib`` module belongs to (None for ``lib`` itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def edges() -> set[tuple[str, str]]:
    """(importer, imported) between modules under ``lib``."""
    found = set()
    for module, path in MODULES.items():
        for name in imported_names(path):
            target = lib_target(name)
            if target and target != module:
                found.add((module, target))
    return found


EDGES = edges()


def allowed(src: str, dst: str) -> bool:
    """Whether the layer rules let ``src`` import ``dst`` (exceptions aside)."""
    src_layer, dst_layer = layer_of(src), layer_of(dst)
    if dst_layer is None or src_layer in (dst_layer, TOOLS):
        return True
    if dst_layer == TOOLS or src_layer is None:
        return False
    return LAYERS[dst_layer] <= LAYERS[src_layer]


def test_every_module_sits_in_a_known_sub_package():
    stray = [m for m in MODULES if m != "lib" and layer_of(m) not in {*LAYERS, TOOLS}]
    assert not stray, f"modules outside the sub-packages of docs/architecture.md: {stray}"


def test_imports_follow_the_layer_order():
    broken = sorted(
        f"{src} imports {dst}"
        for src, dst in EDGES
        if not allowed(src, dst) and (src, dst) not in KNOWN_VIOLATIONS
    )
    assert not broken, "imports against the layer order (docs/architecture.md):\n" + "\n".join(
        broken
    )


def test_known_violations_are_still_there():
    gone = sorted(f"{src} -> {dst}" for src, dst in KNOWN_VIOLATIONS if (src, dst) not in EDGES)
    assert not gone, f"fixed: remove these entries from KNOWN_VIOLATIONS: {gone}"
    fine = sorted(f"{src} -> {dst}" for src, dst in KNOWN_VIOLATIONS if allowed(src, dst))
    assert not fine, f"not violations, remove from KNOWN_VIOLATIONS: {fine}"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_between_sub_packages():
    graph: dict[str, set[str]] = {}
    for src, dst in EDGES:
        a, b = layer_of(src), layer_of(dst)
        if a and b and a != b and (src, dst) not in KNOWN_VIOLATIONS:
            graph.setdefault(a, set()).add(b)
    assert not _cycles(graph)


def test_no_import_cycles_between_modules():
    graph: dict[str, set[str]] = {}
    for src, dst in EDGES:
        graph.setdefault(src, set()).add(dst)
    assert not _cycles(graph)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_ui_imports_streamlit(module):
    names = {n.split(".")[0] for n in imported_names(MODULES[module])}
    if layer_of(module) not in STREAMLIT_ALLOWED:
        assert not names & STREAMLIT, f"{module} imports Streamlit; only lib/ui may"


def test_pages_and_app_do_not_import_the_tools():
    scripts = [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "pages").glob("*.py"))]
    bad = sorted(
        f"{p.relative_to(PROJECT_ROOT)} imports {name}"
        for p in scripts
        for name in imported_names(p)
        if (target := lib_target(name)) and layer_of(target) == TOOLS
    )
    assert not bad, bad
