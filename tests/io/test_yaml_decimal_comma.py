"""A decimal comma inside a flow mapping: ``funding: {rate: 0,5, cap: 30000}``.

Inside ``{…}`` YAML takes the comma for the separator of two keys: the rate 0, then a key
« 5 » without a value.  The reviewer, following the guide (« rate: 0,5 ») in the style of
the template (« # funding: {rate: 0.8, cap: 30000, …} »), got two errors that did not say
it: « La valeur doit être strictement supérieure à 0 (0 trouvé) » and « clé inconnue '5' ».
Now one error, at the number, says what happened and what to write.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.errors import Collector
from isgrid.io.yamlio import parse_yaml

NBSP = "\u00a0"


def _parse(text: str) -> tuple[object, list[tuple[str, int | None, int | None, str]]]:
    diags = Collector()
    doc = parse_yaml(text, "call.yaml", diags)
    assert doc is not None
    return doc.data, [(d.code, d.location.line, d.location.column, str(d.message))
                      for d in diags.items]


def test_the_comma_inside_braces_is_said_once_at_the_number() -> None:
    data, diags = _parse("title: T\nfunding: {rate: 0,5, cap: 30000, minimum: 5000}\n")
    # « funding: {rate: » is 16 characters: the number starts at column 17
    assert diags == [("yaml-decimal-comma", 2, 17, "0,5: inside `{…}` the comma separates "
                      "keys: write 0.5")]
    # the number meant, no key « 5 »: nothing else to say about this mapping
    assert data == {"title": "T", "funding": {"rate": 0.5, "cap": 30000, "minimum": 5000}}


def test_a_space_after_the_comma_and_the_last_key_are_caught_too() -> None:
    data, diags = _parse("selection: {reserve: 2}\nsensitivity: {margin: 2, 5}\n")
    assert [d[:3] for d in diags] == [("yaml-decimal-comma", 2, 23)]
    assert data["sensitivity"] == {"margin": 2.5}  # type: ignore[index]


def test_three_decimals_after_a_whole_number_may_be_thousands() -> None:
    # both readings said as YAML reads them: 30000 (thirty thousand) or 30 (thirty); it
    # offered « 30.000 » for the decimals, which a French reader takes for thirty thousand
    _, diags = _parse("funding: {cap: 30,000}\n")
    assert diags == [("yaml-decimal-comma", 1, 16, "30,000: inside `{…}` the comma separates "
                      "keys: write 30000 if the comma separates thousands, or 30 if it is a "
                      "decimal comma")]
    _, diags = _parse("funding: {cap: 30,500}\n")
    assert [d[3] for d in diags] == ["30,500: inside `{…}` the comma separates keys: write "
                                     "30500 if the comma separates thousands, or 30.5 if it "
                                     "is a decimal comma"]
    _, diags = _parse("funding: {rate: 0,125}\n")
    assert [d[3] for d in diags] == ["0,125: inside `{…}` the comma separates keys: write "
                                     "0.125"]


def test_other_decimals_are_a_decimal_comma() -> None:
    data, diags = _parse("a: {m: 30,5, n: 30,50, p: 12,0}\n")
    assert [d[3].split("write ")[1] for d in diags] == ["30.5", "30.5", "12"]
    assert data == {"a": {"m": 30.5, "n": 30.5, "p": 12.0}}


def test_several_groups_of_three_are_thousands() -> None:
    # 1,000,000 read 1, then keys « 000 » twice (a duplicate key besides): one error, the
    # number whole
    data, diags = _parse("funding: {cap: 1,000,000, rate: 0.5}\n")
    assert diags == [("yaml-decimal-comma", 1, 16, "1,000,000: inside `{…}` the comma "
                      "separates keys: write 1000000")]
    assert data == {"funding": {"cap": 1000000.0, "rate": 0.5}}


@pytest.mark.parametrize("text", [
    "funding: {rate: 0.5, cap: 30000}\n",  # a point
    "funding: {rate: \"0,5\"}\n",  # quoted: the text « 0,5 »
    "funding:\n  rate: 0,5\n",  # a block mapping: the text « 0,5 »
    "a: {x: 0, 5: y}\n",  # a key 5 with its value: two keys indeed
    "a: {x: abc, 5}\n",  # after a text, not a number
    "a: {x: 0,\n  5}\n",  # on the next line: a key of its own
    "a: [0,5]\n",  # a list: two numbers, nothing says otherwise
])
def test_what_is_not_a_split_number_is_left_alone(text: str) -> None:
    _, diags = _parse(text)
    assert diags == []


def test_call_check_says_one_error_in_french(tmp_path: Path) -> None:
    (tmp_path / "call.yaml").write_text(
        "title: T\ngrid: alsace-aap-2016\nfunding: {rate: 0,5, cap: 30000}\n",
        encoding="utf-8")
    out = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(tmp_path)])
    errors = [line for line in out.output.splitlines() if line.startswith("Erreur")]
    assert errors == [
        f"Erreur{NBSP}: {tmp_path}/call.yaml:3:17 (funding.rate){NBSP}: 0,5{NBSP}: dans "
        f"`{{…}}` la virgule sépare les clés{NBSP}: écrivez 0.5 [yaml-decimal-comma]"]
    assert out.exit_code == 1
    (tmp_path / "call.yaml").write_text(
        "title: T\ngrid: alsace-aap-2016\nfunding: {rate: 0.5, cap: 30,000}\n",
        encoding="utf-8")
    out = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(tmp_path)])
    errors = [line for line in out.output.splitlines() if line.startswith("Erreur")]
    assert errors == [
        f"Erreur{NBSP}: {tmp_path}/call.yaml:3:27 (funding.cap){NBSP}: 30,000{NBSP}: dans "
        f"`{{…}}` la virgule sépare les clés{NBSP}: écrivez 30000 si la virgule sépare les "
        "milliers, ou 30 si c'est une virgule décimale [yaml-decimal-comma]"]


def test_a_bare_number_in_braces_is_caught_too() -> None:
    # « budget: {30,000} »: no key, YAML read the keys « 30 » and « 000 » without values
    # (call check said « La valeur doit être un nombre entier »); « budget: {» is 9
    # characters: the number starts at column 10; the mapping is the number meant
    data, diags = _parse("budget: {30,000}\n")
    assert diags == [("yaml-decimal-comma", 1, 10, "30,000: inside `{…}` the comma separates "
                      "keys: write 30000 if the comma separates thousands, or 30 if it is a "
                      "decimal comma")]
    assert data == {"budget": 30.0}
    # « rate: {» is 7 characters, « m: [{» 5
    data, diags = _parse("budget: {1,000,000}\nrate: {0,5}\nm: [{2, 5}]\n")
    assert [d[:3] for d in diags] == [("yaml-decimal-comma", 1, 10),
                                      ("yaml-decimal-comma", 2, 8),
                                      ("yaml-decimal-comma", 3, 6)]
    assert [d[3].split("write ")[1] for d in diags] == ["1000000", "0.5", "2.5"]
    assert data == {"budget": 1000000.0, "rate": 0.5, "m": [2.5]}


@pytest.mark.parametrize("text", [
    "budget: {30000}\n",  # one key: no comma said anything
    "a: {30: x, 5}\n",  # the number has a value: a key of its own
    "a: {30,\n  5}\n",  # on the next line
    "a: {\"30\",000}\n",  # quoted: a text
    "a: {30,000, b: 1}\n",  # more than a number in it
    "a: {x,000}\n",  # no number first
])
def test_braces_that_are_no_bare_number_are_left_alone(text: str) -> None:
    _, diags = _parse(text)
    assert [d[0] for d in diags if d[0] == "yaml-decimal-comma"] == []


def test_call_check_says_the_bare_number_as_the_keyed_one(tmp_path: Path) -> None:
    """The same error and hint as ``funding: {cap: 30,000}``, and nothing else."""
    said = {}
    for line in ("budget: {30,000}", "funding: {cap: 30,000}"):
        (tmp_path / "call.yaml").write_text(f"title: T\ngrid: alsace-aap-2016\n{line}\n",
                                            encoding="utf-8")
        out = CliRunner().invoke(cli, ["--lang", "fr", "call", "check", str(tmp_path)])
        assert out.exit_code == 1
        lines = out.output.splitlines()
        errors = [i for i, x in enumerate(lines) if x.startswith("Erreur")]
        assert len(errors) == 1, out.output
        said[line] = (lines[errors[0]], lines[errors[0] + 1])
    bare, keyed = said["budget: {30,000}"], said["funding: {cap: 30,000}"]
    assert bare[0] == (
        f"Erreur{NBSP}: {tmp_path}/call.yaml:3:10 (budget){NBSP}: 30,000{NBSP}: dans "
        f"`{{…}}` la virgule sépare les clés{NBSP}: écrivez 30000 si la virgule sépare les "
        "milliers, ou 30 si c'est une virgule décimale [yaml-decimal-comma]")
    assert bare[0].split(": 30,000")[1] == keyed[0].split(": 30,000")[1]
    assert bare[1] == keyed[1] and bare[1].startswith(f"  Indice{NBSP}: Dans {{…}}"), bare
