"""``isgrid score --format csv`` wrote in its ``granted`` column the amount of a jury-stage
``retenu --amount``, before any vote (an integration review): the CSV, read by people in a
spreadsheet, follows the rule of every document (``DossierResult.amount_granted`` /
``amount_proposed``: granted only once a vote granted it); the JSON keeps
``amounts.granted``, documented as the decision's amount.

examples/alsace-2016 (English CSV: ``,``): AL16-02 asks 24 000 €, the rules propose
24 000 €; AL16-06 (12 000 € asked) is irrecevable, so nothing is proposed for it.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES


def _run(*args: str) -> str:
    run = CliRunner().invoke(cli, list(args))
    assert run.exit_code == 0, run.output
    return run.stdout


def _amounts(folder: Path) -> dict[str, tuple[str, str, str]]:
    rows = csv.DictReader(io.StringIO(_run("--lang", "en", "score", str(folder),
                                           "--format", "csv")))
    return {r["id"]: (r["requested"], r["proposed"], r["granted"]) for r in rows}


def test_a_jury_amount_is_proposed_in_the_csv_until_the_vote(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    _run("decide", str(folder), "AL16-02", "--stage", "jury", "--outcome", "retenu",
         "--amount", "12000", "--by", "présidente", "--reason", "jury")
    amounts = _amounts(folder)
    assert amounts["AL16-02"] == ("24000", "12000", "")  # the jury's proposal, not granted
    assert amounts["AL16-06"] == ("12000", "", "")  # irrecevable: nothing proposed
    # the JSON says the same: the jury's 12 000 proposed, nothing granted before a vote
    data = json.loads(_run("score", str(folder), "--format", "json"))
    d = next(x for x in data["dossiers"] if x["id"] == "AL16-02")
    assert (d["amounts"]["proposed"], d["amounts"]["granted"]) == (12000, None)
    # the vote grants it: granted, beside what the jury proposed (review s11 rev-chair F3)
    _run("decide", str(folder), "AL16-02", "--stage", "vote", "--outcome", "retenu",
         "--amount", "12000", "--by", "secrétariat", "--reason", "délibération")
    assert _amounts(folder)["AL16-02"] == ("24000", "12000", "12000")
