"""A command given a folder inside the call, not the call folder itself.

``cd aap-2026; isgrid score dossiers`` said « dossiers/call.yaml : le dossier de l'appel n'a
pas de call.yaml », hint « Créez-en un avec `isgrid call init` »: a call created inside
dossiers/.  ``watch . -o seance/ --once`` run from dossiers/ refused to overwrite
seance/index.html « l'appel … le lit » (nothing was there) and ``watch dossiers -o X
--once`` printed « reconstruit » and wrote a page guessing « un fichier est en cours de
modification ? ».  Each now says what is wrong, no call here, and names the call folder
above it as the user would type it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from callfactory import make_call
from isgrid.cli import cli

NBSP, NNBSP = "\u00a0", "\u202f"
DOSSIERS = [{"id": "D1", "title": "Épicerie solidaire", "amount_requested": 20000,
             "region": "Alsace", "partners": [{"name": "U", "type": "recherche"},
                                              {"name": "V", "type": "collectivite"}]}]


def _call(tmp_path: Path) -> Path:
    return make_call(tmp_path, "mini-scored", call={"assessors": [{"id": "j1"}]},
                     dossiers=DOSSIERS, ratings=[("D1", "j1", "B1", 3)])


def _run(*args: str) -> tuple[int, list[str]]:
    res = CliRunner().invoke(cli, ["--lang", "fr", *args])
    return res.exit_code, res.stderr.splitlines()


def _said(folder: str, call: str, where: str) -> list[str]:
    return [f"Erreur{NBSP}: {where}{NBSP}: `{folder}` n'a pas de call.yaml{NBSP}: il est dans "
            f"le dossier de l'appel `{call}` [file-not-found]",
            f"  Indice{NBSP}: Vouliez-vous dire le dossier de l'appel `{call}`{NNBSP}?"]


def test_a_subfolder_of_the_call_names_the_call_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _call(tmp_path)
    monkeypatch.chdir(folder)
    assert _run("score", "dossiers") == (2, _said("dossiers", ".", "dossiers/call.yaml"))
    monkeypatch.chdir(folder / "dossiers")
    assert _run("call", "check", ".") == (2, _said(".", "..", "call.yaml"))
    # given whole, the folder above is named whole
    sub = folder / "dossiers"
    assert _run("score", str(sub)) == (2, _said(str(sub), str(folder), f"{sub}/call.yaml"))


def test_a_folder_in_no_call_keeps_the_hint_to_create_one(tmp_path: Path) -> None:
    (tmp_path / "nouveau").mkdir()
    code, err = _run("call", "check", str(tmp_path / "nouveau"))
    assert code == 2
    assert err == [f"Erreur{NBSP}: {tmp_path}/nouveau/call.yaml{NBSP}: le dossier de l'appel "
                   "n'a pas de call.yaml [file-not-found]",
                   f"  Indice{NBSP}: Créez-en un avec `isgrid call init APPEL --grid GRILLE`."]


def test_watch_in_the_dossiers_folder_says_there_is_no_call_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From dossiers/: no « refus d'écraser seance/index.html » (nothing there), no
    « APPEL/out/ »; nothing written."""
    folder = _call(tmp_path)
    monkeypatch.chdir(folder / "dossiers")
    assert _run("watch", ".", "-o", "seance/", "--once") == (
        2, _said(".", "..", "call.yaml"))
    assert not (folder / "dossiers" / "seance").exists()


def test_watch_of_a_subfolder_builds_no_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """« watch dossiers -o X --once » printed « reconstruit » and wrote a page guessing a
    file was being saved."""
    folder = _call(tmp_path)
    monkeypatch.chdir(folder)
    code, err = _run("watch", "dossiers", "-o", str(tmp_path / "seance"), "--once")
    assert (code, err) == (2, _said("dossiers", ".", "dossiers/call.yaml"))
    assert not (tmp_path / "seance").exists()
