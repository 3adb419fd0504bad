"""The values eligibility rules compare facts with, checked against the facts' types.

A dossier's facts are read into their declared type (:func:`isgrid.grid.facts.coerce`:
``oui`` is true, ``11 000`` is 11000, ``14/03/2016`` is ``2016-03-14``); a rule's value
is compared with that typed fact as written in the grid.  A value of another type
can never compare: ``{fact: siege_region, equals: oui}`` on a yes/no fact failed
every dossier, ``{fact: amount_requested, le: "11 000"}`` every amount, silently.
Such a value is an error here, at its line:col, and the hint writes the value the
author meant, read by the same rule as the dossiers' facts (``equals: true``,
``le: 11000``).  A grid's own numbers are written the YAML way (as its weights and
threshold), so the value is not read silently in the rule's place.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..errors import Collector, Location, Message, Quote
from ..io.yamlio import Doc
from .facts import coerce, fact_spec, iso_date
from .model import Condition, FactRef, FactSpec, Grid

#: operators whose value is a list of values (each compared with the fact, or its items)
_LIST_OPS = ("in", "not-in", "contains-all", "contains-any")
#: operators that compare the items of a list fact (or of a text, for ``contains``)
_ITEM_OPS = ("contains", "contains-all", "contains-any")


def check_rule_values(grid: Grid, doc: Doc, diags: Collector,
                      rule_loc: Callable[[str], Location]) -> None:
    """Every value of every eligibility rule fits the type of the fact it is compared with
    (``rule_loc(id)``: where the rule ``id`` is, when ``doc`` does not write it)."""
    data = doc.data if isinstance(doc.data, dict) else {}
    written = data.get("eligibility") or []
    for rule in grid.eligibility:
        index = next((i for i, r in enumerate(written)
                      if isinstance(r, dict) and r.get("id") == rule.id), None)
        for path, cond in _conditions(rule):
            found = cond.operator()
            if cond.fact is None or found is None:
                continue
            op, target = found
            if isinstance(target, FactRef) or op in ("present", "absent"):
                continue
            spec = fact_spec(grid.facts, cond.fact)
            if spec is None:
                continue  # unknown-fact says it
            if op in _ITEM_OPS:
                if spec.type == "array" and spec.items is not None:
                    spec = spec.items
                elif spec.type == "string" and op == "contains":
                    continue  # a text contains a text: any value is read as text
                else:
                    continue
            values = list(target) if op in _LIST_OPS and isinstance(target, list) else [target]
            wrong = [v for v in values if not fits(v, spec)]
            if not wrong:
                continue
            at = (*path, op) if op not in _LIST_OPS else (*path, op, values.index(wrong[0]))
            where = (_written(doc, index, at) if index is not None
                     else _fact_set(doc, cond.fact) or rule_loc(rule.id))
            meant = [_meant(v, spec) for v in values]
            diags.add("bad-rule", _message(rule.id, cond.fact, spec, wrong[0]), where,
                      hint=_hint(op, spec, meant, target))


def fits(value: Any, spec: FactSpec) -> bool:
    """Whether ``value``, as a grid writes it, can compare with a fact of type ``spec``."""
    t = spec.type
    if t == "boolean":
        return isinstance(value, bool)
    if t in ("number", "integer"):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if t == "string":
        return isinstance(value, str)
    if t == "date":
        return isinstance(value, str) and iso_date(value) == value
    return True  # a whole list or object compared: not a value of one type


def _meant(value: Any, spec: FactSpec) -> Any:
    """The value read as a dossier's fact is read (the one rule, :func:`coerce`); None
    when that rule cannot read it as the fact's type."""
    if fits(value, spec):
        return value
    read = coerce(value, spec)
    return read if read is not None and fits(read, spec) else None


def _conditions(cond: Condition, path: tuple[Any, ...] = ()
                ) -> list[tuple[tuple[Any, ...], Condition]]:
    out = [(path, cond)]
    for key in ("all", "any", "of"):
        for i, sub in enumerate(getattr(cond, key) or []):
            out.extend(_conditions(sub, (*path, key, i)))
    if cond.not_ is not None:
        out.extend(_conditions(cond.not_, (*path, "not")))
    return out


def _written(doc: Doc, index: int, at: tuple[Any, ...]) -> Location:
    """The value's place in the rule as ``doc`` writes it (the YAML key of an operator is
    its name: ``not-in``)."""
    return doc.loc(("eligibility", index, *at))


def _fact_set(doc: Doc, fact: str) -> Location | None:
    """A parent's rule on a fact whose type ``doc`` changed (``set: {facts.NAME: …}``): that
    ``set``; else None."""
    root = fact.split(".")[0].removesuffix("[]")
    if ("set", f"facts.{root}") not in doc.positions:
        return None
    loc = doc.loc(("set", f"facts.{root}"))
    return Location(loc.file, loc.line, loc.column, key_path=f"set.facts.{root}")


def _message(rule_id: str, fact: str, spec: FactSpec, value: Any) -> Message:
    ident, name, shown = Quote(rule_id), Quote(fact), Quote(value)
    if spec.type == "boolean":
        return Message("the rule {ident} compares the yes/no fact {fact} with {value}, which "
                       "is neither true nor false: it would read every dossier wrong",
                       ident=ident, fact=name, value=shown)
    if spec.type in ("number", "integer"):
        return Message("the rule {ident} compares the number fact {fact} with {value}, which "
                       "a grid does not read as a number: it would read every dossier wrong",
                       ident=ident, fact=name, value=shown)
    if spec.type == "date":
        return Message("the rule {ident} compares the date fact {fact} with {value}, which is "
                       "not a date written YYYY-MM-DD: it would read every dossier wrong",
                       ident=ident, fact=name, value=shown)
    return Message("the rule {ident} compares the text fact {fact} with {value}, which is not "
                   "a text: it would read every dossier wrong", ident=ident, fact=name,
                   value=shown)


def yaml_value(value: Any) -> str:
    """``value`` as a grid file writes it (``true``, ``11000``, ``"67"``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _hint(op: str, spec: FactSpec, meant: list[Any], target: Any) -> Message:
    """The value to write: the one meant, when the dossiers' reading reads it."""
    if all(m is not None for m in meant):
        value = meant if isinstance(target, list) else meant[0]
        written = f"{op}: {yaml_value(value)}"
        if spec.type == "boolean":
            return Message("Write `{written}`: true for yes (oui), false for no (non).",
                           written=written)
        if spec.type in ("number", "integer"):
            return Message("Write `{written}`: a number in a grid has no spaces and a "
                           "decimal point (1.5).", written=written)
        if spec.type == "date":
            return Message("Write `{written}`.", written=written)
        return Message("Write it in quotes, as a text: `{written}`.", written=written)
    if spec.type == "boolean":
        return Message("Write `{op}: true` (yes) or `{op}: false` (no).", op=op)
    if spec.type in ("number", "integer"):
        return Message("Write a number, without spaces and with a decimal point: `{op}: "
                       "11000`, `{op}: 1.5`.", op=op)
    if spec.type == "date":
        return Message("Write a date YYYY-MM-DD in quotes: `{op}: \"2027-03-31\"`.", op=op)
    return Message("Write it in quotes, as a text: `{op}: \"…\"`.", op=op)
