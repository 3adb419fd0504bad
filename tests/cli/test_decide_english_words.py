"""``decide`` and ``withdraw`` typed in English (a review of an English call): the outcome
and the stage the English documents print (« selected », « eligibility ») were refused,
« 'selected' is not one of 'retenu', 'réserve', 'non-retenu', 'ajourné' », and the help
showed French words only.  The journal keeps the canonical French words (a data format,
docs/result.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from faultruns import DATED, run
from isgrid.cli import cli
from testpaths import EXAMPLES


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    return folder


def _run(*args: str) -> tuple[int, str]:
    run = CliRunner().invoke(cli, list(args))
    return run.exit_code, run.output


def _last(folder: Path) -> dict[str, object]:
    lines = (folder / "journal.jsonl").read_text(encoding="utf-8").splitlines()
    return json.loads(lines[-1])


@pytest.mark.parametrize(("stage", "outcome", "journal_stage", "journal_outcome"), [
    ("eligibility", "not-selected", "recevabilité", "non retenu"),
    ("jury", "Not selected", "jury", "non retenu"),
    ("vote", "postponed", "vote", "ajourné"),
    ("instruction", "reserve", "instruction", "réserve"),
    ("jury", "selected", "jury", "retenu"),
    ("recevabilité", "non-retenu", "recevabilité", "non retenu"),  # French, as before
])
def test_the_english_words_are_recorded_as_the_journal_words(
        tmp_path: Path, stage: str, outcome: str, journal_stage: str,
        journal_outcome: str) -> None:
    folder = _call(tmp_path)
    code, out = _run("--lang", "en", "decide", str(folder), "AL16-03", "--stage", stage,
                     "--outcome", outcome, "--by", "Board", "--reason", "meeting",
                     "--motivation", "Because.")
    assert code == 0, out
    entry = _last(folder)
    assert (entry["stage"], entry["outcome"]) == (journal_stage, journal_outcome)


def test_withdraw_takes_the_english_stage(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    code, out = _run("--lang", "en", "withdraw", str(folder), "AL16-01", "--stage",
                     "eligibility", "--by", "Office", "--reason", "letter")
    assert code == 0, out
    assert _last(folder)["stage"] == "recevabilité"


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "Error: Invalid value for '--outcome': 'chosen' is not one of 'selected', "
           "'reserve', 'not-selected', 'postponed'."),
    ("fr", "Erreur\u00a0: Valeur invalide pour «\xa0--outcome\xa0»\u00a0: «\xa0chosen\xa0» n'est pas l'une "
           "des valeurs «\xa0retenu\xa0», «\xa0réserve\xa0», «\xa0non-retenu\xa0», «\xa0ajourné\xa0»."),
])
def test_a_wrong_word_is_refused_with_the_words_of_the_language(
        tmp_path: Path, lang: str, said: str) -> None:
    folder = _call(tmp_path)  # the command as typed: its messages made by isgrid's main()
    proc = run(DATED, "--lang", lang, "decide", folder, "AL16-03", "--outcome", "chosen",
               "--by", "B", "--reason", "r")
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0] == said
    assert not (folder / "journal.jsonl").exists()


def test_the_stage_refusal_names_the_english_stages(tmp_path: Path) -> None:
    proc = run(DATED, "--lang", "en", "withdraw", _call(tmp_path), "AL16-01", "--stage",
               "committee", "--by", "B", "--reason", "r")
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[0] == ("Error: Invalid value for '--stage': 'committee' is not one "
                                   "of 'eligibility', 'instruction', 'jury', 'vote'.")


def test_the_english_help_shows_english_words_only() -> None:
    code, out = _run("--lang", "en", "decide", "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert "--stage [eligibility|instruction|jury|vote]" in flat
    assert "--outcome [selected|reserve|not-selected|postponed]" in flat
    assert "--votes FOR/AGAINST/ABST" in flat
    assert "The vote's counts: for, against, abstentions (e.g. 7/1/2)." in flat
    assert "--outcome selected --by \"Jury\"" in flat
    for french in ("retenu", "recevabilité", "POUR", "séance", "délibération", "Projet"):
        assert french not in out, french
    code, out = _run("--lang", "en", "withdraw", "--help")
    assert "Secrétariat" not in out and "courrier" not in out
    assert "--stage [eligibility|instruction|jury|vote]" in " ".join(out.split())


def test_the_french_help_keeps_the_french_words() -> None:
    code, out = _run("--lang", "fr", "decide", "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert "--stage [recevabilité|instruction|jury|vote]" in flat
    assert "--outcome [retenu|réserve|non-retenu|ajourné]" in flat
    assert "--votes POUR/CONTRE/ABST" in flat
    assert "Le décompte du vote : pour, contre, abstentions (par exemple 7/1/2)." in flat
    assert "isgrid decide mon-appel D5 --outcome retenu" in flat
    assert "Montant attribué en euros (12000 ou 12 000,50)." in flat
