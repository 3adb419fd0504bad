"""Turning pydantic errors into located diagnostics.

Pydantic reports a ``loc`` tuple; union types add member names to it
(``weight.int``) that are not keys of the document.  We walk the document
along ``loc`` and keep only the parts that really index into it, so the key
path and the ``file:line:col`` point at what the user wrote.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Collector, Location
from .io.yamlio import Doc, KeyPath, format_path

M = TypeVar("M", bound=BaseModel)


def call_block(folder: Path, key: str, data: Any, model: type[M]) -> M:
    """Validate one block of call.yaml (``calibration``, ``sensitivity``...) as ``model``.

    Raises :class:`CallError` with one ``call-invalid`` diagnostic per problem,
    each named by its key path in call.yaml.
    """
    from .errors import CallError, Diagnostic

    try:
        return model.model_validate(data or {})
    except ValidationError as exc:
        diags = [Diagnostic("call-invalid", f"{key}: {e['msg']}",
                            Location(str(folder / "call.yaml"),
                                     key_path=".".join([key, *(str(p) for p in e["loc"])])))
                 for e in exc.errors()]
        raise CallError(f"{key} block", diags) from None


def real_path(data: Any, loc: tuple[Any, ...]) -> KeyPath:
    """The longest prefix of ``loc`` that indexes into ``data``."""
    out: list[str | int] = []
    cur = data
    for part in loc:
        if (isinstance(cur, dict) and part in cur) or (isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur)):
            out.append(part)
            cur = cur[part]
        else:
            break
    return tuple(out)


def model_allowed_keys(model: type[BaseModel]) -> list[str]:
    return sorted(
        (f.alias or name) for name, f in model.model_fields.items()
    )


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Best effort: the allowed keys of the model that sits at ``loc``."""
    cur: Any = model
    for part in loc:
        if isinstance(part, int) or cur is None:
            continue
        if isinstance(cur, type) and issubclass(cur, BaseModel):
            field = None
            for name, f in cur.model_fields.items():
                if name == part or f.alias == part:
                    field = f
                    break
            if field is None:
                return []
            cur = _inner_model(field.annotation)
        else:
            return []
    if isinstance(cur, type) and issubclass(cur, BaseModel):
        return model_allowed_keys(cur)
    return []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validation_diagnostics(
    exc: ValidationError,
    model: type[BaseModel],
    doc: Doc,
    diags: Collector,
    *,
    prefix: KeyPath = (),
    code: str = "schema-invalid",
) -> None:
    """Record one diagnostic per distinct problem in ``exc``, located in ``doc``."""
    data = doc.data
    for p in prefix:
        data = data[p]
    seen: set[tuple[KeyPath, str]] = set()
    for err in exc.errors():
        loc = tuple(err["loc"])
        path = real_path(data, loc)
        full = (*prefix, *path)
        if err["type"] == "extra_forbidden":
            key = loc[-1] if loc else "?"
            parent_loc = loc[:-1]
            allowed = _fields_at(model, tuple(p for p in parent_loc))
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"Did you mean {close[0]!r}?" if close else (
                f"Allowed keys here: {', '.join(allowed)}." if allowed else None
            )
            marker = (full, "unknown-key")
            if marker in seen:
                continue
            seen.add(marker)
            diags.add("unknown-key", f"unknown key {key!r}", doc.key_loc(full), hint=hint)
            continue
        this_code = code
        if err["type"] == "string_pattern_mismatch" and loc and loc[-1] == "id":
            this_code = "invalid-id"
        elif loc and loc[0] == "eligibility" and err["type"] == "value_error":
            this_code = "bad-rule"
        elif err["type"] == "string_pattern_mismatch" and loc and (
            loc[-1] == "dimension" or (len(loc) > 1 and loc[-2] == "secondary_dimensions")
        ):
            this_code = "unknown-dimension"
        marker = (full, this_code + (str(loc[-1]) if err["type"] == "missing" and loc else ""))
        if marker in seen:
            continue
        seen.add(marker)
        msg = str(err["msg"])
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        where = format_path(full)
        got = err.get("input")
        detail = ""
        if err["type"] in ("missing",):
            missing = loc[-1]
            msg = f"the key {missing!r} is required"
        elif not isinstance(got, dict | list) and got is not None:
            detail = f" (got {got!r})"
        if this_code == "invalid-id":
            msg = "an id may only hold ASCII letters, digits, '.', '_' and '-'"
        elif this_code == "unknown-dimension":
            msg = "a dimension is one of D1..D10"
        diags.add(this_code, f"{msg}{detail}", doc.loc(full) if where else Location(doc.file))
