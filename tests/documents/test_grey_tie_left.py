"""A tie at the line settled by retaining one of its members: the others, left out at
the same rank, are the first dossiers below the funding line in the zone grise
(isgrid.analysis.zone.first_below), not the next rank's.

Found by a review (aap-2026): DN-201 and DN-228 tied at rank 9, DN-201 retained; the
committee report and the séance board called DN-219 (rank 11) « premier dossier sous la
ligne de financement », and DN-228, next in line for the 20 000 € left, was missing."""

from __future__ import annotations

from pathlib import Path

from clirun import run
from decisions_calls import seance_call
from isgrid.analysis.zone import first_below
from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.documents.seance import build_seance
from isgrid.engine import score

NBSP = "\u00a0"
BELOW = "premier dossier sous la ligne de financement"


def test_the_tied_dossier_left_out_is_first_below_the_line(tmp_path: Path) -> None:
    # D1 20 000 + D2 15 000 = 35 000 of 50 000; D3 and D4 (75,0, 10 000 each) tied at
    # rank 3 for the 15 000 left; D3 retained: 45 000, 5 000 left; D4 left out at rank 3,
    # D5 (rank 5, 8 000) does not fit either: the line is drawn before rank 5
    folder = seance_call(tmp_path)
    run("decide", folder, "D3", "--outcome", "retenu", "--by", "Jury", "--reason", "ex æquo")
    call = load_call(folder)
    r = score(call)
    assert r.current is not None and r.current.line == 5
    assert r.dossier("D4").rank == 3 and "D4" not in r.current.selected
    assert first_below(r) == ("D4",)
    grey = {g.id: g.reasons for g in build_seance(call, r, "fr").zone_grise}
    assert grey.get("D4") == [BELOW]
    assert BELOW not in grey.get("D5", [])
    [(_, body)] = render_report(call, r, "committee", "md")
    page = body.decode("utf-8")
    assert f"| 3 | D4 | Projet D4 | proposé en réserve | {BELOW} |" in page
    assert "| D5 | Projet D5 |" not in page.split("Zone grise")[1].split("## ")[0]
