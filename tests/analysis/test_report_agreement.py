"""Krippendorff's alpha (ordinal) against hand-worked and published values."""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrid.analysis.agreement import MIN_PAIRABLE, ordinal_alpha


def test_hand_worked_ordinal_alpha() -> None:
    # Two coders, four units, values on 1..3:
    #   u1 (1,1)  u2 (1,2)  u3 (3,3)  u4 (2,3)
    # Coincidences: o11=2, o12=o21=1, o23=o32=1, o33=2; marginals n1=3, n2=2, n3=3, n=8.
    # Ordinal distances d(c,k) = (sum_{g=c..k} n_g - (n_c+n_k)/2)^2:
    #   d(1,2) = (5/2)^2 = 6.25, d(2,3) = (5/2)^2 = 6.25, d(1,3) = (8-3)^2 = 25.
    # D_o = (1/8)(4 x 6.25) = 3.125
    # D_e = (1/(8x7)) (2x3x2x6.25 + 2x2x3x6.25 + 2x3x3x25) = 600/56
    # alpha = 1 - 3.125 x 56/600 = 1 - 175/600 = 17/24
    table = [[1, 1, 3, 2], [1, 2, 3, 3]]
    res = ordinal_alpha(table, [1, 2, 3])
    assert res.alpha == pytest.approx(17 / 24, abs=1e-12)
    assert res.pairable == 4 and res.values == 8
    assert res.reason == "too-few"


def test_krippendorff_2011_reference_with_missing_values() -> None:
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the
    # 4 observers x 12 units example with missing values: ordinal alpha = 0.815.
    n = None
    table = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    res = ordinal_alpha(table, [1, 2, 3, 4, 5])
    assert res.alpha == pytest.approx(0.815, abs=5e-4)
    assert res.pairable == 11  # unit 12 has a single value


def test_unused_levels_do_not_change_ordinal_alpha() -> None:
    # Ordinal distances rest on the marginals; a level nobody used has n_g = 0.
    table = [[1, 1, 3, 3, 2], [1, 3, 3, 1, 2]]
    assert ordinal_alpha(table, [1, 2, 3]).alpha == pytest.approx(
        ordinal_alpha(table, [0, 1, 2, 3, 4]).alpha)


def test_undefined_cases() -> None:
    assert ordinal_alpha([], []).reason == "no-data"
    assert ordinal_alpha([[1, None], [None, 2]], [1, 2]).reason == "no-data"
    res = ordinal_alpha([[2, 2, 2], [2, 2, 2]], [1, 2, 3])
    assert res.alpha is None and res.reason == "no-variation"


def test_enough_dossiers_means_no_warning() -> None:
    table = [[1, 2, 3] * 4, [1, 2, 2] * 4]
    res = ordinal_alpha(table, [1, 2, 3])
    assert res.pairable == 12 >= MIN_PAIRABLE
    assert res.reason is None and res.alpha is not None and 0 < res.alpha < 1


def test_same_alpha_as_krippendorff_on_the_reliability_table() -> None:
    # ordinal_alpha passes value counts to krippendorff; the reference builds the
    # coders x units table with NaN and lets krippendorff count: bit-identical.
    import math
    import random

    import krippendorff
    import numpy as np

    rng = random.Random(7)
    checked = 0
    for _ in range(300):
        coders, units = rng.randint(2, 6), rng.randint(2, 30)
        levels = rng.choice([[0, 1, 2, 3], [1, 2, 3, 4, 5], [0, 0.5, 1]])
        pmiss = rng.random() * 0.7
        table = [[None if rng.random() < pmiss else rng.choice(levels) for _ in range(units)]
                 for _ in range(coders)]
        res = ordinal_alpha(table, levels)
        if res.alpha is None:
            continue
        data = np.array([[math.nan if v is None else float(v) for v in row] for row in table])
        ref = float(krippendorff.alpha(reliability_data=data, value_domain=sorted(levels),
                                       level_of_measurement="ordinal"))
        assert res.alpha == ref
        checked += 1
    assert checked > 200


def test_context_alpha_and_jury_counts_match_the_rating_objects(tmp_path: Path) -> None:
    # The context reads the rating columns; the reference reads one object per rating.
    from isgrid.call.load import load_call
    from isgrid.documents.build import build_context
    from isgrid.engine import score
    from report_calls import scored_call

    call = load_call(scored_call(tmp_path))
    result = score(call)
    ctx = build_context(call, result, "committee", "interne")
    conflicted = {(cf.assessor, cf.dossier) for cf in call.config.conflicts}
    ids = [d.id for d in result.dossiers]
    assessors = sorted({r.assessor for r in call.ratings})
    grid = call.grid.grid
    by_id = {a.id: a for a in ctx.agreement}
    for c in grid.criteria():
        if c.eliminatory:
            continue
        table: list[list[float | None]] = [[None] * len(ids) for _ in assessors]
        for r in call.ratings:
            if r.criterion == c.id and not r.na and r.value is not None \
                    and (r.assessor, r.dossier) not in conflicted:
                table[assessors.index(r.assessor)][ids.index(r.dossier)] = r.value
        ref = ordinal_alpha(table, [float(lv.value) for lv in grid.scales[c.scale].levels])
        got = by_id[c.id]
        assert (got.alpha, got.pairable, got.values) == (ref.alpha, ref.pairable, ref.values)
    # the dossiers whose ratings count: a value or NE, never under a déport (those apart)
    rated: dict[str, set[str]] = {}
    apart: dict[str, set[str]] = {}
    for r in call.ratings:
        if r.value is not None or r.na:
            into = apart if (r.assessor, r.dossier) in conflicted else rated
            into.setdefault(r.assessor, set()).add(r.dossier)
    assert {a.id: (a.rated, a.rated_excluded) for a in ctx.jury} == {
        aid: (len(rated.get(aid, set())), len(apart.get(aid, set())))
        for aid in call.assessors}
