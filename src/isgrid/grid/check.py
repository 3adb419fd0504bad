"""Cross-field checks of a resolved grid: what a schema cannot say.

Each check adds located diagnostics; all of them run, so a grid author sees
every problem at once.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Any

from ..errors import Collector, Location, Message, Quote
from ..io.yamlio import Doc
from ..messages import close_match
from .facts import fact_spec as fact_spec  # where call.dossier_table finds it
from .fromfact import check_from_fact
from .logic import effective_verdict
from .model import Condition, Criterion, FactSpec, Grid, Scale, TieBreak, VerdictRule
from .provenance import unsaid_parameters
from .rulevalues import check_rule_values


def _locate(doc: Doc, kind: str, ident: str, fld: str | None = None) -> Location:
    """Where a criterion, section, scale or rule is written in ``doc`` (best effort)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    tail: tuple[Any, ...] = (fld,) if fld else ()
    key_path = f"{kind}.{ident}" + (f".{fld}" if fld else "")
    if kind == "criteria":
        for i, s in enumerate(data.get("sections") or []):
            for j, c in enumerate((s or {}).get("criteria") or []):
                if isinstance(c, dict) and c.get("id") == ident:
                    loc = doc.loc(("sections", i, "criteria", j, *tail))
                    return Location(loc.file, loc.line, loc.column, key_path=key_path)
        for i, item in enumerate(data.get("add") or []):
            c = (item or {}).get("criterion") or {}
            if isinstance(c, dict) and c.get("id") == ident:
                loc = doc.loc(("add", i, "criterion", *tail))
                return Location(loc.file, loc.line, loc.column, key_path=key_path)
            added = (item or {}).get("section")  # a whole section added, with its criteria
            for j, c in enumerate((added.get("criteria") or []) if isinstance(added, dict)
                                  else []):
                if isinstance(c, dict) and c.get("id") == ident:
                    loc = doc.loc(("add", i, "section", "criteria", j, *tail))
                    return Location(loc.file, loc.line, loc.column, key_path=key_path)
    if kind == "sections":
        for i, s in enumerate(data.get("sections") or []):
            if isinstance(s, dict) and s.get("id") == ident:
                loc = doc.loc(("sections", i, *tail))
                return Location(loc.file, loc.line, loc.column, key_path=key_path)
    if kind == "scales" and ident in (data.get("scales") or {}):
        loc = doc.loc(("scales", ident, *tail))
        return Location(loc.file, loc.line, loc.column, key_path=key_path)
    if kind == "eligibility":
        for i, r in enumerate(data.get("eligibility") or []):
            if isinstance(r, dict) and r.get("id") == ident:
                loc = doc.loc(("eligibility", i, *tail))
                return Location(loc.file, loc.line, loc.column, key_path=key_path)
    set_key = f"{kind}.{ident}" + (f".{fld}" if fld else "")
    if set_key in (data.get("set") or {}):
        loc = doc.loc(("set", set_key))
        return Location(loc.file, loc.line, loc.column, key_path=key_path)
    return _inherited_loc(doc, key_path)


def _inherited_loc(doc: Doc, key_path: str) -> Location:
    """Something inherited from a parent grid: point at what changed it (``set: mode``) or
    at ``extends``, else at the file."""
    for key in (("set", "mode"), ("extends",)):
        if key in doc.positions:
            loc = doc.loc(key)
            return Location(loc.file, loc.line, loc.column, key_path=key_path)
    return Location(doc.file, key_path=key_path)


def _top(doc: Doc, key: str) -> Location:
    data = doc.data if isinstance(doc.data, dict) else {}
    if key in data:
        return doc.loc((key,))
    if key in (data.get("set") or {}):
        return doc.loc(("set", key))
    for where in (("set", "mode"), ("extends",)):
        if where in doc.positions:
            loc = doc.loc(where)
            return Location(loc.file, loc.line, loc.column, key_path=key)
    return Location(doc.file, line=1, column=1, key_path=key)


