"""Facts about the séance read from the typed result: how a freed place stands after an offer,
what settled a tie for a freed place, and a dossier tied at the funding line retained by its
own decision.

Functions over :class:`~isgrid.engine.result.Result`'s fields (``freed_places``,
``line_tie``, ``decisions``), worked out by the engine (:mod:`isgrid.engine.decide`): the
minutes (:mod:`isgrid.documents.places`), the letters (:mod:`isgrid.documents.letters`) and
what ``isgrid decide``/``withdraw`` say (:mod:`isgrid.cli.places`) read them here, each in
its own sentence; nothing here decides who takes a place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..vocabulary import Status
from .dossier import DossierResult
from .result import Result, Tie

#: how a freed place stands after an offer (:func:`offer_kind`)
TOGETHER, RESERVE, PROPOSED, TIED, NOBODY, NONE = (
    "together", "reserve", "proposed", "tied", "nobody", "none")


def offer_kind(offer: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    """How a freed place stood after one offer (``freed_places[].offers[]``), and who:
    ``("together", the tied at the line taken whole)`` (never the reserve), ``("reserve",
    (the replacement,))`` (proposed in it, on the reserve when the place was offered),
    ``("proposed", (the replacement,))`` (proposed in it, not from the reserve: tied at the
    line), ``("tied", the tied)`` (left to people), ``("nobody", ())`` (nobody was left to
    offer it to), ``("none", ())`` (none of those left fits the money)."""
    promoted: tuple[str, ...] = tuple(offer["promoted"])
    if len(promoted) > 1:
        return TOGETHER, promoted
    if promoted:
        return (RESERVE if promoted[0] in offer["reserve"] else PROPOSED), promoted
    if offer["tied"]:
        return TIED, tuple(offer["tied"])
    return (NOBODY if not offer["candidates"] else NONE), ()


def lifted(result: Result, dossier: str) -> str | None:
    """The maximum (its id) that kept ``dossier`` out of the jury's proposal, read from the
    walk (``constraints.choices``: ``max:<id>``), for a dossier proposed in a freed place
    though not on the reserve (:func:`offer_kind` ``proposed``): the place freed lifted
    that maximum (a withdrawal of a dossier of its kind), or the walk would have blocked it
    again (docs/decisions.md, « Places freed »).  None for any other dossier.  The offer's
    record (``freed_places[].offers[]``, made by :mod:`isgrid.engine.decide`) does not
    hold it: the walk's choice is the reason."""
    if result.constraints is None:
        return None
    # indexed once per result: asked for every freed place of a séance's documents
    return result.once("places.lifted", lambda: _blocked_by_max(result)).get(dossier)


def _blocked_by_max(result: Result) -> dict[str, str]:
    """The dossiers a maximum kept out of the walk, with that maximum's id (the first
    such choice of a dossier, as a scan in the walk's order finds it)."""
    assert result.constraints is not None
    out: dict[str, str] = {}
    for c in result.constraints.choices:
        if c.why.startswith("max:") and c.selected is False:
            out.setdefault(c.dossier, c.why[4:])
    return out


def place_kind(place: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    """How a freed place (``freed_places[]``, ``withdrawals[]``) stands now: its last
    offer's :func:`offer_kind` (the place's ``promoted``, ``replacement`` and ``tied`` are
    that offer's); ``("none", ())`` for a withdrawal that freed no place (no offer)."""
    offers: Sequence[Mapping[str, Any]] = place.get("offers") or ()
    return offer_kind(offers[-1]) if offers else (NONE, ())


def _entry(result: Result, seq: int) -> Mapping[str, Any] | None:
    return next((x for x in result.decisions if x["seq"] == seq), None)


def tie_settled_by(result: Result, d: DossierResult, tie: Tie) -> str:
    """What settled ``d``'s tie (``tie``: :meth:`Result.tie`, settled), as :attr:`Tie.by`
    says it: at the funding line, :attr:`Tie.by`; for a freed place (``freed_places[]``
    whose ``offers[].tied`` name ``d``), ``decision`` (a decision retaining one of the
    tied, ``settled``, or refusing one so that the place went to another, the next
    offer) or ``withdrawal`` (one of the tied withdrew and the place went to another).
    The place read: the one whose tie went to ``d``, else the last one settled."""
    if tie.line:
        return tie.by
    places = [x for x in result.freed_places
              if any(d.id in o["tied"] for o in x.get("offers") or ())]
    won = [x for x in places if (x["settled"] is not None and x["settled"]["dossier"] == d.id)
           or (x["settled"] is None and d.id in x["promoted"])]
    done = won or [x for x in places if x["settled"] is not None or x["promoted"]]
    if not done or done[-1]["settled"] is not None:
        return "decision"
    entry = _entry(result, done[-1]["offers"][-1]["seq"])  # the entry that offered it last
    return "withdrawal" if entry is not None and entry["kind"] == "withdrawal" else "decision"


def retained_apart(result: Result, d: DossierResult) -> Mapping[str, Any] | None:
    """The journal entry (``decisions[]``) of ``d``'s own decision that retained it while
    its tie at the funding line was open, when no more than that happened between the tied
    for it: the tie is still open for the others (:attr:`Tie.out` says ``d`` is out of
    it), or an entry on another dossier settled it later, the others still in the running
    taking a freed place (``line_tie.settled``, ``chosen`` but not ``taken``).  None
    otherwise: not tied at the line, not retained by its own decision, or in a place
    freed (``decision.replaces``)."""
    tie = result.line_tie
    if tie is None or d.id not in tie["tied"] or d.decision.replaces is not None:
        return None
    settled = tie["settled"]
    if settled is None:
        if d.status != Status.RETENU or d.decision.outcome != Status.RETENU \
                or d.decision.seq is None:
            return None
        return _entry(result, d.decision.seq)
    if d.id not in tie["chosen"] or d.id in tie["taken"] or settled["dossier"] == d.id:
        return None
    own = [x for x in result.decisions if x["dossier"] == d.id and x["kind"] == "decision"
           and x["seq"] < settled["seq"]]
    return own[-1] if own and own[-1]["outcome"] == Status.RETENU else None
