"""A file another program holds on Windows (Excel, Word, OneDrive, an antivirus): the
rename over it is tried again for about a second, then said at *that* file, with what to
do (``file-in-use``), the temporary file removed; a write stopped partway by it is named
by the commands that follow until it can be finished (review windows, finding 5).

Emulated on Linux (tests/winemu.py): ``sys.platform`` says Windows and ``os.replace``
onto the held file raises the ``PermissionError`` Windows raises.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.io import replace as replacing
from isgrid.io.refusal import WriteFailed
from isgrid.io.write import PENDING, write_files
from testpaths import EXAMPLES
from winemu import held_by_another_program, windows

REAL_REPLACE = os.replace


def run(*args: object) -> tuple[int, str]:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    return res.exit_code, res.stderr


def test_a_short_hold_is_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    windows(monkeypatch)
    src, dst = tmp_path / "new", tmp_path / "out.csv"
    src.write_bytes(b"new")
    refusals = held_by_another_program(monkeypatch, dst, times=2)  # a scan of two tries
    waits: list[float] = []
    replacing.replace(src, dst, sleep=waits.append)
    assert dst.read_bytes() == b"new" and len(refusals) == 2
    assert waits == [0.05, 0.1]  # the first two delays, then the third try succeeds


def test_a_long_hold_is_said_at_the_target_after_about_a_second(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    windows(monkeypatch)
    src, dst = tmp_path / ".out.csv.x.tmp", tmp_path / "out.csv"
    src.write_bytes(b"new")
    refusals = held_by_another_program(monkeypatch, dst)
    waits: list[float] = []
    with pytest.raises(replacing.HeldFile) as caught:
        replacing.replace(src, dst, sleep=waits.append)
    assert caught.value.filename == str(dst)  # the file the user knows, not the .tmp
    assert len(refusals) == 6  # one try, then one after each of the five waits
    assert sum(waits) == pytest.approx(0.05 + 0.1 + 0.15 + 0.25 + 0.45)  # 1.0 s


def test_elsewhere_a_refused_rename_is_not_tried_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("isgrid.io.replace.windows", lambda: False)
    src, dst = tmp_path / "new", tmp_path / "out.csv"
    src.write_bytes(b"new")
    refusals = held_by_another_program(monkeypatch, dst)
    with pytest.raises(PermissionError) as caught:
        replacing.replace(src, dst, sleep=lambda s: pytest.fail("waited"))
    assert not isinstance(caught.value, replacing.HeldFile) and len(refusals) == 1
    assert caught.value.errno == errno.EACCES


def test_score_onto_a_ranking_open_in_excel(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    windows(monkeypatch)
    out = tmp_path / "classement.csv"
    out.write_bytes(b"the ranking as Excel shows it\n")
    held_by_another_program(monkeypatch, out)
    code, err = run("--lang", "fr", "score", EXAMPLES / "alsace-2016", "--format", "csv",
                    "-o", out, "--force")
    assert code == 1, err
    assert f"{out}\u00a0: ce fichier est ouvert dans un autre programme" in err
    assert "[file-in-use]" in err and "Fermez-le dans ce programme" in err
    assert ".tmp" not in err and "Libérez de la place" not in err
    assert "Traceback" not in err and "erreur interne" not in err
    # the ranking as it was, and no temporary file left beside it
    assert out.read_bytes() == b"the ranking as Excel shows it\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["classement.csv"]
    code, err = run("--lang", "en", "score", EXAMPLES / "alsace-2016", "--format", "csv",
                    "-o", out, "--force")
    assert code == 1 and f"{out}: this file is open in another program" in err
    assert "Close it in that program" in err


def test_a_write_stopped_by_a_held_file_names_it_until_it_is_released(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``sheets import`` whose second file is open in Excel (the write of
    :func:`write_files` it ends with): j1.csv is in place, j3.csv waits; every command
    that loads the call says to close j3.csv (not « make the folder writable »), and
    finishes the write once it is closed."""
    windows(monkeypatch)
    call = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    ratings = call / "ratings"
    old = {n: (ratings / n).read_bytes() for n in ("j1.csv", "j3.csv")}
    new = {n: b.replace(b"\n", b"\r\n") for n, b in old.items()}  # (CR LF: read alike)
    held_by_another_program(monkeypatch, ratings / "j3.csv")
    with pytest.raises(WriteFailed) as caught:
        write_files(call, [(ratings / n, new[n], None) for n in ("j1.csv", "j3.csv")],
                    command="isgrid sheets import")
    [d] = caught.value.diagnostics
    assert d.code == "file-in-use" and d.location.file == str(ratings / "j3.csv")
    assert "files in place: 1 of 2" in str(d.hint) and "Do not delete" in str(d.hint)
    assert (ratings / "j1.csv").read_bytes() == new["j1.csv"]
    assert (ratings / "j3.csv").read_bytes() == old["j3.csv"]

    code, err = run("--lang", "fr", "score", call)  # Excel still holds j3.csv
    assert code == 1, err
    assert f"{ratings / 'j3.csv'}\u00a0: ce fichier est ouvert dans un autre programme" in err
    assert "[file-in-use]" in err and "Ne supprimez pas" in err and PENDING in err
    assert "accessible en écriture" not in err and "output-exists" not in err

    monkeypatch.setattr(os, "replace", REAL_REPLACE)  # Excel closed
    code, err = run("--lang", "fr", "score", call)
    assert code == 0, err
    assert (ratings / "j3.csv").read_bytes() == new["j3.csv"]
    assert not (call / PENDING).exists()
    assert not [p.name for p in ratings.iterdir() if p.name.endswith(".tmp")]
