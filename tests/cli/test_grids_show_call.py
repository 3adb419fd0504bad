"""``isgrid grids show --call CALL``: the grid a call judges with, its ``set:`` applied, and
the sha256 its journal entries and result carry (findings-recours 6: the archive recipe kept
the base grid, whose fingerprint matched nothing in the journal)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from callfactory import make_call
from isgrid.cli import cli


def _run(*args: str) -> str:
    res = CliRunner().invoke(cli, ["--lang", "en", *args])
    assert res.exit_code == 0, res.output
    return res.output


def test_the_call_grid_is_the_one_the_journal_and_the_result_carry(tmp_path: Path) -> None:
    ratings = [(d, j, c, 3) for d in ("D1", "D2") for j in ("j1", "j2")
               for c in ("B1", "B2", "I1")] + [(d, "i1", "X1", 1) for d in ("D1", "D2")]
    folder = make_call(tmp_path, "mini-scored", dossiers=[
        {"id": d, "region": "Alsace", "partners": [{"name": "L", "type": "recherche"},
                                                   {"name": "V", "type": "collectivite"}]}
        for d in ("D1", "D2")], ratings=ratings, call={"set": {"threshold": 60}})
    _run("consensus", "set", str(folder), "D1", "B1", "4", "--by", "jury", "--reason", "r")
    out = tmp_path / "grille.json"
    _run("grids", "show", "--call", str(folder), "--format", "json", "-o", str(out))
    judged = json.loads(out.read_text(encoding="utf-8"))
    # the call's set: applied (the base grid says 50)
    assert judged["threshold"] == 60 and judged["version"] == "1+call"
    entry = json.loads((folder / "journal.jsonl").read_text(encoding="utf-8").splitlines()[0])
    result = json.loads(_run("score", str(folder), "--format", "json"))
    assert entry["grid_sha256"] == judged["sha256"] == result["grid"]["sha256"]
    assert entry["grid"] == f"{judged['id']}@{judged['version']}"
    # and not the base grid's, which `grids show mini-scored.yaml` writes
    base = json.loads(_run("grids", "show", str(folder / "mini-scored.yaml"),
                           "--format", "json"))
    assert base["threshold"] == 50 and base["sha256"] != judged["sha256"]
    # the text view prints the same fingerprint
    assert f"sha256 {judged['sha256']}" in _run("grids", "show", "--call", str(folder))


def test_grid_or_call_and_no_yaml(tmp_path: Path) -> None:
    folder = make_call(tmp_path, "mini-scored", dossiers=[{"id": "D1"}])
    for args in ([], ["mini-scored", "--call", str(folder)],
                 ["--call", str(folder), "--format", "yaml"]):
        res = CliRunner().invoke(cli, ["--lang", "en", "grids", "show", *args])
        assert res.exit_code == 2, res.output
    res = CliRunner().invoke(cli, ["--lang", "en", "grids", "show", "--call", str(folder),
                                   "--format", "yaml"])
    assert "call.yaml" in res.output
