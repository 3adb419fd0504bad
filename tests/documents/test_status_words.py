"""Every status in the words of the output's language, everywhere one is printed.

``isgrid --lang en score examples/lfse-2024`` printed « ajourné » in French: the tables and
the CSV had a list of English statuses of their own, which lacked it.  The tests below go
through every status of :class:`isgrid.vocabulary.Status` in French and in English: a
status added to the engine fails them until its words are written (``EXPECTED`` below is
checked to hold every status)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from clirun import table_cells
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.decisions_text import decisions_table
from isgrid.documents.score_outputs import score_csv, score_table
from isgrid.engine import score
from isgrid.engine.result import Result
from isgrid.i18n import catalog
from isgrid.vocabulary import STATUS_ORDER, Status
from testpaths import EXAMPLES

#: each status in words, written out by hand: (French, French plural, English)
EXPECTED: dict[str, tuple[str, str, str]] = {
    "à vérifier": ("à vérifier", "à vérifier", "to check"),
    "irrecevable": ("irrecevable", "irrecevables", "ineligible"),
    "incomplet": ("incomplet", "incomplets", "incomplete"),
    "classé": ("classé", "classés", "ranked"),
    "non classé": ("non classé", "non classés", "not ranked"),
    "retenu": ("retenu", "retenus", "selected"),
    "réserve": ("réserve", "en réserve", "reserve"),
    "non retenu": ("non retenu", "non retenus", "not selected"),
    "retiré": ("retiré", "retirés", "withdrawn"),
    "ajourné": ("ajourné", "ajournés", "postponed"),
}


def test_every_status_has_its_words() -> None:
    """The list above is every status; the common catalog (the words every document says
    a status in) has each one, singular and plural, in both languages, the English ones its
    own (not the French fallback) and in English."""
    assert set(EXPECTED) == {s.value for s in Status} == {s.value for s in STATUS_ORDER}
    common = catalog("common")
    for status, (fr, fr_plural, en) in EXPECTED.items():
        assert common["fr"][f"status.{status}"] == fr, status
        assert common["fr"][f"statuses.{status}"] == fr_plural, status
        assert common["en"][f"status.{status}"] == en, status
        assert common["en"][f"statuses.{status}"] == en, status


@pytest.fixture(scope="module")
def every_status() -> Result:
    """lfse-2024's result, its first ten dossiers given the ten statuses (in the order of
    ``Status``) and the summary counting them: the outputs only read the result."""
    result = score(load_call(EXAMPLES / "lfse-2024"))
    statuses = list(Status)
    assert len(result.dossiers) >= len(statuses)
    dossiers = tuple(dataclasses.replace(d, status=statuses[i]) if i < len(statuses) else d
                     for i, d in enumerate(result.dossiers))
    summary = Counter(str(d.status) for d in dossiers)
    return dataclasses.replace(result, dossiers=dossiers, summary=dict(summary))


def _rows(table: str, first: int, last: int) -> dict[str, str]:
    """The table's dossier rows by id: the columns ``first`` to ``last``, stripped."""
    # a row's rank is right-aligned in 4 columns, then two spaces (a wrapped sha256 that
    # starts with digits, « 381136deec0a », is not a row)
    return {line.split()[1]: line[first:last].strip() for line in table.splitlines()
            if (line[:4].strip().isdigit() or line[:4].strip() == "-") and line[4:6] == "  "}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_score_table_and_its_counts(every_status: Result, lang: str) -> None:
    table = score_table(every_status, lang)
    # rank (4) + 2 + dossier (12) + 1 + total (15) + 1: the status is at 35, 12 wide
    rows = _rows(table, 35, 47)
    for d in every_status.dossiers[:len(Status)]:
        fr, _, en = EXPECTED[d.status]
        assert rows[d.id] == (fr if lang == "fr" else en), (d.id, d.status, table)
    assert "ajourné" not in table if lang == "en" else "postponed" not in table
    # the counts, the table's last line (cut at 80 columns: one status at a time)
    for status, (fr, _, en) in EXPECTED.items():
        one = dataclasses.replace(every_status, summary={status: 2})
        last = score_table(one, lang).splitlines()[-1]
        assert last == f"{fr if lang == 'fr' else en} 2", (status, last)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_decisions_table(every_status: Result, lang: str) -> None:
    lines = decisions_table(every_status, lang).splitlines()
    table = [x for x in lines if x[:4].strip().isdigit() or x[:4].strip() in ("-", "rang",
                                                                                "rank")]
    rows = {c[1]: c[4] for c in table_cells(table, 8)}  # the status column
    for d in every_status.dossiers[:len(Status)]:
        fr, _, en = EXPECTED[d.status]
        assert rows[d.id] == (fr if lang == "fr" else en), d.id


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_csv(every_status: Result, lang: str) -> None:
    text = score_csv(every_status, lang).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";" if lang == "fr" else ","))
    by_id = {r["id"]: r["status"] for r in rows}
    for d in every_status.dossiers[:len(Status)]:
        fr, _, en = EXPECTED[d.status]
        assert by_id[d.id] == (fr if lang == "fr" else en), d.id


