"""The extraction modules import only downwards, in one declared order.

A step may use the grammar and the word lists below it, never the pipeline
that runs it nor a step after it; the low-level modules know nothing of the
steps. Adding an import that goes up this order fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

# Read from disk, not imported: an upward import may well be a circular one.
PACKAGE = Path(__file__).resolve().parents[2] / "claims" / "extraction"

# Lowest first; a module may import only modules in an earlier layer.
LAYERS: list[set[str]] = [
    {"lexicon", "cues", "types", "confidence"},
    {"decoding", "segment", "quotes"},
    {"grammar"},
    {"mentions"},
    {"relays"},
    {"frames", "subjects"},
    {"speakers"},
    {"document"},
    {"evidentials"},
    {"quotations", "transcripts", "reported", "facts", "continuations"},
    {"pipeline"},
    {"__init__"},
]
LAYER = {module: index for index, layer in enumerate(LAYERS) for module in layer}


def _imported(path: Path) -> set[str]:
    """The sibling modules ``path`` imports ("from .x import", "from . import x")."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("claims.extraction."):
                found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("claims.extraction."):
                    found.add(alias.name.split(".")[2])
    return found


def test_every_module_has_a_layer() -> None:
    modules = {path.stem for path in PACKAGE.glob("*.py")}
    assert modules == set(LAYER)


def test_imports_only_go_down() -> None:
    upward = [
        f"{path.stem} imports {name}"
        for path in sorted(PACKAGE.glob("*.py"))
        for name in sorted(_imported(path))
        if LAYER[name] >= LAYER[path.stem]
    ]
    assert upward == []


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "grammar.py"
    module.write_text("from .pipeline import extract_article\nfrom . import confidence\n")
    assert _imported(module) == {"pipeline", "confidence"}
    assert LAYER["pipeline"] >= LAYER["grammar"]


def test_no_module_is_over_six_hundred_lines() -> None:
    long = {
        path.stem: count
        for path in PACKAGE.glob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}
