"""Portfolio constraints: a documented greedy over the ranking that explains every choice.

``constraints`` in ``call.yaml`` is a list; each item has an ``id``, an
optional French ``label``, a ``kind``, and reads one dossier fact (a dotted
path; a list fact matches when any of its items does):

* ``min`` -- at least ``count`` laureates whose ``fact`` equals ``value``
  (a territory, a theme): ``{id: rural, kind: min, fact: territory,
  value: rural, count: 2}``;
* ``max`` -- at most ``count`` laureates whose ``fact`` equals ``value``; without
  ``value``, at most ``count`` per distinct value of the fact (per holder, per
  structure type): ``{id: one-per-holder, kind: max, fact: holder, count: 1}``;
* ``envelope`` -- a sub-envelope for the dossiers whose ``fact`` equals
  ``value`` (a priority): at most ``max_amount`` and/or at least ``min_amount``
  of money granted to them.

The greedy (:func:`select`), over the ranked, selectable dossiers:

1. **Minimums first**, in the order they are declared: for each ``min`` (and
   each envelope's ``min_amount``), walk the ranking and take the best-ranked
   matching dossier that fits the budget (or ``top``) and breaks no maximum,
   until the minimum is met.  A minimum that cannot be met is reported as
   infeasible, with the reason (too few matching dossiers, or the budget or
   another constraint blocks them).
2. **Then the ranking**: walk the remaining dossiers in rank order; take each
   one that fits and breaks no maximum; a dossier blocked by a maximum is
   skipped (and says which); a dossier that does not fit the budget stops the
   walk under ``rank-order`` and is skipped under ``skip``.  Tied dossiers
   that cannot all fit are not picked (``selected: null``, as the engine does).
3. **Explanations**: every dossier taken in step 1 says which higher-ranked
   dossiers it was selected over ("selected over higher-ranked X to meet the
   constraint Y"); every dossier left out says why.

A greedy is not an optimiser: when the minimums compete for a small budget,
the order of declaration decides; ``docs/decisions.md`` gives worked cases.
The engine's funding rules (``partial``) are not re-applied here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

# The models live with the other call.yaml blocks (validated when call.yaml is loaded);
# imported here under their old names.
from .callblocks import Constraint as Constraint
from .callblocks import Constraints as Constraints
from .callblocks import Envelope as Envelope
from .callblocks import MaxCount as MaxCount
from .callblocks import MinCount as MinCount
from .callblocks import Scalar as Scalar
from .callblocks import parse_constraints as parse_constraints
from .callmodel import Call
from .errors import Diagnostic, Location
from .facts import values_at

EPS = 1e-9


def _label(c: MinCount | MaxCount | Envelope) -> str:
    if c.label:
        return c.label
    if isinstance(c, MinCount):
        return f"au moins {c.count} lauréat(s) avec {c.fact} = {c.value}"
    if isinstance(c, MaxCount):
        what = f"avec {c.fact} = {c.value}" if c.value is not None else f"par {c.fact}"
        return f"au plus {c.count} lauréat(s) {what}"
    parts = []
    if c.min_amount is not None:
        parts.append(f"au moins {c.min_amount:g} €")
    if c.max_amount is not None:
        parts.append(f"au plus {c.max_amount:g} €")
    return f"enveloppe {c.fact} = {c.value} : " + " et ".join(parts)


@dataclass
class Candidate:
    """A ranked, selectable dossier as the greedy sees it."""

    id: str
    rank: int
    amount: float  # proposed amount (0 without a budget)
    facts: dict[str, Any]


@dataclass
class Choice:
    dossier: str
    selected: bool | None
    why: str  # "constraint:<id>", "rank", "budget", "max:<id>", "envelope:<id>", "line", "tie"
    over: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class Selection:
    selected: list[str]
    reserve: list[str]
    spent: float
    choices: list[Choice]
    status: list[dict[str, Any]]
    infeasible: list[str]
    undecided: list[str] = field(default_factory=list)


def _values(facts: dict[str, Any], path: str) -> list[str]:
    _, vals = values_at(facts, path)
    return [_norm(v) for v in vals if v is not None]


def _norm(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _matches(cand: Candidate, fact: str, value: Any) -> bool:
    return _norm(value) in _values(cand.facts, fact)


def select(cands: list[Candidate], constraints: list[MinCount | MaxCount | Envelope], *,
           budget: float | None, top: int | None, rule: str = "rank-order",
           reserve_n: int = 0) -> Selection:
    """The greedy of this module's docstring; ``cands`` in rank order (best first)."""
    picked: list[Candidate] = []
    why: dict[str, str] = {}
    spent = 0.0

    def fits_money(c: Candidate) -> bool:
        if budget is not None and spent + c.amount > budget + EPS:
            return False
        return not (top is not None and len(picked) >= top)

    def blocker(c: Candidate) -> str | None:
        for k in constraints:
            if isinstance(k, MaxCount):
                if k.value is not None:
                    if _matches(c, k.fact, k.value) and sum(
                            _matches(p, k.fact, k.value) for p in picked) >= k.count:
                        return k.id
                else:
                    for v in _values(c.facts, k.fact):
                        if sum(v in _values(p.facts, k.fact) for p in picked) >= k.count:
                            return k.id
            elif isinstance(k, Envelope) and k.max_amount is not None and _matches(
                    c, k.fact, k.value):
                used = sum(p.amount for p in picked if _matches(p, k.fact, k.value))
                if used + c.amount > k.max_amount + EPS:
                    return k.id
        return None

    def take(c: Candidate, reason: str) -> None:
        nonlocal spent
        picked.append(c)
        spent += c.amount
        why[c.id] = reason

    infeasible: list[str] = []
    notes: dict[str, str] = {}
    # -- 1. minimums, in declared order
    for k in constraints:
        if isinstance(k, MinCount):
            def have(k: MinCount = k) -> float:
                return sum(_matches(p, k.fact, k.value) for p in picked)
            target: float = k.count
        elif isinstance(k, Envelope) and k.min_amount is not None:
            def have(k: Envelope = k) -> float:  # type: ignore[misc]
                return sum(p.amount for p in picked if _matches(p, k.fact, k.value))
            target = k.min_amount
        else:
            continue
        matching = [c for c in cands if _matches(c, k.fact, k.value)]
        while have() + EPS < target:
            nxt = next((c for c in matching if c.id not in why and fits_money(c)
                        and blocker(c) is None), None)
            if nxt is None:
                break
            take(nxt, f"constraint:{k.id}")
        if have() + EPS < target:
            infeasible.append(k.id)
            left = [c for c in matching if c.id not in why]
            if len(matching) < target and isinstance(k, MinCount):
                notes[k.id] = (f"seulement {len(matching)} dossier(s) classé(s) correspondent "
                               f"(il en faut {k.count})")
            elif not left:
                notes[k.id] = "tous les dossiers correspondants sont déjà retenus"
            else:
                blocked = sorted({b for c in left if (b := blocker(c)) is not None})
                notes[k.id] = ("le budget ne permet pas d'en retenir davantage" if not blocked
                               else "bloqué par " + ", ".join(blocked))
    # -- 2. the ranking, by rank groups
    choices: dict[str, Choice] = {}
    stopped = False
    undecided: list[str] = []
    groups: list[list[Candidate]] = []
    for c in cands:
        if groups and groups[-1][0].rank == c.rank:
            groups[-1].append(c)
        else:
            groups.append([c])
    for group in groups:
        rest = [c for c in group if c.id not in why]
        if not rest:
            continue
        if stopped:
            for c in rest:
                choices[c.id] = Choice(c.id, False, "line", text="après la ligne de financement")
            continue
        free = []
        for c in rest:
            b = blocker(c)
            if b is not None:
                choices[c.id] = Choice(c.id, False, f"max:{b}",
                                       text=f"non retenu : contrainte {b} atteinte")
            else:
                free.append(c)
        if not free:
            continue
        need = sum(c.amount for c in free)
        whole_fits = (budget is None or spent + need <= budget + EPS) and (
            top is None or len(picked) + len(free) <= top)
        if whole_fits:
            for c in free:
                take(c, "rank")
            continue
        if len(free) > 1 and any(fits_money(c) for c in free):
            for c in free:
                choices[c.id] = Choice(c.id, None, "tie",
                                       text="ex æquo à la ligne : à départager")
                undecided.append(c.id)
            stopped = True
            continue
        for c in free:
            choices[c.id] = Choice(c.id, False, "budget",
                                   text="ne tient pas dans l'enveloppe restante")
        if rule != "skip" or top is not None:
            stopped = True
    # -- 3. explanations
    picked_ids = {p.id for p in picked}
    order = {c.id: i for i, c in enumerate(cands)}
    labels = {k.id: _label(k) for k in constraints}
    for p in picked:
        reason = why[p.id]
        if reason.startswith("constraint:"):
            kid = reason.split(":", 1)[1]
            over = [c.id for c in cands if order[c.id] < order[p.id] and c.id not in picked_ids]
            text = (f"retenu de préférence à {', '.join(over)} (mieux classé(s)) pour respecter "
                    f"la contrainte {kid} ({labels[kid]})" if over else
                    f"retenu pour la contrainte {kid} ({labels[kid]}), et à son rang")
            choices[p.id] = Choice(p.id, True, reason, over, text)
        else:
            choices[p.id] = Choice(p.id, True, "rank", text="retenu à son rang")
    reserve = [c.id for c in cands if c.id not in picked_ids and c.id not in undecided
               and blocker(c) is None][:reserve_n]
    status: list[dict[str, Any]] = []
    for k in constraints:
        entry: dict[str, Any] = {"id": k.id, "kind": k.kind, "label": labels[k.id],
                                 "fact": k.fact, "value": getattr(k, "value", None)}
        if isinstance(k, MinCount):
            n = sum(_matches(p, k.fact, k.value) for p in picked)
            entry.update(target=k.count, actual=n, met=n >= k.count)
        elif isinstance(k, MaxCount):
            if k.value is not None:
                n = sum(_matches(p, k.fact, k.value) for p in picked)
            else:
                counts: dict[str, int] = {}
                for p in picked:
                    for v in set(_values(p.facts, k.fact)):
                        counts[v] = counts.get(v, 0) + 1
                n = max(counts.values(), default=0)
            entry.update(target=k.count, actual=n, met=n <= k.count)
        else:
            amt = sum(p.amount for p in picked if _matches(p, k.fact, k.value))
            ok = (k.min_amount is None or amt + EPS >= k.min_amount) and (
                k.max_amount is None or amt <= k.max_amount + EPS)
            entry.update(target={"min": k.min_amount, "max": k.max_amount}, actual=amt, met=ok)
        entry["infeasible"] = k.id in infeasible
        entry["note"] = notes.get(k.id)
        status.append(entry)
    ordered = [choices[c.id] for c in cands if c.id in choices]
    return Selection([c.id for c in cands if c.id in picked_ids], reserve, spent, ordered,
                     status, infeasible, undecided)


