"""A comparison's calls each said in the words of its own stage.

A call that is a présélection (:func:`isgrid.documents.stage.is_shortlist`, recorded as
``calls[].shortlist`` by :mod:`.build`) is written of in a présélection's words, as every
other document says it: its statuses « présélectionné », « non présélectionné », its
count of dossiers « présélectionnés », and no money (its budget and committed amount are
« - »; the columns are left out when no compared call grants any).  The words are the
catalogs' ``key@shortlist`` entries, said through :func:`isgrid.i18n.words_of`, as
:func:`isgrid.documents.stage.stage_words` does for one call; here each call's line,
column or sentence enters the words of its own call.

A call's selection is said as every document says a status
(:func:`isgrid.documents.text.status_said`): the jury's proposition until the vote decides
it, « Proposés (retenus) avec a, pas avec b », « proposés (retenus) » in the overview's
column, and « Retenus avec a » once the vote decided every status the jury proposed (the
overview's ``voted``; a decision of the committee, which makes the selection « décidée »,
is no vote).

A table or a sentence about two calls whose words differ (their stage, or one decided and
not the other) says each call's words for its part: the status columns of a pair, each in
its call's words; « Présélectionnés avec a, non retenus avec b », « Proposés (retenus) avec
a, retenus avec b »; the overview's column header, shared by every line, « retenus ou
présélectionnés » when the calls' words differ (``overview.col.mixed``).  The data (the
JSON) keeps the statuses (``retenu``, ``non retenu``) and the amounts: a contract.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...documents.stage import SHORTLIST
from ...documents.text import status_said
from ...i18n import words_of
from ...vocabulary import Status

Tr = Callable[..., str]


def call_stages(report: dict[str, Any]) -> dict[str, str | None]:
    """Each call's words by its key in the report (``calls[].grid``, the key a pair, an
    edition and the overview name it by): :data:`SHORTLIST` or ``None``."""
    return {c["grid"]: SHORTLIST if c.get("shortlist") else None
            for c in (report.get("calls") or {}).get("calls", [])}


class StageWords:
    """The words of each call of a comparison (:func:`call_stages`), for its templates."""

    def __init__(self, report: dict[str, Any], t: Tr, lang: str = "fr") -> None:
        self.stages = call_stages(report)
        self.t = t
        self.lang = lang
        calls = (report.get("calls") or {}).get("calls", [])
        #: each call's proposed statuses all decided by the vote (the overview's ``voted``)
        self.decided = {c["grid"]: bool((c.get("overview") or {}).get("voted"))
                        for c in calls}

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

    def dossiers(self, call: str, status: str) -> str:
        """Several dossiers of ``status`` in ``call``, in the words of its stage and of its
        selection, proposed or decided (:func:`status_said`): « proposés (retenus) »,
        « retenus », « présélectionnés », « non proposés »."""
        decided = self.decided.get(call, False)
        return self.within(call, lambda: status_said(status, self.lang, decided, plural=True))

    def column(self, status: str) -> str:
        """The overview's header of the dossiers of ``status`` (``retenu``, ``réserve``):
        each call's line is of one call, the header of all of them: the calls' words
        (:meth:`dossiers`) when they say it alike, « retenus ou proposés (retenus) » when
        they do not."""
        words = list(dict.fromkeys(self.dossiers(c, status) for c in self.stages))
        if not words:
            return status_said(status, self.lang, False, plural=True)
        said = words[0]
        for w in words[1:]:
            said = self.t("overview.col.mixed", a=said, b=w)
        return said

    def selected_column(self) -> str:
        return self.column(Status.RETENU)

    def reserve_column(self) -> str:
        return self.column(Status.RESERVE)

    def a_not_b(self, a: str, b: str) -> str:
        """« Retenus avec a, pas avec b » in the words of both calls (:meth:`dossiers`):
        « Proposés (retenus) avec a, pas avec b » until the vote; « Présélectionnés avec a,
        non retenus avec b » when their words differ."""
        wa, wb = self.dossiers(a, Status.RETENU), self.dossiers(b, Status.RETENU)
        if wa == wb:
            return self.t("selection.a_not_b", selected=_capital(wa), a=a, b=b)
        return self.t("selection.a_not_b.mixed", selected=_capital(wa), a=a, b=b,
                      not_selected=self.dossiers(b, Status.NON_RETENU))

    def both(self, a: str, b: str) -> str:
        """« Retenus dans les deux », or each call's words when they differ."""
        wa, wb = self.dossiers(a, Status.RETENU), self.dossiers(b, Status.RETENU)
        if wa == wb:
            return self.t("selection.both", selected=_capital(wa))
        return self.t("selection.both.mixed", selected_a=_capital(wa), a=a, selected_b=wb,
                      b=b)


def _capital(words: str) -> str:
    """``words`` opening a sentence: « Proposés (retenus) »."""
    return words[:1].upper() + words[1:]
