"""A comparison's calls each said in the words of its own stage.

A call that is a présélection (:func:`isgrid.documents.stage.is_shortlist`, recorded as
``calls[].shortlist`` by :mod:`.build`) is written of in a présélection's words, as every
other document says it: its statuses « présélectionné », « non présélectionné », its
count of dossiers « présélectionnés », and no money (its budget and committed amount are
« - »; the columns are left out when no compared call grants any).  The words are the
catalogs' ``key@shortlist`` entries, said through :func:`isgrid.i18n.words_of`, as
:func:`isgrid.documents.stage.stage_words` does for one call; here each call's line,
column or sentence enters the words of its own call.

A table or a sentence about two calls of different stages says each call's words for its
part: the status columns of a pair, each in its call's words; « Présélectionnés avec a,
non retenus avec b »; the overview's column header, shared by every line, « retenus ou
présélectionnés » when the calls mix both (``overview.col.selected.mixed``).  The data
(the JSON) keeps the statuses (``retenu``, ``non retenu``) and the amounts: a contract.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...documents.stage import SHORTLIST
from ...i18n import words_of

Tr = Callable[..., str]


def call_stages(report: dict[str, Any]) -> dict[str, str | None]:
    """Each call's words by its key in the report (``calls[].grid``, the key a pair, an
    edition and the overview name it by): :data:`SHORTLIST` or ``None``."""
    return {c["grid"]: SHORTLIST if c.get("shortlist") else None
            for c in (report.get("calls") or {}).get("calls", [])}


class StageWords:
    """The words of each call of a comparison (:func:`call_stages`), for its templates."""

    def __init__(self, report: dict[str, Any], t: Tr) -> None:
        self.stages = call_stages(report)
        self.t = t

    def shortlist(self, call: str) -> bool:
        return self.stages.get(call) == SHORTLIST

    def said(self, call: str, key: str, /, **kw: Any) -> str:
        """``t(key, **kw)`` in the words of ``call``'s stage."""
        with words_of(self.stages.get(call)):
            return self.t(key, **kw)

    def within(self, call: str, say: Callable[[], str]) -> str:
        """``say()`` (a status word, an amount) in the words of ``call``'s stage."""
        with words_of(self.stages.get(call)):
            return say()

    def all_shortlist(self) -> bool:
        return bool(self.stages) and all(v == SHORTLIST for v in self.stages.values())

    def money(self) -> bool:
        """The overview has money columns: some compared call grants money."""
        return not self.all_shortlist()

    def selected_column(self) -> str:
        """The overview's header of the dossiers selected: each call's line is of one call,
        the header of all of them: a présélection's word when every call is one, the
        ordinary word when none is, both when they mix."""
        kinds = set(self.stages.values())
        if len(kinds) > 1:
            return self.t("overview.col.selected.mixed")
        with words_of(next(iter(kinds), None)):
            return self.t("overview.col.selected")

    def a_not_b(self, a: str, b: str) -> str:
        """« Retenus avec a, pas avec b » in the words of both calls."""
        sa, sb = self.shortlist(a), self.shortlist(b)
        if sa == sb:
            return self.said(a, "selection.a_not_b", a=a, b=b)
        key = "selection.a_not_b.shortlisted_a" if sa else "selection.a_not_b.selected_a"
        return self.t(key, a=a, b=b)

    def both(self, a: str, b: str) -> str:
        """« Retenus dans les deux », or each call's word when their stages differ."""
        sa, sb = self.shortlist(a), self.shortlist(b)
        if sa == sb:
            return self.said(a, "selection.both")
        return self.t("selection.both.mixed", shortlist=a if sa else b, selected=b if sa else a)
