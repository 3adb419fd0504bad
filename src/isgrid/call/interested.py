"""Who a journal entry's ``by`` names, and whether that person was out of the dossier's
deliberation: the ``by-interested`` warning (review recours, finding 1).

A consensus value or a decision recorded ``--by`` a member who declared an interest in
the dossier (``meeting.interests``), left the room for it (``meeting.left_room``) or is
recused from it (``conflicts``) reads, in the journal and the minutes, as that member's
taking part in the deliberation they stayed out of: the textbook impartiality argument
before a tribunal.  It is not refused (a chair may record what the committee decided
without her, as a secretary would): ``isgrid consensus set`` and ``decide`` say it before
they record, ``isgrid call check`` says it of the entries in effect, and the docs say what
to do: record it ``--by`` the member who chaired that deliberation.

``by`` names a person as the purge finds one (:mod:`isgrid.call.purge_names`): a member's
name as call.yaml writes it, with or without a civility or the closing parenthesis, the
civility and surname alone (« Mme Schaeffer » is « Hélène Schaeffer ») when no other
person has that surname, an assessor's id or name, a member's role (« présidente »), and
the chair's office (« Présidente », « Présidence de séance », « the chair »: the member
``meeting.chair`` names, or whose role is the chair's).  Case and accents aside.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import Diagnostic, Location, Message, Quote
from .deports import deport_pairs

if TYPE_CHECKING:
    from .journal import Entry
    from .model import Call

#: the acts a ``by`` answers for: what the séance decided (a withdrawal is the applicant's)
RECORDED = ("consensus", "decision")
#: the civilities a name may be written with (those of :mod:`isgrid.call.purge_names`)
_CIVILITY = re.compile(r"^(?:m|mme|mlle|madame|monsieur|mademoiselle|mr|mrs|ms)\.?\s+")
#: the chair's office, as a ``by`` writes it (normalised: no accent, lower case)
CHAIR_WORDS = frozenset({
    "president", "presidente", "presidence", "le president", "la presidente",
    "la presidence", "president de seance", "presidente de seance", "presidence de seance",
    "president du jury", "presidente du jury", "presidence du jury",
    "chair", "the chair", "chairman", "chairwoman", "chairperson", "meeting chair",
    "the meeting's chair", "chair of the meeting"})


def _plain(text: str) -> str:
    """``text`` without accents, case, closing parenthesis nor extra spaces."""
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold()
    return " ".join(text.replace("\u2019", "'").split())


def _bare(text: str) -> str:
    """:func:`_plain` without a civility: « mme schaeffer » -> « schaeffer »."""
    return _CIVILITY.sub("", _plain(text))


def _surname(name: str) -> str:
    """The words after the first name: « schaeffer » of « Hélène Schaeffer »."""
    words = _bare(name).split()
    return " ".join(words[1:]) if len(words) > 1 else ""


@dataclass
class _Person:
    name: str
    assessor: str | None = None
    forms: set[str] = field(default_factory=set)  # plain forms a ``by`` may write
    chair: bool = False


def _people(call: Call) -> list[_Person]:
    """The meeting's members and the call's assessors, each with the forms that name them."""
    meeting = call.config.meeting
    people: list[_Person] = []
    by_assessor: dict[str, _Person] = {}
    for m in meeting.members if meeting is not None else []:
        p = _Person(m.name, m.assessor, {_bare(m.name)})
        if m.role:
            p.forms.add(_bare(m.role))
            p.chair = _bare(m.role) in CHAIR_WORDS
        if m.assessor is not None:
            by_assessor.setdefault(m.assessor, p)
        people.append(p)
    for aid, a in call.assessors.items():
        p = by_assessor.get(aid) or _Person(a.name or aid, aid)
        if aid not in by_assessor:
            people.append(p)
        p.forms.add(_plain(aid))
        if a.name:
            p.forms.add(_bare(a.name))
    surnames: dict[str, list[_Person]] = {}
    for p in people:
        for form in list(p.forms):
            if (s := _surname(form)) and len(s) >= 3:
                surnames.setdefault(s, []).append(p)
    for s, owners in surnames.items():  # « Mme Schaeffer »: one person's surname only
        if len({id(p) for p in owners}) == 1:
            owners[0].forms.add(s)
    chair = meeting.chair if meeting is not None else None
    if chair:  # meeting.chair is a member written another way, or no member at all
        named = [p for p in people if _bare(chair) in p.forms]
        for p in named[:1] if len(named) == 1 else []:
            p.chair = True
    return [p for p in people if p.forms]


def named_by(call: Call, by: str) -> list[_Person]:
    """The persons ``by`` names (none: a body, « Jury », « Commission permanente »)."""
    said = _bare(by)
    if not said:
        return []
    people = _people(call)
    if said in CHAIR_WORDS:
        chairs = [p for p in people if p.chair]
        if chairs:
            return chairs[:1]
    return [p for p in people if said in p.forms]


@dataclass(frozen=True)
class Interested:
    """``by`` (as the entry writes it) is ``member``, who stayed out of ``dossier``'s
    deliberation: ``recused`` (``conflicts``), ``interest`` (declared one), ``left``
    (``meeting.left_room``)."""

    by: str
    member: str
    dossier: str
    recused: bool
    interest: bool
    left: bool

    def tie(self) -> Message:
        """What the member did about the dossier, in a sentence after « who »."""
        if self.recused:
            return Message("is recused from {dossier} (conflicts)", dossier=self.dossier)
        if self.interest and self.left:
            return Message("declared an interest in {dossier} and left the room for it",
                           dossier=self.dossier)
        if self.interest:
            return Message("declared an interest in {dossier}", dossier=self.dossier)
        return Message("left the room for {dossier}", dossier=self.dossier)


def interested(call: Call, dossier: str, by: str) -> Interested | None:
    """Whether ``by`` names a person who stayed out of ``dossier``'s deliberation."""
    meeting = call.config.meeting
    recused = deport_pairs(call.config.conflicts)
    for p in named_by(call, by):
        r = p.assessor is not None and (p.assessor, dossier) in recused
        i = meeting is not None and any(x.dossier == dossier and _bare(x.member) in p.forms
                                        for x in meeting.interests)
        left = meeting is not None and any(x.dossier == dossier and _bare(x.member) in p.forms
                                           for x in meeting.left_room)
        if r or i or left:
            return Interested(by, p.name, dossier, r, i, left)
    return None


