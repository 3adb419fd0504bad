"""The paths a grid extending another (or a call) writes with ``set``: where each leads
in the parent's data (:func:`value_at`), writing it (:func:`apply_set`), and what a
write that gives the parent's own value changes: nothing (:func:`unchanged_writes`,
``set-changes-nothing``).

A ``set`` path is a top-level key (:data:`TOP_SET_PATHS`), ``counts_as.<field>``,
``criteria.<id>.<field>``, ``sections.<id>.<field>``, ``scales.<id>`` or
``scales.<id>.<field>``, or ``facts.<name>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from ..errors import Collector, Message, Quote
from ..io.yamlio import Doc
from ..messages import close_match
from .model import CountsAs, Criterion, Grid, Scale, Section, Total
from .provenance import written_paths
from .weights import weight_choices

CRITERION_FIELDS = set(Criterion.model_fields) - {"id"}
SECTION_FIELDS = {"label", "description", "weight", "ranking_weight"}
#: The fields of a criterion or section as a French author may call them (« plancher »),
#: for the « Did you mean 'floor'? » of a ``set`` path (accents and case aside)
FRENCH_FIELDS = {"plancher": "floor", "poids": "weight", "libelle": "label",
                 "echelle": "scale", "eliminatoire": "eliminatory", "socle": "core",
                 "poids_classement": "ranking_weight", "noteur": "rated_by",
                 "provenance": "provenance", "dimension": "dimension"}
TOP_SET_PATHS = {"mode", "total", "threshold", "aggregator", "tie_breaks", "counts_as", "title",
                 "description", "source_criteria_count", "verdict"}

#: What :func:`value_at` gives for a path that leads nowhere in the data.
MISSING: Any = object()


def find(data: Mapping[str, Any], prefix: str, ident: str) -> dict[str, Any] | None:
    """The section (``prefix`` ``sections.``) or criterion (``criteria.``) ``ident``."""
    for s in data.get("sections", []):
        if prefix == "sections." and s.get("id") == ident:
            return s  # type: ignore[no-any-return]
        if prefix == "criteria.":
            for c in s.get("criteria", []):
                if c.get("id") == ident:
                    return c  # type: ignore[no-any-return]
    return None


def value_at(data: Mapping[str, Any], key: str) -> Any:
    """The value the ``set`` path ``key`` leads to in ``data`` (a grid as plain data), the
    way :func:`apply_set` finds it; :data:`MISSING` when there is none."""
    if key in TOP_SET_PATHS:
        return data.get(key, MISSING)
    head, _, rest = key.partition(".")
    if head in ("counts_as", "facts"):
        return (data.get(head) or {}).get(rest, MISSING)
    if head in ("criteria", "sections") and "." in rest:
        ident, fld = rest.rsplit(".", 1)
        target = find(data, head + ".", ident)
        return MISSING if target is None else target.get(fld, MISSING)
    if head == "scales":
        scales = data.get("scales") or {}
        if rest in scales or "." not in rest:
            return scales.get(rest, MISSING)
        ident, fld = rest.rsplit(".", 1)
        return (scales.get(ident) or {}).get(fld, MISSING)
    return MISSING


def _field_default(model: type[BaseModel], name: str) -> Any:
    fld = model.model_fields.get(name)
    if fld is None or fld.is_required():
        return MISSING
    return fld.get_default(call_default_factory=True)


def default_at(data: Mapping[str, Any], key: str) -> Any:
    """The value the ``set`` path ``key`` has in ``data`` when nothing writes it: the
    field's default (the grid language's: a weight is 1, the total is out of 100, a scale
    accepts n/a), for a criterion, section or scale that ``data`` has; :data:`MISSING` when
    there is none to compare with (no such target, a whole scale, a fact, the mode, the
    aggregator (its default is the mode's) or a ``ranking_weight`` (its default is the
    weight, which a ``set`` beside it may change))."""
    if key in TOP_SET_PATHS:
        if key == "total":
            return {"out_of": Total.model_fields["out_of"].default}
        return MISSING if key in ("mode", "aggregator") else _field_default(Grid, key)
    head, _, rest = key.partition(".")
    if head == "counts_as":
        return _field_default(CountsAs, rest)
    if "." not in rest:
        return MISSING
    ident, fld = rest.rsplit(".", 1)
    if head in ("criteria", "sections"):
        if find(data, head + ".", ident) is None or fld == "ranking_weight":
            return MISSING
        return 1 if fld == "weight" else _field_default(
            Criterion if head == "criteria" else Section, fld)
    scales = data.get("scales") or {}
    if head == "scales" and rest not in scales and ident in scales:
        return _field_default(Scale, fld)
    return MISSING


def leaves_default(data: Mapping[str, Any], key: str, value: Any) -> bool:
    """Whether writing ``value`` at the ``set`` path ``key`` of ``data`` writes out the
    default of a field ``data`` leaves unwritten (:func:`default_at`): nothing changes."""
    default = default_at(data, key) if value_at(data, key) is MISSING else MISSING
    return default is not MISSING and _same(default, value)


def _same(a: Any, b: Any) -> bool:
    """Equal values, a boolean never equal to a number (``true`` is not ``1``)."""
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    return bool(a == b)


def unchanged_writes(parent: Mapping[str, Any], child: Mapping[str, Any], doc: Doc | None,
                     diags: Collector) -> frozenset[tuple[Any, ...]]:
    """Where ``child`` (a grid extending ``parent``, or a call's changes) writes, with
    ``set`` or a top-level key, exactly the value the parent gives, written or by default
    (:func:`leaves_default`: ``sections.X.weight: 1`` where the parent writes no weight):
    a write that changes nothing, which keeps the parent's value and its provenance.  Each
    is warned (``set-changes-nothing``, at its key in ``doc``), but a weight that says how
    a section whose criteria ``child`` changes is split (:func:`weight_choices`: it
    answers ``share-changed``).  What ``add`` brings is new, never « unchanged »."""
    same: list[tuple[Any, ...]] = []
    answers = weight_choices(parent, child)
    for key, at in written_paths(child):
        if at[0] == "add":
            continue
        before = value_at(parent, key)
        written = child["set"][at[1]] if at[0] == "set" else child[key]
        by_default = leaves_default(parent, key, written)
        if not by_default and (before is MISSING or not _same(before, written)):
            continue
        same.append(at)
        if doc is None or key in answers:
            continue
        message = (Message("{key} is written with the value it has by default, which the "
                           "grid {parent} leaves unwritten: this changes nothing", key=key,
                           parent=str(parent.get("id")))
                   if by_default else
                   Message("{key} is written with the value the grid {parent} already "
                           "gives it: this changes nothing", key=key,
                           parent=str(parent.get("id"))))
        diags.add("set-changes-nothing", message, doc.key_loc(at), severity="warning",
                  hint="Remove the line: the value stays the parent grid's, with its "
                       "provenance.")
    return frozenset(same)


def apply_set(data: dict[str, Any], key: str, value: Any, doc: Doc, at: tuple[Any, ...],
              diags: Collector, parent: str = "") -> None:
    """Write ``value`` at the ``set`` path ``key`` of ``data``; an unknown path or target is
    an error at ``at`` in ``doc`` (``parent``: the id of the grid extended, which the hint
    names)."""
    loc = doc.loc(at)
    if key in TOP_SET_PATHS:
        data[key] = value
        return
    if key.startswith("counts_as."):
        data.setdefault("counts_as", {})[key.split(".", 1)[1]] = value
        return
    for prefix in ("criteria.", "sections."):
        if key.startswith(prefix):
            rest = key[len(prefix):]
            if "." not in rest:
                break
            ident, fld = rest.rsplit(".", 1)
            allowed = CRITERION_FIELDS if prefix == "criteria." else SECTION_FIELDS
            if fld not in allowed:
                diags.add("bad-set-path", Message("{field} cannot be set on a criterion",
                                                  field=Quote(fld)) if prefix == "criteria."
                          else Message("{field} cannot be set on a section", field=Quote(fld)),
                          loc, hint=_field_hint(fld, allowed))
                return
            target = find(data, prefix, ident)
            if target is None:
                ids = [c.get("id") for sec in data.get("sections", []) for c in
                       (sec.get("criteria", []) if prefix == "criteria." else [sec])]
                diags.add("unknown-target", Message(
                    "no criterion {ident} in the grid {parent}, nor added by this file",
                    ident=Quote(ident), parent=parent) if prefix == "criteria." else Message(
                    "no section {ident} in the grid {parent}, nor added by this file",
                    ident=Quote(ident), parent=parent), loc,
                    hint=_id_hint(ident, [str(i) for i in ids if i], parent))
                return
            target[fld] = value
            return
    if key.startswith("scales."):
        rest = key[len("scales."):]
        scales = data.setdefault("scales", {})
        if rest in scales or "." not in rest:
            scales[rest] = value
            return
        ident, fld = rest.rsplit(".", 1)
        if ident not in scales:
            diags.add("unknown-target", Message(
                "no scale {ident} in the grid {parent}, nor declared by this file",
                ident=Quote(ident), parent=parent), loc,
                hint=_id_hint(ident, [str(k) for k in scales], parent))
            return
        scales[ident][fld] = value
        return
    if key.startswith("facts."):
        data.setdefault("facts", {})[key.split(".", 1)[1]] = value
        return
    diags.add("bad-set-path", Message("{key} is not a path isgrid can set", key=Quote(key)), loc)


def _field_hint(fld: str, allowed: set[str]) -> Message:
    """« Did you mean 'floor'? » for ``plancher`` or ``flor``, and the fields."""
    import unicodedata

    plain = "".join(ch for ch in unicodedata.normalize("NFKD", fld.casefold())
                    if not unicodedata.combining(ch))
    meant = FRENCH_FIELDS.get(plain) or close_match(fld, allowed)
    fields = ", ".join(sorted(allowed))
    if meant is not None and meant in allowed:
        return Message("Did you mean {key}? Fields: {allowed}.", key=Quote(meant),
                       allowed=fields)
    return Message("Fields: {allowed}.", allowed=fields)


def _id_hint(ident: str, ids: list[str], parent: str) -> Message:
    """« Did you mean 'criteres'? » when one id is clearly meant, and where to see them."""
    meant = close_match(ident, ids)
    if meant is not None:
        return Message("Did you mean {key}? The ids: `isgrid grids show {parent}`, and this "
                       "file.", key=Quote(meant), parent=parent)
    return Message("Check the id with `isgrid grids show {parent}`, and this file.",
                   parent=parent)


def path_of(data: Mapping[str, Any], key: str) -> tuple[Any, ...] | None:
    """The path in ``data`` (a grid as plain data) that the ``set`` path ``key`` wrote,
    the way :func:`apply_set` writes it (``sections.S1.weight``: ``("sections", 0,
    "weight")``); None when it leads nowhere."""
    if key in TOP_SET_PATHS:
        return (key,)
    head, _, rest = key.partition(".")
    if head in ("counts_as", "facts"):
        return (head, rest)
    if head == "scales":
        scales = data.get("scales") or {}
        return ("scales", rest) if rest in scales or "." not in rest \
            else ("scales", *rest.rsplit(".", 1))
    if head in ("criteria", "sections") and "." in rest:
        ident, fld = rest.rsplit(".", 1)
        for i, sec in enumerate(data.get("sections", [])):
            if head == "sections" and sec.get("id") == ident:
                return ("sections", i, fld)
            for j, crit in enumerate(sec.get("criteria", []) if head == "criteria" else ()):
                if crit.get("id") == ident:
                    return ("sections", i, "criteria", j, fld)
    return None


def set_positions(data: Mapping[str, Any], sets: Mapping[str, Any],
                  doc: Doc) -> dict[tuple[Any, ...], tuple[int, int]]:
    """Where ``doc`` (a call.yaml) wrote each value its ``sets`` put into ``data`` (the
    grid they give), by the value's path there: a problem the grid's model finds in such
    a value (``sections.S1.weight: true``) is said at the ``set`` entry that wrote it
    (``call.yaml:12:3``), not at a path of a grid nobody wrote."""
    out: dict[tuple[Any, ...], tuple[int, int]] = {}
    for key in sets:
        at = doc.positions.get(("set", key))
        path = path_of(data, str(key))
        if at is not None and path is not None:
            out[path] = at
    return out
