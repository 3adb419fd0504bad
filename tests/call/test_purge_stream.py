"""The purge's copy of a ratings file is made as it is written, row by row
(``purge._Emptied``): the same bytes as the whole file rewritten at once, whatever the
pieces it is cut into (a national call's 2 M ratings are never all in memory).

Each test cuts the file into pieces of a few characters or rows (``_CHUNK``, ``_ROWS``
made small), so that a separator, a quoted comment and the BOM fall across pieces."""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrid.call import purge_comments as purge_module
from isgrid.call.purge_comments import _comments, _Emptied, _has_comments


@pytest.fixture(params=[(3, 2), (1 << 20, 20_000)], ids=["small-pieces", "default"])
def pieces(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    chunk, rows = request.param
    monkeypatch.setattr(purge_module, "_CHUNK", chunk)
    monkeypatch.setattr(purge_module, "_ROWS", rows)


def test_semicolons_crlf_bom_and_a_comment_on_two_lines(tmp_path: Path, pieces: None) -> None:
    path = tmp_path / "j1.csv"
    # a French Excel's file: BOM, « ; », CRLF; a comment with a « , » (more of them than
    # « ; » in the file, not in its first line), one on two lines with a quote in it
    path.write_bytes(
        b"\xef\xbb\xbfdossier;assessor;criterion;value;comment\r\n"
        b"D1;j1;C1;2,5;Bien, mais flou, vraiment, tr\xc3\xa8s flou\r\n"
        b"D1;j1;C2;3;\r\n"
        b"D2;j1;C1;1;\"Vu avec \"\"Mme Roth\"\"\r\nle 3 mars\"\r\n"
        b"=D3;j1;C1;2;   \r\n")
    # two comments (a blank one is none); every row rewritten with LF, the decimal comma
    # quoted as csv quotes a « ; »-file's cell only when it holds « ; », a quote or a line
    # end: « 2,5 » is not; the formula-looking id neutralised with a leading « ' »
    assert _comments(path) == 2 and _has_comments(path)
    emptied = _Emptied(path)
    assert b"".join(emptied) == (
        b"\xef\xbb\xbfdossier;assessor;criterion;value;comment\n"
        b"D1;j1;C1;2,5;\n"
        b"D1;j1;C2;3;\n"
        b"D2;j1;C1;1;\n"
        b"'=D3;j1;C1;2;   \n")  # (a blank comment is kept as it is)
    assert emptied.emptied == 2  # counted as written (--apply)


def test_many_rows_in_many_pieces(tmp_path: Path, pieces: None) -> None:
    path = tmp_path / "j1.csv"
    rows = [f"D{i},j1,C{i % 25},{i % 4},{'avis ' + str(i) if i % 3 == 0 else ''}\n"
            for i in range(1, 1001)]
    path.write_text("dossier,assessor,criterion,value,comment\n" + "".join(rows), "utf-8")
    # 1..1000: the multiples of 3 have a comment, 333 of them
    assert _comments(path) == 333
    emptied = _Emptied(path)
    assert b"".join(emptied).decode() == (
        "dossier,assessor,criterion,value,comment\n"
        + "".join(f"D{i},j1,C{i % 25},{i % 4},\n" for i in range(1, 1001)))
    assert emptied.emptied == 333


def test_blank_comments_only(tmp_path: Path, pieces: None) -> None:
    path = tmp_path / "j1.csv"
    path.write_text("dossier,assessor,criterion,value,comment\nD1,j1,C1,3, \nD2,j1,C1,3,\n"
                    "D3,j1,C1,3\n", "utf-8")  # (a short row: no comment cell)
    assert _comments(path) == 0 and not _has_comments(path)
    # the last row's comment only: read to the end
    path.write_text("dossier,assessor,criterion,value,comment\nD1,j1,C1,3,\nD2,j1,C1,3,vu\n",
                    "utf-8")
    assert _comments(path) == 1 and _has_comments(path)


def test_no_comment_column_is_left(tmp_path: Path, pieces: None) -> None:
    path = tmp_path / "j1.csv"
    path.write_text("dossier,assessor,criterion,value\nD1,j1,C1,3\n", "utf-8")
    assert _comments(path) == 0 and not _has_comments(path)


def test_the_files_read_are_those_inside_the_call(tmp_path: Path) -> None:
    """``purge._inside``: the files of a folder that stay inside the call, the folder
    resolved once and only the links one by one (as ``io.folder.inside`` says of each)."""
    from isgrid.call.purge import _inside

    call, away = tmp_path / "call", tmp_path / "away"
    (call / "dossiers").mkdir(parents=True)
    away.mkdir()
    for name in ("A.yaml", "B.yml"):
        (call / "dossiers" / name).write_text("id: x\n", "utf-8")
    (away / "C.yaml").write_text("id: c\n", "utf-8")
    (call / "dossiers" / "C.yaml").symlink_to(away / "C.yaml")  # out of the call: left
    (call / "D.yaml").write_text("id: d\n", "utf-8")
    (call / "dossiers" / "E.yaml").symlink_to(call / "D.yaml")  # a link within: read
    (call / "dossiers" / "notes.txt").write_text("", "utf-8")
    assert [p.name for p in _inside(call, call / "dossiers", "*.y*ml")] == [
        "A.yaml", "B.yml", "E.yaml"]
    # a folder that is itself a link out of the call: only its links back in are inside
    (call / "linked").symlink_to(away, target_is_directory=True)
    (away / "F.yaml").symlink_to(call / "D.yaml")
    assert [p.name for p in _inside(call, call / "linked", "*.yaml")] == ["F.yaml"]
