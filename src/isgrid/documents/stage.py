"""A call's stage, and the words its documents say it in.

A call whose selection is a **présélection** (``selection.shortlist: true``, the first
stage of a call in two stages: the dossiers heard at an audition, no money granted) is
written of in words of its own in every document: the committee report, the minutes, the
fiches, the letters and their mail merge, the access document, the séance's pages.  The
statuses stay the result's (``retenu``, ``non retenu``: the contract, docs/result.md);
only the words printed change:

=====================================  =====================================
a call that funds                      a présélection
=====================================  =====================================
retenu / selected                      présélectionné / shortlisted
non retenu / not selected              non présélectionné / not shortlisted
ligne de financement / funding line    ligne de présélection / shortlist line
dernier dossier financé                dernier dossier présélectionné
Enveloppe, dossiers proposés …         Présélection et réserve
=====================================  =====================================

and no amount (requested, proposed or granted) is printed.  The words are the catalogs'
``key@shortlist`` entries (``locale/*.json``), said instead of ``key`` inside
:func:`stage_words` (:func:`isgrid.i18n.words_of`); :func:`is_shortlist` is the one rule
« is this a présélection » every document asks.  The functions that make a document enter
:func:`stage_words` (:func:`.output.render_report`, :class:`.output.Letters`,
:func:`.minutes.render_minutes`, :func:`.seance.render_seance`, ``isgrid watch``'s pages,
the access document's command), and so do the command line's tables and confirmations
(``isgrid score``'s and ``decisions``' tables, ``decide``, ``consensus set``, ``withdraw``,
``journal cancel``; ``journal show`` through :func:`folder_words`: its text only, the JSON
and CSV keep the statuses); a caller of :func:`.build.build_context` and
:func:`.output.render_context` of its own enters it around both to get the words (the
amounts are left out by the context itself: :attr:`.context.Builder.shortlist`).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

from ..call.model import Call
from ..errors import Diagnostic, Location, Message, UsageError
from ..i18n import SHORTLIST, words_of

__all__ = ["SHORTLIST", "folder_words", "is_shortlist", "refuse_money", "stage_words"]


def is_shortlist(call: Call) -> bool:
    """The call's selection is a présélection (``selection.shortlist``)."""
    return call.config.shortlist


def refuse_money(call: Call, headline: str, said: Message, hint: str) -> None:
    """Refuse (exit 2, nothing written) what grants money on a présélection, which grants
    none: ``decide --amount``, the CP annex of grants."""
    if is_shortlist(call):
        raise UsageError(headline, [Diagnostic("bad-option", said,
                                               Location(str(call.folder / "call.yaml")),
                                               hint=hint)])


def stage_words(call: Call) -> AbstractContextManager[None]:
    """The block in the words of ``call``'s stage: a présélection's, or the ordinary ones."""
    return words_of(SHORTLIST if is_shortlist(call) else None)


def folder_words(folder: Path | str) -> AbstractContextManager[None]:
    """:func:`stage_words` of the call in ``folder`` from its call.yaml alone, for a command
    that reads no more of it (``isgrid journal show``: the journal, whatever the rest of
    the call holds); the ordinary words when call.yaml is missing or cannot be read."""
    from ..call.config import read_config
    from ..errors import Collector, IsgridError

    try:
        _, config = read_config(Path(folder) / "call.yaml", Collector())
    except (IsgridError, OSError):
        return words_of(None)
    return words_of(SHORTLIST if config.shortlist else None)