def check_grid(grid: Grid, doc: Doc, diags: Collector, dimensions: dict[str, Any],
               in_call: bool = False) -> None:
    """``in_call``: the grid a call's ``set``/``add``/``remove`` changed, ``doc`` its
    call.yaml (no ``missing-provenance``: the call's values are shown as inferred)."""
    mode = grid.resolved_mode()
    _check_ids(grid, doc, diags)
    for sid, scale in grid.scales.items():
        _check_scale(sid, scale, doc, diags)
    if not grid.criteria():
        diags.add("empty-grid", Message("the grid has no criteria"), Location(doc.file))
    for s in grid.sections:
        if not s.criteria:
            diags.add("empty-grid", Message("the section {section} has no criteria",
                                            section=Quote(s.id)),
                      _locate(doc, "sections", s.id))
        if s.weight is not None:
            if not bounded_number(s.weight) or s.weight <= 0:
                diags.add("bad-weight", Message("the section {section} has weight {weight}",
                                                section=Quote(s.id), weight=s.weight),
                          _locate(doc, "sections", s.id, "weight"))
            if mode != "scored":
                diags.add("mode-mismatch", Message("a {mode} grid has no weights (section "
                                                   "{section})",
                                                   mode=mode, section=Quote(s.id)),
                          _locate(doc, "sections", s.id, "weight"))
        if s.ranking_weight is not None:
            _check_ranking_weight(s.ranking_weight, mode, Message("section {section}",
                                                                  section=Quote(s.id)),
                                  _locate(doc, "sections", s.id, "ranking_weight"), diags)
    for c in grid.criteria():
        _check_criterion(grid, c, doc, diags, dimensions)
    _check_mode(grid, doc, diags)
    for name, spec in grid.facts.items():
        _check_fact_spec(name, spec, (name,), doc, diags)
    _check_facts_and_rules(grid, doc, diags)
    check_rule_values(grid, doc, diags, lambda rule: _locate(doc, "eligibility", rule))
    _check_verdict(grid, doc, diags)
    _check_parameters(grid, doc, diags, in_call)


def _check_ids(grid: Grid, doc: Doc, diags: Collector) -> None:
    seen: dict[str, str] = {}
    for s in grid.sections:
        if s.id in seen:
            diags.add("duplicate-id", Message("the id {section} is used twice", section=Quote(s.id)),
                      _locate(doc, "sections", s.id))
        seen[s.id] = "section"
        for c in s.criteria:
            if c.id in seen:
                diags.add("duplicate-id", Message("the id {criterion} is used twice",
                                                  criterion=Quote(c.id)),
                          _locate(doc, "criteria", c.id))
            seen[c.id] = "criterion"
    rule_ids: set[str] = set()
    for r in grid.eligibility:
        if r.id in rule_ids or r.id in seen:
            diags.add("duplicate-id", Message("the rule id {ident} is used twice",
                                              ident=Quote(r.id)),
                      _locate(doc, "eligibility", r.id))
        rule_ids.add(r.id)
    source_ids: set[str] = set()
    for i, src in enumerate(grid.sources):
        if src.id in source_ids:
            diags.add("duplicate-id", Message("the source id {ident} is used twice",
                                              ident=Quote(src.id)),
                      doc.loc(("sources", i)))
        source_ids.add(src.id)


def bounded_number(x: object) -> bool:
    """A finite number of at most :data:`isgrid.io.numbers.MAX_WEIGHT` in size, so that
    weights × values and their sums can never overflow (issue 18: two weights of 1e308)."""
    from ..io.numbers import MAX_WEIGHT

    if isinstance(x, bool) or not isinstance(x, int | float):
        return False
    try:
        f = float(x)
    except OverflowError:
        return False
    return math.isfinite(f) and abs(f) <= MAX_WEIGHT


