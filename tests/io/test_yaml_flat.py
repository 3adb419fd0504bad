"""The flat-mapping reader of ``io.yamlio`` (``_flat_doc``) against the composed path.

A dossier file is most often a flat mapping of one-line values; ``_flat_doc`` reads that
subset line by line.  Whenever it takes a document, the Doc must be the one the composed
path (libyaml's parser, PyYAML's composer, isgrid's builder) gives: the same data, the
same positions, the same raw texts and key positions, and no diagnostic.  Anything else
it must hand back (None).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable

import pytest

from isgrid.errors import Collector
from isgrid.io import yamlio
from isgrid.io.yamlio import _flat_doc, parse_yaml
from testpaths import ROOT


def composed(text: str) -> tuple[object, Collector]:
    """The composed path's Doc (the flat reader switched off) and its diagnostics."""
    diags = Collector()
    saved = yamlio._flat_doc
    yamlio._flat_doc = lambda _text, _file: None  # type: ignore[assignment]
    try:
        return parse_yaml(text, "d.yaml", diags), diags
    finally:
        yamlio._flat_doc = saved  # type: ignore[assignment]


def same(text: str) -> bool:
    """True when the flat reader takes ``text`` (and then gives the composed Doc)."""
    flat = _flat_doc(text, "d.yaml")
    if flat is None:
        return False
    doc, diags = composed(text)
    assert diags.items == [], (text, diags.items)
    assert doc is not None
    assert (flat.data, flat.positions, flat.raw, flat.key_positions) == \
        (doc.data, doc.positions, doc.raw, doc.key_positions), text  # type: ignore[attr-defined]
    assert all(type(flat.data[k]) is type(doc.data[k]) for k in flat.data), text  # type: ignore[attr-defined]
    return True


TAKEN = [
    "id: D1\ntitle: Projet synthétique 1\ndepartement: \"67\"\namount_requested: 34500\n",
    "id: D1\nsubmitted_at: 2016-01-01\nrate: 0.8\nok: true\nno_answer: no\nvide: ~\n",
    "# un commentaire\n\nid: D2\n\n# encore\npostcode: 01000\nneg: -5\nexp: 1e3\n",
    "title: 'Épicerie, solidaire'\nlien: https://example.org/a?b=c#ancre\nc: C#\n",
    "title: =HYPERLINK(\"http://evil.example\",\"clic\")\nplus: +33 ressourcerie\n",
    "a:   spaced\nb: a:b\nc: x - y\nd: 'it is'\ne: \"\"\nf: ''\ng: ---\nh: ...\n",
    "TRUE: 1\nnull: 2\nyes: 3\nkey.with-dash_1: v\ninf: .inf\nnan: .NaN\nbig: 1e999\n",
    "last: no newline at the end",
    "k" * 1024 + ": v\n",  # YAML's longest simple key
    "a: b\n   \n\nc: d\n",  # lines of spaces are blank
]

REFUSED = [
    "",  # empty
    "# only a comment\n",
    "partners:\n  - name: U\n",  # nesting
    "a: b # comment\n",  # a comment after a value
    "a: \"esc\\\"aped\"\n",  # an escape
    "a: b\na: c\n",  # a repeated key (the composed path reports it)
    "a:\nb: c\n",  # an empty value
    "a: &x 1\nb: *x\n",  # anchors and aliases
    "a: |\n  block\n",  # a block scalar
    "a: [1, 2]\n",  # a flow sequence
    "a: {b: 1}\n",
    "a: trailing   \n",  # trailing spaces
    "a: b\r\nc: d\r\n",  # CRLF
    "a: b\u2028c: d\n",  # a line separator
    "\ufeffa: b\n",  # a BOM
    "--- \na: b\n",  # a document marker
    "a:b\n",  # no space: a plain scalar, not a mapping
    "a: 'unclosed\n",
    "a: - b\n",
    "a: ? b\n",
    "a: 'it''s'\n",
    " a: b\n",  # indented
    "a: \tb\n",  # a tab
    "é: b\n",  # a key beyond ASCII letters
    "a: b:\n",
    "a: !tag b\n",
    "a: %b\n",
    "a: @b\n",
    "a: `b\n",
    "id: D1\ntitle: x\n\u00a0\n",  # a line of no-break spaces is text to YAML, not blank
    "id: D1\namount_requested: 25000\n \u00a0\n",  # (it continues the amount: '25000 \xa0')
    "a: 'b'\n  \u3000\n",
    "k" * 1025 + ": v\n",  # beyond YAML's longest simple key (1,024 characters)
]


@pytest.mark.parametrize("text", TAKEN)
def test_taken_documents_equal_the_composed_path(text: str) -> None:
    assert same(text)


@pytest.mark.parametrize("text", REFUSED)
def test_documents_outside_the_subset_go_to_the_composed_path(text: str) -> None:
    assert _flat_doc(text, "d.yaml") is None


