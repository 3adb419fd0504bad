"""The quorum in words: the meeting's, and each dossier deliberated below it.

The rule is :meth:`isgrid.call.meeting_models.Meeting.below_quorum` (the members present who vote,
less those out of the room for the dossier: its ``left_room`` entries and the members
recused from it, call.yaml's ``conflicts``); the minutes' « Composition et quorum » and
the séance view's dossier under discussion say it in the same words."""

from __future__ import annotations

from typing import Any

from ..call.deports import deport_pairs
from ..call.meeting import RatedOutOfRoom, rated_out_of_room
from ..call.meeting_models import Meeting, ShortQuorum
from ..call.model import Call
from ..errors import Diagnostic, Location, Message, Plural, Quote
from ..i18n import translator
from ..messages import did_you_mean, plural_form


def short_quorum(call: Call, meeting: Meeting | None = None) -> list[ShortQuorum]:
    """The dossiers of ``call`` deliberated below the quorum (none without one)."""
    meeting = meeting if meeting is not None else call.config.meeting
    if meeting is None:
        return []
    return meeting.below_quorum(deport_pairs(call.config.conflicts))


def short_text(short: ShortQuorum, lang: str) -> str:
    """« Quorum non atteint pour le dossier AL16-01 : 2 membres présents pendant sa
    délibération (hors de la salle : Marc Wendling). »"""
    t = translator("decisions", lang)
    return t(f"meeting.quorum.dossier.{plural_form(short.present, lang)}", id=short.dossier,
             present=short.present, out=", ".join(m.name for m in short.out))


def left_room_lines(call: Call, lang: str) -> list[tuple[str, str, str]]:
    """Each member who left the room for a dossier (call.yaml's ``meeting.left_room``):
    ``(member, dossier, words)``, the member by name (an assessor id the meeting's members
    name is given by its name), and « a quitté la salle pour le dossier AL16-03 », with
    « ; pas de déport : ses notes de ce dossier comptent » when their ratings of it count
    (:func:`isgrid.call.meeting.rated_out_of_room`).  The one text of the minutes'
    « Déclarations d'intérêts et déports » and the committee report's « Jury et déports »."""
    meeting = call.config.meeting
    if meeting is None:
        return []
    t = translator("decisions", lang)
    rated = {(x.dossier, who) for x in rated_out_of_room(call)
             for who in (x.member, x.assessor)}
    names = {m.assessor: m.name for m in meeting.members if m.assessor is not None}
    return [(names.get(x.member, x.member), x.dossier,
             t("left_room.rated" if (x.dossier, x.member) in rated else "left_room",
               dossier=x.dossier))
            for x in meeting.left_room]


def quorum_words(call: Call, meeting: Meeting, lang: str) -> dict[str, Any]:
    """The minutes' quorum: ``quorum``, ``quorum_reached``, ``n_present``, ``quorum_line``
    (the meeting's, in words; None without a quorum) and ``quorum_short`` (one sentence per
    dossier deliberated below it, :func:`short_text`)."""
    t = translator("decisions", lang)
    n = len(meeting.voting)
    line = None if meeting.quorum is None else t(
        "meeting.quorum", n=meeting.quorum, present=n,
        ok=t("meeting.quorum.yes" if meeting.quorum_reached else "meeting.quorum.no"))
    return {"quorum": meeting.quorum, "quorum_reached": meeting.quorum_reached,
            "n_present": n, "quorum_line": line,
            "quorum_short": [short_text(s, lang) for s in short_quorum(call, meeting)]}


