"""`extends`: how a child grid resolves, and what its hash depends on."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from isgrid.errors import GridError
from isgrid.grid.load import LoadedGrid, load_grid
from testpaths import FIXTURES

FIXTURES = FIXTURES / "grids"
PARENT_TEXT = (FIXTURES / "mini-scored.yaml").read_text(encoding="utf-8")


def layout(grid: LoadedGrid) -> list[tuple[str, list[str]]]:
    return [(s.id, [c.id for c in s.criteria]) for s in grid.grid.sections]


def weights(grid: LoadedGrid) -> dict[str, float | None]:
    return {c.id: c.weight for c in grid.grid.criteria()}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding a copy of the parent fixture, for children to extend."""
    shutil.copy(FIXTURES / "mini-scored.yaml", tmp_path / "mini-scored.yaml")
    return tmp_path


def write_child(folder: Path, body: str, name: str = "child.yaml") -> Path:
    head = 'id: child\nversion: "1"\ntitle: Enfant\nextends: mini-scored\n'
    path = folder / name
    path.write_text(head + body, encoding="utf-8")
    return path


def sub(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def grid_codes(excinfo: pytest.ExceptionInfo[GridError]) -> list[str]:
    return [d.code for d in excinfo.value.diagnostics if d.severity == "error"]


# ----------------------------------------------------------------- resolution
def test_fixture_child_resolves() -> None:
    parent = load_grid(FIXTURES / "mini-scored.yaml")
    child = load_grid(FIXTURES / "mini-child.yaml")
    assert layout(parent) == [("besoin", ["B1", "B2"]), ("impact", ["I1", "X1"])]
    # remove B2; add I2 after I1; set I1's weight to 3
    assert layout(child) == [("besoin", ["B1"]), ("impact", ["I1", "I2", "X1"])]
    assert weights(child) == {"B1": 2, "I1": 3, "I2": None, "X1": None}
    assert [s.weight for s in child.grid.sections] == [2, None]
    assert child.chain == ["mini-child", "mini-scored"]
    g = child.grid
    assert (g.id, g.version, g.title, g.mode) == ("mini-child", "2", "Enfant", "scored")
    assert g.threshold == 50  # inherited
    assert [tb.by for tb in g.tie_breaks] == ["section:impact", "fact:submitted_at"]
    assert [r.id for r in g.eligibility] == ["region", "partners"]
    assert set(g.facts) == {"region", "postcode", "amount_requested", "eligible_costs",
                            "submitted_at", "partners"}
    assert g.parameters["criteria.I1.weight"].note == "choix du jury"
    assert "criteria.B1.floor" in g.parameters  # the parent's parameters stay
    assert g.criterion("B1").floor == 2
    assert child.sha256 != parent.sha256
    # B2 removed: B1 (weight 2 of 3 in besoin, weight 2 of 3 in the total) goes from
    # 2/3 × 2/3 = 4/9 = 44,4 % to 2/3 = 66,7 %; impact's weights are set, chosen
    assert [(d.code, str(d.message)) for d in child.warnings] == [
        ("share-changed", "removing B2 from the section besoin (weight 2) changes the share "
                          "of its other criteria in the total: B1: 44.4% → 66.7%")]


def test_grandchild_chain(folder: Path) -> None:
    shutil.copy(FIXTURES / "mini-child.yaml", folder / "mini-child.yaml")
    path = folder / "petit.yaml"
    path.write_text(
        'id: petit\nversion: "3"\ntitle: Petit-enfant\nextends: mini-child@2\n'
        "set:\n  criteria.I2.weight: 0.5\n"
        "parameters:\n  criteria.I2.weight: {status: inferred}\n",
        encoding="utf-8",
    )
    g = load_grid(path)
    assert g.chain == ["petit", "mini-child", "mini-scored"]
    assert weights(g) == {"B1": 2, "I1": 3, "I2": 0.5, "X1": None}
    assert g.grid.version == "3"


def test_add_a_section_after_another(folder: Path) -> None:
    path = write_child(folder, (
        "add:\n"
        "  - after: besoin\n"
        "    section:\n"
        "      id: gouvernance\n"
        "      label: Gouvernance\n"
        "      criteria:\n"
        "        - {id: G1, label: Gouvernance partagée, scale: s04, dimension: D4,"
        " provenance: {status: inferred}}\n"
    ))
    g = load_grid(path)
    assert layout(g) == [("besoin", ["B1", "B2"]), ("gouvernance", ["G1"]),
                         ("impact", ["I1", "X1"])]


def test_add_a_criterion_without_after_goes_last(folder: Path) -> None:
    path = write_child(folder, (
        "add:\n"
        "  - section: besoin\n"
        "    criterion: {id: B3, label: Ciblage, scale: s04, dimension: D1,"
        " provenance: {status: inferred}}\n"
    ))
    assert layout(load_grid(path))[0] == ("besoin", ["B1", "B2", "B3"])


def test_set_applies_after_add(folder: Path) -> None:
    path = write_child(folder, (
        "add:\n"
        "  - section: impact\n"
        "    after: I1\n"
        "    criterion: {id: I3, label: Emplois, scale: s04, dimension: D6,"
        " provenance: {status: inferred}}\n"
        "set:\n"
        "  criteria.I3.weight: 5\n"
        "  sections.besoin.weight: 3\n"
        "  threshold: 60\n"
        "  scales.s04.half_steps: false\n"
        "parameters:\n"
        "  criteria.I3.weight: {status: inferred}\n"
    ))
    g = load_grid(path)
    assert layout(g)[1] == ("impact", ["I1", "I3", "X1"])
    assert weights(g)["I3"] == 5
    assert g.grid.sections[0].weight == 3
    assert g.grid.threshold == 60
    assert g.grid.scales["s04"].half_steps is False
    assert len(g.grid.scales["s04"].levels) == 5  # the rest of the scale is kept


def test_remove_a_rule_and_a_section(folder: Path) -> None:
    # the parent's tie-break names the section: the child replaces the cascade
    path = write_child(folder, (
        "remove: [partners, impact]\n"
        "set:\n"
        "  tie_breaks: [{by: 'fact:submitted_at', order: asc}]\n"
    ))
    g = load_grid(path)
    assert layout(g) == [("besoin", ["B1", "B2"])]
    assert [r.id for r in g.grid.eligibility] == ["region"]
    assert [tb.by for tb in g.grid.tie_breaks] == ["fact:submitted_at"]


def test_removing_a_section_named_by_a_tie_break_is_an_error(folder: Path) -> None:
    path = write_child(folder, "remove: [impact]\n")
    with pytest.raises(GridError) as info:
        load_grid(path)
    assert "unknown-target" in grid_codes(info)


def test_removing_a_criterion_drops_its_parameters(folder: Path) -> None:
    path = write_child(folder, "remove: [B1]\n")  # B1 has weight/floor provenance
    g = load_grid(path)
    assert layout(g)[0] == ("besoin", ["B2"])
    assert len(g.grid.parameters) == 2  # the parent's four, less B1's weight and floor
    assert not any(k.startswith("criteria.B1.") for k in g.grid.parameters)


def test_child_sources_are_merged_by_id(folder: Path) -> None:
    path = write_child(folder, "sources:\n  - {id: S2, title: Règlement de l'appel}\n")
    assert [s.id for s in load_grid(path).grid.sources] == ["T", "S2"]


def test_pinned_parent_version(folder: Path) -> None:
    ok = write_child(folder, "", name="ok.yaml")
    ok.write_text(sub(ok.read_text(encoding="utf-8"), "extends: mini-scored",
                      "extends: mini-scored@1"), encoding="utf-8")
    assert load_grid(ok).chain == ["child", "mini-scored"]


def test_pinned_version_by_reference(folder: Path) -> None:
    assert load_grid("mini-scored@1", near=folder).grid.id == "mini-scored"
    with pytest.raises(GridError) as info:
        load_grid("mini-scored@9", near=folder)
    assert grid_codes(info) == ["version-mismatch"]


def test_cycle_names_the_file_and_line(folder: Path) -> None:
    (folder / "a.yaml").write_text('id: a\nversion: "1"\ntitle: A\nextends: b\n', encoding="utf-8")
    (folder / "b.yaml").write_text('id: b\nversion: "1"\ntitle: B\nextends: a\n', encoding="utf-8")
    with pytest.raises(GridError) as info:
        load_grid(folder / "a.yaml")
    [d] = info.value.diagnostics
    assert d.code == "extends-cycle"
    assert d.location.file in {str(folder / "a.yaml"), str(folder / "b.yaml")}
    assert d.location.line == 4
    assert "a -> b -> a" in d.message


def test_set_messages_name_the_kind_in_full(folder: Path) -> None:
    path = write_child(folder, (
        "set:\n  criteria.ZZ.weight: 2\n  sections.ZZ.weight: 2\n  criteria.B1.colour: red\n"
    ))
    with pytest.raises(GridError) as info:
        load_grid(path)
    messages = [d.message for d in info.value.diagnostics]
    assert any("criterion 'ZZ'" in m for m in messages), messages
    assert any("section 'ZZ'" in m for m in messages), messages
    assert any(m.endswith("cannot be set on a criterion") for m in messages), messages


def test_errors_after_changing_the_mode_are_located(folder: Path) -> None:
    path = write_child(folder, "set:\n  mode: checklist\n")
    with pytest.raises(GridError) as info:
        load_grid(path)
    errors = [d for d in info.value.diagnostics if d.severity == "error"]
    assert errors
    assert all(d.location.line is not None for d in errors), [d.format() for d in errors]


def test_changing_the_mode_revalidates_the_whole_grid(folder: Path) -> None:
    path = write_child(folder, "set:\n  mode: checklist\n")
    with pytest.raises(GridError) as info:
        load_grid(path)
    assert "mode-mismatch" in grid_codes(info)  # the parent's weights and threshold


# ------------------------------------------------------------------------ hash
def load_text(tmp_path: Path, text: str | bytes, name: str = "g.yaml") -> LoadedGrid:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_grid(path)


@pytest.fixture
def base_hash(tmp_path: Path) -> str:
    return load_text(tmp_path, PARENT_TEXT, "base.yaml").sha256


def test_hash_is_a_sha256_hex_digest(base_hash: str) -> None:
    assert re.fullmatch(r"[0-9a-f]{64}", base_hash)


def test_hash_does_not_depend_on_the_file(tmp_path: Path, base_hash: str) -> None:
    (tmp_path / "elsewhere").mkdir()
    assert load_text(tmp_path / "elsewhere", PARENT_TEXT, "other-name.yaml").sha256 == base_hash


SAME_CONTENT = {
    "keys-reordered": lambda t: sub(sub(t, 'version: "1"\n', ""), "mode: scored\n", "")
    + 'mode: scored\nversion: "1"\n',
    "level-keys-reordered": lambda t: sub(t, "{value: 0, label: Insuffisant}",
                                          "{label: Insuffisant, value: 0}"),
    "int-as-float": lambda t: sub(sub(t, "threshold: 50", "threshold: 50.0"),
                                  "weight: 2\n", "weight: 2.0\n"),
    "version-unquoted": lambda t: sub(t, 'version: "1"', "version: 1"),
    "label-quoted": lambda t: sub(t, "label: Besoin\n", 'label: "Besoin"\n'),
    "comments-and-blank-lines": lambda t: "# une grille\n\n" + sub(t, "sections:",
                                                                   "\n# sections\nsections:"),
    "flow-to-block": lambda t: sub(t, "  - {id: T, title: Test fixture}",
                                   "  - id: T\n    title: Test fixture"),
    "schema-key": lambda t: "$schema: ./grid.schema.json\n" + t,
    "crlf": lambda t: t.replace("\n", "\r\n"),
}


@pytest.mark.parametrize("change", sorted(SAME_CONTENT))
def test_hash_keeps_when_only_the_writing_changes(
    tmp_path: Path, base_hash: str, change: str
) -> None:
    text = SAME_CONTENT[change](PARENT_TEXT)
    assert text != PARENT_TEXT
    assert load_text(tmp_path, text).sha256 == base_hash


def test_hash_keeps_with_bom_or_cp1252(tmp_path: Path, base_hash: str) -> None:
    assert "é" in PARENT_TEXT  # so that the two encodings really differ
    assert load_text(tmp_path, b"\xef\xbb\xbf" + PARENT_TEXT.encode()).sha256 == base_hash
    cp = load_text(tmp_path, PARENT_TEXT.encode("cp1252"), "cp.yaml")
    assert cp.sha256 == base_hash
    assert [d.code for d in cp.warnings] == ["encoding-decoded"]


def move_i1_after_x1(text: str) -> str:
    i1 = ("      - {id: I1, label: Impact, scale: s04, dimension: D6,"
          " provenance: {status: inferred}}\n")
    text = sub(text, i1, "")
    x1_start = text.index("      - {id: X1")
    x1_end = text.index("\n", x1_start) + 1
    return text[:x1_end] + i1 + text[x1_end:]


OTHER_CONTENT = {
    "criteria-order": move_i1_after_x1,
    "label": lambda t: sub(t, "label: Besoin social", "label: Besoin social avéré"),
    "weight": lambda t: sub(t, "weight: 2, floor: 2", "weight: 3, floor: 2"),
    "threshold": lambda t: sub(t, "threshold: 50", "threshold: 55"),
    "level-label": lambda t: sub(t, "label: Excellent", "label: Très bon"),
    "version": lambda t: sub(t, 'version: "1"', 'version: "1.1"'),
}


@pytest.mark.parametrize("change", sorted(OTHER_CONTENT))
def test_hash_changes_with_the_content(tmp_path: Path, base_hash: str, change: str) -> None:
    assert load_text(tmp_path, OTHER_CONTENT[change](PARENT_TEXT)).sha256 != base_hash


def test_hash_keeps_when_a_default_is_written_out(tmp_path: Path, base_hash: str) -> None:
    text = sub(PARENT_TEXT, "    half_steps: true\n", "    half_steps: true\n    na: true\n")
    loaded = load_text(tmp_path, text)
    base = load_text(tmp_path, PARENT_TEXT, "again.yaml")
    assert loaded.grid == base.grid  # the resolved grids are equal...
    assert loaded.sha256 == base_hash  # ...so their hashes must be


def test_a_child_that_changes_nothing_resolves_to_its_parent(folder: Path) -> None:
    parent = load_grid(folder / "mini-scored.yaml")
    path = write_child(folder, "set:\n  criteria.B1.weight: 2\n  threshold: 50.0\n")
    child = load_grid(path)
    identity = {"id", "version", "title", "extends", "description"}
    assert child.grid.model_dump(exclude=identity) == parent.grid.model_dump(exclude=identity)
    assert child.sha256 != parent.sha256  # its id differs


def test_hash_of_a_child_follows_its_parent(folder: Path) -> None:
    path = write_child(folder, "set:\n  criteria.I1.weight: 3\n")
    before = load_grid(path).sha256
    assert load_grid(path).sha256 == before  # stable across loads
    parent = folder / "mini-scored.yaml"
    parent.write_text(sub(PARENT_TEXT, "label: Public", "label: Public visé"), encoding="utf-8")
    assert load_grid(path).sha256 != before
