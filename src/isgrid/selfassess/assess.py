"""Self-assessment: a project holder answers a grid's questions and sees what to strengthen.

Pure functions over plain data.  An answers file is YAML::

    grid: avise-mouves-2011@1        # optional; the grid the answers are for
    answers:
      AV-1.1: 3                      # a level value, a level label, or na
      AV-1.2: {value: 2, comment: "Notre diagnostic de 2023"}
      AV-1.3:                        # left empty: unanswered

(a flat mapping of criterion ids, without ``answers:``, is accepted too).  The
holder is the one "assessor": each answer is the criterion's value, and the
verdict, profile or total come from :mod:`isgrid.engine.judge`, the same rules as the
engine's.  Two self-assessment choices, documented in docs/self-assessment.md:

* unanswered and n/a criteria are left out of a scored total (the engine's
  ``missing: renormalise``), and the result says the total is provisional;
* the improvement list is ordered by what would change the outcome most:
  unmet conditions (eliminatory criteria), then requirements (core criteria
  in a checklist, floors in a scored grid, absent markers in a profile), then
  the points available.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ..engine.eligibility import eliminatory_state, verdict
from ..engine.judge import (
    VERDICT_RANK,
    below_floor,
    checklist,
    checklist_verdict,
    effective_weights,
    profile,
    scored,
    short_of,
    verdict_needs,
    weighted_total,
)
from ..grid.check import counts_as
from ..grid.choices import choice_counts, criterion_origins, outcome_choices
from ..grid.load import LoadedGrid
from ..grid.logic import effective_verdict, verdict_lines, verdict_text
from ..grid.model import Criterion, Grid
from ..grid.provenance import provenance_summary
from ..grid.scales import level_label
from ..messages import decimal_text
from ..vocabulary import EPS

# Answers files live in isgrid.selfassess.answers; re-exported here, the self-assessment's API.
from .answers import Answer as Answer
from .answers import Answers as Answers
from .answers import answers_from_form as answers_from_form
from .answers import answers_yaml as answers_yaml
from .answers import asked, fact_criteria
from .answers import fmt_level as fmt_level
from .answers import form_values as form_values
from .answers import load_answers_text as load_answers_text
from .answers import parse_answers as parse_answers
from .radar import radar
from .ways import required, shortest_ways
from .words import item_words


# ------------------------------------------------------------------ the result
@dataclass
class CriterionResult:
    id: str
    label: str
    section: str
    question: str | None
    value: float | None
    level: str | None
    na: bool
    comment: str | None
    state: str | None  # met/partly/not-met, present/absent, pass/fail, or None
    core: bool
    floor: float | None
    eliminatory: bool
    scale_min: float
    scale_max: float
    carried_from: list[str] | None = None
    # sourced / reconstructed / inferred, or « call » (a call's own criterion):
    # isgrid.grid.choices.criterion_origins
    origin: str = "sourced"
    # a checklist's condition shown apart, outside the verdict: its name (loi ESS 15-II)
    separate_condition: str | None = None


@dataclass
class Improvement:
    rank: int
    id: str
    label: str
    section: str
    kind: str  # condition | core | verdict | verdict_alt | floor | marker | points | apart
    value: float | None
    level: str | None
    target: float
    target_level: str | None
    points: float  # scored: what reaching the target adds to the total shown; else scale steps
    advice: str | None
    # checklist: meeting this criterion, everything else as answered, changes the verdict
    changes_verdict: bool | None = None
    # answered « ne s'applique pas » on a criterion with a floor: the floor is not met
    # (engine.judge.below_floor), the target is the floor, and ``points`` is 0 (a level
    # there is about being ranked, not points)
    na: bool = False


@dataclass
class FloorGap:
    id: str
    label: str
    floor: float
    value: float | None
    met: bool
    gap: float | None
    na: bool = False  # answered « ne s'applique pas »: no value, the floor not met


@dataclass
class SelfAssessment:
    """The result of a self-assessment, the same on the web page and in files."""

    grid: dict[str, Any]
    mode: str
    answered: int
    questions: int
    unanswered: list[str]
    na: list[str]
    criteria: list[CriterionResult]
    sections: list[dict[str, Any]]
    conditions: list[CriterionResult]
    eligible: bool | None
    eligibility_rules: list[dict[str, str]]
    verdict: str | None = None
    missing_core: list[str] = field(default_factory=list)
    core_met: list[str] = field(default_factory=list)
    complementary_met: list[str] = field(default_factory=list)
    # checklist grids with their own verdict rule (verdict: in the grid)
    verdict_rule: dict[str, Any] | None = None
    present: list[str] = field(default_factory=list)
    total: float | None = None
    out_of: float | None = None  # the total's maximum (100 unless the grid says)
    provisional: bool = False  # some criterion of the total unanswered (or a dossier fact)
    # scored: the criteria the total is computed without, unanswered and « ne s'applique pas »
    # (an answer: the total is not provisional for it, but says it is computed without them)
    left_out: dict[str, int] = field(default_factory=dict)
    # scored: the criteria the total is computed over ({n}) of the total's criteria ({of}),
    # the threshold said « on the answered criteria (n of m) » while the total is provisional
    counted: dict[str, int] = field(default_factory=dict)
    threshold: float | None = None
    threshold_gap: float | None = None
    threshold_met: bool | None = None
    floors: list[FloorGap] = field(default_factory=list)
    improvements: list[Improvement] = field(default_factory=list)
    radar: dict[str, Any] | None = None
    approximation: dict[str, Any] | None = None
    # the rules that decide the outcome and where each comes from (grid.choices)
    choices: list[dict[str, Any]] = field(default_factory=list)
    choice_counts: dict[str, int] = field(default_factory=dict)
    # the labels of the levels that count as met / partly met / present, to say what
    # « atteint » means; None where the grid does not say
    levels: dict[str, str | None] = field(default_factory=dict)
    # the criteria whose value is a dossier fact (from_fact), never asked (answers.asked):
    # {id, label, section, fact, fact_label, min, max}; a total is computed without them
    from_facts: list[dict[str, Any]] = field(default_factory=list)
    # scored at the version the answers file names, not the current one (selfassess.pin):
    # {ref, id, version, current, by}
    pinned: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.pinned is None:
            data.pop("pinned")
        if self.mode != "scored":  # never a total outside scored grids
            for key in ("total", "out_of", "provisional", "left_out", "counted", "threshold",
                        "threshold_gap", "threshold_met", "floors"):
                data.pop(key)
        if self.mode != "checklist":
            for key in ("verdict", "missing_core", "core_met", "complementary_met",
                        "verdict_rule"):
                data.pop(key)
        if self.mode != "profile":
            data.pop("present")
            data.pop("radar")
        return data


def _target(grid: Grid, c: Criterion, mode: str) -> float:
    scale = grid.scales[c.scale]
    if mode == "checklist":
        met = counts_as(grid, c, "met")
        return met if met is not None else scale.max
    if mode == "profile":
        present = counts_as(grid, c, "present")
        return present if present is not None else scale.max
    return scale.max


def _levels(grid: Grid, scoring: list[Criterion]) -> dict[str, str | None]:
    """The labels of the levels that count as « met », « partly » and « present » (the
    first scoring criterion's scale, read as the result explains « atteint »)."""
    out: dict[str, str | None] = {}
    if not scoring:
        return out
    c = scoring[0]
    scale = grid.scales[c.scale]
    for name in ("met", "partly", "present"):
        v = counts_as(grid, c, name)
        out[name] = level_label(scale, v) if v is not None else None
    return out


def _steps(grid: Grid, answers: Answers, mode: str) -> dict[str, float]:
    """Each criterion's distance, in scale steps, from its answer (or the scale's bottom)
    to « met »: how near a way to the verdict is."""
    out = {}
    for c in grid.criteria():
        a = answers.get(c.id)
        v = a.value if a is not None and a.value is not None else grid.scales[c.scale].min
        out[c.id] = max(0.0, _target(grid, c, mode) - v)
    return out


def _fact_item(g: Grid, c: Criterion) -> dict[str, Any]:
    """A criterion read from a dossier fact, as the result says it is left out."""
    fact = str(c.from_fact)
    spec = g.facts.get(fact)
    scale = g.scales[c.scale]
    return {"id": c.id, "label": c.label, "section": g.section_of(c.id).id, "fact": fact,
            "fact_label": spec.label if spec is not None and spec.label else fact,
            "min": spec.minimum if spec is not None and spec.minimum is not None
            else scale.min,
            "max": spec.maximum if spec is not None and spec.maximum is not None
            else scale.max}


def assess(loaded: LoadedGrid, answers: Answers) -> SelfAssessment:
    """Score one holder's answers against a grid with the engine's mode rules."""
    g = loaded.grid
    mode = g.resolved_mode()
    criteria = asked(g)  # a criterion read from a dossier fact is no question
    scoring = [c for c in criteria if not c.eliminatory]
    stats = {c.id: {"value": answers[c.id].value if c.id in answers else None}
             for c in criteria}
    if mode == "scored":
        mo = scored(g, scoring, stats, renormalise=True)
    elif mode == "checklist":
        mo = checklist(g, scoring, stats, None)
    else:
        mo = profile(g, scoring, stats, renormalise=True)

    results: list[CriterionResult] = []
    conditions: list[CriterionResult] = []
    origins = criterion_origins(loaded)
    for c in criteria:
        scale = g.scales[c.scale]
        a = answers.get(c.id, Answer())
        if c.eliminatory:
            state: str | None = None if a.value is None else eliminatory_state(
                a.value, scale.min)
        else:
            state = mo.states.get(c.id)
            if mode == "scored" and a.value is not None:
                state = "below-floor" if below_floor(a.value, c.floor) else "ok"
            elif mode == "scored" and a.na and below_floor(None, c.floor):
                state = "below-floor"  # n/a on a floor: the engine's rule, no value
        cr = CriterionResult(
            c.id, c.label, g.section_of(c.id).id, c.question, a.value,
            level_label(scale, a.value), a.na, a.comment, state, c.core,
            float(c.floor) if c.floor is not None else None, c.eliminatory, scale.min, scale.max,
            origin=origins.get(c.id, "sourced"),
            separate_condition=c.separate_condition if mode == "checklist" else None)
        (conditions if c.eliminatory else results).append(cr)
    eligible = verdict(c.state or "unknown" for c in conditions)

    sections: list[dict[str, Any]] = []
    for s in g.sections:
        ids = [c.id for c in s.criteria if not c.eliminatory and c.from_fact is None]
        if not ids:
            continue
        if mode == "profile":  # markers count together, never as a mean (grids.md §2.4)
            # answered: a block with no answer reads « sans réponse », not « 0 … sur 1 »
            sections.append({"id": s.id, "label": s.label, "criteria": ids, "score": None,
                             "present": sum(1 for cid in ids if mo.states.get(cid) == "present"),
                             "of": len(ids),
                             "answered": sum(1 for cid in ids if cid in answers
                                             and answers[cid].answered)})
            continue
        sections.append({"id": s.id, "label": s.label, "criteria": ids,
                         "score": mo.sections.get(s.id)})

    res = SelfAssessment(
        grid={"id": g.id, "version": g.version, "title": g.title, "mode": mode,
              "lang": g.lang,  # its words' language: marked on a page in another
              "sha256": loaded.sha256,
              # how many criteria are sourced, reconstructed, inferred: the result says it
              "provenance": provenance_summary(g)["criteria"],
              # what the grid calls its items: « marqueurs » or « critères » (.words)
              "items": item_words(g)},
        mode=mode,
        answered=sum(1 for c in criteria if c.id in answers and answers[c.id].answered),
        questions=len(criteria),
        unanswered=[c.id for c in criteria if c.id not in answers or not answers[c.id].answered],
        na=[c.id for c in criteria if c.id in answers and answers[c.id].na],
        criteria=results,
        sections=sections,
        conditions=conditions,
        eligible=eligible,
        eligibility_rules=[{"id": r.id, "label": r.label} for r in g.eligibility],
        choices=outcome_choices(g),
        levels=_levels(g, scoring),
        from_facts=[_fact_item(g, c) for c in fact_criteria(g)],
    )
    res.choice_counts = choice_counts(res.choices)
    if mode == "checklist":
        detail = mo.checklist or {}
        res.verdict = mo.verdict
        res.missing_core = [cid for cid in detail.get("core", [])
                            if cid not in detail.get("core_met", [])]
        res.core_met = list(detail.get("core_met", []))
        res.complementary_met = list(detail.get("complementary_met", []))
        if g.verdict is not None:
            names = {c.id: c.label for c in criteria}
            res.verdict_rule = {
                "text": verdict_text(g.verdict, "fr", names),
                "lines": [line.strip() for line in verdict_lines(g.verdict, "", "fr", names)],
                "depth": [(len(line) - len(line.lstrip())) // 2
                          for line in verdict_lines(g.verdict, "", "fr", names)],
                "needs": verdict_needs(g.verdict, mo.states),
                # the shortest ways, as alternatives, the nearest first (selfassess.ways)
                "ways": shortest_ways(g.verdict, mo.states, _steps(g, answers, mode)),
            }
            # what is missing: the criteria on a shortest way to « caractérisé »
            res.missing_core = list(res.verdict_rule["needs"])
    elif mode == "profile":
        res.present = list((mo.profile or {}).get("present", []))
        res.radar = radar(g, results)
    else:
        res.total = mo.total
        res.out_of = g.out_of()
        # left out: unanswered, n/a, or read from a dossier fact (not the grid's whole total)
        # « ne s'applique pas » is an answer: only the unanswered make the total provisional
        res.left_out = {
            "unanswered": sum(1 for c in scoring if c.id not in answers
                              or not answers[c.id].answered),
            "na": sum(1 for c in scoring if c.id in answers and answers[c.id].na),
            # of those, the criteria with a floor: the engine's floor rule counts a
            # criterion without a value as not reaching it, so these n/a block the ranking
            "na_floor": sum(1 for c in scoring if c.id in answers and answers[c.id].na
                            and below_floor(None, c.floor))}
        res.provisional = bool(res.left_out["unanswered"]) or bool(res.from_facts)
        res.counted = {"n": sum(1 for c in scoring if stats[c.id]["value"] is not None),
                       "of": sum(1 for c in g.criteria() if not c.eliminatory)}
        res.threshold = float(g.threshold) if g.threshold is not None else None
        if res.threshold is not None and mo.total is not None:
            res.threshold_gap = max(0.0, res.threshold - mo.total)
            res.threshold_met = not short_of(mo.total, res.threshold)
        for c in scoring:
            if c.floor is None:
                continue
            v = stats[c.id]["value"]
            met = not below_floor(v, c.floor)
            res.floors.append(FloorGap(c.id, c.label, float(c.floor), v, met,
                                       None if v is None else max(0.0, float(c.floor) - v),
                                       c.id in answers and answers[c.id].na))
    res.improvements = improvements(loaded, answers, mo.states)
    return res


def improvements(loaded: LoadedGrid, answers: Answers,
                 states: Mapping[str, str | None] | None = None) -> list[Improvement]:
    """What to strengthen, ordered by what would change the outcome most.

    Tiers, in order: (0) eliminatory conditions answered "no"; (1) requirements
    not reached: core criteria not met (checklist; "not met" before "partly
    met", because they block even a partial verdict), floors not reached
    (scored), markers absent (profile); (2) every other answered criterion
    below the top of its scale (checklist: below "met"), by points available.
    Inside a tier: most points available first, then the grid's order.
    Unanswered and n/a criteria are not improvements: they are listed apart; but an n/a on
    a criterion with a floor keeps the dossier from being ranked (the engine's floor rule),
    and comes first among the floors, its target the floor.
    """
    g = loaded.grid
    mode = g.resolved_mode()
    # the criteria asked: the points are those of the total the result shows, which a
    # criterion read from a dossier fact is left out of (answers.asked)
    scoring = [c for c in asked(g) if not c.eliminatory]
    rule = effective_verdict(g, scoring) if mode == "checklist" else None
    if rule is not None and states is None:
        states = checklist(g, scoring, {c.id: {"value": answers[c.id].value if c.id in answers
                                               else None} for c in scoring}, None).states
    needed = set(verdict_needs(rule, dict(states or {}))) if rule is not None else set()
    # a rule with alternatives (1° or 2°): a criterion on every shortest way is required,
    # one on some ways only is one of the alternatives
    on_every = (required(shortest_ways(rule, dict(states or {}), _steps(g, answers, mode)))
                if rule is not None and g.verdict is not None else needed)
    eff = effective_weights(g, scoring) if mode == "scored" else {}
    order = {c.id: i for i, c in enumerate(g.criteria())}
    rows: list[tuple[tuple[float, ...], Improvement]] = []
    for c in g.criteria():
        a = answers.get(c.id)
        scale = g.scales[c.scale]
        sec = g.section_of(c.id).id
        if (mode == "scored" and a is not None and a.na and not c.eliminatory
                and c.floor is not None and below_floor(None, c.floor)):
            # « ne s'applique pas » on a floor: the engine's floor rule counts no value as
            # not reaching it, so the dossier would not be ranked: first among the floors
            goal = float(c.floor)
            rows.append(((1, -1, order[c.id]), Improvement(
                0, c.id, c.label, sec, "floor", None, None, goal, level_label(scale, goal),
                0.0, c.advice, na=True)))
            continue
        if a is None or a.value is None:
            continue
        v = a.value
        if c.eliminatory:
            if abs(v - scale.min) < EPS:
                rows.append(((0, 0, order[c.id]), Improvement(
                    0, c.id, c.label, sec, "condition", v, level_label(scale, v), scale.max,
                    level_label(scale, scale.max), scale.max - scale.min, c.advice)))
            continue
        if mode == "scored":
            below = c.floor is not None and below_floor(v, c.floor)
            tier = 1 if below else 2
            # below a floor, the target is the floor; else the top level.  The points are
            # what reaching that target adds to the total shown (gain_on_total)
            goal = float(c.floor) if below and c.floor is not None else scale.max
            points = gain_on_total(g, scoring, answers, c.id, goal, eff)
            if points <= EPS:
                continue
            rows.append(((tier, 0, -points, order[c.id]), Improvement(
                0, c.id, c.label, sec, "floor" if below else "points", v, level_label(scale, v),
                goal, level_label(scale, goal), points, c.advice)))
            continue
        target = _target(g, c, mode)
        if v + EPS >= target and mode == "checklist":
            continue
        if mode == "profile" and v + EPS >= target:
            if v + EPS >= scale.max:
                continue
            target = scale.max
            tier, kind = 2, "points"
        elif mode == "profile":
            tier, kind = 1, "marker"
        else:
            tier = 1 if c.id in needed else 2
            kind = ("apart" if c.separate_condition is not None
                    else "points" if tier != 1 else "core" if g.verdict is None
                    else "verdict" if c.id in on_every else "verdict_alt")
        state = (states or {}).get(c.id)
        sub = 0 if (mode == "checklist" and tier == 1 and state == "not-met") else 1
        changes = None
        if rule is not None:
            changes = _changes_verdict(rule, dict(states or {}), c.id)
        steps = target - v
        # what alone changes the verdict: the nearest first (the least to do); the rest:
        # not met before partly met, then the most room first
        key = (tier, 0, steps, order[c.id]) if changes else (tier, 1, sub, -steps, order[c.id])
        rows.append((key, Improvement(
            0, c.id, c.label, sec, kind, v, level_label(scale, v), target,
            level_label(scale, target), steps, c.advice, changes)))
    rows.sort(key=lambda r: r[0])
    out = []
    for i, (_, imp) in enumerate(rows, start=1):
        imp.rank = i
        out.append(imp)
    return out


def gain_on_total(g: Grid, scoring: list[Criterion], answers: Answers, cid: str,
                  goal: float, eff: Mapping[str, float] | None = None) -> float:
    """What answering ``goal`` to ``cid``, every other answer as it is, adds to the total
    the result shows: the engine's total (:func:`isgrid.engine.judge.weighted_total`,
    over the answered criteria) after, less before.  The one rule for « jusqu'à N
    points », on the command line and the web page."""
    import numpy as np

    weights = eff if eff is not None else effective_weights(g, scoring)
    now = [np.nan if (a := answers.get(c.id)) is None or a.value is None else a.value
           for c in scoring]
    after = [goal if c.id == cid else v for c, v in zip(scoring, now, strict=True)]
    totals = weighted_total(g, scoring, np.array([now, after], dtype=np.float64), weights,
                            True)
    return float(totals[1] - totals[0])


def _changes_verdict(rule: Any, states: dict[str, str | None], cid: str) -> bool:
    """Meeting ``cid``, every other answer as it is, gives a better verdict."""
    now = checklist_verdict(rule, states)
    after = checklist_verdict(rule, {**states, cid: "met"})
    return VERDICT_RANK.get(after, -1) > VERDICT_RANK.get(now, -1)


# ------------------------------------------------------------------ rendering
def template_context(results: list[SelfAssessment], lang: str) -> dict[str, Any]:
    """What the result templates read: each result as plain data, plus lookups."""
    from ..i18n import lang_attr, translator

    items = []
    for res in results:
        data = res.to_dict()
        crit = {c["id"]: c for c in data["criteria"] + data["conditions"]}
        items.append({"r": data, "crit": crit})
    return {"results": items, "t": translator("selfassess", lang), "lang": lang,
            "in_lang": lambda content: lang_attr(content, lang)}


def jinja_env(lang: str, *, markdown: bool = False) -> Any:
    """The shared isgrid Jinja environment, plus the ``lv`` filter (a level value)."""
    from ..documents.render import environment

    env = environment(lang=lang, markdown=markdown)
    env.filters["lv"] = lambda v: decimal_text(fmt_level(v), lang)
    # a grid's text shown as text: its Markdown code marks (`csess-2017`) dropped
    env.filters["plain"] = lambda v: re.sub(r"`([^`]*)`", r"\1", str(v or ""))
    # Markdown: the environment's ``md``, the documents' one escaping (documents.markdown:
    # only what Markdown would interpret, so « R&D » stays as written in a terminal)
    return env


def render_result(results: SelfAssessment | list[SelfAssessment], fmt: str,
                  lang: str = "fr") -> str:
    """One result, or a result followed by its carried-over versions, as a
    self-contained HTML page, Markdown, or JSON (the first result, with the
    others under ``other_grids``)."""
    items = results if isinstance(results, list) else [results]
    if fmt == "json":
        from ..io.write import dumps_json

        data = items[0].to_dict()
        if len(items) > 1:
            data["other_grids"] = [r.to_dict() for r in items[1:]]
        return dumps_json(data)
    name = {"html": "selfassess/result.html.j2", "md": "selfassess/result.md.j2"}[fmt]
    env = jinja_env(lang, markdown=fmt == "md")
    text: str = env.get_template(name).render(**template_context(items, lang))
    return text
