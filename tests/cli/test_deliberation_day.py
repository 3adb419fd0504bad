"""A vote's day is read by one rule everywhere (isgrid.call.deliberations.deliberation_at):
its ``--at``, else ``meeting.vote.date`` when its deliberation is ``meeting.vote``'s.  Found
by a review: the engine (isgrid.engine.status.deliberation_of) dated an undated vote of
``meeting.vote``'s deliberation by ``meeting.vote.date``, while the ``deliberation-dates``
warning read the votes' ``--at`` only (an undated vote had no day there, so an undated vote
and one ``--at`` another day were not a contradiction) and ``meeting.vote``'s own annex
showed ``meeting.vote.date`` whatever its votes recorded.  And its hint sent the user to
record again a vote that a later deliberation had replaced, which would have made the old
vote the dossier's decision again.

The séance call of tests/decisions_calls.py: ``meeting.vote`` is CP-2026-04-117 dated
2026-04-02 (« 2 avril 2026 »).
"""

from __future__ import annotations

import re
from pathlib import Path

from clirun import run
from decisions_calls import seance_call
from isgrid.call.deliberations import MainVote
from isgrid.call.load import load_call
from isgrid.engine import score
from isgrid.engine.status import deliberation_of
from pagetext import visible

MAIN = MainVote("CP-2026-04-117", "2026-04-02")


def decide(folder: Path, dossier: str, *extra: str) -> str:
    return run("--lang", "en", "decide", folder, dossier, "--stage", "vote", "--outcome",
               "retenu", *extra, "--by", "CP", "--reason", "r")


def annex_line(folder: Path, out: Path, reference: str) -> str:
    run("minutes", folder, "--kind", "cp-annex", "--reference", reference, "-o", out)
    text = re.sub(r"[ \n]+", " ", visible(out.read_bytes()))
    found = re.findall(r"Délibération\u00a0: " + re.escape(reference) + r" \([^)]*\)", text)
    assert len(found) == 1, text
    return found[0]


def test_one_rule_dates_a_vote() -> None:
    """An undated vote of meeting.vote's deliberation (no --reference, or its reference) is
    dated 2026-04-02 by the engine and by the dates' check alike; another deliberation's
    undated vote has no day."""
    from isgrid.call.deliberations import deliberation_at, deliberation_days

    for reference in (None, "CP-2026-04-117"):
        assert deliberation_at(reference, None, MAIN) == ("CP-2026-04-117", "2026-04-02")
        assert deliberation_of({"reference": reference, "at": None}, MAIN) == (
            "CP-2026-04-117", "2026-04-02")
    assert deliberation_at(None, "2026-04-09T10:00", MAIN) == ("CP-2026-04-117", "2026-04-09")
    assert deliberation_at("CP-2026-06-02", None, MAIN) == ("CP-2026-06-02", None)
    # D1 undated (line 1), D2 --at 2026-04-09 (line 2), D3 at its reference undated (line 3)
    votes = [("D1", 1, None, None), ("D2", 2, None, "2026-04-09"),
             ("D3", 3, "CP-2026-04-117", None)]
    assert deliberation_days(votes, MAIN) == {
        "CP-2026-04-117": {"2026-04-02": [1, 3], "2026-04-09": [2]}}


