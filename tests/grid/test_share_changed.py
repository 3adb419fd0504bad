"""A criterion added to a section of the parent grid halves its neighbour's share, told.

The review's grid: ``alsace-aap-2016`` (sections besoin-social 2, effets-positifs 2,
implication-acteurs 1, demarche-porteur 2, each with one rated criterion per weight unit;
recevabilite only eliminatory) with RG-1 added to implication-acteurs (weight 1, AV-4.2
alone).  Worked by hand: the section weights sum to 2 + 2 + 1 + 2 = 7.

* before: AV-4.2 = 1/7 × 1/1 = 14,285… % → « 14,3 % »;
* after: AV-4.2 = RG-1 = 1/7 × 1/2 = 1/14 = 7,142… % → « 7,1 % »; every other rated
  criterion stays 2/7 × 1/2 = 1/7 → « 14,3 % ».

1. ``grids check`` warns (``share-changed``) at the ``add`` (line 9, column 5: the key
   ``section`` of the first item), with the shares before and after; not when the grid
   sets the section's weight itself, nor for an eliminatory criterion (it counts nothing).
2. ``grids show`` says each section's shares from the resolved grid (text and JSON), and
   the JSON marks the parent's entry « Poids 1 pour 1 critère » ``stale``.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.grid.view import grid_export, grid_text
from isgrid.messages import ShareChanges

NBSP, NNBSP = "\u00a0", "\u202f"

GRID = """\
# Grille de l'AAP Innovation sociale 2026, Région (fictif)
id: grille-region-2026
version: "1"
title: "Appel à projets Innovation sociale 2026"
extends: alsace-aap-2016@1
notes:
  - "AAP 2026 : la grille alsace-aap-2016 avec un critère ajouté (RG-1, inféré)."
add:
  - section: implication-acteurs
    after: AV-4.2
    criterion:
      id: RG-1
      label: "Implication des bénéficiaires dans la gouvernance"
      question: "Comment les bénéficiaires participent-ils aux décisions du projet ?"
      scale: note04
      dimension: D5{extra}
      provenance: {{status: inferred, note: "Critère ajouté par le secrétariat."}}
"""


def _write(tmp_path: Path, extra: str = "", tail: str = "") -> Path:
    path = tmp_path / "grille-2026.yaml"
    path.write_text(GRID.format(extra=extra) + tail, encoding="utf-8")
    return path


def _shares_warnings(path: Path) -> list[str]:
    return [d.format() for d in load_grid(path).warnings if d.code == "share-changed"]


def test_the_shares_are_written_by_the_one_rule() -> None:
    assert ShareChanges([("AV-4.2", 1 / 7, 1 / 14)]).translated("fr") == (
        f"AV-4.2{NBSP}: 14,3{NNBSP}% → 7,1{NNBSP}%")
    assert str(ShareChanges([("AV-4.2", 1 / 7, 1 / 14), ("RG-1", None, 1 / 14)])) == (
        "AV-4.2: 14.3% → 7.1%; RG-1: 7.1%")


def test_grids_check_warns_at_the_add_with_the_shares(tmp_path: Path) -> None:
    path = _write(tmp_path)
    res = CliRunner().invoke(cli, ["--lang", "fr", "grids", "check", str(path)])
    assert res.exit_code == 0, res.output
    assert (f"Avertissement{NBSP}: {path}:9:5 (add[0].section){NBSP}: ajouter RG-1 à la "
            f"section implication-acteurs (poids 1) change la part de ses critères dans le "
            f"total{NBSP}: AV-4.2{NBSP}: 14,3{NNBSP}% → 7,1{NNBSP}% [share-changed]"
            ) in res.output
    assert "`set: sections.implication-acteurs.weight: ...`" in res.output
    assert f"les critères ajoutés comptent pour RG-1{NBSP}: 7,1{NNBSP}%." in res.output
    # only AV-4.2 is named: the other sections' criteria keep 1/7
    assert "AV-1.1" not in res.output and "ALS-" not in res.output


def test_not_warned_when_the_section_weight_is_chosen(tmp_path: Path) -> None:
    # weight 2 for 2 criteria: AV-4.2 = 2/8 × 1/2 = 12,5 %, a share the author chose
    path = _write(tmp_path, tail="set:\n  sections.implication-acteurs.weight: 2\n"
                  "parameters:\n  sections.implication-acteurs.weight: {status: inferred, "
                  "note: \"Poids 2 pour 2 critères.\"}\n")
    assert _shares_warnings(path) == []
    data = grid_export(load_grid(path))
    section = next(s for s in data["sections"] if s["id"] == "implication-acteurs")
    assert [c["share"] for c in section["criteria"]] == [2 / 8 / 2, 2 / 8 / 2]
    assert "stale" not in data["parameters"]["sections.implication-acteurs.weight"]


def test_an_eliminatory_criterion_changes_no_share(tmp_path: Path) -> None:
    path = _write(tmp_path, extra="\n      eliminatory: true\n      rated_by: instructeur")
    path.write_text(path.read_text(encoding="utf-8").replace("scale: note04", "scale: ouinon"),
                    encoding="utf-8")
    assert _shares_warnings(path) == []


def test_grids_show_computes_the_shares_and_marks_the_parent_note(tmp_path: Path) -> None:
    loaded = load_grid(_write(tmp_path))
    data = grid_export(loaded, "fr")
    by_id = {s["id"]: s for s in data["sections"]}
    part = by_id["implication-acteurs"]
    assert [c["share"] for c in part["criteria"]] == [1 / 14, 1 / 14]
    assert part["share"] == 1 / 7
    assert part["weights_text"] == (
        f"2 critères notés{NBSP}: chacun compte pour 7,1{NNBSP}% du total (inféré)")
    assert by_id["besoin-social"]["weights_text"] == (
        f"2 critères notés{NBSP}: chacun compte pour 14,3{NNBSP}% du total (inféré)")
    assert by_id["recevabilite"]["weights_text"] == (
        f"aucun critère noté{NBSP}: la section ne compte pas dans le total")
    entry = data["parameters"]["sections.implication-acteurs.weight"]
    assert entry["note"].startswith("Poids 1 pour 1 critère")  # the parent's words, kept
    assert entry["stale"] is True
    assert "stale" not in data["parameters"]["sections.besoin-social.weight"]
    text = grid_text(loaded, lang="fr").splitlines()
    head = text.index("implication-acteurs  Partenariats  (poids 1 (inféré))")
    assert text[head + 1] == (
        f"  2 critères notés{NBSP}: chacun compte pour 7,1{NNBSP}% du total (inféré)")
    en = grid_text(loaded, lang="en").splitlines()
    assert "  2 rated criteria: each counts for 7.1% of the total (inferred)" in en


def test_unequal_weights_give_each_criterion_its_share(tmp_path: Path) -> None:
    # besoin-social 2/7: AV-1.1 weight 3 of 4 → 6/28 = 21,43 %; ALS-2 1 of 4 → 2/28 = 7,14 %
    path = _write(tmp_path, tail="set:\n  criteria.AV-1.1.weight: 3\nparameters:\n"
                  "  criteria.AV-1.1.weight: {status: inferred}\n")
    by_id = {s["id"]: s for s in grid_export(load_grid(path), "fr")["sections"]}
    assert by_id["besoin-social"]["weights_text"] == (
        f"part du total{NBSP}: AV-1.1 21,4{NNBSP}%{NNBSP}; ALS-2 7,1{NNBSP}% (inféré)")
