"""The JSON Schema of the result JSON (docs/result.md), written from the result's types.

``isgrid score --format json`` writes :meth:`isgrid.engine.result.Result.to_json`; this
module describes those bytes for a consumer that validates them (a data team, an open-data
pipeline).  Every enumeration is closed and taken from where isgrid defines it: the
statuses (:class:`isgrid.vocabulary.Status`, « ajourné » included), the outcomes, the
stages, the modes, the journal's kinds, the constraints' kinds.  Every object is closed
(``additionalProperties: false``) but the maps keyed by the call's own ids.  The shipped
copy, ``isgrid/schema/result.schema.json``, is :func:`result_json_schema` written out
(``python -m isgrid.engine.resultschema > src/isgrid/schema/result.schema.json``);
``tests/engine/test_result_schema.py`` fails when it is stale and validates every
example's result against it.

The schema changes with the format: a key added is an addition under the same ``format``
(a reader of the earlier keys is unaffected; the schema gains it); a key whose type
changes bumps ``format`` (docs/result.md, "The format's number").
"""

from __future__ import annotations

from typing import Any, get_args

from ..call.blocks import Envelope, MaxCount, MinCount
from ..call.journal import Entry
from ..vocabulary import STAGES, Mode, Outcome, Status
from .pipeline import RESULT_FORMAT
from .scenario import REPLACEABLE

_FLAGS_ALONE = ("below-threshold", "tie", "tie-at-line", "tie-at-reserve-line",
                "skipped-budget", "below-min-ratings", "below-minimum-grant", "partial-grant")
_FLAGS_WITH_ID = ("incomplete", "renormalised", "below-floor", "ineligible", "unknown",
                  "disagreement", "conflict-excluded", "overridden", "tie-broken")
#: a constraint's choice (``constraints.choices[].why``)
_WHY = ("rank", "budget", "tie", "line", "top")
_REASON_CODES = ("none-ranked", "few-ranked", "all-taken", "budget-spent", "blocked",
                 "unusable", "exceeded", "short", "exceeded-money", "short-money", "rank",
                 "minimum", "max", "budget", "tie", "line", "top")

_STR = {"type": "string"}
_INT = {"type": "integer"}
_BOOL = {"type": "boolean"}
_NUM = {"type": "number"}
_IDS = {"type": "array", "items": _STR}


