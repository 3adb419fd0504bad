"""``isgrid report --kind pv|cp-annex`` writes the minutes like ``isgrid minutes`` (issue 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import ROOT

ROOT = ROOT


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "call"
    shutil.copytree(ROOT / "examples" / "alsace-2016", folder)
    return folder


def test_report_kind_pv_equals_minutes(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    runner = CliRunner()
    a = runner.invoke(cli, ["report", str(folder), "--kind", "pv", "--format", "html",
                            "-o", str(tmp_path / "a.html")])
    b = runner.invoke(cli, ["minutes", str(folder), "--kind", "pv", "--format", "html",
                            "-o", str(tmp_path / "b.html")])
    assert a.exit_code == 0, a.stderr
    assert b.exit_code == 0, b.stderr
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_report_cp_annex_as_docx(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    out = tmp_path / "annexe.docx"
    res = CliRunner().invoke(cli, ["report", str(folder), "--kind", "cp-annex", "--format",
                                   "docx", "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    assert out.read_bytes()[:2] == b"PK"  # a zip: an Office document


def test_docx_is_not_a_fiches_format(tmp_path: Path) -> None:
    # DOCX: the minutes, the CP annex, the letters and the committee report (issue 17)
    folder = _call(tmp_path)
    out = tmp_path / "fiches.docx"
    res = CliRunner().invoke(cli, ["report", str(folder), "--kind", "fiches", "--format",
                                   "docx", "-o", str(out)])
    assert res.exit_code == 2
    assert "[bad-option]" in res.stderr
    assert not out.exists()


def test_md_is_not_a_minutes_format(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    res = CliRunner().invoke(cli, ["report", str(folder), "--kind", "pv", "--format", "md",
                                   "-o", str(tmp_path / "pv.md")])
    assert res.exit_code == 2
    assert "[bad-option]" in res.stderr
