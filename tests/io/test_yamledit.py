"""Editing a YAML file in place (isgrid.io.yamledit): only the values asked change."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from isgrid.errors import Collector
from isgrid.io.yamledit import YamlEdit, YamlEditError, read_source
from isgrid.io.yamlio import parse_yaml
from testpaths import EXAMPLES, ROOT


def _edit(text: str, change: Callable[[Any], None]) -> str:
    data = parse_yaml(text, "t.yaml", Collector()).data  # type: ignore[union-attr]
    new = copy.deepcopy(data)
    change(new)
    edit = YamlEdit(text, "t.yaml")
    edit.follow(new)
    return edit.result(new)


def test_a_value_keeps_its_quotes_and_the_line_its_comment() -> None:
    text = ("# tête\nassessors:\n  - {id: j1, name: Marie Dupont}   # présidente\n"
            "  - { id: j2, name: 'Paul' }\n  - id: j3\n    name: \"Léa\"  # suppléante\n"
            "budget: 52000  # voté en CA du 12/03\n")

    def rename(d: Any) -> None:
        for a, name in zip(d["assessors"], ["Juré 1", "Juré 2", "Juré 3"], strict=True):
            a["name"] = name

    assert _edit(text, rename) == (
        "# tête\nassessors:\n  - {id: j1, name: Juré 1}   # présidente\n"
        "  - { id: j2, name: 'Juré 2' }\n  - id: j3\n    name: \"Juré 3\"  # suppléante\n"
        "budget: 52000  # voté en CA du 12/03\n")


def test_a_plain_value_is_quoted_only_when_it_must_be() -> None:
    text = "a: Marie\nb: {c: Paul, d: x}\ne: Léa\nf: Jo\n"

    def change(d: Any) -> None:
        d.update(a="oui: non", e="01000", f="it's #1")
        d["b"]["c"] = "Dupont, Marie"

    assert _edit(text, change) == \
        'a: "oui: non"\nb: {c: "Dupont, Marie", d: x}\ne: "01000"\nf: "it\'s #1"\n'


def test_crlf_line_ends_stay() -> None:
    assert _edit("a: Marie\r\nb: 1 # c\r\n", lambda d: d.update(a="Juré 1")) == \
        "a: Juré 1\r\nb: 1 # c\r\n"


def test_removed_block_keys_take_their_lines_and_leave_the_comments_around() -> None:
    text = ("# tête\nid: d1\nemail: a@b.fr   # perso\n# note sur le budget\nbudget: 3\n"
            "phone: '01'\n\n# fin\naddress:\n  street: x\n  # c\n  city: y\n\n# dernière")

    def drop(d: Any) -> None:
        del d["email"], d["phone"], d["address"]

    assert _edit(text, drop) == "# tête\nid: d1\n# note sur le budget\nbudget: 3\n\n# fin\n\n" \
        "# dernière"


def test_removed_keys_in_flow_mappings_and_sequence_items() -> None:
    text = ("items:\n  - {member: A, dossier: D3, text: trésorier}\n  - {text: a, member: B}\n"
            "  - {text: a}\n  - text: z\n  - text: |\n      long\n    member: C\n"
            "  - member: D\n    text: y  # x\n    # après\n")
    out = _edit(text, lambda d: [x.pop("text") for x in d["items"]])
    assert out == ("items:\n  - {member: A, dossier: D3}\n  - {member: B}\n  - {}\n  - {}\n"
                   "  - member: C\n  - member: D\n    # après\n")


def test_keys_removed_side_by_side_do_not_overlap() -> None:
    # the last two entries of a flow mapping, the first two keys after "- ": each removal
    # cut into the next one's, and the purge of two contact facts was refused
    text = '{id: DN-1, email: a@b.fr, phone: "01"}  # c\n'
    assert _edit(text, lambda d: (d.pop("email"), d.pop("phone"))) == "{id: DN-1}  # c\n"
    text = "- email: a@b.fr\n  phone: '01'  # perso\n  id: j1\n"
    assert _edit(text, lambda d: (d[0].pop("email"), d[0].pop("phone"))) == "- id: j1\n"


def test_a_mapping_left_without_keys_is_written_empty() -> None:
    text = "set:\n  # note\n  a: 1\n  b: 2  # fin\nitems:\n  - text: x\n    n: 1\nc: 3\n"

    def drop(d: Any) -> None:
        d["set"].clear()
        d["items"][0].clear()

    assert _edit(text, drop) == "set:\n  # note\n  {}  # fin\nitems:\n  - {}\nc: 3\n"


def test_a_block_scalar_becomes_a_quoted_value_and_keeps_its_header_comment() -> None:
    text = "a: | # note\n  Marie\n  Dupont\n\n# c\nb: 1\n"
    assert _edit(text, lambda d: d.update(a="Juré 1")) == 'a: "Juré 1" # note\n\n# c\nb: 1\n'


def test_an_alias_follows_its_anchor() -> None:
    text = "members:\n  - name: &p Marie  # présidente\nchair: *p\n"

    def rename(d: Any) -> None:
        d["members"][0]["name"] = d["chair"] = "Membre 1"

    assert _edit(text, rename) == "members:\n  - name: &p Membre 1  # présidente\nchair: *p\n"


def test_what_cannot_be_done_in_place_is_refused() -> None:
    with pytest.raises(YamlEditError):  # an alias that would have to part from its anchor
        _edit("a: &p Marie\nb: *p\n", lambda d: d.update(b="Juré 1"))
    with pytest.raises(YamlEditError):  # an explicit key removed: "? " would be left alone
        _edit("? a\n: 1\nb: 2\n", lambda d: d.pop("a"))
    with pytest.raises(YamlEditError):  # the top is never written anew: none of its keys
        _edit("{a: 1}  # c\n", lambda d: (d.pop("a"), d.update(b="x")))  # stays
    with pytest.raises(YamlEditError):  # ...nor a list at the top emptied
        _edit("- a\n", lambda d: d.clear())
    with pytest.raises(YamlEditError):  # a number YAML cannot write
        _edit("a: 1\n", lambda d: d.update(a=float("nan")))


def test_the_comments_are_found_and_a_hash_in_a_text_is_no_comment() -> None:
    text = ("# tête\na: 'x # pas un commentaire' # commentaire\nb: |  # en-tête\n  # texte\n"
            "c: \"#texte\" #commentaire\nd: a#b\ne: [x, # dans une liste\n  y]\n")
    edit = YamlEdit(text, "t.yaml")
    assert [text[a:b] for a, b in edit.comments()] == [
        "# tête", "# commentaire", "# en-tête", "#commentaire", "# dans une liste"]


def _yaml_files() -> list[Path]:
    return sorted([*(ROOT / "grids").glob("*.yaml"), *EXAMPLES.glob("*/call.yaml"),
                   *EXAMPLES.glob("*/dossiers/*.yaml")])


def _texts(data: Any, to: str) -> Any:
    if isinstance(data, str):
        return to
    if isinstance(data, dict):
        return {k: _texts(v, to) for k, v in data.items()}
    if isinstance(data, list):
        return [_texts(v, to) for v in data]
    return data


def _every_other_key(data: Any, drop: int) -> Any:
    if isinstance(data, dict):
        return {k: _every_other_key(v, drop) for i, (k, v) in enumerate(data.items())
                if i % 2 != drop}
    if isinstance(data, list):
        return [_every_other_key(v, drop) for v in data]
    return data


def _grown(data: Any) -> Any:
    """A key more in every mapping, an item more in every list (a copy of its first)."""
    if isinstance(data, dict):
        return {**{k: _grown(v) for k, v in data.items()}, "ajouté": ["06100", {"n": 1.5}]}
    if isinstance(data, list):
        items = [_grown(v) for v in data]
        return [*items, *items[:1]] if items else ["06100"]
    return data


def _shrunk(data: Any) -> Any:
    """The first item of every list of two or more out."""
    if isinstance(data, dict):
        return {k: _shrunk(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_shrunk(v) for v in (data[1:] if len(data) > 1 else data)]
    return data


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: p.name)
def test_the_shipped_yaml_files_edit_in_place(path: Path) -> None:
    """Every text of every grid and example changed, then every other key removed (the
    first ones, then the second ones), then a key added to every mapping and an item to
    every list, then the first item of every list removed: each result reads back as
    asked (YamlEdit.result checks it); every comment stays where only texts changed, or
    keys and items came."""
    source = read_source(path)
    data = parse_yaml(source.text, str(path), Collector()).data  # type: ignore[union-attr]
    before = YamlEdit(source.text, str(path))
    comments = [source.text[a:b] for a, b in before.comments()]
    for new in (_texts(data, "Dupont, « Marie » #1: ok"), _texts(data, "Marie"),
                _every_other_key(data, 0), _every_other_key(data, 1), _grown(data),
                _shrunk(data)):
        edit = YamlEdit(source.text, str(path))
        edit.follow(new)
        text = edit.result(new)
        if "Marie" in str(new) or "ajouté" in str(new):
            after = YamlEdit(text, str(path))
            assert [text[a:b] for a, b in after.comments()] == comments


def _marks(node: Any, seen: set[int]) -> list[tuple[str, int, int, int, int]]:
    if id(node) in seen:
        return []
    seen.add(id(node))
    out = [(type(node).__name__, node.start_mark.index, node.end_mark.index,
            node.start_mark.line, node.start_mark.column)]
    if isinstance(node.value, list):
        for child in node.value:
            for n in child if isinstance(child, tuple) else (child,):
                out += _marks(n, seen)
    return out


@pytest.mark.parametrize("text", [
    *(read_source(p).text for p in _yaml_files()[:3]),
    "a: &p Marie  # é\r\nb: *p\r\nc: |\r\n  😀 x\r\n  y\r\nd: [😀, {e: f}]\r\n",
    "# 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\nk: \"\\u00e9😀\"\nl: >-\n  a\n  b\n"])
def test_libyaml_and_pyyaml_place_the_nodes_alike(text: str) -> None:
    from isgrid.io import yamledit

    if yamledit._FastLoader is None:
        pytest.skip("PyYAML without libyaml")
    fast, slow = yamledit._FastLoader(text), yamledit._Loader(text)
    try:
        assert _marks(fast.get_single_node(), set()) == _marks(slow.get_single_node(), set())
    finally:
        fast.dispose()
        slow.dispose()
