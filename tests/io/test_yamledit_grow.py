"""Editing a YAML file in place when keys come and go and values change shape
(isgrid.io.yamledit, isgrid.io.yamlemit): every line not concerned stays byte for byte."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from isgrid.errors import Collector
from isgrid.io.yamledit import YamlEdit
from isgrid.io.yamlio import parse_yaml


def _edit(text: str, change: Callable[[Any], Any], encoding: str = "utf-8") -> str:
    data = parse_yaml(text, "t.yaml", Collector()).data  # type: ignore[union-attr]
    new = copy.deepcopy(data)
    change(new)
    edit = YamlEdit(text, "t.yaml", encoding)
    edit.follow(new)
    return edit.result(new)


def test_keys_added_go_after_the_last_entry_at_its_indentation_quoted_where_needed() -> None:
    text = ("# tête\nid: DN-1\ntitle: Recyclerie  # nom court\n\n# fin du dossier\n")

    def grow(d: Any) -> None:
        d.update(code_postal="06100", amount_requested=22500.5, scic=True,
                 submitted_at="2016-03-14", note="oui: non", rna=None,
                 partners=[{"name": "Ville d'Altkirch", "type": "collectivite"}],
                 tags=[], contact={"phone": "03 89 00 00 01"})

    # a postcode, a date and « oui: non » between single quotes (YAML would read a number,
    # a date, a mapping); the list's "-" under its key, as a new dossier file has them
    assert _edit(text, grow) == (
        "# tête\nid: DN-1\ntitle: Recyclerie  # nom court\n"
        "code_postal: '06100'\namount_requested: 22500.5\nscic: true\n"
        "submitted_at: '2016-03-14'\nnote: 'oui: non'\nrna: null\n"
        "partners:\n- name: Ville d'Altkirch\n  type: collectivite\n"
        "tags: []\ncontact:\n  phone: 03 89 00 00 01\n"
        "\n# fin du dossier\n")


def test_nested_and_flow_mappings_take_their_new_keys_in_place() -> None:
    text = ("budget:\n  total: 40000   # voté\n  # réserve\n  reserve: 2\n"
            "items:\n  - {id: j1, name: Marie}  # présidente\nend: 1\n")

    def grow(d: Any) -> None:  # a comma needs quotes in a flow mapping, not in a block
        d["budget"]["rate"] = "0,5"
        d["items"][0]["role"] = "juré, titulaire"
        d["after"] = 2

    assert _edit(text, grow) == (
        "budget:\n  total: 40000   # voté\n  # réserve\n  reserve: 2\n  rate: 0,5\n"
        "items:\n  - {id: j1, name: Marie, role: 'juré, titulaire'}  # présidente\n"
        "end: 1\nafter: 2\n")


def test_new_lines_take_the_files_line_ends_even_without_a_last_one() -> None:
    assert _edit("id: DN-1\r\nb: 1  # c\r\n", lambda d: d.update(cp="06100", l=["x"])) == \
        "id: DN-1\r\nb: 1  # c\r\ncp: '06100'\r\nl:\r\n- x\r\n"
    assert _edit("id: DN-1\nb: 1", lambda d: d.update(cp="06100")) == \
        "id: DN-1\nb: 1\ncp: '06100'"


def test_a_removed_key_and_an_added_one_in_the_same_mapping() -> None:
    text = "id: DN-1\nrna: W681000001   # à vérifier\nemail: a@b.fr\n"
    assert _edit(text, lambda d: (d.pop("rna"), d.pop("email"), d.update(phone="01"))) == \
        "id: DN-1\nphone: '01'\n"


def test_a_list_keeps_the_items_that_stay_and_their_comments() -> None:
    text = ("partners:\n  - name: A   # convention signée\n    type: asso\n"
            "  # B rejoint en mars\n  - name: B\n    type: ville\n  - name: C\n    type: asso\n"
            "# fin\nz: 1\n")

    def change(d: Any) -> None:
        p = d["partners"]
        p[1]["type"] = "commune"  # changed in place
        p[2:] = [{"name": "D", "type": "asso"}, {"name": "C", "type": "asso"}]  # D before C

    assert _edit(text, change) == (
        "partners:\n  - name: A   # convention signée\n    type: asso\n"
        "  # B rejoint en mars\n  - name: B\n    type: commune\n"
        "  - name: D\n    type: asso\n  - name: C\n    type: asso\n# fin\nz: 1\n")
    # A leaves: its lines go, the comment before B stays with B
    assert _edit(text, lambda d: d["partners"].pop(0)) == (
        "partners:\n  # B rejoint en mars\n  - name: B\n    type: ville\n"
        "  - name: C\n    type: asso\n# fin\nz: 1\n")
    # an item given a key, and one added at the end, in a list written as a new file has it
    text = "partners:\n- name: A\n  type: asso\nz: 1\n"
    assert _edit(text, lambda d: (d["partners"][0].update(role="chef de file"),
                                  d["partners"].append({"name": "B"}))) == \
        "partners:\n- name: A\n  type: asso\n  role: chef de file\n- name: B\nz: 1\n"


def test_a_value_that_changed_shape_is_written_anew_in_its_place() -> None:
    # a text become a mapping: its lines under the key, the comment of the key's line stays
    assert _edit("a: 5  # note\nb: 1\n", lambda d: d.update(a={"x": 1, "y": ["p"]})) == \
        "a:  # note\n  x: 1\n  y:\n  - p\nb: 1\n"
    # a mapping become a list where it was (the comments inside it go with it, not those
    # around); an indentless list become a mapping, under its key
    assert _edit("a:\n  # avant\n  x: 1\n  y: 2  # dedans\n# après\nb: 1\n",
                 lambda d: d.update(a=["p", "q"])) == \
        "a:\n  # avant\n  - p\n  - q\n# après\nb: 1\n"
    assert _edit("a:\n- p\nb: 1\n", lambda d: d.update(a={"x": 1})) == "a:\n  x: 1\nb: 1\n"
    # a list emptied: "[]" on the key's line; an empty one filled: written as a block
    assert _edit("partners:  # liste\n  - name: A\n    type: x\nz: 1\n",
                 lambda d: d.update(partners=[])) == "partners: []  # liste\nz: 1\n"
    assert _edit("partners: []  # aucun\nz: 1\n",
                 lambda d: d.update(partners=[{"name": "A", "type": "asso"}])) == \
        "partners:  # aucun\n- name: A\n  type: asso\nz: 1\n"
    # a list written [a, b] by hand stays on one line
    assert _edit("tags: [a, b]  # c\n", lambda d: d["tags"].append("c, d")) == \
        "tags: [a, b, 'c, d']  # c\n"
    # an item of a list: after its "-"
    assert _edit("- 5  # c\n- 6\n", lambda d: d.__setitem__(1, {"a": 1, "b": 2})) == \
        "- 5  # c\n- a: 1\n  b: 2\n"


def test_a_text_of_several_lines_is_a_literal_block() -> None:
    text = "summary: |\n    Une recyclerie.\n    Deux emplois.\n\n# fin\nz: 1\n"
    assert _edit(text, lambda d: d.update(summary="Une recyclerie.\nTrois emplois.")) == \
        "summary: |-\n    Une recyclerie.\n    Trois emplois.\n\n# fin\nz: 1\n"
    assert _edit("narrative: court  # c\nz: 1\n",
                 lambda d: d.update(narrative="ligne 1\n\nligne 3\n")) == \
        "narrative: |  # c\n  ligne 1\n\n  ligne 3\nz: 1\n"
    # a block cannot start with a blank nor keep two line ends: between double quotes
    assert _edit("a: x\n", lambda d: d.update(a=" retrait\nx", b="fin\n\n")) == \
        'a: " retrait\\nx"\nb: "fin\\n\\n"\n'


def test_what_the_files_encoding_cannot_hold_is_written_as_an_escape() -> None:
    # U+202F (the narrow no-break space of « 25 000 € ») is not in cp1252; « € » and
    # « é » are: the file stays cp1252
    text = "a: x\nb: y\n"
    out = _edit(text, lambda d: d.update(a="25\u202f000 €", c="été\u202f!"), "cp1252")
    assert out == 'a: "25\\u202f000 €"\nb: y\nc: "été\\u202f!"\n'
    out.encode("cp1252")


def test_numbers_booleans_and_null_are_written_as_such() -> None:
    text = "a: '25000'  # texte\nb: oui\nc: 3\nd: x\n"
    assert _edit(text, lambda d: d.update(a=22500.5, b=True, c=None, d=7)) == \
        "a: 22500.5  # texte\nb: true\nc: null\nd: 7\n"
