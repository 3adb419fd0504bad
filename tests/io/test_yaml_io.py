"""YAML and text reading: positions, scalar typing, hostile input, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrid.errors import Collector
from isgrid.io import yamlio
from isgrid.io.text import decode, read_text
from isgrid.io.yamlio import format_path, load_yaml, parse_yaml


def parse(text: str) -> tuple[yamlio.Doc | None, Collector]:
    diags = Collector()
    return parse_yaml(text, "f.yaml", diags), diags


def codes(diags: Collector) -> list[str]:
    return [d.code for d in diags.items]


# --------------------------------------------------------------- positions
NESTED = (
    "id: g\n"  # 1
    "sections:\n"  # 2
    "  - id: s1\n"  # 3
    "    criteria:\n"  # 4
    "      - id: c1\n"  # 5
    "        weight: 2.5\n"  # 6
    "      - {id: c2, weight: 3}\n"  # 7
)


def test_positions_of_nested_values() -> None:
    doc, diags = parse(NESTED)
    assert doc is not None and not diags.items
    pos = doc.positions
    assert pos[("id",)] == (1, 5)
    assert pos[("sections",)] == (3, 3)  # the block sequence starts at its first "-"
    assert pos[("sections", 0)] == (3, 5)
    assert pos[("sections", 0, "id")] == (3, 9)
    assert pos[("sections", 0, "criteria", 0)] == (5, 9)
    assert pos[("sections", 0, "criteria", 0, "weight")] == (6, 17)
    assert pos[("sections", 0, "criteria", 1)] == (7, 9)  # the "{"
    assert pos[("sections", 0, "criteria", 1, "id")] == (7, 14)
    assert pos[("sections", 0, "criteria", 1, "weight")] == (7, 26)


def test_loc_gives_file_line_column_and_key_path() -> None:
    doc, _ = parse(NESTED)
    assert doc is not None
    loc = doc.loc(("sections", 0, "criteria", 0, "weight"))
    assert (loc.file, loc.line, loc.column) == ("f.yaml", 6, 17)
    assert loc.key_path == "sections[0].criteria[0].weight"
    assert str(loc) == "f.yaml:6:17 (sections[0].criteria[0].weight)"


def test_loc_of_a_missing_key_falls_back_to_its_nearest_ancestor() -> None:
    doc, _ = parse(NESTED)
    assert doc is not None
    loc = doc.loc(("sections", 0, "criteria", 0, "floor"))
    assert (loc.line, loc.column) == (5, 9)
    assert loc.key_path == "sections[0].criteria[0].floor"


def test_format_path() -> None:
    assert format_path(()) == ""
    assert format_path(("a",)) == "a"
    assert format_path(("sections", 1, "criteria", 0, "weight")) == (
        "sections[1].criteria[0].weight"
    )
    assert format_path((0, "x")) == "[0].x"


# ----------------------------------------------------------------- scalars
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("NO", "NO"),
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("3", 3),
        ("-2", -2),
        ("+12", 12),
        ("0", 0),
        ("1.5", 1.5),
        ("-0.25", -0.25),
        (".5", 0.5),
        ("1e3", 1000.0),
        ('"3"', "3"),
        ("'1.5'", "1.5"),
        ('"true"', "true"),
        ('""', ""),
        ("2016-05-01", "2016-05-01"),  # timestamps stay text
        ("12:30", "12:30"),  # YAML 1.1 sexagesimal stays text
        ("1_000", "1_000"),
        ("0x1F", "0x1F"),
        ("Alsace", "Alsace"),
    ],
)
def test_scalars_follow_the_core_schema(text: str, expected: object) -> None:
    doc, diags = parse(f"v: {text}\n")
    assert doc is not None and not diags.items
    value = doc.data["v"]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize("text", ["01000", "007", "00"])
def test_leading_zero_numbers_stay_strings(text: str) -> None:
    doc, _ = parse(f"postcode: {text}\n")
    assert doc is not None
    assert doc.data["postcode"] == text


def test_block_scalar_is_a_string() -> None:
    doc, _ = parse("v: |\n  12\n  ligne\n")
    assert doc is not None
    assert doc.data["v"] == "12\nligne\n"


def test_raw_text_is_kept_for_plain_scalars_only() -> None:
    doc, _ = parse("a: 01000\nb: 1.50\nc: \"2\"\nd: no\nl: [007, x]\n")
    assert doc is not None
    assert doc.raw[("a",)] == "01000"
    assert doc.raw[("b",)] == "1.50"
    assert doc.raw[("d",)] == "no"
    assert doc.raw[("l", 0)] == "007"
    assert ("c",) not in doc.raw  # quoted: the value is already the text


def test_mapping_keys_are_text() -> None:
    doc, _ = parse("1: a\nno: b\n1.5: c\n")
    assert doc is not None
    assert doc.data == {"1": "a", "no": "b", "1.5": "c"}


def test_a_non_scalar_key_is_reported() -> None:
    doc, diags = parse("? [a, b]\n: 1\nx: 2\n")
    assert doc is not None
    assert codes(diags) == ["schema-invalid"]
    assert diags.items[0].location.line == 1
    assert doc.data == {"x": 2}


def test_aliases_within_limits_are_expanded() -> None:
    doc, diags = parse("base: &b {value: 0, label: non}\nlevels: [*b, *b]\n")
    assert doc is not None and not diags.items
    assert doc.data["levels"] == [{"value": 0, "label": "non"}] * 2


# ----------------------------------------------------------- duplicate keys
def test_duplicate_keys_are_reported_where_the_second_one_is() -> None:
    doc, diags = parse("a: 1\nb:\n  c: 2\n  c: 3\n")
    assert codes(diags) == ["yaml-duplicate-key"]
    loc = diags.items[0].location
    assert (loc.line, loc.column) == (4, 3)
    assert loc.key_path == "b.c"
    assert doc is not None  # other problems can still be found in the document


def test_duplicate_top_level_key() -> None:
    _, diags = parse("id: a\ntitle: x\nid: b\n")
    assert codes(diags) == ["yaml-duplicate-key"]
    assert diags.items[0].location.line == 3
    assert "“id”" in diags.items[0].message


def test_a_block_written_twice_is_merged_not_deleted() -> None:
    # review 19, finding 5: `call init --from` copies the first edition's `set:`; the
    # guide's second `set:` was refused with « Supprimez ou renommez l'une des deux »,
    # which lost either the half steps or the new weight.  The hint says to merge the
    # two blocks, and where the first is
    text = ("grid: g\nset:\n  scales.note04.half_steps: true\ntitle: x\n"
            "set:\n  sections.besoin-social.weight: 3\n")
    _, diags = parse(text)
    assert codes(diags) == ["yaml-duplicate-key"]
    d = diags.items[0]
    assert d.location.line == 5
    assert d.hint is not None
    hint = d.hint.translated("fr").replace("\u00a0", " ")
    assert hint == ("La clé « set » apparaît d'abord à la ligne 2 : fusionnez les deux blocs "
                    "en plaçant les lignes de celui-ci sous le premier, puis supprimez cette "
                    "ligne.")
    assert "supprimez ou renommez" not in hint.lower()


def test_a_value_written_twice_says_where_the_first_is() -> None:
    _, diags = parse("id: a\ntitle: x\nid: b\n")
    hint = diags.items[0].hint
    assert hint is not None
    assert hint.translated("en") == ("The key “id” first appears on line 1: keep one of the two "
                                 "values and delete the other line.")


# ---------------------------------------------------------- hostile input
def test_too_many_aliases_is_refused() -> None:
    n = yamlio.MAX_ALIASES + 1
    text = "a: &x 1\nl: [" + ", ".join(["*x"] * n) + "]\n"
    doc, diags = parse(text)
    assert doc is None
    assert codes(diags) == ["yaml-too-complex"]
    assert "aliases" in diags.items[0].message
    assert diags.items[0].location.line == 2


def test_aliases_up_to_the_limit_are_accepted() -> None:
    n = yamlio.MAX_ALIASES
    text = "a: &x 1\nl: [" + ", ".join(["*x"] * n) + "]\n"
    doc, diags = parse(text)
    assert doc is not None and not diags.items
    assert doc.data["l"] == [1] * n


def test_billion_laughs_stops_early(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_NODES", 5_000)
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    prev = "a"
    for name in "bcdefg":  # 9**7 values once expanded: far over the limit
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    doc, diags = parse("\n".join(lines) + "\n")
    assert doc is None
    assert codes(diags) == ["yaml-too-complex"]


def test_recursive_alias_is_refused() -> None:
    doc, diags = parse("a: &x\n  b: *x\n")
    assert doc is None
    assert codes(diags) == ["yaml-too-complex"]
    assert "recursive" in diags.items[0].message


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    depth = yamlio.MAX_DEPTH + 50
    doc, diags = parse("a: " + "[" * depth + "]" * depth + "\n")
    assert doc is None
    assert codes(diags) == ["yaml-too-complex"]


def test_very_deep_nesting_is_a_diagnostic_not_a_crash() -> None:
    doc, diags = parse("a: " + "[" * 1000 + "]" * 1000 + "\n")
    assert doc is None
    assert codes(diags) == ["yaml-too-complex"]


# ------------------------------------------------------------------ syntax
def test_syntax_error_is_located() -> None:
    doc, diags = parse('id: g\nversion: "1"\n  title: T\n')
    assert doc is None
    assert codes(diags) == ["yaml-syntax"]
    assert diags.items[0].location.line == 3


def test_tab_indentation_is_reported_plainly() -> None:
    doc, diags = parse("a:\n  b: 1\n\tc: 2\n")
    assert doc is None
    assert codes(diags) == ["yaml-syntax"]
    d = diags.items[0]
    assert (d.location.line, d.location.column) == (3, 1)
    assert "tab" in d.message
    assert d.hint is not None and "spaces" in d.hint


def test_a_tab_inside_a_value_is_fine() -> None:
    doc, diags = parse('a: "x\ty"\nb: 1\n')
    assert doc is not None and not diags.items
    assert doc.data["a"] == "x\ty"


# ----------------------------------------------------------- load_yaml file
def test_load_yaml_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "g.yaml"
    p.write_text("", encoding="utf-8")
    diags = Collector()
    assert load_yaml(p, diags) is None
    assert codes(diags) == ["yaml-not-mapping"]
    assert diags.items[0].location.line == 1


def test_load_yaml_comment_only_file_is_empty(tmp_path: Path) -> None:
    p = tmp_path / "g.yaml"
    p.write_text("# rien\n", encoding="utf-8")
    diags = Collector()
    assert load_yaml(p, diags) is None
    assert codes(diags) == ["yaml-not-mapping"]


def test_load_yaml_top_must_be_a_mapping_unless_asked(tmp_path: Path) -> None:
    p = tmp_path / "l.yaml"
    p.write_text("- a\n- b\n", encoding="utf-8")
    diags = Collector()
    assert load_yaml(p, diags) is None
    assert codes(diags) == ["yaml-not-mapping"]
    diags = Collector()
    doc = load_yaml(p, diags, mapping=False)
    assert doc is not None and doc.data == ["a", "b"]


def test_load_yaml_missing_file(tmp_path: Path) -> None:
    diags = Collector()
    assert load_yaml(tmp_path / "absent.yaml", diags) is None
    assert codes(diags) == ["file-not-found"]


def test_load_yaml_too_large(tmp_path: Path) -> None:
    p = tmp_path / "big.yaml"
    p.write_text("a: " + "x" * 100 + "\n", encoding="utf-8")
    diags = Collector()
    assert load_yaml(p, diags, max_bytes=50) is None
    assert codes(diags) == ["file-too-large"]
    diags = Collector()
    assert load_yaml(p, diags, max_bytes=104) is not None  # exactly the size is fine


def test_bom_and_crlf_do_not_move_positions(tmp_path: Path) -> None:
    p = tmp_path / "w.yaml"
    text = "id: g\r\nlabel: |\r\n  deux\r\n  lignes\r\nn: 2\r\n"
    p.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    diags = Collector()
    doc = load_yaml(p, diags)
    assert doc is not None and not diags.items
    assert doc.data == {"id": "g", "label": "deux\nlignes\n", "n": 2}
    assert doc.positions[("id",)] == (1, 5)
    assert doc.positions[("n",)] == (5, 4)


def test_cp1252_yaml_is_decoded_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "w.yaml"
    p.write_bytes("id: g\ntitle: Émergence café\n".encode("cp1252"))
    diags = Collector()
    doc = load_yaml(p, diags)
    assert doc is not None
    assert doc.data["title"] == "Émergence café"
    assert codes(diags) == ["encoding-decoded"]
    assert diags.items[0].severity == "warning"
    assert diags.items[0].location.line == 2


# -------------------------------------------------------------------- text
def test_decode_utf8_with_bom() -> None:
    diags = Collector()
    assert decode(b"\xef\xbb\xbfa\xc3\xa9", "f", diags) == "aé"
    assert not diags.items


def test_decode_cp1252_warns_at_the_first_bad_byte() -> None:
    diags = Collector()
    assert decode(b"a: 1\r\nb: caf\xe9\r\n", "f", diags) == "a: 1\nb: café\n"
    assert codes(diags) == ["encoding-decoded"]
    assert diags.items[0].location.line == 2


def test_decode_invalid_bytes() -> None:
    diags = Collector()
    # 0x81 is neither UTF-8 nor defined in cp1252
    assert decode(b"a\nb\nc\x81\x8d\n", "f", diags) is None
    assert codes(diags) == ["encoding-invalid"]
    assert diags.items[0].severity == "error"
    assert diags.items[0].location.line == 3


def test_decode_nul_bytes() -> None:
    diags = Collector()
    assert decode(b"a: 1\x00\n", "f", diags) is None
    assert codes(diags) == ["encoding-invalid"]


def test_decode_old_mac_line_endings() -> None:
    diags = Collector()
    assert decode(b"a\rb\r", "f", diags) == "a\nb\n"


def test_read_text_missing(tmp_path: Path) -> None:
    diags = Collector()
    assert read_text(tmp_path / "nope.txt", diags) is None
    assert codes(diags) == ["file-not-found"]
    assert diags.items[0].location.file == str(tmp_path / "nope.txt")
