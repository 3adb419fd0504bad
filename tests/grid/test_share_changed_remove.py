"""A ``remove`` that changes a section's shares, and a call's own ``add`` or ``remove``, told.

Before, ``share-changed`` warned only of a grid file's ``add``: a criterion removed from a
section (which doubles or halves its neighbours' shares just as well) marked the parent's
note stale and said nothing, and a call's ``add:`` or ``remove:`` in ``call.yaml`` said
nothing either.

The grid (``PARENT``): section A of weight 3 with A1, A2, A3, section B of weight 4 with
B1..B4, weights of criteria not written (1).  Worked by hand: the section weights sum to
7, so each of the 7 criteria counts for 3/7 × 1/3 = 4/7 × 1/4 = 1/7 = 14,285… % → « 14,3 % ».

* remove A3: A1, A2 = 3/7 × 1/2 = 3/14 = 21,428… % → « 21,4 % »; B1..B4 stay 1/7;
* remove A3 with ``sections.A.weight: 2``: 6 criteria, each 2/6 × 1/2 = 1/6 (chosen: no
  warning);
* add A4 (a call): A1..A4 = 3/7 × 1/4 = 3/28 = 10,714… % → « 10,7 % »;
* remove A3 and add A4, A5: A1, A2, A4, A5 = 3/7 × 1/4 = 3/28 → « 10,7 % ».

The lines and columns are counted by hand in the texts below.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.grid.load import load_grid
from isgrid.grid.view import grid_export
from isgrid.grid.weights import weight_shares

NBSP, NNBSP = "\u00a0", "\u202f"


def _criterion(cid: str, label: str = "Nouveau") -> str:
    """A criterion on s04, its weight not written (1), as a flow mapping."""
    return f"{{id: {cid}, label: {label}, scale: s04, provenance: {{status: inferred}}}}"


def _section(sid: str, weight: int, *labels: str) -> str:
    """A section of ``PARENT``: criteria SID1, SID2... with these labels."""
    return (f"  - id: {sid}\n    label: Section {sid}\n    weight: {weight}\n    criteria:\n"
            + "".join(f"      - {_criterion(f'{sid}{i}', label)}\n"
                      for i, label in enumerate(labels, 1)))


PARENT = ("""\
id: parent
version: "1"
title: Parent
mode: scored
scales:
  s04:
    levels:
      - {value: 0, label: Insuffisant}
      - {value: 4, label: Bon}
sections:
""" + _section("A", 3, "Un", "Deux", "Trois") + _section("B", 4, "Un", "Deux", "Trois", "Quatre")
          + """\
parameters:
  sections.*.weight: {status: inferred, note: Une part de 1/7 par critère}
