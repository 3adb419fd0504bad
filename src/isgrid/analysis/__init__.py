"""Analyses that re-run the pipeline through a :class:`~isgrid.engine.Scenario`:
the envelope at ±10 % (:mod:`.envelope`), calibration and sensitivity
(:mod:`isgrid.jury`), grid projection (:mod:`isgrid.analysis.comparison`)."""
