"""An audit record names the build of isgrid that wrote it and each dossier's outcome, so
that `record check` says which dossier changed and whether isgrid itself did (review
audit, findings 1 and 2: two builds both « 0.1.0 » gave a dossier two statuses, and a
default added to isgrid was reported as the call's parameters having changed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.build import code_fingerprint, generator
from isgrid.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


@pytest.fixture()
def recorded(tmp_path: Path) -> tuple[Path, Path, dict]:
    folder = tmp_path / "aap"
    shutil.copytree(EXAMPLE, folder)
    record = tmp_path / "record.json"
    res = CliRunner().invoke(cli, ["--lang", "en", "score", str(folder), "--record",
                                   str(record)])
    assert res.exit_code == 0, res.output
    return folder, record, json.loads(record.read_text(encoding="utf-8"))


def _check(folder: Path, record: Path) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["--lang", "en", "record", "check", str(folder), str(record)])
    return res.exit_code, res.output


def test_a_record_names_the_code_and_each_dossier(recorded: tuple[Path, Path, dict]) -> None:
    _folder, _record, rec = recorded
    assert rec["format"] == 3
    assert rec["isgrid_code"] == code_fingerprint() and len(rec["isgrid_code"]) == 64
    # the example's README: AL16-01 (27 000 €, the cap) and AL16-02 (24 000 €, asked)
    # retained within 52 000 €, AL16-03 and AL16-04 on the reserve
    assert rec["dossiers"]["AL16-01"] == {"status": "retenu", "rank": 1, "total": 84.821428571,
                                          "proposed": 27000, "granted": None}
    assert rec["dossiers"]["AL16-02"]["status"] == "retenu"
    assert [d for d, x in rec["dossiers"].items() if x["status"] == "réserve"] == [
        "AL16-03", "AL16-04"]


def test_a_check_names_the_dossiers_that_changed(recorded: tuple[Path, Path, dict]) -> None:
    folder, record, _rec = recorded
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert "\nbudget: 52000\n" in text
    yaml.write_text(text.replace("\nbudget: 52000\n", "\nbudget: 40000\n"), encoding="utf-8")
    code, out = _check(folder, record)
    assert code == 1
    # by hand: 40 000 € less AL16-01's 27 000 € leaves 13 000 €, short of AL16-02's 24 000 €
    # (the walk stops in rank order): AL16-02 heads the reserve of two, AL16-04 falls out
    assert "AL16-02: status retenu → réserve [record-mismatch]" in out
    assert "AL16-04: status réserve → non retenu [record-mismatch]" in out
    assert "AL16-01:" not in out and "AL16-03:" not in out  # unchanged: not named
    assert "parameters changed: budget [record-mismatch]" in out


def test_the_changed_dossiers_are_counted_past_the_first(
        recorded: tuple[Path, Path, dict], monkeypatch: pytest.MonkeyPatch) -> None:
    from isgrid.jury import record as module

    folder, record, _rec = recorded
    monkeypatch.setattr(module, "SHOWN_DOSSIERS", 1)
    yaml = folder / "call.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("\nbudget: 52000\n",
                                                             "\nbudget: 40000\n"),
                    encoding="utf-8")
    _code, out = _check(folder, record)
    assert "AL16-02: status retenu → réserve" in out
    assert "AL16-04:" not in out and "and 1 more dossier changed" in out


def test_a_default_added_to_isgrid_is_not_the_call_changing(
        recorded: tuple[Path, Path, dict]) -> None:
    folder, record, rec = recorded
    # a record written before isgrid read `funding.round`: its funding block lacks it
    funding = dict(rec["parameters"]["funding"])
    assert "round" in funding
    value = funding.pop("round")
    old = {**rec, "parameters": {**rec["parameters"], "funding": funding}}
    record.write_text(json.dumps(old), encoding="utf-8")
    code, out = _check(folder, record)
    assert code == 0, out  # a warning, not a mismatch of the call
    assert (f"call.yaml is unchanged; isgrid now reads funding.round = {value}, a setting "
            "the record does not hold") in out
    assert "parameters changed" not in out


def test_another_build_of_isgrid_is_said(recorded: tuple[Path, Path, dict]) -> None:
    folder, record, rec = recorded
    record.write_text(json.dumps({**rec, "isgrid_code": "ab" * 32}), encoding="utf-8")
    code, out = _check(folder, record)
    assert code == 0, out
    assert (f"recorded with isgrid {rec['isgrid']} (code abababababab), checked with "
            f"{rec['isgrid']} (code {code_fingerprint()[:12]})") in out


def test_the_fingerprint_changes_with_the_code_and_names_the_documents(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from isgrid import build

    files = [("isgrid/a.py", tmp_path / "a.py"), ("grids/g.yaml", tmp_path / "g.yaml")]
    files[0][1].write_text("x = 1\n", encoding="utf-8")
    files[1][1].write_text("id: g\n", encoding="utf-8")
    monkeypatch.setattr(build, "_sources", lambda: files)
    build.code_fingerprint.cache_clear()
    try:
        first = build.code_fingerprint()
        assert build.code_fingerprint() == first  # the same code, the same fingerprint
        build.code_fingerprint.cache_clear()
        files[0][1].write_text("x = 2\n", encoding="utf-8")
        assert build.code_fingerprint() != first
    finally:
        build.code_fingerprint.cache_clear()
    assert generator() == f"isgrid 0.1.0 (code {code_fingerprint()[:12]})"
