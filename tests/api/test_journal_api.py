"""Recording the séance from Python (isgrid.decide, withdraw, set_consensus, cancel_entry):
the commands' checks, made once, in the library (docs/api.md, "Recording decisions")."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import isgrid
from isgrid.call.journal import journal_path, read_journal

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of examples/alsace-2016 (budget 52 000: AL16-01 27 000 and AL16-02 24 000
    selected, 1 000 left; AL16-05 rank 3 has no computable amount; AL16-03 15 000 and
    AL16-04 20 000 on the reserve)."""
    target = tmp_path / "alsace-2016"
    shutil.copytree(ROOT / "examples" / "alsace-2016", target)
    return target


def test_the_library_writes_the_bytes_the_command_writes(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "by-command"
    shutil.copytree(folder, other)
    subprocess.run([sys.executable, "-m", "isgrid", "decide", str(other), "AL16-03",
                    "--stage", "vote", "--outcome", "retenu", "--amount", "15 000",
                    "--votes", "7/1/2", "--motivation", "Ancré.", "--by", "CP",
                    "--reason", "délibération", "--at", "2016-06-02"],
                   capture_output=True, check=True, timeout=120)
    done = isgrid.decide(isgrid.load_call(folder), "AL16-03", stage="vote", outcome="retenu",
                         amount="15 000", votes="7/1/2", motivation="Ancré.", by="CP",
                         reason="délibération", at="2016-06-02")
    assert journal_path(folder).read_bytes() == journal_path(other).read_bytes()
    assert (done.entry.seq, done.entry.amount, done.entry.abstentions) == (1, 15000, 2)
    # voted over the jury's proposal, which had AL16-03 on the reserve: 27 000 + 24 000
    # + 15 000 = 66 000 committed of 52 000
    assert str(done.before.dossier("AL16-03").status) == "réserve"
    assert done.after.current.committed == 66000
    assert done.after.current.remaining == -14000


def test_a_withdrawal_then_a_decision_on_one_loaded_call(folder: Path) -> None:
    call = isgrid.load_call(folder)
    first = isgrid.withdraw(call, "AL16-02", by="S", reason="lettre")
    # 24 000 freed + 1 000 left = 25 000: AL16-03 (15 000) is proposed in its place
    assert first.after.current.selected == ("AL16-01", "AL16-03")
    assert first.after.current.committed == 42000
    second = isgrid.decide(call, "AL16-03", outcome="retenu", stage="vote", amount=15000,
                           reference="CP-2016-05-12", by="CP", reason="vote")
    # the second act starts from the journal the first one wrote, not from the call as
    # loaded: AL16-03 was already proposed in AL16-02's place, so no « against the
    # proposal » warning
    proposed = second.before.dossier("AL16-03").decision
    assert (proposed.proposed, proposed.replaces) == ("retenu", "AL16-02")
    assert str(second.before.dossier("AL16-02").status) == "retiré"
    assert second.warnings == ()
    assert second.entry.seq == 2
    assert (second.after.current.committed, second.after.current.remaining) == (42000, 10000)
    assert call.journal == ()  # the loaded call is left as it was


def test_refusals_write_nothing(folder: Path) -> None:
    call = isgrid.load_call(folder)
    isgrid.withdraw(call, "AL16-02", by="S", reason="lettre")
    before = journal_path(folder).read_bytes()
    with pytest.raises(isgrid.CallError) as again:
        isgrid.withdraw(call, "AL16-02", by="S", reason="encore")
    assert str(again.value.diagnostics[0].message) == (
        "AL16-02 is already withdrawn (journal entry 1)")
    with pytest.raises(isgrid.CallError) as unknown:
        isgrid.decide(call, "AL16-3", outcome="retenu", by="S", reason="r")
    assert unknown.value.diagnostics[0].code == "unknown-dossier"
    with pytest.raises(isgrid.UsageError) as outcome:  # as the command line refuses it
        isgrid.decide(call, "AL16-03", outcome="selected", by="S", reason="r")
    assert outcome.value.diagnostics[0].code == "bad-option"
    with pytest.raises(isgrid.UsageError):
        isgrid.decide(call, "AL16-03", outcome="retenu", reference="CP-1", by="S", reason="r")
    with pytest.raises(isgrid.CallError) as missing:
        isgrid.cancel_entry(call, 3, by="S", reason="r")
    assert str(missing.value.diagnostics[0].message) == (
        "the journal has no entry 3 (its last is entry 1)")
    assert journal_path(folder).read_bytes() == before


def test_a_warning_stops_the_record_when_warn_raises(folder: Path) -> None:
    said: list[list[str]] = []

    def strict(warnings: list[isgrid.Diagnostic]) -> None:
        said.append([w.code for w in warnings])
        raise RuntimeError("stop")

    call = isgrid.load_call(folder)
    # 150 000 for AL16-04: more than it asked (22 000), above the cap per dossier (27 000)
    # and above 50 % of its eligible costs
    with pytest.raises(RuntimeError):
        isgrid.decide(call, "AL16-04", outcome="retenu", amount="150 000", by="J",
                      reason="r", warn=strict)
    assert said and set(said[0]) == {"amount-unusual"}
    assert not journal_path(folder).exists()
    # without warn=, the same act is recorded and its warnings are returned
    done = isgrid.decide(call, "AL16-04", outcome="retenu", amount="150 000", by="J",
                         reason="r")
    assert [w.code for w in done.warnings].count("amount-unusual") == 3
    assert len(read_journal(folder)) == 1


def test_consensus_and_its_cancellation(folder: Path) -> None:
    call = isgrid.load_call(folder)
    # AL16-02's ALS-4 is (3 + 2 + 3) / 3 = 8/3; a consensus of 1 falls below its floor
    # of 2: AL16-02 is not ranked, AL16-03 (15 000) takes its money, 27 000 + 15 000
    done = isgrid.set_consensus(call, "AL16-02", "ALS-4", "1", by="P", reason="débat")
    assert done.before.dossier("AL16-02").criteria["ALS-4"].value == pytest.approx(8 / 3)
    assert (done.entry.criterion, done.entry.value) == ("ALS-4", 1)
    assert str(done.after.dossier("AL16-02").status) == "non classé"
    assert done.after.current.selected == ("AL16-01", "AL16-03")
    assert done.after.current.committed == 42000
    with pytest.raises(isgrid.CallError) as same:
        isgrid.set_consensus(call, "AL16-02", "ALS-4", 1, by="P", reason="again")
    assert str(same.value.diagnostics[0].message) == (
        "ALS-4 of AL16-02 is already 1 (journal entry 1)")
    # AL16-04's ALS-4 is 2, 2 and 2: a consensus of 2 changes nothing (a warning)
    unchanged = isgrid.set_consensus(call, "AL16-04", "ALS-4", "2", by="P", reason="r")
    assert [w.code for w in unchanged.warnings] == ["consensus-unchanged"]
    # a program has no --strict: the library's hint names no command-line option
    assert "--" not in unchanged.warnings[0].effective_hint
    undone = isgrid.cancel_entry(call, 1, by="S", reason="saisie")
    assert undone.cancelled is not None and undone.cancelled.criterion == "ALS-4"
    assert (undone.entry.seq, undone.entry.cancels) == (3, 1)
    assert str(undone.after.dossier("AL16-02").status) == "retenu"
    assert undone.after.current.committed == 51000  # 27 000 + 24 000 again
    with pytest.raises(isgrid.CallError) as twice:
        isgrid.cancel_entry(call, 1, by="S", reason="encore")
    assert str(twice.value.diagnostics[0].message) == "entry 1 is already cancelled (entry 3)"