def test_the_example_in_english() -> None:
    """The brief's case: LF24-11, « ajourné » by the jury, is « postponed » in English."""
    run = CliRunner().invoke(cli, ["--lang", "en", "score", str(EXAMPLES / "lfse-2024")])
    assert run.exit_code == 0, run.output
    [row] = [x for x in run.stdout.splitlines() if " LF24-11 " in x]
    assert row[35:47].strip() == "postponed", row
    assert run.stdout.splitlines()[-1].startswith("postponed 1, ineligible 1, "), run.stdout


def test_decide_says_the_statuses_in_english(tmp_path: Path) -> None:
    """``isgrid decide`` said « decided ajourné; status ajourné » and « réserve -> ajourné »
    under ``--lang en``."""
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "lfse-2024", folder)
    run = CliRunner().invoke(cli, ["--lang", "en", "decide", str(folder), "LF24-07",
                                   "--outcome", "ajourné", "--by", "Jury", "--reason", "x"])
    assert run.exit_code == 0, run.output
    # the reserve of 2 is LF24-05 (decided réserve, rank 5) and LF24-07 (rank 7): LF24-07
    # leaves it, LF24-08 (rank 8), the first not selected, enters it
    assert run.stdout.splitlines() == [
        "LF24-07 at jury: computed reserve, decided postponed (not as proposed); status "
        "postponed",
        "  LF24-07: reserve -> postponed", "  LF24-08: not selected -> reserve"]
    run = CliRunner().invoke(cli, ["--lang", "fr", "decide", str(folder), "LF24-08",
                                   "--outcome", "ajourné", "--by", "Jury", "--reason", "x"])
    assert run.exit_code == 0, run.output
    assert run.stdout.splitlines() == [  # LF24-08, computed before LF24-07 left: non retenu
        "LF24-08 à l'étape jury\u00a0: calculé non retenu, décidé ajourné (décidé ≠ "
        "proposé)\u202f; statut ajourné",
        # the reserve was LF24-05 and LF24-08: LF24-09 (rank 9) takes LF24-08's place
        "  LF24-08\u00a0: réserve -> ajourné", "  LF24-09\u00a0: non retenu -> réserve"]


def _journal_lines(folder: Path, lang: str) -> list[str]:
    run = CliRunner().invoke(cli, ["--lang", lang, "journal", "show", str(folder)])
    assert run.exit_code == 0, run.output
    return [re.sub(" +", " ", x.strip(" ")) for x in run.stdout.splitlines()]


