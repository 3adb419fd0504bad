"""The command line says a présélection in its own words, as its documents do (review s16
hostile, finding 7: « retenu » in score's table, decide's confirmation, decisions' table and
journal show, « présélectionné » in the report).  Text only: the JSON and the CSV keep the
statuses ``retenu`` / ``non retenu`` (contracts).

tests/fixtures/shortlist-call with ``shortlist: true`` (hand totals: P4 88,33; P1 80,00;
P2 73,33; P3 60,00; P5 45,00; P6 31,67; top 3): P4, P1, P2 shortlisted by the proposal;
the committee then shortlists P5 (5th) by a decision.  The same call without
``shortlist`` says « retenu » as always.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from clirun import norm, run
from testpaths import FIXTURES


def _call(tmp_path: Path, shortlist: bool = True) -> Path:
    folder = tmp_path / ("appel" if shortlist else "appel-financement")
    shutil.copytree(FIXTURES / "shortlist-call", folder)
    if shortlist:
        yaml = folder / "call.yaml"
        yaml.write_text(yaml.read_text(encoding="utf-8").replace(
            "selection: {top: 3, reserve: 0}", "selection: {top: 3, reserve: 0, shortlist: true}"),
            encoding="utf-8")
    return folder


def _lines(text: str) -> list[str]:
    return [" ".join(x.split()) for x in norm(text).splitlines()]


def test_the_commands_say_presélectionné_in_french(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    said = _lines(run("--lang", "fr", "decide", folder, "P5", "--outcome", "retenu", "--by",
                      "Sandrine", "--reason", "repêché", "--motivation", "un projet ancré"))
    assert said[0] == ("P5 à l'étape jury : calculé non présélectionné, décidé présélectionné "
                       "(décidé ≠ proposé) ; statut présélectionné")
    assert "P5 : non présélectionné -> présélectionné" in said
    table = _lines(run("--lang", "fr", "score", folder))
    # the status column as wide as « non présélectionné », never cut (« présélectio… »)
    assert "1 P4 88,3 présélectionné" in table
    assert "4 P3 60,0 non présélectionné" in table
    assert "5 P5 45,0 présélectionné décidé ≠ proposé" in table
    assert "Présélectionnés : P4, P1, P2, P5" in table
    assert "non présélectionné 2, présélectionné 4" in table
    assert not any("retenu" in x or "Retenus" in x for x in table)
    decided = _lines(run("--lang", "fr", "decisions", folder))
    assert "5 P5 non présélectionné présélectionné présélectionné décidé ≠ proposé" in decided
    assert "1 jury décision P5 présélectionné Sandrine : repêché" in _lines(
        run("--lang", "fr", "journal", "show", folder))
    cancel = _lines(run("--lang", "fr", "journal", "cancel", folder, "1", "--by", "Sandrine",
                        "--reason", "erreur"))
    assert cancel[0] == ("Entrée n° 1 annulée (P5, décision : présélectionné) : elle ne "
                         "compte plus.")


def test_the_commands_say_shortlisted_in_english(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    said = _lines(run("--lang", "en", "decide", folder, "P5", "--outcome", "retenu", "--by",
                      "Sandrine", "--reason", "repêché", "--motivation", "rooted"))
    assert said[0] == ("P5 at jury: computed not shortlisted, decided shortlisted "
                       "(not as proposed); status shortlisted")
    table = _lines(run("--lang", "en", "score", folder))
    assert "4 P3 60.0 not shortlisted" in table
    assert "Shortlisted: P4, P1, P2, P5" in table
    assert "5 P5 not shortlisted shortlisted shortlisted not as proposed" in _lines(
        run("--lang", "en", "decisions", folder))
    assert "1 jury decision P5 shortlisted Sandrine: repêché" in _lines(
        run("--lang", "en", "journal", "show", folder))


def test_json_and_csv_keep_the_statuses_and_a_funding_call_its_words(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    run("decide", folder, "P5", "--outcome", "retenu", "--by", "S", "--reason", "r",
        "--motivation", "m")
    data = json.loads(run("score", folder, "--format", "json"))
    assert sorted(d["status"] for d in data["dossiers"]) == ["non retenu"] * 2 + ["retenu"] * 4
    csv = run("--lang", "fr", "score", folder, "--format", "csv").splitlines()
    assert csv[1].split(";")[3] == "retenu"
    funding = _call(tmp_path, shortlist=False)
    table = _lines(run("--lang", "fr", "score", funding))
    assert any(x.startswith("1 P4 88,3 retenu") for x in table), table
    assert "Retenus : P4, P1, P2" in table
    assert "1 jury décision P5 retenu S : r" not in _lines(
        run("--lang", "fr", "journal", "show", funding))  # no entry in that one
    run("--lang", "fr", "decide", funding, "P5", "--outcome", "retenu", "--by", "S",
        "--reason", "r", "--motivation", "m")
    assert "1 jury décision P5 retenu S : r" in _lines(
        run("--lang", "fr", "journal", "show", funding))


def test_journal_show_reads_the_journal_whatever_call_yaml_holds(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    run("decide", folder, "P5", "--outcome", "retenu", "--by", "S", "--reason", "r",
        "--motivation", "m")
    (folder / "call.yaml").write_text("selection: [not, a, block\n", encoding="utf-8")
    assert "1 jury décision P5 retenu S : r" in _lines(
        run("--lang", "fr", "journal", "show", folder))  # the ordinary words
