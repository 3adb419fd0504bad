"""The engine: one typed, staged pipeline that every feature calls.

Stages, one module each, in the order they run: aggregate (:mod:`isgrid.engine.aggregate`),
:mod:`.eligibility`, judge (:mod:`isgrid.engine.judge`), :mod:`.rank`, :mod:`.select`,
:mod:`.decide`, :mod:`.status`; :mod:`.pipeline` chains them; :mod:`.result` is
the typed result; :mod:`.scenario` is how a script re-runs the pipeline with a change; the analyses'
thousands of variants run the same stages in batches (:mod:`.batch`, :mod:`.arrays`),
held equal to it by tests (docs/engine.md §8).
"""

from __future__ import annotations

from .pipeline import RESULT_FORMAT, propose, rules_of, score
from .result import Budget, Cell, DossierResult, Result, Selection, Standing
from .scenario import Ratings, Scenario

__all__ = ["RESULT_FORMAT", "Budget", "Cell", "DossierResult", "Ratings", "Result",
           "Scenario", "Selection", "Standing", "propose", "rules_of", "score"]
