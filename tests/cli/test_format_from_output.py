"""``--format`` left out, ``-o`` given: the output file's extension chooses the format.

``isgrid score CALL -o result.json`` once wrote the text table into result.json, and
``isgrid minutes … -o pv.pdf`` HTML into a file named .pdf.  The extension now
chooses among the command's own formats; ``--format`` given always wins; an
extension that names none of them (or no ``-o``) leaves the default.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from isgrid.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture()
def call(tmp_path: Path) -> Path:
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLE, folder)
    return folder


def test_json_extension_writes_json(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    res = invoke("score", str(call), "-o", str(out))
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {d["id"] for d in data["dossiers"]} >= {"AL16-01", "AL16-02"}


def test_extension_is_read_without_case(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "RESULT.JSON"
    assert invoke("score", str(call), "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == 1


def test_csv_extension_writes_csv(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "classement.csv"
    assert invoke("score", str(call), "-o", str(out)).exit_code == 0
    first = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "AL16" not in first and first.count(";") + first.count(",") >= 3  # a header row


def test_given_format_wins_over_the_extension(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    assert invoke("score", str(call), "--format", "table", "-o", str(out)).exit_code == 0
    with pytest.raises(json.JSONDecodeError):
        json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["classement.txt", "classement", "classement.xlsx"])
def test_other_extensions_keep_the_default(call: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name  # .txt names the table; no extension and .xlsx name nothing here
    assert invoke("score", str(call), "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "AL16-01" in text and not text.lstrip().startswith("{")


def test_a_report_named_md_is_markdown(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "comite.md"
    assert invoke("report", str(call), "--kind", "committee", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "<html" not in text.lower() and text.lstrip().startswith("#")


def test_htm_is_html(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "comite.htm"
    assert invoke("report", str(call), "--kind", "committee", "-o", str(out)).exit_code == 0
    assert "<html" in out.read_text(encoding="utf-8").lower()


def test_a_refused_format_names_the_extension(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "comite.csv"  # csv is a format of report, but not of --kind committee
    res = CliRunner().invoke(cli, ["report", str(call), "--kind", "committee", "-o", str(out)])
    assert res.exit_code == 2
    assert "cannot be written as csv, the format the extension .csv of -o names" in res.output
    assert not out.exists()


def test_a_given_refused_format_is_refused_as_before(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "comite.csv"
    res = CliRunner().invoke(cli, ["report", str(call), "--kind", "committee",
                                   "--format", "csv", "-o", str(out)])
    assert res.exit_code == 2
    assert "--kind committee cannot be written as csv [bad-option]" in res.output
