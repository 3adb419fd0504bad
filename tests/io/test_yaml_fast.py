"""libyaml's parser under isgrid's composer gives what the pure-Python loader gives.

isgrid.io.yamlio parses with libyaml (C) when it can, and falls back to PyYAML's
pure-Python loader for anything libyaml refuses or PyYAML's reader would refuse,
so that diagnostics stay as they were.  Here every YAML file of the repository
(grids, examples, test fixtures, the hostile corpus) and a few hand-written
documents are parsed both ways and must give the same data, positions and
diagnostics.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import isgrid.io.yamlio as yamlio
from isgrid.errors import Collector
from testpaths import ROOT

ROOT = ROOT
FILES = sorted(p for p in ROOT.glob("**/*.y*ml")
               if ".venv" not in p.parts and p.suffix in (".yaml", ".yml"))
DOCS = {
    "styles": 'a: plain\nb: "double \\u00e9"\nc: \'single\'\nd: |\n  block\n  two\ne: >\n  folded\n',
    "flow": "a: [1, 2.5, no, ~, '01000']\nb: {x: 1, y: [true, False]}\n",
    "anchors": "base: &b {w: 1}\nother: *b\nlist:\n  - *b\n  - &c x\n  - *c\n",
    "comments": "# top\na: 1  # trailing\n# between\nb:\n  - x  # item\n",
    "unicode": "titre: « Innovation » — été\nmontant: 12 000\n",
    "duplicate": "a: 1\na: 2\n",
    "bom-mid": "a: 1\n\ufeffb: 2\n",
    "control": "a: 1\nb: \x07\n",
    "bad": "a: [1, 2\nb: 3\n",
    "deep": "a: " + "[" * 300 + "]" * 300 + "\n",
    "aliases": "a: &a 1\n" + "".join(f"k{i}: *a\n" for i in range(250)),
}


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    def run() -> Any:
        diags = Collector()
        doc = yamlio.parse_yaml(text, "f.yaml", diags)
        got = None if doc is None else (doc.data, doc.positions, doc.raw, doc.key_positions)
        return got, [(d.code, d.message, str(d.location)) for d in diags.items]

    fast = run()
    with monkeypatch.context() as m:
        m.setattr(yamlio, "_FAST_LOADER", None)
        slow = run()
    return fast, slow


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_repository_files_parse_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    fast, slow = _both(text, monkeypatch)
    assert fast == slow


@pytest.mark.parametrize("name", list(DOCS))
def test_hand_written_documents_parse_the_same(name: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _both(DOCS[name], monkeypatch)
    assert fast == slow


def test_the_fast_parser_is_really_used(monkeypatch: pytest.MonkeyPatch) -> None:
    assert yamlio._FAST_LOADER is not None  # PyYAML wheels ship libyaml
    calls: list[str] = []
    real = yamlio._FAST_LOADER

    class Spy(real):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            calls.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(yamlio, "_FAST_LOADER", Spy)
    doc = yamlio.parse_yaml("a: 1\nb: [x, y]\n", "f.yaml", Collector())
    assert doc is not None and doc.data == {"a": 1, "b": ["x", "y"]}
    assert doc.positions[("b", 1)] == (2, 8)
    assert calls == ["a: 1\nb: [x, y]\n"]
    # a character PyYAML's reader refuses never reaches libyaml
    calls.clear()
    diags = Collector()
    assert yamlio.parse_yaml("a: \x07\n", "f.yaml", diags) is None
    assert calls == [] and [d.code for d in diags.items] == ["yaml-syntax"]