def quorum_warnings(call: Call) -> list[Diagnostic]:
    """``isgrid call check``'s ``quorum-short`` warning, one per dossier deliberated below
    the quorum (:func:`short_quorum`), at call.yaml's ``meeting.quorum``; before them, a
    ``meeting-member-unknown`` warning for each ``left_room`` entry naming no member (a
    typo: counted out of the room for nobody, the quorum would read reached)."""
    meeting = call.config.meeting
    members = meeting.members if meeting is not None else []
    known = [*(m.name for m in members), *(m.assessor for m in members if m.assessor)]
    unknown = [Diagnostic("meeting-member-unknown", Message(
        "meeting.left_room names {member}, who is not among meeting.members: nobody is "
        "counted out of the room for {dossier}", member=Quote(x.member), dossier=Quote(x.dossier)),
        Location(str(call.folder / "call.yaml"), key_path="meeting.left_room"),
        severity="warning",
        hint=did_you_mean(x.member, known))
        for x in (meeting.unknown_left() if meeting is not None else [])]
    return unknown + renamed_members(call) + rated_warnings(call) + [
        Diagnostic("quorum-short", Plural(
        "dossier {dossier} was deliberated below the quorum of {quorum}: {n} member "
        "present (out of the room: {out})",
        "dossier {dossier} was deliberated below the quorum of {quorum}: {n} members "
        "present (out of the room: {out})", s.present, dossier=Quote(s.dossier),
        quorum=meeting.quorum if meeting is not None else 0,
        out=", ".join(m.name for m in s.out)),
        Location(str(call.folder / "call.yaml"), key_path="meeting.quorum"),
        severity="warning") for s in short_quorum(call)]


def renamed_members(call: Call) -> list[Diagnostic]:
    """``meeting-member-renamed``: a member tied to an assessor id whose name in
    ``assessors`` is another's.  A call copied from last year, the id j2 given to a new
    juror, the member line left as it was: the minutes named last year's juror present
    and this year's in the recusals (review year2, finding 8)."""
    meeting = call.config.meeting
    if meeting is None:
        return []
    out: list[Diagnostic] = []
    for i, m in enumerate(meeting.members):
        a = call.assessors.get(m.assessor) if m.assessor else None
        if a is None or not a.name or _same_name(a.name, m.name):
            continue
        out.append(Diagnostic("meeting-member-renamed", Message(
            "the member {member} is tied to {assessor}, whose name in assessors is {name}",
            member=Quote(m.name), assessor=m.assessor, name=Quote(a.name)),
            Location(str(call.folder / "call.yaml"), key_path=f"meeting.members.{i}"),
            severity="warning", hint=Message(
                "The minutes would name both: give the member the assessor's name, or the "
                "assessor id of the person who sits (a new juror gets a new id)."))
        )
    return out


def _same_name(a: str, b: str) -> bool:
    """Whether two names may be one person's: a word of three letters or more in common,
    case and accents aside (« Mme Schaeffer » is « Hélène Schaeffer »; « Marc Wendling »
    is not « Paul Meyer »)."""
    import re
    import unicodedata

    def words(x: str) -> set[str]:
        plain = "".join(c for c in unicodedata.normalize("NFKD", x)
                        if not unicodedata.combining(c)).casefold()
        return {w for w in re.split(r"[^\w]+", plain) if len(w) >= 3}

    return bool(words(a) & words(b))


def rated_warnings(call: Call) -> list[Diagnostic]:
    """``isgrid call check``'s ``left-room-rated`` warning: a member out of the room for a
    dossier (``meeting.left_room``), not recused from it, whose ratings of it count
    (:func:`isgrid.call.meeting.rated_out_of_room`), with the ``conflicts`` entry that
    would recuse them (review audit, finding 7: nothing said it)."""
    return [_rated_warning(call, x) for x in rated_out_of_room(call)]


def _rated_warning(call: Call, x: RatedOutOfRoom) -> Diagnostic:
    values = {"member": x.member, "dossier": x.dossier}
    message = (Plural("{member} left the room for {dossier}, where they declared an "
                      "interest, but their {n} rating of that dossier counts",
                      "{member} left the room for {dossier}, where they declared an "
                      "interest, but their {n} ratings of that dossier count",
                      x.ratings, **values) if x.interest is not None else
               Plural("{member} left the room for {dossier}, but their {n} rating of that "
                      "dossier counts",
                      "{member} left the room for {dossier}, but their {n} ratings of that "
                      "dossier count", x.ratings, **values))
    return Diagnostic("left-room-rated", message,
                      Location(str(call.folder / "call.yaml"), key_path="meeting.left_room"),
                      severity="warning",
                      hint=Message("If {member} is recused from {dossier}, add to call.yaml "
                                   "conflicts: [{{assessor: {assessor}, dossier: {dossier}}}] "
                                   "(their ratings are then kept and never count); if they "
                                   "only left the room, nothing to do.", member=x.member,
                                   dossier=x.dossier, assessor=x.assessor))
