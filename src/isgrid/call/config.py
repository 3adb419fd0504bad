"""Reading ``call.yaml`` into a :class:`CallConfig`: the one reading every command does.

:func:`read_config` parses the file, reads the amounts as users write them
(``budget: 150 000``, ``cap: "30 000 €"``, ``rate: 50 %``) and validates the
result; every problem is located (``file:line:col``) with a hint that says what the
key expects.  :func:`isgrid.call.load.load_call` and ``isgrid intake`` both call it,
so that a call.yaml ``call check`` accepts is never refused by another command.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import CallError, Collector, Message, Quote
from ..io.yamlio import Doc, load_yaml
from ..validation import describe_field, validation_diagnostics, walk_models
from .block_hints import block_hint
from .model import CallConfig

#: The amounts of call.yaml, read by :func:`isgrid.io.numbers.parse_amount` (and its share,
#: ``funding.rate``, with a decimal comma or point).
AMOUNT_PATHS = (("budget",), ("funding", "cap"), ("funding", "minimum"))
#: What to write for an amount of :data:`AMOUNT_PATHS` that is not one.
AMOUNT_HINT = Message("Write a number: 150000 or 150 000.")
#: What to write for ``funding.rate``.
RATE_HINT = Message("Write the share of the eligible costs: 0.5 (or 50 percent) for half.")


#: Keys of call.yaml whose value no check of the call's other files reads (money,
#: selection, the blocks of single commands): one refused is left out so that
#: :func:`isgrid.call.load.load_call` still reads the dossiers, ratings and journal and
#: reports their problems with it, at once (docs/calls.md).  A refused key that governs
#: that reading (``grid``, ``lang``, ``assessors``, ``set``…) stops it: its problems
#: could only be guessed.
STANDALONE_KEYS = frozenset({
    "budget", "funding", "selection", "constraints", "timezone", "description",
    "fictitious", "require_consensus", "aggregator", "missing", "min_ratings",
    "sensitivity", "calibration", "letters", "retention", "workspace", "dispositif"})


def read_config(call_file: Path, diags: Collector,
                hashes: dict[str, str] | None = None, *,
                go_on: bool = False) -> tuple[Doc, CallConfig]:
    """``call_file`` read, its amounts parsed and validated into a :class:`CallConfig`.

    Raise :class:`CallError` with every problem found (``diags`` holds them too);
    ``hashes`` gets the sha256 of the bytes read (:func:`isgrid.io.yamlio.load_yaml`).
    ``go_on``: when every refused key is one of :data:`STANDALONE_KEYS` (or a key
    call.yaml does not have), return the config without them instead, the problems left
    in ``diags`` (the caller reads the other files, then raises with them all).
    """
    before = len(diags.errors)
    doc = load_yaml(call_file, diags, hashes=hashes)
    if doc is None:
        raise CallError("call.yaml cannot be read", diags.items)
    # a problem of the YAML text itself (a duplicate key, a decimal comma inside {…}):
    # the file is not read as its author meant, nothing of it is taken
    unread = len(diags.errors) > before
    refused = _read_amounts(doc, diags)
    if unread:
        raise CallError("call.yaml has errors", diags.items)
    data = doc.data
    if refused and isinstance(data, dict):  # said once, not again as a wrong type
        data = {k: v for k, v in data.items() if k not in refused}
    try:
        config = CallConfig.model_validate(data)
    except ValidationError as exc:
        validation_diagnostics(exc, CallConfig, doc, diags, code="call-invalid",
                               hint=config_hint)
        keys = [_top_key(err) for err in exc.errors()]
        if go_on and None not in keys:
            refused |= {k for k in keys if k is not None}
        else:  # the whole file refused, or no going on: stop here
            raise CallError("call.yaml has errors", diags.items) from None
        config = None
    if config is not None and not refused:
        return doc, config
    if go_on and isinstance(data, dict) and all(
            k in STANDALONE_KEYS or k not in CallConfig.model_fields for k in refused):
        try:
            return doc, CallConfig.model_validate(
                {k: v for k, v in data.items() if k not in refused})
        except ValidationError:
            pass
    raise CallError("call.yaml has errors", diags.items)


def _top_key(err: Any) -> str | None:
    """The top-level key of call.yaml a pydantic error is under; None: the whole file."""
    loc = err.get("loc") or ()
    return loc[0] if loc and isinstance(loc[0], str) else None


def with_budget(config: CallConfig, budget: object, where: str,
                diags: Collector) -> CallConfig | None:
    """``config`` with another ``budget`` (:func:`with_setting`)."""
    return with_setting(config, "budget", budget, where, diags)


#: the keys of call.yaml a :class:`~isgrid.engine.Scenario` may replace
SCENARIO_KEYS = ("budget", "funding", "selection")


def with_setting(config: CallConfig, key: str, value: object, where: str,
                 diags: Collector) -> CallConfig | None:
    """``config`` with another ``budget``, ``funding`` or ``selection`` (a
    :class:`~isgrid.engine.Scenario`'s), read and checked as call.yaml's is: the amounts as
    the call's ``lang`` writes them and the rate as a share (:func:`_read_amounts`), then
    the model's own rules for the key, with the same words and hints.  A block
    (``funding``, ``selection``) is a mapping of its keys, as call.yaml writes it, or its
    model (``call.config.funding.model_copy(update=…)``, read again): the keys given
    replace the call's, the others are kept.  None, and the problems in ``diags``
    (located at ``where``, key ``funding.rate``…), when it is not one."""
    assert key in SCENARIO_KEYS, key
    if key != "budget":
        if isinstance(value, BaseModel):  # its fields as given (no serialiser: unchecked)
            value = dict(value)
        if isinstance(value, Mapping):
            now = getattr(config, key)
            value = {**(now.model_dump(exclude_unset=True) if now is not None else {}),
                     **value}
    doc = Doc({"lang": config.lang, key: value}, where)
    _read_amounts(doc, diags)
    if diags.errors:
        return None
    new = config.model_copy()
    try:
        CallConfig.__pydantic_validator__.validate_assignment(new, key, doc.data[key])
    except ValidationError as exc:
        validation_diagnostics(exc, CallConfig, doc, diags, code="call-invalid",
                               hint=config_hint)
        return None
    return new


def config_hint(loc: tuple[Any, ...]) -> Message | None:
    """The hint of a problem at pydantic ``loc`` in call.yaml: in a block, :func:`block_hint`;
    else what the key expects (type, bounds) and, for an amount or the rate, what to write.
    None where no key is named (the code's own hint is shown)."""
    in_block = block_hint(loc)
    if in_block is not None:
        return in_block
    # ("budget", "int"): pydantic names the member of the union (int | float) refused
    for end in (len(loc), len(loc) - 1):
        _, target = walk_models((CallConfig,), loc[:end])
        if target is not None:
            break
    else:
        return None
    key = tuple(str(p) for p in loc[:end] if not isinstance(p, int))
    how = AMOUNT_HINT if key in AMOUNT_PATHS else RATE_HINT if key == ("funding", "rate") \
        else None
    field = describe_field(*target)
    if how is not None:
        return Message("{field}. {how}", field=field, how=how)
    return Message("{field}. See {doc}.", field=field, doc="docs/calls.md")


def hint_descriptions() -> set[str]:
    """Every field description a hint of call.yaml may show (:func:`config_hint` walks
    :class:`CallConfig` and every model inside it, the blocks' and the grid's under
    ``add:`` included; :func:`isgrid.call.block_hints.block_hint` the blocks'): the catalog
    translates each (``tests/cli/i18n_messages.py`` lists them with the other messages)."""
    from ..validation import field_descriptions
    from .block_hints import hint_descriptions as in_blocks

    return field_descriptions((CallConfig,)) | in_blocks()


def _read_amounts(doc: Doc, diags: Collector) -> set[str]:
    """Budget and caps parsed one way (``52 000``; ``52.000`` refused as ambiguous); the
    funding's rate written with a decimal comma (``0,5``) read as the number it is.

    YAML reads ``52.000`` as the number 52: the text as written (``doc.raw``) is
    what is checked.  The value parsed replaces the one in ``doc.data``.  Returns the
    top-level keys of the amounts refused (``budget``, ``funding``).
    """
    from ..io.numbers import parse_amount

    refused: set[str] = set()
    if not isinstance(doc.data, dict):
        return refused
    lang = doc.data.get("lang") if doc.data.get("lang") in ("fr", "en") else "fr"
    for path in AMOUNT_PATHS:
        parent: Any = doc.data
        for key in path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(parent, dict) or parent.get(path[-1]) is None:
            continue
        value = parent[path[-1]]
        raw = doc.raw.get(path)
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            continue  # the schema says what is wrong
        parsed = parse_amount(raw if raw is not None and isinstance(value, float) else value,
                              str(lang))
        if parsed.value is None:
            diags.add("call-invalid", Message("{path}: {problem}",
                                              path='.'.join(path), problem=parsed.problem), doc.loc(path),
                      hint=parsed.hint)
            refused.add(path[0])
            continue
        parent[path[-1]] = int(parsed.value) if parsed.value.is_integer() else parsed.value
    if not _read_rate(doc, diags):
        refused.add("funding")
    return refused


def _read_rate(doc: Doc, diags: Collector) -> bool:
    """``funding.rate`` as French users write it, texts to YAML: « 0,5 », « 50 % »; a rate
    above 1 (« 50 », « 150 % ») refused with what the user wrote and a hint (False)."""
    funding = doc.data.get("funding")
    rate = funding.get("rate") if isinstance(funding, dict) else None
    if not isinstance(funding, dict) or not isinstance(rate, str | int | float):
        return True  # the schema says what is wrong
    # true is no rate (the schema's numbers took it for 1, a grant of 100 %)
    value: float | None = None if isinstance(rate, str | bool) else rate
    if isinstance(rate, str):
        share = _SHARE.fullmatch(rate.strip())
        if share is not None:
            value = float(share.group(1).replace(",", "."))
            value = value / 100 if share.group(2) else value
    written = Quote(rate[:40]) if isinstance(rate, str) else doc.raw.get(("funding", "rate")) \
        or str(rate).lower()
    if value is None:
        diags.add("call-invalid", Message("{path}: {text} is not a number between 0 and 1",
                                          path="funding.rate", text=written),
                  doc.loc(("funding", "rate")), hint=RATE_HINT)
    elif value > 1:  # « rate: 50 » meant 50 %: the schema's « ≤ 1 » alone did not say so
        diags.add("call-invalid", Message("{path}: {text} is more than 1: the rate is a share",
                                          path="funding.rate", text=written),
                  doc.loc(("funding", "rate")), hint=RATE_HINT)
    else:
        funding["rate"] = value
        return True
    return False


#: a share as written: digits, then a decimal comma or point and digits; or a percentage
_SHARE = re.compile(r"(\d{1,6}(?:[.,]\d{1,12})?)(\s*%)?")