def candidates(result: dict[str, Any], call: Call) -> list[Candidate]:
    """The ranked dossiers that money could go to, in rank order."""
    facts = {d.id: d.facts for d in call.dossiers}
    budget = call.config.budget
    out: list[Candidate] = []
    for d in result["dossiers"]:
        if d["rank"] is None or "below-minimum-grant" in d["flags"]:
            continue
        amount = d["amounts"]["proposed"]
        if budget is not None and amount is None:
            continue
        out.append(Candidate(d["id"], int(d["rank"]), float(amount or 0.0) if budget is not None
                             else 0.0, facts.get(d["id"], {})))
    return out


def apply_constraints(result: dict[str, Any], call: Call) -> dict[str, Any]:
    """Re-select a scored result under the call's ``constraints`` (call after the walk).

    Without constraints the result is returned unchanged.  Otherwise a copy
    where the ranked dossiers' ``selected``, ``reserve`` and ``status`` follow
    :func:`select`, ``selection`` holds the new lists and money, and
    ``constraints`` holds ``items`` (each constraint: target, actual, met,
    infeasible, note), ``choices`` (one explanation per ranked dossier) and
    ``infeasible`` (ids).  Without a budget or ``top`` nothing is selected
    and the constraints are only reported.
    """
    cons = parse_constraints(call.config.constraints, str(call.folder / "call.yaml"))
    if not cons:
        return result
    cfg = call.config
    res = copy.deepcopy(result)
    sel_cfg = cfg.selection
    top = sel_cfg.top if sel_cfg and cfg.budget is None else None
    budget = float(cfg.budget) if cfg.budget is not None else None
    cands = candidates(res, call)
    if budget is None and top is None:
        res["constraints"] = {"items": [], "choices": [], "infeasible": [],
                              "note": "no budget and no top: nothing is selected"}
        return res
    s = select(cands, cons, budget=budget, top=top,
               rule=sel_cfg.rule if sel_cfg else "rank-order",
               reserve_n=sel_cfg.reserve if sel_cfg else 0)
    chosen = set(s.selected)
    reserve = set(s.reserve)
    undecided = set(s.undecided)
    for d in res["dossiers"]:
        if d["rank"] is None:
            continue
        if d["id"] in undecided:
            d["selected"] = None
            d["reserve"] = False
            d["status"] = "classé"
            if "tie-at-line" not in d["flags"]:
                d["flags"].append("tie-at-line")
            continue
        d["flags"] = [f for f in d["flags"] if f != "tie-at-line"]
        d["selected"] = d["id"] in chosen
        d["reserve"] = d["id"] in reserve
        d["status"] = "retenu" if d["selected"] else ("réserve" if d["reserve"] else "non retenu")
    sel = res.get("selection") or {}
    sel.update(selected=s.selected, reserve=s.reserve)
    if budget is not None:
        sel.update(spent=_num(s.spent), remaining=_num(budget - s.spent))
    res["selection"] = sel
    res["constraints"] = {
        "items": s.status,
        "choices": [{"dossier": c.dossier, "selected": c.selected, "why": c.why,
                     "over": c.over, "text": c.text} for c in s.choices],
        "infeasible": s.infeasible,
        "note": None,
    }
    summary: dict[str, int] = {}
    for d in res["dossiers"]:
        summary[d["status"]] = summary.get(d["status"], 0) + 1
    res["summary"] = dict(sorted(summary.items()))
    return res


