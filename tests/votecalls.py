"""alsace-2016 with a deliberation, and a vote recorded dossier by dossier: the calls of
the tests that a vote decides dossier by dossier (docs/decisions.md, "Which dossiers a
vote decides")."""

from __future__ import annotations

import shutil
from pathlib import Path

from clirun import run
from testpaths import EXAMPLES

VOTE = "vote: {body: Commission permanente, date: 2016-05-12, reference: CP-2016-05-12}"


def vote(folder: Path, dossier: str) -> None:
    """``dossier`` voted « retenu », 10 voix pour, 0 contre, 1 abstention."""
    run("decide", folder, dossier, "--stage", "vote", "--outcome", "retenu",
        "--votes", "10/0/1", "--by", "president", "--reason", "vote")


def example(tmp_path: Path, *, to_check: bool = False) -> Path:
    """A copy of alsace-2016 whose call.yaml names the deliberation (the letters cite it
    once their dossier is decided); AL16-05 decided « non retenu » at the jury's stage,
    or, with ``to_check``, left « à vérifier » (its eligible costs unknown)."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write(f"meeting:\n  {VOTE}\n")
    if not to_check:
        run("decide", folder, "AL16-05", "--outcome", "non-retenu", "--by", "Jury",
            "--reason", "pièces non fournies")
    return folder
