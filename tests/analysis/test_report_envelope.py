"""The committee report's envelope ±10 % table (issue 6).

The table (:func:`isgrid.analysis.envelope.envelope_table`) re-walks the result's
ranked candidates; it must agree with scoring each variant in full (the engine with
another budget), and the Alsace example is checked by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isgrid.analysis.envelope import envelope_table
from isgrid.call.load import load_call
from isgrid.engine import Scenario, score
from testpaths import ROOT

ROOT = ROOT


def test_alsace_by_hand() -> None:
    # Budget 52,000: AL16-01 (27,000) and AL16-02 (24,000) fit; AL16-05 has no amount;
    # AL16-03 (15,000) does not fit in the 1,000 left and rank-order stops.
    # At 46,800: after AL16-01, 19,800 is left < 24,000: AL16-02 leaves.
    # At 57,200: 6,200 left after the two, AL16-03 still does not fit: nobody enters.
    call = load_call(ROOT / "examples" / "alsace-2016")
    env = envelope_table(score(call))
    assert env is not None
    rows = {r["budget"]: r for r in env["rows"]}
    assert set(rows) == {46800, 52000, 57200}
    assert rows[46800]["selected"] == ["AL16-01"] and rows[46800]["leaves"] == ["AL16-02"]
    assert rows[52000]["selected"] == ["AL16-01", "AL16-02"]
    assert rows[57200]["enters"] == [] and rows[57200]["leaves"] == []


@pytest.mark.parametrize("budget", [30000, 40000, 52000, 60000, 75000])
def test_quick_walk_equals_full_rescoring(tmp_path: Path, budget: int) -> None:
    folder = tmp_path / "call"
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace("budget: 52000", f"budget: {budget}"),
                                      encoding="utf-8")
    call = load_call(folder)
    quick = envelope_table(score(call))
    assert quick is not None
    for row in quick["rows"]:
        full = score(call, Scenario(budget=row["budget"], journal=()))
        assert full.selection is not None
        assert row["selected"] == list(full.selection.proposed.selected), (budget, row)


def test_decisions_do_not_move_the_envelope_table(tmp_path: Path) -> None:
    """The table is about the jury's proposal: a withdrawal changes the decided
    selection, not the rows."""
    from click.testing import CliRunner

    from isgrid.cli import cli

    folder = tmp_path / "call"
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    before = envelope_table(score(load_call(folder)))
    res = CliRunner().invoke(cli, ["withdraw", str(folder), "AL16-02", "--by", "S",
                                   "--reason", "x"])
    assert res.exit_code == 0, res.output
    after = score(load_call(folder))
    assert after.current is not None and "AL16-02" not in after.current.selected
    assert envelope_table(after) == before


def test_no_budget_no_table() -> None:
    call = load_call(ROOT / "examples" / "alterincub-2019")
    assert envelope_table(score(call)) is None


def _withdrawn_al16_02(tmp_path: Path) -> Path:
    from click.testing import CliRunner

    from isgrid.cli import cli

    folder = tmp_path / "call"
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    res = CliRunner().invoke(cli, ["withdraw", str(folder), "AL16-02", "--by", "S",
                                   "--reason", "x"])
    assert res.exit_code == 0, res.output
    return folder


def test_minutes_table_reads_the_decided_selection(tmp_path: Path) -> None:
    """Review s18 F3: after a withdrawal the minutes' and committee report's table is the
    decided selection, never a withdrawn dossier funded.  By hand (budget 52 000):
    AL16-02 (24 000) withdrawn frees its place, AL16-03 (15 000) takes it: AL16-01
    27 000 + 15 000 = 42 000.  At 46 800 the proposal stops at AL16-02 (19 800 left <
    24 000): withdrawing a dossier it did not fund frees no place, AL16-01 alone, and
    AL16-03 leaves.  At 57 200 the proposal funds AL16-01 and AL16-02 (51 000), the
    withdrawal frees one place that AL16-03 takes: the same two, nobody enters."""
    folder = _withdrawn_al16_02(tmp_path)
    call = load_call(folder)
    env = envelope_table(score(call), call=call)
    assert env is not None and env["decided"] and not env["closed"]
    rows = {r["budget"]: r for r in env["rows"]}
    assert rows[52000]["selected"] == ["AL16-01", "AL16-03"] and rows[52000]["spent"] == 42000
    assert rows[46800]["selected"] == ["AL16-01"] and rows[46800]["leaves"] == ["AL16-03"]
    assert rows[57200]["selected"] == ["AL16-01", "AL16-03"] and rows[57200]["enters"] == []
    assert env["note"] == "envelope.note.decided"
    assert all("AL16-02" not in r["selected"] for r in env["rows"])


def test_minutes_leave_the_table_out_once_the_list_is_adopted(tmp_path: Path) -> None:
    """Once the vote adopted the list, the minutes say why the table is not there, and
    list nobody at +10 % as « entrent » beside the adopted list."""
    from click.testing import CliRunner

    from isgrid.cli import cli

    folder = _withdrawn_al16_02(tmp_path)
    for did in ("AL16-01", "AL16-03"):
        res = CliRunner().invoke(cli, ["decide", str(folder), did, "--stage", "vote",
                                       "--outcome", "retenu", "--by", "CP",
                                       "--reason", "vote", "--reference", "CP-1",
                                       "--at", "2016-12-01"])
        assert res.exit_code == 0, res.output
    call = load_call(folder)
    result = score(call)
    assert result.list_voted
    env = envelope_table(result, call=call)
    assert env is not None and env["closed"] and env["rows"] == []
    out = tmp_path / "pv.html"
    res = CliRunner().invoke(cli, ["--lang", "fr", "minutes", str(folder), "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    start = page.index("Enveloppe ±")
    section = page[start:page.index("<h2>", start)]
    assert "Tableau non reproduit" in section and "<table>" not in section
    rep = tmp_path / "comite.md"
    res = CliRunner().invoke(cli, ["--lang", "fr", "report", str(folder), "--kind",
                                   "committee", "--format", "md", "-o", str(rep)])
    assert res.exit_code == 0, res.output
    text = rep.read_text(encoding="utf-8")
    section = text[text.index("Enveloppe ±"):]
    section = section[:section.index("\n## ")]
    assert "Tableau non reproduit" in section and "| Enveloppe |" not in section
