"""Typed dossier facts and the eligibility grammar.

Facts are typed by the grid (``facts:``).  A JSON Schema for a dossier's facts
is generated from those types and every dossier is validated against it
(jsonschema), so a wrong amount is found when the call is loaded, not when the
money is spent.  A fact declared as a string keeps exactly what was written
(``01000`` stays ``01000``, a SIRET keeps its leading zeros).

Eligibility rules are data, never code: ``{fact: PATH, OP: VALUE}`` with
``all``/``any``/``not``/``at_least`` (the combinators of :mod:`isgrid.grid.logic`,
shared with checklist verdict rules).  Each evaluates to ``pass``, ``fail`` or ``unknown``
(a fact is missing).  A path may go through lists with ``[]``
(``partners[].type``): it then yields every item's value, and

* ``contains``, ``contains-all``, ``contains-any`` test that collection;
* ``present`` holds when at least one value exists, ``absent`` when none does;
* any other operator holds when it holds for **every** value, and fails on an
  empty list (an empty partnership does not meet "every partner is ...").
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal

from .logic import at_least
from .model import Condition, FactRef, FactSpec, Grid

Outcome = Literal["pass", "fail", "unknown"]

_MISSING = object()
_DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
#: A date followed by a time, as a spreadsheet writes a date cell or a date-and-time cell
#: in a CSV (« 20/05/2016 00:00 », « 2016-05-20 14:30:00 »; « 14h30 » in a platform's
#: export): the date, then the time.
_DATE_TIME = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})[ T]"
                        r"(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,]\d{1,6})?)?"
                        r"(?: ?(?:Z|[+-]\d{2}:?\d{2}))?$")  # (an API's or export's time zone)


def fact_label(facts: Mapping[str, FactSpec], name: str) -> str:
    """How isgrid names the dossier fact ``name`` to its reader: the ``label`` the grid
    declares for it (or the call, with ``set: facts.NAME``), else ``name`` itself
    (« Dépenses éligibles (prestations externes, HT) » for ``eligible_costs``)."""
    spec = facts.get(name)
    return spec.label if spec is not None and spec.label else name


def fact_labels(grid: Grid) -> dict[str, str]:
    """The declared labels of ``grid``'s facts, by name, for a text that names an id which
    may be a fact's (a flag's ``unknown:eligible_costs``): a criterion's or an eligibility
    rule's id names the criterion or the rule, never a fact."""
    taken = {c.id for c in grid.criteria()} | {r.id for r in grid.eligibility}
    return {name: spec.label for name, spec in grid.facts.items()
            if spec.label and name not in taken}


def fact_schema(facts: dict[str, FactSpec]) -> dict[str, Any]:
    """The JSON Schema of a dossier's facts (reserved keys are allowed too)."""
    props = {name: _spec_schema(spec) for name, spec in facts.items()}
    required = sorted(name for name, spec in facts.items() if spec.required)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": props,
        "required": required,
    }


