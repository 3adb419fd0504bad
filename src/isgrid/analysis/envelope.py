"""The « enveloppe ±10 % » table: who enters or leaves the selection with another budget.

Before any decision the table is about the jury's proposal: the ranking does not
depend on the budget, so each row walks the result's ranked candidates again
(:func:`isgrid.engine.select.walk`, the one walk) with the budget changed: consensus
values of the journal and the portfolio constraints apply.

Once a decision or a withdrawal is recorded (review s18 F3: the minutes listed a
withdrawn and a refused dossier as funded at the call's budget, and as « entrent » at
+10 % dossiers the adopted list held), a document that gives the call (``call``)
reads the engine's decided selection instead: each row is the call scored again with
the budget changed and the same journal (:class:`isgrid.engine.Scenario`), its
:attr:`~isgrid.engine.Result.current` selection; nothing is recomputed here.  Once
the vote adopted the list (:attr:`~isgrid.engine.Result.list_voted`) the table is a
question nobody asks any more: the vote fixed who is funded and for how much, and the
reserve was decided with it, so a larger budget would not fund the next dossiers
without another deliberation.  The table is then ``closed`` (no rows): the documents
say so in a sentence instead of printing it.

Without ``call`` the table stays the jury's proposal, as its note says; the documents
and the séance dashboard (``isgrid watch``) all give it, with the journal the result was
scored with (the dashboard showed the proposal under the minutes' decided selection).
Budgets are rounded to the cent.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..engine import Budget, Result
from ..engine.select import walk
from ..vocabulary import num

if TYPE_CHECKING:
    from ..call.journal import Entry
    from ..call.model import Call


def envelope_table(result: Result, pct: float = 0.10, *, call: Call | None = None,
                   journal: Sequence[Entry] | None = None) -> dict[str, Any] | None:
    """``{"budget", "pct", "decided", "closed", "note", "rows": [{"delta", "budget", "spent",
    "selected", "enters", "leaves"}]}`` for the envelope at -pct, 0, +pct; None when the
    call has no budget.

    ``call`` (with ``journal``, the entries ``result`` was scored with; None reads the
    call's journal.jsonl): once anything is decided, the rows are the decided selection
    (``decided``), or none once the list is adopted (``closed``), as the module says.
    ``note``: the key of the sentence the documents print under the title."""
    rules = result.rules
    if rules is None or rules.budget is None:
        return None
    base = float(rules.budget)
    decided = call is not None and result.journal.decided
    if decided and result.list_voted:
        return {"budget": num(base), "pct": pct, "decided": True, "closed": True, "rows": [],
                "note": "envelope.closed"}
    rows: list[dict[str, Any]] = []
    for delta in (-pct, 0.0, pct):
        b = round(base * (1 + delta), 2)
        if decided:
            now = result.current if delta == 0.0 else _decided_at(call, journal, b)
            assert now is not None
            rows.append({"delta": delta, "budget": num(b), "selected": list(now.selected),
                         "spent": num(now.committed)})
            continue
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
    return {"budget": num(base), "pct": pct, "decided": decided, "closed": False, "rows": rows,
            "note": "envelope.note.decided" if decided else "envelope.note"}


def _decided_at(call: Call | None, journal: Sequence[Entry] | None, budget: float
                ) -> Budget | None:
    """The decided selection of ``call`` scored with ``budget`` and the same journal."""
    from ..engine import Scenario, score

    assert call is not None
    return score(call, Scenario(budget=budget, journal=journal)).current
