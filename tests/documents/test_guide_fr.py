"""The French secretariat's guide says what isgrid answers: its chapters, replayed.

``docs/fr/*.md`` show commands and, below some of them, what isgrid prints.  The guide
says its commands were tried on a copy of ``examples/alsace-2016`` named ``appel``: this
test makes that copy, runs the commands (in French, as on a French post) and checks each
answer shown against the real one, so that the guide cannot drift from the program (it
had: plain spaces before colons, decimal points, « 1 dossiers », two workbooks of four,
a journal of 3 entries where the séance chapter records 4).  ``watch`` (it runs until
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

GUIDES = ROOT / "docs" / "fr"
SKIPPED = ("watch", "report")


def _blocks(text: str) -> list[str | None]:
    """The guide's fenced blocks, in order; None for a block in a language (```yaml: a
    file's content, not a command nor an answer)."""
    return [None if lang else body for lang, body in
            re.findall(r"^```([a-z]*)\n(.*?)^```$", text, flags=re.S | re.M)]


def _commands(block: str) -> list[list[str]] | None:
    """The isgrid commands of a block (lines joined at a final backslash), or None when
    the block is an answer."""
    joined = re.sub(r"\\\n\s*", " ", block)
    lines = [line for line in joined.splitlines() if line.strip()]
    if not lines or not all(line.startswith("isgrid ") for line in lines):
        return None
    return [shlex.split(line)[1:] for line in lines]


def _replay(guide: Path, tmp_path: Path, every: bool) -> int:
    """Run the guide's commands in ``tmp_path`` (``appel``: a copy of the example) and
    compare each answer it shows: ``every`` command in order (a chapter whose commands
    build on each other), or only those of a block followed by an answer.  Returns how
    many answers were compared."""
    blocks = _blocks(guide.read_text(encoding="utf-8"))
    runner = CliRunner()
    compared = 0
    for at, block in enumerate(blocks):
        commands = _commands(block) if block is not None else None
        if commands is None:
            continue
        answer = blocks[at + 1] if at + 1 < len(blocks) else None
        if answer is not None and _commands(answer) is not None:
            answer = None
        if answer is None and not every:
            continue
        outputs = []
        for args in commands:
            if args[0] in SKIPPED:
                continue
            res = runner.invoke(cli, ["--lang", "fr", *args])
            assert res.exit_code == 0, (args, res.output)
            outputs.append(res.stdout)
        if answer is None or not outputs:
            continue
        shown = answer.rstrip("\n")
        short = shown.endswith("…")  # « sha256 69e357b5… »: compared up to there
        said = [out.rstrip("\n")[:len(shown) - 1] if short else out.rstrip("\n")
                for out in outputs]
        assert (shown[:-1] if short else shown) in said, (
            f"{guide.name} shows\n{shown}\nisgrid answers\n" + "\n--\n".join(said))
        compared += 1
    return compared


def test_the_seance_chapter_says_what_isgrid_answers(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLES / "alsace-2016", tmp_path / "appel")
    monkeypatch.chdir(tmp_path)
    # consensus, decide, withdraw, journal verify (after every decision of the chapter)
    assert _replay(GUIDES / "la-seance.md", tmp_path, every=True) >= 4


def test_the_preparation_chapter_says_what_isgrid_answers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLES / "alsace-2016", tmp_path / "appel")
    monkeypatch.chdir(tmp_path)
    # call init and check of a new call; the jurors' workbooks of the example
    assert _replay(GUIDES / "preparer-un-appel.md", tmp_path, every=False) >= 2
