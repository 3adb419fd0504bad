"""The workspace's grid lock compares what of the grid scores (isgrid.grid.scoring): a grid
whose notes or labels were reworded since jurors started is no change of grid, even for a
database that recorded only the whole grid's hash (isgrid's table of its shipped grids'
past hashes gives what that grid scored)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import isgrid
from isgrid.workspace import gridlock
from isgrid.workspace.db import Setting
from isgrid.workspace.store import Entry, Workspace
from testpaths import ROOT
from workspacecalls import alsace


def _grid_of_the_call(folder: Path) -> Path:
    shutil.copy(ROOT / "grids" / "alsace-aap-2016.yaml", folder / "grille.yaml")
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace("grid: alsace-aap-2016",
                                                   "grid: ./grille.yaml"), encoding="utf-8")
    return folder / "grille.yaml"


def _settings(ws: Workspace) -> dict[str, str]:
    with ws.tx() as s:
        return {r.key: r.value for r in s.query(Setting) if r.key.startswith("grid_")}


def test_a_note_reworded_is_no_change_and_a_weight_is(tmp_path: Path, caplog: Any) -> None:
    folder = alsace(tmp_path, keep_ratings=False)
    grid = _grid_of_the_call(folder)
    ws = Workspace(folder)
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "2,5"}))
    before = _settings(ws)
    ws.close()
    assert before["grid_scoring_sha256"] == isgrid.load_call(folder).grid.scoring_sha256
    text = grid.read_text(encoding="utf-8")
    grid.write_text(text.replace("notes:\n", "notes:\n  - Une note reformulée.\n", 1),
                    encoding="utf-8")
    with caplog.at_level("INFO", logger="isgrid.workspace"):
        ws = Workspace(folder)
    assert "changed" not in caplog.text  # nothing said: the drafts and totals are as they were
    after = _settings(ws)
    assert after["grid_sha256"] != before["grid_sha256"]  # the new grid recorded
    assert after["grid_scoring_sha256"] == before["grid_scoring_sha256"]
    assert ws.sheet("j1", "AL16-02")[0]["ALS-2"] == ("2.5", "")
    ws.close()
    # a weight: the drafts still mean what they meant (not locked), but the grid scores
    # otherwise: said in the server's log, as before
    call = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(call.replace(
        "half_steps: true", "half_steps: true\n  sections.besoin-social.weight: 3"),
        encoding="utf-8")
    with caplog.at_level("WARNING", logger="isgrid.workspace"):
        Workspace(folder).close()
    assert "not its criteria nor their values" in caplog.text


def _as_before(ws: Workspace, whole: str) -> None:
    """The database as a workspace made before the lock kept more than the whole hash."""
    with ws.tx() as s:
        for key in ("grid_sheet_sha256", "grid_ref", "grid_scoring_sha256"):
            row = s.get(Setting, key)
            if row is not None:
                s.delete(row)
        s.merge(Setting(key="grid_sha256", value=whole))


def test_an_old_database_of_a_shipped_grid_reworded_since(tmp_path: Path,
                                                           monkeypatch: Any) -> None:
    """The database recorded the whole hash of a version isgrid's table knows (here, as if
    shipped before a note was reworded): it scored as the grid now, so the drafts are not
    even checked; a hash the table does not know checks them, as before."""
    import isgrid.grid.scoring as scoring

    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder)
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "2,5"}))
    scoring_now = isgrid.load_call(folder).grid.scoring_sha256
    monkeypatch.setattr(scoring, "past_hashes",
                        lambda: {"alsace-aap-2016": {"1" * 64: scoring_now}})
    checked: list[int] = []
    real = gridlock._invalid

    def invalid(s: Any, grid: Any) -> list[str]:
        checked.append(1)
        return real(s, grid)

    monkeypatch.setattr(gridlock, "_invalid", invalid)
    _as_before(ws, "1" * 64)
    ws.close()
    Workspace(folder).close()
    assert checked == []
    ws = Workspace(folder)
    _as_before(ws, "2" * 64)  # unknown
    ws.close()
    Workspace(folder).close()
    assert checked == [1]


def test_an_old_database_whose_grid_scored_otherwise_is_checked(tmp_path: Path,
                                                                monkeypatch: Any) -> None:
    """The table knows the recorded hash, of a version that scored otherwise: the drafts
    are checked against the grid now; one it no longer reads refuses the start."""
    import isgrid.grid.scoring as scoring
    from isgrid.errors import CallError

    folder = alsace(tmp_path, keep_ratings=False)
    ws = Workspace(folder)
    ws.save("j1", "AL16-02", Entry(values={"ALS-2": "2,5"}))
    whole = "1" * 64
    monkeypatch.setattr(scoring, "past_hashes",
                        lambda: {"alsace-aap-2016": {whole: "f" * 64}})
    _as_before(ws, whole)
    ws.close()
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace("half_steps: true", "half_steps: false"),
                                      encoding="utf-8")
    with pytest.raises(CallError) as exc:
        Workspace(folder)
    assert "AL16-02 ALS-2 = 2.5" in exc.value.diagnostics[0].message
