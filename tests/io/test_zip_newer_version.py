"""A workbook whose zip says it needs a newer zip version (found by the fuzz test: « zip
file version 6.4 ») is an error at its file, not a traceback: Python's zip reader raises
NotImplementedError for it, which neither the juror's workbook reader nor intake's
spreadsheet reader caught."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

from isgrid.errors import Collector
from isgrid.intake.sheets import read_sheets
from isgrid.io.xlsx import read_xlsx


def _needs_version_64(members: dict[str, bytes]) -> bytes:
    """A zip of ``members`` whose every entry says it needs version 6.4 to be extracted."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    out = bytearray(buf.getvalue())
    for sig, at in ((b"PK\x03\x04", 4), (b"PK\x01\x02", 6)):  # local headers, directory
        i = out.find(sig)
        while i >= 0:
            out[i + at:i + at + 2] = struct.pack("<H", 64)
            i = out.find(sig, i + 4)
    return bytes(out)


def test_a_workbook_of_a_newer_zip_version_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "j1.xlsx"
    path.write_bytes(_needs_version_64({"[Content_Types].xml": b"<Types/>"}))
    diags = Collector()
    assert read_xlsx(path, diags) is None
    assert [(d.code, d.location.file) for d in diags.items] == [("xlsx-unreadable", str(path))]


def test_an_ods_export_of_a_newer_zip_version_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "export.ods"
    path.write_bytes(_needs_version_64({"mimetype": b"application/vnd.oasis.opendocument"
                                                    b".spreadsheet", "content.xml": b"<x/>"}))
    diags = Collector()
    assert read_sheets(path, diags) is None
    # the zip of an ODS is checked where a workbook's is (isgrid.io.xlsx.check_xlsx_container)
    assert [(d.code, d.location.file, str(d.message)) for d in diags.items] == [
        ("xlsx-unreadable", str(path), "cannot open the workbook (zip file version 6.4)")]
