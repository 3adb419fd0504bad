"""A vote carries in the journal what it granted: its amount, its deliberation and its date.

Review audit, finding 1: the French guide records AL16-07's vote without ``--amount``; two
years later its eligible costs were edited (36 000 → 26 000) and the CP annex, the SCDL
file and the letter said 13 000 € attribués where the Commission permanente had voted
15 000 €, with nothing to notice it.  Review year2, finding 6 (and audit 1's second half):
a vote recorded without ``--reference``/``--at`` read its deliberation in call.yaml's
``meeting.vote`` at every rendering, so editing it re-dated signed votes.  ``decide
--stage vote`` now writes them into the entry, taken from the call when it is recorded;
entries written before keep reading the call, as they did.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import isgrid
import isgrid.journal
from isgrid.call.journal import journal_path
from isgrid.call.journal_append import append

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"
VOTE = "meeting:\n  date: 2016-05-04\n  vote: {body: CP, date: 2016-05-12, reference: CP-2016-05-12}\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "aap"
    shutil.copytree(EXAMPLE, out)
    return out


def _lines(folder: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in journal_path(folder).read_text(encoding="utf-8").splitlines()]


def _costs(folder: Path, old: int, new: int) -> None:
    f = folder / "dossiers" / "AL16-07.yaml"
    text = f.read_text(encoding="utf-8")
    assert f"eligible_costs: {old}\n" in text
    f.write_text(text.replace(f"eligible_costs: {old}\n", f"eligible_costs: {new}\n"),
                 encoding="utf-8")


def test_a_vote_without_amount_seals_the_amount_it_granted(folder: Path) -> None:
    # AL16-07 asks 15 000 €, eligible costs 36 000 €, rate 50 %, cap 27 000 €:
    # min(15 000, 18 000, 27 000) = 15 000 € when voted
    isgrid.journal.withdraw(isgrid.load_call(folder), "AL16-02", by="S", reason="courrier")
    isgrid.journal.decide(isgrid.load_call(folder), "AL16-07", outcome="retenu", stage="vote",
                          reference="CP-2016-06-02", at="2016-06-02", by="CP", reason="CP")
    assert _lines(folder)[1]["amount"] == 15000
    # two years later the costs are edited: 50 % of 26 000 = 13 000 € by the rules, but the
    # vote granted 15 000 €, and the result (annex, SCDL, letter read it) says so
    _costs(folder, 36000, 26000)
    d = isgrid.score(isgrid.load_call(folder)).dossier("AL16-07")
    assert d.amounts.granted == 15000


def test_a_vote_written_before_keeps_reading_the_rules(folder: Path) -> None:
    # an entry with no amount (an older isgrid's): read as before, the rules' amount now
    call = isgrid.load_call(folder)
    append(folder, kind="withdrawal", dossier="AL16-02", by="S", reason="courrier")
    append(folder, kind="decision", stage="vote", dossier="AL16-07", outcome="retenu",
           reference="CP-2016-06-02", at="2016-06-02", by="CP", reason="CP")
    assert "amount" not in _lines(folder)[1]
    del call
    _costs(folder, 36000, 26000)
    assert isgrid.score(isgrid.load_call(folder)).dossier("AL16-07").amounts.granted == 13000


def test_a_vote_at_meeting_vote_seals_its_reference_and_date(folder: Path) -> None:
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write(VOTE)
    isgrid.journal.decide(isgrid.load_call(folder), "AL16-01", outcome="retenu", stage="vote",
                          amount="27 000", by="CP", reason="délibération CP-2016-05-12")
    line = _lines(folder)[0]
    assert (line["reference"], line["at"], line["amount"]) == ("CP-2016-05-12", "2016-05-12",
                                                               27000)
    # call.yaml's meeting.vote edited afterwards (year 2's dates typed in last year's call):
    # the vote stays that of CP-2016-05-12, of 12 May 2016
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(text.replace(
        "date: 2016-05-12, reference: CP-2016-05-12", "date: 2017-05-19, reference: CP-2017-05-19"),
        encoding="utf-8")
    result = isgrid.score(isgrid.load_call(folder))
    vote = result.dossier("AL16-01").decision.stages["vote"]
    assert (vote.reference, vote.at) == ("CP-2016-05-12", "2016-05-12")


def test_another_deliberation_without_at_gets_no_date_from_meeting_vote(folder: Path) -> None:
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write(VOTE)
    isgrid.journal.decide(isgrid.load_call(folder), "AL16-01", outcome="retenu", stage="vote",
                          reference="CP-2016-06-02", by="CP", reason="CP")
    line = _lines(folder)[0]
    assert line["reference"] == "CP-2016-06-02" and "at" not in line


def test_without_meeting_vote_nothing_is_invented(folder: Path) -> None:
    isgrid.journal.decide(isgrid.load_call(folder), "AL16-05", outcome="non retenu",
                          stage="vote", by="CP", reason="CP", motivation="pièces")
    line = _lines(folder)[0]
    assert not {"reference", "at", "amount"} & set(line)
