"""Ids that differ only by case are one file on Windows and macOS (review windows, #11)."""

from __future__ import annotations

import shutil
from pathlib import Path

from isgrid.call.load import load_call
from testpaths import EXAMPLES


def _call(tmp_path: Path) -> Path:
    call = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    return call


def test_two_jurors_differing_by_case_are_warned_at_the_second(tmp_path: Path) -> None:
    call = _call(tmp_path)
    text = (call / "call.yaml").read_text(encoding="utf-8")
    # the example's jurors are i1, j1, j2, j3: j3 renamed J1 (its ratings file too)
    assert "id: j3" in text
    (call / "call.yaml").write_text(text.replace("id: j3", "id: J1").replace(
        "assessor: j3", "assessor: J1"), encoding="utf-8")
    ratings = (call / "ratings" / "j3.csv").read_text(encoding="utf-8")
    (call / "ratings" / "j3.csv").write_text(ratings.replace(",j3,", ",J1,"), encoding="utf-8")
    loaded = load_call(call)
    said = [w for w in loaded.warnings if w.code == "id-case-clash"]
    assert len(said) == 1
    assert str(said[0].message) == ("the juror ids 'j1' and 'J1' differ only by case: on "
                                    "Windows and macOS their files are one file, and one "
                                    "overwrites the other")
    assert said[0].location.key_path is not None and "assessors[" in str(
        said[0].location.key_path)


def test_ids_differing_otherwise_say_nothing(tmp_path: Path) -> None:
    loaded = load_call(_call(tmp_path))
    assert [w for w in loaded.warnings if w.code == "id-case-clash"] == []