def _check_scale(sid: str, scale: Scale, doc: Doc, diags: Collector) -> None:
    if not all(bounded_number(level.value) for level in scale.levels):
        diags.add("bad-scale",
                  Message("a level of scale {scale} is not a finite number of at most 1 "
                                       "000 000",
                                       scale=Quote(sid)), _locate(doc, "scales", sid, "levels"))
        return
    values = [float(level.value) for level in scale.levels]
    if any(b <= a for a, b in itertools.pairwise(values)):
        diags.add("bad-scale", Message("the levels of scale {scale} must have increasing values",
                                       scale=Quote(sid)),
                  _locate(doc, "scales", sid, "levels"))
    labels = [level.label.strip().casefold() for level in scale.levels]
    if len(set(labels)) != len(labels):
        diags.add("bad-scale", Message("two levels of scale {scale} have the same label",
                                       scale=Quote(sid)),
                  _locate(doc, "scales", sid, "levels"))
    if scale.counts_as is not None:
        for name in ("met", "partly", "present"):
            v = getattr(scale.counts_as, name)
            if v is not None and not (scale.min <= v <= scale.max):
                diags.add("floor-out-of-scale",
                          Message("counts_as.{name} = {value} is outside the scale {scale} ({min}..{max})",
                                  name=name, value=v, scale=Quote(sid), min=format(scale.min, 'g'), max=format(scale.max, 'g')),
                          _locate(doc, "scales", sid, "counts_as"))


def _check_criterion(grid: Grid, c: Criterion, doc: Doc, diags: Collector,
                     dimensions: dict[str, Any]) -> None:
    mode = grid.resolved_mode()
    scale = grid.scales.get(c.scale)
    check_from_fact(grid, c, lambda fld: _locate(doc, "criteria", c.id, fld), diags)
    if scale is None:
        diags.add("unknown-scale", Message("the criterion {criterion} uses an undefined scale "
                                           "{scale}",
                                           criterion=Quote(c.id), scale=Quote(c.scale)),
                  _locate(doc, "criteria", c.id, "scale"),
                  hint=Message("Scales defined: {value}.",
                               value=', '.join(sorted(grid.scales)) or 'none'))
    if c.dimension is not None and c.dimension not in dimensions:
        diags.add("unknown-dimension", Message("unknown dimension {dimension}",
                                               dimension=Quote(c.dimension)),
                  _locate(doc, "criteria", c.id, "dimension"))
    if c.weight is not None:
        if not bounded_number(c.weight) or c.weight <= 0:
            diags.add("bad-weight", Message("the criterion {criterion} has weight {weight}",
                                            criterion=Quote(c.id), weight=c.weight),
                      _locate(doc, "criteria", c.id, "weight"))
        if mode != "scored":
            diags.add("mode-mismatch", Message("a {mode} grid has no weights (criterion "
                                               "{criterion})",
                                               mode=mode, criterion=Quote(c.id)),
                      _locate(doc, "criteria", c.id, "weight"))
    if c.ranking_weight is not None:
        _check_ranking_weight(c.ranking_weight, mode,
                              Message("criterion {criterion}", criterion=Quote(c.id)),
                              _locate(doc, "criteria", c.id, "ranking_weight"), diags)
    if c.floor is not None:
        if mode != "scored":
            diags.add("mode-mismatch",
                      Message("a {mode} grid has no floors (criterion {criterion})",
                                               mode=mode, criterion=Quote(c.id)),
                      _locate(doc, "criteria", c.id, "floor"))
        elif scale is not None and not (scale.min <= c.floor <= scale.max):
            diags.add("floor-out-of-scale",
                      Message("the floor {floor} of {criterion} is outside its scale ({min}..{max})",
                              floor=c.floor, criterion=c.id, min=format(scale.min,
                                                                              'g'), max=format(scale.max, 'g')),
                      _locate(doc, "criteria", c.id, "floor"))
    if c.core and mode != "checklist":
        diags.add("mode-mismatch", Message("only checklist grids have core criteria ({criterion})",
                                           criterion=Quote(c.id)),
                  _locate(doc, "criteria", c.id, "core"))
    if c.eliminatory:
        if scale is not None and len(scale.levels) != 2:
            diags.add("eliminatory-scale",
                      Message("the eliminatory criterion {criterion} needs a two-level (yes/no) "
                              "scale",
                              criterion=Quote(c.id)),
                      _locate(doc, "criteria", c.id, "scale"))
        if c.rated_by is None:
            diags.add("eliminatory-scale", Message("the eliminatory criterion {criterion} needs "
                                                   "rated_by",
                                                   criterion=Quote(c.id)),
                      _locate(doc, "criteria", c.id))
        if c.core or c.floor is not None or c.weight is not None:
            diags.add("eliminatory-scale",
                      Message("the eliminatory criterion {criterion} gates only: no core, floor or "
                              "weight",
                              criterion=Quote(c.id)),
                      _locate(doc, "criteria", c.id))
    elif c.rated_by is not None:
        diags.add("eliminatory-scale", Message("rated_by applies to eliminatory criteria "
                                               "({criterion})",
                                               criterion=Quote(c.id)),
                  _locate(doc, "criteria", c.id, "rated_by"))


