"""``isgrid watch`` on Windows when a page stays held past the rename's retries (a browser
reloading it, an antivirus scanning it): the séance went on only until then; the watch
stopped with ``file-in-use``.  Now it warns (``file-in-use``, naming the page), writes the
other pages, and writes that page at its next poll, once released (review windows, left
over).  With ``--once`` (no poll follows) it stops as before.

Emulated on Linux (tests/winemu.py): ``os.replace`` onto the held page raises the
``PermissionError`` Windows raises; the retries' waits are made zero.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import isgrid.web.watch as watch
from isgrid.cli.main import cli
from testpaths import EXAMPLES
from winemu import held_by_another_program, windows

HELD = ("this file is open in another program (Excel, Word, a synchronisation such as "
        "OneDrive, an antivirus?): the system refused to replace it [file-in-use]")


def _watch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str,
           lang: str = "en") -> tuple[int, str, Path, list[str]]:
    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    out = tmp_path / "seance"
    windows(monkeypatch)
    monkeypatch.setattr("isgrid.io.replace.DELAYS", (0.0,) * 5)
    # held for one write's six tries (the first build's), then let go
    refusals = held_by_another_program(monkeypatch, out / "membre-j1.html", times=6)
    res = CliRunner().invoke(cli, ["--lang", lang, "watch", str(folder), "-o", str(out),
                                   "--interval", "0.05", *args])
    return res.exit_code, res.output, out, refusals


def test_a_held_page_is_said_and_written_at_the_next_poll(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output, out, refusals = _watch(tmp_path, monkeypatch, "--max-iterations", "2")
    assert code == 0, output
    page = out / "membre-j1.html"
    lines = output.splitlines()
    assert f"Warning: {page}: {HELD}" in lines, output
    assert "  Hint: This page is still the previous build's; isgrid watch writes it again " \
           "at its next look at the call folder, once that program lets go of it (close the " \
           "tab that downloads it, or wait for the scan to end). The other pages are " \
           "written." in lines, output
    assert len(refusals) == 6  # one write's tries, at the build; the next poll's goes through
    assert sum(line.startswith("rebuilt ") for line in lines) == 1  # one build, not two
    # every page written: the held one at the second poll, whole
    assert sorted(p.name for p in out.iterdir()) == [
        "index.html", "membre-i1.html", "membre-j1.html", "membre-j2.html", "membre-j3.html"]
    assert watch.MARK in page.read_bytes()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_the_warning_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output, out, _ = _watch(tmp_path, monkeypatch, "--max-iterations", "1",
                                  lang="fr")
    assert code == 0, output
    said = [line for line in output.splitlines() if "[file-in-use]" in line]
    assert said == [f"Avertissement\u00a0: {out / 'membre-j1.html'}\u00a0: ce fichier est "
                    "ouvert dans un autre programme (Excel, Word, une synchronisation comme "
                    "OneDrive, un antivirus\u202f?)\u00a0: le système a refusé de le "
                    "remplacer [file-in-use]"], output
    assert "Indice\u00a0: Cette page est encore celle de la mise à jour précédente" in output


def test_once_a_held_page_stops_the_build(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    code, output, out, _ = _watch(tmp_path, monkeypatch, "--once")
    assert code == 1, output
    assert f"Error: {out / 'membre-j1.html'}: {HELD}" in output.splitlines()
