"""The reviewer's call with portfolio constraints (tests/fixtures/quota-call: budget
100 000 €, `rural`, `montagne`, `scop`, `asso`; its walk by hand in
tests/documents/test_portfolio_reasons.py) and what its letters say."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from clirun import norm, run
from testpaths import FIXTURES


def quota_call(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/quota-call, as ``tmp_path/appel``."""
    out = tmp_path / "appel"
    shutil.copytree(FIXTURES / "quota-call", out)
    return out


def letters(folder: Path, out: Path, lang: str = "fr") -> dict[str, list[str]]:
    """Each letter's reasons (the bullets under the outcome), plain spaces: the feedback
    letters of ``folder`` written in ``lang`` to ``out``, by dossier."""
    run("--lang", lang, "report", folder, "--kind", "feedback", "--format", "md",
        "-o", out, "--lang", lang)
    found = {}
    for f in sorted(out.glob("*.md")):
        head = norm(f.read_text(encoding="utf-8")).split("## ", 1)[0]
        found[f.stem] = re.findall(r"^- (.+)$", head, re.MULTILINE)
    return found
