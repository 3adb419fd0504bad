"""A holder's answers seen on another grid (« Voir avec une autre grille », ``isgrid assess
… --grid OTHER``): an approximation, labelled as one.

A criterion of the other grid gets a level only from **the same criterion** of the holder's
grid: the same id, in two grids that share the grid defining it (one extends the other, or
both extend a third, or two versions of one grid: :attr:`LoadedGrid.chain`). Alsace 2016's
AV-1.1 is Avise's AV-1.1. Every other criterion stays unanswered: a shared dimension is no
counterpart (D6 holds both an accessibility marker and the environment), and a level made
from answers on another subject would read as an answer she never gave (review19, finding
3). A level carried onto another scale keeps its share of the scale, put at the nearest
level at or below (Avise's « Plutôt présent », 2 on 0–3, is « Moyen », 2 on 0–4); the same
scale carries the value as it is; « ne s'applique pas » is carried where the other grid
offers it (:func:`~isgrid.selfassess.answers.na_offered`). Eliminatory conditions are never
carried: they are facts about a dossier, to answer for each call. Each carried level names
the answer it came from (``approximation.from_answers``), and the result says it is a level
carried over, never « votre réponse ».
"""

from __future__ import annotations

from typing import Any

from ..grid.load import LoadedGrid
from ..grid.model import Scale
from ..grid.scales import level_label
from ..vocabulary import EPS
from .answers import Answer, Answers, asked, na_offered
from .assess import SelfAssessment, assess


def same_criteria(source: LoadedGrid, target: LoadedGrid) -> list[str]:
    """The criteria of ``target`` that are criteria of ``source`` too (the same id, in
    grids sharing the grid that defines it), in ``target``'s order; none for grids that
    share no grid."""
    if not set(source.chain or [source.grid.id]) & set(target.chain or [target.grid.id]):
        return []
    src = {c.id for c in source.grid.criteria() if not c.eliminatory}
    return [c.id for c in asked(target.grid) if not c.eliminatory and c.id in src]


def _same_scale(a: Scale, b: Scale) -> bool:
    return [(float(lv.value), lv.label) for lv in a.levels] == [
        (float(lv.value), lv.label) for lv in b.levels]


def _placed(value: float, src: Scale, dst: Scale) -> float:
    """``value`` of ``src`` at the same share of ``dst``, the nearest level at or below."""
    share = (value - src.min) / (src.max - src.min)
    want = dst.min + share * (dst.max - dst.min)
    levels = sorted(float(level.value) for level in dst.levels)
    return max((v for v in levels if v <= want + EPS), default=levels[0])


def carry_over(source: LoadedGrid, answers: Answers, target: LoadedGrid
               ) -> tuple[Answers, dict[str, dict[str, Any]]]:
    """The answers carried to ``target``, and for each the answer it came from:
    ``{id, label, level, value, na}`` of the source criterion (:func:`same_criteria`)."""
    sg, tg = source.grid, target.grid
    src = {c.id: c for c in sg.criteria()}
    out: Answers = {}
    origin: dict[str, dict[str, Any]] = {}
    for cid in same_criteria(source, target):
        a = answers.get(cid)
        if a is None or not a.answered:
            continue
        c_src, c_dst = src[cid], tg.criterion(cid)
        s_scale, d_scale = sg.scales[c_src.scale], tg.scales[c_dst.scale]
        if a.na:
            if not na_offered(tg, c_dst):
                continue
            out[cid] = Answer(None, True, None)
        else:
            assert a.value is not None
            value = a.value if _same_scale(s_scale, d_scale) else _placed(a.value, s_scale,
                                                                          d_scale)
            out[cid] = Answer(value, False, None)
        origin[cid] = {"id": cid, "label": c_src.label, "na": a.na, "value": a.value,
                       "level": level_label(s_scale, a.value) if a.value is not None else None}
    return out, origin


def assess_carried(source: LoadedGrid, answers: Answers, target: LoadedGrid) -> SelfAssessment:
    """Assess ``target`` with the answers carried from ``source``, labelled as an
    approximation: ``approximation: {from, carried, unanswered, from_answers}``."""
    carried, origin = carry_over(source, answers, target)
    res = assess(target, carried)
    for cr in res.criteria:
        cr.carried_from = [origin[cr.id]["id"]] if cr.id in origin else None
    order = [c.id for c in target.grid.criteria()]
    res.approximation = {
        "from": {"id": source.grid.id, "version": source.grid.version,
                 "title": source.grid.title},
        "carried": sorted(origin, key=order.index),
        "unanswered": [c.id for c in asked(target.grid) if c.id not in origin],
        "from_answers": origin,
    }
    return res
