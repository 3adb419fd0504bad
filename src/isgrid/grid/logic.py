"""The combinators shared by eligibility rules and checklist verdict rules.

One rule, one place: ``all``, ``any`` and ``at_least`` are the same function,
:func:`at_least`, over outcomes ordered from worst to best, with one value for
"not known" (a missing fact, an unrated criterion).  Eligibility reads
``("fail", "pass")``; a checklist verdict reads ``("not-met", "partly", "met")``.

An unknown part makes the whole unknown only when it could change it: the
result is the k-th best outcome, computed once with every unknown part at the
worst value and once at the best; when both agree, that is the result.  So
``all`` fails as soon as one part fails, ``any`` passes as soon as one part
passes, and ``at_least: 2`` of (pass, pass, unknown) passes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from .model import Criterion, Grid, VerdictRule

T = TypeVar("T")


def at_least(need: int, outcomes: Sequence[T], order: Sequence[T], unknown: T) -> T:
    """The k-th best of ``outcomes`` (k = ``need``), or ``unknown`` when unknowns decide.

    ``all`` is ``at_least(len(outcomes), ...)`` (the worst part: an empty ``all``
    holds), ``any`` is ``at_least(1, ...)`` (the best part: an empty ``any`` fails).
    ``need`` above the number of parts gives the worst value.
    """
    if need <= 0:
        return order[-1]
    if need > len(outcomes):
        return order[0]
    rank = {o: i for i, o in enumerate(order)}
    known = sorted((rank[o] for o in outcomes if o != unknown), reverse=True)
    n_unknown = len(outcomes) - len(known)
    # unknown parts at the worst value: they come last
    low = known[need - 1] if need <= len(known) else 0
    # unknown parts at the best value: they come first
    high = len(order) - 1 if need <= n_unknown else known[need - 1 - n_unknown]
    return order[low] if low == high else unknown


def effective_verdict(grid: Grid, scoring: list[Criterion] | None = None) -> VerdictRule:
    """The grid's verdict rule; by default ``all`` of its core criteria.

    ``scoring``: the criteria that count (not eliminatory); all of them when
    None.  A grid that flags no criterion as core treats every one as core, but for a
    condition shown apart (``separate_condition``), which the verdict never reads.
    """
    if grid.verdict is not None:
        return grid.verdict
    if scoring is None:
        scoring = [c for c in grid.criteria() if not c.eliminatory]
    scoring = [c for c in scoring if c.separate_condition is None or c.core]
    core = tuple(c.id for c in scoring if c.core) or tuple(c.id for c in scoring)
    # the engine asks once per dossier: the rule is built once per grid (remembered by
    # identity, the grid kept alive so that its id is not reused, as facts.evaluate does)
    entry = _DEFAULT.get(id(grid))
    if entry is not None and entry[0] is grid and entry[1] == core:
        return entry[2]
    if len(_DEFAULT) >= 256:
        _DEFAULT.clear()
    rule = VerdictRule.model_construct(
        all=[VerdictRule.model_construct(criterion=cid) for cid in core])
    _DEFAULT[id(grid)] = (grid, core, rule)
    return rule


_DEFAULT: dict[int, tuple[Grid, tuple[str, ...], VerdictRule]] = {}


def required_criteria(rule: VerdictRule) -> frozenset[str]:
    """The criteria the rule cannot do without: those whose failure alone fails it.

    ``{criterion: C}`` requires C (its ``only_with`` are alternatives: not required,
    unless there is one); ``all`` requires what each part requires; ``at_least: N`` of M
    parts (``any``: N = 1) requires a criterion that more than M − N parts require (one
    left unmet leaves fewer than N parts that can hold).  So the alternatives of « l'un
    de (A15-1 ; A15-2) » are not required, and A15-II of « chacun de (…; A15-II) » is."""
    if rule.criterion is not None:
        only = rule.only_with or []
        return frozenset([rule.criterion, *(only if len(only) == 1 else [])])
    parts = rule.all if rule.all is not None else rule.any if rule.any is not None else rule.of
    parts = parts or []
    need = (len(parts) if rule.all is not None else 1 if rule.any is not None
            else int(rule.at_least or 0))
    if need <= 0:
        return frozenset()
    each = [required_criteria(p) for p in parts]
    spare = len(parts) - need
    return frozenset(c for c in set().union(*each) if sum(c in r for r in each) > spare)


_WORDS = {
    "en": {"all": "all of", "any": "one of", "at_least": "at least {n} of",
           "only_with": "{c} (counts only with one of {ids})", "sep": "; ", "or": ", "},
    "fr": {"all": "chacun de", "any": "l'un de", "at_least": "au moins {n} parmi",
           "only_with": "{c} (ne compte qu'avec l'un de {ids})", "sep": "\u202f; ",
           "or": ", "},
}


def verdict_text(rule: VerdictRule, lang: str = "en",
                 names: dict[str, str] | None = None) -> str:
    """The rule on one line: ``at least 1 of (C1; C2; C4 (counts only with one of C1, C2))``.

    ``names``: how to show a criterion (its label, say); its id otherwise.
    """
    w = _WORDS.get(lang, _WORDS["en"])
    nm = names or {}
    if rule.criterion is not None:
        own = nm.get(rule.criterion, rule.criterion)
        if rule.only_with:
            return w["only_with"].format(
                c=own, ids=w["or"].join(_short(nm.get(cid, cid)) for cid in rule.only_with))
        return own
    parts = rule.all if rule.all is not None else rule.any if rule.any is not None else rule.of
    head = (w["all"] if rule.all is not None else w["any"] if rule.any is not None
            else w["at_least"].format(n=rule.at_least))
    inner = w["sep"].join(verdict_text(p, lang, names) for p in parts or [])
    return f"{head} ({inner})"


def verdict_lines(rule: VerdictRule, indent: str = "  ", lang: str = "en",
                  names: dict[str, str] | None = None) -> list[str]:
    """The rule as an indented tree, one part a line, each part's label first.

    A part's ``label`` is the grid's own name for it, written by whoever wrote the grid
    (« I : l'une des caractéristiques suivantes »), not a quotation: it leads its line,
    before a dash, never in « » beside a law's text (review s12 grids #9):
    ``I : l'une des caractéristiques suivantes — l'un de :``, ``II : condition des
    financements publics — Le caractère innovant de son activité …``.
    """
    w = _WORDS.get(lang, _WORDS["en"])
    label = f"{rule.label} \u2014 " if rule.label else ""
    if rule.criterion is not None:
        return [indent + label + verdict_text(rule, lang, names)]
    parts = rule.all if rule.all is not None else rule.any if rule.any is not None else rule.of
    head = (w["all"] if rule.all is not None else w["any"] if rule.any is not None
            else w["at_least"].format(n=rule.at_least))
    colon = "\u00a0:" if lang == "fr" else ":"
    out = [f"{indent}{label}{head}{colon}"]
    for p in parts or []:
        out.extend(verdict_lines(p, indent + "  ", lang, names))
    return out


def _short(name: str, limit: int = 40) -> str:
    """A long criterion label cut at a word (the rule repeats names; labels can be a law's
    whole sentence)."""
    if len(name) <= limit:
        return name
    first = name.split(" ", 1)[0]
    if re.fullmatch(r"[IVX0-9]+°?\.?", first):  # a law's « 1° », « II. »: its number
        return first
    cut = name[:limit].rsplit(" ", 1)[0]
    return cut + "…"
