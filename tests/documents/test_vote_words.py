"""Documents say « financé » or « proposition » true to the séance's stage (found by an
integration review on the séance call of tests/decisions_calls.py; the zone grise's
three dossiers tied at the line: test_grey_tie_stage.py):

1. a letter said « Le dernier dossier financé totalise 62,5 / 100 » while that dossier (D5,
   moved up from the reserve into a freed place) was only proposed, not voted;
2. the committee report's header said « Proposition du jury » after a partial vote;

The séance call: budget 50 000, reserve 2; totals = 100 x (Q1 + Q2) / 8: D1 100,0 (20 000),
D2 87,5 (15 000), D3 and D4 75,0 (10 000 each), D5 62,5 (8 000), D6 50,0 (5 000).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.output import render_report
from isgrid.engine import score

NBSP = "\u00a0"


def run(*args: object) -> None:
    res = CliRunner().invoke(cli, ["--lang", "fr", *map(str, args)])
    assert res.exit_code == 0, res.output


def documents(folder: Path, kind: str, lang: str = "fr", fmt: str = "md") -> dict[str, str]:
    call = load_call(folder)
    return {k: v.decode("utf-8") for k, v in
            render_report(call, score(call), kind, fmt, lang=lang)}  # type: ignore[arg-type]


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """D2 withdraws: D3 and D4 (tied at the line, 10 000 each) take its 15 000 together
    with the 15 000 left (35 000 - 20 000 for D1 = 30 000 >= 20 000).  The vote grants D1
    20 000 and D3 9 500 and refuses D4 (CP-2026-06-02): D5, first on the reserve, is
    proposed in D4's place, not voted."""
    folder = seance_call(tmp_path)
    run("withdraw", folder, "D2", "--by", "Secrétariat", "--reason", "courrier")
    run("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu", "--amount", "20000",
        "--votes", "7/0/1", "--by", "CP", "--reason", "vote")
    run("decide", folder, "D3", "--stage", "vote", "--outcome", "retenu", "--amount", "9 500",
        "--reference", "CP-2026-06-02", "--at", "2026-06-02", "--by", "CP", "--reason", "vote")
    run("decide", folder, "D4", "--stage", "vote", "--outcome", "non-retenu",
        "--reference", "CP-2026-06-02", "--at", "2026-06-02", "--by", "CP", "--reason", "vote",
        "--motivation", "budget")
    return folder


def test_the_last_dossier_at_the_line_is_funded_only_once_voted(story: Path) -> None:
    r = score(load_call(story))
    assert r.dossier("D5").status == "retenu" and not r.dossier("D5").granted_by_vote
    # the funded list is D1 (100,0), D3 (75,0), D5 (62,5): the line is D5's 62,5, proposed
    letters = documents(story, "feedback")
    for did in ("D1", "D3", "D5", "D6"):
        assert "Le dernier dossier proposé au financement totalise 62,5 / 100." in letters[did]
        assert "dernier dossier financé" not in letters[did]
    english = documents(story, "feedback", "en")
    assert "The last dossier proposed for funding totals 62.5 / 100." in english["D6"]
    assert "last dossier funded" not in english["D6"]
    html = documents(story, "feedback", fmt="html")
    assert "Le dernier dossier proposé au financement totalise 62,5" in html["D6"]
    # D5's vote: now the dossier at the line is granted, « financé »
    run("decide", story, "D5", "--stage", "vote", "--outcome", "retenu", "--amount", "8000",
        "--by", "CP", "--reason", "vote")
    letters = documents(story, "feedback")
    assert "Le dernier dossier financé totalise 62,5 / 100." in letters["D6"]
    assert "proposé au financement" not in letters["D6"]
    assert "The last dossier funded totals 62.5 / 100." in documents(story, "feedback", "en")["D6"]


def test_no_vote_yet_the_line_is_proposed(tmp_path: Path) -> None:
    # the proposal: D1, D2 (35 000), D3 and D4 tied at 75,0 for the 15 000 left: the
    # last dossier proposed is D2, 87,5
    folder = seance_call(tmp_path)
    d6 = documents(folder, "feedback")["D6"]
    assert "Le dernier dossier proposé au financement totalise 87,5 / 100." in d6


def test_the_committee_report_header_says_the_vote_is_under_way(story: Path) -> None:
    [page] = documents(story, "committee").values()
    # D1, D3 and D4 voted; D2 withdrawn, D5 proposed, D6 on the reserve: 3 of 6 decided
    assert "* · Décisions en cours de vote" in page
    assert "Proposition du jury" not in page.split("\n> ")[0]
    assert ("> Un vote est enregistré pour une partie des dossiers" + NBSP + ": 3 dossiers "
            "sur 6 sont décidés") in page
    [english] = documents(story, "committee", "en").values()
    assert "* · Decisions being voted" in english
    html = documents(story, "committee", fmt="html")
    assert '<span class="badge">Décisions en cours de vote</span>' in next(iter(html.values()))


def test_the_committee_report_header_before_any_vote(tmp_path: Path) -> None:
    [page] = documents(seance_call(tmp_path), "committee").values()
    assert "* · Proposition du jury" in page and "en cours de vote" not in page
