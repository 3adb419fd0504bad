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


def test_one_walk_over_a_freed_place() -> None:
    """The reference's walk over one freed place is one function, with one rule, as the
    engine's (decide.offer: ``skip`` whatever the call's rule): it took a ``rule`` that
    its one caller always gave as ``"skip"``, its ``rank-order`` branch (stop at the first
    dossier that does not fit) read by nobody since the engine's rule changed.  By hand,
    20 000 left: A (rank 2, 30 000) does not fit and is passed over, B (rank 3, 10 000)
    fits and is taken; C and D tied (rank 4) stop the walk with nobody taken, unless they
    are the line's tie and together fit (8 000 + 9 000 = 17 000 <= 20 000)."""
    import inspect

    from reference.decisions import first_that_fits

    defined = [p.name for p in MODULES if "def first_that_fits(" in p.read_text("utf-8")]
    assert defined == ["decisions.py"]
    assert list(inspect.signature(first_that_fits).parameters) == [
        "pool", "rank", "proposed", "left", "line"]
    rank = {"A": 2, "B": 3, "C": 4, "D": 4}
    proposed: dict[str, float | None] = {"A": 30_000, "B": 10_000, "C": 8_000, "D": 9_000}
    assert first_that_fits(["A", "B", "C", "D"], rank, proposed, 20_000) == (["B"], [])
    assert first_that_fits(["A", "C", "D"], rank, proposed, 20_000) == ([], ["C", "D"])
    assert first_that_fits(["A", "C", "D"], rank, proposed, 20_000,
                           frozenset({"C", "D"})) == (["C", "D"], [])
    assert first_that_fits(["A"], rank, proposed, 20_000) == ([], [])
