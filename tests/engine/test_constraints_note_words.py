"""A call with portfolio constraints but neither a budget nor ``top`` selects nothing:
the result JSON's ``constraints.note`` says so in the call's language (it was English in
every call, a sentence the engine wrote)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import isgrid
from isgrid.engine import score
from quotacalls import quota_call


@pytest.mark.parametrize(("lang", "want"), [
    ("fr", "ni budget ni top\u00a0: aucun dossier n'est retenu"),
    ("en", "no budget and no top: nothing is selected"),
])
def test_note_in_the_calls_language(tmp_path: Path, lang: str, want: str) -> None:
    folder = quota_call(tmp_path)
    cfg = folder / "call.yaml"
    text = cfg.read_text(encoding="utf-8")
    text = re.sub(r"^budget: .*\n", "", text, flags=re.MULTILINE)
    text = text.replace("lang: fr", f"lang: {lang}")
    cfg.write_text(text, encoding="utf-8")
    result = score(isgrid.load_call(folder))
    assert result.selection is None  # nothing is selected without a budget or top
    assert result.to_json()["constraints"]["note"] == want
    assert result.to_json()["constraints"]["items"] == []
