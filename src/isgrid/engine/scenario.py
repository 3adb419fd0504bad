"""A scenario: the call with some of its inputs changed, scored by the one pipeline.

Calibration (a juror left out, a rating moved by one level), sensitivity
(ratings resampled, weights perturbed), the envelope at ±10 %, grid projection
and self-assessment re-run :func:`isgrid.engine.score` with a :class:`Scenario`;
none of them has an engine of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..call.journal import Entry
from ..call.model import Call
from ..grid.model import Grid


@dataclass(frozen=True)
class Scenario:
    """What changes from the call as loaded (every field: None keeps the call's).

    * ``table``: the ratings replaced, as columns with the call's ids (what the
      aggregate stage reads, :func:`isgrid.engine.aggregate.cell_stats`; e.g.
      :class:`isgrid.analysis.rescoring.Ratings`): resampled, one juror left out, one
      rating moved;
    * ``grid``: another grid (weights perturbed, a grid projected);
    * ``budget``: another envelope;
    * ``journal``: the journal's entries (None: read the call's ``journal.jsonl``;
      ``()``: none);
    * ``decisions``: False applies the journal's consensus values only, not its
      decisions and withdrawals (the jury's proposal).
    """

    table: Any = None
    grid: Grid | None = None
    budget: float | None = None
    journal: Sequence[Entry] | None = None
    decisions: bool = True

    def apply(self, call: Call) -> Call:
        """The call as this scenario sees it (a new object; ``call`` is not changed)."""
        changes: dict[str, Any] = {}
        if self.table is not None:
            changes["table"] = self.table
        if self.grid is not None:
            changes["grid"] = dataclasses.replace(call.grid, grid=self.grid)
        if self.budget is not None:
            changes["config"] = call.config.model_copy(update={"budget": self.budget})
        return dataclasses.replace(call, **changes) if changes else call
