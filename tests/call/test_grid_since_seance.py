"""The journal records the grid each entry was taken under; a later change of grid is told.

A second-year secretariat (review year2, finding 1) updated isgrid, whose shipped grid
had a new version: last year's signed call re-rendered with other totals and statuses
while `call check` said « ok ».  Each entry now says the grid (id@version, hash) the call
was judged with; every command that loads the call warns ``grid-changed`` when an entry in
effect was taken under another one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import isgrid
import isgrid.journal
from isgrid.call.journal import journal_path
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.errors import Severity
from isgrid.messages import Message
from testpaths import ROOT

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "aap"
    shutil.copytree(EXAMPLE, out)
    return out


def _changed(folder: Path) -> list[tuple[str, str, int | None, Severity]]:
    call = load_call(folder)
    return [(d.code, str(d.message), d.location.line if d.location else None, d.severity)
            for d in call.warnings if d.code == "grid-changed"]


def _weight(folder: Path, line: str) -> None:
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    assert "  scales.note04.half_steps: true\n" in text
    (folder / "call.yaml").write_text(text.replace(
        "  scales.note04.half_steps: true\n",
        f"  scales.note04.half_steps: true\n{line}\n"), encoding="utf-8")


def test_an_entry_records_the_grid_the_call_is_judged_with(folder: Path) -> None:
    call = isgrid.load_call(folder)
    isgrid.journal.decide(call, "AL16-05", outcome="non retenu", by="CP", reason="r",
                          motivation="m")
    line = json.loads(journal_path(folder).read_text(encoding="utf-8").splitlines()[0])
    # the example changes the shipped grid (half steps): « 1+call »; the hash is the one
    # the result records for the grid
    assert line["grid"] == "alsace-aap-2016@1+call"
    assert line["grid_sha256"] == isgrid.score(call).grid["sha256"]
    assert _changed(folder) == []  # the same grid: nothing to say


def test_a_grid_changed_after_the_seance_is_told_where(folder: Path) -> None:
    call = isgrid.load_call(folder)
    isgrid.journal.decide(call, "AL16-05", outcome="non retenu", by="CP", reason="r",
                          motivation="m")
    isgrid.journal.set_consensus(call, "AL16-02", "ALS-5", 2, by="CP", reason="accord")
    _weight(folder, "  sections.besoin-social.weight: 3")
    [(_code, text, line, severity)] = _changed(folder)
    assert severity == "warning"
    assert line == 1  # the first entry taken under the other grid
    assert text.startswith("2 journal entries were recorded with the grid "
                           "alsace-aap-2016@1+call")
    assert "the call is now judged with alsace-aap-2016@1+call" in text


def test_entries_without_a_stamp_and_cancellations_are_not_compared(folder: Path) -> None:
    # a journal written before isgrid stamped its entries: nothing to compare
    append(folder, kind="decision", dossier="AL16-05", outcome="non retenu", by="CP",
           reason="r")
    _weight(folder, "  sections.besoin-social.weight: 3")
    assert _changed(folder) == []
    # a cancellation decides nothing, and the entry it cancels no longer counts
    append(folder, kind="decision", dossier="AL16-04", outcome="non retenu", by="CP",
           reason="r", grid=("alsace-aap-2016@0", "0" * 64))
    assert [x[2] for x in _changed(folder)] == [2]
    append(folder, kind="cancellation", dossier="AL16-04", by="CP", reason="erreur",
           cancels=2, grid=("alsace-aap-2016@0", "0" * 64))
    assert _changed(folder) == []


def _hint(folder: Path) -> Message:
    [d] = [d for d in load_call(folder).warnings if d.code == "grid-changed"]
    assert isinstance(d.hint, Message)
    return d.hint


def test_another_version_this_isgrid_has_is_told_with_the_version_to_pin(
        folder: Path) -> None:
    """alsace-aap-2016@0: isgrid ships only version 1; a copy of version 0 kept beside the
    call in versions/ (where a grid pinned by id is looked for first) can be pinned."""
    append(folder, kind="decision", dossier="AL16-05", outcome="non retenu", by="CP",
           reason="r", grid=("alsace-aap-2016@0+call", "0" * 64))
    call = load_call(folder)
    [d] = [d for d in call.warnings if d.code == "grid-changed"]
    assert str(d.message).startswith("1 journal entry was recorded with the grid "
                                     "alsace-aap-2016@0+call (hash 000000000000)")
    (folder / "versions").mkdir()
    text = (ROOT / "grids" / "alsace-aap-2016.yaml").read_text("utf-8")
    assert '\nversion: "1"\n' in text
    (folder / "versions" / "alsace-aap-2016@0.yaml").write_text(
        text.replace('\nversion: "1"\n', '\nversion: "0"\n'), "utf-8")
    hint = _hint(folder)
    # the version to pin, without the call's mark
    assert "grid: alsace-aap-2016@0)" in str(hint)
    assert hint.translated("fr").startswith(
        "Gardez la grille de la séance\u00a0: nommez sa version dans call.yaml "
        "(grid: alsace-aap-2016@0)")


def test_a_version_this_isgrid_does_not_have_is_not_told_to_pin(folder: Path) -> None:
    """Pinning alsace-aap-2016@0, which isgrid does not ship (only version 1), would
    not load (« the grid alsace-aap-2016 is at version 1, not 0 »): the hint says to put
    back a copy of its file instead."""
    append(folder, kind="decision", dossier="AL16-05", outcome="non retenu", by="CP",
           reason="r", grid=("alsace-aap-2016@0+call", "0" * 64))
    hint = _hint(folder)
    assert str(hint) == (
        "This isgrid does not have the grid alsace-aap-2016@0 the séance was judged with: "
        "to keep it, copy its file (grids/alsace-aap-2016.yaml of the isgrid the séance "
        "used) into the call folder and name that file in call.yaml (grid: <file>.yaml); "
        "else record the new values with a new decision and say why.")
    assert hint.translated("fr").startswith(
        "Cet isgrid n'a pas la grille alsace-aap-2016@0 avec laquelle la séance a jugé"
        "\u00a0: pour la garder, copiez son fichier (grids/alsace-aap-2016.yaml de "
        "l'isgrid de la séance)")


def test_a_superseded_version_isgrid_ships_is_told_to_pin(tmp_path: Path) -> None:
    """A call on csess-2017 (now version 2) whose séance was judged with version 1, which
    isgrid keeps in grids/versions/csess-2017@1.yaml: pin it."""
    call = tmp_path / "c"
    (call / "dossiers").mkdir(parents=True)
    (call / "call.yaml").write_text("title: Appel\ngrid: csess-2017\n", encoding="utf-8")
    (call / "dossiers" / "D001.yaml").write_text("id: D001\ntitle: Projet\n", "utf-8")
    append(call, kind="decision", dossier="D001", outcome="non retenu", by="CP",
           reason="r", grid=("csess-2017@1", "0" * 64))
    hint = _hint(call)
    assert str(hint) == ("Keep the séance's grid: name its version in call.yaml (grid: "
                         "csess-2017@1), then check that the call has no other warning of "
                         "this kind.")


# the two texts small19 reworded in grids/avise-mouves-2011.yaml (the parent of
# alsace-aap-2016): a note, and a parameter's provenance note; nothing else changed
_WORDING = (("socles (2 par axe) est un placeholder ;",
             "socles (2 par axe) est une hypothèse provisoire d'isgrid ;"),
            ("critère (2 par axe) est un placeholder.",
             "critère (2 par axe) est une hypothèse provisoire d'isgrid."))


def _grids_beside(folder: Path, reworded: bool) -> None:
    """The call's grid and its parent, copied beside the call (where a grid named by id
    is looked for first): the parent as it was before small19 reworded two notes, or
    after (the shipped file)."""
    shutil.copy(ROOT / "grids" / "alsace-aap-2016.yaml", folder)
    text = (ROOT / "grids" / "avise-mouves-2011.yaml").read_text("utf-8")
    for before, after in _WORDING:
        assert after in text
        if not reworded:
            text = text.replace(after, before)
    (folder / "avise-mouves-2011.yaml").write_text(text, "utf-8")


def test_a_note_reworded_in_a_parent_grid_is_no_change_of_grid(folder: Path) -> None:
    """review-data19, finding 6: the séance decided under avise-mouves-2011 as it was
    before small19 reworded two notes; the same call, judged with the reworded parent,
    scores alike: no grid-changed (`--strict` export no longer stops), while the
    result's grid.sha256 (the whole grid's) changes and its scoring_sha256 does not."""
    _grids_beside(folder, reworded=False)
    call = isgrid.load_call(folder)
    assert "placeholder" in " ".join(call.grid.grid.notes)
    before = isgrid.score(call).grid
    isgrid.journal.decide(call, "AL16-01", outcome="retenu", by="jury", reason="ok")
    line = json.loads(journal_path(folder).read_text(encoding="utf-8").splitlines()[0])
    assert (line["grid_sha256"], line["grid_scoring_sha256"]) == (
        before["sha256"], before["scoring_sha256"])
    _grids_beside(folder, reworded=True)
    call = isgrid.load_call(folder)
    assert "placeholder" not in " ".join(call.grid.grid.notes)
    now = isgrid.score(call).grid
    assert now["sha256"] != before["sha256"]
    assert now["scoring_sha256"] == before["scoring_sha256"]
    assert _changed(folder) == []
    # a weight changed is a change of what scores: told
    _weight(folder, "  sections.besoin-social.weight: 3")
    assert [x[2] for x in _changed(folder)] == [1]


def test_an_entry_without_the_scoring_hash_is_compared_by_the_whole_grid(
        folder: Path) -> None:
    """An entry recorded before isgrid wrote grid_scoring_sha256 has only the whole grid's
    hash; a grid none of isgrid's shipped grids ever was (here a note of the parent copied
    beside the call, worded as no isgrid shipped it: test_past_grid_hashes for the ones it
    did): isgrid cannot know what of that grid scored, so a note reworded since is told."""
    _grids_beside(folder, reworded=True)
    parent = folder / "avise-mouves-2011.yaml"
    text = parent.read_text("utf-8")
    parent.write_text(text.replace("hypothèse provisoire", "hypothèse de travail"), "utf-8")
    call = isgrid.load_call(folder)
    append(folder, kind="decision", dossier="AL16-05", outcome="non retenu", by="CP",
           reason="r", grid=(call.grid.ref, call.grid.sha256))
    assert _changed(folder) == []
    _grids_beside(folder, reworded=True)
    assert [x[2] for x in _changed(folder)] == [1]
