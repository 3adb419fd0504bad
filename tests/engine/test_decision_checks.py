"""What ``isgrid decide`` checks before it records a decision, asked of the library
(:mod:`isgrid.engine.decision_checks`): an unusual amount, the result with the decision,
a vote read as a confirmation for want of a date, a date that contradicts a deliberation's.

decisions_calls.seance_call: totals 100 (D1, asks 20 000), 87,5 (D2, 15 000), 75 (D3, D4),
62,5 (D5), 50 (D6); budget 50 000; meeting.vote CP-2026-04-117 dated 2026-04-02.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from isgrid.call.deliberations import MainVote
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.engine.decision_checks import (
    dates_contradicted,
    preview_decision,
    read_as_confirmation,
    unusual_amount,
)

NB, NN = "\u00a0", "\u202f"


def _said(diags: list[Any], lang: str = "en") -> list[tuple[str, str, str | None]]:
    return [(d.code, d.message.translated(lang),
             d.hint.translated(lang) if d.hint is not None else None) for d in diags]


# ------------------------------------------------------------------ unusual_amount
def test_below_the_minimum_names_the_slip_of_a_decimal_comma() -> None:
    # 12,5 typed for a minimum of 5 000: 12,5 x 1000 = 12 500, at least the minimum
    [d] = unusual_amount(12.5, 5000, 20000, " 12,5 ")
    assert (d.severity, str(d.location)) == ("warning", "")  # the option, no file
    assert _said([d]) == [("amount-unusual",
                           "--amount €12.50 is below the call's minimum grant (€5,000)",
                           "Check the amount typed (12,5 for €12,500?); record a new "
                           "decision to correct it.")]
    assert _said([d], "fr") == [(
        "amount-unusual",
        f"--amount 12,50{NN}€ est inférieur au minimum d'aide de l'appel (5{NN}000{NN}€)",
        f"Vérifiez le montant saisi (12,5 pour 12{NN}500{NN}€{NN}?){NN}; enregistrez une "
        "nouvelle décision pour le corriger.")]


def test_below_the_minimum_without_a_slip_to_name() -> None:
    # 4 000: not below 1 000, no thousands typed as units; the code's own hint
    [d] = unusual_amount(4000, 5000, None, "4 000")
    assert (d.message, d.hint) == (
        "--amount €4,000 is below the call's minimum grant (€5,000)", None)
    # 3 x 1000 = 3 000 is still below 5 000: no slip either
    assert [x.hint for x in unusual_amount(3, 5000, None, "3")] == [None]


def test_above_the_request_ten_times_is_a_zero_too_many() -> None:
    # 240 000 for 24 000 asked: at least ten times, 240 000 / 10 = 24 000
    assert _said(unusual_amount(240000, None, 24000, "240 000")) == [(
        "amount-unusual", "--amount €240,000 is more than the dossier asked (€24,000)",
        "Check the amount typed (a zero too many: €24,000?); record a new decision to "
        "correct it.")]
    # 25 000 for 24 000 asked: more, not ten times: nothing to name
    assert _said(unusual_amount(25000, None, 24000, "25000")) == [(
        "amount-unusual", "--amount €25,000 is more than the dossier asked (€24,000)",
        "Check the amount typed: if the vote granted more than the dossier asked, there is "
        "nothing to do; otherwise record a new decision to correct it.")]


def test_the_usual_amounts_say_nothing() -> None:
    assert unusual_amount(5000, 5000, 5000, "5000") == []  # the bounds themselves
    assert unusual_amount(12000, None, None, "12000") == []  # nothing to compare with
    # both at once: below the minimum and above what was asked
    assert [d.message for d in unusual_amount(900, 1000, 800, "900")] == [
        "--amount €900 is below the call's minimum grant (€1,000)",
        "--amount €900 is more than the dossier asked (€800)"]


# ------------------------------------------------------------------ preview_decision
def _fields(dossier: str, stage: str, outcome: str, **more: Any) -> dict[str, Any]:
    return {"kind": "decision", "stage": stage, "dossier": dossier, "outcome": outcome,
            "amount": None, "by": "Jury", "reason": "r", "at": None, "motivation": None,
            "reference": None} | more


def test_the_preview_is_the_result_with_the_decision_nothing_recorded(tmp_path: Path
                                                                      ) -> None:
    from decisions_calls import seance_call

    folder = seance_call(tmp_path)
    call = load_call(folder)
    # D1, first at 100 and within the budget, refused by the jury: against the proposal
    preview = preview_decision(call, _fields("D1", "jury", "non retenu"), None)
    d = preview.result.dossier("D1")
    assert preview.seq == 1
    assert (d.status, d.decision.computed) == ("non retenu", "retenu")
    assert d.decision.stages["jury"].overridden is True
    assert not (folder / "journal.jsonl").exists()
    # a vote with its counts and an amount: the entry as it will be recorded
    preview = preview_decision(call, _fields("D2", "vote", "retenu", amount=12000.0),
                               (12, 0, 1))
    vote = preview.result.dossier("D2").decision.stages["vote"]
    assert (vote.seq, vote.amount, vote.overridden) == (1, 12000.0, False)
    assert (vote.votes.pour, vote.votes.contre, vote.votes.abstention) == (12, 0, 1)
    assert preview.result.dossier("D2").amounts["granted"] == 12000
    # the journal the call read: an entry appended since is not in it (its seq is 1 again)
    append(folder, kind="decision", stage="jury", dossier="D3", outcome="retenu", by="J",
           reason="r")
    preview = preview_decision(call, _fields("D2", "vote", "retenu"), None)
    assert (preview.seq, len(preview.result.decisions)) == (1, 1)
    preview = preview_decision(load_call(folder), _fields("D2", "vote", "retenu"), None)
    assert (preview.seq, [e["dossier"] for e in preview.result.decisions]) == (2, ["D3", "D2"])


# ------------------------------------------------------------------ read_as_confirmation
def _result(main: tuple[str | None, str | None], *votes: tuple[str, str | None, str | None]
            ) -> Any:
    """A result as read_as_confirmation reads it: ``meeting.vote`` and D1's votes
    « retenu » (reference, at), journal lines 1, 2…"""
    decisions = [{"seq": i, "kind": "decision", "stage": "vote", "dossier": d,
                  "outcome": "retenu", "reference": ref, "at": at}
                 for i, (d, ref, at) in enumerate(votes, 1)]
    return SimpleNamespace(main_vote=MainVote(*main), decisions=decisions)


MAIN = ("CP-A", "2026-04-10")


def test_a_vote_without_a_date_at_another_reference_is_read_as_a_confirmation() -> None:
    # D1 voted at the typo CP-TYPO on 2 June; recorded again at CP-B without --at: CP-B's
    # day is unknown (not meeting.vote's), so it confirms CP-TYPO's vote
    result = _result(MAIN, ("D1", "CP-TYPO", "2026-06-02"))
    assert _said(read_as_confirmation(result, "D1", "CP-B", None)) == [(
        "vote-confirms",
        "D1 is already selected by the vote at CP-TYPO (journal entry 1): recorded at CP-B "
        "without --at, this vote will be read as confirming it at a later deliberation, not "
        "as correcting it: the place stays given by CP-TYPO and the list's adoption does "
        "not move",
        "To correct that vote instead (a mistyped --reference), give the deliberation's "
        "date: --at 2026-06-02 (on that day or an earlier one, this vote replaces it).")]
    # the same reference again: a correction; both days known: read as they say
    assert read_as_confirmation(result, "D1", "CP-TYPO", None) == []
    assert read_as_confirmation(result, "D1", "CP-B", "2026-06-09") == []
    # another dossier has no vote to confirm
    assert read_as_confirmation(result, "D2", "CP-B", None) == []


def test_an_earlier_vote_without_a_date_is_to_be_dated_first() -> None:
    # D1 voted at CP-X without --at; recorded now at meeting.vote (dated 10 April by
    # call.yaml): the earlier day is unknown, the words name meeting.vote's reference
    result = _result(MAIN, ("D1", "CP-X", None))
    [d] = read_as_confirmation(result, "D1", None, None)
    assert d.message == (
        "D1 is already selected by the vote at CP-X (journal entry 1), which has no date: "
        "this vote at CP-A will be read as confirming it at a later deliberation, not as "
        "correcting it: the place stays given by CP-X and the list's adoption does not move")
    assert d.hint == (
        "To correct that vote instead (a mistyped --reference), date it first: record it "
        "again (--reference CP-X) with --at and the deliberation's date, then this one with "
        "--at the same day.")
    # meeting.vote with neither reference nor date: the earlier vote « without --reference »
    result = _result((None, None), ("D1", None, None))
    [d] = read_as_confirmation(result, "D1", "CP-B", "2026-06-02")
    assert d.message.startswith("D1 is already selected by the vote at meeting.vote "
                                "(journal entry 1), which has no date: this vote at CP-B ")
    assert d.hint.translated("fr") == (
        "Pour corriger plutôt ce vote (une --reference mal saisie), datez-le d'abord"
        f"{NB}: enregistrez-le de nouveau (sans --reference) avec --at et la date de la "
        "délibération, puis celui-ci avec --at le même jour.")


# ------------------------------------------------------------------ dates_contradicted
def test_the_dates_a_vote_contradicts_are_only_the_new_ones(tmp_path: Path) -> None:
    from decisions_calls import seance_call

    folder = seance_call(tmp_path)
    journal = folder / "journal.jsonl"
    append(folder, kind="decision", stage="vote", dossier="D4", outcome="non retenu",
           by="CP", reason="r", reference="CP-2026-06-02", at="2026-06-02")
    call = load_call(folder)
    assert [w for w in call.warnings if w.code == "deliberation-dates"] == []
    # D3 at the same deliberation on 9 June, journal line 2: located there
    [w] = dates_contradicted(call, "D3", "CP-2026-06-02", "2026-06-09")
    assert (w.severity, str(w.location)) == ("warning", f"{journal}:2")
    assert w.message == (f"the deliberation CP-2026-06-02 is recorded with 2 different "
                         f"dates: 2026-06-02 ({journal}:1), 2026-06-09 ({journal}:2)")
    # the same day, or another deliberation: nothing
    assert dates_contradicted(call, "D3", "CP-2026-06-02", "2026-06-02") == []
    assert dates_contradicted(call, "D3", None, None) == []
    # recorded: the loading says it; the next vote brings nothing new...
    append(folder, kind="decision", stage="vote", dossier="D3", outcome="retenu", by="CP",
           reason="r", reference="CP-2026-06-02", at="2026-06-09")
    call = load_call(folder)
    assert [w.code for w in call.warnings if w.code == "deliberation-dates"] == [
        "deliberation-dates"]
    assert dates_contradicted(call, "D1", None, None) == []
    assert dates_contradicted(call, "D5", "CP-2026-06-02", "2026-06-09") == []
    # ...unless it adds a third day: the warning is another one (3 dates), said
    [w] = dates_contradicted(call, "D5", "CP-2026-06-02", "2026-06-16")
    assert w.message == (f"the deliberation CP-2026-06-02 is recorded with 3 different "
                         f"dates: 2026-06-02 ({journal}:1), 2026-06-09 ({journal}:2), "
                         f"2026-06-16 ({journal}:3)")
    assert str(w.location) == f"{journal}:2"


# ------------------------------------------------------------------ motivation and votes
def test_the_json_carries_decision_motivation_and_votes_as_the_typed_result(
        tmp_path: Path) -> None:
    from decisions_calls import seance_call
    from isgrid.engine import score

    folder = seance_call(tmp_path)
    # D1: the jury motivates, the vote counts 7/1/0 without a motivation of its own;
    # D2: the vote motivates and counts 9/0/2; D3: a jury decision alone, neither
    append(folder, kind="decision", stage="jury", dossier="D1", outcome="retenu", by="J",
           reason="r", motivation="Projet solide.")
    append(folder, kind="decision", stage="vote", dossier="D1", outcome="retenu", by="CP",
           reason="r", votes=(7, 1, 0))
    append(folder, kind="decision", stage="vote", dossier="D2", outcome="retenu", by="CP",
           reason="r", motivation="Ancrage local.", votes=(9, 0, 2))
    append(folder, kind="decision", stage="jury", dossier="D3", outcome="réserve", by="J",
           reason="r")
    result = score(load_call(folder))
    data = result.to_json()
    dec = {d["id"]: d["decision"] for d in data["dossiers"]}
    # the latest stage that has one: D1's motivation is the jury's, its votes the vote's
    assert (dec["D1"]["motivation"], dec["D1"]["votes"]) == (
        "Projet solide.", {"pour": 7, "contre": 1, "abstention": 0})
    assert (dec["D2"]["motivation"], dec["D2"]["votes"]) == (
        "Ancrage local.", {"pour": 9, "contre": 0, "abstention": 2})
    assert (dec["D3"]["motivation"], dec["D3"]["votes"]) == (None, None)
    assert (dec["D4"]["motivation"], dec["D4"]["votes"]) == (None, None)  # no decision
    # the typed result says the same
    typed = result.dossier("D1").decision
    assert typed.motivation == "Projet solide." and typed.votes is not None
    assert (typed.votes.pour, typed.votes.contre, typed.votes.abstention) == (7, 1, 0)


def test_above_the_calls_cap_and_rate_is_unusual() -> None:
    """Review rev-money F10: the call's cap is 20 000 €, its rate 50 %.  D05 asked
    25 000 €: 25 000 > 20 000 (the cap), not more than asked.  D02 asked 18 000 € for
    30 000 € of eligible costs: 50 % × 30 000 = 15 000 < 18 000 (the rate), not more than
    asked, below the cap."""
    hint = ("Check the amount typed: if the vote departs from the call's rules on purpose, "
            "there is nothing to do (say why with --motivation); otherwise record a new "
            "decision to correct it.")
    rules = {"cap": 20000, "rate": 0.5, "step": 100}
    assert _said(unusual_amount(25000, 5000, 25000, "25 000", costs=60000, **rules)) == [(
        "amount-unusual", "--amount €25,000 is above the call's cap per dossier (€20,000)",
        hint)]
    [d] = unusual_amount(18000, 5000, 18000, "18 000", costs=30000, **rules)
    assert _said([d]) == [(
        "amount-unusual", "--amount €18,000 is above the call's rate: 50% of the dossier's "
        "eligible costs (€30,000) is €15,000", hint)]
    assert _said([d], "fr")[0][1] == (
        f"--amount 18{NN}000{NN}€ dépasse le taux de l'appel\u00a0: 50{NN}% des dépenses "
        f"éligibles du dossier (30{NN}000{NN}€), soit 15{NN}000{NN}€")
    # at the rate's amount (15 000) or the cap (20 000): nothing to say
    assert unusual_amount(15000, 5000, 18000, "15000", costs=30000, **rules) == []
    assert unusual_amount(20000, 5000, 25000, "20000", costs=60000, **rules) == []
    # the rate's amount above the cap (0,5 × 60 000 = 30 000): the cap alone is said
    assert len(unusual_amount(21000, 5000, 25000, "21000", costs=60000, **rules)) == 1
