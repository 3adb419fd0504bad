"""The « enveloppe ±10 % » table: who enters or leaves the proposal with another budget.

The ranking does not depend on the budget, so each row walks the result's
ranked candidates again (:func:`isgrid.engine.select.walk`, the one walk) with
the budget changed: consensus values of the journal and the portfolio
constraints apply, decisions do not (it is about the jury's proposal).
Budgets are rounded to the cent.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..engine import Result
from ..engine.select import walk
from ..vocabulary import num


def envelope_table(result: Result, pct: float = 0.10) -> dict[str, Any] | None:
    """``{"budget", "pct", "rows": [{"delta", "budget", "spent", "selected", "enters",
    "leaves"}]}`` for the envelope at -pct, 0, +pct; None when the call has no budget."""
    rules = result.rules
    if rules is None or rules.budget is None:
        return None
    base = float(rules.budget)
    rows: list[dict[str, Any]] = []
    for delta in (-pct, 0.0, pct):
        b = round(base * (1 + delta), 2)
        # who is taken and the money spent only (explain=False: the same walk)
        w = walk(result.candidates, dataclasses.replace(rules, budget=b), explain=False)
        rows.append({"delta": delta, "budget": num(b), "selected": list(w.selected),
                     "spent": num(w.spent)})
    base_sel = rows[1]["selected"]
    in_base = set(base_sel)  # sets: a national call selects thousands of dossiers
    for row in rows:
        here = set(row["selected"])
        row["enters"] = [i for i in row["selected"] if i not in in_base]
        row["leaves"] = [i for i in base_sel if i not in here]
    return {"budget": num(base), "pct": pct, "rows": rows}
