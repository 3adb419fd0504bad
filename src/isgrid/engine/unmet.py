"""The warning of an eligibility rule that no dossier of the call meets
(``eligibility-unmet``), said by ``isgrid call check`` and ``isgrid score``.

A rule the whole call fails is seldom the call's truth: most often a fact was taken from
the wrong column (the département's name, « Haut-Rhin », where the rule lists codes,
``in: ["67", "68"]``: a Démarche Numérique export writes the code in a column of its own,
« <label> (Code) »), and every letter would say « irrecevable ».  The reading is the
engine's (:func:`isgrid.engine.eligibility.unmet_rules`); here it is said, in words.
"""

from __future__ import annotations

from ..call.blocks import fact_values
from ..call.model import Call
from ..errors import Collector, Diagnostic, Location, Message, Quote
from ..grid.facts import fact_root, fact_spec
from ..io.yamlio import load_yaml
from ..messages import Count, Quoted
from .eligibility import Unmet, unmet_rules


def shown_values(values: tuple[str, ...], more: bool) -> Quoted:
    """The values a warning shows, each between its language's quotes (:class:`Quoted`:
    “Haut-Rhin”, « Haut-Rhin »), a value longer than 40 characters cut to its first 39
    and « … »; « … » after them when more were found."""
    return Quoted((v if len(v) <= 40 else v[:39] + "…" for v in values), more)


def unmet_warnings(call: Call) -> list[Diagnostic]:
    """One warning per rule of the call's grid that no dossier meets (at least three fail
    it), or per ``in:`` list that holds no dossier's value: where the fact comes from (its
    key under ``intake.facts`` in call.yaml when the call maps it, else the first
    dossier's file), the rule, the fact, a few of the values found, and a hint."""
    dossiers = call.dossiers
    found = unmet_rules(call.grid.grid, [d.facts for d in dossiers])
    if not found:
        return []
    intake = call.config.intake
    mapped = set(intake.facts) if intake is not None else set()
    doc = None
    if any(fact_root(u.fact) in mapped for u in found):  # its line: call.yaml read again
        doc = load_yaml(call.folder / "call.yaml", Collector())
    out = []
    for u in found:
        root = fact_root(u.fact)
        where = (Location(dossiers[0].file, key_path=u.fact) if root not in mapped
                 else doc.key_loc(("intake", "facts", root)) if doc is not None
                 else Location(str(call.folder / "call.yaml"), key_path=f"intake.facts.{root}"))
        out.append(Diagnostic("eligibility-unmet", _message(u), where, severity="warning",
                              hint=_hint(u, root in mapped)))
    return out


def _message(u: Unmet) -> Message:
    values = shown_values(u.values, u.more)
    if u.whole:
        return Message("no dossier of the call meets the eligibility rule {rule}: {failed} "
                       "dossiers of {n} are ineligible on the fact {fact}, whose values "
                       "are {values}", rule=u.rule, failed=Count(u.failed), n=Count(u.dossiers),
                       fact=u.fact, values=values)
    return Message("no dossier's {fact} is in the list of the eligibility rule {rule} "
                   "({targets}): values found {values}", fact=u.fact, rule=u.rule,
                   targets=_listed(u.targets), values=values)


def _hint(u: Unmet, mapped: bool) -> Message:
    if u.names:
        return Message("The rule lists codes ({targets}) and the dossiers give names. A "
                       "Démarche Numérique export writes a département, région, commune or "
                       "EPCI champ as two columns: “<label>” (the name) and “<label> "
                       "(Code)” (the code; “(Code INSEE)” for a commune). Map {fact} to the "
                       "code column under intake.facts in call.yaml, then run isgrid intake "
                       "again.", targets=_listed(u.targets), fact=fact_root(u.fact))
    if mapped:
        return Message("Check the column that intake.facts maps to {fact} in call.yaml, "
                       "then run isgrid intake again; if the values are right, these "
                       "dossiers are indeed ineligible.", fact=fact_root(u.fact))
    return Message("Check the values of {fact} in the dossiers' files; if they are right, "
                   "these dossiers are indeed ineligible.", fact=u.fact)


def _listed(targets: tuple[object, ...]) -> str:
    shown = ", ".join(map(str, targets[:6]))
    return shown + ("…" if len(targets) > 6 else "")


def constraint_value_warnings(call: Call) -> list[Diagnostic]:
    """One warning per portfolio constraint whose ``value`` no dossier's fact has (a case
    mismatch, ``SCOP`` for ``scop``; a value misspelt): the constraint matches nothing, a
    maximum is never reached and a minimum is infeasible with no word of why (review
    rev-money F4).  Values compare as text, as the walk compares them
    (:mod:`isgrid.engine.select`); the values found are said, as ``eligibility-unmet``
    says them.  A constraint on an undeclared fact is an error of the call's loading
    (``unknown-fact``), not repeated here."""
    constraints = call.config.constraints or []
    if not constraints or not call.dossiers:
        return []
    doc = None
    out = []
    for i, c in enumerate(constraints):
        value = getattr(c, "value", None)
        if value is None or fact_spec(call.grid.grid.facts, c.fact) is None:
            continue
        found: dict[str, None] = {}
        for d in call.dossiers:
            found.update(dict.fromkeys(fact_values(d.facts, c.fact)))
        wanted = fact_values({"v": value}, "v")
        if any(w in found for w in wanted):
            continue
        doc = doc or load_yaml(call.folder / "call.yaml", Collector())
        shown = tuple(sorted(found)[:6])
        out.append(Diagnostic(
            "constraint-value-unmet",
            Message("no dossier's {fact} is {value}, the value of the constraint {ident}: "
                    "values found {values}", fact=c.fact, value=Quote(str(value)),
                    ident=Quote(c.id), values=shown_values(shown, len(found) > len(shown)))
            if found else
            Message("no dossier gives the fact {fact} of the constraint {ident}",
                    fact=c.fact, ident=Quote(c.id)),
            doc.key_loc(("constraints", i, "value")) if doc is not None
            else Location(str(call.folder / "call.yaml"), key_path=f"constraints[{i}].value"),
            severity="warning",
            hint=Message("Values compare as text, capitals count: write the value as the "
                         "dossiers give it; if it is right, no dossier is concerned and the "
                         "constraint {ident} changes nothing (a minimum cannot be met).",
                         ident=c.id)))
    return out
