"""A freed place in words: what the minutes' « Retraits » and « Places libérées » say.

A place freed by a withdrawal or a refusal (the result's ``withdrawals`` and
``refusals``, :attr:`isgrid.engine.result.Result.freed_places`) is told as the engine
recorded it, offer after offer (``offers``: the first when it was freed, then each time a
dossier tied for it was refused or withdrew and it was offered again), then the decision
that settled a tie for it (``settled``), or the decision that retained the dossier
proposed in it (« …, puis retenu par le vote (délibération …) »): « D2 n'est pas retenu
par le vote ; D3 et D4, ex æquo, pouvaient prendre sa place ; D4 n'est pas retenu par le
vote (délibération CP-2026-06-02 du 2 juin 2026) : D3 est proposé à sa place. »  « (liste
de réserve) » only for a dossier that was on it (``offers[].reserve``: not one tied at the
line), « D04, écarté par la contrainte scop, qui ne le bloque plus, est proposé à sa place »
for a dossier a maximum had kept off it (the walk's reason: :func:`isgrid.engine.places.lifted`);
« il ne reste aucun dossier sur la liste de réserve » when nobody was left to offer
it to (``offers[].candidates``).  The tie at the funding line taken whole in a place (they
all fit the money left: docs/decisions.md, « Places freed ») is named whole: « D3 et D4, ex
æquo à la ligne de financement, sont proposés ensemble à sa place ».  Nothing here decides
who takes a place: the engine did.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..call.meeting import Vote
from ..engine import Result
from ..engine.places import NOBODY, PROPOSED, RESERVE, TIED, TOGETHER, lifted, offer_kind
from ..i18n import Translator, join_names
from .deliberation import Deliberation, of_vote, zone_of
from .text import stage_word
from .typography import date_words


def cited_text(cited: Deliberation, key: str, t: Translator, lang: str) -> str:
    """A deliberation after a vote: « (délibération CP-2016-06-02 du 2 juin 2016) »."""
    if not cited.reference:
        return ""
    return (t(key, reference=cited.reference, date=date_words(cited.date, lang))
            if cited.date else t(f"{key}.nodate", reference=cited.reference))


def _entry(result: Result, seq: int, t: Translator, vote: Vote | None) -> str:
    """The journal entry ``seq`` that offered a place again or settled its tie, in words:
    « D4 n'est pas retenu par le vote (délibération CP-2026-06-02 du 2 juin 2026) »,
    « D4 s'est retiré », « D3 est retenu par le jury »."""
    x = next(x for x in result.decisions if x["seq"] == seq)
    if x["kind"] == "withdrawal":
        return t("place.withdrawn", dossier=x["dossier"])
    key = "place.retained" if x["outcome"] == "retenu" else f"refusal.{x['outcome']}"
    return retained_text(x, key, t, vote, zone_of(result), dossier=x["dossier"],
                         refused=x["dossier"])