def _check_ranking_weight(w: float, mode: str, what: str, where: Location,
                          diags: Collector) -> None:
    if not (w > 0 and math.isfinite(w)):
        diags.add("bad-weight", Message("the {what} has ranking_weight {weight}", what=what,
                                        weight=w), where)
    if mode != "scored":
        diags.add("mode-mismatch", Message("a {mode} grid has no ranking weights ({what})",
                                           mode=mode, what=what), where)


def counts_as(grid: Grid, c: Criterion, name: str) -> float | None:
    """The level meaning (met, partly, present) for criterion ``c``, scale first."""
    scale = grid.scales.get(c.scale)
    if scale is not None and scale.counts_as is not None:
        v = getattr(scale.counts_as, name)
        if v is not None:
            return float(v)
    if grid.counts_as is not None:
        v = getattr(grid.counts_as, name)
        if v is not None:
            return float(v)
    return None


def _check_mode(grid: Grid, doc: Doc, diags: Collector) -> None:
    mode = grid.resolved_mode()
    if grid.threshold is not None:
        if mode != "scored":
            diags.add("mode-mismatch", Message("a {mode} grid has no threshold", mode=mode),
                      _top(doc, "threshold"))
        elif not (0 <= grid.threshold <= grid.out_of()):
            diags.add("bad-threshold",
                      Message("the threshold {threshold} is outside 0..{out_of}, the total's range",
                              threshold=format(grid.threshold, 'g'), out_of=format(grid.out_of(), 'g')), _top(doc, "threshold"),
                      hint=Message("The threshold is in the total's units: out of {out_of} "
                                   "(`total: {{out_of: N}}` sets them; 100 by default). For 10 out "
                                   "of 15, write `total: {{out_of: 15}}` and `threshold: 10`.",
                                   out_of=format(grid.out_of(), 'g')))
    if grid.total is not None:
        if mode != "scored":
            diags.add("mode-mismatch", Message("a {mode} grid has no total", mode=mode), _top(doc, "total"))
        elif not (grid.total.out_of > 0 and math.isfinite(grid.total.out_of)):
            diags.add("bad-threshold", Message("total.out_of must be a positive number, not "
                                               "{out_of}",
                                               out_of=grid.total.out_of), _top(doc, "total"),
                      hint="For instance `total: {out_of: 20}` for a total out of 20.")
    needed = {"checklist": ("met", "partly"), "profile": ("present",), "scored": ()}[mode]
    for c in grid.criteria():
        if c.eliminatory or c.scale not in grid.scales:
            continue
        scale = grid.scales[c.scale]
        for name in needed:
            v = counts_as(grid, c, name)
            if v is None:
                diags.add("schema-invalid",
                          Message("a {mode} grid must say which level counts as {name} (criterion "
                                  "{criterion}, scale {scale})",
                                  mode=mode, name=name, criterion=Quote(c.id), scale=Quote(c.scale)),
                          _top(doc, "counts_as") if "counts_as" in (doc.data or {})
                          else _locate(doc, "criteria", c.id, "scale"),
                          hint=Message("Add `counts_as: {{{name}: VALUE}}` to the grid or the "
                                       "scale.",
                                       name=name))
            elif not (scale.min <= v <= scale.max):
                diags.add("floor-out-of-scale",
                          Message("counts_as.{name} = {value} is outside the scale {scale} "
                                  "({min}..{max})",
                                  name=name, value=format(v,
                                                          'g'), scale=Quote(c.scale), min=format(scale.min, 'g'), max=format(scale.max, 'g')), _top(doc, "counts_as"))
    check_tie_breaks(grid, grid.tie_breaks, lambda i: (
        _top(doc, "tie_breaks") if "tie_breaks" not in (doc.data or {})
        else doc.loc(("tie_breaks", i))), diags)


