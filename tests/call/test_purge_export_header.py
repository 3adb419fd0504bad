"""The purge's look for a platform export among the call's other files reads a CSV file's
header first (``purge_extra._header_may_name_export``): a file whose header names no
``ID`` and ``Email`` columns is no export, and is not parsed whole (a national call's
assignments.csv, 120,000 rows, was parsed row by row for its header: a sixth of the
purge's time).  The header is the one ``parse_csv`` reads (``io.tabular.csv_header``), and
what the purge says is the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrid.call import purge_extra
from isgrid.errors import Collector
from isgrid.io.tabular import csv_header, parse_csv

TEXTS = [
    "dossier;juré\nD1;j1\n",
    "\ufeffID;Email;Nom\n1;a@b.fr;A\n",
    "\n ; \nID,Email,,\n1,a@b.fr,,\n",             # blank rows, then the header; « ,, »
    '"ID","E\nmail"\n1,x\n',                       # a quoted header cell on two lines
    "ID;Email\n1;\"unterminated\n",                 # a broken row after the header
    "",
    "  \n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_header_is_parse_csv_s(text: str) -> None:
    table = parse_csv(text, "f.csv", Collector())
    header = csv_header(text)
    if table is not None:
        assert header == table.columns
    else:  # (parse_csv refused the file: the header, when read, is its first row)
        assert header in (None, ["ID", "Email"])


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_export_is_still_found(tmp_path: Path) -> None:
    export = _write(tmp_path, "export.csv", "ID;Email;Nom du projet\n12;a@b.fr;Projet\n")
    assert purge_extra._platform_export(export)
    # a header that names them, a file that does not parse: no export, as before
    broken = _write(tmp_path, "broken.csv", 'ID;Email\n1;"a@b.fr\n')
    assert not purge_extra._platform_export(broken)


def test_a_file_of_another_header_is_not_read_whole(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "".join(f"D{i},j{i % 12},instructeur\n" for i in range(1, 1001))
    plain = _write(tmp_path, "assignments.csv", "dossier,assessor,role\n" + rows)

    read: list[str] = []

    def whole(path: Path, *_: object, **__: object) -> None:
        read.append(path.name)

    monkeypatch.setattr(purge_extra, "read_sheets", whole)
    assert not purge_extra._platform_export(plain)
    # an .xlsx is read whole as before (its header is a workbook's)
    book = _write(tmp_path, "export.xlsx", "not a workbook")
    assert not purge_extra._platform_export(book)
    assert read == ["export.xlsx"]
