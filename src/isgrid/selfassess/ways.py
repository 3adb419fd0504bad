"""The ways to a « caractérisé » verdict, for a checklist grid with its own verdict rule.

:func:`isgrid.engine.judge.verdict_needs` gives the criteria on *some* shortest way; a rule
with alternatives (art. 15 of the loi ESS: 1° *or* 2°, and the II) has several, and a holder
must read them as alternatives, not as criteria each « required »: :func:`shortest_ways`
splits them into ways (each a set of criteria that, raised to « met », gives
« caractérisé »), the nearest first (fewest scale steps from the answers), and
:func:`required` says which criteria lie on every way.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from typing import Any

from ..engine.judge import checklist_verdict, verdict_needs

#: More combinations than this are not tried: the ways are then left as one.
MAX_TRIES = 5000


def shortest_ways(rule: Any, states: Mapping[str, str | None],
                  steps: Mapping[str, float]) -> list[list[str]]:
    """Every smallest set of criteria of :func:`verdict_needs` that, raised to « met »,
    everything else as answered, gives « caractérisé »; the nearest first (the fewest
    ``steps``, each criterion's distance to « met »), then in the rule's order.  One way
    (the needs as they are) when there are too many to try; none when the rule is met."""
    needs = verdict_needs(rule, dict(states))
    if not needs:
        return []
    tried = 0
    for k in range(1, len(needs) + 1):
        found: list[list[str]] = []
        for combo in combinations(needs, k):
            tried += 1
            if tried > MAX_TRIES:
                return [list(needs)]
            after = {**states, **{cid: "met" for cid in combo}}
            if checklist_verdict(rule, after) == "caractérisé":
                found.append(list(combo))
        if found:
            order = {cid: i for i, cid in enumerate(needs)}
            found.sort(key=lambda way: (sum(steps.get(c, 0.0) for c in way),
                                        [order[c] for c in way]))
            return found
    return [list(needs)]


def required(ways: list[list[str]]) -> set[str]:
    """The criteria on every way (« required by the verdict »); the others are one of its
    alternatives."""
    if not ways:
        return set()
    out = set(ways[0])
    for way in ways[1:]:
        out &= set(way)
    return out