def check_tie_breaks(grid: Grid, tie_breaks: list[TieBreak],
                     where: Callable[[int], Location], diags: Collector) -> None:
    """Each tie-break names a section, criterion or declared fact of ``grid``, and can order
    dossiers (the grid's own, or a call's ``tie_breaks``; ``where(i)``: the i-th's place)."""
    for i, tb in enumerate(tie_breaks):
        kind, _, ref = tb.by.partition(":")
        ok = True
        if kind == "section":
            ok = any(s.id == ref for s in grid.sections)
        elif kind == "criterion":
            ok = any(c.id == ref for c in grid.criteria())
        elif kind == "fact":
            ok = fact_spec(grid.facts, ref) is not None
        if not ok:
            diags.add("unknown-fact" if kind == "fact" else "unknown-target",
                      Message("the tie-break {tie_break} names an unknown fact",
                              tie_break=Quote(tb.by))
                      if kind == "fact" else Message("the tie-break {tie_break} names an unknown "
                                                     "{kind}", tie_break=Quote(tb.by), kind=kind),
                      where(i),
                      hint="A fact used by a tie-break is declared under `facts:` in the grid."
                      if kind == "fact" else None)
            continue
        problem = tie_break_problem(tb, grid.facts)
        if problem is not None:
            diags.add("bad-tie-break", problem[0], where(i), hint=problem[1])


def tie_break_problem(tb: TieBreak, facts: dict[str, FactSpec]
                      ) -> tuple[Message, str | Message] | None:
    """Why a tie-break cannot compare dossiers, as (message, hint); None when it can.

    A list fact has no order of its own: it needs ``count: distinct`` (the
    number of distinct values); ``count`` on anything else is a mistake.
    """
    kind, _, ref = tb.by.partition(":")
    listy = False
    if kind == "fact":
        spec = fact_spec(facts, ref)
        listy = "[]" in ref or (spec is not None and spec.type == "array")
        if spec is not None and spec.type == "object":
            return (Message("the tie-break {tie_break} names an object fact, which has no order",
                            tie_break=Quote(tb.by)),
                    "Name one of its fields: `fact:<name>.<field>`.")
    if listy and tb.count is None:
        return (Message("the tie-break {tie_break} names a list fact, which has no order",
                        tie_break=Quote(tb.by)),
                Message("Compare the number of distinct values: `{{by: \"{tie_break}\", count: "
                        "distinct}}`.", tie_break=tb.by))
    if not listy and tb.count is not None:
        return (Message("`count: {count}` applies to a list fact, and {tie_break} is not one",
                        count=tb.count, tie_break=Quote(tb.by)),
                "Remove `count`, or name a list (array) fact.")
    return None


_NUMERIC_FACTS = ("integer", "number")


def _check_fact_spec(label: str, spec: FactSpec, path: tuple[str, ...], doc: Doc,
                     diags: Collector) -> None:
    """Bounds only on numbers, lower bound not above the upper one; items and properties too.

    ``path`` is the spec's place under ``facts:`` (``("partners", "items", "properties",
    "amount")``); ``label`` the fact path a dossier writer knows (``partners[].amount``).
    """
    for key in ("minimum", "maximum"):
        bound = getattr(spec, key)
        if bound is not None and spec.type not in _NUMERIC_FACTS:
            hint = (Message("Put the bound on the items (`items: {{type: number, {key}: ...}}`), "
                            "or remove it.", key=key) if spec.type == "array" else
                    Message("Remove `{key}`, or declare the fact `type: number` or "
                            "`type: integer`.", key=key))
            diags.add("schema-invalid",
                      Message("the fact {label} is declared `type: {type}`: {key} applies only to "
                              "integer and number facts",
                              label=Quote(label), type=spec.type, key=key), _fact_loc(doc, (*path, key)),
                      hint=hint)
    if spec.minimum is not None and spec.maximum is not None and spec.minimum > spec.maximum \
            and spec.type in _NUMERIC_FACTS:
        diags.add("schema-invalid",
                  Message("the fact {label} has minimum {minimum} above its maximum {maximum}: no "
                          "value can be valid",
                          label=Quote(label), minimum=format(spec.minimum,
                                                            'g'), maximum=format(spec.maximum, 'g')), _fact_loc(doc, (*path, "minimum")),
                  hint="Swap the bounds, or remove one of them.")
    if spec.items is not None:
        _check_fact_spec(f"{label}[]", spec.items, (*path, "items"), doc, diags)
    for prop, sub in (spec.properties or {}).items():
        _check_fact_spec(f"{label}.{prop}", sub, (*path, "properties", prop), doc, diags)


