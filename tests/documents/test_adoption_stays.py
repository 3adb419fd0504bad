"""A later deliberation that funds a reserve dossier does not move the list's adoption.

Review audit, finding 2.  The French guide's séance on alsace-2016 (meeting.vote:
CP-2016-05-12 of 12 May 2016): AL16-05 refused by the jury (entry 1), AL16-01 voted
« retenu » 27 000 € at CP-2016-05-12 (entry 2), AL16-02 withdraws (entry 3), AL16-07,
first of the reserve, proposed in its place and voted at CP-2016-06-02 on 2 June 2016
(entry 4).  Worked by hand: budget 52 000 €; AL16-01 27 000 € + AL16-07 15 000 € (50 % of
its 36 000 € of costs is 18 000 €, it asked 15 000 €) = 42 000 € committed, 10 000 € left.
On 2 June every place of the list is voted (AL16-01's at entry 2, AL16-02's handed on by
its withdrawal to AL16-07, voted at entry 4): entry 4 votes the list's last place still to
vote, and CP-2016-06-02 adopts the list, deciding AL16-03, AL16-04 (reserve) and the
refused dossiers.

On 7 July 2016 the Commission permanente funds AL16-03, the reserve's first, with the
money left: 9 999,99 € (entry 5; 42 000 + 9 999,99 = 51 999,99 € committed, 0,01 € left).
No place was still to vote: the list stays adopted by entry 4 (it moved to entry 5, and
AL16-04's notified letter was re-dated 7 July, citing CP-2016-07-07); AL16-03's own letter
cites its own vote.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_vote_reference import letters, words

from clirun import run
from isgrid.call.load import load_call
from isgrid.engine import score
from votecalls import example

NBSP = "\u00a0"


def _seance(tmp_path: Path) -> Path:
    folder = example(tmp_path)  # entry 1: AL16-05 refused by the jury
    run("decide", folder, "AL16-01", "--stage", "vote", "--outcome", "retenu", "--amount",
        "27 000", "--by", "CP", "--reason", "délibération CP-2016-05-12")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    run("decide", folder, "AL16-07", "--stage", "vote", "--outcome", "retenu", "--reference",
        "CP-2016-06-02", "--at", "2016-06-02", "--by", "CP", "--reason", "délibération")
    return folder


def test_a_later_grant_to_a_reserve_dossier_keeps_the_adoption(tmp_path: Path) -> None:
    folder = _seance(tmp_path)
    before = score(load_call(folder))
    assert before.list_voted and before.adopted is not None
    assert (before.adopted.seq, before.adopted.reference, before.adopted.at) == (
        4, "CP-2016-06-02", "2016-06-02")
    assert before.current is not None and before.current.remaining == 10000
    sent = letters(folder)["AL16-04"].decode("utf-8")
    assert "Le 2 juin 2016\n\nDélibération" + NBSP + ": CP-2016-06-02\n" in sent

    run("decide", folder, "AL16-03", "--stage", "vote", "--outcome", "retenu", "--amount",
        "9 999,99", "--reference", "CP-2016-07-07", "--at", "2016-07-07", "--by", "CP",
        "--reason", "délibération CP-2016-07-07", "--motivation", "reliquat de l'enveloppe")
    result = score(load_call(folder))
    assert result.current is not None
    assert round(result.current.committed, 2) == 51999.99
    assert round(result.current.remaining, 2) == 0.01
    assert result.list_voted and result.adopted is not None
    assert (result.adopted.seq, result.adopted.reference, result.adopted.at) == (
        4, "CP-2016-06-02", "2016-06-02")
    assert result.to_json()["journal"]["adopted"] == {
        "seq": 4, "reference": "CP-2016-06-02", "at": "2016-06-02"}
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    # the reserve dossier (now first on it) and the refused one: dated and decided as the
    # letter sent on 2 June
    assert "Le 2 juin 2016\n\nDélibération" + NBSP + ": CP-2016-06-02\n" in md["AL16-04"]
    assert "Délibération" + NBSP + ": CP-2016-06-02\n" in md["AL16-05"]
    for did in ("AL16-04", "AL16-05"):
        assert "CP-2016-07-07" not in md[did] and "7 juillet" not in md[did], did
    # AL16-03's own vote
    assert "Le 7 juillet 2016\n\nDélibération" + NBSP + ": CP-2016-07-07\n" in md["AL16-03"]
    out = tmp_path / "pv.html"
    run("--lang", "fr", "minutes", folder, "--kind", "pv", "-o", out)
    pv = words(out.read_text(encoding="utf-8"))
    assert ("Liste adoptée par la délibération CP-2016-06-02 du 2 juin 2016, qui décide "
            "aussi des dossiers sans vote propre.") in pv
    assert "Liste adoptée par la délibération CP-2016-07-07" not in pv


@pytest.mark.parametrize(("order", "adopted"), [
    ((("AL16-01", "27 000"), ("AL16-03", "9 000"), ("AL16-02", "16 000")), 4),
    ((("AL16-01", "27 000"), ("AL16-02", "16 000"), ("AL16-03", "9 000")), 3)])
def test_the_last_place_still_to_vote(tmp_path: Path, order: tuple[tuple[str, str], ...],
                                      adopted: int) -> None:
    """AL16-01, AL16-02 (the list's two places) and AL16-03 (from the reserve) voted at
    three deliberations, entries 2, 3, 4 (27 000 + 16 000 + 9 000 = 52 000 €, the budget).
    AL16-03 voted while AL16-02's place still waited for its vote: AL16-02's vote, entry 4,
    is the last place still to vote and adopts the list.  AL16-02 voted first: the list is
    whole at entry 3, which adopts it; AL16-03's grant, entry 4, is an addition."""
    folder = example(tmp_path)
    days = ("2016-05-12", "2016-05-20", "2016-06-02")
    for (did, amount), day in zip(order, days, strict=True):
        run("decide", folder, did, "--stage", "vote", "--outcome", "retenu", "--amount",
            amount, "--reference", f"CP-{day}", "--at", day, "--by", "CP", "--reason", "r",
            "--motivation", "m")
    found = score(load_call(folder)).adopted
    assert found is not None
    assert (found.seq, found.reference) == (adopted, f"CP-{days[adopted - 2]}")


def test_a_later_refusal_nobody_replaces_keeps_the_adoption(tmp_path: Path) -> None:
    """alsace-2016 without a reserve (``reserve: 0``): AL16-01 and AL16-02, the list's two
    places, voted at CP-2016-05-12 (entries 2, 3): adopted by entry 3.  On 7 July the CP
    refuses AL16-01 (entry 4): its 27 000 € are freed, nobody is on the reserve to take
    them; the refusal decides AL16-01 only, the list stays adopted by entry 3."""
    folder = example(tmp_path)
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    assert "  reserve: 2\n" in text
    (folder / "call.yaml").write_text(text.replace("  reserve: 2\n", "  reserve: 0\n"),
                                      encoding="utf-8")
    for did in ("AL16-01", "AL16-02"):
        run("decide", folder, did, "--stage", "vote", "--outcome", "retenu", "--by", "CP",
            "--reason", "r")
    run("decide", folder, "AL16-01", "--stage", "vote", "--outcome", "non-retenu",
        "--reference", "CP-2016-07-07", "--at", "2016-07-07", "--by", "CP", "--reason", "r",
        "--motivation", "m")
    result = score(load_call(folder))
    assert [(x["dossier"], x["replacement"]) for x in result.freed_places] == [
        ("AL16-01", None)]
    assert result.adopted is not None
    assert (result.adopted.seq, result.adopted.reference) == (3, "CP-2016-05-12")
