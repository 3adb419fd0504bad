"""Amounts only where they mean something (issue 17, item 7): « proposé » for a dossier
the jury proposes (retenu, réserve, à vérifier), « demandé » elsewhere, « attribué »
after the vote; in the CLI table, the committee report, the fiches and the minutes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clirun import norm, run
from decisions_calls import DOSSIERS, seance_call
from isgrid.call.load import load_call
from isgrid.documents.minutes import build_minutes
from isgrid.documents.score_outputs import score_table
from isgrid.documents.text import shown_amount
from isgrid.engine import score
from isgrid.engine.status import is_proposed
from isgrid.vocabulary import Status


def test_which_statuses_are_proposed() -> None:
    expected = {Status.RETENU, Status.RESERVE, Status.A_VERIFIER}
    for s in Status:
        assert is_proposed(s) is (s in expected), s
        assert is_proposed(str(s)) is (s in expected), s


@pytest.fixture
def call_with_a_loser(tmp_path: Path) -> Path:
    # D7: Q1 = Q2 = 1, total 100 × 2 / 8 = 25, the last; the budget 50 000 funds D1 (20 000)
    # and D2 (15 000), D3 and D4 tie at the line, D5 and D6 fill the reserve of 2:
    # D7 is « non retenu » and asks for 9 000 €.
    dossiers = dict(DOSSIERS, D7=(1, 1, 9000, 18000, "rural", "association", "emploi"))
    return seance_call(tmp_path, dossiers=dossiers)


def test_the_result_as_expected(call_with_a_loser: Path) -> None:
    res = score(load_call(call_with_a_loser))
    d7 = res.dossier("D7")
    assert d7.status == Status.NON_RETENU and d7.total == 25
    assert shown_amount(d7) == ("requested", 9000)
    assert shown_amount(res.dossier("D1")) == ("proposed", 20000)


def test_cli_table(call_with_a_loser: Path) -> None:
    out = norm(score_table(score(load_call(call_with_a_loser)), "fr"))
    rows = {line.split()[1]: line for line in out.splitlines()
            if re.match(r"\s*(\d+|-)\s+D\d", line)}
    assert "(9 000 €)" in rows["D7"]  # requested, in brackets
    assert "20 000 €" in rows["D1"] and "(20 000 €)" not in rows["D1"]
    assert "entre parenthèses : demandé" in out


def test_committee_report_and_fiches(call_with_a_loser: Path, tmp_path: Path) -> None:
    target = tmp_path / "c.md"
    run("report", call_with_a_loser, "--kind", "committee", "--format", "md", "-o", target)
    md = norm(target.read_text(encoding="utf-8"))
    row = next(x for x in md.splitlines() if x.startswith("| ") and "| D7 |" in x)
    # columns …| requested | proposed | granted |: 9 000 € asked, nothing proposed
    assert "| 9 000 € | - | - |" in row
    row = next(x for x in md.splitlines() if x.startswith("| ") and "| D1 |" in x)
    assert "| 20 000 € | 20 000 € | - |" in row
    target = tmp_path / "f.md"
    run("report", call_with_a_loser, "--kind", "fiches", "--format", "md", "-o", target)
    fiche = norm(target.read_text(encoding="utf-8")).split("(D7)", 1)[1].split("\n## ", 1)[0]
    assert "Demandé : 9 000 € · Proposé : - · Attribué : -" in fiche


def test_minutes_after_a_withdrawal(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    run("withdraw", folder, "D2", "--by", "S", "--reason", "courrier")
    call = load_call(folder)
    ctx = build_minutes(call, score(call), "pv")
    rows = {r["id"]: r for r in ctx["ranking"]}
    # D2 withdrawn: it asked 15 000 €, nothing is proposed any more
    assert rows["D2"]["status"] == "retiré"
    assert (rows["D2"]["requested"], rows["D2"]["proposed"]) == (15000, None)
    assert rows["D1"]["proposed"] == 20000