def _act(kind: str) -> Message:
    return Message("consensus value") if kind == "consensus" else Message("decision")


def by_interested_warning(call: Call, dossier: str, by: str, kind: str,
                          by_option: str = "--by") -> list[Diagnostic]:
    """The ``by-interested`` warning before an entry of ``kind`` on ``dossier`` is recorded
    ``by`` someone who stayed out of its deliberation (``by_option``: how the message names
    the option, ``--by`` or ``by``)."""
    x = interested(call, dossier, by)
    if x is None:
        return []
    return [Diagnostic("by-interested", Message(
        "{by_option} {by} is {member}, who {tie}: recorded in their name, this {act} reads "
        "as their taking part in the deliberation on {dossier}", by_option=by_option,
        by=Quote(by), member=x.member, tie=x.tie(), act=_act(kind), dossier=dossier),
        Location(), severity="warning", hint=_hint(x, by_option))]


def _hint(x: Interested, by_option: str = "--by") -> Message:
    return Message("Recorded all the same. Give {by_option} the member who chaired the "
                   "deliberation on {dossier} while {member} was out (cancel the entry with "
                   "isgrid journal cancel, then record it again); if {member} only wrote "
                   "down what the committee decided without them, say so in --reason.",
                   by_option=by_option, dossier=x.dossier, member=x.member)


def interested_warnings(call: Call, entries: Sequence[Entry], file: str) -> list[Diagnostic]:
    """``isgrid call check``'s ``by-interested`` warnings: each consensus or decision in
    effect whose ``by`` stayed out of its dossier's deliberation, at its journal line."""
    out: list[Diagnostic] = []
    for e in entries:
        if e.kind not in RECORDED or not e.by or e.dossier is None:
            continue
        x = interested(call, e.dossier, e.by)
        if x is None:
            continue
        out.append(Diagnostic("by-interested", Message(
            "journal entry {seq}: the {act} on {dossier} is recorded by {by}, that is "
            "{member}, who {tie}", seq=e.seq, act=_act(e.kind), dossier=e.dossier,
            by=Quote(e.by), member=x.member, tie=x.tie()),
            Location(file, line=e.seq), severity="warning", hint=_hint(x)))
    return out


__all__ = ["CHAIR_WORDS", "Interested", "by_interested_warning", "interested",
           "interested_warnings", "named_by"]
