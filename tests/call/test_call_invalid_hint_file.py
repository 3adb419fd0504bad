"""``call-invalid``'s default hint names the file that was read.

A dossier's file with an empty title is a ``call-invalid`` error at that file; its hint
said « See docs/calls.md for the keys of call.yaml. », sending the user to the wrong
file.  It names the dossier's file now; an error in call.yaml keeps call.yaml's hint.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

NBSP = "\u00a0"


def _check(folder: Path, lang: str) -> list[str]:
    res = CliRunner().invoke(cli, ["--lang", lang, "call", "check", str(folder)])
    assert res.exit_code == 1, res.output
    return res.stderr.splitlines()


def test_a_dossier_file_error_hint_names_the_dossier_file(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    path = folder / "dossiers" / "AL16-01.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(n for n, x in enumerate(text.splitlines(), 1) if x.startswith("title:"))
    path.write_text("\n".join('title: ""' if x.startswith("title:") else x
                              for x in text.splitlines()) + "\n", encoding="utf-8")
    err = _check(folder, "en")
    at = err.index(f"Error: {path}:{line}:8 (title): the dossier has no title [call-invalid]")
    assert err[at + 1] == "  Hint: See docs/calls.md for what the file AL16-01.yaml may hold."
    err = _check(folder, "fr")
    at = err.index(f"Erreur{NBSP}: {path}:{line}:8 (title){NBSP}: le dossier n'a pas de titre "
                   "[call-invalid]")
    assert err[at + 1] == (f"  Indice{NBSP}: Voir docs/calls.md pour ce que peut contenir le "
                           "fichier AL16-01.yaml.")


def test_a_call_yaml_error_hint_still_names_call_yaml() -> None:
    """In call.yaml, or nowhere said (an option's key path), the hint is call.yaml's."""
    from isgrid.errors import Diagnostic, Location

    for where in (Location("appel/call.yaml", line=3), Location(key_path="intake.demarche"),
                  Location()):
        found = Diagnostic("call-invalid", "x", where).format("en").splitlines()[1]
        assert found == "  Hint: See docs/calls.md for the keys of call.yaml."
    found = Diagnostic("call-invalid", "x", Location("appel/dossiers.csv", line=2))
    assert found.format("en").splitlines()[1] == (
        "  Hint: See docs/calls.md for what the file dossiers.csv may hold.")
