"""« Did you mean …? »: one rule for every hint about a mistyped id
(:func:`isgrid.messages.close_match`), used by the ratings' reader, the workbooks' reader,
the grid's checks, the YAML keys' checks and the séance commands."""

from __future__ import annotations

from pathlib import Path

from isgrid.call.load import load_call
from isgrid.errors import CallError
from isgrid.messages import close_match
from testpaths import EXAMPLES

KNOWN = ["AV-1.1", "ALS-2", "ALS-3", "ALS-E1"]


def test_case_first_then_spelling_then_nothing() -> None:
    assert close_match("als-3", KNOWN) == "ALS-3"  # equal but for case
    assert close_match("AL-3", KNOWN) == "ALS-3"  # a character off
    assert close_match("ALS3", KNOWN) == "ALS-3"
    assert close_match("ZZZZZ", KNOWN) is None
    assert close_match("x", []) is None
    # case wins over a closer spelling: « als-e1 » is ALS-E1, not ALS-2 or ALS-3
    assert close_match("als-e1", KNOWN) == "ALS-E1"
    # as close to two ids: no guess (the rating would go to a wrong criterion)
    assert close_match("ALS-9", KNOWN) is None  # ALS-2 and ALS-3 alike
    assert close_match("AL16-09", [f"AL16-{i:02d}" for i in range(1, 9)]) is None
    assert close_match("AL16-7", [f"AL16-{i:02d}" for i in range(1, 9)]) == "AL16-07"
    # far from every id: nothing (a dossier id in the criterion column)
    assert close_match("AL16-10", KNOWN) is None


def test_a_ratings_file_gets_the_spelling_hint_too(tmp_path: Path) -> None:
    """The ratings' reader used to match case only: « ALS3 » had no hint."""
    import shutil

    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    ratings = folder / "ratings" / "j1.csv"
    text = ratings.read_text(encoding="utf-8")
    ratings.write_text(text.replace(",ALS-3,", ",ALS3,", 1), encoding="utf-8")
    try:
        load_call(folder)
    except CallError as exc:
        hints = [str(d.hint) for d in exc.diagnostics if d.code == "unknown-criterion"]
    else:
        raise AssertionError("an unknown criterion was accepted")
    assert hints and all("ALS-3" in h for h in hints), hints


def test_zeros_before_a_number_are_not_a_spelling() -> None:
    """Review s18 F8: « IS-9 » among IS-01…IS-40 is as near IS-19, IS-29, IS-39 by spelling
    (no guess), but it is IS-09 with its zero dropped."""
    ids = [f"IS-{i:02d}" for i in range(1, 41)]
    assert close_match("IS-9", ids) == "IS-09"
    assert close_match("is-9", ids) == "IS-09"
    assert close_match("IS-009", ids) == "IS-09"
    assert close_match("IS-0", ids) is None  # no IS-00