def test_the_shipped_dossier_files_read_the_same() -> None:
    # the examples' dossiers hold folded summaries and lists: the composed path reads
    # them; any the flat reader takes must read the same
    files = sorted(ROOT.glob("examples/*/dossiers/*.yaml"))
    assert files, "the examples hold dossier files"
    for path in files:
        same(path.read_text(encoding="utf-8"))


ALPHABET = list("ab:- #'\"\\,[]{}&*!|>%@`?~.0123456789eE+_\té\u00a0\u3000\u200bxyz")
VALUES = ["1", "-1", "0.5", "01000", "1e3", "true", "no", "null", "~", "", "a b", "a:b",
          "a: b", "a #b", "a#b", "'q'", '"q"', "'q", "-", "- a", "-a", "x:", "[1]", "{a}",
          ",a", "a,b", "2016-01-01", "+33 1", "=SUM(A1)", ".inf", "é", "a\u00a0b"]


def test_random_documents_either_equal_or_are_refused() -> None:
    rng = random.Random(20261203)
    taken = 0
    for _ in range(4000):
        lines = []
        for _line in range(rng.randint(1, 6)):
            kind = rng.random()
            if kind < 0.1:
                lines.append(rng.choice(["", "# c", "   ", "#", "\u00a0", " \u3000"]))
            elif kind < 0.9:
                key = rng.choice(["id", "title", "a", "b_c", "d.e", "x-y", "true", "n1"])
                value = rng.choice(VALUES)
                lines.append(f"{key}:{' ' * rng.choice([1, 1, 1, 0, 2])}{value}")
            else:
                lines.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))))
        text = "\n".join(lines) + rng.choice(["", "\n"])
        flat = _flat_doc(text, "d.yaml")
        if flat is not None:
            assert same(text)
            taken += 1
        else:
            # refused: parsing it still works as before (the composed path decides)
            parse_yaml(text, "d.yaml", Collector())
    assert taken > 500  # the generator does reach the subset


def test_every_short_value_either_equals_or_is_refused() -> None:
    # every value of one and two characters of the alphabet, and the listed ones, after
    # one or two spaces: equal when taken, and still read by the composed path if not
    values = VALUES + ALPHABET + ["".join(p) for p in itertools.product(ALPHABET, repeat=2)]
    assert taken(f"k:{spaces}{value}\n"
                 for value, spaces in itertools.product(values, (" ", "  "))) > 1000


def taken(texts: Iterable[str]) -> int:
    """How many of ``texts`` the flat reader takes, each then equal to the composed path's
    Doc; each one it refuses is still read by the composed path (never an exception)."""
    n = 0
    for text in texts:
        if same(text):
            n += 1
        else:
            parse_yaml(text, "d.yaml", Collector())
    return n


def test_the_files_intake_writes_take_the_flat_reader() -> None:
    # `isgrid intake` writes a national call's 20,000 dossier files: each is read by the
    # subset (its header comments, quoted codes and dates, amounts, yes/no facts)
    from isgrid.intake.mapping import IntakeDossier
    from isgrid.intake.refresh import _dump

    facts = {"departement": "67", "amount_requested": 23500, "eligible_costs": 21000.5,
             "submitted_at": "2016-01-01", "ess": True, "commune": "Sélestat",
             "siret": "01234567890128", "note": "ex æquo: départagé"}
    d = IntakeDossier("DN-1", 1, "en_instruction", "Épicerie solidaire, « bio »", facts)
    text = _dump(d, {"id": d.id, "title": d.title, **facts}).decode("utf-8")
    assert same(text)
    doc = _flat_doc(text, "d.yaml")
    assert doc is not None and doc.data["siret"] == "01234567890128"
    assert doc.data["ess"] is True and doc.data["eligible_costs"] == 21000.5


def test_the_refused_characters_are_yamls_non_printable_ones_and_the_listed_ones() -> None:
    # One scan decides both: a character YAML does not allow (PyYAML's own class), and
    # the ones the line-by-line reader leaves to the composed path: line breaks other
    # than \n, the tab, the BOM and the backslash.  Checked on every code point.
    import re

    import yaml

    listed = re.compile("[\r\t\x85\u2028\u2029\ufeff\\\\]")
    non_printable = yaml.reader.Reader.NON_PRINTABLE
    refused = yamlio._FLAT_REFUSED
    wrong = [cp for cp in range(0x110000)
             if bool(refused.search(chr(cp)))
             != bool(listed.search(chr(cp)) or non_printable.search(chr(cp)))]
    assert wrong == []
    assert refused.search("\n") is None  # the one line break the reader takes


def test_values_holding_any_character_either_equal_or_are_refused() -> None:
    rng = random.Random(3122026)
    points = [*range(0x00, 0x100), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFD, 0xD7FF, 0xE000,
              *(rng.randrange(0x110000) for _ in range(1500))]
    # no text holds a lone surrogate once decoded from UTF-8
    assert taken(f"k: a{chr(cp)}b\n" for cp in points if not 0xD800 <= cp <= 0xDFFF) > 1000
