"""Turning pydantic errors into located diagnostics.

Pydantic reports a ``loc`` tuple; union types add member names to it
(``weight.int``) that are not keys of the document.  We walk the document
along ``loc`` and keep only the parts that really index into it, so the key
path and the ``file:line:col`` point at what the user wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import reduce
from types import UnionType
from typing import Annotated, Any, Literal, Self, Union, cast, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .errors import Collector, Location, Message, Quote, excerpt
from .i18n import N_, gettext
from .io.text import parse_decimal
from .io.yamlio import Doc, KeyPath, format_path
from .messages import Quotes, _Value, decimal_text, did_you_mean, plain_number

#: pydantic's messages that isgrid shows in the user's language: the error type, and
#: pydantic's English text with its context's names as placeholders (the English
#: output is pydantic's own).  Another type keeps pydantic's English words.
PYDANTIC_MESSAGES: dict[str, str] = {
    "missing": N_("Field required"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional "
                         "part"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "finite_number": N_("Input should be a finite number"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "string_type": N_("Input should be a valid string"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
    "list_type": N_("Input should be a valid list"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary or instance of {class_name}"),
    "model_attributes_type": N_("Input should be a valid dictionary or object to extract "
                                "fields from"),
    "string_too_short": N_("String should have at least {min_length} character"
                           "{expected_plural}"),
    "string_too_long": N_("String should have at most {max_length} character{expected_plural}"),
    "too_short": N_("{field_type} should have at least {min_length} item{expected_plural} "
                    "after validation, not {actual_length}"),
    "too_long": N_("{field_type} should have at most {max_length} item{expected_plural} "
                   "after validation, not {actual_length}"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "date_type": N_("Input should be a valid date"),
    "date_parsing": N_("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "date_from_datetime_parsing": N_("Input should be a valid date or datetime, {error}"),
    "datetime_type": N_("Input should be a valid datetime"),
    "datetime_parsing": N_("Input should be a valid datetime, {error}"),
    "number_not_boolean": N_("{what} is expected here"),
    "number_text": N_("{what} is expected here, written with a decimal point and no spaces"),
}
#: The type of the error of true or false where a number is expected (the grid's and
#: call.yaml's numbers: :data:`isgrid.grid.model.Number`): pydantic's lax mode would read
#: them as 1 and 0.
NOT_BOOLEAN = "number_not_boolean"
#: The type of the error of a text where a number is expected (``weight: 1,5``,
#: ``threshold: 55 %``): its hint writes the number as YAML does (``1.5``).
NUMBER_TEXT = "number_text"


#: pydantic's list of the values a literal or an enum allows, « or » before the last one
#: (each value is its ``repr``: a value holding « or » is not cut)
_LAST_CHOICE = re.compile(r"(?P<first>.+) or (?P<second>'[^']*'|\"[^\"]*\")")


_REPR = re.compile(r"'[^'\\]*'|\"[^\"\\]*\"")


def _choices(first: str, second: str) -> Message:
    """pydantic's « 'a', 'b' or 'c' » (each value its ``repr``) with each value quoted as
    the message's language quotes it (:class:`Quote`); as written when it is not reprs."""
    pieces = _REPR.findall(first)
    if ", ".join(pieces) != first or not _REPR.fullmatch(second):
        return Message("{first} or {second}", first=first, second=second)
    return Message("{first} or {second}", first=Quotes([p[1:-1] for p in pieces]),
                   second=Quote(second[1:-1]))


def pydantic_message(err: Any) -> Message:
    """One pydantic error as a :class:`Message`: isgrid's own (a validator that raised
    ``ValueError(Message(…))``), one of :data:`PYDANTIC_MESSAGES`, else pydantic's text."""
    ctx = err.get("ctx") or {}
    error = ctx.get("error")
    if err["type"] == "value_error" and isinstance(error, ValueError) and error.args \
            and isinstance(error.args[0], Message):
        return error.args[0]
    template = PYDANTIC_MESSAGES.get(err["type"])
    if template is not None:
        values = {k: v for k, v in ctx.items() if f"{{{k}}}" in template}
        if "{expected_plural}" in template:
            values["expected_plural"] = "" if ctx.get("min_length", ctx.get(
                "max_length")) == 1 else "s"
        for bound in ("gt", "ge", "lt", "le"):  # 0.0 as pydantic writes it (« 0 »), and
            v = values.get(bound)                # with a decimal comma in French
            if isinstance(v, int | float) and not isinstance(v, bool):
                values[bound] = _Written((v, plain_number(v)))
        choices = _LAST_CHOICE.fullmatch(str(values.get("expected", "")))
        if choices is not None:  # "'a', 'b' or 'c'": « « a », « b » ou « c » » in French
            values["expected"] = _choices(choices["first"], choices["second"])
        if all(f"{{{k}}}" not in template or k in values
               for k in ("gt", "ge", "lt", "le", "expected", "class_name", "min_length",
                         "max_length", "field_type", "actual_length", "pattern", "error")):
            message = Message(template, **values)
            if str(message) == str(err["msg"]):  # the same words as pydantic's: safe
                return message
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return Message("{problem}", problem=msg)


