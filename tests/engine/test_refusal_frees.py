"""A place freed by a refusal is offered to the reserve, as a withdrawal's is
(isgrid.engine.decide; docs/decisions.md, "Places freed").

alsace-2016 (votecalls.example): budget 52 000 €, rank-order, a reserve of 2.  The
proposal retains AL16-01 (27 000 €) and AL16-02 (24 000 €): 51 000 € committed, 1 000 €
left; the reserve is AL16-03 (rank 4, 15 000 €) then AL16-04 (rank 5, 20 000 €);
AL16-05 is decided « non retenu » at the jury's stage (it was to check: it held no
place and frees none).
"""

from __future__ import annotations

from pathlib import Path

from isgrid.call.load import load_call
from isgrid.engine import Result, score
from isgrid.engine.status import awaiting_vote
from votecalls import example, run, vote


def scored(folder: Path) -> Result:
    return score(load_call(folder))


def refuse(folder: Path, dossier: str, outcome: str = "non-retenu", stage: str = "vote",
           *extra: str) -> None:
    args = ["--votes", "2/8/1"] if stage == "vote" else []
    run("decide", folder, dossier, "--stage", stage, "--outcome", outcome, *args, *extra,
        "--by", "president", "--reason", "vote")


def statuses(r: Result, *ids: str) -> dict[str, str]:
    return {i: str(r.dossier(i).status) for i in ids}


def money(r: Result) -> tuple[tuple[str, ...], tuple[str, ...], float, float | None]:
    assert r.selection is not None
    dec = r.selection.decided
    return dec.selected, dec.reserve, dec.committed, dec.remaining


def test_a_vote_refusing_a_laureate_offers_its_place_to_the_reserve(tmp_path: Path) -> None:
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    refuse(folder, "AL16-02")
    r = scored(folder)
    # AL16-02's 24 000 € freed; AL16-01 holds 27 000 €: 52 000 - 27 000 = 25 000 € to
    # offer; AL16-03 (15 000 €), first on the reserve, fits: proposed in its place
    assert statuses(r, "AL16-01", "AL16-02", "AL16-03", "AL16-04") == {
        "AL16-01": "retenu", "AL16-02": "non retenu", "AL16-03": "retenu",
        "AL16-04": "réserve"}
    # 27 000 + 15 000 = 42 000 € committed, 10 000 € left; AL16-04 alone on the reserve
    assert money(r) == (("AL16-01", "AL16-03"), ("AL16-04",), 42000, 10000)
    a2, a3 = r.dossier("AL16-02").decision, r.dossier("AL16-03").decision
    assert (a2.replaced_by, a3.replaces, a3.proposed, a3.outcome) == (
        ("AL16-03",), "AL16-02", "retenu", None)
    assert r.withdrawals == ()  # a refusal is no withdrawal
    [place] = r.freed_places
    assert dict(place) == {
        "dossier": "AL16-02", "seq": 3, "by": "president", "reason": "vote",
        "kind": "decision", "stage": "vote", "outcome": "non retenu", "freed": 24000,
        "available": 25000, "replacement": "AL16-03", "promoted": ("AL16-03",),
        "tied": (), "offered_at": 3, "settled": None,
        # offered once, to the reserve AL16-03, AL16-04: AL16-03 taken, from the reserve
        "offers": ({"seq": 3, "dossier": "AL16-02", "promoted": ("AL16-03",), "tied": (),
                    "reserve": ("AL16-03",), "candidates": 2},)}
    assert r.refusals == (place,)
    assert r.to_json()["freed_places"][0]["promoted"] == ["AL16-03"]
    # AL16-03 holds a place the vote emptied: a proposition, awaiting its own vote, and the
    # list is not adopted until it is voted
    assert awaiting_vote(r.dossier("AL16-03").status, a3.stages, r.voted)
    assert not r.list_voted and not r.decided_by_vote(r.dossier("AL16-03"))
    vote(folder, "AL16-03")
    r = scored(folder)
    assert r.list_voted and r.decided_by_vote(r.dossier("AL16-04"))
    assert "overridden:vote" not in r.dossier("AL16-03").flags  # it was proposed retenu