def _null(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _closed(props: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """An object with exactly these keys (those of ``optional`` may be absent)."""
    return {"type": "object", "properties": props,
            "required": [k for k in props if k not in optional],
            "additionalProperties": False}


def _enum(values: Any) -> dict[str, Any]:
    return {"enum": [str(v) for v in values]}


def _map(values: dict[str, Any]) -> dict[str, Any]:
    """A map keyed by the call's ids (criteria, sections, rules, paths)."""
    return {"type": "object", "additionalProperties": values}


def _defs() -> dict[str, Any]:
    nnum = _null(_NUM)
    nstr = _null(_STR)
    nint = _null(_INT)
    votes = _closed({"pour": _INT, "contre": _INT, "abstention": _INT})
    stage = _closed({"outcome": _ref("outcome"), "amount": nnum, "by": _STR, "reason": _STR,
                     "seq": _INT, "at": nstr, "overridden": _BOOL, "motivation": nstr,
                     "votes": _null(votes), "reference": nstr})
    decision = _closed({
        "computed": _null(_ref("outcome")), "proposed": _null(_ref("outcome")),
        "stages": {"type": "object", "propertyNames": _enum(STAGES),
                   "additionalProperties": stage},
        "motivation": nstr, "votes": _null(votes), "outcome": _null(_ref("outcome")),
        "stage": _null(_ref("stage")), "by": nstr, "reason": nstr, "seq": nint,
        "replaces": nstr, "replaced_by": _IDS})
    cell = _closed({"value": nnum, "raw": nnum, "consensus": nnum, "consensus_reason": nstr,
                    "n": _INT, "na": _INT, "min": nnum, "max": nnum, "spread": nnum,
                    "state": _null(_enum(("met", "partly", "not-met", "present", "absent")))},
                   optional=("state",))
    flag = {"type": "string", "pattern": "^(?:{alone})$|^(?:{ided}):.+$|"
            "^ratings-missing:[0-9]+/[0-9]+$".format(
                alone="|".join(_FLAGS_ALONE), ided="|".join(_FLAGS_WITH_ID))}
    checklist = _closed({k: _IDS for k in (
        "core", "core_met", "core_partly", "core_not_met", "core_missing",
        "complementary_met", "complementary_partly")})
    dossier = _closed({
        "id": _STR, "title": _STR, "status": _ref("status"), "eligible": _null(_BOOL),
        "eligibility": _map(_enum(("pass", "fail", "unknown"))), "complete": _BOOL,
        "total": nnum, "ranking_total": _NUM,
        "verdict": _null(_enum(("caractérisé", "partiellement", "non caractérisé",
                                "indéterminé"))),
        "profile": _null({"type": "object", "properties": {"present": _IDS},
                          "required": ["present"], "additionalProperties": nnum}),
        "checklist": _null(checklist), "rank": _null({"type": "integer", "minimum": 1}),
        "selected": _null(_BOOL), "reserve": _BOOL,
        "amounts": _closed({"requested": nnum, "proposed": nnum, "granted": nnum}),
        "criteria": _map(cell), "sections": _map(nnum), "flags": {"type": "array",
                                                                  "items": flag},
        "decision": decision}, optional=("ranking_total",))
    entry = {"seq": _INT, "kind": _enum(get_args(Entry.model_fields["kind"].annotation)),
             "stage": _ref("stage"), "dossier": _STR, "outcome": _null(_ref("outcome")),
             "amount": nnum, "by": _STR, "reason": _STR, "at": nstr, "motivation": nstr,
             "votes": _null(votes), "reference": nstr}
    change = entry | {"cancels": nint, "cancelled_by": nint, "title": nstr,
                      "criterion": nstr, "value": _null({"type": ["number", "string"]}),
                      "raw": nnum, "previous": _null({"type": ["number", "string"]})}
    offer = _closed({"seq": _INT, "dossier": _STR, "promoted": _IDS, "tied": _IDS,
                     "reserve": _IDS, "candidates": _INT})
    settled = _null(_closed({"dossier": _STR, "seq": _INT}))
    withdrawal = {"dossier": _STR, "seq": _INT, "by": _STR, "reason": _STR, "freed": nnum,
                  "available": nnum, "replacement": nstr, "promoted": _IDS, "tied": _IDS,
                  "offered_at": nint, "offers": {"type": "array", "items": offer},
                  "settled": settled}
    freed = withdrawal | {"kind": _enum(("withdrawal", "decision")), "stage": _ref("stage"),
                          "outcome": _enum((Outcome.RETIRE, Outcome.NON_RETENU,
                                            Outcome.RESERVE))}
    kinds = [get_args(m.model_fields["kind"].annotation)[0]
             for m in (MinCount, MaxCount, Envelope)]
    scalar = {"type": ["string", "number", "boolean", "null"]}
    item = _closed({"id": _STR, "kind": _enum(kinds), "label": _STR, "fact": _STR,
                    "value": scalar, "target": {"type": ["number", "object", "null"]},
                    "actual": nnum, "met": _null(_BOOL), "infeasible": _BOOL, "note": nstr,
                    "unusable": _IDS, "reasons": {"type": "array", "items": {
                        "type": "object", "properties": {"code": _enum(_REASON_CODES)},
                        "required": ["code"]}}})
    choice = _closed({"dossier": _STR, "selected": _null(_BOOL), "why": {
        "type": "string", "pattern": "^(?:{})$|^(?:constraint|max):.+$".format(
            "|".join(_WHY))}, "over": _IDS, "text": _STR})
    return {
        "status": _enum(Status), "outcome": _enum(Outcome), "stage": _enum(STAGES),
        "dossier": dossier, "cell": cell,
        "entry": _closed(entry), "change": _closed(change),
        "withdrawal": _closed(withdrawal), "freed_place": _closed(freed),
        "constraint": item, "choice": choice,
    }


def result_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``isgrid score --format json``."""
    nnum = _null(_NUM)
    sha = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
    selection = _closed({
        "budget": nnum, "spent": nnum, "remaining": nnum, "rule": {
            "type": "string", "pattern": "^(?:rank-order|skip|top:[0-9]+)$"},
        "top": _null(_INT), "selected": _IDS, "reserve": _IDS, "line": _null(_INT),
        "skipped": _IDS,
        "decided": _closed({"selected": _IDS, "reserve": _IDS, "granted": nnum,
                            "committed": nnum, "remaining": nnum, "line": _null(_INT),
                            "skipped": _IDS})})
    constraints = _closed({
        "items": {"type": "array", "items": _ref("constraint")},
        "choices": {"type": "array", "items": _ref("choice")},
        "infeasible": _IDS, "note": _null(_STR),
        "decided": {"type": "array", "items": _ref("constraint")}})
    grid = _closed({"id": _STR, "version": _STR, "mode": _enum(Mode), "sha256": sha,
                    "scoring_sha256": sha, "title": _STR, "extends": _IDS,
                    "out_of": _NUM}, optional=("out_of",))
    call = _closed({"title": _STR, "aggregator": _enum(("mean", "median", "trimmed-mean")),
                    "missing": _enum(("incomplete", "renormalise")),
                    "lang": _enum(("fr", "en")), "fictitious": _BOOL})
    line_tie = _closed({"rank": _INT, "tied": _IDS,
                        "settled": _null(_closed({"dossier": _STR, "seq": _INT})),
                        "chosen": _IDS, "taken": _IDS})
    journal = _closed({"entries": _INT, "head": _null(sha), "voted": _BOOL,
                       "adopted": _null(_closed({"seq": _INT, "reference": _null(_STR),
                                                 "at": _null(_STR)}))})
    body = _closed({
        "format": {"const": RESULT_FORMAT}, "isgrid": _STR, "grid": grid,
        "inputs": _map(sha), "call": call,
        "dossiers": {"type": "array", "items": _ref("dossier")},
        "selection": _null(selection),
        "summary": {"type": "object", "propertyNames": _ref("status"),
                    "additionalProperties": {"type": "integer", "minimum": 1}},
        "decisions": {"type": "array", "items": _ref("entry")},
        "changes": {"type": "array", "items": _ref("change")},
        "withdrawals": {"type": "array", "items": _ref("withdrawal")},
        "freed_places": {"type": "array", "items": _ref("freed_place")},
        "line_tie": _null(line_tie), "journal": journal, "constraints": constraints,
        "scenario": _null(_closed({"replaced": {
            "type": "array", "minItems": 1, "uniqueItems": True,
            "items": _enum(REPLACEABLE)}})),
    }, optional=("constraints",))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://isgrid.invalid/schema/result.schema.json",
            "title": "isgrid result", "description": "The JSON of `isgrid score --format "
            "json` (docs/result.md).", **body, "$defs": _defs()}


__all__ = ["result_json_schema"]


if __name__ == "__main__":  # python -m isgrid.engine.resultschema > src/isgrid/schema/result.schema.json
    import sys

    from ..io.write import dumps_json

    sys.stdout.write(dumps_json(result_json_schema()))