def real_path(data: Any, loc: tuple[Any, ...]) -> KeyPath:
    """The longest prefix of ``loc`` that indexes into ``data``.

    A name that is not a key but is followed by one that is (the tag of a
    discriminated union: ``constraints[0].min.count``) is skipped.
    """
    out: list[str | int] = []
    cur = data
    parts = list(loc)
    i = 0
    while i < len(parts):
        if _indexes(cur, parts[i]):
            out.append(parts[i])
            cur = cur[parts[i]]
        elif not (isinstance(parts[i], str) and i + 1 < len(parts)
                  and _indexes(cur, parts[i + 1])):
            break
        i += 1
    return tuple(out)


def _indexes(cur: Any, part: Any) -> bool:
    return (isinstance(cur, dict) and part in cur) or (
        isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur))


def model_allowed_keys(model: type[BaseModel]) -> list[str]:
    return sorted(
        (f.alias or name) for name, f in model.model_fields.items()
    )


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Best effort: the allowed keys of the model that sits at ``loc``."""
    models, _ = walk_models((model,), loc)
    return model_allowed_keys(models[0]) if models else []


def _field_named(model: type[BaseModel], part: str) -> FieldInfo | None:
    for name, f in model.model_fields.items():
        if name == part or f.alias == part:
            return f
    return None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Every model in an annotation (``list[A | B] | None`` gives A and B), in order."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        out += [m for m in _models_in(arg) if m not in out]
    return out


def _is_tag(model: type[BaseModel], part: str) -> bool:
    """Whether pydantic names ``model`` ``part`` in a union (its class, or its Literal tag)."""
    if model.__name__ == part:
        return True
    return any(get_origin(f.annotation) is Literal and part in get_args(f.annotation)
               for f in model.model_fields.values())


def walk_models(roots: tuple[type[BaseModel], ...], loc: tuple[Any, ...]) \
        -> tuple[list[type[BaseModel]], tuple[str, FieldInfo] | None]:
    """Follow pydantic's ``loc`` from the candidate models ``roots``.

    Returns the models that may sit at ``loc`` and, when ``loc`` ends on a key
    of one of them, that key and its field (list indexes and union tags are
    followed; an unknown name gives ``([], None)``).
    """
    models = list(roots)
    target: tuple[str, FieldInfo] | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        part = str(part)
        found = next(((m, f) for m in models if (f := _field_named(m, part)) is not None), None)
        if found is not None:
            target = (part, found[1])
            models = _models_in(found[1].annotation)
            continue
        tagged = [m for m in models if _is_tag(m, part)]
        if not tagged:
            return [], None
        models, target = tagged, None
    return models, target


#: What a key of each type expects, for a hint (:func:`describe_field`)
_TYPE_WORDS = {int: Message("an integer"), float: Message("a number"),
               bool: Message("true or false"), str: Message("a text")}


class _Written(_Value):
    """A number or a value in a field's hint: in English as :func:`describe_field` has
    always written it (``x`` is the value and that text); in French a number in full with
    a decimal comma (« 0,01 »), any other value as written."""

    @staticmethod
    def written(x: object, lang: str) -> str:
        value, english = cast(tuple[object, str], x)
        if lang == "fr" and isinstance(value, int | float) and not isinstance(value, bool):
            return decimal_text(plain_number(value), lang)
        return english


class Spoken:
    """A field's metadata (``Annotated[Role, Spoken(typed_role)]``): its values as one types
    them in each language (``said(value, lang)``), for the hint that lists them
    (:func:`describe_field`) and the refusal of another (:func:`spoken_choices`): an
    English call's ``role`` listed « instructor, juror », never the French words alone."""

    def __init__(self, said: Callable[[str, str], str]) -> None:
        self.said = said


class _Said(_Value):
    """Values of a field as ``said`` types them in each language: ``x`` is (values, said,
    quoted); quoted, each between quotes and « or » before the last (a refusal), else
    separated by commas (a hint)."""

    @staticmethod
    def written(x: object, lang: str) -> str:
        values, said, quoted = cast(tuple[tuple[str, ...], Callable[[str, str], str], bool], x)
        words = [said(v, lang) for v in values]
        if not quoted:
            return ", ".join(words)
        shown = [Quote.written((w, None), lang) for w in words]
        if len(shown) < 2:
            return "".join(shown)
        return Message("{first} or {second}", first=", ".join(shown[:-1]),
                       second=shown[-1]).translated(lang)


