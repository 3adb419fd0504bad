"""The French secretariat's guide says what isgrid answers: its séance chapter, replayed.

``docs/fr/la-seance.md`` shows each command of the séance and, below it, what isgrid
prints.  The guide says its commands were tried on a copy of ``examples/alsace-2016``
named ``appel``: this test makes that copy, runs the chapter's commands in order (in
French, as on a French post) and checks each answer shown against the real one, so that
the guide cannot drift from the program (it had: plain spaces before colons, decimal
points, a journal of 3 entries where the chapter records 4).  ``watch`` (it runs until
Ctrl-C) and the PDF of the tableau (Chromium) are not run; an answer shortened with « … »
is compared up to there.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES, ROOT

GUIDE = ROOT / "docs" / "fr" / "la-seance.md"
SKIPPED = ("watch", "report")


def _blocks(text: str) -> list[str]:
    """The guide's fenced blocks, in order."""
    return re.findall(r"^```[a-z]*\n(.*?)^```$", text, flags=re.S | re.M)


def _commands(block: str) -> list[list[str]] | None:
    """The isgrid commands of a block (lines joined at a final backslash), or None when
    the block is an answer."""
    joined = re.sub(r"\\\n\s*", " ", block)
    lines = [line for line in joined.splitlines() if line.strip()]
    if not lines or not all(line.startswith("isgrid ") for line in lines):
        return None
    return [shlex.split(line)[1:] for line in lines]


def test_the_seance_chapter_says_what_isgrid_answers(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLES / "alsace-2016", tmp_path / "appel")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    outputs: list[str] = []  # what the commands of the last block printed
    compared = 0
    for block in _blocks(GUIDE.read_text(encoding="utf-8")):
        commands = _commands(block)
        if commands is None:
            if not outputs:
                continue  # an answer to a command the test does not run
            shown = block.rstrip("\n")
            short = shown.endswith("…")  # « sha256 69e357b5… »: compared up to there
            said = [out.rstrip("\n")[:len(shown) - 1] if short else out.rstrip("\n")
                    for out in outputs]
            assert (shown[:-1] if short else shown) in said, (
                f"the guide shows\n{shown}\nisgrid answers\n" + "\n--\n".join(said))
            compared += 1
            outputs = []
            continue
        outputs = []
        for args in commands:
            if args[0] in SKIPPED:
                continue
            res = runner.invoke(cli, ["--lang", "fr", *args])
            assert res.exit_code == 0, (args, res.output)
            outputs.append(res.stdout)
    assert compared >= 4  # the answers the chapter shows (consensus, decide, withdraw, verify)
