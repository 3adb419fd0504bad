"""The discussion agenda against hand-worked numbers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.agenda import TAU_POINTS, build_agenda, line_value
from isgrid.documents.build import build_context
from isgrid.documents.output import render_report
from isgrid.engine import score
from report_calls import checklist_call, scored_call
from testpaths import EXAMPLES


def test_scored_agenda_hand_worked(tmp_path: Path) -> None:
    call = load_call(scored_call(tmp_path))
    result = score(call)
    totals = {d.id: d.total for d in result.dossiers}
    # Totals by hand (weights: besoin 2 with B1 2, B2 1; impact 1; scale 0..4):
    #   D02 = 100 x (4/3 x 3.5/4 + 2/3 x 2.5/4 + 3/4) / 3 = 700/9
    #   D03 = 100 x (4/3 x 2/3 + 2/3 x 3/4 (consensus 3) + 2/3) / 3 = 3700/54
    assert totals["D02"] == pytest.approx(700 / 9)
    assert totals["D03"] == pytest.approx(3700 / 54)
    # D01, D02 selected (2 x 40 000 of 90 000), D03 is the first not selected:
    line = (700 / 9 + 3700 / 54) / 2
    assert line_value(call.grid.grid, result) == pytest.approx(line)
    entries = build_agenda(call.grid.grid, result)
    # D05 is ineligible and D06 to check: not on the agenda.
    assert [e.id for e in entries] == ["D03", "D02", "D01", "D04"]
    d03 = entries[0]
    # D03: B2 rated 1, 4, 2 -> spread 3 of a range of 4 -> D = 0.75
    assert d03.disagreement == pytest.approx(0.75)
    assert d03.distance == pytest.approx(line - 3700 / 54)
    w = TAU_POINTS / (TAU_POINTS + (line - 3700 / 54))
    assert d03.closeness == pytest.approx(w)
    assert d03.priority == pytest.approx(0.75 * w)
    assert d03.criteria[0] == ("B2", pytest.approx(0.75))
    # D02: j-gamma is conflicted, so B1 is 3 and 4: D = 0.25, same distance as D03.
    assert entries[1].disagreement == pytest.approx(0.25)
    assert entries[1].priority == pytest.approx(0.25 * w)
    # D01 (94.4) is farther from the line than D04 (49.1)? No: 21.3 vs 24.1 points.
    d01, d04 = entries[2], entries[3]
    assert d01.priority == pytest.approx(0.25 * 5 / (5 + 850 / 9 - line))
    assert d04.priority < d01.priority


def test_checklist_agenda_uses_ranks(tmp_path: Path) -> None:
    call = load_call(checklist_call(tmp_path))
    result = score(call)
    # top 2: C1 first, C2 and C4 tied at rank 2 at the line (tie-at-line).  The line is
    # halfway between C1 (rank 1, the last funded) and the tied rank 2, as for a line
    # without a tie (it read 2, on the tied dossiers: zone.line_position, one rule)
    assert line_value(call.grid.grid, result) == 1.5
    entries = build_agenda(call.grid.grid, result)
    assert [e.id for e in entries] == ["C4"]
    assert entries[0].disagreement == pytest.approx(0.5)  # S2 rated 2 and 1 on 0..2
    # half a rank from the line: w = 2 / (2 + 0.5) = 0.8, priority 0.5 x 0.8 = 0.4
    assert entries[0].distance == pytest.approx(0.5)
    assert entries[0].closeness == pytest.approx(0.8)
    assert entries[0].priority == pytest.approx(0.4)


def test_agenda_size_and_more(tmp_path: Path) -> None:
    call = load_call(scored_call(tmp_path))
    ctx = build_context(call, score(call), "committee", "interne", agenda_size=2)
    assert [a.id for a in ctx.agenda] == ["D03", "D02"]
    # only where discussion can change the outcome: D03 and D02 are 4.6 points from the
    # line (tau = 5); D04's B1 is (2 + 2 + 2) / 3 = 2.0, its floor (one juror one level
    # lower: 1.67, below it), but D04 is not ranked either way (49.1 under the threshold
    # of 50): not near a floor; D01 (94.4, 21.3 points above the line, a spread of 1/4 of
    # the scale) is left off: none more than the two shown
    assert ctx.agenda_more == 0
    # D03's B2 « Public » rated 1, 4, 2 on 0..4: a spread of (4 - 1) / 4 = 0.75 >= 1/2
    why = ctx.agenda[0].why
    assert why == ["proche de la ligne de financement (4,6 points)",
                   # the fixture's criteria are reconstructed: the label carries the mark
                   "jurés très partagés sur «\u00a0Public (reconstitué)\u00a0» (de 1,0 à 4,0)"]
    assert ctx.agenda[0].criteria[0].min == 1 and ctx.agenda[0].criteria[0].max == 4


def test_agenda_top_is_the_head_of_the_agenda(tmp_path: Path) -> None:
    from isgrid.documents.agenda import agenda_top

    call = load_call(scored_call(tmp_path))
    result = score(call)
    full = build_agenda(call.grid.grid, result)
    for size in (0, 1, 2, len(full), len(full) + 5):
        head, total = agenda_top(call.grid.grid, result, size)
        assert head == full[:size] and total == len(full)


def test_the_floor_edges_are_computed_once_a_report(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # the agenda and the zone grise both read them; D04's B1 is 2.0 on a floor of 2 (one
    # juror lower: 1.67), but D04 (49.1) is under the threshold of 50 either way: no edge
    import isgrid.analysis.zone as zone

    calls: list[int] = []
    real = zone.floor_edges

    def counted(call: object, result: object) -> object:
        calls.append(1)
        return real(call, result)  # type: ignore[arg-type]

    monkeypatch.setattr(zone, "floor_edges", counted)
    call = load_call(scored_call(tmp_path))
    ctx = build_context(call, score(call), "committee", "interne")
    assert calls == [1]
    assert [g.id for g in ctx.zone_grise] == ["D02", "D03", "D06"]
    assert "D04" not in [a.id for a in ctx.agenda]


def test_a_letter_for_an_unknown_dossier_is_the_callers_error_in_the_callers_language() -> None:
    # The library path (the CLI checks the id before): the letter's language (en here) is
    # not the reader's; the error is a diagnostic that each reader sees in their own.
    from isgrid.errors import UsageError

    call = load_call(EXAMPLES / "alsace-2016")
    with pytest.raises(UsageError) as info:
        build_context(call, score(call), "feedback", "communicable", "en",
                      dossier="AL16-99")
    [diag] = info.value.diagnostics
    assert diag.code == "unknown-dossier"
    assert diag.message.translated("fr") == "dossier inconnu «\xa0AL16-99\xa0»"
    assert diag.message.translated("en") == "unknown dossier 'AL16-99'"


def test_agenda_reads_the_engine_line_after_a_withdrawal(tmp_path: Path) -> None:
    """alsace-2016: AL16-01 84.82 (rank 1), AL16-02 77.38 (2), AL16-05 75.00 (3, to check,
    no amount), AL16-03 60.71 = 425/7 (4), AL16-04 55.95 = 1175/21 (5).  AL16-02 withdraws,
    AL16-03 is funded in its place: the engine's line goes before rank 5, drawn between
    AL16-03 and AL16-04; the agenda measures from the same line, halfway between them:
    (425/7 + 1175/21) / 2 = 175/3, each 50/21 = 2.38 points away (« 2,4 points »).  It
    read 69.05 points before: halfway between AL16-03 and the withdrawn AL16-02 (77.38)."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    res = CliRunner().invoke(cli, ["withdraw", str(folder), "AL16-02", "--by", "Secrétariat",
                                   "--reason", "courrier"])
    assert res.exit_code == 0, res.output
    call = load_call(folder)
    result = score(call)
    assert result.current is not None and result.current.line == 5
    assert line_value(call.grid.grid, result) == pytest.approx(175 / 3)
    near = {e.id: e for e in build_agenda(call.grid.grid, result)}
    assert near["AL16-03"].distance == pytest.approx(50 / 21)
    assert near["AL16-04"].distance == pytest.approx(50 / 21)
    assert near["AL16-03"].closeness == pytest.approx(TAU_POINTS / (TAU_POINTS + 50 / 21))
    [(_, page)] = render_report(call, result, "committee", "md")
    text = page.decode("utf-8")
    assert "ligne de financement avant le rang 5" in text
    rows = {m.group(1): m.group(2) for m in re.finditer(
        r"^\| \d+ \| (AL16-\d\d) \| [^|]+ \| \d+ \| ([^|]+) \|", text, re.M)}
    assert rows["AL16-03"].startswith("proche de la ligne de financement (2,4 points)")
    assert rows["AL16-04"].startswith("proche de la ligne de financement (2,4 points)")
    # the withdrawn AL16-02 has left the competition: not on the agenda (it was listed,
    # still eligible, by the spread of its ratings)
    assert "AL16-02" not in near and "AL16-02" not in rows


