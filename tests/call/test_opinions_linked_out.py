"""A symbolic link out of the call folder is never followed, and is an error of every
command, whatever input folder holds it (the hostile review: ``opinions/`` linked out of
the call was a warning, the jurors' opinions and amounts dropped, exit 0, where
``conflicts/`` linked out was an error; the two said it in different words and hints)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli.main import cli
from testpaths import HOSTILE

HINT = "  Hint: Copy the file into the folder instead."


def _run(*args: object) -> tuple[int, list[str]]:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    return res.exit_code, res.output.splitlines()


@pytest.mark.parametrize(("folder", "text"), [
    ("opinions", "dossier,assessor,opinion,amount,comment\nD01,j1,favorable,10000,bien\n"),
    ("conflicts", "assessor,dossier,reason\nj1,D01,membre du bureau\n"),
    ("ratings", None),
])
def test_an_input_folder_linked_out_is_the_same_error_for_every_command(
        tmp_path: Path, folder: str, text: str | None) -> None:
    call = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", call)
    outside = tmp_path / "outside" / folder
    if text is None:  # the call's own ratings, moved out and linked
        shutil.move(str(call / folder), str(outside))
    else:
        outside.mkdir(parents=True)
        (outside / "j1.csv").write_text(text, "utf-8")
    if (call / folder).exists():
        shutil.rmtree(call / folder)
    (call / folder).symlink_to(outside)
    first = sorted(p.name for p in outside.iterdir())[0]
    for command in (("call", "check", call), ("score", call)):
        code, lines = _run(*command)
        assert code == 1, lines
        assert lines[:2] == [f"Error: {call / folder / first}: {first} links outside the call "
                             "folder [path-escape]", HINT]
