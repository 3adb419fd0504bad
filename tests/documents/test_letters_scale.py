"""The applicants' letters of a large call: each letter's work does not grow with the call.

A national call has 20,000 applicants.  Every letter used to build every dossier's line
of the ranking and every rating as an object (``report --kind feedback`` at 2,000
dossiers: 81 s of CPU and 4.8 GB), so all letters took time in the square of the call's
size.  Measured here by counters, not by clocks: the Python calls made to write every
letter of a call of n and of 2n dossiers (the benchmark's seeded calls, so the counts are
the same at each run), the ranking lines and builders made, and the ratings never turned
into objects.  Speed itself is measured by ``bench/`` (``--commands letters``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from isgrid.call.load import load_call
from isgrid.documents import context
from isgrid.documents.build import build_context
from isgrid.documents.letters import letters_csv
from isgrid.documents.output import Letters, render_context, render_report
from isgrid.engine import score
from testpaths import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import generate


def _calls_made(folder: Path, fmt: str) -> int:
    """The Python function calls made while every letter of ``folder`` is written."""
    call = load_call(folder)
    result = score(call)
    count = 0

    def counted(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(counted)
    try:
        render_report(call, result, "feedback", fmt)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_the_letters_work_doubles_when_the_call_doubles(tmp_path: Path, fmt: str) -> None:
    """Every letter of a call of 60 dossiers against one of 30: at most 2.3 times the
    work (the project's rule for a linear command, docs/performance.md).  When each
    letter built every dossier's line it was 2.8 times (3.1 from 60 to 120: the square)."""
    small = _calls_made(generate(tmp_path / "a", 30, 4, 25, table=True, shape="real"), fmt)
    large = _calls_made(generate(tmp_path / "b", 60, 4, 25, table=True, shape="real"), fmt)
    assert large / small <= 2.3, (small, large)


def test_each_line_and_the_builder_are_made_once(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing all 30 letters builds one Builder, the laureates' lines once each (the
    context's ``laureates``), no other dossier's line, and no rating object."""
    call = load_call(generate(tmp_path / "c", 30, 4, 25, table=True, shape="real"))
    result = score(call)
    made = {"builder": 0, "line": 0}
    init, line = context.Builder.__init__, context.Builder.line

    def counted_init(self: Any, *args: Any, **kwargs: Any) -> None:
        made["builder"] += 1
        init(self, *args, **kwargs)

    def counted_line(self: Any, d: Any) -> Any:
        made["line"] += 1
        return line(self, d)

    monkeypatch.setattr(context.Builder, "__init__", counted_init)
    monkeypatch.setattr(context.Builder, "line", counted_line)
    letters = Letters(call, result, "csv")
    rows = b"".join(letters.csv()).decode("utf-8-sig").splitlines()
    now = result.current
    assert now is not None and now.selected  # a call with laureates
    assert len(rows) == 1 + 30
    assert made == {"builder": 1, "line": len(now.selected)}
    assert call.table._rows is None  # the ratings stay columns


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_letter_made_with_the_others_is_the_letter_made_alone(
        tmp_path: Path, fmt: Any) -> None:
    """The common part made once (its dump, the template) gives each letter the bytes of
    that letter's own context rendered on its own; the mail merge made as it is written
    is the one made from every context."""
    call = load_call(generate(tmp_path / "c", 12, 4, 25, table=True, shape="real"))
    result = score(call)
    letters = Letters(call, result, fmt)
    ids = letters.ids
    assert ids == sorted(d.id for d in result.dossiers) and len(ids) == 12
    for did in ids:
        alone = build_context(call, result, "feedback", "communicable", "fr", dossier=did)
        assert letters.render(did) == render_context(alone, fmt), did
    if fmt == "md":
        contexts = [build_context(call, result, "feedback", "communicable", "fr", dossier=did)
                    for did in ids]
        assert b"".join(Letters(call, result, "csv").csv()) == letters_csv(contexts)