def test_an_undated_vote_and_another_day_contradict(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    journal = folder / "journal.jsonl"
    assert "deliberation-dates" not in decide(folder, "D1")  # line 1: 2026-04-02
    said = decide(folder, "D2", "--at", "2026-04-09")  # line 2
    warning = (f"{journal}:2: the deliberation CP-2026-04-117 is recorded with 2 different "
               f"dates: 2026-04-02 ({journal}:1), 2026-04-09 ({journal}:2) "
               "[deliberation-dates]")
    assert said.count(warning) == 1, said  # decide says it at once
    check = run("--lang", "en", "call", "check", folder)
    assert check.count(warning) == 1, check
    # the annex reads the same days (it said « 2 avril 2026 », meeting.vote.date, alone)
    assert annex_line(folder, tmp_path / "a.html", "CP-2026-04-117") == (
        "Délibération\u00a0: CP-2026-04-117 (dates enregistrées\u00a0: 2 avril 2026 et "
        "9 avril 2026)")
    # D2 recorded again with meeting.vote.date: one day (decide says only the journal's
    # warning as it was, once), no warning since, the annex's date
    assert decide(folder, "D2", "--at", "2026-04-02").count("[deliberation-dates]") == 1
    assert "deliberation-dates" not in run("--lang", "en", "call", "check", folder)
    assert annex_line(folder, tmp_path / "b.html", "CP-2026-04-117") == (
        "Délibération\u00a0: CP-2026-04-117 (2 avril 2026)")


def test_an_undated_vote_and_its_own_day_agree(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    decide(folder, "D1")
    assert "deliberation-dates" not in decide(folder, "D2", "--reference", "CP-2026-04-117",
                                              "--at", "2026-04-02")
    assert "deliberation-dates" not in run("--lang", "en", "call", "check", folder)
    assert annex_line(folder, tmp_path / "a.html", "CP-2026-04-117") == (
        "Délibération\u00a0: CP-2026-04-117 (2 avril 2026)")


def test_the_annex_of_meeting_vote_reads_its_votes_days(tmp_path: Path) -> None:
    """Every vote of meeting.vote's deliberation recorded --at 2026-04-09: that is its day,
    for its annex as for the letters (it said meeting.vote.date, 2 avril)."""
    folder = seance_call(tmp_path)
    decide(folder, "D1", "--at", "2026-04-09")
    assert "deliberation-dates" not in run("--lang", "en", "call", "check", folder)
    assert annex_line(folder, tmp_path / "a.html", "CP-2026-04-117") == (
        "Délibération\u00a0: CP-2026-04-117 (9 avril 2026)")


def test_the_hint_does_not_undo_a_later_deliberation(tmp_path: Path) -> None:
    """CP-2026-06-02 votes D4 on 2 June (line 1); CP-2026-06-20 decides D4 again (line 2);
    CP-2026-06-02 votes D3 dated 9 June (line 3).  Recording D4's line 1 again would make
    it D4's latest vote, its decision: the hint says so and what to record after it."""
    folder = seance_call(tmp_path)
    journal = folder / "journal.jsonl"
    decide(folder, "D4", "--reference", "CP-2026-06-02", "--at", "2026-06-02")
    decide(folder, "D4", "--reference", "CP-2026-06-20", "--at", "2026-06-20")
    decide(folder, "D3", "--reference", "CP-2026-06-02", "--at", "2026-06-09")
    check = run("--lang", "en", "call", "check", folder)
    hint = ("Hint: One deliberation has one date: its annex cannot be dated. Record the vote "
            "with the wrong date again with the right one (isgrid decide … --stage vote "
            "--reference CP-2026-06-02 --at YYYY-MM-DD). Another deliberation decided since "
            f"a dossier voted there (D4, {journal}:1 \u2192 CP-2026-06-20, {journal}:2): if "
            "the wrong vote is its vote at CP-2026-06-02, recorded again it becomes the "
            "dossier's latest vote, its decision; record that deliberation's vote again "
            "right after it, as it was (its outcome, --reference, --at, --amount, --votes).")
    assert check.count(hint) == 1, check
    fr = run("--lang", "fr", "call", "check", folder)
    assert ("Une autre délibération a décidé depuis d'un dossier voté à celle-ci (D4, "
            f"{journal}:1 \u2192 CP-2026-06-20, {journal}:2)\u00a0: si le vote erroné est "
            "son vote à CP-2026-06-02, enregistré de nouveau il devient le dernier vote du "
            "dossier, sa décision\u202f; enregistrez de nouveau juste après lui le vote de "
            "cette autre délibération") in fr, fr
    # as the hint says: D4's 2 June vote was the wrong one, then CP-2026-06-20's again
    decide(folder, "D4", "--reference", "CP-2026-06-02", "--at", "2026-06-09")
    assert score(load_call(folder)).dossier("D4").decision.stages["vote"].reference == (
        "CP-2026-06-02")  # the old vote is D4's decision again, as the hint warned
    decide(folder, "D4", "--reference", "CP-2026-06-20", "--at", "2026-06-20")
    assert "deliberation-dates" not in run("--lang", "en", "call", "check", folder)
    assert score(load_call(folder)).dossier("D4").decision.stages["vote"].reference == (
        "CP-2026-06-20")
    assert annex_line(folder, tmp_path / "a.html", "CP-2026-06-02") == (
        "Délibération\u00a0: CP-2026-06-02 (9 juin 2026)")


def test_no_later_deliberation_no_such_hint(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    decide(folder, "D1")
    said = decide(folder, "D2", "--at", "2026-04-09")
    assert "[deliberation-dates]" in said and "Another deliberation" not in said, said
