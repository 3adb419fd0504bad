"""``isgrid call purge --apply`` found each CSV file's encoding twice (a whole scan of its
bytes each time: ``purge_comments._encoding``), once to see that it had something to empty
and again when writing its purged copy; the call's ``dossiers.csv`` three times.  The
encoding is found once and passed on (review, left over): a national call's 2 M ratings are
scanned once less.  The bytes written are the same: a file Excel saved in cp1252 comes back
in cp1252."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from isgrid.call import purge_comments
from isgrid.cli.main import cli
from testpaths import EXAMPLES


def _call(tmp_path: Path) -> tuple[Path, list[str], list[str]]:
    """The example, kept 12 months since 2024-06-30, its ratings/j1.csv and a table of its
    dossiers (an e-mail column AL16-01 fills) saved by Excel in cp1252."""
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["retention"] = {"months": 12, "since": "2024-06-30", "contact_facts": ["email"]}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    ratings = (call / "ratings" / "j1.csv").read_text("utf-8").splitlines()
    (call / "ratings" / "j1.csv").write_bytes("\r\n".join([*ratings, ""]).encode("cp1252"))
    cols = ["id", "title", "departement", "legal_form", "amount_requested",
            "eligible_costs", "submitted_at"]
    table = [";".join([*cols, "email"])]
    for path in sorted((call / "dossiers").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        cells = ["" if data.get(c) is None else str(data[c]) for c in cols]
        table.append(";".join([*cells, "marie@recyclerie.example"
                               if data["id"] == "AL16-01" else ""]))
    shutil.rmtree(call / "dossiers")
    (call / "dossiers.csv").write_bytes("\r\n".join([*table, ""]).encode("cp1252"))
    return call, ratings, table


def test_each_file_is_scanned_once_and_comes_back_in_cp1252(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    call, ratings, table = _call(tmp_path)
    scans: Counter[str] = Counter()
    found = purge_comments._encoding

    def counted(path: Path) -> str:
        scans[path.name if path.parent.name != "ratings" else f"ratings/{path.name}"] += 1
        return found(path)

    monkeypatch.setattr(purge_comments, "_encoding", counted)
    res = CliRunner().invoke(cli, ["call", "purge", str(call), "--apply",
                                   "--today", "2025-07-01"])
    assert res.exit_code == 0, res.output
    assert scans["ratings/j1.csv"] == 1, scans  # was 2
    assert scans["dossiers.csv"] == 1, scans  # was 3 (its count, its columns, its copy)
    # j1.csv: 49 rows, each rewritten without its comment (the fifth cell, no comma nor
    # quote in this file's comments), LF ends as the purge writes them; cp1252 kept
    assert len(ratings) == 50 and "réemploi" in ratings[1]
    assert (call / "ratings" / "j1.csv").read_bytes() == "".join(
        [ratings[0] + "\n", *(",".join(r.split(",")[:4]) + ",\n" for r in ratings[1:])]
    ).encode("cp1252")
    # dossiers.csv: AL16-01's e-mail emptied, every other cell as typed, in cp1252 (the
    # « É » of « Épicerie » is the one byte 0xC9, not UTF-8's two)
    written = (call / "dossiers.csv").read_bytes()
    assert written == "".join(line.removesuffix("marie@recyclerie.example") + "\n"
                              for line in table).encode("cp1252")
    assert "Épicerie" in "".join(table) and b"\xc9picerie" in written
