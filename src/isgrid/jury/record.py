"""Audit records: ``isgrid score CALL --record FILE`` and ``isgrid record check``.

A record holds what is needed to re-derive a decision and check it later:
the sha256 of every input (call.yaml, dossiers, ratings, as in the result),
the resolved grid's sha256 and its scoring hash, the parameters (the call's settings that change
the outcome, and the command's options), isgrid's version, the selection as
it stands (the result's :attr:`~isgrid.engine.Result.current`: the jury's
proposal, or the decided one once the journal holds a decision or a
withdrawal, with the money committed and left), and the sha256 of the result
JSON exactly as ``isgrid score --format json`` writes it, so that
``sha256sum result.json`` checks a result file against its record.  It holds
no clock time, so the same inputs give the same record, byte for byte.

Records of format 1 hashed the result as canonical JSON (sorted keys, no
whitespace, UTF-8, the standard library's encoder): 3.3 s of a national
call's 7 s.  They are still checked their own way.

``isgrid record check CALL FILE`` scores the call again and names every
difference: an input changed, added or removed, another grid, other
parameters, another isgrid version, or another result.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..build import SHORT, code_fingerprint
from ..call.model import Call
from ..engine import Result
from ..errors import CallError, Collector, Location, Message, excerpt
from ..grid.scoring import scores_as
from ..i18n import N_, gettext
from ..io.write import iter_records
from ..messages import Money, Numbers, Plural, _Value
from ..vocabulary import num

#: 2: ``result_sha256`` is the hash of the result file's bytes (1: of canonical JSON);
#: 3: and ``isgrid_code`` (the fingerprint of isgrid's code, :mod:`isgrid.build`) and
#: ``dossiers`` (each dossier's status, rank, total and money), so that a check names
#: the build and the dossiers that changed.
RECORD_FORMAT = 3
#: The formats :func:`check_record` reads.
RECORD_FORMATS = (1, 2, 3)
#: at most this many changed dossiers are named by :func:`check_record`, then a count
SHOWN_DOSSIERS = 20


def canonical_sha256(data: Any) -> str:
    """The sha256 of ``data`` as canonical JSON (a format 1 record's ``result_sha256``)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def result_sha256(result: Result, record_format: int = RECORD_FORMAT) -> str:
    """The ``result_sha256`` of a record of ``record_format``: the sha256 of the bytes
    ``isgrid score --format json`` writes (format 2), or of canonical JSON (format 1)."""
    if record_format == 1:
        return canonical_sha256(result.to_json())
    return json_sha256(result.to_json(encoded=True))


def json_sha256(data: dict[str, Any]) -> str:
    """The sha256 of the bytes ``isgrid score --format json`` writes of ``data``, a
    result's ``to_json(encoded=True)`` (a format 2 or 3 record's ``result_sha256``): for a
    reader that has made that data already and reads more of it (the minutes)."""
    digest = hashlib.sha256()
    for piece in iter_records(data, "dossiers"):
        digest.update(piece)
    return digest.hexdigest()


def call_parameters(call: Call) -> dict[str, Any]:
    """The call's settings that change the outcome (also hashed through call.yaml)."""
    cfg = call.config
    keys = ("aggregator", "missing", "min_ratings", "funding", "budget", "selection",
            "tie_breaks", "consensus", "conflicts", "calibration", "sensitivity")
    dumped = cfg.model_dump(mode="json", by_alias=True)
    for block in ("calibration", "sensitivity"):  # as written: records stay comparable
        value = getattr(cfg, block)
        dumped[block] = value.model_dump(mode="json", exclude_unset=True) \
            if value is not None else None
    out = {k: dumped.get(k) for k in keys}
    out["aggregator_effective"] = cfg.aggregator or call.grid.grid.effective_aggregator()
    return out


def selection_record(result: Result) -> dict[str, Any] | None:
    """The selection a record states: :attr:`Result.current` (None without a selection).

    ``decided`` is true once the journal holds a decision or a withdrawal (the
    lists and money are then the decided ones, not the jury's proposal)."""
    now = result.current
    if now is None:
        return None
    return {"decided": now.decided, "budget": num(now.budget),
            "committed": num(now.committed), "granted": num(now.granted),
            "remaining": num(now.remaining), "selected": list(now.selected),
            "reserve": list(now.reserve)}


def dossiers_record(result: Result) -> dict[str, dict[str, Any]]:
    """Each dossier's outcome as a record states it (format 3): status, rank, total,
    proposed and granted amounts."""
    return {d.id: {"status": str(d.status), "rank": d.rank, "total": num(d.total),
                   "proposed": d.amounts.proposed, "granted": d.amounts.granted}
            for d in result.dossiers}


def audit_record(call: Call, result: Result, options: dict[str, Any] | None = None,
                 record_format: int = RECORD_FORMAT,
                 result_hash: str | None = None) -> dict[str, Any]:
    """The record of ``result`` (:func:`isgrid.engine.score` of ``call``), in
    ``record_format`` (an older one: to check a record written in it).  ``result_hash``:
    the sha256 of the result's bytes, when the caller has just written them (format 2;
    not encoded a second time)."""
    if result_hash is None:
        result_hash = result_sha256(result, record_format)
    elif record_format < 2:
        raise ValueError("a result's bytes are hashed by records of format 2 and later")
    g = call.grid
    out = {
        "format": record_format,
        "isgrid": __version__,
        "call": call.config.title,
        "grid": {"id": g.grid.id, "version": g.grid.version, "sha256": g.sha256,
                 "scoring_sha256": g.scoring_sha256},
        "inputs": dict(sorted(result.inputs.items())),
        "parameters": call_parameters(call),
        "options": dict(sorted((options or {}).items())),
        "selection": selection_record(result),
        "result_sha256": result_hash,
    }
    if record_format >= 3:
        out["isgrid_code"] = code_fingerprint()
        out["dossiers"] = dossiers_record(result)
    return out


def _leaves(data: Any, prefix: str = "") -> dict[str, Any]:
    """``{"funding.round": 0.01, …}``: the values of nested mappings by their dotted path."""
    if isinstance(data, dict) and data:
        out: dict[str, Any] = {}
        for k, v in data.items():
            out |= _leaves(v, f"{prefix}.{k}" if prefix else str(k))
        return out
    return {prefix: data}


def _shown(value: Any, money: bool = False) -> str:
    """A record's value put into a message: a number as the message's language writes it
    (« 60,714285714 » in French: review recours, finding 13), an amount as money."""
    if value is None:
        return "-"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Money(value) if money else Numbers([float(value)])
    return str(value)


def check_record(call: Call, result: Result, record_path: Path) -> list[str]:
    """Compare a call's fresh result with a record; raise CallError on any difference."""
    diags = Collector()
    loc = Location(str(record_path))
    from ..io.text import read_bytes

    # a record holds a hash per input (about 100 bytes a dossier file): 64 MB is room for
    # 600,000 inputs; the bound keeps a hostile file from filling the memory
    data = read_bytes(record_path, diags, max_bytes=64 << 20)
    if data is None:
        raise CallError("bad record", diags.items)
    try:
        rec = json.loads(data)
    except ValueError as exc:
        diags.add("record-mismatch", Message("cannot read the record: {error}", error=exc), loc)
        raise CallError("bad record", diags.items) from None
    except RecursionError:  # [[[[…]]]]: never a record
        diags.add("record-mismatch", Message("the record is not a JSON object"), loc)
        raise CallError("bad record", diags.items) from None
    if not isinstance(rec, dict):
        diags.add("record-mismatch", Message("the record is not a JSON object"), loc)
        raise CallError("bad record", diags.items)
    if "result_sha256" not in rec and "dossiers" in rec:  # `score --format json`'s output
        diags.add("record-mismatch", Message("this is a result, not an audit record"), loc,
                  hint="An audit record is written by `isgrid score CALL --record FILE`.")
        raise CallError("bad record", diags.items)
    fmt = rec.get("format", 1)
    if isinstance(fmt, bool) or fmt not in RECORD_FORMATS:  # True == 1: not a format
        diags.add("record-mismatch", Message("the record's format {value} is not one isgrid "
                                             "reads ({known})", value=excerpt(fmt),
                                             known=", ".join(map(str, RECORD_FORMATS))), loc,
                  hint="A record written by a newer isgrid is checked with that version.")
        raise CallError("bad record", diags.items)
    now = audit_record(call, result, rec.get("options") or {}, fmt)
    old_inputs: dict[str, str] = rec.get("inputs") or {}
    for path, digest in sorted(now["inputs"].items()):
        if path not in old_inputs:
            diags.add("record-mismatch", Message("{path} was added since the record", path=path),
                      loc)
        elif old_inputs[path] != digest:
            diags.add("record-mismatch", Message("{path} changed since the record", path=path), loc)
    for path in sorted(set(old_inputs) - set(now["inputs"])):
        diags.add("record-mismatch", Message("{path} was removed since the record", path=path), loc)
    words_only = _grid_since(call, rec.get("grid"), now["grid"], loc, diags)
    if rec.get("parameters") != now["parameters"]:
        was, is_ = _leaves(rec.get("parameters") or {}), _leaves(now["parameters"])
        # a setting the record does not hold, while call.yaml is byte for byte the same: a
        # default a later isgrid reads, not a change of the call (review audit, finding 2)
        same_yaml = old_inputs.get("call.yaml") == now["inputs"].get("call.yaml") is not None
        added = sorted(k for k in is_ if k not in was and same_yaml)
        for k in added:
            diags.add("record-mismatch", Message(
                "call.yaml is unchanged; isgrid now reads {key} = {value}, a setting the "
                "record does not hold (added to isgrid since)", key=k, value=_shown(is_[k])),
                loc, severity="warning")
        changed = sorted(k for k in set(was) | set(is_)
                         if k not in added and was.get(k) != is_.get(k))
        if changed:
            diags.add("record-mismatch", Message("parameters changed: {changed}",
                                                 changed=', '.join(changed)), loc)
    was_code, code = rec.get("isgrid_code"), now.get("isgrid_code")
    if rec.get("isgrid") != now["isgrid"] or (was_code and code and was_code != code):
        diags.add("record-mismatch", Message(
            "recorded with isgrid {value} (code {was}), checked with {isgrid} (code {now}): a "
            "difference below may come from isgrid itself", value=rec.get("isgrid"),
            was=str(was_code or "?")[:SHORT], isgrid=now["isgrid"],
            now=str(code or code_fingerprint())[:SHORT]), loc, severity="warning")
    if "selection" in rec and rec["selection"] != now["selection"]:  # older records have none
        was, is_ = rec["selection"] or {}, now["selection"] or {}
        changed = sorted(k for k in set(was) | set(is_) if was.get(k) != is_.get(k))
        diags.add("record-mismatch", Message("the selection changed: {changed}",
                                             changed=_SelectionWords(changed)), loc)
    if rec.get("result_sha256") != now["result_sha256"]:
        dossiers = Collector()
        _dossiers_changed(rec.get("dossiers"), now.get("dossiers"), loc, dossiers)
        if words_only and not diags.errors and not dossiers.items \
                and isinstance(rec.get("dossiers"), dict):
            # the grid's words are in the result (its hash, its title): nothing else differs
            diags.add("record-mismatch", Message(
                "the result differs from the recorded one as the grid's wording does: every "
                "dossier's status, rank, total and amounts, and the selection, are those "
                "recorded"), loc, severity="warning")
        else:
            diags.add("record-mismatch", Message("the result differs from the recorded one"),
                      loc)
            diags.extend(dossiers.items)
    diags.raise_if_errors(CallError, "the record does not match")
    return [d.message for d in diags.warnings]


def _grid_since(call: Call, was: Any, now: dict[str, Any], loc: Location,
                diags: Collector) -> bool:
    """The record's grid against the call's now: the same, nothing said; another grid that
    scores as the recorded one (its scoring hash, or for a record written before it held
    one, isgrid's table of its shipped grids: :func:`isgrid.grid.scoring.scores_as`), a
    warning, and True; else « the resolved grid changed », an error."""
    was = was if isinstance(was, dict) else {}
    whole, scoring, gid = (v if isinstance(v, str) else None for v in (
        was.get("sha256"), was.get("scoring_sha256"), was.get("id")))
    if whole == now["sha256"]:
        return False
    if scores_as(call.grid, whole, scoring, gid):
        diags.add("record-mismatch", Message(
            "the grid's wording changed since the record (its notes, labels or sources), not "
            "what of it scores"), loc, severity="warning")
        return True
    diags.add("record-mismatch", Message("the resolved grid changed since the record"), loc)
    return False


#: the record's selection keys (its JSON's) in the documents' words: « la sélection a
#: changé : enveloppe, reste », not « budget, remaining » (review audit, finding 12)
_SELECTION_WORDS = {"decided": N_("decided or proposed"), "budget": N_("budget"),
                    "committed": N_("committed"), "granted": N_("granted"),
                    "remaining": N_("left"), "selected": N_("retained list"),
                    "reserve": N_("reserve list")}


class _SelectionWords(_Value):
    """The selection's changed keys put into a message, each in the language's words
    (:data:`_SELECTION_WORDS`; a key a later record adds, as it is)."""

    def __new__(cls, keys: list[str]) -> _SelectionWords:
        return super().__new__(cls, tuple(keys))

    @staticmethod
    def written(x: object, lang: str) -> str:
        keys: tuple[str, ...] = x  # type: ignore[assignment]
        return ", ".join(gettext(_SELECTION_WORDS[k], lang) if k in _SELECTION_WORDS else k
                         for k in keys)


#: how a record's dossier fields are said when they changed
_FIELD_CHANGED = {
    "status": Message("{dossier}: status {was} → {now}"),
    "rank": Message("{dossier}: rank {was} → {now}"),
    "total": Message("{dossier}: total {was} → {now}"),
    "proposed": Message("{dossier}: proposed amount {was} → {now}"),
    "granted": Message("{dossier}: granted amount {was} → {now}"),
}


def _dossiers_changed(was: Any, now: Any, loc: Location, diags: Collector) -> None:
    """Each dossier whose status, rank, total or money differs from the record's (format 3),
    the first :data:`SHOWN_DOSSIERS` named, then how many more."""
    if not isinstance(was, dict) or not isinstance(now, dict):
        return  # a record of format 1 or 2 holds no dossier
    said = 0
    more = 0
    for did in sorted(set(was) | set(now)):
        old, new = was.get(did), now.get(did)
        if old == new:
            continue
        if said >= SHOWN_DOSSIERS:
            more += 1
            continue
        said += 1
        if not isinstance(old, dict) or not isinstance(new, dict):
            gone = (Message("{dossier} was added since the record", dossier=did) if old is None
                    else Message("{dossier} was removed since the record", dossier=did))
            diags.add("record-mismatch", gone, loc)
            continue
        for field, message in _FIELD_CHANGED.items():
            if old.get(field) != new.get(field):
                money = field in ("proposed", "granted")
                diags.add("record-mismatch", Message(
                    str(message), dossier=did, was=_shown(old.get(field), money),
                    now=_shown(new.get(field), money)), loc)
    if more:
        diags.add("record-mismatch", Plural("and {n} more dossier changed",
                                            "and {n} more dossiers changed", more), loc)
