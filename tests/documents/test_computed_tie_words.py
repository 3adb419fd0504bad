"""« Calculé » says the tie the engine left at the funding line (a secretariat's review,
séance s9): it read « classé », the status under the tie, in ``isgrid decisions``, the
committee report and the minutes, as if the ranking had left the dossier out.  The words
read the engine (:func:`isgrid.engine.status.tie_open` of the proposal), before and after
the tie is settled: what was computed does not change with a decision.

The séance call of tests/decisions_calls.py (budget 50 000, reserve 2): D1 20 000 and D2
15 000 retained (35 000); D3 and D4, 10 000 each, tied at 75 points with 15 000 left: one
of them only; D5 and D6 the reserve.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.build import build_context
from isgrid.engine import score


def say(*args: object) -> str:
    run = CliRunner().invoke(cli, [*map(str, args)])
    assert run.exit_code == 0, run.output
    return run.stdout


def columns(table: str, dossier: str) -> list[str]:
    """A row of ``isgrid decisions``' table cut at its columns (two spaces or more)."""
    line = next(ln for ln in table.splitlines() if f" {dossier} " in ln)
    return re.split(r"\s{2,}", line.strip())


def test_decisions_table_says_the_tie_computed(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    say("decide", folder, "D6", "--stage", "jury", "--outcome", "non-retenu", "--by", "Jury",
        "--reason", "hors champ")
    fr = say("--lang", "fr", "decisions", folder)
    # rank, dossier, computed, decided, status
    assert columns(fr, "D3")[:5] == ["3", "D3", "ex æquo", "-", "classé"]
    assert columns(fr, "D4")[:5] == ["3", "D4", "ex æquo", "-", "classé"]
    assert columns(fr, "D6")[:5] == ["6", "D6", "réserve", "non retenu", "non retenu"]
    en = say("--lang", "en", "decisions", folder)
    assert columns(en, "D3")[:5] == ["3", "D3", "tied", "-", "ranked"]
    assert columns(en, "D6")[:3] == ["6", "D6", "reserve"]


def test_settled_the_tie_is_still_what_was_computed(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    say("decide", folder, "D3", "--stage", "jury", "--outcome", "retenu", "--by", "Jury",
        "--reason", "départage à main levée")
    call = load_call(folder)
    result = score(call)
    lines = {x.id: x for x in build_context(call, result, "committee", "interne", "fr").ranking}
    assert lines["D3"].computed == "ex æquo"  # « décision : retenu (calculé : ex æquo) »
    lines = {x.id: x for x in build_context(call, result, "committee", "interne", "en").ranking}
    assert lines["D3"].computed == "tied"
    pv = tmp_path / "pv.html"
    say("--lang", "fr", "minutes", folder, "-o", pv)
    page = pv.read_text(encoding="utf-8")
    said = html.unescape(re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ",
                                                          page[page.index("<body"):])))
    # rank, dossier, project, total, then calculé, jury, vote, statut
    assert "D3 Projet D3 75,0 ex æquo retenu - retenu" in said
    assert "D4 Projet D4 75,0 ex æquo - - " in said
    assert "D1 Projet D1 100,0 retenu - - retenu" in said
