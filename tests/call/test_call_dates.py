"""Dates in call.yaml as a French secretariat writes them: ``meeting.date: 04/05/2016``
was refused (« Le texte doit suivre le motif '^\\d{4}-\\d{2}-\\d{2}$' »), while a dossier's
dates accepted it; one rule now (``isgrid.grid.facts.iso_date``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.errors import CallError
from isgrid.grid.facts import iso_date
from testpaths import EXAMPLES


def _call(tmp_path: Path, date: str) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write(f"meeting:\n  date: {date}\n  vote:\n    date: \"12/05/2016\"\n")
    return folder


def test_the_rule() -> None:
    assert iso_date("04/05/2016") == "2016-05-04"
    assert iso_date("4/5/2016") == "2016-05-04"
    assert iso_date("2016-05-04") == "2016-05-04"
    assert iso_date("31/02/2016") is None and iso_date("hier") is None and iso_date(3) is None


def test_a_meeting_date_written_the_french_way(tmp_path: Path) -> None:
    call = load_call(_call(tmp_path, "04/05/2016"))
    assert call.config.meeting is not None
    assert call.config.meeting.date == "2016-05-04"
    assert call.config.meeting.vote is not None and call.config.meeting.vote.date == "2016-05-12"


def test_a_date_that_is_none(tmp_path: Path) -> None:
    with pytest.raises(CallError) as err:
        load_call(_call(tmp_path, "31/02/2016"))
    [d] = err.value.diagnostics
    assert d.message == "'31/02/2016' is not a date (YYYY-MM-DD or DD/MM/YYYY)"
    assert d.message.translated("fr") == \
        "«\xa031/02/2016\xa0» n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)"
    assert d.location.key_path == "meeting.date"


def test_an_iso_date_that_does_not_exist(tmp_path: Path) -> None:
    """2016-02-31 matched the pattern and reached the minutes (« réuni le 2016-02-31 »)."""
    with pytest.raises(CallError) as err:
        load_call(_call(tmp_path, '"2016-02-31"'))
    [d] = err.value.diagnostics
    assert d.message == "'2016-02-31' is not a date (YYYY-MM-DD or DD/MM/YYYY)"