def infeasible_diagnostics(result: dict[str, Any], file: str) -> list[Diagnostic]:
    """One warning per constraint that no selection met (for the CLI)."""
    out = []
    for item in (result.get("constraints") or {}).get("items", []):
        if item.get("infeasible"):
            out.append(Diagnostic(
                "constraint-infeasible",
                f"the constraint {item['id']} ({item['label']}) cannot be met: "
                f"{item.get('note') or ''}".rstrip(": "),
                Location(file, key_path="constraints"), severity="warning"))
    return out


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def envelope_table(call: Call, entries: Any = (), pct: float = 0.10) -> dict[str, Any] | None:
    """Who enters or leaves the computed selection with the envelope at -pct, 0, +pct.

    Each row re-scores the call (with the journal's consensus values and the
    portfolio constraints, without decisions) with the budget changed; None
    when the call has no budget.  For the committee report's "enveloppe
    +/-10 %" table: ``{"budget", "pct", "rows": [{"delta", "budget", "spent",
    "selected", "enters", "leaves"}]}`` (enters/leaves against the base).
    """
    from .decisions import with_journal
    from .engine import score

    if call.config.budget is None:
        return None
    base_budget = float(call.config.budget)
    merged = with_journal(call, list(entries))
    rows: list[dict[str, Any]] = []
    base_sel: list[str] = []
    for delta in (-pct, 0.0, pct):
        b = base_budget * (1 + delta)
        variant = _with_budget(merged, b)
        res = apply_constraints(score(variant), variant)
        sel = (res.get("selection") or {}).get("selected") or []
        if delta == 0.0:
            base_sel = list(sel)
        rows.append({"delta": delta, "budget": _num(b), "selected": list(sel),
                     "spent": (res.get("selection") or {}).get("spent")})
    for row in rows:
        row["enters"] = [i for i in row["selected"] if i not in base_sel]
        row["leaves"] = [i for i in base_sel if i not in row["selected"]]
    return {"budget": _num(base_budget), "pct": pct, "rows": rows}


def _with_budget(call: Call, budget: float) -> Call:
    import dataclasses

    return dataclasses.replace(call, config=call.config.model_copy(update={"budget": budget}))
