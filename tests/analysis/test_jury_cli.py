"""The jury commands on the command line: calibrate, sensitivity, score options, records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_jury_calibration import ONE, SENS

from callfactory import make_call
from isgrid.cli import cli


def call(tmp_path: Path, **extra: object) -> Path:
    return make_call(tmp_path, ONE, call={"selection": {"top": 1}} | extra,
                     dossiers=[{"id": f"D{i}"} for i in range(1, 4)], ratings=SENS)


def test_sensitivity_commands(tmp_path: Path) -> None:
    folder = call(tmp_path)
    runner = CliRunner()
    res = runner.invoke(cli, ["sensitivity", str(folder)])
    assert res.exit_code == 0, res.output
    assert "Sélection fragile (à discuter en jury)\u00a0: D1, D2" in res.output
    assert "sans j2\u00a0: indécis (total 62,5)" in res.output
    res2 = runner.invoke(cli, ["score", str(folder), "--sensitivity"])
    assert res2.exit_code == 0 and res2.output == res.output
    res = runner.invoke(cli, ["--lang", "en", "score", str(folder), "--sensitivity",
                              "--draws", "20", "--seed", "3", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["zone_grise"] == ["D1", "D2"] and data["draws"] == 20
    res = runner.invoke(cli, ["score", str(folder), "--draws", "20"])
    assert res.exit_code == 2 and "--sensitivity" in res.output
    res = runner.invoke(cli, ["score", str(folder)])  # the plain ranking is unchanged
    assert res.exit_code == 0 and "Rang" in res.output
    out = tmp_path / "s.txt"
    res = runner.invoke(cli, ["sensitivity", str(folder), "-o", str(out)])
    assert res.exit_code == 0 and "Sélection fragile" in out.read_text(encoding="utf-8")


def test_calibrate_command(tmp_path: Path) -> None:
    folder = call(tmp_path, calibration={"k": 2})
    res = CliRunner().invoke(cli, ["calibrate", str(folder)])
    assert res.exit_code == 0, res.output
    assert "Calibration des jurés (k = 2)" in res.output
    res = CliRunner().invoke(cli, ["calibrate", str(folder), "--format", "json"])
    assert json.loads(res.output)["k"] == 2


def test_record_and_check(tmp_path: Path) -> None:
    folder = call(tmp_path)
    record = tmp_path / "record.json"
    runner = CliRunner()
    res = runner.invoke(cli, ["score", str(folder), "--record", str(record)])
    assert res.exit_code == 0, res.output
    rec = json.loads(record.read_text(encoding="utf-8"))
    assert set(rec) >= {"inputs", "grid", "parameters", "result_sha256", "isgrid"}
    assert "ratings/j1.csv" in rec["inputs"] and len(rec["grid"]["sha256"]) == 64
    again = tmp_path / "again.json"
    runner.invoke(cli, ["score", str(folder), "--record", str(again)])
    assert again.read_bytes() == record.read_bytes()  # no clock in a record
    res = runner.invoke(cli, ["record", "check", str(folder), str(record)])
    assert res.exit_code == 0 and "ok:" in res.output
    ratings = folder / "ratings" / "j3.csv"
    ratings.write_text(ratings.read_text(encoding="utf-8").replace("D1,j3,C,2", "D1,j3,C,4"),
                       encoding="utf-8")
    res = runner.invoke(cli, ["record", "check", str(folder), str(record)])
    assert res.exit_code == 1
    assert "ratings/j3.csv changed since the record [record-mismatch]" in res.output
    assert "the result differs from the recorded one" in res.output


def test_score_with_a_record_loads_and_scores_the_call_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The record and the output are of one load and one scoring (a second load doubled
    the command's time at 20,000 dossiers), with --sensitivity too; a record that may not
    be written stops the command before anything is."""
    import isgrid.call.load as load_module
    import isgrid.engine as engine

    folder = call(tmp_path)
    loads: list[Path] = []
    scores: list[object] = []
    real_load, real_score = load_module.load_call, engine.score

    def counting_load(folder: Path, **how: object) -> object:
        loads.append(folder)
        return real_load(folder, **how)  # type: ignore[arg-type]

    def counting_score(c: object, *args: object) -> object:
        scores.append(c)
        return real_score(c, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(load_module, "load_call", counting_load)
    monkeypatch.setattr(engine, "score", counting_score)
    runner = CliRunner()
    for extra in ([], ["--format", "json", "-o", str(tmp_path / "r.json")],
                  ["--sensitivity", "--format", "json"]):
        loads.clear()
        scores.clear()
        record = tmp_path / f"record{len(extra)}.json"
        res = runner.invoke(cli, ["score", str(folder), "--record", str(record), *extra])
        assert res.exit_code == 0, res.output
        assert len(loads) == 1 and len(scores) == 1, (extra, loads, scores)
        assert json.loads(record.read_text(encoding="utf-8"))["result_sha256"]
    # the record exists and --force is not given: refused, and the output is not written
    for fmt in ("json", "csv", "table"):
        out = tmp_path / f"r2.{fmt}"
        res = runner.invoke(cli, ["score", str(folder), "--record",
                                  str(tmp_path / "record0.json"), "--format", fmt, "-o", str(out)])
        assert res.exit_code == 2 and "already exists" in res.output
        assert not out.exists()
    # the output exists, or is an input folder's: refused, and the record is not written
    taken = tmp_path / "taken.csv"
    taken.write_text("x\n", encoding="utf-8")
    for fmt, out in (("csv", taken), ("json", taken), ("csv", folder / "conflicts" / "x.csv")):
        new_record = tmp_path / "new-record.json"
        res = runner.invoke(cli, ["score", str(folder), "--record", str(new_record),
                                  "--format", fmt, "-o", str(out)])
        assert res.exit_code == 2, res.output
        assert not new_record.exists()
    assert taken.read_text(encoding="utf-8") == "x\n"
    # --record and -o the same file: refused, nothing written, even with --force
    same = tmp_path / "same.json"
    res = runner.invoke(cli, ["score", str(folder), "--record", str(same), "--format", "json",
                              "-o", str(same), "--force"])
    assert res.exit_code == 2 and "the same file" in res.output
    assert not same.exists()


def test_a_sensitivity_that_fails_writes_no_record(tmp_path: Path) -> None:
    """The zone grise of a checklist grid is refused (mode-mismatch): no record is left
    behind for an output that was never written."""
    from testpaths import EXAMPLES

    record = tmp_path / "record.json"
    res = CliRunner().invoke(cli, ["score", str(EXAMPLES / "alterincub-2019"), "--sensitivity",
                                   "--record", str(record)])
    assert res.exit_code != 0
    assert "mode-mismatch" in res.output
    assert not record.exists()


def test_a_record_holds_the_hash_of_the_result_file(tmp_path: Path) -> None:
    """Since format 2: ``sha256sum result.json`` checks a result file against its record."""
    import hashlib

    folder = call(tmp_path)
    record, out = tmp_path / "record.json", tmp_path / "result.json"
    res = CliRunner().invoke(cli, ["score", str(folder), "--format", "json", "-o", str(out),
                                   "--record", str(record)])
    assert res.exit_code == 0, res.output
    rec = json.loads(record.read_text(encoding="utf-8"))
    assert rec["format"] == 3
    assert rec["result_sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    # the same hash when the command writes a table, or the result to standard output
    table_record = tmp_path / "record-table.json"
    res = CliRunner().invoke(cli, ["score", str(folder), "--record", str(table_record)])
    assert res.exit_code == 0, res.output
    assert json.loads(table_record.read_text(encoding="utf-8"))["result_sha256"] == \
        rec["result_sha256"]


def test_a_format_1_record_is_still_checked_its_own_way(tmp_path: Path) -> None:
    """Records written before format 2 hashed canonical JSON: a check computes that hash
    for them, so they still match an unchanged call, and still catch a changed result."""
    import hashlib

    from isgrid.call.load import load_call
    from isgrid.engine import score

    folder = call(tmp_path)
    record = tmp_path / "record.json"
    runner = CliRunner()
    assert runner.invoke(cli, ["score", str(folder), "--record", str(record)]).exit_code == 0
    rec = json.loads(record.read_text(encoding="utf-8"))
    data = score(load_call(folder)).to_json()
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    old = {**rec, "format": 1,
           "result_sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest()}
    assert old["result_sha256"] != rec["result_sha256"]  # the two formats hash differently
    old_path = tmp_path / "old-record.json"
    old_path.write_text(json.dumps(old), encoding="utf-8")
    res = runner.invoke(cli, ["record", "check", str(folder), str(old_path)])
    assert res.exit_code == 0 and "ok:" in res.output, res.output
    # a format-1 record whose result hash is not the call's: the check names it
    bad = tmp_path / "bad-record.json"
    bad.write_text(json.dumps({**old, "result_sha256": "0" * 64}), encoding="utf-8")
    res = runner.invoke(cli, ["record", "check", str(folder), str(bad)])
    assert res.exit_code == 1 and "the result differs from the recorded one" in res.output
    # a format isgrid does not read is refused, and says which it reads
    future = tmp_path / "future-record.json"
    future.write_text(json.dumps({**rec, "format": 9}), encoding="utf-8")
    res = runner.invoke(cli, ["record", "check", str(folder), str(future)])
    assert res.exit_code == 1 and "format 9" in res.output and "(1, 2, 3)" in res.output
    assert "newer isgrid" in res.output
    # true is no format (though True == 1 in Python)
    future.write_text(json.dumps({**old, "format": True}), encoding="utf-8")
    res = runner.invoke(cli, ["record", "check", str(folder), str(future)])
    assert res.exit_code == 1 and "format True" in res.output


def test_a_result_given_for_a_record_is_named_as_such(tmp_path: Path) -> None:
    """`record check CALL result.json` (the score's JSON, not its record) listed every
    parameter, the selection and the result as changed, as if the call had been tampered."""
    folder = call(tmp_path)
    result = tmp_path / "result.json"
    runner = CliRunner()
    assert runner.invoke(cli, ["score", str(folder), "--format", "json", "-o",
                               str(result)]).exit_code == 0
    res = runner.invoke(cli, ["--lang", "fr", "record", "check", str(folder), str(result)])
    assert res.exit_code == 1
    errors = [x for x in res.output.splitlines() if x.startswith("Erreur")]
    assert errors[0] == (f"Erreur\u00a0: {result}\u00a0: c'est un résultat, pas un "
                         "enregistrement d'audit [record-mismatch]")
    assert "Indice\u00a0: Un enregistrement d'audit s'écrit avec `isgrid score APPEL " \
        "--record FICHIER`." in res.output