def value_schema(spec: FactSpec) -> dict[str, Any]:
    """The JSON Schema of one value of ``spec`` (an item of a list, say)."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **_spec_schema(spec)}


def _spec_schema(spec: FactSpec) -> dict[str, Any]:
    t = spec.type
    out: dict[str, Any]
    if t == "date":
        out = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
    elif t == "array":
        out = {"type": "array"}
        if spec.items is not None:
            out["items"] = _spec_schema(spec.items)
    elif t == "object":
        out = {"type": "object"}
        if spec.properties is not None:
            out["properties"] = {k: _spec_schema(v) for k, v in spec.properties.items()}
            req = sorted(k for k, v in spec.properties.items() if v.required)
            if req:
                out["required"] = req
    else:
        out = {"type": t}
    if spec.enum is not None:
        out["enum"] = list(spec.enum)
    if spec.minimum is not None:
        out["minimum"] = spec.minimum
    if spec.maximum is not None:
        out["maximum"] = spec.maximum
    if spec.label:
        out["title"] = spec.label
    return out


_JSON_TYPES: dict[str, Any] = {
    "string": str, "integer": int, "number": (int, float), "boolean": bool, "date": str,
}


def quick_valid(typed: dict[str, Any], facts: dict[str, FactSpec]) -> bool:
    """True when flat facts surely satisfy :func:`fact_schema` (a fast path).

    Only scalar facts are judged here; anything else, or any doubt, returns
    False and the JSON Schema validator decides and explains.
    """
    for name, spec in facts.items():
        value = typed.get(name)
        if value is None:
            if spec.required:
                return False
            continue
        if not value_quick_valid(value, spec):
            return False
    return all(name in facts for name in typed)


def value_quick_valid(value: Any, spec: FactSpec) -> bool:
    """:func:`quick_valid` for one present (not None) value of one fact.

    Apart so that a table can judge each distinct cell of a column once
    instead of every fact of every row.  Never raises: a value it cannot
    compare (a string against a numeric bound) is left to the validator.
    """
    kind = _JSON_TYPES.get(spec.type)
    if kind is None or not isinstance(value, kind):
        return False
    if isinstance(value, bool) and spec.type != "boolean":
        return False
    if spec.enum is not None and not any(
            isinstance(e, bool) == isinstance(value, bool) and e == value for e in spec.enum):
        return False  # as JSON Schema: true is not 1
    try:
        if spec.minimum is not None and value < spec.minimum:
            return False
        if spec.maximum is not None and value > spec.maximum:
            return False
    except TypeError:  # a bound on a string (refused by `grids check`): the schema decides
        return False
    if spec.type == "date":
        try:
            if _dt.date.fromisoformat(value).isoformat() != value:
                return False
        except ValueError:
            return False
    return True


def date_time(value: Any) -> tuple[str, str | None] | None:
    """A date given with a time, as a spreadsheet saves a date cell (« 20/05/2016 00:00 »,
    « 2016-05-20 14:30:00 », an ``.xlsx`` date-and-time cell): the date as isgrid keeps it
    and the time as written when it is not midnight (« 14:30 »; None for 00:00, what a
    spreadsheet writes for a cell that holds a date only).  None when ``value`` is not a
    date followed by a valid time."""
    if isinstance(value, _dt.datetime):
        t = value.time()
        return value.date().isoformat(), (None if t == _dt.time() else
                                          t.isoformat("seconds" if t.second else "minutes"))
    if not isinstance(value, str):
        return None
    m = _DATE_TIME.match(value.strip())
    if m is None:
        return None
    day, h, mi, sec = m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4) or 0)
    iso = iso_date(day)
    if iso is None or h > 23 or mi > 59 or sec > 59:
        return None
    if (h, mi, sec) == (0, 0, 0) and value.strip()[len(day) + 1:].strip("0:h.,") == "":
        return iso, None
    return iso, value.strip()[len(day) + 1:]


def iso_date(value: Any) -> str | None:
    """A date as isgrid keeps it (``2016-03-14``) from what people write: ``2016-03-14``,
    ``14/03/2016``, a YAML date; None when it is not a date (``31/02/2016``).  The one rule
    of the dates of facts and of call.yaml (the meeting's, the vote's).  A date with the
    time 00:00 (:func:`date_time`: what a spreadsheet saves for a date cell) is its date;
    another time is not a date here (a date fact takes its date and the readers warn that
    the time is ignored: :func:`coerce`, :func:`isgrid.io.excel.excel_trace`)."""
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    if ":" in value:
        both = date_time(value)
        return None if both is None or both[1] is not None else both[0]
    m = _DATE_FR.match(value.strip())
    try:
        if m:
            d, mo, y = (int(x) for x in m.groups())
            return _dt.date(y, mo, d).isoformat()
        return _dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def coerce(value: Any, spec: FactSpec, raw: str | None = None) -> Any:
    """Convert a value as written (YAML or a table cell) to the declared type.

    Returns the value unchanged when it cannot be converted, so that the JSON
    Schema validation reports it with its place.
    """
    t = spec.type
    if value is None or value == "":
        return None
    if t == "string":
        if raw is not None:
            return raw
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, _dt.datetime | _dt.date):
            return value.isoformat()[:10]
        return value
    if t in ("number", "integer"):
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            try:
                float(value)
            except OverflowError:  # 10**400: YAML reads it, no computation can use it
                return str(value)  # so the schema reports it where it is written
            return value
        if isinstance(value, str):
            from ..io.text import parse_decimal

            num = parse_decimal(value)
            if num is None:
                return value
            value = num
        if t == "integer" and isinstance(value, float) and value.is_integer():
            return int(value)
        if t == "number" and isinstance(value, float) and value.is_integer():
            return int(value)
        return value
    if t == "boolean":
        if isinstance(value, str):
            low = value.strip().casefold()
            if low in ("oui", "true", "vrai", "yes", "1", "o", "x"):
                return True
            if low in ("non", "false", "faux", "no", "0", "n"):
                return False
        if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
            return bool(value)
        return value
    if t == "date":
        iso = iso_date(value)
        if iso is None and (both := date_time(value)) is not None:
            iso = both[0]  # a date and its time (14:30): the date, the time said ignored
        return value if iso is None else iso
    if t == "array":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(";") if v.strip()]
        if isinstance(value, list) and spec.items is not None:
            return [coerce(v, spec.items) for v in value]
        return value
    if t == "object" and isinstance(value, dict) and spec.properties is not None:
        out = {
            k: (coerce(v, spec.properties[k]) if k in spec.properties else v)
            for k, v in value.items()
        }
        return {k: v for k, v in out.items() if v is not None}  # empty = absent
    return value


def fact_spec(facts: dict[str, FactSpec], path: str) -> FactSpec | None:
    """The declared type at a dotted fact path (``partners[].type``), or None."""
    parts = path.split(".")
    spec: FactSpec | None = None
    props: dict[str, FactSpec] | None = facts
    for part in parts:
        is_list = part.endswith("[]")
        name = part[:-2] if is_list else part
        if props is None or name not in props:
            return None
        spec = props[name]
        if is_list:
            if spec.type != "array" or spec.items is None:
                return None
            spec = spec.items
        props = spec.properties
    return spec


# ----------------------------------------------------------------- reading paths
def values_at(facts: Mapping[str, Any], path: str) -> tuple[bool, list[Any]]:
    """Values at a dotted path; ``(is_list_path, values)``.

    A missing fact gives no values.  Through ``[]`` every item contributes.
    """
    parts = path.split(".")
    current: list[Any] = [facts]
    is_list = False
    for part in parts:
        expand = part.endswith("[]")
        name = part[:-2] if expand else part
        nxt: list[Any] = []
        for obj in current:
            if isinstance(obj, Mapping) and name in obj and obj[name] is not None:
                v = obj[name]
                if expand:
                    is_list = True
                    if isinstance(v, list | tuple):
                        nxt.extend(x for x in v if x is not None)
                else:
                    nxt.append(v)
        current = nxt
    return is_list, current


def fact_value(facts: dict[str, Any], path: str) -> Any:
    """A single value at a path without ``[]``, or None."""
    _, vals = values_at(facts, path)
    return vals[0] if vals else None


def fact_conditions(cond: Condition) -> Iterator[Condition]:
    """The fact conditions (``{fact: PATH, OP: VALUE}``) of ``cond``, in the order written,
    through ``all``/``any``/``not``/``at_least``: what a rule reads."""
    parts = cond.all if cond.all is not None else cond.any if cond.any is not None else cond.of
    if parts is not None:
        for c in parts:
            yield from fact_conditions(c)
    elif cond.not_ is not None:
        yield from fact_conditions(cond.not_)
    elif cond.fact is not None:
        yield cond


_CODE = re.compile(r"(?=[0-9AB]*[0-9])[0-9AB]{1,9}")


def code_like(value: Any) -> bool:
    """Whether ``value`` is written as an administrative code rather than a name: a
    département (``68``, ``2A``, ``971``), a région (``44``), a commune's INSEE code
    (``67482``), an EPCI's SIREN; « Haut-Rhin » or « 68 – Haut-Rhin » are not."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 0
    return isinstance(value, str) and _CODE.fullmatch(value.strip()) is not None


