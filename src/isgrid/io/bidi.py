"""Bidirectional controls in texts isgrid did not write (an applicant's title, a juror's
comment): the one rule that keeps them from reordering what is printed around them."""

from __future__ import annotations

import re

#: The bidirectional formatting characters: embeddings and overrides (U+202A–202E, ended
#: by U+202C), isolates (U+2066–2068, ended by U+2069).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMBEDS, _PDF = "\u202a\u202b\u202d\u202e", "\u202c"
_ISOLATES, _PDI, _FSI = "\u2066\u2067\u2068", "\u2069", "\u2068"


def bidi_isolated(text: str) -> str:
    """``text`` that holds a bidirectional control (:data:`BIDI_CONTROLS`: an applicant's
    title ending in U+202E « txet.exe », a juror's comment) made unable to reorder what is
    printed around it: each embedding or isolate it opens closed at its end, a closing one
    that closes nothing changed, the whole an isolate of its own (U+2068 … U+2069), so that
    « (AL16-03) » after it is never printed « (30-61LA) ».  Inside, the text is as written
    (an Arabic or Hebrew name keeps its marks).  A text without one, or that closes each
    one it opens (this function's own result): unchanged.  The one rule of every HTML and
    Markdown document and page: what the templates print (their ``finalize``,
    :func:`isgrid.documents.render.environment`, the jurors' workspace's), the values of
    a catalog's sentence (:class:`isgrid.i18n.Translator`, the workspace's
    :func:`~isgrid.workspace.texts.page_words`), the access document's texts.  Works in
    an attribute, a Markdown line or a text file alike, where a ``<bdi>`` would not."""
    if not BIDI_CONTROLS.search(text):
        return text
    out: list[str] = []
    open_: list[str] = []  # the closing character each open one awaits
    changed = False
    for ch in text:
        if ch in _EMBEDS:
            open_.append(_PDF)
        elif ch in _ISOLATES:
            open_.append(_PDI)
        elif ch == _PDF:
            if not open_ or open_[-1] != _PDF:
                changed = True  # closes nothing of this text
                continue
            open_.pop()
        elif ch == _PDI:
            if _PDI not in open_:
                changed = True  # would close the isolate this text is printed in
                continue
            while open_[-1] != _PDI:  # the embeddings inside the isolate end with it
                out.append(open_.pop())
                changed = True
            open_.pop()
        out.append(ch)
    if not open_ and not changed:  # each one it opens, it closes: as written
        return text
    made = _FSI + "".join(out) + "".join(reversed(open_)) + _PDI
    return type(text)(made) if isinstance(text, str) and type(text) is not str else made
