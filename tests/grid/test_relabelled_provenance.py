"""A ``set`` that rewrites a sourced criterion's label keeps no « sourced » (review s12, grids #1).

A Région extending ``loi-ess-2014-art15`` rewrote A15-1's label (the law's sentence) with
``set: criteria.A15-1.label`` and isgrid kept calling it « sourcé », with the note « Texte
de la loi »; ``grids check`` said nothing, nor did ``call check`` for a call's ``set``.  A
rewritten label is now treated like a changed parameter: ``stale-provenance`` at the
``set`` key, and the criterion is shown and counted « inferred » until the grid gives it a
provenance of its own (``set: criteria.<id>.provenance``).  A translation (a grid with
another ``lang``) is not a rewrite.
"""

from __future__ import annotations

from pathlib import Path

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.grid.choices import criterion_origins
from isgrid.grid.load import load_grid
from isgrid.grid.provenance import criterion_status, provenance_summary
from isgrid.grid.view import grid_export, grid_text

PARENT = """\
id: parent
version: "1"
title: Parent
mode: checklist
counts_as: {met: 1, partly: 1}
sources:
  - {id: L15, title: Loi}
scales:
  oui-non:
    levels:
      - {value: 0, label: Non}
      - {value: 1, label: Oui}
sections:
  - id: s
    label: Caractéristiques
    criteria:
      - {id: C1, label: Besoins non ou mal satisfaits, scale: oui-non, core: true,
         provenance: {status: sourced, source: L15, note: Texte de la loi}}
      - {id: C2, label: Forme innovante, scale: oui-non,
         provenance: {status: reconstructed, source: L15}}
      - {id: C3, label: Autre, scale: oui-non, provenance: {status: inferred}}
"""

HEAD = 'id: child\nversion: "1"\ntitle: Enfant\nextends: parent\n'


def _load(tmp_path: Path, child: str):  # type: ignore[no-untyped-def]
    (tmp_path / "parent.yaml").write_text(PARENT, encoding="utf-8")
    path = tmp_path / "child.yaml"
    path.write_text(child, encoding="utf-8")
    return load_grid(path)


def _stale(warnings: list[object]) -> list[tuple[int | None, int | None]]:
    return [(d.location.line, d.location.column)  # type: ignore[attr-defined]
            for d in warnings if d.code == "stale-provenance"]  # type: ignore[attr-defined]


def test_a_rewritten_sourced_label_is_warned_and_shown_inferred(tmp_path: Path) -> None:
    # line 6, column 3: the `criteria.C1.label` key under `set:`
    loaded = _load(tmp_path, HEAD + "set:\n  criteria.C1.label: Besoins du territoire\n")
    g = loaded.grid
    assert _stale(loaded.warnings) == [(6, 3)]
    c1 = g.criterion("C1")
    assert c1.provenance.status == "sourced"  # as written: kept, but not shown
    assert criterion_status(g, c1) == "inferred"
    # C1 inferred, C2 still reconstructed, C3 inferred: 0 / 1 / 2
    assert provenance_summary(g)["criteria"] == {"sourced": 0, "reconstructed": 1,
                                                 "inferred": 2}
    assert provenance_summary(g)["parameters"] == {"sourced": 0, "reconstructed": 0,
                                                   "inferred": 0}
    assert criterion_origins(loaded)["C1"] == "inferred"
    exported = grid_export(loaded)
    prov = exported["sections"][0]["criteria"][0]["provenance"]
    assert (prov["status"], prov["written_status"]) == ("inferred", "sourced")
    assert exported["criteria_relabelled_without_provenance"] == ["C1"]
    assert exported["parameters_changed_without_provenance"] == []
    text = grid_text(loaded, width=200, lang="fr")
    assert "inféré (libellé réécrit sans provenance\u202f; L15 cite le libellé d'origine)" in text


def test_a_reconstructed_label_rewritten_is_inferred_too(tmp_path: Path) -> None:
    loaded = _load(tmp_path, HEAD + "set:\n  criteria.C2.label: Forme nouvelle\n")
    assert _stale(loaded.warnings) == [(6, 3)]
    assert criterion_status(loaded.grid, loaded.grid.criterion("C2")) == "inferred"


def test_an_inferred_label_or_the_same_label_is_not_warned(tmp_path: Path) -> None:
    loaded = _load(tmp_path, HEAD + "set:\n  criteria.C3.label: Autre chose\n"
                   "  criteria.C1.label: Besoins non ou mal satisfaits\n")
    assert _stale(loaded.warnings) == []
    assert criterion_status(loaded.grid, loaded.grid.criterion("C1")) == "sourced"


def test_its_own_provenance_answers_it_and_a_grandchild_inherits_it(tmp_path: Path) -> None:
    own = _load(tmp_path, HEAD + "set:\n  criteria.C1.label: Besoins du territoire\n"
                "  criteria.C1.provenance: {status: sourced, source: L15}\n")
    assert _stale(own.warnings) == []
    assert criterion_status(own.grid, own.grid.criterion("C1")) == "sourced"
    # a grid extending the rewriting one: still inferred, until it gives the provenance
    _load(tmp_path, HEAD + "set:\n  criteria.C1.label: Besoins du territoire\n")
    (tmp_path / "petit.yaml").write_text(
        'id: petit\nversion: "1"\ntitle: Petit\nextends: child\n', encoding="utf-8")
    small = load_grid(tmp_path / "petit.yaml")
    assert criterion_status(small.grid, small.grid.criterion("C1")) == "inferred"
    (tmp_path / "petit.yaml").write_text(
        'id: petit\nversion: "1"\ntitle: Petit\nextends: child\nset:\n'
        '  criteria.C1.provenance: {status: inferred, note: Libellé de la Région}\n',
        encoding="utf-8")
    small = load_grid(tmp_path / "petit.yaml")
    assert small.grid.changed_without_provenance() == frozenset()


def test_a_translation_is_not_a_rewrite(tmp_path: Path) -> None:
    loaded = _load(tmp_path, HEAD + "lang: en\nset:\n  criteria.C1.label: Unmet social needs\n")
    assert _stale(loaded.warnings) == []
    assert criterion_status(loaded.grid, loaded.grid.criterion("C1")) == "sourced"


def test_the_shipped_law_grid_rewritten_as_in_the_review(tmp_path: Path) -> None:
    path = tmp_path / "region-is.yaml"
    path.write_text(
        'id: region-is-2026\nversion: "1"\ntitle: Appel de la Région\n'
        "extends: loi-ess-2014-art15@1\nset:\n"
        '  criteria.A15-1.label: "Répondre à des besoins sociaux mal satisfaits sur le '
        'territoire régional"\n', encoding="utf-8")
    loaded = load_grid(path)
    assert _stale(loaded.warnings) == [(6, 3)]
    # the law grid: 5 sourced criteria; A15-1 rewritten -> 4 sourced, 1 inferred
    assert provenance_summary(loaded.grid)["criteria"] == {
        "sourced": 4, "reconstructed": 0, "inferred": 1}


def test_a_call_that_rewrites_a_label_is_warned_and_shows_it_inferred(tmp_path: Path) -> None:
    call = {"assessors": [{"id": "j1"}], "set": {"criteria.C1.label": "Besoins locaux"}}
    folder = make_call(tmp_path, PARENT, call=call, dossiers=[{"id": "D1"}])
    loaded = load_call(folder)
    assert [d.code for d in loaded.warnings].count("stale-provenance") == 1
    g = loaded.grid.grid
    assert criterion_status(g, g.criterion("C1")) == "inferred"