def _fact_loc(doc: Doc, path: tuple[str, ...]) -> Location:
    """Where the fact spec at ``path`` (under ``facts:``) is written: in ``facts:``, in a
    ``set: {facts.NAME: ...}``, or else (a parent's fact) where the grid says it extends."""
    key_path = "facts." + ".".join(path)
    for prefix, rest in ((("facts", path[0]), path[1:]), (("set", f"facts.{path[0]}"), path[1:])):
        if prefix in doc.positions:
            loc = doc.loc((*prefix, *rest))
            return Location(loc.file, loc.line, loc.column, key_path=key_path)
    loc = _top(doc, "facts")
    return Location(loc.file, loc.line, loc.column, key_path=key_path)


def _walk_conditions(cond: Condition) -> list[Condition]:
    out = [cond]
    for sub in (cond.all or []) + (cond.any or []) + (cond.of or []):
        out.extend(_walk_conditions(sub))
    if cond.not_ is not None:
        out.extend(_walk_conditions(cond.not_))
    return out


def _check_facts_and_rules(grid: Grid, doc: Doc, diags: Collector) -> None:
    for rule in grid.eligibility:
        for cond in _walk_conditions(rule):
            paths = [cond.fact] if cond.fact else []
            op = cond.operator()
            if op is not None:
                value = op[1]
                ref = getattr(value, "fact", None)
                if ref:
                    paths.append(ref)
            for p in paths:
                if fact_spec(grid.facts, p) is None:
                    diags.add("unknown-fact",
                              Message("the rule {ident} reads an undeclared fact {fact}",
                                                      ident=Quote(rule.id), fact=Quote(p)),
                              _locate(doc, "eligibility", rule.id),
                              hint="Declare it under `facts:` (use name[] for list items).")


def _verdict_loc(doc: Doc, path: tuple[Any, ...]) -> Location:
    """Where the verdict part at ``path`` (under ``verdict:``) is written, or the best guess."""
    key_path = ".".join(["verdict", *(str(p) for p in path)])
    for prefix in (("verdict",), ("set", "verdict")):
        if prefix in doc.positions:
            if not path:  # the rule as a whole: where its key is written
                loc = doc.key_loc(prefix)
                return Location(loc.file, loc.line, loc.column, key_path=key_path)
            full = (*prefix, *path)
            while full not in doc.positions and len(full) > len(prefix):
                full = full[:-1]
            loc = doc.loc(full)
            return Location(loc.file, loc.line, loc.column, key_path=key_path)
    return _inherited_loc(doc, key_path)


def _verdict_parts(rule: VerdictRule, path: tuple[Any, ...] = ()
                   ) -> list[tuple[tuple[Any, ...], VerdictRule]]:
    out = [(path, rule)]
    for key in ("all", "any", "of"):
        for i, part in enumerate(getattr(rule, key) or []):
            out.extend(_verdict_parts(part, (*path, key, i)))
    return out


