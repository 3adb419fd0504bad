"""The French help never calls a directory « DOSSIER »: in isgrid a dossier is a project's
application (``isgrid decide APPEL DOSSIER``), so ``--template-dir DOSSIER`` read as a
dossier's id.  A directory is a « RÉPERTOIRE » (click's ``DIRECTORY``, isgrid's ``DIR``),
as ``watch -o`` already says it (tests/cli/test_watch_help_words.py).

Every command's French help is walked: « DOSSIER » appears only where the value is a
dossier's id (decide, withdraw, consensus set).
"""

from __future__ import annotations

import click
from click.testing import CliRunner

from isgrid.cli import cli


def _commands(cmd: click.Command, path: list[str]) -> list[list[str]]:
    out = [path]
    if isinstance(cmd, click.Group):
        ctx = click.Context(cmd)
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            assert sub is not None
            out += _commands(sub, [*path, name])
    return out


def _help(lang: str, *path: str) -> str:
    res = CliRunner().invoke(cli, ["--lang", lang, *path, "--help"])
    assert res.exit_code == 0, res.output
    return " ".join(res.output.split())


def test_dossier_names_a_dossier_only() -> None:
    # the commands whose DOSSIER argument is a dossier's id, by hand
    ids = {("decide",), ("withdraw",), ("consensus",), ("consensus", "set")}
    for path in _commands(cli, []):
        text = _help("fr", *path)
        if tuple(path) not in ids:
            assert "DOSSIER" not in text, (path, text)
    for cmd in ("report", "minutes", "compare"):
        text = _help("fr", cmd)
        assert "--template-dir RÉPERTOIRE Un répertoire de modèles qui remplacent" in text
        assert "--template-dir DIRECTORY A folder of templates" in _help("en", cmd)


def test_sheets_writes_into_a_directory() -> None:
    assert ("-o, --output RÉPERTOIRE Le répertoire où écrire un fichier par juré."
            in _help("fr", "sheets", "write"))
    assert "-o, --output DIR The folder to write one file per juror into." \
        in _help("en", "sheets", "write")
