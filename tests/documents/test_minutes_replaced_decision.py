"""A decision recorded again at the same stage (to add the applicant's motivation, or the
committee going back on it) replaces the earlier one: the minutes' « Délibérations » keep
both, in the journal's order, and say which replaced the first (a new user's walk-through,
session 26: the same « non retenu » listed twice in a signed PV, the first one with no word
of being replaced and without the « décidé ≠ proposé » of the one in force).

The example alsace-2016: AL16-05, ranked and proposed « réserve », refused by the jury.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.minutes import build_minutes
from isgrid.engine import score
from testpaths import EXAMPLES


def _decide(folder: Path, *more: str) -> None:
    res = CliRunner().invoke(cli, ["decide", str(folder), "AL16-05", "--outcome",
                                   "non-retenu", "--by", "Jury", "--reason", "budget", *more])
    assert res.exit_code == 0, res.output


def test_the_first_decision_says_the_entry_that_replaced_it(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    (folder / "journal.jsonl").unlink(missing_ok=True)
    _decide(folder)  # entry 1, without a motivation
    _decide(folder, "--motivation", "Le budget présenté n'est pas soutenable.")  # entry 2
    call = load_call(folder)
    result = score(call)
    assert result.dossier("AL16-05").decision.seq == 2  # the one in force
    pv = build_minutes(call, result, "pv", "fr")
    mine = [x for x in pv["deliberations"] if x["id"] == "AL16-05"]
    assert [x["seq"] for x in mine] == [1, 2]
    # French typography: a narrow no-break space before the semicolon
    assert mine[0]["text"].endswith(
        "non retenu\u202f; remplacée par la décision de l'entrée 2 du journal."), mine[0]
    assert mine[0]["motivation"] is None
    assert "remplacée" not in mine[1]["text"]
    assert mine[1]["motivation"] is not None and "soutenable" in mine[1]["motivation"]
    en = [x for x in build_minutes(call, result, "pv", "en")["deliberations"]
          if x["id"] == "AL16-05"]
    assert en[0]["text"].endswith("; replaced by the decision of journal entry 2."), en[0]
    # a decision of another stage replaces nothing: the vote after the jury
    res = CliRunner().invoke(cli, ["decide", str(folder), "AL16-05", "--stage", "vote",
                                   "--outcome", "non-retenu", "--by", "CP", "--reason", "CP"])
    assert res.exit_code == 0, res.output
    call = load_call(folder)
    pv = build_minutes(call, score(call), "pv", "fr")
    mine = [x for x in pv["deliberations"] if x["id"] == "AL16-05"]
    assert [x["seq"] for x in mine] == [1, 2, 3]
    assert ["remplacée" in x["text"] for x in mine] == [True, False, False]
