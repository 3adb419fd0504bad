"""A scenario: the call with some of its inputs changed, scored by the one pipeline.

Calibration (a juror left out, a rating moved by one level), sensitivity
(ratings resampled, weights perturbed), the envelope at ±10 %, grid projection
and self-assessment re-run :func:`isgrid.engine.score` with a :class:`Scenario`;
none of them has an engine of its own.

What a scenario gives is checked before anything is scored, and refused with a
:class:`~isgrid.errors.UsageError` (code ``bad-scenario``, or call.yaml's own
``call-invalid`` for the budget) rather than scored wrongly: ratings are
:class:`Ratings`, matched to the call's dossiers and to the grid's criteria by id,
never by position; a grid must not have criteria that no rating of the call can fill;
a budget is read and checked as call.yaml's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..call.config import SCENARIO_KEYS, with_setting
from ..call.journal import Entry
from ..call.model import Call, Consensus, Funding
from ..call.model import Selection as SelectionRules
from ..errors import Collector, Diagnostic, GridError, Location, Message, UsageError
from ..grid.load import LoadedGrid, grid_hash
from ..grid.model import Grid
from ..grid.scales import levels_hint, parse_value
from ..i18n import N_

#: Where a scenario's problems are said to be (``Scenario (budget): …``).
WHERE = "Scenario"
#: What to read when a scenario is refused.
_SEE = "docs/api.md"
#: the headline of a scenario's call.yaml key refused
_REFUSED = {"budget": N_("the scenario's budget is not an amount"),
            "funding": N_("the scenario's funding rules are not valid"),
            "selection": N_("the scenario's selection is not valid")}
#: What a scenario may replace, in the order the result's ``scenario.replaced`` names them
REPLACEABLE = ("table", "grid", "budget", "funding", "selection", "journal", "decisions",
               "consensus")


@dataclass
class Ratings:
    """Rating columns for a scenario, with their dossier, assessor and criterion ids.

    Only what the engine's aggregate stage reads (:func:`isgrid.engine.aggregate.cell_stats`):
    per rating row, ``dossier``, ``assessor`` and ``criterion`` (indices into the id
    lists), ``value`` (a float, NaN for none) and ``na`` (an explicit n/a).
    :meth:`of` gives a call's ratings as new columns to change.
    """

    dossier_ids: list[str]
    criterion_ids: list[str]
    assessor_ids: list[str]
    dossier: Any
    assessor: Any
    criterion: Any
    value: Any
    na: Any
    distinct_values: frozenset[float] | None = field(default=None)

    def __len__(self) -> int:
        return len(self.dossier)

    @classmethod
    def of(cls, table: Any) -> Ratings:
        """The ratings of ``table`` (a call's ``call.table``, or Ratings) as copies that
        may be changed: numpy arrays, ``value`` of floats, ``na`` of booleans."""
        return cls(list(table.dossier_ids), list(table.criterion_ids),
                   list(table.assessor_ids),
                   np.array(table.dossier, dtype=np.int64),
                   np.array(table.assessor, dtype=np.int64),
                   np.array(table.criterion, dtype=np.int64),
                   np.array(table.value, dtype=np.float64),
                   np.array(table.na, dtype=bool))

    def row(self, dossier: str, assessor: str, criterion: str) -> int:
        """The row of ``assessor``'s rating of ``criterion`` for ``dossier``
        (:class:`KeyError` when there is none)."""
        try:
            ids = (self.dossier_ids.index(dossier), self.assessor_ids.index(assessor),
                   self.criterion_ids.index(criterion))
        except ValueError:
            raise KeyError((dossier, assessor, criterion)) from None
        hit = np.flatnonzero((np.asarray(self.dossier) == ids[0])
                             & (np.asarray(self.assessor) == ids[1])
                             & (np.asarray(self.criterion) == ids[2]))
        if not len(hit):
            raise KeyError((dossier, assessor, criterion))
        return int(hit[0])


@dataclass(frozen=True)
class Scenario:
    """What changes from the call as loaded (every field: None keeps the call's).

    * ``table``: the ratings replaced, a :class:`Ratings` (``Ratings.of(call.table)``
      with some values changed, a juror's rows left out, a resample); its dossiers and
      criteria are matched to the call's by id;
    * ``grid``: another grid, a :class:`~isgrid.grid.load.LoadedGrid` (what
      ``load_grid`` gives) or a :class:`~isgrid.grid.model.Grid` (``call.grid.grid``
      with weights perturbed, criteria moved or removed); its criteria are matched to
      the ratings by id, the ratings of a criterion it does not have are left out, and
      a criterion no rating can fill is refused;
    * ``budget``: another envelope, read and checked as call.yaml's ``budget``;
    * ``funding``, ``selection``: call.yaml's blocks changed, read and checked as
      call.yaml's (:func:`isgrid.call.config.with_setting`): a mapping of the keys that
      change (``{"rate": 0.4}``, ``{"rule": "skip", "reserve": 3}``), the others kept;
    * ``journal``: the journal's entries (None: read the call's ``journal.jsonl``;
      ``()``: none);
    * ``decisions``: False applies the journal's consensus values only, not its
      decisions and withdrawals (the jury's proposal);
    * ``consensus``: call.yaml's consensus values replaced (``call.config.consensus``
      without one: what that value did, :mod:`isgrid.engine.consensus_effect`), each an
      :class:`isgrid.call.model.Consensus` on a dossier and a criterion of the call.
    """

    table: Ratings | None = None
    grid: Grid | LoadedGrid | None = None
    budget: float | str | None = None
    funding: Mapping[str, Any] | Funding | None = None
    selection: Mapping[str, Any] | SelectionRules | None = None
    journal: Sequence[Entry] | None = None
    decisions: bool = True
    consensus: Sequence[Consensus] | None = None

    def replaced(self, same_journal: bool = False) -> tuple[str, ...]:
        """What this scenario replaces of the call as its files are, in this order:
        ``table``, ``grid``, ``budget``, ``funding``, ``selection``, ``journal`` (unless ``same_journal``: the entries
        given are the call's own), ``decisions`` (the journal's decisions left out),
        ``consensus``; () for none (the result's ``scenario``, docs/result.md)."""
        given = {"table": self.table is not None, "grid": self.grid is not None,
                 "budget": self.budget is not None, "funding": self.funding is not None,
                 "selection": self.selection is not None,
                 "journal": self.journal is not None and not same_journal,
                 "decisions": not self.decisions, "consensus": self.consensus is not None}
        return tuple(name for name in REPLACEABLE if given[name])

    def apply(self, call: Call) -> Call:
        """The call as this scenario sees it (a new object; ``call`` is not changed).

        Raise :class:`~isgrid.errors.UsageError` when the scenario does not fit the call.
        """
        changes: dict[str, Any] = {}
        loaded = call.grid
        given = call.config.consensus
        if self.consensus is not None:
            given = checked_consensus(self.consensus, call)
            changes["config"] = call.config.model_copy(update={"consensus": given})
        if self.grid is not None:
            loaded = changes["grid"] = scenario_grid(self.grid, call.grid)
            kept = [c for c in given
                    if c.criterion in {x.id for x in loaded.grid.criteria()}]
            if len(kept) != len(given):  # a criterion it removed
                changes["config"] = call.config.model_copy(update={"consensus": kept})
        if self.table is not None or loaded is not call.grid:
            table = call.table if self.table is None else checked_ratings(self.table)
            changes["table"] = fitted(table, call, loaded.grid)
        for key in SCENARIO_KEYS:
            value = getattr(self, key)
            if value is None:
                continue
            diags = Collector()
            config = with_setting(changes.get("config", call.config), key, value, WHERE, diags)
            if config is None:
                raise UsageError(_REFUSED[key], diags.items)
            changes["config"] = config
        return dataclasses.replace(call, **changes) if changes else call


def _refuse(headline: str, message: Message, key: str, hint: Message,
            code: str = "bad-scenario") -> UsageError:
    """``headline``: a ``N_()`` text, which ``e.text("fr")`` says in French."""
    diags = Collector()
    diags.add(code, message, Location(WHERE, key_path=key), hint=hint)
    return UsageError(headline, diags.items)


def checked_consensus(given: Sequence[Any], call: Call) -> list[Consensus]:
    """``given`` as a list when each is a :class:`Consensus` on one of the call's dossiers
    and criteria, else refused."""
    dossiers = {d.id for d in call.dossiers}
    g = call.grid.grid
    criteria = {c.id: c for c in g.criteria()}
    # call.yaml's own values, given back as they are, were read on their scales when the
    # call was loaded: not parsed again (the minutes' consensus effects give a scenario
    # with every value of the call, once per value)
    loaded = {id(c) for c in call.config.consensus}
    for i, c in enumerate(given):
        if not isinstance(c, Consensus) or c.dossier not in dossiers \
                or c.criterion not in criteria:
            raise _refuse(N_("the scenario's consensus values do not fit the call"), Message(
                "Scenario(consensus=…) takes values of isgrid.call.model.Consensus on the "
                "call's dossiers and criteria, not {value}", value=repr(c)), "consensus",
                Message("Give call.config.consensus, some left out or changed; see {doc}.",
                        doc=_SEE))
        # on its criterion's scale, as call.yaml's and the journal's consensus values are
        # read (isgrid.engine.consensus.journal_consensus: the scale's parse_value); off
        # it, the value was dropped and the jurors' aggregate scored in its place
        if id(c) in loaded:
            continue
        scale = criteria[c.criterion].scale
        parsed = parse_value(c.value, g.scales[scale], scale, call.config.lang)
        if parsed.error or parsed.value is None:
            raise _refuse(N_("the scenario's consensus values do not fit the call"), Message(
                "consensus value: {value}", value=parsed.error or Message("no value")),
                f"consensus[{i}].value", levels_hint(g.scales[scale]), code="bad-consensus")
    return list(given)


def scenario_grid(grid: Any, call_grid: LoadedGrid) -> LoadedGrid:
    """The grid a scenario scores with, with its own hash and parents (the result's
    ``grid`` block states them): a LoadedGrid as given; a Grid hashed as ``load_grid``
    hashes one, its parents those of the grid it ``extends``."""
    if isinstance(grid, LoadedGrid):
        return grid
    if not isinstance(grid, Grid):
        raise _refuse(N_("the scenario's grid is not a grid"), Message(
            "Scenario(grid=…) takes a grid, not {type}", type=type(grid).__name__), "grid",
            Message("Give isgrid.load_grid(GRID), or a Grid such as call.grid.grid "
                    "changed; see {doc}.", doc=_SEE))
    if grid is call_grid.grid:
        return call_grid
    grid = _checked_grid(grid)
    parents: list[str] = []
    if grid.extends == call_grid.grid.extends:
        parents = list(call_grid.chain[1:])
    elif grid.extends:
        from ..grid.load import load_grid

        try:
            parents = list(load_grid(grid.extends).chain)
        except GridError:  # a parent that is no shipped grid: named, not followed
            parents = [grid.extends.split("@")[0]]
    return LoadedGrid(grid, grid_hash(grid), call_grid.path, [grid.id, *parents], [],
                      list(call_grid.paths))


def _checked_grid(grid: Grid) -> Grid:
    """``grid`` checked as ``load_grid`` checks a grid (:func:`isgrid.grid.given.checked_grid`:
    a weight negative, nan or infinite, a text where a number is…), each error a
    ``bad-scenario`` at its key path under ``grid``, before anything is scored."""
    from ..grid.given import checked_grid

    checked, found = checked_grid(grid, WHERE)
    if checked is not None:
        return checked
    raise UsageError(N_("the scenario's grid is not a valid grid"), [
        Diagnostic("bad-scenario", d.message, Location(WHERE, key_path=".".join(
            x for x in ("grid", d.location.key_path) if x)), hint=d.hint)
        for d in found if d.severity == "error"])


def checked_ratings(table: Any) -> Ratings:
    """``table`` when it is :class:`Ratings` whose columns fit together, else refused."""
    if not isinstance(table, Ratings):
        raise _refuse(N_("the scenario's ratings are not isgrid.Ratings"), Message(
            "Scenario(table=…) takes isgrid.Ratings, not {type}", type=type(table).__name__),
            "table", Message("isgrid.Ratings.of(call.table) gives the call's ratings as "
                             "columns to change; see {doc}.", doc=_SEE))
    cols = [np.asarray(getattr(table, k)) for k in ("dossier", "assessor", "criterion",
                                                     "value", "na")]
    fits = len({len(c) for c in cols}) == 1 and all(c.ndim == 1 for c in cols)
    for col, ids in zip(cols[:3], (table.dossier_ids, table.assessor_ids,
                                   table.criterion_ids), strict=True):
        fits = fits and (not len(col) or (col.dtype.kind in "iu" and int(col.min()) >= 0
                                          and int(col.max()) < len(ids)))
    if not fits:
        raise _refuse(N_("the scenario's ratings do not fit together"), Message(
            "Scenario(table=…): its columns dossier, assessor, criterion, value and na are "
            "not of one length, or an index is not one of its ids"), "table",
            Message("Change the values of isgrid.Ratings.of(call.table), or give columns of "
                    "one length whose indices point into dossier_ids, assessor_ids and "
                    "criterion_ids."))
    return table


def fitted(table: Any, call: Call, grid: Grid) -> Any:
    """``table``'s ratings with the call's dossier ids and ``grid``'s criteria, in their
    order (what the aggregate's columns are): matched by id, never by position.  The
    ratings of a criterion ``grid`` does not have are left out; a criterion of ``grid``
    no rating can fill, or a rating of a dossier the call does not have, is refused."""
    wanted = [c.id for c in grid.criteria()]
    have = set(table.criterion_ids)
    unrated = [cid for cid in wanted if cid not in have]
    if unrated:
        raise _refuse(N_("the scenario's grid does not fit the call's ratings"), Message(
            "the grid {grid} has criteria that no rating of the call fills: {ids}",
            grid=grid.id, ids=", ".join(unrated)), "grid", Message(
            "A scenario's grid is matched to the ratings by criterion id: give the call's "
            "grid changed (weights, criteria moved or removed), such as call.grid.grid; "
            "see {doc}.", doc=_SEE))
    dossiers = list(call.table.dossier_ids)
    if list(table.criterion_ids) == wanted and list(table.dossier_ids) == dossiers:
        return table
    d_at = _positions(table.dossier_ids, dossiers)
    c_at = _positions(table.criterion_ids, wanted)
    d = d_at[np.asarray(table.dossier, dtype=np.int64)]
    c = c_at[np.asarray(table.criterion, dtype=np.int64)]
    if (d < 0).any():
        strange = sorted({table.dossier_ids[i] for i in
                          np.asarray(table.dossier, dtype=np.int64)[d < 0].tolist()})
        raise _refuse(N_("the scenario's ratings do not fit the call"), Message(
            "Scenario(table=…) has ratings of dossiers the call does not have: {ids}",
            ids=", ".join(strange)), "table", Message(
            "Build the ratings from the call's: isgrid.Ratings.of(call.table)."))
    keep = c >= 0
    return Ratings(dossiers, wanted, list(table.assessor_ids), d[keep],
                   np.asarray(table.assessor, dtype=np.int64)[keep], c[keep],
                   np.asarray(table.value, dtype=np.float64)[keep],
                   np.asarray(table.na, dtype=bool)[keep],
                   getattr(table, "distinct_values", None))


def _positions(ids: Sequence[str], target: Sequence[str]) -> Any:
    """For each of ``ids``, its index in ``target`` (-1: not there)."""
    where = {x: i for i, x in enumerate(target)}
    return np.array([where.get(x, -1) for x in ids], dtype=np.int64)