def literal_targets(cond: Condition) -> list[Any]:
    """The values a fact condition compares with, as written in the grid (none for
    ``present``/``absent`` or a value taken from another fact)."""
    found = cond.operator()
    if found is None or found[0] in ("present", "absent") or isinstance(found[1], FactRef):
        return []
    target = found[1]
    return list(target) if isinstance(target, list | tuple) else [target]


def fact_root(path: str) -> str:
    """The dossier fact a path starts from: ``partners`` for ``partners[].type``."""
    return path.split(".")[0].removesuffix("[]")


# ----------------------------------------------------------------- evaluation
def evaluate(cond: Condition, facts: dict[str, Any]) -> Outcome:
    """``pass``, ``fail`` or ``unknown`` for one condition on one dossier's facts.

    The engine asks this once per dossier and rule, so a condition is compiled
    once (remembered by identity, like the grid that holds it, which is not
    changed after loading) into a function of the facts: its operator, its
    path and its casefolded targets are worked out once, not per dossier.
    """
    return compiled(cond)(facts)


def compiled(cond: Condition) -> Callable[[dict[str, Any]], Outcome]:
    """The function :func:`evaluate` applies for ``cond`` (to apply it to many dossiers)."""
    entry = _COMPILED.get(id(cond))
    if entry is None or entry[0] is not cond:
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        entry = _COMPILED[id(cond)] = (cond, _compile(cond))
    return entry[1]