""")

CHILD_HEAD = 'id: child\nversion: "1"\ntitle: Enfant\nextends: parent\n'


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "parent.yaml").write_text(PARENT, encoding="utf-8")
    path = tmp_path / "child.yaml"
    path.write_text(CHILD_HEAD + body, encoding="utf-8")
    return path


def _shares(loaded_warnings: list[object]) -> list[tuple[int | None, int | None, str]]:
    return [(d.location.line, d.location.column, str(d.message))  # type: ignore[attr-defined]
            for d in loaded_warnings if d.code == "share-changed"]  # type: ignore[attr-defined]


def test_the_parent_gives_each_criterion_a_seventh(tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text(PARENT, encoding="utf-8")
    shares = [c["share"] for s in grid_export(load_grid(tmp_path / "parent.yaml"))["sections"]
              for c in s["criteria"]]
    assert len(shares) == 7 and all(abs(x - 1 / 7) < 1e-12 for x in shares)


def test_a_remove_that_changes_the_shares_is_warned_at_the_remove(tmp_path: Path) -> None:
    # line 5 `remove: [A3]`: the item A3 at column 10
    loaded = load_grid(_write(tmp_path, "remove: [A3]\n"))
    assert _shares(loaded.warnings) == [
        (5, 10, "removing A3 from the section A (weight 3) changes the share of its other "
                "criteria in the total: A1: 14.3% → 21.4%; A2: 14.3% → 21.4%")]
    by_id = {s["id"]: s for s in grid_export(loaded)["sections"]}
    assert [c["share"] for c in by_id["A"]["criteria"]] == [3 / 14, 3 / 14]
    assert grid_export(loaded)["parameters"]["sections.*.weight"].get("stale") is None


def test_grids_check_says_it_in_french(tmp_path: Path) -> None:
    path = _write(tmp_path, "remove: [A3]\n")
    res = CliRunner().invoke(cli, ["--lang", "fr", "grids", "check", str(path)])
    assert res.exit_code == 0, res.output
    assert (f"Avertissement{NBSP}: {path}:5:10 (remove[0]){NBSP}: retirer A3 de la section A "
            f"(poids 3) change la part de ses autres critères dans le total{NBSP}: "
            f"A1{NBSP}: 14,3{NNBSP}% → 21,4{NNBSP}%{NNBSP}; A2{NBSP}: 14,3{NNBSP}% → "
            f"21,4{NNBSP}% [share-changed]") in res.stderr
    assert ("Le poids de la section se partage désormais entre moins de critères. Si ce "
            "n'est pas voulu, fixez le poids de la section (`set: sections.A.weight: ...`) "
            "ou les poids des critères restants.") in res.stderr


def test_a_remove_with_the_section_weight_chosen_is_not_warned(tmp_path: Path) -> None:
    # weight 2 for A1, A2: 2/6 × 1/2 = 1/6 each, and B's 4/6 × 1/4 = 1/6: the author chose
    path = _write(tmp_path, "remove: [A3]\nset:\n  sections.A.weight: 2\n")
    loaded = load_grid(path)
    assert _shares(loaded.warnings) == []
    shares = [c["share"] for s in grid_export(loaded)["sections"] for c in s["criteria"]]
    assert len(shares) == 6 and all(abs(x - 1 / 6) < 1e-12 for x in shares)


def test_keeping_the_parents_section_weight_is_an_answer_not_a_useless_line(
        tmp_path: Path) -> None:
    # `sections.A.weight: 3`, the parent's own value, beside the remove: the author keeps
    # A1, A2 at 3/14 knowingly; neither share-changed nor set-changes-nothing is said
    loaded = load_grid(_write(tmp_path, "remove: [A3]\nset:\n  sections.A.weight: 3\n"))
    assert [d.code for d in loaded.warnings] == []
    assert loaded.grid.changed_without_provenance() == frozenset()
    # the same line without the remove changes nothing, and is said so
    loaded = load_grid(_write(tmp_path, "set:\n  sections.A.weight: 3\n"))
    assert [d.code for d in loaded.warnings] == ["set-changes-nothing"]


def test_removing_a_whole_section_or_an_unrated_criterion_is_not_warned(
        tmp_path: Path) -> None:
    # B gone: A1..A3 = 3/3 × 1/3 = 1/3 each, the one section left (and in proportion)
    assert _shares(load_grid(_write(tmp_path, "remove: [B]\n")).warnings) == []
    eliminatory = PARENT.replace(
        "{id: A3, label: Trois, scale: s04,",
        "{id: A3, label: Trois, scale: ouinon, eliminatory: true, rated_by: instructeur,"
    ).replace("scales:\n", "scales:\n  ouinon:\n    levels:\n      - {value: 0, label: Non}\n"
              "      - {value: 1, label: Oui}\n")
    (tmp_path / "elim").mkdir()
    (tmp_path / "elim" / "parent.yaml").write_text(eliminatory, encoding="utf-8")
    (tmp_path / "elim" / "child.yaml").write_text(CHILD_HEAD + "remove: [A3]\n",
                                                  encoding="utf-8")
    assert _shares(load_grid(tmp_path / "elim" / "child.yaml").warnings) == []


def test_a_remove_and_an_add_in_one_section_are_said_together(tmp_path: Path) -> None:
    # line 6 `add:`, line 7 `  - section: A` (the key at column 5)
    body = (f"remove: [A3]\nadd:\n  - section: A\n    criterion: {_criterion('A4')}\n"
            f"  - section: A\n    criterion: {_criterion('A5')}\n")
    loaded = load_grid(_write(tmp_path, body))
    assert _shares(loaded.warnings) == [
        (7, 5, "removing A3 from the section A (weight 3) and adding A4, A5 to it changes "
               "the share of its criteria in the total: A1: 14.3% → 10.7%; "
               "A2: 14.3% → 10.7%")]
    warning = next(d for d in loaded.warnings if d.code == "share-changed")
    assert "the criteria added count for A4: 10.7%; A5: 10.7%." in warning.effective_hint
    # one removed, one added: 3/7 × 1/3 each again, nothing to say
    body = f"remove: [A3]\nadd:\n  - section: A\n    criterion: {_criterion('A4')}\n"
    (tmp_path / "child.yaml").write_text(CHILD_HEAD + body, encoding="utf-8")
    assert _shares(load_grid(tmp_path / "child.yaml").warnings) == []


CALL = """\
title: Appel de test
grid: parent.yaml
assessors:
  - id: j1
add:
  - section: A
    criterion: {id: A4, label: Nouveau, scale: s04, provenance: {status: inferred}}
remove: [B4]
"""


def test_a_calls_add_and_remove_are_warned_in_call_yaml(tmp_path: Path) -> None:
    # call.yaml line 6 `  - section: A` (column 5); line 8 `remove: [B4]` (B4 column 10).
    # A1..A4 = 3/7 × 1/4 = 3/28 → 10,7 %; B1..B3 = 4/7 × 1/3 = 4/21 = 19,047… % → « 19 % » (percent: no trailing zero)
    folder = make_call(tmp_path, PARENT, dossiers=[{"id": "D1"}])
    (folder / "grid.yaml").rename(folder / "parent.yaml")
    (folder / "call.yaml").write_text(CALL, encoding="utf-8")
    loaded = load_call(folder)
    found = [(Path(d.location.file).name, d.location.line, d.location.column, str(d.message))
             for d in loaded.warnings if d.code == "share-changed"]
    assert found == [
        ("call.yaml", 6, 5, "adding A4 to the section A (weight 3) changes the share of its "
                            "criteria in the total: A1: 14.3% → 10.7%; A2: 14.3% → 10.7%; "
                            "A3: 14.3% → 10.7%"),
        ("call.yaml", 8, 10, "removing B4 from the section B (weight 4) changes the share of "
                             "its other criteria in the total: B1: 14.3% → 19%; "
                             "B2: 14.3% → 19%; B3: 14.3% → 19%")]
    # what the call scores with: the shares the warning gives
    shares = weight_shares(loaded.grid.grid)
    assert abs(shares["A4"] - 3 / 28) < 1e-12 and abs(shares["B1"] - 4 / 21) < 1e-12
    res = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(folder)])
    assert (f"{folder / 'call.yaml'}:6:5 (add[0].section){NBSP}: ajouter A4 à la section A "
            f"(poids 3) change la part de ses critères dans le total{NBSP}: "
            f"A1{NBSP}: 14,3{NNBSP}% → 10,7{NNBSP}%") in res.stderr
