"""Déports declared in ``conflicts/*.csv`` (what the jury workspace writes) mean what
call.yaml's ``conflicts`` mean; their problems are located at file:line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.errors import CallError
from testpaths import EXAMPLES


def call_with(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    (folder / "conflicts").mkdir()
    (folder / "conflicts" / "j3.csv").write_text(text, encoding="utf-8")
    return folder


def test_a_conflicts_file_adds_to_call_yaml(tmp_path: Path) -> None:
    call = load_call(call_with(tmp_path, "assessor,dossier,reason\nj3,AL16-08,Trésorière\n"
                               "j2,AL16-01,déjà dans call.yaml\n"))
    pairs = [(c.assessor, c.dossier, c.reason) for c in call.config.conflicts]
    # call.yaml's own déport first, then the file's new one; the repeated pair once
    assert pairs == [("j2", "AL16-01", pairs[0][2]), ("j3", "AL16-08", "Trésorière")]
    assert "conflicts/j3.csv" in call.inputs
    warned = {(d.code, d.location.file.rsplit("/", 1)[-1]) for d in call.warnings}
    assert ("conflicted-rating", "j3.csv") in warned  # j3's ratings of AL16-08 excluded


@pytest.mark.parametrize(("text", "code", "line"), [
    ("assessor,dossier\nj3,AL16-99\n", "unknown-dossier", 2),
    ("assessor,dossier\nj3,AL16-08\nzz,AL16-08\n", "unknown-assessor", 3),
    ("juror,dossier\nj3,AL16-08\n", "csv-missing-column", 1),
])
def test_problems_of_a_conflicts_file_are_located(tmp_path: Path, text: str, code: str,
                                                  line: int) -> None:
    with pytest.raises(CallError) as exc:
        load_call(call_with(tmp_path, text))
    found = [d for d in exc.value.diagnostics if d.code == code]
    assert found and found[0].location.file.endswith("conflicts/j3.csv")
    assert found[0].location.line == line
