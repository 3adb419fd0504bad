"""The table of ``isgrid decisions``: computed and decided outcomes side by side, then the
places freed, in the minutes' words (:mod:`.places`, the one narrative of a freed place)."""

from __future__ import annotations

from collections.abc import Mapping

from ..call.meeting import Vote
from ..engine import Result
from ..i18n import translator
from .places import place_text
from .text import (
    computed_word,
    flag_words,
    fmt_money,
    ranks_by_ranking_total,
    shown_flags,
    status_word,
)


def decisions_table(result: Result, lang: str = "fr",
                    facts: Mapping[str, str] | None = None, vote: Vote | None = None,
                    shortlist: bool = False) -> str:
    """The table of ``isgrid decisions``: each dossier's computed and decided outcomes side
    by side, its status, the amount a decision holds (:attr:`DossierResult.amount_decided`)
    and what it is (« attribué » once a vote granted it, « proposé » by the jury before:
    :attr:`DossierResult.granted_by_vote`)
    and its flags, in the words of :func:`.score_outputs.score_table` (statuses, « 14 000 € »,
    « désaccord ALS-5 », a fact by its label), then the replacements proposed in the
    places that withdrawals and refusals freed, told as the minutes tell them
    (:func:`isgrid.documents.places.place_text`: offer after offer, then « …, puis retenu
    par le vote (délibération …) »; ``vote``: the call's ``meeting.vote``, whose
    deliberation a vote recorded without its own reference is).  ``shortlist``: a
    présélection's table (:func:`.stage.is_shortlist`), as :func:`.score_outputs.score_table`
    makes it: no amount nor what it is (a présélection grants no money; an amount recorded
    before ``shortlist: true`` is not printed either, as in its documents)."""
    said = translator("report", lang)  # French texts with French typography (i18n.catalog)
    fr = lang == "fr"

    def word(outcome: str | None) -> str:
        return "-" if outcome is None else status_word(outcome, lang)

    head = (("rang", "dossier", "calculé", "décidé", "statut", "montant", "nature",
             "signalements") if fr else
            ("rank", "dossier", "computed", "decided", "status", "amount", "nature", "flags"))
    kinds = {True: said("decisions.granted"), False: said("decisions.proposed")}
    words: dict[str, str] = {}  # each distinct flag in words once
    ranking = ranks_by_ranking_total(result)
    proposed = False  # an amount the jury proposes and no vote granted yet
    cells = [head]
    for d in result.dossiers:
        dec = d.decision
        flags = ", ".join(dict.fromkeys(  # two flags in the same words (two stages): once
            words.get(f) or words.setdefault(f, flag_words(f, lang, facts, ranking=ranking))
            for f in shown_flags(result, d)))
        granted = d.amount_decided  # the amount a decision holds, granted or proposed
        kind = "" if granted is None else kinds[d.granted_by_vote]
        proposed = proposed or (granted is not None and not d.granted_by_vote)
        cells.append((str(d.rank) if d.rank is not None else "-", d.id, computed_word(d, lang),
                      word(dec.outcome), word(d.status), fmt_money(granted, lang), kind,
                      flags))
    # each column as wide as its widest cell and two spaces apart: « not selected » filled
    # its 12 characters and the next column followed one space after (« not selected not
    # selected » read as one cell); a dossier id longer than 10 ran into the next column
    width = [max(len(row[i]) for row in cells) for i in range(7)]
    def line(r: tuple[str, ...]) -> str:
        money = [] if shortlist else [f"{r[5]:>{max(width[5], 10)}}", f"{r[6]:<{width[6]}}"]
        return "  ".join([f"{r[0]:>{max(width[0], 4)}}",
                          *(f"{r[i]:<{width[i]}}" for i in (1, 2, 3, 4)), *money, r[7]]).rstrip()

    rows = [line(r) for r in cells]
    if proposed and not shortlist:
        rows.append(said("decisions.proposed.note"))
    t = translator("decisions", lang)  # the minutes' words for a freed place
    rows += [place_text(w, result, t, vote, withdrawal=w["kind"] == "withdrawal")
             for w in result.freed_places]  # a withdrawal's, or a refusal's
    return "\n".join(rows) + "\n"
