"""A grid given as an object (an analyst's ``Grid`` built with ``model_copy``: weights
perturbed, criteria moved), checked as :func:`isgrid.grid.load.load_grid` checks a grid's
file: its model validated again (``model_copy`` validates nothing: a weight -1, nan, 1e308
or the text "2" went on to be scored) and :func:`isgrid.grid.check.check_grid`'s rules;
the same checks, never restated here."""

from __future__ import annotations

from ..errors import Collector, Diagnostic
from ..io.yamlio import Doc
from .check import check_grid
from .load import _validate, dimensions
from .model import Grid


def checked_grid(grid: Grid, file: str) -> tuple[Grid | None, list[Diagnostic]]:
    """``grid`` validated again (its values as the model reads them: « 2 » the number 2),
    and the problems found (located at their key path in ``file``, a name such as
    ``Scenario``); None when one is an error."""
    diags = Collector()
    # warnings=False: a text where a number is (« 2 ») is read by the validation below
    data = grid.model_dump(by_alias=True, exclude_defaults=True, warnings=False)
    doc = Doc(data, file)
    new = _validate(data, doc, diags)
    if new is None or diags.errors:
        return None, diags.items
    # what load_grid marked on the grid (provenance, notes' grids): the given grid's
    new.mark_changed_without_provenance(grid.changed_without_provenance())
    new.mark_stale_weight_entries(grid.stale_weight_entries())
    new.mark_note_grids(grid.note_grids())
    check_grid(new, doc, diags, dimensions(), in_call=True)
    return (None if diags.errors else new), diags.items
