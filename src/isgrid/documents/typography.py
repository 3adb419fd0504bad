"""French typography for the documents: narrow no-break spaces and plural agreement.

:func:`french_spacing` puts a NARROW NO-BREAK SPACE (U+202F) where French typography wants
an unbreakable thin space: before « ; : ! ? € % » when a space is written there, and inside
« » (so that a line never breaks after « or before »).  It only replaces spaces already
written before a punctuation mark (« 10:30 », « https://… » and « 12% » in code are left
alone) and never touches the English text.  :func:`plural_form` says which form of a
counted word a number takes: in French 0 and 1 take the singular (« 0 entrée »,
« 1 entrée », « 2 entrées »), in English only 1 does.
"""

from __future__ import annotations

import re

from ..messages import plural_form as plural_form  # the rule's home: isgrid.messages

NNBSP = "\u202f"

_BEFORE = re.compile(r"[ \u00a0\u2009]+(?=[;:!?€%»])")
_OPEN = re.compile(r"«[ \u00a0\u2009]*")
_CLOSE = re.compile(r"(?<=\S)»")


def french_spacing(text: str) -> str:
    """``text`` with narrow no-break spaces before « ; : ! ? € % » and inside « »."""
    text = _BEFORE.sub(NNBSP, text)
    text = _OPEN.sub("«" + NNBSP, text)
    return _CLOSE.sub(NNBSP + "»", text)


_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def _date(value: str | None) -> tuple[int, int, int] | None:
    """(year, month, day) of an ISO date or date-time text, or None."""
    if not value:
        return None
    from datetime import date

    try:
        d = date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return d.year, d.month, d.day


def date_words(value: str | None, lang: str = "fr") -> str:
    """A date in words, as minutes and letters write it: « 14 mars 2016 », « 1er mai
    2026 » (English: « 14 March 2016 »); the text unchanged when it is not an ISO date."""
    ymd = _date(value)
    if ymd is None:
        return value or ""
    y, mo, d = ymd
    months = _MONTHS.get(lang.split("-")[0], _MONTHS["en"])
    day = "1er" if d == 1 and lang.split("-")[0] == "fr" else str(d)
    return f"{day} {months[mo - 1]} {y}"


def date_short(value: str | None, lang: str = "fr") -> str:
    """A date in a table cell: DD/MM/YYYY (« 14/03/2016 »); the text unchanged when it is
    not an ISO date (a time after the date is kept as HH:MM)."""
    ymd = _date(value)
    if ymd is None:
        return value or ""
    y, mo, d = ymd
    text = f"{d:02d}/{mo:02d}/{y:04d}"
    rest = str(value)[10:]
    if len(rest) >= 6 and rest[0] in "T " and rest[3] == ":":
        text += f" {rest[1:6]}"
    return text