def test_journal_show_says_outcomes_and_stages_in_the_cli_language(tmp_path: Path) -> None:
    """``isgrid --lang en journal show`` printed the outcomes and stages as the journal
    records them, in French (« non retenu », « réserve », « recevabilité »); they are now
    said in the command line's language (common.json's ``status.*`` and ``stage.*``), and
    the journal itself is left as it was (its words are data)."""
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    for args in (["AL16-05", "--stage", "recevabilité", "--outcome", "non-retenu"],
                 ["AL16-03", "--outcome", "réserve"],
                 ["AL16-01", "--stage", "vote", "--outcome", "retenu", "--amount", "27000",
                  "--reference", "CP-2016-06-02"]):
        run = CliRunner().invoke(cli, ["decide", str(folder), *args, "--by", "CP",
                                       "--reason", "r"])
        assert run.exit_code == 0, run.output
    run = CliRunner().invoke(cli, ["withdraw", str(folder), "AL16-02", "--by", "S",
                                   "--reason", "c"])
    assert run.exit_code == 0, run.output
    journal = (folder / "journal.jsonl").read_bytes()
    assert _journal_lines(folder, "en") == [
        "1 eligibility decision AL16-05 not selected CP: r",
        "2 jury decision AL16-03 reserve CP: r",
        "3 vote decision AL16-01 selected €27,000 (CP-2016-06-02) CP: r",
        "4 jury withdrawal AL16-02 withdrawn S: c"]
    assert _journal_lines(folder, "fr") == [
        "1 recevabilité décision AL16-05 non retenu CP\u00a0: r",
        "2 jury décision AL16-03 réserve CP\u00a0: r",
        "3 vote décision AL16-01 retenu 27\u202f000\u202f€ (CP-2016-06-02) CP\u00a0: r",
        "4 jury retrait AL16-02 retiré S\u00a0: c"]
    assert (folder / "journal.jsonl").read_bytes() == journal  # read, never rewritten
    recorded = [json.loads(x) for x in journal.decode("utf-8").splitlines()]
    assert [(e["stage"], e.get("outcome")) for e in recorded] == [  # the journal's words
        ("recevabilité", "non retenu"), ("jury", "réserve"), ("vote", "retenu"),
        ("jury", None)]


def test_decide_says_the_stage_in_the_cli_language(tmp_path: Path) -> None:
    """``isgrid --lang en decide --stage recevabilité`` said « AL16-05 at recevabilité »."""
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    run = CliRunner().invoke(cli, ["--lang", "en", "decide", str(folder), "AL16-05",
                                   "--stage", "recevabilité", "--outcome", "non-retenu",
                                   "--by", "CP", "--reason", "r"])
    assert run.exit_code == 0, run.output
    assert run.stdout.splitlines()[0].startswith("AL16-05 at eligibility: computed "), \
        run.stdout


#: the séance of an integration review (Alsace, AL16-01 withdrawn, votes under way)
REVIEW = {"irrecevable": 1, "non classé": 2, "non retenu": 1, "retenu": 2, "retiré": 1,
          "réserve": 2, "à vérifier": 1}


@pytest.mark.parametrize(("lang", "lines"), [
    ("fr", ["irrecevable 1, non classé 2, non retenu 1, retenu 2, retiré 1, réserve 2,",
            "à vérifier 1"]),
    ("en", ["ineligible 1, not ranked 2, not selected 1, selected 2, withdrawn 1, reserve 2,",
            "to check 1"])])
def test_the_counts_are_wrapped_never_cut(every_status: Result, lang: str,
                                          lines: list[str]) -> None:
    """« …, retiré 1, réserve 2, à vér… » lost the last count: the line is wrapped at 80
    columns, a count never split (« à » then « vérifier 1 »)."""
    table = score_table(dataclasses.replace(every_status, summary=REVIEW), lang)
    assert table.splitlines()[-2:] == lines
    assert "…" not in table.splitlines()[-2]


def test_a_long_title_is_wrapped_never_cut(every_status: Result) -> None:
    title = ("Appel à projets « Innovation sociale et économie de proximité dans les "
             "territoires ruraux » 2024")
    table = score_table(dataclasses.replace(
        every_status, call=dict(every_status.call, title=title)), "fr")
    assert table.splitlines()[:2] == [
        "Appel à projets « Innovation sociale et économie de proximité dans les",
        "territoires ruraux » 2024"]