def promotions(result: Result
               ) -> dict[str, tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """For each dossier proposed in a freed place: that place (the latest, as
    ``decision.replaces``) and the offer that proposed it (``freed_places[].offers[]``); a
    dossier proposed in none is not in it (a tie it was chosen in is the tie's:
    :meth:`isgrid.engine.result.Result.tie`).  Every dossier's in one pass: the letters
    read it once, not once per letter."""
    out: dict[str, tuple[Mapping[str, Any], Mapping[str, Any]]] = {}
    for place in reversed(result.freed_places):
        if place.get("settled") is not None:
            continue
        offers = place.get("offers") or ()
        for dossier in place["promoted"]:
            if dossier in out:
                continue
            offer = next((o for o in reversed(offers) if dossier in o["promoted"]), None)
            if offer is not None:  # else an earlier place it was proposed in, if any
                out[dossier] = (place, offer)
    return out


def retained_after(result: Result, dossier: str, seq: int,
                   entries: Mapping[int, Mapping[str, Any]] | None = None
                   ) -> Mapping[str, Any] | None:
    """The journal entry that retained ``dossier`` after entry ``seq`` (the one that
    proposed it in a freed place), when its decision in force is that one: what the
    proposal became (« …, puis retenu par le vote »).  ``entries``: the result's
    ``decisions`` by ``seq``, when the caller made that index (the letters: once)."""
    decision = result.dossier(dossier).decision
    if decision.outcome != "retenu" or decision.seq is None or decision.seq <= seq:
        return None
    if entries is not None:
        return entries.get(decision.seq)
    return next((x for x in result.decisions if x["seq"] == decision.seq), None)


def retained_text(entry: Mapping[str, Any], key: str, t: Translator, vote: Vote | None,
                  zone: str | None, **kw: str) -> str:
    """``key`` (``by``: who retained, with its article) and the deliberation it cites:
    « …, puis retenu par le vote (délibération CP-2026-06-12 du 12 juin 2026) », dated on
    the calendar of ``zone`` (the call's time zone: :func:`.deliberation.of_vote`)."""
    text = t(key, by=stage_word(entry["stage"], t.lang, article=True), **kw)
    if entry["stage"] == "vote":
        text += cited_text(of_vote(entry["reference"], entry["at"], vote, zone),
                           "pv.deliberation.ref", t, t.lang)
    return text


def _offer(offer: Mapping[str, Any], now: bool, withdrawal: bool, t: Translator,
           result: Result) -> str:
    """One offer of a place: who was proposed in it, or tied for it (``now``: still open),
    or that nobody fitted or was left (how it stood: the engine's one reading,
    :func:`isgrid.engine.places.offer_kind`, that ``decide``/``withdraw`` read too); a
    dossier proposed though not on the reserve because a maximum had kept it off, with
    that maximum (:func:`isgrid.engine.places.lifted`)."""
    kind, names = offer_kind(offer)
    if kind == TOGETHER:  # the tie at the line taken whole: never the reserve
        return t("place.proposed.together", promoted=join_names(names, t.lang))
    if kind == PROPOSED and (constraint := lifted(result, names[0])) is not None:
        return t("place.proposed.lifted", replacement=names[0], constraint=constraint)
    if kind in (RESERVE, PROPOSED):
        return t("place.proposed.reserve" if kind == RESERVE else "place.proposed",
                 replacement=names[0])
    if kind == TIED:
        key = "place.withdrawal.tied" if withdrawal else "place.tied"
        return t(f"{key}.{'open' if now else 'was'}", tied=join_names(names, t.lang))
    return t("place.nobody" if kind == NOBODY else "place.none")


def place_text(place: Mapping[str, Any], result: Result, t: Translator,
               vote: Vote | None, *, withdrawal: bool) -> str:
    """A place freed, in words (the module's docstring; ``t``: the decisions catalog;
    ``vote``: ``meeting.vote``, whose deliberation a vote without its own reference is).
    ``withdrawal``: a withdrawal's (« D2 s'est retiré »), else a refusal's (« D2 n'est pas
    retenu par le vote »; never « retiré »: the applicant did not withdraw)."""
    if withdrawal:
        head = t("place.withdrawn", dossier=place["dossier"])
        if place["freed"] is None:
            return _unselected(place, result, t)
    else:
        head = t(f"refusal.{place['outcome']}", refused=place["dossier"],
                 by=stage_word(place["stage"], t.lang, article=True))
    offers = place.get("offers") or ()
    settled = place.get("settled")
    text = head
    for i, offer in enumerate(offers):
        said = _offer(offer, i == len(offers) - 1 and settled is None, withdrawal, t, result)
        if i:
            said = t("place.again", entry=_entry(result, offer["seq"], t, vote), offer=said)
        text = t("place.next", head=text, next=said)
    if settled is not None:
        text = t("place.next", head=text, next=t(
            "place.settled", entry=_entry(result, settled["seq"], t, vote)))
    elif len(place["promoted"]) == 1 and offers:
        # the proposal decided since: « …, puis retenu par le vote (délibération …) »
        then = retained_after(result, place["replacement"], offers[-1]["seq"])
        if then is not None:
            text = retained_text(then, "place.then", t, vote, zone_of(result), head=text)
    return text + "."


def place_texts(result: Result, t: Translator, vote: Vote | None) -> list[str]:
    """Each withdrawal, then each place a decision freed, in words (:func:`place_text`):
    what the minutes' « Retraits » and « Places libérées » say, and the committee report's
    section 5 (review s18 F10: it never said who replaced whom)."""
    return ([place_text(w, result, t, vote, withdrawal=True) for w in result.withdrawals]
            + [place_text(x, result, t, vote, withdrawal=False) for x in result.refusals])


def _unselected(place: Mapping[str, Any], result: Result, t: Translator) -> str:
    """A withdrawal of a dossier that held no place: « D4 s'est retiré (il n'était pas
    retenu). », and when it was tied at the funding line and its withdrawal settled that
    tie, who of the others it put in a place (``line_tie.taken``): « … ; D3, ex æquo à la
    ligne de financement, est donc proposé. »"""
    tie = result.line_tie
    taken = (tie["taken"] if tie is not None and tie["settled"] is not None
             and tie["settled"]["seq"] == place["seq"] else ())
    if not taken:
        return t("replacement.unselected", withdrawn=place["dossier"])
    return t(f"replacement.unselected.taken.{'one' if len(taken) == 1 else 'many'}",
             withdrawn=place["dossier"], taken=join_names(taken, t.lang))
