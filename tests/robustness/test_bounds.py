"""Inputs that ended in an internal error (exit 3) now get a located error: draws beyond
what memory holds, a chain of 40 grids extending each other, a record nested 100,000 deep."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.vocabulary import MAX_DRAWS
from testpaths import EXAMPLES

ALSACE = str(EXAMPLES / "alsace-2016")


def run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, list(args))
    return res.exit_code, res.output


def test_draws_are_bounded() -> None:
    assert MAX_DRAWS == 10_000
    for command in (["sensitivity", ALSACE], ["score", ALSACE, "--sensitivity"]):
        code, out = run(*command, "--draws", "100000000000")
        assert code == 2 and "0<=x<=10000" in out, out  # was a MemoryError (2.91 TiB)


def test_draws_in_call_yaml_are_bounded(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("sensitivity:\n  draws: 100000000000\n")
    code, out = run("call", "check", str(folder))
    assert code != 3 and "sensitivity.draws" in out and "<= 10000" in out, out


def test_a_long_chain_of_grids(tmp_path: Path) -> None:
    base = {"id": "g0", "version": "1", "title": "g0", "extends": "avise-mouves-2011"}
    (tmp_path / "g0.yaml").write_text(yaml.safe_dump(base), encoding="utf-8")
    for i in range(1, 40):
        (tmp_path / f"g{i}.yaml").write_text(yaml.safe_dump(
            {"id": f"g{i}", "version": "1", "title": f"g{i}", "extends": f"g{i - 1}"}),
            encoding="utf-8")
    code, out = run("grids", "check", str(tmp_path / "g39.yaml"))
    # g39 -> g38 -> ... : the 32nd grid read (g8) is where the chain is cut
    assert code == 2 and "g8.yaml:1:" in out and "longer than 32 [extends-cycle]" in out, out
    code, out = run("grids", "check", str(tmp_path / "g20.yaml"))  # 21 grids: read
    assert code == 0, out


def test_a_record_nested_too_deeply(tmp_path: Path) -> None:
    rec = tmp_path / "rec.json"
    rec.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, out = run("record", "check", ALSACE, str(rec))
    assert code == 1 and "the record is not a JSON object [record-mismatch]" in out, out


def test_a_record_of_a_national_call_is_read(tmp_path: Path) -> None:
    """A record holds a hash per input: 12,000 dossier files make 1.15 MB, which a first
    1 MB bound refused (« file-too-large »); 64 MB is the bound now."""
    import json

    from isgrid.errors import Collector
    from isgrid.io.text import read_bytes

    rec = tmp_path / "rec.json"
    rec.write_text(json.dumps({"inputs": {f"dossiers/D{i:05d}.yaml": "0" * 64
                                          for i in range(12_000)}}), encoding="utf-8")
    assert rec.stat().st_size > 1 << 20
    diags = Collector()
    assert read_bytes(rec, diags, max_bytes=64 << 20) is not None and not diags.items
    code, out = run("record", "check", ALSACE, str(rec))
    assert "file-too-large" not in out and code == 1  # read, and then not this call's


def test_a_header_of_many_columns_is_read_once(tmp_path: Path) -> None:
    """The duplicate-column check walked the header once per column (74 s for 100,000
    columns; now one pass: the suite's own time shows it, no timing asserted here); a
    header of more cells than a spreadsheet's columns is now refused as such, before any
    check of its names (io.csvtext.too_wide)."""
    import shutil

    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    head = "dossier,assessor,criterion,value,comment," + ",".join(
        f"x{i}" for i in range(100_000))
    (folder / "ratings" / "j9.csv").write_text(head + "\n", encoding="utf-8")
    code, out = run("call", "check", str(folder))
    assert code == 1 and "[too-many-cells]" in out
    assert "ratings/j9.csv:1:16385: the line has more than 16,384 cells" in out
    head = "dossier,assessor,criterion,value,comment," + ",".join(
        f"x{i}" for i in range(10_000))  # within the limit: each name checked, once
    (folder / "ratings" / "j9.csv").write_text(head + "\n", encoding="utf-8")
    code, out = run("call", "check", str(folder))
    assert code == 1 and "[csv-extra-column]" in out
    assert "and 9,990 more" in out  # the message bounded too
