"""Journal anchoring and hardening (issue 18): --head, the lock, lines that are no entries.

In-process (click's runner), so that the diagnostics count for the catalog; the
hostile corpus runs the same attacks through real processes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call.journal import head, read_journal, valid_at
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.errors import CallError
from testpaths import HOSTILE


@pytest.fixture
def call(tmp_path: Path) -> Path:
    folder = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", folder)
    for did in ("D01", "D02"):
        append(folder, kind="decision", dossier=did, by="CM", reason="vote",
               outcome="retenu")
    return folder


def verify(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(cli, ["journal", "verify", *args])
    return r.exit_code, r.output


def test_verify_head_accepts_the_signed_head_and_counts_later_entries(call: Path) -> None:
    signed = head(call)
    assert signed is not None
    code, out = verify(str(call), "--head", signed)
    assert code == 0 and "the signed head is entry 2, the last one" in out
    append(call, kind="decision", dossier="D03", by="CM", reason="vote", outcome="réserve")
    code, out = verify(str(call), "--head", signed.upper())
    assert code == 0 and "entry 2, 1 entry recorded since" in out


def test_verify_head_detects_removed_lines_and_a_rewritten_chain(call: Path) -> None:
    signed = head(call)
    assert signed is not None
    path = call / "journal.jsonl"
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0])  # the last entry removed: the chain alone is intact
    assert verify(str(call))[0] == 0
    code, out = verify(str(call), "--head", signed)
    assert code == 1 and "[journal-broken]" in out and "lines were removed" in out
    # the whole chain rewritten (entries recorded again, another reason): consistent...
    path.unlink()
    for did in ("D01", "D02"):
        append(call, kind="decision", dossier=did, by="CM", reason="autre", outcome="retenu")
    assert verify(str(call))[0] == 0
    assert verify(str(call), "--head", signed)[0] == 1  # ...but not the signed head
    code, out = verify(str(call), "--head", "xyz")
    assert code == 2 and "64 hexadecimal" in out


def test_a_symlinked_lock_is_never_followed(call: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside-lock"
    (call / ".journal.lock").unlink(missing_ok=True)
    (call / ".journal.lock").symlink_to(outside)
    with pytest.raises(CallError) as info:
        append(call, kind="decision", dossier="D03", by="X", reason="y", outcome="retenu")
    assert info.value.diagnostics[0].code == "journal-invalid"
    assert not outside.exists()
    assert len(read_journal(call)) == 2


def test_hostile_lines_are_located_errors(call: Path) -> None:
    path = call / "journal.jsonl"
    good = path.read_bytes()
    for bad, why in ((b"[" * 200_000 + b"]" * 200_000, "nested more than"),
                     (b'{"amount": Infinity}', "Infinity"),
                     (b'{"amount": ' + b"9" * 400 + b"}", "400 digits"),
                     (b'{"by": "\\ud800"}', "lone surrogate")):
        path.write_bytes(good + bad + b"\n")
        with pytest.raises(CallError) as info:
            read_journal(call)
        d = info.value.diagnostics[0]
        assert (d.code, d.location.line) == ("journal-invalid", 3) and why in d.message


@pytest.mark.parametrize(("at", "ok"), [("2016-03-14", True), ("2016-03-14T15:30", True),
                                        ("2016-03-14T15:30:00+01:00", True),
                                        ("2016-13-45", False), ("14/03/2016", False),
                                        ("2016-02-30", False)])
def test_at_must_be_a_real_date(at: str, ok: bool) -> None:
    assert valid_at(at) is ok


def test_a_decision_for_an_unknown_dossier_is_an_error(call: Path) -> None:
    from isgrid.call.journal import GENESIS, canonical, entry_hash

    data = {"seq": 1, "kind": "decision", "stage": "jury", "dossier": "D99", "by": "X",
            "reason": "y", "outcome": "retenu", "prev": GENESIS}
    data["hash"] = entry_hash(data)
    (call / "journal.jsonl").write_bytes(canonical(data) + b"\n")
    r = CliRunner().invoke(cli, ["decisions", str(call)])
    assert r.exit_code == 1 and "journal.jsonl:1: the journal names an unknown dossier 'D99'" \
        in r.output


def test_a_dossier_in_a_subfolder_is_not_dropped_silently(tmp_path: Path) -> None:
    folder = tmp_path / "call"
    shutil.copytree(HOSTILE / "base", folder)
    (folder / "dossiers" / "old").mkdir()
    shutil.move(folder / "dossiers" / "D03.yaml", folder / "dossiers" / "old" / "D03.yaml")
    with pytest.raises(CallError) as info:
        load_call(folder)
    found = [d for d in info.value.diagnostics if d.code == "file-ignored"]
    assert [d.message for d in found] == [
        "dossiers/old/D03.yaml is in a subfolder of dossiers/, which isgrid does not read"]
    # ratings/replaced/ (dated copies written by sheets import) is isgrid's own
    shutil.move(folder / "dossiers" / "old" / "D03.yaml", folder / "dossiers" / "D03.yaml")
    (folder / "ratings" / "replaced").mkdir()
    shutil.copyfile(folder / "ratings" / "j1.csv", folder / "ratings" / "replaced" / "j1.x.csv")
    load_call(folder)


def test_the_system_refusing_a_write_is_a_located_error(call: Path, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    r = CliRunner().invoke(cli, ["score", str(call), "--format", "json", "-o",
                                 str(tmp_path / "afile" / "r.json")])
    assert r.exit_code == 1, r.output
    assert "[write-failed]" in r.output and "internal error" not in r.output
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"
