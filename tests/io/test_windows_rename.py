"""Windows refuses to rename a file its own process holds open (WinError 32): every write
closes its temporary file before renaming it (review windows, finding 2).  Emulated on
Linux (tests/winemu.py): ``os.replace`` refuses a file ``/proc/self/fd`` shows open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from isgrid.io.write import atomic_write, put_in_place, staged, write_files, write_output
from winemu import refuse_open_renames

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="Linux /proc")


def test_atomic_write_renames_a_closed_file(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "classement.csv"
    out.write_bytes(b"old\r\n")
    renames = refuse_open_renames(monkeypatch)
    atomic_write(out, b"dossier;rang\nAL16-01;1\n")
    # the same bytes as written, the rename done once, nothing left beside it
    assert out.read_bytes() == b"dossier;rang\nAL16-01;1\n"
    assert len(renames) == 1 and renames[0][1] == str(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["classement.csv"]


def test_atomic_write_in_pieces_and_write_output(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_open_renames(monkeypatch)
    out = tmp_path / "comite.html"
    atomic_write(out, iter([b"<p>", b"a" * 100_000, b"</p>\n"]))
    assert out.read_bytes() == b"<p>" + b"a" * 100_000 + b"</p>\n"
    write_output(tmp_path / "s.txt", "é\n")
    assert (tmp_path / "s.txt").read_bytes() == "é\n".encode()


def test_every_multi_file_write_and_a_staged_file(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ratings").mkdir()
    (tmp_path / "ratings" / "j1.csv").write_bytes(b"old j1\n")
    renames = refuse_open_renames(monkeypatch)
    write_files(tmp_path, [
        (tmp_path / "ratings" / "j1.csv", b"new j1\n",
         tmp_path / "ratings" / "replaced" / "j1.csv"),
        (tmp_path / "ratings" / "j2.csv", lambda: b"new j2\n", None)], command="isgrid t")
    assert (tmp_path / "ratings" / "j1.csv").read_bytes() == b"new j1\n"
    assert (tmp_path / "ratings" / "j2.csv").read_bytes() == b"new j2\n"
    assert (tmp_path / "ratings" / "replaced" / "j1.csv").read_bytes() == b"old j1\n"
    # the manifest twice, the two files: four renames, none refused
    assert len(renames) == 4
    tmp = staged(tmp_path / "liens.csv", b"j1;https://x\n")
    put_in_place(tmp, tmp_path / "liens.csv")
    assert (tmp_path / "liens.csv").read_bytes() == b"j1;https://x\n"
