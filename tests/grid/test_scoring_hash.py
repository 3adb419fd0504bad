"""The hash of what of a grid scores (isgrid.grid.scoring): the texts no rule reads are
left out, every number and rule stays (review-data19, finding 6)."""

from __future__ import annotations

import isgrid
from isgrid.grid.load import grid_hash
from isgrid.grid.scoring import scoring_hash


def test_words_do_not_change_the_scoring_hash_and_numbers_do() -> None:
    g = isgrid.load_grid("alsace-aap-2016").grid
    s0 = g.sections[0]
    c0 = s0.criteria[0]

    def with_criterion(**update: object) -> isgrid.Grid:
        c = c0.model_copy(update=update)
        return g.model_copy(update={"sections": [
            s0.model_copy(update={"criteria": [c, *s0.criteria[1:]]}), *g.sections[1:]]})

    worded = [
        g.model_copy(update={"notes": [*g.notes, "Une note de plus."], "title": "Autre"}),
        with_criterion(label="Autre libellé", guidance="Autre consigne",
                       provenance=c0.provenance.model_copy(update={"note": "autre"})),
        g.model_copy(update={"sections": [s0.model_copy(update={"label": "Autre"}),
                                          *g.sections[1:]]}),
    ]
    for other in worded:
        assert grid_hash(other) != grid_hash(g)
        assert scoring_hash(other) == scoring_hash(g)
    scale_id = c0.scale
    scale = g.scales[scale_id]
    level = scale.levels[0].model_copy(update={"label": "zéro"})
    scored = [
        with_criterion(weight=(c0.weight or 1) + 1),
        with_criterion(floor=1),
        g.model_copy(update={"threshold": 1}),
        # a value may be written as its level's label: that label scores
        g.model_copy(update={"scales": {**g.scales, scale_id: scale.model_copy(
            update={"levels": [level, *scale.levels[1:]]})}}),
    ]
    for other in scored:
        assert scoring_hash(other) != scoring_hash(g)
