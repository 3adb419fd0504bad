"""A scenario's result says it is one (review-data19, finding 5): the result JSON's
`scenario` is null for the call as its files are, else what the scenario replaced; its
`inputs` keep the hashes of the files, which a scenario's result was not scored on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema

import isgrid
from isgrid.call.journal import read_journal
from testpaths import ROOT

SCHEMA = json.loads((ROOT / "src" / "isgrid" / "schema" / "result.schema.json")
                    .read_text(encoding="utf-8"))


def test_a_scenario_says_what_it_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "lfse"
    shutil.copytree(ROOT / "examples" / "lfse-2024", folder)
    call = isgrid.load_call(folder)
    official = isgrid.score(call).to_json()
    assert official["scenario"] is None
    # the reviewer's: one rating changed and another budget
    ratings = isgrid.Ratings.of(call.table)
    ratings.value[0] = 0
    what_if = isgrid.score(call, isgrid.Scenario(table=ratings, budget=66000)).to_json()
    assert what_if["scenario"] == {"replaced": ["table", "budget"]}
    assert what_if["inputs"] == official["inputs"]  # the files' hashes, as read
    jsonschema.validate(what_if, SCHEMA)
    # the call's own journal, read again (what the minutes do): the call as it is
    entries = read_journal(folder)
    assert len(entries) == 3
    assert isgrid.score(call, isgrid.Scenario(journal=entries)).to_json() == official
    # another journal, or its decisions left out, or another grid or consensus values
    for scenario, replaced in (
            (isgrid.Scenario(journal=entries[:1]), ["journal"]),
            (isgrid.Scenario(journal=()), ["journal"]),
            (isgrid.Scenario(decisions=False), ["decisions"]),
            (isgrid.Scenario(grid=call.grid.grid, consensus=[]), ["grid", "consensus"])):
        data = isgrid.score(call, scenario).to_json()
        assert data["scenario"] == {"replaced": replaced}, scenario
        jsonschema.validate(data, SCHEMA)