def _check_verdict(grid: Grid, doc: Doc, diags: Collector) -> None:
    """A verdict rule: checklist grids only; known, counting criteria; core flags agree.
    A condition shown apart (``separate_condition``): a checklist's, outside the verdict."""
    mode = grid.resolved_mode()
    apart = [c for c in grid.criteria() if c.separate_condition is not None]
    in_rule = set(effective_verdict(grid).criteria_ids()) if mode == "checklist" else set()
    for c in apart:
        if mode != "checklist" or c.id in in_rule or c.eliminatory:
            diags.add("bad-verdict",
                      Message("{criterion} is a condition shown apart, which only a checklist "
                              "criterion outside the verdict rule can be", criterion=Quote(c.id)),
                      _locate(doc, "criteria", c.id, "separate_condition"),
                      hint="Remove `separate_condition:`, or leave the criterion out of the "
                           "verdict rule (and not core).")
    rule = grid.verdict
    if rule is None:
        return
    if mode != "checklist":
        diags.add("mode-mismatch", Message("a {mode} grid has no verdict rule (checklist grids "
                                           "only)",
                                           mode=mode),
                  _verdict_loc(doc, ()), hint="Remove `verdict:`, or use `mode: checklist`.")
        return
    crits = {c.id: c for c in grid.criteria()}
    for path, part in _verdict_parts(rule):
        named: list[tuple[tuple[Any, ...], str]] = (
            [(("criterion",), part.criterion)] if part.criterion is not None else [])
        named += [(("only_with", i), cid) for i, cid in enumerate(part.only_with or [])]
        for where, cid in named:
            at = (*path, *where)
            if cid not in crits:
                close = close_match(cid, crits)
                diags.add("bad-verdict",
                          Message("the verdict rule names an unknown criterion {criterion}",
                                                 criterion=Quote(cid)),
                          _verdict_loc(doc, at),
                          hint=Message("Did you mean {key}? Criterion ids: see `isgrid grids "
                                       "show`.", key=Quote(close)) if close else
                          "Criterion ids: see `isgrid grids show`.")
            elif crits[cid].eliminatory:
                diags.add("bad-verdict",
                          Message("the verdict rule names the eliminatory criterion {criterion}, which "
                                  "gates only and never counts",
                                  criterion=Quote(cid)), _verdict_loc(doc, at),
                          hint="Name a criterion that is not eliminatory, or make it one.")
        if part.only_with is not None and part.criterion in part.only_with:
            diags.add("bad-verdict",
                      Message("{criterion} cannot count only together with itself",
                              criterion=Quote(part.criterion)),
                      _verdict_loc(doc, (*path, "only_with")))
    named_ids = set(rule.criteria_ids())
    for c in grid.criteria():
        if c.core and c.id not in named_ids:
            diags.add("bad-verdict",
                      Message("{criterion} is flagged core but the verdict rule does not name it",
                              criterion=Quote(c.id)),
                      _locate(doc, "criteria", c.id, "core"),
                      hint="With a verdict rule, the rule says what is required: name the "
                           "criterion in it, or remove `core: true`.")


def _check_parameters(grid: Grid, doc: Doc, diags: Collector, in_call: bool) -> None:
    """Every numeric parameter of a scored grid says where it comes from."""
    params = grid.parameters
    ids = {c.id for c in grid.criteria()} | {s.id for s in grid.sections} | set(grid.scales)
    for i, key in enumerate(sorted(params)):
        parts = key.split(".")
        if parts[0] not in ("threshold", "total", "criteria", "sections", "scales",
                            "tie_breaks", "aggregator", "counts_as", "verdict"):
            diags.add("bad-set-path", Message("{key} is not a parameter path", key=Quote(key)),
                      _top(doc, "parameters"))
            continue
        if parts[0] in ("criteria", "sections", "scales") and len(parts) >= 2:
            ident = ".".join(parts[1:-1]) if parts[0] != "scales" and len(parts) > 2 else parts[1]
            if ident != "*" and ident not in ids:
                diags.add("unknown-target", Message("the parameter {key} names an unknown id",
                                                    key=Quote(key)),
                          _top(doc, "parameters"))
        del i
    if in_call:
        # a value a call sets is shown as inferred everywhere, as the grid language says;
        # call.yaml has no `parameters:` to give it a provenance (docs/grid-language.md)
        return
    for key in unsaid_parameters(grid):
        diags.add("missing-provenance", Message("the parameter {key} has no provenance", key=key),
                  _top(doc, "parameters"), severity="warning")
