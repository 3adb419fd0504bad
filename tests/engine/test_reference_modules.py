"""The independent reference model (tests/reference/) stays within the project's rules:
each module at most 600 lines, and none imports isgrid (it must stay independent of the
engine it checks)."""

from __future__ import annotations

import ast

from testpaths import TESTS

MODULES = sorted((TESTS / "reference").glob("*.py"))


def test_the_reference_is_a_package_of_small_modules() -> None:
    assert not (TESTS / "reference.py").exists()
    assert {p.name for p in MODULES} == {"__init__.py", "scoring.py", "decisions.py",
                                         "journal.py"}
    for path in MODULES:
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 600, f"{path.name}: {lines} lines"


def test_the_reference_imports_nothing_from_isgrid() -> None:
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] if node.level == 0 else []
            else:
                continue
            assert not any(n.split(".")[0] == "isgrid" for n in names), path.name
