"""Assembling the context of each kind of document, and the applicants' letters.

``build_context`` is the one entry point: (call, result, kind, level, lang) to
a :class:`~isgrid.documents.models.Context`.  Which kinds exist at which level:

* committee: interne, communicable, public (public: laureates and amounts);
* fiches: interne, communicable (a fiche is never public);
* feedback: communicable only (a letter to an applicant never carries assessor
  names or individual values, and is never a public list).
"""

from __future__ import annotations

from typing import Any

from ..call.model import Call
from ..engine import Result
from ..errors import Diagnostic, Location, Message, Quote, UsageError
from ..i18n import translator
from ..jury.opinions import Opinions
from ..vocabulary import STATUS_ORDER
from . import models as m
from .agenda import line_value
from .context import Builder
from .context import uses_opinions as uses_opinions  # re-exported (the report command)
from .fiche_line import fiche_line
from .letterset import EMPTY_PARTS, LetterSet
from .pv_rules import beyond_top
from .text import status_word, status_words
from .typography import plural_form

LEVELS: dict[str, tuple[str, ...]] = {
    "committee": ("interne", "communicable", "public"),
    "fiches": ("interne", "communicable"),
    "feedback": ("communicable",),
}
DEFAULT_LEVEL = {"committee": "interne", "fiches": "interne", "feedback": "communicable"}


def check_level(kind: str, level: str, lang: str = "fr") -> None:
    """Raise UsageError when a kind of document does not exist at a level."""
    if level not in LEVELS[kind]:
        t = translator("report", lang)
        raise UsageError(t("cli.level", kind=kind, level=level, allowed=", ".join(LEVELS[kind])))


def _counted(b: Builder, s: str, n: int, decided: bool) -> str:
    """A status as the label of its count: « 2 non classés », « 2 proposés (retenus) »
    (it read « 2 non classé »); in English, as :meth:`Builder.status` says it.
    ``decided``: the ``n`` dossiers' status is a decision of the vote."""
    said = b.status(s, decided)
    if plural_form(n, b.lang) == "one":
        return said
    if said == b.t(f"proposed.{s}"):
        return b.t(f"proposed.{s}.other")
    return status_word(s, b.lang, plural=True) if s in status_words(b.lang) else said


def _summary(b: Builder) -> dict[str, int]:
    """Dossiers per status, in words: a status some of whose dossiers the vote decided and
    others not is counted twice, « retenu 1 · proposés (retenus) 2 » (it read « proposés
    (retenus) 3 » when one of the three was voted), by the engine's rule, per dossier
    (:meth:`Builder.decided_for`)."""
    out: dict[str, int] = {}
    for s in STATUS_ORDER:
        if s not in b.result.summary:
            continue
        total = b.result.summary[s]
        n = sum(b.decided_for(d) for d in b.result.dossiers if d.status == s)
        if b.status(s, True) == b.status(s, False):  # said alike, decided or not
            out[_counted(b, s, total, True)] = total
            continue
        for count, decided in ((n, True), (total - n, False)):
            if count:
                out[_counted(b, s, count, decided)] = count
    return out


def _with_places(b: Builder, budget: m.Budget | None) -> m.Budget | None:
    """Section 5 with who replaced whom, in the minutes' words (:func:`.places.place_texts`,
    the decisions catalog; ``meeting.vote`` the deliberation a vote without its own
    reference is)."""
    if budget is None or not (b.result.withdrawals or b.result.refusals):
        return budget
    from .places import place_texts

    meeting = b.call.config.meeting
    texts = place_texts(b.result, translator("decisions", b.lang),
                        meeting.vote if meeting is not None else None)
    return budget.model_copy(update={"places": texts})


def build_context(call: Call, result: Result, kind: m.Kind, level: m.Level,
                  lang: str = "fr", *, dossier: str | None = None,
                  agenda_size: int = 20, dossiers: list[str] | None = None,
                  envelope: dict[str, Any] | None = None,
                  opinions: Opinions | None = None) -> m.Context:
    """The context of one document.

    ``dossier`` selects the letter (kind feedback); ``dossiers`` restricts the
    fiches to some ids (default: all, in the result's order).  ``result`` is
    :func:`isgrid.engine.score`'s; the lists and money of the selection are its
    :attr:`~isgrid.engine.Result.current` one.  ``opinions``: the
    jurors' opinions (:func:`isgrid.jury.opinions.load_opinions`); None reads them from
    the call's folder when the document shows them (:func:`uses_opinions`).
    """
    check_level(kind, level, lang)
    if kind == "feedback":  # a letter: its own and the call's common part (.letterset)
        if dossier is None or dossier not in {d.id for d in result.dossiers}:
            # the reader's language, not the letter's: the caller's error, not a document
            raise UsageError(Message("unknown dossier {dossier}", dossier=Quote(dossier)), [Diagnostic(
                "unknown-dossier", Message("unknown dossier {dossier}", dossier=Quote(dossier)),
                Location(str(call.folder)), hint="Give the id of one of the call's dossiers.")])
        return LetterSet(call, result, level, lang).context(dossier)
    b = Builder(call, result, kind, level, lang, opinions)
    public = level == "public"
    lines = {d.id: b.line(d) for d in result.dossiers}
    now = result.current  # the proposal, or the decided selection once anything is decided
    laureates = [lines[i] for i in now.selected] if now is not None else [
        lines[d.id] for d in result.dossiers if d.selected is True]
    if public and result.voted:  # once voted, the public list is the vote's laureates only
        laureates = [x for x in laureates if b.decided_for(b.by_id[x.id])]
    jury, jury_count = b.jury()
    parts = dict(EMPTY_PARTS)
    if kind == "committee" and not public:
        from .seance import passed_over_words

        agenda, more = b.agenda(agenda_size)
        agenda = passed_over_words(b, agenda)  # « classé au-dessus d'un dossier repêché »
        agreement, note = b.agreement()
        parts.update(
            jury=jury, jury_count=jury_count, deports=b.deports(), eligibility=b.eligibility(),
            ranking=list(lines.values()),
            budget=_with_places(b, beyond_top(b, b.budget(lines))),
            envelope=m.Envelope.model_validate(envelope) if envelope else None,
            agenda=agenda,
            agenda_more=more, agenda_line=b.agenda_line() if agenda else None,
            agreement=agreement, agreement_note=note,
            summary=_summary(b),
            apart=b.apart(),
        )
        if b.interne:  # the zone grise and the flags' legend (isgrid.documents.seance)
            from .seance import flag_legend, grey_items

            parts.update(zone_grise=grey_items(b, call, result),
                         flag_legend=flag_legend(b, list(lines.values())))
    elif kind == "committee":
        sel = b.budget(lines)
        if sel is not None:
            sel = sel.model_copy(update={"reserve": [], "line": None})
        if now is not None and len(laureates) < len(now.selected):
            sel = None  # its money counts dossiers the vote has not decided (listed above)
        parts.update(budget=sel)
    else:  # fiches
        at, unit = fiche_line(b, line_value(b.grid, result))
        wanted = set(dossiers) if dossiers is not None else None
        parts.update(fiches=[b.fiche(d, at, unit) for d in result.dossiers
                             if wanted is None or d.id in wanted])
    return m.Context(meta=b.meta(), call=b.call_info(), grid=b.grid_info(),
                     laureates=laureates, **parts)
