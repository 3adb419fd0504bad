"""The ``annex-holder-missing`` hint names the call's own source of dossiers (review s16
guide, finding 9: a call read from dossiers.xlsx was told « give a `holder` column to
dossiers.csv », a file it does not have).  The call: tests/votecalls.py's alsace-2016
with its deliberation, its dossiers moved from dossiers/<id>.yaml into one table."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import yaml
from click.testing import CliRunner

from isgrid.cli import cli
from votecalls import example


def _rows(folder: Path) -> list[dict[str, object]]:
    rows = [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((folder / "dossiers").glob("*.yaml"))]
    shutil.rmtree(folder / "dossiers")
    return rows


def _hint(folder: Path, lang: str) -> str:
    res = CliRunner().invoke(cli, ["--lang", lang, "call", "check", str(folder)])
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.replace("\u00a0", " ").replace("\u202f", " ").split())
    at = out.index("[annex-holder-missing]")
    return out[at:at + 400]


def test_a_call_read_from_dossiers_xlsx(tmp_path: Path) -> None:
    folder = example(tmp_path)
    rows = _rows(folder)
    keys = list(dict.fromkeys(k for r in rows for k in r))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(keys)
    for r in rows:
        ws.append([str(r[k]) if k == "submitted_at" else r.get(k) for k in keys])
    wb.save(folder / "dossiers.xlsx")
    hint = _hint(folder, "fr")
    assert "Donnez une colonne `holder` à dossiers.xlsx ; déclarez le fait" in hint, hint
    assert "dossiers.csv" not in hint and "dossiers/<id>.yaml" not in hint
    en = _hint(folder, "en")
    assert "Give a `holder` column to dossiers.xlsx; declare the fact" in en, en


def test_a_call_read_from_dossiers_csv_and_from_files(tmp_path: Path) -> None:
    folder = example(tmp_path)
    rows = _rows(folder)
    keys = list(dict.fromkeys(k for r in rows for k in r))
    with (folder / "dossiers.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, keys)
        w.writeheader()
        w.writerows(rows)
    assert "Give a `holder` column to dossiers.csv;" in _hint(folder, "en")
    # the dossiers' own files only (the example as shipped): those files, no table
    files = example(tmp_path / "fichiers")
    en = _hint(files, "en")
    assert "Write `holder: …` in each dossier's file (dossiers/<id>.yaml); declare" in en, en
    assert "column" not in en.split(" ok: ")[0]