def test_a_laureate_put_on_the_reserve_is_not_promoted_into_its_own_place(
        tmp_path: Path) -> None:
    folder = example(tmp_path)
    refuse(folder, "AL16-02", "réserve", "jury")
    r = scored(folder)
    # AL16-02 (rank 2) heads the reserve now, but the place it freed is offered to the
    # others: 52 000 - 27 000 = 25 000 €, AL16-03 (15 000 €) fits
    assert statuses(r, "AL16-02", "AL16-03", "AL16-04") == {
        "AL16-02": "réserve", "AL16-03": "retenu", "AL16-04": "réserve"}
    assert money(r) == (("AL16-01", "AL16-03"), ("AL16-02", "AL16-04"), 42000, 10000)
    assert r.dossier("AL16-03").decision.replaces == "AL16-02"
    [place] = r.freed_places
    assert (place["outcome"], place["stage"], place["replacement"]) == (
        "réserve", "jury", "AL16-03")


def test_a_postponement_frees_no_place(tmp_path: Path) -> None:
    folder = example(tmp_path)
    refuse(folder, "AL16-02", "ajourné", "jury")
    r = scored(folder)
    # the committee will decide later: AL16-02's 24 000 € are not committed, but nobody
    # is proposed in its place
    assert statuses(r, "AL16-02", "AL16-03", "AL16-04") == {
        "AL16-02": "ajourné", "AL16-03": "réserve", "AL16-04": "réserve"}
    assert money(r) == (("AL16-01",), ("AL16-03", "AL16-04"), 27000, 25000)
    assert r.freed_places == ()
    assert r.dossier("AL16-02").decision.replaced_by == ()


def test_a_refusal_after_a_postponement_frees_the_place_it_kept(tmp_path: Path) -> None:
    """Found by a review: the jury postpones AL16-02 (its place kept, nobody proposed in
    it), then the vote refuses it: the place is freed then, as a refusal without the
    postponement frees it (AL16-03, 15 000 €, proposed: 27 000 + 15 000 = 42 000 €,
    10 000 € left); it stayed empty (27 000 € committed, AL16-03 on the reserve)."""
    folder = example(tmp_path)
    refuse(folder, "AL16-02", "ajourné", "jury")
    refuse(folder, "AL16-02")
    r = scored(folder)
    assert statuses(r, "AL16-02", "AL16-03", "AL16-04") == {
        "AL16-02": "non retenu", "AL16-03": "retenu", "AL16-04": "réserve"}
    assert money(r) == (("AL16-01", "AL16-03"), ("AL16-04",), 42000, 10000)
    [place] = r.freed_places
    assert (place["dossier"], place["replacement"], place["freed"]) == (
        "AL16-02", "AL16-03", 24000)  # the money it was proposed, kept by the postponement
    assert r.dossier("AL16-03").decision.replaces == "AL16-02"


def test_a_postponed_place_keeps_its_money_from_other_freed_places(tmp_path: Path) -> None:
    """Found by a review: AL16-03 asks 26 000 € here.  The jury postpones AL16-01 (27 000 €:
    its place kept), then AL16-02 withdraws: 52 000 - 27 000 (AL16-01's kept place) =
    25 000 € are offered, AL16-03 (26 000) does not fit, AL16-04 (20 000) does and is
    proposed.  The postponed money was offered too (AL16-03 proposed), and retaining
    AL16-01 then overran the envelope by 1 000 €; now 27 000 + 20 000 = 47 000 €."""
    folder = example(tmp_path)
    path = folder / "dossiers" / "AL16-03.yaml"
    text = path.read_text(encoding="utf-8")
    assert "amount_requested: 18000" in text and "eligible_costs: 30000" in text
    path.write_text(text.replace("amount_requested: 18000", "amount_requested: 26000")
                    .replace("eligible_costs: 30000", "eligible_costs: 52000"), encoding="utf-8")
    refuse(folder, "AL16-01", "ajourné", "jury")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    r = scored(folder)
    assert statuses(r, "AL16-01", "AL16-03", "AL16-04") == {
        "AL16-01": "ajourné", "AL16-03": "réserve", "AL16-04": "retenu"}
    refuse(folder, "AL16-01", "retenu", "jury")
    r = scored(folder)
    assert money(r)[2:] == (47000, 5000)