def spoken_choices(values: Iterable[str], spoken: Spoken) -> Message:
    """« Input should be 'instructor' or 'juror' » (« 'instructeur' ou 'juré' » in
    French): the refusal of a value that is none of ``values``, said as ``spoken`` types
    them in the message's language."""
    return Message("Input should be {expected}",
                   expected=_Said((tuple(values), spoken.said, True)))


class FieldDescription(Message):
    """A field's ``description`` in a hint, without its final period: the declared text is
    the catalog's msgid (:func:`field_descriptions` lists them for the catalog's test)."""

    def __new__(cls, text: str, /) -> Self:
        self = str.__new__(cls, text.rstrip("."))
        self.template, self.values = text, {}
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.template,))

    def translated(self, lang: str) -> str:
        return gettext(self.template, lang).rstrip(".")


def _and(parts: list[Message]) -> Message:
    """``>= 0 and <= 100``: the parts one after the other, « et » between them in French."""
    return reduce(lambda first, second: Message("{first} and {second}", first=first,
                                                second=second), parts)


def _members(ann: Any) -> list[Any]:
    """The types of a union, each unwrapped from its ``Annotated`` (the grid's ``Number``
    is ``Annotated[int | float, …]``): ``Number | None`` gives int, float and NoneType."""
    if get_origin(ann) is Annotated:
        return _members(get_args(ann)[0])
    if get_origin(ann) in (Union, UnionType):
        return [m for a in get_args(ann) for m in _members(a)]
    return [ann]


def describe_field(name: str, info: FieldInfo) -> Message:
    """``draws: an integer >= 0, default 0 (Default number of draws.)``: for a hint, in
    each language (a :class:`Message`: its English text is the one isgrid always wrote)."""
    args = [a for a in _members(info.annotation) if a is not type(None)]
    spoken = next((m for m in info.metadata if isinstance(m, Spoken)), None)
    what: Message
    if len(args) == 1 and get_origin(args[0]) is Literal:
        literal = tuple(str(v) for v in get_args(args[0]))
        what = Message("one of {values}", values=", ".join(literal) if spoken is None
                       else _Said((literal, spoken.said, False)))
    elif all(a in _TYPE_WORDS for a in args) and args:
        words = [_TYPE_WORDS[a] for a in args]
        what = (words[0] if len(words) == 1 else
                Message("{first} or {second}", first=words[0], second=words[1])) \
            if len(args) < 3 else Message("a text, a number or true/false") if bool in args \
            else Message("a number or a text")  # a consensus value: never true or false
    elif len(args) == 1 and get_origin(args[0]) is list:
        what = Message("a list")
    elif len(args) == 1 and (get_origin(args[0]) is dict or _models_in(args[0])):
        what = Message("a mapping")
    else:
        what = Message("a value")
    bounds: list[Message] = []
    for m in info.metadata:
        for attr, template in (("ge", N_(">= {n}")), ("gt", N_("> {n}")),
                               ("le", N_("<= {n}")), ("lt", N_("< {n}"))):
            if getattr(m, attr, None) is not None:
                bound = getattr(m, attr)
                bounds.append(Message(template, n=_Written((bound, f"{bound:g}"))))
        if getattr(m, "min_length", None) == 1:
            bounds.append(Message("not empty"))
        if getattr(m, "max_length", None) is not None:
            bounds.append(Message("of at most {n} characters",
                                  n=_Written((m.max_length, str(m.max_length)))))
        pattern = getattr(m, "pattern", None)
        if pattern is not None:
            bounds.append(Message("as YYYY-MM-DD or DD/MM/YYYY") if pattern == ISO_DATE else
                          Message("matching {pattern}", pattern=pattern))
    if bounds:
        what = Message("{what} {bounds}", what=what, bounds=_and(bounds))
    if info.is_required():
        text = Message("{name}: {what}, required", name=name, what=what)
    elif info.default is not None and info.default_factory is None:
        d = info.default
        default = (Message("true") if d else Message("false")) if isinstance(d, bool) else \
            _Said(((str(d),), spoken.said, False)) if spoken is not None else \
            _Written((d, f"{d:g}" if isinstance(d, float) else f"{d}"))
        text = Message("{name}: {what}, default {default}", name=name, what=what,
                       default=default)
    else:
        text = Message("{name}: {what}, optional", name=name, what=what)
    if info.description:
        text = Message("{field} ({description})", field=text,
                       description=FieldDescription(info.description))
    return text


