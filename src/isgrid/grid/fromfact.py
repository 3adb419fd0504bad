"""A criterion whose value is a dossier fact (``from_fact``), never rated.

The second stage of a call in two stages counts the first stage's total (« 40 % écrit,
60 % audition »): a criterion of the grid, weighted as any other, whose value per dossier is
the fact ``from_fact`` (``written_total: 88.33``), taken as it is between its scale's lowest
and highest levels.  Nobody rates it (:meth:`isgrid.grid.model.Criterion.rated_by_role`):
no workbook column, no rating awaited, no point « fort » or « à améliorer ».  Its value is
put in the aggregate stage's matrices (:func:`isgrid.engine.aggregate.fact_columns`); this
module says what a grid must declare for it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import Collector, Location, Message, Quote
from .model import Criterion, Grid

#: the fact types a criterion's value may be read from
NUMBER_TYPES = ("number", "integer")


def check_from_fact(grid: Grid, c: Criterion, where: Callable[[str | None], Location],
                    diags: Collector) -> None:
    """The rules of ``from_fact`` on ``c`` (``where(field)``: the criterion's location):
    a scored grid; not eliminatory; a declared ``number`` or ``integer`` fact bounded by
    ``minimum`` and ``maximum`` within the scale's range (the dossiers' values are checked
    against those bounds when they are read, so the total never leaves 0..out_of)."""
    if c.from_fact is None:
        return
    loc = where("from_fact")
    if grid.resolved_mode() != "scored":
        diags.add("mode-mismatch", Message(
            "only a scored grid counts a fact as a criterion ({criterion})",
            criterion=Quote(c.id)), loc)
    if c.eliminatory:
        diags.add("eliminatory-scale", Message(
            "the eliminatory criterion {criterion} is rated: no from_fact",
            criterion=Quote(c.id)), loc)
    spec = grid.facts.get(c.from_fact)
    if spec is None:
        diags.add("unknown-fact", Message(
            "the criterion {criterion} reads the fact {fact}, which the grid does not "
            "declare", criterion=Quote(c.id), fact=Quote(c.from_fact)), loc,
            hint=Message("Declare it under `facts:` (in call.yaml: `set: facts.{fact}: "
                         "{{type: number, minimum: 0, maximum: 100}}`).", fact=c.from_fact))
        return
    scale = grid.scales.get(c.scale)
    if spec.type not in NUMBER_TYPES:
        diags.add("unknown-fact", Message(
            "the criterion {criterion} reads the fact {fact}, of type {type}: a number is "
            "needed", criterion=Quote(c.id), fact=Quote(c.from_fact), type=spec.type), loc,
            hint=Message("Declare the fact `type: number` (or `integer`), with a `minimum` "
                         "and a `maximum`."))
    elif scale is not None and (
            spec.minimum is None or spec.maximum is None
            or not scale.min <= spec.minimum <= spec.maximum <= scale.max):
        diags.add("bad-scale", Message(
            "the fact {fact} that {criterion} reads needs a minimum and a maximum within "
            "its scale ({min}..{max})", fact=Quote(c.from_fact), criterion=Quote(c.id),
            min=format(scale.min, "g"), max=format(scale.max, "g")), loc,
            hint=Message("Give the fact `minimum: {min}` and `maximum: {max}`: a dossier's "
                         "value outside them is then refused where it is written.",
                         min=format(scale.min, "g"), max=format(scale.max, "g")))