_Compiled = Callable[[dict[str, Any]], Outcome]
#: id(condition) -> (the condition, kept alive so that its id is not reused; its function)
_COMPILED: dict[int, tuple[Condition, _Compiled]] = {}
_COMPILED_MAX = 4096
_NOT: dict[str, Outcome] = {"pass": "fail", "fail": "pass", "unknown": "unknown"}
_ORDER: tuple[Outcome, ...] = ("fail", "pass")


def _compile(cond: Condition) -> _Compiled:
    # all / any / at_least: the combinators shared with checklist verdicts (grid/logic.py)
    parts = cond.all if cond.all is not None else cond.any if cond.any is not None else cond.of
    if parts is not None:
        subs = [_compile(c) for c in parts]
        need = (len(subs) if cond.all is not None else 1 if cond.any is not None
                else int(cond.at_least or 0))

        def combined(facts: dict[str, Any]) -> Outcome:
            outs = [f(facts) for f in subs]  # every one, as before: no short cut
            return at_least(need, outs, _ORDER, "unknown")
        return combined
    if cond.not_ is not None:
        sub = _compile(cond.not_)
        return lambda facts: _NOT[sub(facts)]
    found = cond.operator()
    fact = cond.fact
    if fact is None or found is None:  # cannot be built (validated): fail as before, when asked
        return lambda facts: _evaluate_fact(cond, facts)
    op, target = found
    names = fact.split(".")
    if any(n.endswith("[]") for n in names):
        return lambda facts: _fact_outcome(op, target, fact, *values_at(facts, fact), facts)
    read = _plain_reader(names)
    match = _matcher(op, target)
    if match is None:
        return lambda facts: _fact_outcome(op, target, fact, False, read(facts), facts)

    if len(names) == 1:  # the usual rule, {fact: departement, in: [...]}: inlined
        name = names[0]

        def top(facts: dict[str, Any]) -> Outcome:
            v = facts.get(name) if isinstance(facts, dict) else None
            if v is None:
                return "unknown"  # a missing fact
            return "pass" if match(v) else "fail"
        return top

    def plain(facts: dict[str, Any]) -> Outcome:
        vals = read(facts)
        if not vals:
            return "unknown"  # a missing fact
        return "pass" if match(vals[0]) else "fail"
    return plain


def _plain_reader(names: list[str]) -> Callable[[dict[str, Any]], list[Any]]:
    """:func:`values_at` for a path without ``[]``: never a list path, one value at most."""
    if len(names) == 1:
        name = names[0]

        def one(facts: dict[str, Any]) -> list[Any]:
            v = facts.get(name) if isinstance(facts, dict) else None
            return [] if v is None else [v]
        return one

    def nested(facts: dict[str, Any]) -> list[Any]:
        obj: Any = facts
        for name in names:
            obj = obj.get(name) if isinstance(obj, dict) else None
            if obj is None:
                return []
        return [obj]
    return nested


