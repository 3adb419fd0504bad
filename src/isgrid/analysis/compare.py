"""Comparing grids: the public entry points (the logic lives in :mod:`isgrid.analysis.comparison`).

``compare(grids, calls)`` gives the whole comparison as plain data: coverage of
the shared dimensions D1..D10, the crosswalk of criteria, the differences
between related grids, and, with one call per grid, how the choice of grid
changes who is selected, plus a projection of each call's dossiers onto the
other grids (always labelled as an approximation, never a score).
"""

from __future__ import annotations

from .comparison.build import compare, match_calls
from .comparison.coverage import coverage, crosswalk, shares
from .comparison.csvtable import compare_csv, coverage_csv
from .comparison.diff import grid_diff, relation
from .comparison.output import render, render_bytes
from .comparison.projection import project
from .comparison.results import compare_results, kendall_tau_b

__all__ = [
    "compare",
    "compare_csv",
    "compare_results",
    "coverage",
    "coverage_csv",
    "crosswalk",
    "grid_diff",
    "kendall_tau_b",
    "match_calls",
    "project",
    "relation",
    "render",
    "render_bytes",
    "shares",
]
