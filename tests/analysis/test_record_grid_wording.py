"""``isgrid record check`` compares what of the grid scores: a grid whose notes were
reworded since the record (a newer isgrid's shipped grid) is a warning, and so is the
result's sha256 that differs for it alone (the result holds the grid's hash and title)
when every dossier's status, rank, total and amounts and the selection are those recorded;
a weight changed is « the resolved grid changed », an error, as before.  A record written
before it held the scoring hash is compared by isgrid's table of its shipped grids' past
hashes (isgrid.grid.scoring), else as a whole."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import isgrid
from isgrid.call.load import load_call
from isgrid.errors import CallError
from isgrid.jury.record import audit_record, check_record
from testpaths import EXAMPLES, ROOT

# the two texts small19 reworded in grids/avise-mouves-2011.yaml (the parent of
# alsace-aap-2016)
_WORDING = (("socles (2 par axe) est un placeholder ;",
             "socles (2 par axe) est une hypothèse provisoire d'isgrid ;"),
            ("critère (2 par axe) est un placeholder.",
             "critère (2 par axe) est une hypothèse provisoire d'isgrid."))


def _grids_beside(folder: Path, reworded: bool) -> None:
    shutil.copy(ROOT / "grids" / "alsace-aap-2016.yaml", folder)
    text = (ROOT / "grids" / "avise-mouves-2011.yaml").read_text("utf-8")
    for before, after in _WORDING:
        assert after in text
        if not reworded:
            text = text.replace(after, before)
    (folder / "avise-mouves-2011.yaml").write_text(text, "utf-8")


@pytest.fixture()
def recorded(tmp_path: Path) -> tuple[Path, Path, dict[str, Any]]:
    """The example scored under the parent grid as it was before small19, and its record."""
    folder = tmp_path / "aap"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    _grids_beside(folder, reworded=False)
    call = load_call(folder)
    rec = audit_record(call, isgrid.score(call))
    assert rec["grid"]["scoring_sha256"] == call.grid.scoring_sha256
    path = tmp_path / "record.json"
    path.write_text(json.dumps(rec), "utf-8")
    _grids_beside(folder, reworded=True)
    return folder, path, rec


def _check(folder: Path, path: Path) -> list[str]:
    call = load_call(folder)
    return check_record(call, isgrid.score(call), path)


def test_a_note_reworded_is_a_warning_not_a_mismatch(
        recorded: tuple[Path, Path, dict[str, Any]]) -> None:
    folder, path, _ = recorded
    assert _check(folder, path) == [
        "the grid's wording changed since the record (its notes, labels or sources), not "
        "what of it scores",
        "the result differs from the recorded one as the grid's wording does: every "
        "dossier's status, rank, total and amounts, and the selection, are those recorded"]


def test_a_weight_changed_is_a_mismatch(recorded: tuple[Path, Path, dict[str, Any]]) -> None:
    folder, path, _ = recorded
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace(
        "half_steps: true", "half_steps: true\n  sections.besoin-social.weight: 3"), "utf-8")
    with pytest.raises(CallError) as exc:
        _check(folder, path)
    errors = [d.message for d in exc.value.diagnostics if d.severity == "error"]
    assert "the resolved grid changed since the record" in errors
    assert "the result differs from the recorded one" in errors


def test_a_note_reworded_with_a_dossier_changed_is_a_mismatch(
        recorded: tuple[Path, Path, dict[str, Any]]) -> None:
    folder, path, _ = recorded
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    assert "budget: 52000" in text
    (folder / "call.yaml").write_text(text.replace("budget: 52000", "budget: 45000"), "utf-8")
    with pytest.raises(CallError) as exc:
        _check(folder, path)
    said = [(d.severity, d.message) for d in exc.value.diagnostics]
    assert ("error", "the result differs from the recorded one") in said
    assert ("warning", "the grid's wording changed since the record (its notes, labels or "
                       "sources), not what of it scores") in said


def test_an_older_record_holds_the_whole_hash_only(
        recorded: tuple[Path, Path, dict[str, Any]], monkeypatch: Any) -> None:
    import isgrid.grid.scoring as scoring

    folder, path, rec = recorded
    del rec["grid"]["scoring_sha256"]
    path.write_text(json.dumps(rec), "utf-8")
    # the call's grid (« 1+call ») as the isgrid before small19 had it: isgrid's table keeps
    # the two notes that isgrid shipped (isgrid.grid.reworded)
    assert len(_check(folder, path)) == 2
    # a hash no isgrid shipped: compared as a whole
    rec["grid"]["sha256"] = "0" * 64
    path.write_text(json.dumps(rec), "utf-8")
    with pytest.raises(CallError) as exc:
        _check(folder, path)
    assert "the resolved grid changed since the record" in [
        d.message for d in exc.value.diagnostics]
    # a whole hash isgrid's table knows, of a grid that scored as the grid now
    monkeypatch.setattr(scoring, "past_hashes", lambda: {
        "alsace-aap-2016": {"0" * 64: load_call(folder).grid.scoring_sha256}})
    assert len(_check(folder, path)) == 2