def _matcher(op: str, target: Any) -> Callable[[Any], bool] | None:
    """:func:`_compare` for the equality operators, with string targets casefolded once.

    None for other operators, a value taken from another fact, or a target
    this cannot prepare (then :func:`_fact_outcome` behaves exactly as before).
    """
    if isinstance(target, FactRef):
        return None
    if op in ("in", "not-in"):
        try:
            keys = {t.strip().casefold() for t in target if isinstance(t, str)}
            others = [t for t in target if not isinstance(t, str)]
        except TypeError:
            return None

        def is_in(v: Any) -> bool:
            # a string only equals a string target; anything else only a non-string one
            if isinstance(v, str):
                return v.strip().casefold() in keys
            return any(_eq(v, t) for t in others)
        return is_in if op == "in" else (lambda v: not is_in(v))
    if op in ("equals", "not-equals"):
        if isinstance(target, str):
            key = target.strip().casefold()

            def equals(v: Any) -> bool:
                return v.strip().casefold() == key if isinstance(v, str) else _eq(v, target)
        else:
            def equals(v: Any) -> bool:
                return _eq(v, target)
        return equals if op == "equals" else (lambda v: not equals(v))
    return None


def _evaluate_fact(cond: Condition, facts: dict[str, Any]) -> Outcome:
    """A fact condition read the general way (as before compiling)."""
    assert cond.fact is not None
    found = cond.operator()
    assert found is not None
    op, target = found
    return _fact_outcome(op, target, cond.fact, *values_at(facts, cond.fact), facts)


def _fact_outcome(op: str, target: Any, fact: str, is_list: bool, vals: list[Any],
                  facts: dict[str, Any]) -> Outcome:
    """The outcome of ``{fact: PATH, op: target}`` once the values at PATH are read."""
    if op == "present":
        has = bool(vals) and all(v not in ("", []) for v in vals[:1])
        return "pass" if has == bool(target) else "fail"
    if op == "absent":
        has = bool(vals) and all(v not in ("", []) for v in vals[:1])
        return "pass" if (not has) == bool(target) else "fail"
    if not vals and not is_list:
        return "unknown"
    if is_list and not vals and not _list_root_known(facts, fact):
        return "unknown"
    if isinstance(target, FactRef):
        _, other = values_at(facts, target.fact)
        if not other or not isinstance(other[0], int | float) or isinstance(other[0], bool):
            return "unknown" if not other else "fail"
        target = other[0] * target.times
    if op in ("contains", "contains-all", "contains-any"):
        pool: list[Any] = []
        for v in vals:
            if isinstance(v, list) and not is_list:
                pool.extend(v)
            elif isinstance(v, str) and not is_list and op == "contains":
                pool.append(v)
            else:
                pool.append(v)
        if op == "contains":
            if len(vals) == 1 and isinstance(vals[0], str) and not is_list:
                return "pass" if str(target) in vals[0] else "fail"
            return "pass" if any(_eq(p, target) for p in pool) else "fail"
        targets = list(target or [])
        hits = [any(_eq(p, t) for p in pool) for t in targets]
        ok = all(hits) if op == "contains-all" else any(hits)
        return "pass" if ok else "fail"
    if not vals:
        return "fail"  # an empty list fails "every item ..."
    results = [_compare(op, v, target) for v in vals]
    if any(r is None for r in results):
        return "fail"
    return "pass" if all(results) else "fail"


def _list_root_known(facts: dict[str, Any], path: str) -> bool:
    root = path.split(".")[0]
    root = root[:-2] if root.endswith("[]") else root
    return facts.get(root) is not None


def _eq(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().casefold() == b.strip().casefold()
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)


def _compare(op: str, v: Any, target: Any) -> bool | None:
    if op == "equals":
        return _eq(v, target)
    if op == "not-equals":
        return not _eq(v, target)
    if op == "in":
        return any(_eq(v, t) for t in target)
    if op == "not-in":
        return not any(_eq(v, t) for t in target)
    try:
        if op == "lt":
            return bool(v < target)
        if op == "le":
            return bool(v <= target)
        if op == "gt":
            return bool(v > target)
        if op == "ge":
            return bool(v >= target)
    except TypeError:
        return None
    raise ValueError(op)  # pragma: no cover
