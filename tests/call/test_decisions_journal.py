"""The decisions journal: append-only, hash-chained, tampering detected and located."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisions_calls import seance_call
from isgrid.call.journal import (
    GENESIS,
    canonical,
    entry_hash,
    head,
    journal_path,
    read_journal,
    sha256,
    verify_journal,
)
from isgrid.call.journal_append import append
from isgrid.cli import cli
from isgrid.errors import CallError


def three(folder: Path) -> None:
    append(folder, kind="consensus", dossier="D1", criterion="Q1", value=3, by="A",
           reason="r1")
    append(folder, kind="decision", stage="jury", dossier="D2", outcome="retenu",
           amount=12000, by="B", reason="r2")
    append(folder, kind="withdrawal", dossier="D3", by="C", reason="r3")


def test_chain_and_fields(tmp_path: Path) -> None:
    three(tmp_path)
    raw = journal_path(tmp_path).read_bytes()
    lines = raw.split(b"\n")[:-1]
    assert len(lines) == 3 and raw.endswith(b"\n")
    first = json.loads(lines[0])
    assert first["seq"] == 1 and first["prev"] == GENESIS
    assert "at" not in first  # no wall clock by default
    for i in (1, 2):
        assert json.loads(lines[i])["prev"] == sha256(lines[i - 1])
    for line in lines:
        obj = json.loads(line)
        assert obj["hash"] == entry_hash(obj)
        assert canonical(obj) == line  # lines are canonical JSON
    assert verify_journal(journal_path(tmp_path)) == []
    assert verify_journal(tmp_path) == []
    entries = read_journal(tmp_path)
    assert [e.kind for e in entries] == ["consensus", "decision", "withdrawal"]
    assert head(tmp_path) == entries[-1].hash


def test_appending_never_rewrites_earlier_lines(tmp_path: Path) -> None:
    append(tmp_path, kind="consensus", dossier="D1", criterion="Q1", value=3, by="A",
           reason="r")
    before = journal_path(tmp_path).read_bytes()
    append(tmp_path, kind="decision", dossier="D1", outcome="réserve", by="A", reason="r",
           at="2026-03-12")
    after = journal_path(tmp_path).read_bytes()
    assert after.startswith(before)
    assert json.loads(after.split(b"\n")[1])["at"] == "2026-03-12"


def test_deterministic(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    three(tmp_path / "a")
    three(tmp_path / "b")
    assert journal_path(tmp_path / "a").read_bytes() == journal_path(tmp_path / "b").read_bytes()


def _tamper(path: Path, line: int, old: bytes, new: bytes, rehash: bool = False) -> None:
    lines = path.read_bytes().split(b"\n")
    assert old in lines[line - 1]
    changed = lines[line - 1].replace(old, new)
    if rehash:
        obj = json.loads(changed)
        obj["hash"] = entry_hash(obj)
        changed = canonical(obj)
    lines[line - 1] = changed
    path.write_bytes(b"\n".join(lines))


@pytest.mark.parametrize("rehash", [False, True])
def test_tampering_is_located(tmp_path: Path, rehash: bool) -> None:
    """Changing line 2 is reported at line 2, even when its own hash was recomputed."""
    three(tmp_path)
    path = journal_path(tmp_path)
    _tamper(path, 2, b'"amount":12000', b'"amount":99000', rehash=rehash)
    diags = verify_journal(path)
    assert len(diags) == 1
    d = diags[0]
    assert d.code == "journal-broken"
    assert d.location.file == str(path) and d.location.line == 2
    assert f"{path}:2" in d.format()
    with pytest.raises(CallError):
        read_journal(tmp_path)


def test_tampering_the_last_line_is_detected(tmp_path: Path) -> None:
    three(tmp_path)
    path = journal_path(tmp_path)
    _tamper(path, 3, b'"reason":"r3"', b'"reason":"autre"')
    [d] = verify_journal(path)
    assert (d.code, d.location.line) == ("journal-broken", 3)


def test_removed_line_is_detected(tmp_path: Path) -> None:
    three(tmp_path)
    path = journal_path(tmp_path)
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join([lines[0], *lines[2:]]))
    [d] = verify_journal(path)
    # line 2 holds entry 3: said there (entry 1, intact, was blamed before)
    assert (d.code, d.location.line) == ("journal-broken", 2)
    assert d.message == "entry 2 says it is number 3: a line was removed, added or moved"


def test_garbage_and_cut_lines(tmp_path: Path) -> None:
    three(tmp_path)
    path = journal_path(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data + b"not json\n")
    [d] = verify_journal(path)
    assert (d.code, d.location.line) == ("journal-invalid", 4)
    path.write_bytes(data[:-1])
    [d] = verify_journal(path)
    assert d.code == "journal-invalid" and "newline" in d.message


def test_broken_journal_refuses_appends(tmp_path: Path) -> None:
    three(tmp_path)
    path = journal_path(tmp_path)
    _tamper(path, 1, b'"value":3', b'"value":4')
    before = path.read_bytes()
    with pytest.raises(CallError) as exc:
        append(tmp_path, kind="withdrawal", dossier="D1", by="A", reason="r")
    assert exc.value.diagnostics[0].code == "journal-broken"
    assert path.read_bytes() == before


def test_bad_entries_refused(tmp_path: Path) -> None:
    with pytest.raises(CallError) as exc:
        append(tmp_path, kind="decision", dossier="D1", by="A", reason="r")  # no outcome
    assert exc.value.diagnostics[0].code == "bad-decision"
    with pytest.raises(CallError) as exc:
        append(tmp_path, kind="decision", dossier="D1", outcome="gagné", by="A", reason="r")
    assert exc.value.diagnostics[0].code == "bad-decision"
    assert not journal_path(tmp_path).exists()


def test_cli_verify_names_file_and_line(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    runner = CliRunner()
    r = runner.invoke(cli, ["journal", "verify", str(folder)])
    assert r.exit_code == 0 and "no journal" in r.output
    for crit, value in (("Q1", "3"), ("Q2", "2")):
        r = runner.invoke(cli, ["consensus", "set", str(folder), "D5", crit, value,
                                "--by", "Mme Martin", "--reason", "vu en séance"])
        assert r.exit_code == 0, r.output
    r = runner.invoke(cli, ["journal", "verify", str(folder)])
    assert r.exit_code == 0 and "2 entries" in r.output
    path = journal_path(folder)
    path.write_bytes(path.read_bytes().replace(b'"value":3', b'"value":4', 1))
    r = runner.invoke(cli, ["journal", "verify", str(folder)])
    assert r.exit_code == 1
    assert f"{path}:1" in r.output and "journal-broken" in r.output
    # and every command that reads the journal refuses to go on
    r = runner.invoke(cli, ["decisions", str(folder)])
    assert r.exit_code == 1 and f"{path}:1" in r.output


def test_concurrent_appends_keep_the_chain(tmp_path: Path) -> None:
    import threading

    def work(k: int) -> None:
        for i in range(8):
            append(tmp_path, kind="consensus", dossier=f"D{k}", criterion="Q1", value=i,
                   by=f"w{k}", reason="r")

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert verify_journal(tmp_path) == []
    assert [e.seq for e in read_journal(tmp_path)] == list(range(1, 33))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_changed_byte_is_located_at_its_line(tmp_path: Path, data: st.DataObject) -> None:
    folder = tmp_path / "h"
    if not folder.exists():
        folder.mkdir()
        three(folder)
    path = journal_path(folder)
    original = path.read_bytes()
    positions = [i for i, b in enumerate(original) if b != 0x0A]
    pos = data.draw(st.sampled_from(positions))
    new = data.draw(st.integers(0, 255).filter(lambda b: b not in (0x0A, original[pos])))
    changed = original[:pos] + bytes([new]) + original[pos + 1:]
    line = original[:pos].count(b"\n") + 1
    path.write_bytes(changed)
    try:
        diags = verify_journal(path)
        assert len(diags) == 1 and diags[0].location.line == line, (pos, new, diags)
    finally:
        path.write_bytes(original)
