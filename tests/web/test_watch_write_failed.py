"""``isgrid watch`` refused by the system partway through a build says what it left.

Each page is written whole (atomically), one after the other, and no command reads the
dashboard's folder (``watch`` itself reads only ``dossier-en-cours.txt``, which it never
writes, and the mark of its own ``index.html``, which a whole page keeps): a build stopped
partway leaves whole pages, some new, the others of the previous build, and the next
build rewrites them all.  The ``write-failed`` hint said « nothing was changed » even
when ``index.html`` had been replaced; it now says how many pages were.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import isgrid.web.watch as watch
from isgrid.cli.main import cli
from testpaths import EXAMPLES


def _build_refused_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str,
                      *args: str) -> tuple[int, str, Path]:
    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    out = tmp_path / "seance"
    real = watch.atomic_write

    def full_at(path: Path, data: bytes) -> None:
        if path.name == page:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(watch, "atomic_write", full_at)
    res = CliRunner().invoke(cli, [*args, "watch", str(folder), "-o", str(out), "--once"])
    return res.exit_code, res.output, out


def test_a_page_refused_after_others_says_how_many_were_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the pages in order: index.html, then the members' own views (i1, j1, j2, j3)
    code, output, out = _build_refused_at(tmp_path, monkeypatch, "membre-j1.html")
    assert code == 1, output
    page = out / "membre-j1.html"
    assert output.splitlines()[-2:] == [
        f"Error: {page}: the system refused: No space left on device [write-failed]",
        "  Hint: The build stopped partway (pages of this build written: 2; the others are "
        "still those of the previous build). Free some space or make the folder writable, "
        "then run isgrid watch again: it rebuilds every page."]
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "membre-i1.html"]
    assert watch.MARK in (out / "index.html").read_bytes()  # whole: the next run takes it


def test_the_same_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output, _ = _build_refused_at(tmp_path, monkeypatch, "membre-i1.html",
                                        "--lang", "fr")
    assert code == 1, output
    assert output.splitlines()[-1] == (
        "  Indice\u00a0: La mise à jour s'est arrêtée en cours de route (pages de cette "
        "mise à jour écrites\u00a0: 1\u202f; les autres sont encore celles de la "
        "précédente). Libérez de la place ou rendez le dossier accessible en écriture, "
        "puis relancez isgrid watch\u00a0: il réécrit toutes les pages.")


def test_the_first_page_refused_changed_nothing_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output, out = _build_refused_at(tmp_path, monkeypatch, "index.html")
    assert code == 1, output
    assert output.splitlines()[-1] == (
        "  Hint: Free some space, choose a writable folder, or fix the path; nothing was "
        "changed.")
    assert list(out.iterdir()) == []
