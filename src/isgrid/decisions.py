"""From the journal to the result: consensus values, decisions, withdrawals.

Pure functions over plain data (DESIGN.md, "Decisions, stages and statuses"):

* :func:`journal_consensus` gives the committee values recorded in the journal,
  by (dossier, criterion), parsed on their scales, in the shape of
  :func:`isgrid.calls.consensus_values`; the journal wins over ``call.yaml``
  (it is later, and it is how values change during the séance);
* :func:`with_journal` returns a copy of a loaded call whose ``consensus``
  includes them, so that :func:`isgrid.engine.score` uses them unchanged;
* :func:`apply_decisions` post-processes a scored result: the computed outcome
  and the decided one per stage side by side, a ``decision`` block per dossier,
  the status from the effective decision, ``granted`` amounts, the flag
  ``overridden:<stage>``, and withdrawals (the first reserve dossier that fits
  the freed money is proposed in the withdrawn one's place);
* :func:`score_with_decisions` chains them: journal, consensus, score, portfolio
  constraints, decisions.

Which decision counts (the *effective* one): entries are read in journal
order; a later entry replaces the current one unless it belongs to an earlier
stage (a jury decision recorded after the vote corrects the jury's record, not
the vote).  A withdrawal always applies; a decision recorded after a withdrawal
reinstates the dossier.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from typing import Any

from .callmodel import Call, Consensus
from .errors import CallError, Diagnostic, Location
from .io.text import gc_paused
from .journal import JOURNAL, STAGES, Entry, read_journal
from .scales import parse_value

EPS = 1e-9

#: Outcome -> the dossier's status in a result.  ``ajourné`` (postponed) has no
#: status in DESIGN.md's list; it is kept as its own status (an addition).
STATUS_OF = {"retenu": "retenu", "réserve": "réserve", "non retenu": "non retenu",
             "retiré": "retiré", "ajourné": "ajourné"}


def journal_consensus(call: Call, entries: Sequence[Entry]) -> dict[tuple[str, str], Any]:
    """Consensus values recorded in the journal: (dossier, criterion) -> (value, reason).

    The latest entry for a cell wins.  Values are parsed on the criterion's
    scale (labels and decimal commas accepted), exactly like ``call.yaml``'s
    ``consensus``.  Raise :class:`CallError` when an entry no longer fits the
    call (unknown dossier or criterion, value off the scale).
    """
    g = call.grid.grid
    crits = {c.id: c for c in g.criteria()}
    ids = {d.id for d in call.dossiers}
    out: dict[tuple[str, str], Any] = {}
    problems: list[Diagnostic] = []
    where = str(call.folder / JOURNAL)
    for e in entries:
        if e.kind != "consensus" or e.criterion is None:
            continue
        loc = Location(where, line=e.seq)
        if e.dossier not in ids:
            problems.append(Diagnostic("unknown-dossier",
                                       f"the journal names an unknown dossier {e.dossier!r}", loc))
            continue
        if e.criterion not in crits:
            problems.append(Diagnostic(
                "unknown-criterion", f"the journal names an unknown criterion {e.criterion!r}",
                loc))
            continue
        parsed = parse_value(e.value, g.scales[crits[e.criterion].scale])
        if parsed.error or parsed.value is None:
            problems.append(Diagnostic("bad-consensus",
                                       f"consensus value: {parsed.error or 'no value'}", loc))
            continue
        out[(e.dossier, e.criterion)] = (parsed.value, e.reason)
    if problems:
        raise CallError("the journal does not fit the call", problems)
    return out


def with_journal(call: Call, entries: Sequence[Entry]) -> Call:
    """A copy of ``call`` whose ``consensus`` holds the journal's values too.

    The journal's latest value replaces a ``call.yaml`` value for the same cell.
    """
    latest: dict[tuple[str, str], Entry] = {}
    journal_consensus(call, entries)  # raises when an entry does not fit
    for e in entries:
        if e.kind == "consensus" and e.criterion is not None:
            latest[(e.dossier, e.criterion)] = e
    if not latest:
        return call
    kept = [c for c in call.config.consensus if (c.dossier, c.criterion) not in latest]
    added = [Consensus(dossier=e.dossier, criterion=e.criterion or "",
                       value=e.value if e.value is not None else "", reason=e.reason, by=e.by)
             for e in sorted(latest.values(), key=lambda e: e.seq)]
    config = call.config.model_copy(update={"consensus": kept + added})
    return dataclasses.replace(call, config=config)


# ---------------------------------------------------------------- decisions
def computed_outcome(d: dict[str, Any]) -> str | None:
    """What the engine proposes for a dossier, as an outcome (None: not decided by it).

    None when the engine does not choose: no selection (``classé``), a tie at
    the line (``selected: null``), or eligibility still to check.
    """
    status = d["status"]
    if status in ("retenu", "réserve", "non retenu"):
        return str(status)
    if status in ("irrecevable", "incomplet", "non classé"):
        return "non retenu"
    return None


def _stage_index(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else -1


def _entry_view(e: Entry) -> dict[str, Any]:
    return {
        "seq": e.seq, "kind": e.kind, "stage": e.stage, "dossier": e.dossier,
        "outcome": "retiré" if e.kind == "withdrawal" else e.outcome,
        "amount": _num(e.amount), "by": e.by, "reason": e.reason, "at": e.at,
    }


def _num(x: float | int | None) -> float | int | None:
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def effective(entries: Sequence[Entry]) -> Entry | None:
    """The entry that sets a dossier's outcome (see the module's rule)."""
    current: Entry | None = None
    for e in sorted(entries, key=lambda e: e.seq):
        if e.kind not in ("decision", "withdrawal"):
            continue
        if (current is None or e.kind == "withdrawal" or current.kind == "withdrawal"
                or _stage_index(e.stage) >= _stage_index(current.stage)):
            current = e
    return current


def apply_decisions(result: dict[str, Any], entries: Sequence[Entry], *,
                    in_place: bool = False) -> dict[str, Any]:
    """Return a copy of ``result`` with the journal's decisions and withdrawals applied.

    ``in_place=True`` updates ``result`` itself instead (no deep copy, which
    costs seconds on a national call): for a result nobody else holds.

    Per dossier, a ``decision`` block::

        {"computed": outcome or null,        # what the engine proposed
         "proposed": outcome or null,        # the same, after withdrawals' replacements
         "stages": {stage: {outcome, amount, by, reason, seq, at, overridden}},
         "outcome": the effective outcome or null, "stage": its stage or null,
         "by", "reason", "seq": of the effective entry,
         "replaces": id or null,             # proposed in place of a withdrawn dossier
         "replaced_by": id or null}          # withdrawn, and who is proposed instead

    ``status`` follows the effective outcome; ``selected``/``reserve`` follow it
    too (the engine's choice stays in ``decision.computed``); ``amounts.granted``
    is set only by a ``retenu`` decision: its amount, or the amount of an earlier
    retained decision, or the proposed amount (null otherwise: the engine
    proposes, people grant).  The flag
    ``overridden:<stage>`` marks each stage whose decision differs from the
    computed outcome (a tie settled or an unknown eligibility decided is not an
    override: the engine had not chosen).

    Top level: ``decisions`` (every decision and withdrawal, in journal order),
    ``withdrawals`` (freed money and the replacement proposed), ``journal``
    (entry count and head hash) and ``changes`` (every entry, consensus too,
    with the value it replaced), for minutes and dashboards.
    """
    res = result if in_place else copy.deepcopy(result)
    dossiers: list[dict[str, Any]] = res["dossiers"]
    by_id = {d["id"]: d for d in dossiers}
    per: dict[str, list[Entry]] = {}
    for e in entries:
        per.setdefault(e.dossier, []).append(e)
    computed = {d["id"]: computed_outcome(d) for d in dossiers}
    original = dict(computed)  # the engine's proposal, before withdrawals
    replaced_at: dict[str, int] = {}
    sel = res.get("selection")
    withdrawals: list[dict[str, Any]] = []
    replaces: dict[str, str] = {}
    replaced_by: dict[str, str | None] = {}
    budget = float(sel["budget"]) if sel and sel.get("budget") is not None else None
    order = [d["id"] for d in dossiers]  # ranked first, in rank order

    def state(before_seq: int) -> dict[str, tuple[str | None, float]]:
        """Each dossier's outcome and money just before journal entry ``before_seq``."""
        out: dict[str, tuple[str | None, float]] = {}
        for did in order:
            mine = [x for x in per.get(did, []) if x.seq < before_seq]
            eff = effective(mine)
            outcome = computed[did] if eff is None else (
                "retiré" if eff.kind == "withdrawal" else eff.outcome)
            money = 0.0
            if outcome == "retenu":
                g = _granted(sorted(mine, key=lambda x: x.seq), eff, by_id[did])
                money = float(g or 0.0)
            out[did] = (outcome, money)
        return out

    # -- withdrawals, in journal order: free the money, propose a reserve dossier
    withdrawn: set[str] = set()
    for e in sorted(entries, key=lambda e: e.seq):
        if e.kind != "withdrawal" or e.dossier not in by_id or e.dossier in withdrawn:
            continue
        withdrawn.add(e.dossier)
        now = state(e.seq)
        was_retained = now[e.dossier][0] == "retenu"
        freed = now[e.dossier][1] if was_retained else 0.0
        pool = None if budget is None else budget - sum(m for _, m in now.values()) + freed
        computed[e.dossier] = "retiré"
        replacement: str | None = None
        ties: list[str] = []
        if was_retained and sel is not None:
            fitting = []
            for rid in order:
                if rid in withdrawn or rid in replaces or now[rid][0] != "réserve":
                    continue
                need = by_id[rid]["amounts"]["proposed"]
                if pool is not None and (need is None or float(need) > pool + EPS):
                    continue
                fitting.append(rid)
            if fitting:
                first_rank = by_id[fitting[0]]["rank"]
                tied = [r for r in fitting if first_rank is not None
                        and by_id[r]["rank"] == first_rank]
                if len(tied) > 1:
                    ties = tied  # tied on the reserve: people choose, not isgrid
                else:
                    replacement = fitting[0]
                    computed[replacement] = "retenu"
                    replaces[replacement] = e.dossier
                    replaced_at[replacement] = e.seq
        replaced_by[e.dossier] = replacement
        withdrawals.append({"dossier": e.dossier, "seq": e.seq, "by": e.by, "reason": e.reason,
                            "freed": _num(freed) if was_retained else None,
                            "available": _num(pool) if pool is not None and was_retained
                            else None,
                            "replacement": replacement, "tied": ties})

    # -- decisions, per dossier
    decided_list = [_entry_view(e) for e in sorted(entries, key=lambda e: e.seq)
                    if e.kind in ("decision", "withdrawal") and e.dossier in by_id]
    for d in dossiers:
        did = d["id"]
        comp = computed[did]
        if did not in per and did not in replaces and did not in withdrawn:
            # the usual dossier of a large call: nothing recorded about it yet
            d["decision"] = {"computed": original[did], "proposed": comp, "stages": {},
                             "outcome": None, "stage": None, "by": None, "reason": None,
                             "seq": None, "replaces": None, "replaced_by": None}
            d["amounts"]["granted"] = None
            continue
        mine = sorted(per.get(did, []), key=lambda e: e.seq)
        stages: dict[str, dict[str, Any]] = {}
        for e in mine:
            if e.kind != "decision" or e.outcome is None:
                continue
            orig = original[did]
            over = orig is not None and e.outcome != orig
            stages[e.stage] = {"outcome": e.outcome, "amount": _num(e.amount), "by": e.by,
                               "reason": e.reason, "seq": e.seq, "at": e.at,
                               "overridden": over}
        eff = effective(mine)
        if did in replaces and eff is not None and eff.seq < replaced_at[did] \
                and eff.outcome == "réserve":
            eff = None  # on the reserve, now proposed in a withdrawn dossier's place
        outcome = None if eff is None else ("retiré" if eff.kind == "withdrawal"
                                            else eff.outcome)
        d["decision"] = {
            "computed": original[did],
            "proposed": comp,
            "stages": {s: stages[s] for s in STAGES if s in stages},
            "outcome": outcome,
            "stage": eff.stage if eff is not None else None,
            "by": eff.by if eff is not None else None,
            "reason": eff.reason if eff is not None else None,
            "seq": eff.seq if eff is not None else None,
            "replaces": replaces.get(did),
            "replaced_by": replaced_by.get(did),
        }
        if did in replaces and outcome is None:
            d["selected"], d["reserve"], d["status"] = True, False, "retenu"
        if did in withdrawn and outcome == "retiré":
            d["selected"], d["reserve"], d["status"] = False, False, "retiré"
        if outcome is not None:
            d["status"] = STATUS_OF[outcome]
            d["selected"] = outcome == "retenu"
            d["reserve"] = outcome == "réserve"
        # granted: only by a decision (DESIGN.md: null until one is recorded)
        d["amounts"]["granted"] = _granted(mine, eff, d) if outcome == "retenu" else None
        for s, info in d["decision"]["stages"].items():
            if info["overridden"]:
                d["flags"].append(f"overridden:{s}")
    if sel is not None:
        sel["decided"] = {
            "selected": [d["id"] for d in dossiers if d["selected"] is True],
            "reserve": [d["id"] for d in dossiers if d["reserve"] is True],
            "granted": _num(sum(float(d["amounts"]["granted"] or 0.0) for d in dossiers
                                if d["selected"] is True)),
            # money held by the selected dossiers: granted, else proposed
            "committed": _num(sum(_held(d) for d in dossiers if d["selected"] is True)),
            "remaining": (_num(float(sel["budget"]) - sum(
                _held(d) for d in dossiers if d["selected"] is True))
                if sel.get("budget") is not None else None),
        }
    res["decisions"] = decided_list
    res["withdrawals"] = withdrawals
    res["changes"] = _changes(res, entries)
    res["journal"] = {"entries": len(entries), "head": entries[-1].hash if entries else None,
                      "voted": any(e.kind == "decision" and e.stage == "vote" for e in entries)}
    summary: dict[str, int] = {}
    for d in dossiers:
        summary[d["status"]] = summary.get(d["status"], 0) + 1
    res["summary"] = dict(sorted(summary.items()))
    return res


def _held(d: dict[str, Any]) -> float:
    a = d["amounts"]
    v = a["granted"] if a["granted"] is not None else a["proposed"]
    return float(v or 0.0)


def _granted(mine: list[Entry], eff: Entry | None, d: dict[str, Any]) -> float | int | None:
    if eff is not None and eff.kind == "decision" and eff.amount is not None:
        return _num(eff.amount)
    for e in reversed(mine):
        if e.kind == "decision" and e.outcome == "retenu" and e.amount is not None:
            return _num(e.amount)
    proposed: float | int | None = d["amounts"]["proposed"]
    return proposed


def _changes(res: dict[str, Any], entries: Sequence[Entry]) -> list[dict[str, Any]]:
    """Every journal entry with what it replaced (for minutes and dashboards)."""
    by_id = {d["id"]: d for d in res["dossiers"]}
    last_value: dict[tuple[str, str], Any] = {}
    out: list[dict[str, Any]] = []
    for e in sorted(entries, key=lambda e: e.seq):
        item = _entry_view(e)
        item["title"] = by_id[e.dossier]["title"] if e.dossier in by_id else ""
        if e.kind == "consensus" and e.criterion is not None:
            crit = (by_id.get(e.dossier) or {}).get("criteria", {}).get(e.criterion) or {}
            item["criterion"] = e.criterion
            item["value"] = e.value
            item["raw"] = crit.get("raw")
            item["previous"] = last_value.get((e.dossier, e.criterion))
            last_value[(e.dossier, e.criterion)] = e.value
        else:
            item["criterion"] = None
            item["value"] = None
            item["raw"] = None
            item["previous"] = None
        out.append(item)
    return out


def score_with_decisions(call: Call, entries: Sequence[Entry] | None = None) -> dict[str, Any]:
    """Journal -> consensus -> engine -> portfolio constraints -> decisions.

    ``entries`` defaults to the call's journal (verified; a broken journal
    raises :class:`CallError` naming the broken line).
    """
    if entries is None:
        entries = read_journal(call.folder)
    with gc_paused():
        return _score_with_decisions(call, entries)


def _score_with_decisions(call: Call, entries: Sequence[Entry]) -> dict[str, Any]:
    from .engine import score

    merged = with_journal(call, entries)
    result = score(merged)
    if merged.config.constraints:  # (the module is imported only when needed)
        from .constraints import apply_constraints

        result = apply_constraints(result, merged)
    # the result was just built here (or copied by apply_constraints): no copy needed
    return apply_decisions(result, entries, in_place=True)