def test_a_refusal_when_nothing_on_the_reserve_fits(tmp_path: Path) -> None:
    folder = example(tmp_path)
    # the jury retains AL16-04 (20 000 €) beyond the envelope: 27 000 + 24 000 + 20 000
    # = 71 000 € held
    refuse(folder, "AL16-04", "retenu", "jury")
    refuse(folder, "AL16-02")
    r = scored(folder)
    # the refusal frees 24 000 €; the others hold 27 000 + 20 000 = 47 000 €: 5 000 € to
    # offer, and AL16-03 (15 000 €), alone on the reserve, does not fit
    assert statuses(r, "AL16-02", "AL16-03", "AL16-04") == {
        "AL16-02": "non retenu", "AL16-03": "réserve", "AL16-04": "retenu"}
    assert money(r) == (("AL16-01", "AL16-04"), ("AL16-03",), 47000, 5000)
    [place] = r.freed_places
    assert (place["freed"], place["available"], place["replacement"], place["promoted"]) == (
        24000, 5000, None, ())
    assert r.dossier("AL16-02").decision.replaced_by == ()


def test_a_refusal_then_a_withdrawal_in_the_same_seance(tmp_path: Path) -> None:
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    refuse(folder, "AL16-02")  # AL16-03 in AL16-02's place (as above): 10 000 € left
    run("withdraw", folder, "AL16-01", "--by", "Secrétariat", "--reason", "courrier")
    r = scored(folder)
    # AL16-01's 27 000 € freed; AL16-03 holds 15 000 €: 52 000 - 15 000 = 37 000 € to
    # offer; the reserve is AL16-04 (20 000 €): proposed in AL16-01's place
    assert statuses(r, "AL16-01", "AL16-02", "AL16-03", "AL16-04") == {
        "AL16-01": "retiré", "AL16-02": "non retenu", "AL16-03": "retenu",
        "AL16-04": "retenu"}
    # 15 000 + 20 000 = 35 000 € committed, 17 000 € left, nobody on the reserve
    assert money(r) == (("AL16-03", "AL16-04"), (), 35000, 17000)
    assert (r.dossier("AL16-03").decision.replaces,
            r.dossier("AL16-04").decision.replaces) == ("AL16-02", "AL16-01")
    assert [(x["kind"], x["dossier"], x["replacement"]) for x in r.freed_places] == [
        ("decision", "AL16-02", "AL16-03"), ("withdrawal", "AL16-01", "AL16-04")]
    assert [(w["dossier"], w["available"], w["replacement"]) for w in r.withdrawals] == [
        ("AL16-01", 37000, "AL16-04")]
    # AL16-04 holds AL16-01's voted place; AL16-03 a place the vote emptied: not adopted
    assert not r.list_voted
    vote(folder, "AL16-03")
    assert scored(folder).list_voted


def test_a_refusal_reconsidered_reinstates_the_dossier(tmp_path: Path) -> None:
    """As a decision after a withdrawal: the vote's later « retenu » reinstates AL16-02,
    and AL16-03, proposed in its place, keeps it: both are retained, and the envelope
    shows the overrun."""
    folder = example(tmp_path)
    refuse(folder, "AL16-02")
    vote(folder, "AL16-02")
    r = scored(folder)
    assert statuses(r, "AL16-02", "AL16-03") == {"AL16-02": "retenu", "AL16-03": "retenu"}
    # 27 000 + 24 000 + 15 000 = 66 000 € committed: 14 000 € over the envelope
    assert money(r) == (("AL16-01", "AL16-02", "AL16-03"), ("AL16-04",), 66000, -14000)
    assert r.dossier("AL16-03").decision.replaces == "AL16-02"
