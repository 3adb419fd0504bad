"""Which deliberation decided what (docs/decisions.md, "Which dossiers a vote decides" and
"A later deliberation"); found by a review, each case worked out by hand on alsace-2016
(tests/votecalls.py: meeting.vote = CP-2016-05-12 of 12 May 2016; AL16-05 decided « non
retenu » at the jury's stage; AL16-01 and AL16-02 retained, AL16-03 and AL16-04 on the
reserve).

1. The list adopted at a later deliberation: AL16-01 voted at CP-2016-05-12 (journal line
   2), AL16-02 — the list's last outstanding place — at CP-2016-06-02 on 2 June 2016
   (line 3).  The list is adopted by line 3's vote: the reserve dossier AL16-03, decided
   by that adoption, has a letter citing CP-2016-06-02 and dated 2 June 2016 (it cited
   CP-2016-05-12 and 12 May).
2. A « réserve » voted and then changed: AL16-03 voted « réserve » at CP-2016-05-12 (line
   4), AL16-02 withdraws (line 5), AL16-03 is proposed in its place and voted « retenu »
   at CP-2016-06-02 (line 6).  The minutes' « Délibérations » list both votes (the first
   was dropped).
3. One deliberation, two dates: AL16-01 voted at CP-2016-06-02 with --at 2016-06-02 (line
   2), AL16-02 at CP-2016-06-02 with --at 2016-06-09 (line 3): a warning names both dates
   and lines, and the annex of CP-2016-06-02 says both (it had no date, silently).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from test_vote_reference import letters, words

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from votecalls import example, run, vote

NBSP = "\u00a0"
LATER = ("--reference", "CP-2016-06-02", "--at", "2016-06-02")


def decide(folder: Path, dossier: str, outcome: str, *extra: str) -> None:
    run("decide", folder, dossier, "--stage", "vote", "--outcome", outcome, *extra,
        "--by", "CP", "--reason", "délibération")


def test_the_list_adopted_at_a_later_deliberation(tmp_path: Path) -> None:
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    decide(folder, "AL16-02", "retenu", *LATER)
    result = score(load_call(folder))
    assert result.list_voted
    adopted = result.adopted
    assert adopted is not None
    assert (adopted.seq, adopted.reference, adopted.at) == (3, "CP-2016-06-02", "2016-06-02")
    assert result.to_json()["journal"]["adopted"] == {
        "seq": 3, "reference": "CP-2016-06-02", "at": "2016-06-02"}
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    # AL16-03 (réserve) and AL16-05 (non retenu at the jury's stage): decided by the list's
    # adoption, at CP-2016-06-02
    for did in ("AL16-03", "AL16-05"):
        assert "Le 2 juin 2016\n\nDélibération" + NBSP + ": CP-2016-06-02\n" in md[did], did
        assert "CP-2016-05-12" not in md[did] and "12 mai 2016" not in md[did]
    # AL16-01 keeps its own vote's deliberation
    assert "Délibération" + NBSP + ": CP-2016-05-12\n" in md["AL16-01"]
    out = tmp_path / "pv.html"
    run("--lang", "fr", "minutes", folder, "--kind", "pv", "-o", out)
    text = words(out.read_text(encoding="utf-8"))
    assert ("vote : retenu (délibération CP-2016-06-02 du 2 juin 2016). Liste adoptée par "
            "la délibération CP-2016-06-02 du 2 juin 2016, qui décide aussi des dossiers "
            "sans vote propre.") in text


def test_the_list_adopted_at_meeting_vote_stays_there(tmp_path: Path) -> None:
    """Both places voted at CP-2016-05-12, then AL16-02 withdraws and AL16-03 is voted at
    CP-2016-06-02: the list was adopted on 12 May (line 3), and stays so."""
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    decide(folder, "AL16-03", "retenu", *LATER)
    adopted = score(load_call(folder)).adopted
    assert adopted is not None and (adopted.seq, adopted.reference) == (3, None)
    md = letters(folder)["AL16-04"].decode("utf-8")
    assert "Le 12 mai 2016\n\nDélibération" + NBSP + ": CP-2016-05-12\n" in md


def test_the_minutes_keep_a_reserve_vote_changed_later(tmp_path: Path) -> None:
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    decide(folder, "AL16-03", "réserve")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    decide(folder, "AL16-03", "retenu", *LATER)
    out = tmp_path / "pv.html"
    run("--lang", "fr", "minutes", folder, "--kind", "pv", "-o", out)
    text = words(out.read_text(encoding="utf-8"))
    title = "Dossier AL16-03 « Épicerie mobile bio de l'Outre-Forêt », vote : "
    first = title + "réserve (délibération CP-2016-05-12 du 12 mai 2016)."
    then = title + "retenu (délibération CP-2016-06-02 du 2 juin 2016)."
    assert first in text and then in text
    assert text.index(first) < text.index("retiré par son porteur") < text.index(then)


def test_one_deliberation_recorded_with_two_dates(tmp_path: Path) -> None:
    folder = example(tmp_path)
    decide(folder, "AL16-01", "retenu", "--reference", "CP-2016-06-02", "--at", "2016-06-02")
    decide(folder, "AL16-02", "retenu", "--reference", "CP-2016-06-02", "--at", "2016-06-09")
    journal = folder / "journal.jsonl"
    said = (f"{journal}:3: the deliberation CP-2016-06-02 is recorded with 2 different dates: "
            f"2016-06-02 ({journal}:2), 2016-06-09 ({journal}:3) [deliberation-dates]")
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert res.exit_code == 0 and said in res.output, res.output
    out = tmp_path / "annexe.html"
    res = CliRunner().invoke(cli, ["--lang", "en", "minutes", str(folder), "--kind",
                                   "cp-annex", "--reference", "CP-2016-06-02", "--lang",
                                   "fr", "-o", str(out)])
    assert res.exit_code == 0 and said in res.output, res.output
    assert ("Délibération : CP-2016-06-02 (dates enregistrées : 2 juin 2016 et 9 juin 2016)"
            in words(out.read_text(encoding="utf-8")))
    # the vote recorded again with the right date: one date, no warning
    decide(folder, "AL16-02", "retenu", "--reference", "CP-2016-06-02", "--at", "2016-06-02")
    res = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert res.exit_code == 0 and "deliberation-dates" not in res.output, res.output
