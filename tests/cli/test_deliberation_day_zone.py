"""A vote's day is the call's day: a ``--at`` that says its zone (``Z``, an offset) is dated
on the calendar of call.yaml's ``timezone`` (Europe/Paris by default), by one function
(:func:`isgrid.documents.typography.moment_day`, which reads the moment as
:func:`~isgrid.documents.typography.moment_words` does).  The minutes, the letters, the
annexes and the ``deliberation-dates`` warning took the text's first ten characters (the
day in UTC): a vote recorded at 00 h 30 in Paris on 2 April (``--at 2026-04-01T22:30Z``)
was dated 1 April, a contradiction with meeting.vote's 2 April.

The séance call of tests/decisions_calls.py: ``meeting.vote`` is CP-2026-04-117 dated
2026-04-02 (« 2 avril 2026 »).  Paris is UTC+1 in winter and UTC+2 from 29 March 2026
(summer time); Cayenne is UTC-3 all year.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from clirun import run
from decisions_calls import seance_call
from isgrid.call.deliberations import MainVote, deliberation_at
from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.documents.typography import moment_day, moment_words
from isgrid.engine import score
from pagetext import visible


def decide(folder: Path, dossier: str, *extra: str) -> str:
    return run("--lang", "en", "decide", folder, dossier, "--stage", "vote", "--outcome",
               "retenu", *extra, "--by", "CP", "--reason", "r")


def text_of(path: Path) -> str:
    return re.sub(r"[ \n\u00a0\u202f]+", " ", visible(path.read_bytes()))


def zoned(tmp_path: Path, zone: str) -> Path:
    folder = seance_call(tmp_path)
    path = folder / "call.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    data["timezone"] = zone
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return folder


def test_the_day_of_a_moment_in_the_call_s_zone() -> None:
    # winter (UTC+1): 23:30 UTC on 14 March is 00:30 on 15 March in Paris
    assert moment_day("2026-03-14T23:30Z", "Europe/Paris") == "2026-03-15"
    assert moment_day("2026-03-14T22:59Z", "Europe/Paris") == "2026-03-14"  # 23:59
    # summer (UTC+2): 22:30 UTC on 1 July is 00:30 on 2 July; 21:30 UTC is 23:30, 1 July
    assert moment_day("2026-07-01T22:30Z", "Europe/Paris") == "2026-07-02"
    assert moment_day("2026-07-01T21:30Z", "Europe/Paris") == "2026-07-01"
    # an offset: 23:30 in Cayenne (UTC-3) is 02:30 UTC, 03:30 in Paris, the next day
    assert moment_day("2026-03-14T23:30-03:00", "Europe/Paris") == "2026-03-15"
    assert moment_day("2026-03-14T23:30-03:00", "America/Cayenne") == "2026-03-14"
    # 01:30 UTC on 15 March is 22:30 on 14 March in Cayenne
    assert moment_day("2026-03-15T01:30Z", "America/Cayenne") == "2026-03-14"
    assert moment_day("2026-03-15T01:30:00+00:00", "America/Cayenne") == "2026-03-14"
    # a date alone, a time that says no zone: as written, in any zone
    assert moment_day("2026-03-14", "Pacific/Noumea") == "2026-03-14"
    assert moment_day("2026-03-14T23:30", "Europe/Paris") == "2026-03-14"
    assert moment_day("2026-03-14 23:30", "America/Cayenne") == "2026-03-14"
    # nothing, or no date
    assert moment_day(None, "Europe/Paris") is None
    assert moment_day("", "Europe/Paris") is None
    assert moment_day("demain", "Europe/Paris") is None
    # the same reading as the moment in words
    assert moment_words("2026-03-14T23:30Z", "fr", "Europe/Paris") == \
        "15 mars 2026 à 0\u00a0h\u00a030"


def test_a_vote_s_deliberation_day_is_the_call_s() -> None:
    paris = MainVote("CP-2026-04-117", "2026-04-02", "Europe/Paris")
    assert deliberation_at(None, "2026-04-01T22:30Z", paris) == ("CP-2026-04-117", "2026-04-02")
    assert deliberation_at("CP-2026-06-02", "2026-06-01T23:00Z", paris) == (
        "CP-2026-06-02", "2026-06-02")
    cayenne = MainVote("CP-2026-04-117", "2026-04-02", "America/Cayenne")
    assert deliberation_at(None, "2026-04-02T01:30Z", cayenne) == (
        "CP-2026-04-117", "2026-04-01")
    # undated: meeting.vote.date, whatever the zone
    assert deliberation_at(None, None, cayenne) == ("CP-2026-04-117", "2026-04-02")


def test_a_vote_after_midnight_in_paris_is_of_that_day(tmp_path: Path) -> None:
    """D1 voted at 00 h 30 in Paris on 2 April (22:30 UTC on 1 April), D2 dated 2 April:
    one deliberation, one day, everywhere."""
    folder = seance_call(tmp_path)
    decide(folder, "D1", "--at", "2026-04-01T22:30Z")
    said = decide(folder, "D2", "--at", "2026-04-02")
    assert "deliberation-dates" not in said, said
    assert "deliberation-dates" not in run("--lang", "en", "call", "check", folder)
    run("minutes", folder, "--kind", "cp-annex", "--reference", "CP-2026-04-117",
        "-o", tmp_path / "annex.html")
    assert "Délibération : CP-2026-04-117 (2 avril 2026)" in text_of(tmp_path / "annex.html")
    run("minutes", folder, "-o", tmp_path / "pv.html")
    pv = text_of(tmp_path / "pv.html")
    assert ("Dossier D1 « Projet D1 », vote : retenu pour un montant de 20 000 € "
            "(délibération CP-2026-04-117 du "
            "2 avril 2026)") in pv, pv
    call = load_call(folder)
    letter = dict(render_report(call, score(call), "feedback", "md"))["D1"].decode()
    assert "Le 2 avril 2026" in letter and "1 avril" not in letter and "1er avril" not in letter


def test_another_deliberation_s_day_after_midnight(tmp_path: Path) -> None:
    """D4 voted at CP-2026-06-02 at 00 h 15 in Paris on 2 June (22:15 UTC on 1 June)."""
    folder = seance_call(tmp_path)
    decide(folder, "D4", "--reference", "CP-2026-06-02", "--at", "2026-06-01T22:15Z")
    run("minutes", folder, "--kind", "cp-annex", "--reference", "CP-2026-06-02",
        "-o", tmp_path / "annex.html")
    assert "Délibération : CP-2026-06-02 (2 juin 2026)" in text_of(tmp_path / "annex.html")


def test_in_cayenne_the_same_moment_is_the_day_before(tmp_path: Path) -> None:
    """The call's timezone America/Cayenne: D1 voted at 22 h 30 on 1 April in Cayenne
    (01:30 UTC on 2 April) and D2 dated 2 April are two days, the warning says it."""
    folder = zoned(tmp_path, "America/Cayenne")
    decide(folder, "D1", "--at", "2026-04-02T01:30Z")  # line 1
    said = decide(folder, "D2", "--at", "2026-04-02")  # line 2
    journal = folder / "journal.jsonl"
    warning = (f"{journal}:2: the deliberation CP-2026-04-117 is recorded with 2 different "
               f"dates: 2026-04-01 ({journal}:1), 2026-04-02 ({journal}:2) "
               "[deliberation-dates]")
    assert said.count(warning) == 1, said
    assert run("--lang", "en", "call", "check", folder).count(warning) == 1
    run("minutes", folder, "--kind", "cp-annex", "--reference", "CP-2026-04-117",
        "-o", tmp_path / "annex.html")
    assert ("Délibération : CP-2026-04-117 (dates enregistrées : 1er avril 2026 et "
            "2 avril 2026)") in text_of(tmp_path / "annex.html")


def test_a_withdrawal_s_day_is_the_call_s(tmp_path: Path) -> None:
    """D1 voted on 2 April, withdrawn at 00 h 30 in Paris on 10 April (22:30 UTC on 9
    April): its deliberation's annex says « retiré depuis, le 10 avril 2026 »."""
    folder = seance_call(tmp_path)
    decide(folder, "D1", "--at", "2026-04-02")
    run("--lang", "en", "withdraw", folder, "D1", "--at", "2026-04-09T22:30Z", "--by", "CP",
        "--reason", "r")
    run("minutes", folder, "--kind", "cp-annex", "--reference", "CP-2026-04-117",
        "-o", tmp_path / "annex.html")
    assert "retiré depuis, le 10 avril 2026" in text_of(tmp_path / "annex.html")
