"""Re-scoring a call with changed ratings or weights, through the one engine.

Calibration and sensitivity score the same call many times: one juror left out,
one rating moved by a level, jurors resampled, weights perturbed.  Each variant
is a :class:`~isgrid.engine.Scenario` given to :func:`isgrid.engine.score`: the
ratings of the scoring criteria are replaced (eliminatory criteria, facts,
money and the journal's consensus values stay as they are, so eligibility is
held fixed: people rate eligibility, not the jury's numbers), decisions are
left out (the analyses are about the jury's proposal).

This is the reference path: calibration and sensitivity themselves run the engine's
stages in batches (:mod:`isgrid.engine.batch`, :mod:`isgrid.engine.arrays`: thousands
of variants of a national call), and tests/engine/test_batch.py and test_arrays.py hold
that performance path equal to this one (docs/engine.md §8).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..call.deports import conflict_pairs, conflicted_rows
from ..call.journal import journal_of
from ..call.model import Call
from ..call.ratings import dossier_index
from ..engine import Result, Scenario, Standing, propose
from ..engine.scenario import Ratings as Ratings
from ..errors import CallError, Diagnostic, Location, Message
from ..grid.items import mode_key
from ..grid.model import Grid
from ..messages import CatalogText
from ..vocabulary import Mode

#: (dossier, criterion) -> assessor -> value (usable ratings of scoring criteria only)
Values = dict[tuple[str, str], dict[str, float]]


@dataclass
class Outcome:
    """One run: per dossier its total, rank and selection (the jury's proposal)."""

    total: dict[str, float | None]
    rank: dict[str, int | None]
    selected: dict[str, bool | None]
    rankable: dict[str, bool]

    @classmethod
    def of(cls, standings: Iterable[Standing]) -> Outcome:
        rows = list(standings)
        return cls({s.id: s.total for s in rows}, {s.id: s.rank for s in rows},
                   {s.id: s.selected for s in rows}, {s.id: s.rank is not None for s in rows})


def outcome_of(ids: list[str], p: Any) -> Outcome:
    """A :class:`~isgrid.engine.batch.Proposal` (lists by dossier index) as an Outcome."""
    return Outcome(dict(zip(ids, p.total, strict=True)), dict(zip(ids, p.rank, strict=True)),
                   dict(zip(ids, p.selected, strict=True)),
                   {d: r is not None for d, r in zip(ids, p.rank, strict=True)})


def not_scored(call: Call, what: str) -> CallError:
    return CallError(f"{what} needs a scored grid", [Diagnostic(
        "mode-mismatch", Message("{what} works on totals; this grid is a {mode}",
                                 what=what, mode=CatalogText("common", mode_key(call.grid.grid))),
        Location(str(call.folder / "call.yaml"), key_path="grid"),
        hint="Calibration and sensitivity apply to scored grids.")])


class Rescorer:
    """A call, its result, and the way to score variants of its ratings."""

    def __init__(self, call: Call, result: Result) -> None:
        g = call.grid.grid
        if Mode(g.resolved_mode()) != Mode.SCORED:
            raise not_scored(call, Message("this analysis"))
        self.call = call
        self.grid = g
        self.result = result
        self.journal = journal_of(call)
        self.ids = [d.id for d in call.dossiers]
        self.eligible = {d.id: d.eligible for d in result.dossiers}
        self.base = Outcome.of(Standing(d.id, d.total, d.rank, d.computed.selected, d.eligible,
                                        d.computed.status)
                               for d in result.dossiers)
        self._scoring = {c.id for c in g.criteria() if not c.eliminatory}
        self._kept = self._fixed_rows()
        self.base_values = self._usable()

    @property
    def has_line(self) -> bool:
        sel = self.call.config.selection
        return self.call.config.budget is not None or (sel is not None and sel.top is not None)

    def _conflicted(self) -> Any:
        table = self.call.table
        return conflicted_rows(table, conflict_pairs(table, self.call.config.conflicts))

    def _scoring_rows(self) -> Any:
        table = self.call.table
        scoring = np.array([cid in self._scoring for cid in table.criterion_ids], dtype=bool)
        crit = np.asarray(table.criterion, dtype=np.int64)
        return scoring[crit] if len(crit) else np.zeros(0, dtype=bool)

    def _fixed_rows(self) -> Any:
        """Rows that no variant changes: eliminatory criteria (eligibility is held fixed)."""
        return ~self._scoring_rows() & ~self._conflicted()

    def _usable(self) -> Values:
        """The usable ratings (not n/a, not empty, not from a déport) of scoring criteria."""
        table = self.call.table
        value = np.asarray(table.value, dtype=np.float64)
        keep = self._scoring_rows() & ~self._conflicted() & ~np.asarray(table.na, dtype=bool) \
            & ~np.isnan(value)
        out: Values = {}
        d_ids, a_ids, c_ids = table.dossier_ids, table.assessor_ids, table.criterion_ids
        for di, ai, ci, v in zip(np.asarray(table.dossier)[keep].tolist(),
                                 np.asarray(table.assessor)[keep].tolist(),
                                 np.asarray(table.criterion)[keep].tolist(),
                                 value[keep].tolist(), strict=True):
            out.setdefault((d_ids[di], c_ids[ci]), {})[a_ids[ai]] = float(v)
        return out

    def ratings(self, values: Values) -> Ratings:
        """The call's fixed rows, and ``values`` as the scoring criteria's ratings."""
        table = self.call.table
        kept = self._kept
        assessors = list(table.assessor_ids)
        amap = {a: i for i, a in enumerate(assessors)}
        dmap = dossier_index(table)
        cmap = {c: i for i, c in enumerate(table.criterion_ids)}
        rows_d: list[int] = []
        rows_a: list[int] = []
        rows_c: list[int] = []
        rows_v: list[float] = []
        for (did, cid), by in values.items():
            for aid, v in by.items():
                ai = amap.get(aid)
                if ai is None:
                    ai = amap[aid] = len(assessors)
                    assessors.append(aid)
                rows_d.append(dmap[did])
                rows_a.append(ai)
                rows_c.append(cmap[cid])
                rows_v.append(v)
        return Ratings(
            table.dossier_ids, table.criterion_ids, assessors,
            np.concatenate([np.asarray(table.dossier, np.int64)[kept],
                            np.asarray(rows_d, np.int64)]),
            np.concatenate([np.asarray(table.assessor, np.int64)[kept],
                            np.asarray(rows_a, np.int64)]),
            np.concatenate([np.asarray(table.criterion, np.int64)[kept],
                            np.asarray(rows_c, np.int64)]),
            np.concatenate([np.asarray(table.value, np.float64)[kept],
                            np.asarray(rows_v, np.float64)]),
            np.concatenate([np.asarray(table.na, bool)[kept],
                            np.zeros(len(rows_v), dtype=bool)]))

    def run(self, values: Values, grid: Grid | None = None) -> Outcome:
        """Score the call with these ratings (and this grid): the engine's proposal."""
        scenario = Scenario(table=self.ratings(values), grid=grid, journal=self.journal,
                            decisions=False)
        return Outcome.of(propose(self.call, scenario))
