"""The package's shape: one subpackage per pipeline stage, imports one way, short modules."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "anki_export"
STAGES = ("cli", "read", "language", "cards", "deck", "state", "anki")
MAX_LINES = 350
MAX_TOP_LEVEL_MODULES = 12


def _import_cycles(graph: grimp.ImportGraph) -> list[tuple[str, ...]]:
    """Groups of modules that import each other, directly or through others."""
    modules = sorted(graph.modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[tuple[str, ...]] = []

    def visit(module: str) -> None:  # Tarjan's algorithm
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(tuple(sorted(group)))

    for module in modules:
        if module not in index:
            visit(module)
    return cycles


def test_no_module_imports_itself_back_through_others() -> None:
    # Imports under TYPE_CHECKING and inside functions count, as they do for the contract.
    assert _import_cycles(grimp.build_graph("anki_export", cache_dir=None)) == []


def test_a_cycle_through_a_type_checking_import_would_be_found() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in [("p.rules", "p.overrides"), ("p.overrides", "p.context"),
                               ("p.overrides", "p.rules"), ("p.context", "p.errors")]:
        graph.add_import(importer=importer, imported=imported)
    assert _import_cycles(graph) == [("p.overrides", "p.rules")]


def test_every_module_is_short() -> None:
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_few_modules_sit_beside_the_stages() -> None:
    top_level = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top_level) <= MAX_TOP_LEVEL_MODULES, top_level


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_it_takes_and_gives(stage: str) -> None:
    docstring = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
    assert docstring and "Takes" in docstring and "Entry point" in docstring


def test_every_module_opens_with_a_docstring() -> None:
    missing = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py")
               if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []


def test_imports_follow_the_layers_contract() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports is not None, "import-linter is in the test extra"
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_module_importing_a_stage_above_it_breaks_the_contract(tmp_path: Path) -> None:
    """The contract is not vacuous: an upward import (read → cards) is reported."""
    copy = tmp_path / "anki_export"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with (copy / "read" / "notes.py").open("a", encoding="utf-8") as module:
        module.write("\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
                     "    from anki_export.cards.card import Card  # noqa: F401\n")
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports is not None
    result = subprocess.run([lint_imports, "--no-cache"], cwd=tmp_path, capture_output=True,
                            text=True, check=False, env={"PYTHONPATH": str(tmp_path),
                                                         "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "anki_export.read.notes -> anki_export.cards.card" in result.stdout


def test_the_readme_describes_every_stage() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("### How the code is laid out"):]
    stages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert [s for s in stages if f"| `{s}/` |" not in layout] == []