def test_agenda_line_between_the_dossiers_the_report_draws_it_between(tmp_path: Path) -> None:
    """alsace-2016's proposal: the line before rank 4, drawn between AL16-02 (77.38 =
    1625/21) and AL16-03 (60.71 = 425/7 = 1275/21); AL16-05 (75.00, rank 3, to check) is
    above it, not at it: the line is (1625/21 + 1275/21) / 2 = 1450/21 = 69.05, AL16-03
    175/21 = 8.33 points away (it read 76.19, halfway between AL16-02 and AL16-05)."""
    call = load_call(EXAMPLES / "alsace-2016")
    result = score(call)
    assert result.current is not None and result.current.line == 4
    assert line_value(call.grid.grid, result) == pytest.approx(1450 / 21)
    near = {e.id: e for e in build_agenda(call.grid.grid, result)}
    assert near["AL16-03"].distance == pytest.approx(175 / 21)


def _jurors_agree(tmp_path: Path) -> Path:
    """alsace-2016 with j2's and j3's ratings made j1's: the jurors agree on every
    criterion (D = 0 everywhere), as in a call whose jurors all rated alike."""
    import csv

    folder = tmp_path / "agree"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    with open(folder / "ratings" / "j1.csv", encoding="utf-8") as f:
        j1 = {(r["dossier"], r["criterion"]): r["value"] for r in csv.DictReader(f)}
    for juror in ("j2", "j3"):
        path = folder / "ratings" / f"{juror}.csv"
        with open(path, encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        for r in rows:
            r["value"] = j1.get((r["dossier"], r["criterion"]), r["value"])
        with open(path, "w", encoding="utf-8", newline="") as f:
            out = csv.DictWriter(f, fieldnames=list(rows[0]))
            out.writeheader()
            out.writerows(rows)
    return folder


def test_jurors_who_agree_leave_the_dossiers_at_the_line_on_the_agenda(
        tmp_path: Path) -> None:
    """The agenda says « Seuls les dossiers dont la discussion peut changer le sort :
    proches de la ligne de financement, proches d'un plancher… »: it said « Aucun dossier
    dont la discussion peut changer le sort » when the jurors agreed (D = 0 dropped every
    dossier), under a zone grise of four.  Totals by hand (7 criteria on 0..4, one
    weight): AL16-02 23/28 (j1's 21, ALS-5's 1 made 3 by consensus), AL16-05 21/28 (all
    3), AL16-03 18/28; the line between AL16-02 and AL16-03 (AL16-05 is to check) at
    41/56 = 73.21: AL16-05 1.79 points from it, AL16-02 and AL16-03 8.93 each (the two
    dossiers it is drawn between); AL16-04's AV-1.1 is 2 on a floor of 2."""
    call = load_call(_jurors_agree(tmp_path))
    ctx = build_context(call, score(call), "committee", "interne")
    assert [(a.id, a.why) for a in ctx.agenda] == [
        ("AL16-05", ["proche de la ligne de financement (1,8 point)"]),
        # the two the line is drawn between, 8.93 points away: on the agenda, never
        # « proche » beyond the agenda's 5 points (TAU_POINTS)
        ("AL16-03", ["à 8,9 points de la ligne de financement, le premier dossier classé "
                     "sous elle"]),
        ("AL16-02", ["à 8,9 points de la ligne de financement, le dernier dossier financé "
                     "au-dessus d'elle"]),
        # AV-1.1 is reconstructed (grids/avise-mouves-2011.yaml): its label says so
        ("AL16-04", ["proche du plancher de «\u00a0Réponse à un besoin social nouveau ou "
                     "mal satisfait (reconstitué)\u00a0»", "proche du plancher de «\u00a0Pérennité de la "
                     "démarche\u00a0»"])]
    assert all(a.disagreement == 0 for a in ctx.agenda)
