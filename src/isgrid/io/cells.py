"""The one formula neutralisation of isgrid: a text that a spreadsheet would run as a
formula is written as the text it is (every CSV and XLSX writer, and import)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

#: Characters that make a spreadsheet cell a formula (or a DDE call), once the
#: cell is opened in Excel or LibreOffice; the full-width forms too, which some
#: spreadsheets fold into ASCII.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d",
                    "\uff20")

#: A plain number as the writers spell it (``-1,33``, ``-12.5``, ``+3``, ``-1e-05``):
#: a spreadsheet reads it as a number, never as a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d\u00a0\u202f]*)?(?:[.,]\d+)?(?:[eE][+-]?\d+)?%?")


def neutralise_cell(value: Any) -> Any:
    """The one formula neutralisation of isgrid (every CSV and XLSX writer, and import).

    A text that a spreadsheet would run as a formula gets a leading ``'``, so
    that ``=HYPERLINK(...)`` or ``@SUM(...)`` stays the text it is.  Numbers,
    and texts that are plain numbers (a negative score written ``-1,33``), are
    left alone; so is everything else.
    """
    if (isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
            and not (value[:1] in "+-" and any(c.isdigit() for c in value)
                     and _PLAIN_NUMBER.fullmatch(value))):
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    """:func:`neutralise_cell` of every cell of a row."""
    return [neutralise_cell(v) for v in values]
