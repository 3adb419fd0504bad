"""Amounts of money, parsed one way everywhere (budgets, caps, ``--amount``, workbooks).

:func:`parse_amount` reads what people type: ``52000``, ``52 000`` (spaces,
no-break or narrow no-break spaces between groups of three digits),
``52 000,50`` in French, ``52,000.50`` in English, with or without ``€``.
A separator followed by exactly three digits is ambiguous — ``15,000`` is
fifteen thousand in English and fifteen in French; ``52.000`` fifty-two
thousand in German and fifty-two in English — and is refused unless the
call's language makes it unambiguous (``15,000`` in an English call is a
thousands separator).  The result is finite, at least 0 and at most
:data:`MAX_AMOUNT`, so that sums of amounts never overflow and stay exact.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..errors import Count, Message
from ..i18n import N_

#: The largest amount isgrid accepts (a thousand billion euros).
MAX_AMOUNT = 10**12
#: The largest grid weight or level value (weights × values stay far from overflow).
MAX_WEIGHT = 10**6

_SPACES = ("\u202f", "\u00a0", " ", "\u2009")
_CURRENCY = re.compile(r"\s*(€|eur|euros?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    """A parsed amount: ``value``, or ``problem`` and ``hint`` saying why not."""

    value: float | None
    problem: Message | None = None
    hint: str | None = None


def _refuse(text: str, problem: str, hint: str, **values: object) -> Amount:
    """``problem`` is a message template whose ``{text}`` is the text as written."""
    return Amount(None, Message(problem, text=repr(text[:40]), **values),
                  Message(hint, **values) if values else hint)


def parse_amount(raw: object, lang: str = "fr") -> Amount:
    """An amount in euros from a number or a text (see the module doc)."""
    if isinstance(raw, bool):
        return _refuse(str(raw), N_("{text} is not an amount"),
                       N_("Write an amount in euros, e.g. 12000."))
    if isinstance(raw, int):
        if raw < 0:  # « cap: -5 »: no digit repeated there (the hint of too large an amount)
            return _refuse(str(raw), N_("{text} is negative"), N_("An amount is 0 or more."))
        if raw > MAX_AMOUNT:
            return _refuse(str(raw), N_("{text} is out of range (0 to {max} €)"),
                           N_("Check the amount: is a digit repeated?"),
                           max=Count(MAX_AMOUNT))
        return Amount(float(raw))
    if isinstance(raw, float):
        return _bounded(raw, repr(raw))
    text = str(raw)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _refuse(text.encode("utf-8", "replace").decode(), N_("{text} is not text"),
                       N_("Type the amount again."))
    s = _CURRENCY.sub("", text.strip()).strip()
    if not s:
        return _refuse(text, N_("{text} is not an amount"),
                       N_("Write an amount in euros, e.g. 12000."))
    if len(s) > 40:
        return _refuse(text, N_("{text} is too long to be an amount"),
                       N_("Write at most 13 digits."))
    if not any(c.isdigit() for c in s):  # « douze mille », « n/a »
        return _refuse(text, N_("{text} is not an amount"),
                       N_("Write an amount in euros, e.g. 12000."))
    for sp in _SPACES:
        s = s.replace(sp, " ")
    if " " in s:  # groups of three digits separated by spaces: never a decimal mark
        groups = s.split(" ")
        last = groups[-1]
        dec = ""
        for mark in (",", "."):
            if mark in last:
                last, dec = last.split(mark, 1)
                dec = mark + dec
        if not (groups[0].isdigit() and 1 <= len(groups[0]) <= 3
                and all(g.isdigit() and len(g) == 3 for g in groups[1:-1])
                and last.isdigit() and len(last) == 3):
            return _refuse(text, N_("{text} is not an amount (spaces must separate groups of "
                                    "three digits)"), N_("Write 52 000 or 52000."))
        s = "".join(groups[:-1]) + last + dec
    commas, dots = s.count(","), s.count(".")
    grouping = "," if lang == "en" else None
    if commas and dots:  # 52.000,50 or 52,000.50: the last mark is the decimal one
        dec_mark = "," if s.rfind(",") > s.rfind(".") else "."
        group_mark = "." if dec_mark == "," else ","
        whole, _, frac = s.rpartition(dec_mark)
        parts = whole.split(group_mark)
        if not (frac.isdigit() and len(frac) <= 2 and parts[0].isdigit()
                and 1 <= len(parts[0]) <= 3 and all(p.isdigit() and len(p) == 3
                                                     for p in parts[1:])):
            return _refuse(text, N_("{text} is not an amount"), N_("Write 52000.50 or 52 000,50."))
        s = "".join(parts) + "." + frac
    elif commas or dots:
        mark = "," if commas else "."
        parts = s.split(mark)
        if len(parts) > 2:  # 1.000.000 or 1,000,000: only thousands separators
            if not (parts[0].isdigit() and 1 <= len(parts[0]) <= 3
                    and all(p.isdigit() and len(p) == 3 for p in parts[1:])):
                return _refuse(text, N_("{text} is not an amount"),
                               N_("Write 1000000 or 1 000 000."))
            s = "".join(parts)
        else:
            whole, frac = parts
            if len(frac) == 3 and whole.isdigit() and frac.isdigit():
                if mark != grouping:
                    return _refuse(
                        text, N_("{text} is ambiguous: thousands or decimals?"),
                        N_("Write {whole}{frac} for {whole} {frac} €, or {decimals} for the "
                           "decimals; thousands are separated by spaces (52 000)."),
                        whole=whole, frac=frac,
                        decimals=f"{whole}{',' if lang == 'fr' else '.'}{frac[:2]}")
                s = whole + frac
            else:
                s = whole + "." + frac
    if not re.fullmatch(r"[+]?\d+(\.\d+)?", s):
        return _refuse(text, N_("{text} is not an amount in euros"),
                       N_("Write an amount, e.g. 12000 or 12 000,50."))
    return _bounded(float(s), text)


def _bounded(value: float, text: str) -> Amount:
    if not math.isfinite(value):
        return _refuse(text, N_("{text} is not a finite number"),
                       N_("Write an amount, e.g. 12000."))
    if value < 0:
        return _refuse(text, N_("{text} is negative"), N_("An amount is 0 or more."))
    if value > MAX_AMOUNT:
        return _refuse(text, N_("{text} is more than {max} €"),
                       N_("Check the amount: is a digit repeated?"), max=Count(MAX_AMOUNT))
    return Amount(value)
