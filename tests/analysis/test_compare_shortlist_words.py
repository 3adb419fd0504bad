"""``isgrid compare`` says a présélection's calls in a présélection's words, each call in
its own (review s17 hostile, finding 6: « retenus », « non retenu » and « engagé 35 000 € »
for calls that grant no money), and ``decide --outcome`` takes the words its tables print.

tests/fixtures/shortlist-call (hand totals: P4 88,33; P1 80,00; P2 73,33; P3 60,00;
P5 45,00; P6 31,67), top 3 and one in reserve: P4, P1, P2 proposed, P3 in reserve, P5 and
P6 not.  « a » is a présélection; « b » the same présélection where the committee then
shortlists P5 (its 5th) by a decision; « f » the same call, funding (no ``shortlist``),
without a reserve: P4, P1, P2 retained, P3, P5, P6 not; its requested amounts (P4 15 000,
P1 12 000, P2 8 000) commit 35 000 €.  The JSON keeps the statuses and the amounts.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from clirun import norm, run
from isgrid.cli.main import cli
from testpaths import FIXTURES

GRID = "val-de-marne-ess-2024"


def _call(tmp_path: Path, name: str, shortlist: bool) -> Path:
    folder = tmp_path / name
    shutil.copytree(FIXTURES / "shortlist-call", folder)
    if shortlist:
        yaml = folder / "call.yaml"
        yaml.write_text(yaml.read_text(encoding="utf-8").replace(
            "selection: {top: 3, reserve: 0}",
            "selection: {top: 3, reserve: 1, shortlist: true}"), encoding="utf-8")
    return folder


def _rows(text: str) -> list[str]:
    return [" ".join(x.split()) for x in norm(text).splitlines()]


def test_two_présélections_in_french(tmp_path: Path) -> None:
    a = _call(tmp_path, "a", True)
    b = _call(tmp_path, "b", True)
    run("--lang", "fr", "decide", b, "P5", "--outcome", "présélectionné", "--by", "S",
        "--reason", "r", "--motivation", "m")
    text = run("--lang", "fr", "compare", GRID, "--call", a, "--call", b)
    rows = _rows(text)
    # no money column: neither call grants any
    # a decision (P5) is no vote: the statuses are the jury's proposition still
    # (documents.text.status_said), said so in the header and the sentences
    assert ("| appel | dossiers | recevables | classés | sélection | proposés (présélectionnés) "
            "| proposés en réserve |") in rows
    assert "| a | 6 | 6 | 6 | proposée | 3 | 1 |" in rows
    assert "| b | 6 | 6 | 6 | décidée | 4 | 1 |" in rows
    assert "| P5 | 5 | 5 | non proposé | proposé (présélectionné) | 45,0 | 45,0 | 0,0 |" in rows
    assert "| P3 | 4 | 4 | proposé en réserve | proposé en réserve | 60,0 | 60,0 | 0,0 |" in rows
    assert "- Proposés (présélectionnés) avec b, pas avec a : P5" in rows
    assert "- Proposés (présélectionnés) dans les deux : P1, P2, P4" in rows
    assert ("Dossiers déjà présents dans a : 6 ; proposés (présélectionnés) alors : 3. "
            "Rapprochés par identifiant.") in rows
    for word in ("retenu", "Retenu", "engagé", "enveloppe", "€"):
        assert word not in norm(text), word
    html = run("--lang", "fr", "compare", GRID, "--call", a, "--call", b, "--format", "html")
    assert "<td>non proposé</td><td>proposé (présélectionné)</td>" in html
    body = html.split("</style>", 1)[1]  # the style sheet's classes are the statuses
    assert "engagé" not in body and "retenu" not in body
    # the data keeps the statuses and the amounts (a contract), and says the stage
    data = json.loads(run("compare", GRID, "--call", a, "--call", b, "--format", "json"))
    calls = data["calls"]["calls"]
    assert [c["shortlist"] for c in calls] == [True, True]
    assert calls[0]["overview"]["committed"] == 35000  # 15 000 + 12 000 + 8 000
    p5 = next(x for x in data["calls"]["pairs"][0]["ranks"] if x["dossier"] == "P5")
    assert (p5["status_a"], p5["status_b"]) == ("non retenu", "retenu")


def test_a_présélection_and_a_call_that_funds_each_in_its_words(tmp_path: Path) -> None:
    a = _call(tmp_path, "a", True)
    f = _call(tmp_path, "f", False)
    rows = _rows(run("--lang", "fr", "compare", GRID, "--call", a, "--call", f))
    # one header for both lines: both words; the money columns are the funding call's,
    # « - » on the présélection's line
    assert ("| appel | dossiers | recevables | classés | sélection | proposés (présélectionnés) "
            "ou proposés (retenus) | proposés en réserve | enveloppe | engagé |") in rows
    assert "| a | 6 | 6 | 6 | proposée | 3 | 1 | - | - |" in rows
    assert "| f | 6 | 6 | 6 | proposée | 3 | 0 | - | 35 000 € |" in rows
    # each status column in its call's words
    assert "| P1 | 2 | 2 | proposé (présélectionné) | proposé (retenu) | 80,0 | 80,0 | 0,0 |" in rows
    assert "| P3 | 4 | 4 | proposé en réserve | non proposé | 60,0 | 60,0 | 0,0 |" in rows
    assert "- Proposés (présélectionnés) avec a, non proposés avec f : aucun" in rows
    assert "- Proposés (retenus) avec f, non proposés avec a : aucun" in rows
    assert "- Proposés (présélectionnés) avec a et proposés (retenus) avec f : P1, P2, P4" in rows


def test_english(tmp_path: Path) -> None:
    a = _call(tmp_path, "a", True)
    f = _call(tmp_path, "f", False)
    rows = _rows(run("--lang", "en", "compare", GRID, "--call", f, "--call", a))
    assert ("| call | dossiers | eligible | ranked | selection | proposed (selected) or proposed "
            "(shortlisted) | proposed for the reserve | budget | committed |") in rows
    assert "| a | 6 | 6 | 6 | proposed | 3 | 1 | - | - |" in rows
    assert "| P6 | 6 | 6 | not proposed | not proposed | 31.7 | 31.7 | 0.0 |" in rows
    assert "- Proposed (selected) under f, not proposed under a: none" in rows
    assert "- Proposed (shortlisted) under a, not proposed under f: none" in rows
    assert "- Proposed (selected) under f and proposed (shortlisted) under a: P1, P2, P4" in rows
    both = _rows(run("--lang", "en", "compare", GRID, "--call", a, "--call",
                     _call(tmp_path, "b", True)))
    assert ("| call | dossiers | eligible | ranked | selection | proposed (shortlisted) "
            "| proposed for the reserve |") in both
    assert "- Proposed (shortlisted) under both: P1, P2, P4" in both


def test_decide_takes_the_présélection_words_on_a_présélection_only(tmp_path: Path) -> None:
    a = _call(tmp_path, "a", True)
    said = _rows(run("--lang", "fr", "decide", a, "P5", "--outcome", "présélectionné",
                     "--by", "S", "--reason", "r", "--motivation", "m"))
    assert said[0].startswith("P5 à l'étape jury : calculé non présélectionné, décidé "
                              "présélectionné")
    run("--lang", "en", "decide", a, "P4", "--outcome", "not-shortlisted", "--by", "S",
        "--reason", "r")
    run("--lang", "fr", "decide", a, "P6", "--outcome", "Non présélectionné", "--by", "S",
        "--reason", "r")
    outcomes = [json.loads(x)["outcome"] for x in
                (a / "journal.jsonl").read_text(encoding="utf-8").splitlines()]
    assert outcomes == ["retenu", "non retenu", "non retenu"]  # the journal's statuses
    f = _call(tmp_path, "f", False)
    for lang, word, hint in (("fr", "présélectionné", "Utilisez --outcome retenu"),
                             ("en", "shortlisted", "Say --outcome selected"),
                             ("en", "not-shortlisted", "Say --outcome not-selected")):
        res = CliRunner().invoke(cli, ["--lang", lang, "decide", str(f), "P5", "--outcome",
                                       word, "--by", "S", "--reason", "r"])
        assert res.exit_code == 2, res.output
        assert "[bad-option]" in res.output and hint in res.output, res.output
    assert not (f / "journal.jsonl").exists() or not (f / "journal.jsonl").read_text().strip()
