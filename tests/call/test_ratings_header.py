"""A ratings file's header: a column given twice is an error (``value`` twice: the second
was silently ignored)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.errors import CallError
from testpaths import EXAMPLES


def _alsace(tmp_path: Path, _: str) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    return folder


def test_a_ratings_file_with_a_column_twice(tmp_path: Path) -> None:
    """``value`` twice in a ratings file's header: the second was silently ignored."""
    folder = _alsace(tmp_path, "32000")
    (folder / "ratings" / "zz.csv").write_text(
        "dossier,assessor,criterion,value,comment,value\nAL16-01,j1,ALS-2,3,,4\n",
        encoding="utf-8")
    with pytest.raises(CallError) as err:
        load_call(folder)
    [d] = [d for d in err.value.diagnostics if d.severity == "error"]
    assert (d.code, str(d.message), d.location.line, d.location.column) == (
        "csv-syntax", "the column 'value' appears twice", 1, 6)
