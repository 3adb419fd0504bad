"""The workspace's pages say their words from one catalog, ``isgrid/locale/workspace.json``
(key -> French, English), as the documents do from theirs: no list of word pairs is kept
in the workspace's Python modules any more (texts.py's, texts_ops.py's, purged.py's were),
and the words are said as the pages always said them."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from isgrid.workspace.texts import TEXTS, page_words

SRC = Path(__file__).resolve().parents[2] / "src" / "isgrid"
NB, NNB = "\u00a0", "\u202f"


def test_every_word_of_the_pages_is_in_the_workspace_catalog() -> None:
    data = json.loads((SRC / "locale" / "workspace.json").read_text(encoding="utf-8"))
    assert list(data["fr"]) == list(data["en"])  # the same keys, in the same order
    assert len(data["fr"]) > 240
    # the purged call's words and the operation's are there too
    assert {"purged.title", "audit.action.take-back", "audit.action.secretariat-link"} <= set(
        data["fr"])
    assert set(TEXTS) == set(data["fr"])
    assert TEXTS["purged.title"] == ("Appel purgé", "Call purged")
    # no module of the workspace writes pairs of words itself
    for path in sorted((SRC / "workspace").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and node.values and all(
                    isinstance(v, ast.Tuple) and len(v.elts) == 2
                    and all(isinstance(e, ast.Constant) and isinstance(e.value, str)
                            for e in v.elts) for v in node.values):
                raise AssertionError(f"{path.name}:{node.lineno}: word pairs in Python")


def test_the_words_are_said_as_before() -> None:
    fr, en = page_words("fr"), page_words("en")
    # French spaces made with the values in (a value's own « : » too)
    assert fr("admin.settled", criterion="ALS-2", value="2,5") == (
        f"ALS-2 (réglé par consensus{NB}: 2,5)")
    assert fr("admin.settled", criterion="A :", value="3") == (
        f"A{NB}: (réglé par consensus{NB}: 3)")
    assert en("admin.settled", criterion="ALS-2", value="2.5") == (
        "ALS-2 (settled by consensus: 2.5)")
    # a key unknown is said as itself, never dropped
    assert fr("no.such.key") == "no.such.key"
    # the juror's sheet's states (renamed from status.*, which only common.json may define)
    assert fr("juror_status.submitted") == "soumise" and en("juror_status.open") == "in progress"
