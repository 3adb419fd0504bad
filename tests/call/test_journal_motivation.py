"""Issue 17: a decision's motivation and vote counts in the journal; journals written
before these optional fields still verify byte for byte and score the same."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call.journal import canonical, read_journal, verify_journal
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from isgrid.errors import CallError
from testpaths import EXAMPLES

ALSACE = EXAMPLES / "alsace-2016"


def test_an_old_journal_verifies_and_scores_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "call"
    shutil.copytree(ALSACE, folder)
    # entries as they were written before motivation and votes existed
    append(folder, kind="withdrawal", dossier="AL16-02", by="S", reason="courrier")
    append(folder, kind="decision", stage="jury", dossier="AL16-03", outcome="retenu",
           amount=15000, by="S", reason="y")
    old = (folder / "journal.jsonl").read_bytes()
    lines = [json.loads(x) for x in old.splitlines()]
    assert len(lines) == 2  # the two entries appended above
    assert all(set(x) <= {"seq", "kind", "stage", "dossier", "outcome", "amount", "by",
                          "reason", "prev", "hash"} for x in lines)
    before = score(load_call(folder)).to_json()
    # a new entry with the new fields leaves the earlier bytes as they were
    append(folder, kind="decision", stage="vote", dossier="AL16-01", outcome="retenu",
           by="CP", reason="z", motivation="Projet solide.", votes=(7, 1, 2))
    data = (folder / "journal.jsonl").read_bytes()
    assert data.startswith(old)
    assert verify_journal(folder) == []
    last = json.loads(data.splitlines()[-1])
    assert (last["motivation"], last["votes_for"], last["votes_against"],
            last["abstentions"]) == ("Projet solide.", 7, 1, 2)
    # the old entries read back the same, and the earlier dossiers score the same
    after = score(load_call(folder)).to_json()
    for did in ("AL16-02", "AL16-03"):
        b = next(d for d in before["dossiers"] if d["id"] == did)
        a = next(d for d in after["dossiers"] if d["id"] == did)
        assert (a["status"], a["amounts"], a["total"]) == (b["status"], b["amounts"],
                                                           b["total"])
    entries = read_journal(folder)
    assert entries[0].motivation is None and entries[0].votes_for is None
    vote = score(load_call(folder)).dossier("AL16-01").decision.stages["vote"]
    assert vote.motivation == "Projet solide."
    assert vote.votes is not None and vote.votes.to_json() == {
        "pour": 7, "contre": 1, "abstention": 2}


def test_votes_go_together_and_only_on_decisions(tmp_path: Path) -> None:
    folder = tmp_path / "call"
    shutil.copytree(ALSACE, folder)
    with pytest.raises(CallError):
        append(folder, kind="withdrawal", dossier="AL16-02", by="S", reason="x",
               motivation="non")
    # a hand-written line with one count only is refused at its line
    data = {"seq": 1, "kind": "decision", "stage": "vote", "dossier": "AL16-01",
            "outcome": "retenu", "by": "CP", "reason": "x", "votes_for": 3,
            "prev": "0" * 64}
    from isgrid.call.journal import entry_hash

    data["hash"] = entry_hash(data)
    (folder / "journal.jsonl").write_bytes(canonical(data) + b"\n")
    diags = verify_journal(folder)
    assert [d.code for d in diags] == ["journal-invalid"]
    assert "together" in diags[0].message and diags[0].location.line == 1


def test_cli_decide_with_votes_and_motivation(tmp_path: Path) -> None:
    folder = tmp_path / "call"
    shutil.copytree(ALSACE, folder)
    runner = CliRunner()
    res = runner.invoke(cli, ["decide", str(folder), "AL16-01", "--stage", "vote",
                              "--outcome", "retenu", "--votes", "12/0/1", "--motivation",
                              "  Budget réaliste.  ", "--by", "CP", "--reason", "r"])
    assert res.exit_code == 0, res.output
    e = read_journal(folder)[-1]
    assert (e.votes_for, e.votes_against, e.abstentions, e.motivation) == (
        12, 0, 1, "Budget réaliste.")
    bad = runner.invoke(cli, ["decide", str(folder), "AL16-01", "--outcome", "retenu",
                              "--votes", "douze", "--by", "CP", "--reason", "r"])
    assert bad.exit_code == 1 and "for/against/abstentions" in bad.output
    shown = runner.invoke(cli, ["journal", "show", str(folder)])
    assert "[12/0/1]" in shown.output
