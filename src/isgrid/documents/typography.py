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
from typing import Literal

NNBSP = "\u202f"

_BEFORE = re.compile(r"[ \u00a0\u2009]+(?=[;:!?€%»])")
_OPEN = re.compile(r"«[ \u00a0\u2009]*")
_CLOSE = re.compile(r"(?<=\S)»")


def french_spacing(text: str) -> str:
    """``text`` with narrow no-break spaces before « ; : ! ? € % » and inside « »."""
    text = _BEFORE.sub(NNBSP, text)
    text = _OPEN.sub("«" + NNBSP, text)
    return _CLOSE.sub(NNBSP + "»", text)


def plural_form(n: float | int, lang: str = "fr") -> Literal["one", "other"]:
    """``one`` or ``other``: the form a word counted ``n`` times takes in ``lang``."""
    if lang.split("-")[0] == "fr":
        return "one" if abs(n) < 2 else "other"
    return "one" if n == 1 else "other"
