"""docs/grids.md, « A grid in English »: the example a programme copies to give a shipped
(French) grid English labels.  It must check with no warning but the ``untranslated-texts``
the doc announces (it is shortened: « the same four for every criterion »), and give the
labels it says, the rest of the grid left as the parent's (ids, weights, scales' values)."""

from __future__ import annotations

import re
from pathlib import Path

from isgrid.grid.load import load_grid, validate_grid_file
from testpaths import ROOT


def _example(tmp_path: Path) -> Path:
    doc = (ROOT / "docs" / "grids.md").read_text(encoding="utf-8")
    [text] = re.findall(r"```yaml\n(# gsip-2027\.yaml.*?)```", doc, re.S)
    path = tmp_path / "gsip-2027.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_english_grid_checks_and_reads_in_english(tmp_path: Path) -> None:
    path = _example(tmp_path)
    said = validate_grid_file(path).items
    assert [d.code for d in said if d.code != "untranslated-texts"] == []
    # nine criteria left French, as the doc says: ALS-E1 restates its label (line 16 of the
    # example, its value at column 26), the eight it does not name (said at `lang: en`,
    # line 5, column 7) keep all four texts; AV-1.1 restates all four
    every = "label, question, guidance, advice"
    assert [(d.location.key_path, d.location.line, d.location.column,
             str(d.message).split(" keeps its ")[1].split(" as the parent")[0])
            for d in said] == [
        ("criteria.ALS-2", 5, 7, every), ("criteria.ALS-3", 5, 7, every),
        ("criteria.ALS-4", 5, 7, every), ("criteria.AV-4.2", 5, 7, every),
        ("criteria.ALS-1", 5, 7, every), ("criteria.ALS-5", 5, 7, every),
        ("criteria.ALS-E1", 16, 26, "question, guidance, advice"),
        ("criteria.ALS-E2", 5, 7, every), ("criteria.ALS-E3", 5, 7, every)]
    child, parent = load_grid(path).grid, load_grid("alsace-aap-2016").grid
    crit = {c.id: c for c in child.criteria()}
    assert crit["AV-1.1"].label == "Response to a new or poorly met social need"
    assert crit["ALS-E1"].label == "The project involves a share of risk"
    assert [lv.label for lv in child.scales["ouinon"].levels] == ["no", "yes"]
    assert [lv.label for lv in child.scales["note04"].levels] == [
        "Insufficient", "Weak", "Fair", "Good", "Very good"]
    assert child.facts["departement"].label.startswith("Département (French county)")
    # the grid's structure is the parent's: ratings given against it still read
    assert [(c.id, c.weight, c.floor, c.scale) for c in child.criteria()] == \
        [(c.id, c.weight, c.floor, c.scale) for c in parent.criteria()]
    assert [lv.value for lv in child.scales["note04"].levels] == \
        [lv.value for lv in parent.scales["note04"].levels]
    assert child.threshold == parent.threshold and child.tie_breaks == parent.tie_breaks
    # a translated label keeps its criterion's provenance
    assert crit["ALS-E1"].provenance == {c.id: c for c in parent.criteria()}["ALS-E1"].provenance
