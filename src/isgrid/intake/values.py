"""Values of the platform read as the grid's fact types, or refused with a reason.

The export writes amounts as « 25 000 € » or « 25 000,50 », dates as
« 14/03/2016 » or as workbook dates, yes/no as « Oui »/« Non » (or « on »
for a checkbox); the API gives typed values.  A value that cannot be read is
returned with ``ok=False`` and becomes an ``intake-value`` diagnostic at its cell.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..errors import Message, excerpt
from ..grid.model import FactSpec

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_MONEY = re.compile(r"(?i)\s*(€|eur|euros?)\s*$")
_TRUE = {"oui", "true", "vrai", "yes", "on", "1", "x"}
_FALSE = {"non", "false", "faux", "no", "off", "0"}


def read_number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, int):
        return value
    text = _MONEY.sub("", str(value))
    text = _SPACES.sub("", text).replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
        return None
    num = float(text)
    return int(num) if num.is_integer() else num


def read_date(value: Any) -> str | None:
    """The date of a cell (« 14/03/2016 », « 2016-03-14 », a workbook date, a date and a
    time: :func:`isgrid.grid.facts.coerce`'s rule, whose readers warn of a time other than
    midnight), or None."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    from ..grid.facts import date_time, iso_date

    text = str(value).strip()
    both = date_time(text)
    return both[0] if both is not None else iso_date(text)


def read_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def read_value(value: Any, spec: FactSpec | None, name: str = "") -> tuple[Any, bool]:
    """``(typed value, ok)``; None for an empty value (ok).  A money fact's text
    (:func:`is_money`) is read as every amount isgrid reads (« 15.000 » is ambiguous, not
    15); another number's « 15.000 » is the decimal 15."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, True
    from ..call.dossier_facts import is_money, money_text

    if spec is not None and isinstance(value, str) and is_money(spec, name):
        typed = money_text(value, spec, "fr")
        return typed, not isinstance(typed, str)
    if isinstance(value, list) and not (spec is not None and spec.type == "array"):
        value = ", ".join(str(v) for v in value)
    t = spec.type if spec is not None else "string"
    if t in ("number", "integer"):
        num = read_number(value)
        if num is None or (t == "integer" and not float(num).is_integer()):
            return value, False
        return (int(num) if t == "integer" else num), True
    if t == "date":
        d = read_date(value)
        return (d, True) if d is not None else (value, False)
    if t == "boolean":
        b = read_bool(value)
        return (b, True) if b is not None else (value, False)
    if t == "array":
        items = value if isinstance(value, list) else \
            [v.strip() for v in re.split(r"[;,]", str(value)) if v.strip()]
        return items, True
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10], True
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), True
    if isinstance(value, bool):
        return ("Oui" if value else "Non"), True
    return str(value).strip(), True


def describe(spec: FactSpec | None) -> Message:
    """What a value of ``spec``'s type is, with examples, in the reader's language."""
    t = spec.type if spec is not None else "string"
    if t == "number":
        return Message("an amount or a number (25 000 € or 25000,50)")
    if t == "integer":
        return Message("a whole number")
    if t == "date":
        return Message("a date (14/03/2016 or 2016-03-14)")
    if t == "boolean":
        return Message("yes or no (Oui, Non)")
    return Message("a {type}", type=t)


def why_not(value: Any, spec: FactSpec | None, name: str = "") -> tuple[Message, Any]:
    """Why ``value`` cannot be read as ``spec``'s type, and a hint (or None): an amount's
    text (:func:`isgrid.call.dossier_facts.is_money`) by the amounts' rule's own words
    (« '12.500' is ambiguous: thousands or decimals? », with what to write), another value
    by what its type is."""
    from ..call.dossier_facts import is_money

    if isinstance(value, str) and is_money(spec, name):
        from ..io.numbers import parse_amount

        parsed = parse_amount(value.strip(), "fr")
        if parsed.problem is not None:
            return parsed.problem, parsed.hint
    return Message("{value} is not {describe}", value=excerpt(value),
                   describe=describe(spec)), None
