"""Entries recorded before isgrid wrote the scoring hash, under a shipped grid reworded since.

An entry of an older isgrid holds only the whole grid's hash (``grid_sha256``).  isgrid
ships, beside its grids, the scoring hash of each whole hash a shipped grid has had
(``grids/scoring-hashes.json``, written by ``tools/grid_hashes.py`` from git): such an
entry is compared by what scores when its hash is there, and told as before when not.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.grid.load import LoadedGrid, list_shipped, load_grid, shipped_dir
from isgrid.grid.scoring import past_hashes, scores_as
from testpaths import EXAMPLES, ROOT

# the two texts small19 reworded in grids/avise-mouves-2011.yaml (f9f7f188): a note and
# a parameter's provenance note; nothing else changed
_WORDING = (("socles (2 par axe) est un placeholder ;",
             "socles (2 par axe) est une hypothèse provisoire d'isgrid ;"),
            ("critère (2 par axe) est un placeholder.",
             "critère (2 par axe) est une hypothèse provisoire d'isgrid."))


def _avise_before_small19(into: Path) -> LoadedGrid:
    """avise-mouves-2011 as isgrid shipped it before small19 reworded its two notes."""
    text = (ROOT / "grids" / "avise-mouves-2011.yaml").read_text("utf-8")
    for before, after in _WORDING:
        assert after in text
        text = text.replace(after, before)
    into.mkdir(parents=True, exist_ok=True)
    (into / "avise-mouves-2011.yaml").write_text(text, "utf-8")
    return load_grid(into / "avise-mouves-2011.yaml")


def test_the_table_knows_every_shipped_grid_as_it_is_now() -> None:
    """A shipped grid edited without writing the table again fails here: run
    `PYTHONPATH=src python tools/grid_hashes.py` and commit grids/scoring-hashes.json."""
    files = [*list_shipped(), *sorted((shipped_dir() / "versions").glob("*.yaml"))]
    assert len(files) == 17  # fifteen grids and two superseded versions
    stale = [p.name for p in files
             if past_hashes().get((g := load_grid(p)).grid.id, {}).get(g.sha256)
             != g.scoring_sha256]
    assert stale == [], "run tools/grid_hashes.py: the table lacks " + ", ".join(stale)


def test_the_table_knows_a_past_version_and_what_it_scored(tmp_path: Path) -> None:
    old = _avise_before_small19(tmp_path / "old")
    now = load_grid("avise-mouves-2011")
    assert old.sha256 != now.sha256
    # the whole hash the isgrid before small19 recorded, mapped to the scoring hash of
    # today's grid: only notes changed
    assert past_hashes()["avise-mouves-2011"][old.sha256] == now.scoring_sha256
    assert scores_as(now, old.sha256, None, "avise-mouves-2011")
    # csess-2017 version 1 lost its gate in version 2: it scored otherwise
    v1 = load_grid(shipped_dir() / "versions" / "csess-2017@1.yaml")
    v2 = load_grid("csess-2017")
    assert past_hashes()["csess-2017"][v1.sha256] == v1.scoring_sha256 != v2.scoring_sha256
    assert not scores_as(v2, v1.sha256, None, "csess-2017")
    assert not scores_as(now, "0" * 64, None, "avise-mouves-2011")  # a hash never shipped


def _call(tmp_path: Path, grid: str) -> Path:
    call = tmp_path / "c"
    (call / "dossiers").mkdir(parents=True)
    (call / "call.yaml").write_text(f"title: Appel\ngrid: {grid}\n", encoding="utf-8")
    (call / "dossiers" / "D001.yaml").write_text("id: D001\ntitle: Projet\n", "utf-8")
    return call


def _changed(folder: Path) -> list[int | None]:
    return [d.location.line if d.location else None
            for d in load_call(folder).warnings if d.code == "grid-changed"]


def test_an_old_entry_under_a_reworded_shipped_grid_is_not_told(tmp_path: Path) -> None:
    """The séance was recorded by an isgrid that shipped avise-mouves-2011 before small19
    (its entry: the whole hash only); the upgraded isgrid ships it reworded: no warning."""
    old = _avise_before_small19(tmp_path / "old")
    call = _call(tmp_path, "avise-mouves-2011")
    append(call, kind="decision", dossier="D001", outcome="non retenu", by="CP",
           reason="r", grid=("avise-mouves-2011@1", old.sha256))
    assert _changed(call) == []


@pytest.mark.parametrize("whole", ["v1", "0" * 64])
def test_an_old_entry_under_a_grid_that_scored_otherwise_is_told(tmp_path: Path,
                                                               whole: str) -> None:
    """csess-2017's version 1 (a gate) scored otherwise than version 2; a hash the table
    does not know (a call's own grid, a set:) is compared as a whole, as before."""
    call = _call(tmp_path, "csess-2017")
    v1 = load_grid(shipped_dir() / "versions" / "csess-2017@1.yaml")
    append(call, kind="decision", dossier="D001", outcome="non retenu", by="CP",
           reason="r", grid=("csess-2017@1", v1.sha256 if whole == "v1" else whole))
    assert _changed(call) == [1]


def test_the_tool_says_the_table_is_current() -> None:
    tool = ROOT / "tools" / "grid_hashes.py"
    if not tool.is_file():  # an installed isgrid without its repository
        pytest.skip("tools/ is not installed")
    import runpy

    main = runpy.run_path(str(tool))["main"]
    assert main(["--check"]) == 0


def test_an_old_entry_of_a_call_that_changes_a_reworded_shipped_grid(tmp_path: Path) -> None:
    """The example changes alsace-aap-2016 by its set: (half steps): its entries record the
    hash of the call's own grid (« 1+call »), which no table lists.  An entry an isgrid
    before small19 recorded there is recognised by the texts the table keeps of that past
    version (isgrid.grid.reworded): not told; once the call's set: changes a weight, told."""
    folder = tmp_path / "aap"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    # the call's grid as that isgrid had it: its parents as it shipped them, beside the call
    _avise_before_small19(folder)
    shutil.copy(ROOT / "grids" / "alsace-aap-2016.yaml", folder)
    then = load_call(folder).grid
    assert then.ref == "alsace-aap-2016@1+call"
    (folder / "avise-mouves-2011.yaml").unlink()
    (folder / "alsace-aap-2016.yaml").unlink()
    now = load_call(folder).grid
    assert now.sha256 != then.sha256 and now.sha256 not in past_hashes()["alsace-aap-2016"]
    append(folder, kind="decision", dossier="AL16-05", outcome="non retenu", by="CP",
           reason="r", grid=(then.ref, then.sha256))
    assert _changed(folder) == []
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace(
        "half_steps: true", "half_steps: true\n  sections.besoin-social.weight: 3"), "utf-8")
    assert _changed(folder) == [1]