def field_descriptions(roots: Iterable[type[BaseModel]]) -> set[str]:
    """The ``description`` of every field of ``roots`` and of the models inside them: the
    texts :func:`describe_field` may show, which the catalog must translate."""
    out: set[str] = set()
    todo, seen = list(roots), set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for f in model.model_fields.values():
            if f.description:
                out.add(f.description)
            todo += _models_in(f.annotation)
    return out


#: The pattern of a date in call.yaml (after isgrid.grid.facts.iso_date has read DD/MM/YYYY)
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def validation_diagnostics(
    exc: ValidationError,
    model: type[BaseModel],
    doc: Doc,
    diags: Collector,
    *,
    prefix: KeyPath = (),
    code: str = "schema-invalid",
    hint: Callable[[tuple[Any, ...]], str | None] | None = None,
) -> None:
    """Record one diagnostic per distinct problem in ``exc``, located in ``doc``.

    ``hint``, given pydantic's ``loc`` (after ``prefix``), may give the hint of a
    problem that has none of its own (else the code's hint is shown).
    """
    data = doc.data
    for p in prefix:
        data = data[p]
    seen: set[tuple[KeyPath, str]] = set()
    for err in exc.errors():
        loc = tuple(err["loc"])
        path = real_path(data, loc)
        if err["type"] == "union_tag_invalid":  # point at the tag (kind: ...), not the item
            tag = str((err.get("ctx") or {}).get("discriminator", "")).strip("'")
            at = real_path(data, (*path, tag))
            path = at if len(at) > len(path) else path
        full = (*prefix, *path)
        own_hint = hint(loc) if hint is not None else None
        if err["type"] == "extra_forbidden":
            key = loc[-1] if loc else "?"
            parent_loc = loc[:-1]
            allowed = _fields_at(model, tuple(p for p in parent_loc))
            key_hint = did_you_mean(str(key), allowed) or (
                Message("Allowed keys here: {keys}.", keys=", ".join(allowed)) if allowed
                else own_hint)
            marker = (full, "unknown-key")
            if marker in seen:
                continue
            seen.add(marker)
            diags.add("unknown-key", Message("unknown key {key}", key=Quote(key)),
                      doc.key_loc(full), hint=key_hint)
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
        msg = pydantic_message(err)
        where = format_path(full)
        got = err.get("input")
        got_text = ""
        if err["type"] in ("missing",):
            missing = loc[-1]
            msg = Message("the key {key} is required", key=Quote(missing))
        elif err["type"] == "union_tag_invalid":  # e.g. a constraint of an unknown kind
            ctx = err.get("ctx") or {}
            tag = str(ctx.get("discriminator", "")).strip("'")
            msg = Message("{key} is one of {expected} (got {value})", key=tag,
                          expected=ctx.get("expected_tags"), value=Quote(ctx.get("tag")))
        elif err["type"] == "union_tag_not_found":  # e.g. a constraint without its kind
            tag = str((err.get("ctx") or {}).get("discriminator", "")).strip("'")
            msg = Message("the key {key} is required", key=Quote(tag))
        elif (err["type"] == "string_pattern_mismatch" and (
                err.get("ctx") or {}).get("pattern") == ISO_DATE) or err["type"] == "date_invalid":
            # not a regular expression (call/blocks.py's block_date raises date_invalid)
            msg = Message("{value} is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                          value=excerpt(got))
        elif isinstance(got, bool):  # as YAML writes it, not Python's True
            got_text = "true" if got else "false"
            if err["type"] == NOT_BOOLEAN and own_hint is None and path \
                    and isinstance(path[-1], str):
                own_hint = Message("Write the number itself ({key}: 1, not {key}: {value}): "
                                   "true and false are not read as numbers.",
                                   key=path[-1], value=got_text)
        elif not isinstance(got, dict | list) and got is not None:
            got_text = Quote(got)
            if err["type"] == NUMBER_TEXT and own_hint is None and isinstance(got, str):
                own_hint = _number_hint(got)
        if this_code == "invalid-id":
            msg = Message("an id may only hold ASCII letters, digits, '.', '_' and '-'")
        elif this_code == "unknown-dimension":
            msg = Message("a dimension is one of D1..D10")
        message = Message("{problem} (got {value})", problem=msg, value=got_text) \
            if got_text else msg
        diags.add(this_code, message, doc.loc(full) if where else Location(doc.file),
                  hint=own_hint)


def _number_hint(text: str) -> Message:
    """What to write for ``text`` found where a number is expected: the number it reads as
    (``1,5`` → ``1.5``, ``11 000`` → ``11000``), else the form of one."""
    read = parse_decimal(text)
    if read is not None:
        return Message("Write {number}: a number in YAML has a decimal point (1.5) and no "
                       "spaces.", number=plain_number(read))
    return Message("Write the number alone, with a decimal point and without spaces, unit "
                   "or % (1.5, not 1,5).")
