"""Amounts of money, parsed one way everywhere (budgets, caps, ``--amount``, workbooks).

:func:`parse_amount` reads what people type: ``52000``, ``52 000`` (spaces,
no-break or narrow no-break spaces between groups of three digits),
``52 000,50`` in French, ``52,000.50`` in English, with or without a currency
before or after the number (``€``, ``EUR``, ``euros``): what isgrid prints reads
back, « 52 000 € » in French, ``€52,000`` in English.  A separator followed by exactly three digits is ambiguous — ``15,000`` is
fifteen thousand in English and fifteen in French; ``52.000`` fifty-two
thousand in German and fifty-two in English — and is refused unless the
call's language makes it unambiguous (``15,000`` in an English call is a
thousands separator).  Hints give examples as the call's language writes amounts
(« 12 000,50 » in French, ``12,000.50`` in English).  The result is finite, at least 0 and at most
:data:`MAX_AMOUNT`, so that sums of amounts never overflow and stay exact.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..errors import Message, Quote
from ..i18n import N_
from ..messages import Money

#: The largest amount isgrid accepts (a thousand billion euros).
MAX_AMOUNT = 10**12
#: The largest grid weight or level value (weights × values stay far from overflow).
MAX_WEIGHT = 10**6

_SPACES = ("\u202f", "\u00a0", " ", "\u2009")
_UNIT = r"(?:€|euros?|eur)"
_CURRENCY_BEFORE = re.compile(rf"^{_UNIT}(?![a-z])\s*", re.IGNORECASE)  # €52,000; EUR 52 000
#: A minus sign before the digits: the hyphen, the true minus (U+2212), a dash, and the
#: spaces after it
_MINUS = re.compile("^[-\u2212\u2013] *")
#: An amount below 0, said so rather than « not an amount »
_NEGATIVE = N_("{text} is a negative amount")
_CURRENCY_AFTER = re.compile(rf"\s*(?<![a-z]){_UNIT}$", re.IGNORECASE)  # 52 000 €; 52000 EUR

#: Hints whose example amounts are written as the call's language writes them (the words
#: are translated into the reader's language; the example numbers stay the call's).
_HINTS = {
    "fr": {
        "amount": N_("Write an amount, e.g. 12000 or 12 000,50."),
        "decimals": N_("Write 52000.50 or 52 000,50."),
        "groups": N_("Write 52 000 or 52000."),
        "million": N_("Write 1000000 or 1 000 000."),
        "ambiguous": N_("Write {whole}{frac} for {whole} {frac} €, or {decimals} for the "
                        "decimals; thousands are separated by spaces (52 000)."),
    },
    "en": {
        "amount": N_("Write an amount, e.g. 12000 or 12,000.50."),
        "decimals": N_("Write 52000.50 or 52,000.50."),
        "groups": N_("Write 52,000 or 52000."),
        "million": N_("Write 1000000 or 1,000,000."),
        "ambiguous": N_("Write {whole}{frac} or {whole},{frac} for €{whole},{frac}, or "
                        "{decimals} for the decimals."),
    },
}


@dataclass(frozen=True)
class Amount:
    """A parsed amount: ``value``, or ``problem`` and ``hint`` saying why not."""

    value: float | None
    problem: Message | None = None
    hint: str | None = None


def _refuse(text: str, problem: str, hint: str, **values: object) -> Amount:
    """``problem`` is a message template whose ``{text}`` is the text as written."""
    return Amount(None, Message(problem, text=Quote(text[:40]), **values),
                  Message(hint, **values) if values else hint)


def _without_currency(text: str) -> str:
    """``text`` without one currency before or after the number (« €52,000 », « EUR 52 000 »,
    « 52 000 € »): one only, « € 52 000 € » stays refused."""
    s = text.strip()
    before = _CURRENCY_BEFORE.sub("", s, count=1)
    if before != s:
        return before.strip()
    return _CURRENCY_AFTER.sub("", s, count=1).strip()


def parse_amount(raw: object, lang: str = "fr") -> Amount:
    """An amount in euros from a number or a text (see the module doc)."""
    hints = _HINTS["en" if lang == "en" else "fr"]
    if isinstance(raw, bool):
        return _refuse(str(raw), N_("{text} is not an amount"),
                       N_("Write an amount in euros, e.g. 12000."))
    if isinstance(raw, int):
        if raw < 0:  # « cap: -5 »: no digit repeated there (the hint of too large an amount)
            return _refuse(str(raw), _NEGATIVE, N_("An amount is 0 or more."))
        if raw > MAX_AMOUNT:
            return _refuse(str(raw), N_("{text} is out of range (0 to {max})"),
                           N_("Check the amount: is a digit repeated?"),
                           max=Money(MAX_AMOUNT))
        return Amount(float(raw))
    if isinstance(raw, float):
        return _bounded(raw, repr(raw))
    text = str(raw)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _refuse(text.encode("utf-8", "replace").decode(), N_("{text} is not text"),
                       N_("Type the amount again."))
    s = _without_currency(text)
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
    sign = _MINUS.match(s)
    if sign and any(c.isdigit() for c in s[sign.end():]):
        # « -5 000 € », « − 5 000 »: an amount below 0 (its digits read as any amount's)
        rest = parse_amount(s[sign.end():], lang)
        if rest.value:
            return _refuse(text, _NEGATIVE, N_("An amount is 0 or more."))
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
                                    "three digits)"), hints["groups"])
        if len(dec) >= 4 and dec[1:].isdigit() and not (lang == "en" and dec[0] == ","):
            # « 24 000,505 »: the spaces group the thousands, so the mark is the decimal one
            return _too_many_decimals(text, "".join(groups[:-1]) + last, dec[1:], lang)
        s = "".join(groups[:-1]) + last + dec
    commas, dots = s.count(","), s.count(".")
    grouping = "," if lang == "en" else None
    if commas and dots:  # 52.000,50 or 52,000.50: the last mark is the decimal one
        dec_mark = "," if s.rfind(",") > s.rfind(".") else "."
        group_mark = "." if dec_mark == "," else ","
        whole, _, frac = s.rpartition(dec_mark)
        parts = whole.split(group_mark)
        grouped = parts[0].isdigit() and 1 <= len(parts[0]) <= 3 and all(
            p.isdigit() and len(p) == 3 for p in parts[1:])
        if grouped and frac.isdigit() and len(frac) > 2:  # « 52.000,505 »: decimals
            return _too_many_decimals(text, "".join(parts), frac, lang)
        if not (frac.isdigit() and len(frac) <= 2 and grouped):
            return _refuse(text, N_("{text} is not an amount"), hints["decimals"])
        s = "".join(parts) + "." + frac
    elif commas or dots:
        mark = "," if commas else "."
        parts = s.split(mark)
        if len(parts) > 2:  # 1.000.000 or 1,000,000: only thousands separators
            if not (parts[0].isdigit() and 1 <= len(parts[0]) <= 3
                    and all(p.isdigit() and len(p) == 3 for p in parts[1:])):
                return _refuse(text, N_("{text} is not an amount"), hints["million"])
            s = "".join(parts)
        else:
            whole, frac = parts
            if len(frac) > 3 and whole.isdigit() and frac.isdigit():
                # « 24000,5050 »: no thousands group has four digits, so these are decimals
                return _too_many_decimals(text, whole, frac, lang)
            if len(frac) == 3 and whole.isdigit() and frac.isdigit():
                if mark != grouping:
                    if len(whole) > 3:  # « 24000,505 »: no group has four digits: decimals
                        return _too_many_decimals(text, whole, frac, lang)
                    return _refuse(
                        text, N_("{text} is ambiguous: thousands or decimals?"),
                        hints["ambiguous"], whole=whole, frac=frac,
                        decimals=f"{whole}{',' if lang == 'fr' else '.'}{frac[:2]}")
                s = whole + frac
            else:
                s = whole + "." + frac
    if not re.fullmatch(r"[+]?\d+(\.\d+)?", s):
        return _refuse(text, N_("{text} is not an amount in euros"), hints["amount"])
    return _bounded(float(s), text)


def _too_many_decimals(text: str, whole: str, frac: str, lang: str) -> Amount:
    """``text``, whose ``whole`` part cannot be thousands (spaces or another mark grouped
    it, more than three digits before the mark, or more than three after it), has ``frac``,
    three decimals or more: the cents are two digits (« 24 000,505 », « 24000,5050 »:
    24 000,50 meant, or a typo), never rounded nor cut silently.  The hint's example is
    written as the call's language writes amounts, with its groups (« 24 000,50 »,
    ``24,000.50``)."""
    groups = [whole[max(0, i - 3):i] for i in range(len(whole), 0, -3)][::-1]
    cents = (",".join(groups) + "." if lang == "en" else " ".join(groups) + ",") + frac[:2]
    hint = N_("Write {cents} for the cents (two decimals); otherwise check the amount typed.")
    if len(frac) == 3:
        return _refuse(text, N_("{text} has three decimals: cents are two digits"), hint,
                       cents=cents)
    return _refuse(text, N_("{text} has {count} decimals: cents are two digits"), hint,
                   cents=cents, count=len(frac))


def _bounded(value: float, text: str) -> Amount:
    if not math.isfinite(value):
        return _refuse(text, N_("{text} is not a finite number"),
                       N_("Write an amount, e.g. 12000."))
    if value < 0:
        return _refuse(text, _NEGATIVE, N_("An amount is 0 or more."))
    if value > MAX_AMOUNT:
        return _refuse(text, N_("{text} is more than {max}"),
                       N_("Check the amount: is a digit repeated?"), max=Money(MAX_AMOUNT))
    return Amount(value)
