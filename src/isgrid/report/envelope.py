"""The committee report's "enveloppe ±10 %" table (issue 6).

Who enters or leaves the computed selection if the envelope were 10 % smaller
or larger.  The ranking does not depend on the budget, so the walk is simply
run again on the ranked dossiers (cheap even for 20,000 dossiers); when the
call has portfolio constraints or a partial grant, whose effects do not
reduce to a walk, every variant is re-scored in full
(:func:`isgrid.constraints.envelope_table`).
"""

from __future__ import annotations

from typing import Any

from ..callmodel import Call
from ..select import Entry, walk_budget

_UNSELECTABLE = ("unknown:amount_requested", "unknown:eligible_costs", "below-minimum-grant")


def envelope_rows(call: Call, result: dict[str, Any], pct: float = 0.10) -> dict[str, Any] | None:
    """``{"budget", "pct", "rows": [{"delta", "budget", "spent", "selected", "enters",
    "leaves"}]}`` for the envelope at -pct, 0, +pct; None without a budget."""
    cfg = call.config
    if cfg.budget is None:
        return None
    ranked = [d for d in result["dossiers"] if d["rank"] is not None]
    if cfg.constraints or any("partial-grant" in d["flags"] for d in ranked):
        from ..constraints import envelope_table
        from ..journal import read_journal

        return envelope_table(call, read_journal(call.folder), pct)
    base = float(cfg.budget)
    rule = cfg.selection.rule if cfg.selection else "rank-order"
    reserve = cfg.selection.reserve if cfg.selection else 0
    top = cfg.selection.top if cfg.selection else None
    funding = cfg.funding
    rows: list[dict[str, Any]] = []
    for delta in (-pct, 0.0, pct):
        entries = []
        for d in ranked:
            proposed = d["amounts"]["proposed"]
            e = Entry(d["id"], (), [], None if proposed is None else float(proposed),
                      selectable=proposed is not None
                      and not any(f in d["flags"] for f in _UNSELECTABLE))
            e.rank = d["rank"]
            entries.append(e)
        walk = walk_budget(entries, round(base * (1 + delta), 2), rule,
                           partial=bool(funding and funding.partial),
                           minimum=float(funding.minimum) if funding and funding.minimum
                           else None, reserve_n=reserve, top=top)
        b = round(base * (1 + delta), 2)
        rows.append({"delta": delta, "budget": int(b) if b.is_integer() else b,
                     "spent": walk.spent, "selected": walk.selected})
    base_sel = rows[1]["selected"]
    for row in rows:
        row["enters"] = [i for i in row["selected"] if i not in base_sel]
        row["leaves"] = [i for i in base_sel if i not in row["selected"]]
    return {"budget": int(base) if base.is_integer() else base, "pct": pct, "rows": rows}
