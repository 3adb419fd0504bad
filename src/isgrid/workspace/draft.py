"""One save of a juror's draft of one dossier, from a page that may be out of date.

A juror may have the same dossier open in two tabs or on two devices.  Each page sends
its whole form, so the page loaded first, saving later, would write its stale values
over what the other saved.  The rule (optimistic concurrency, written once here):

* every field of the form travels with its **base**: a digest of what the field held
  in the database when the page was loaded, or when the page last saved it
  (:func:`digest`; the page's hidden inputs ``b:<field>``);
* a field whose sent value is its base is untouched by the page: never written from it;
* a field the page changed is written when the database still holds its base (or
  already holds the very value sent);
* otherwise it was changed elsewhere since the page's base: a **conflict**, and nothing
  of that field is written; the other fields of the save are (:class:`Merge`);
* the page's new bases are the digests of the fields written (or found equal); the
  others keep their base, so a later save of the stale page still cannot overwrite them;
* a conflict is answered with the value stored now (:attr:`Merge.theirs`): the juror
  chooses.  « Garder ma version » sends the field again with the stored value's digest
  as its base (an explicit overwrite of what the juror saw, and of nothing newer);
  « Reprendre la valeur enregistrée » puts the stored value in the field (:func:`put`).

The fields are named as the form names them: ``v:<criterion>`` (the value),
``c:<criterion>`` (its comment), ``s:<criterion>`` (« à transmettre au porteur »,
``oui`` or empty), ``opinion``, ``amount``, ``shared`` (the overall comment).  A form
without any base (a script, a page older than the rule) is written whole, as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..io.text import without_controls
from .db import Opinion, Rating

#: The form's prefix of a field's base.
BASE = "b:"
#: The form's prefix of a conflicting field's stored value's base, which the page showed
#: (« Garder ma version » without JavaScript makes it the field's base).
THEIRS = "t:"
OPINION_FIELDS = ("opinion", "amount", "shared")


def line_ends(text: str) -> str:
    """``text`` with its line ends made ``\\n``: a browser sends a textarea's lines with
    ``\\r\\n``, which the ratings files would then mix with their own.  The one rule of
    the stored comments and of their bases (:func:`digest`)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def digest(text: str) -> str:
    """The base of a field holding ``text``: a short sha256 of it, line ends made
    ``\\n`` (:func:`line_ends`)."""
    text = line_ends(text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def criterion_fields(cid: str) -> tuple[str, str, str]:
    """The form's fields of one criterion: value, comment, shareable box."""
    return f"v:{cid}", f"c:{cid}", f"s:{cid}"


def stored_fields(s: Session, aid: str, did: str, criteria: Iterable[str]
                  ) -> tuple[dict[str, str], dict[str, Rating], Opinion | None]:
    """(the texts of every field as the database holds them, the rows they come from)."""
    rows = {r.criterion: r for r in s.scalars(
        select(Rating).where(Rating.juror_id == aid, Rating.dossier == did))}
    out: dict[str, str] = {}
    for cid in criteria:
        r = rows.get(cid)
        fv, fc, fs = criterion_fields(cid)
        out[fv], out[fc] = (r.value, r.comment) if r else ("", "")
        out[fs] = "oui" if r is not None and r.shareable else ""
    op = s.get(Opinion, (aid, did))
    out.update(zip(OPINION_FIELDS, (op.opinion, op.amount, op.comment) if op else
                   ("", "", ""), strict=True))
    return out, rows, op


@dataclass
class Entry:
    """What a juror typed for one dossier (texts as typed; checked by :meth:`Workspace.save`)."""

    values: dict[str, str] = field(default_factory=dict)  # criterion -> value text
    comments: dict[str, str] = field(default_factory=dict)  # criterion -> comment
    #: criteria whose comment the juror lets the applicant's letter quote (ticked box)
    shared: set[str] = field(default_factory=set)
    opinion: str = ""
    amount: str = ""
    comment: str = ""  # the overall comment (opinions/<juror>.csv: internal to the jury)
    #: field -> what it held when the page was loaded or last saved (:mod:`.draft`);
    #: None: a form without bases, written whole
    base: dict[str, str] | None = None


#: Largest request: a sheet's comments travel in one form.
MAX_REQUEST = 8 * 1024 * 1024
#: The longest comment a dossier's form lets a juror type (its textareas' ``maxlength``, said
#: in their labels; a longer one sent anyway is refused, said at its field, what was typed
#: shown back), fewer on a form with so many comments that they could not all travel.
MAX_COMMENT = 100_000


def comment_limit(fields: int) -> int:
    """The longest comment (in characters, as ``maxlength`` counts them) of a form with
    ``fields`` comments, so that the form, every comment full, is never refused as too
    large (:data:`MAX_REQUEST`): a character may take 9 bytes as a form sends it (« ’ » is
    3 bytes of UTF-8, each written %E2 in the form), 64 KiB for the rest of it."""
    room = (MAX_REQUEST - 64 * 1024) // (9 * max(fields, 1))
    return min(MAX_COMMENT, room // 100 * 100)


@dataclass(frozen=True)
class Problem:
    """A field typed wrong: the workspace text ``key`` (:mod:`.texts`, ``problem.*``),
    with what was typed and what may be typed instead (``choices``: a scale's values as
    the ratings file writes them), said in the page's language by the page."""

    key: str
    typed: str = ""
    choices: tuple[str, ...] = ()


@dataclass
class Saved:
    """What :meth:`Workspace.save` did: problems (nothing saved), or the fields changed
    elsewhere and not saved, and the page's new bases (:mod:`.draft`)."""

    problems: dict[str, Problem] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    bases: dict[str, str] = field(default_factory=dict)
    #: each conflict's (value stored now, value the page sent), as stored
    theirs: dict[str, tuple[str, str]] = field(default_factory=dict)


def sent_fields(entry: Entry, criteria: Iterable[str], values: Mapping[str, str],
                opinion: str, amount: str) -> dict[str, str]:
    """The texts of every field a page sent, as they would be stored: ``values`` the
    criteria's values checked and normalised, ``opinion`` and ``amount`` likewise."""
    sent: dict[str, str] = {}
    for cid in criteria:
        fv, fc, fs = criterion_fields(cid)
        # a NUL or a pasted vertical tab: never into the ratings file (io.text)
        sent[fv] = values.get(cid, "")
        sent[fc] = line_ends(without_controls(entry.comments.get(cid, ""))).strip()
        sent[fs] = "oui" if cid in entry.shared else ""
    sent.update(opinion=opinion, amount=amount,
                shared=line_ends(without_controls(entry.comment)).strip())
    return sent


def bases_of(fields: Mapping[str, str]) -> dict[str, str]:
    """The bases of a page showing ``fields``: field -> :func:`digest`."""
    return {f: digest(text) for f, text in fields.items()}


@dataclass
class Merge:
    """What one save does to the stored fields."""

    fields: dict[str, str]  # the fields as they will be stored
    bases: dict[str, str] = field(default_factory=dict)  # the page's new bases
    conflicts: list[str] = field(default_factory=list)  # changed here and elsewhere
    #: each conflict's (value stored now, value sent)
    theirs: dict[str, tuple[str, str]] = field(default_factory=dict)


def merge(stored: Mapping[str, str], sent: Mapping[str, str],
          base: Mapping[str, str] | None) -> Merge:
    """Apply the fields ``sent`` by a page over those ``stored``, by the rule above."""
    out = Merge(dict(stored))
    for f, text in sent.items():
        now = stored.get(f, "")
        if base is None:  # a form without bases: written whole
            out.fields[f] = text
            out.bases[f] = digest(text)
            continue
        b = base.get(f)
        mine = digest(text)
        if b is None or mine == b:
            continue  # the page did not change it (or does not say what it started from)
        if digest(now) in (b, mine):
            out.fields[f] = text
            out.bases[f] = mine
        else:
            out.conflicts.append(f)
            out.theirs[f] = (now, text)
    return out


def put(entry: Entry, f: str, text: str) -> None:
    """Put ``text`` in the field ``f`` of ``entry`` (« Reprendre la valeur enregistrée »)."""
    kind, _, cid = f.partition(":")
    if f in OPINION_FIELDS:
        setattr(entry, {"shared": "comment"}.get(f, f), text)
    elif kind == "v":
        entry.values[cid] = text
    elif kind == "c":
        entry.comments[cid] = text
    elif kind == "s":
        (entry.shared.add if text == "oui" else entry.shared.discard)(cid)


def write(s: Session, aid: str, did: str, criteria: Iterable[str], merged: Mapping[str, str],
          rows: Mapping[str, Rating], op: Opinion | None, now: float
          ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Write the merged fields; (before, after) of what changed, for the audit log: the
    ``[value, comment, shareable]`` of each criterion changed, ``_opinion`` likewise."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for cid in criteria:
        fv, fc, fs = criterion_fields(cid)
        value, comment, shared = merged[fv], merged[fc], merged[fs] == "oui"
        prev = rows.get(cid)
        if prev is not None and (prev.value, prev.comment, prev.shareable) == (
                value, comment, shared):
            continue
        if prev is None and not value and not comment:
            continue  # a box ticked over nothing: nothing to keep yet
        before[cid] = [prev.value, prev.comment, prev.shareable] if prev else None
        after[cid] = [value, comment, shared]
        if prev is None:
            s.add(Rating(juror_id=aid, dossier=did, criterion=cid, value=value,
                         comment=comment, shareable=shared, updated_at=now))
        else:
            prev.value, prev.comment, prev.shareable = value, comment, shared
            prev.updated_at = now
    new_op = tuple(merged[f] for f in OPINION_FIELDS)
    old_op = (op.opinion, op.amount, op.comment) if op else ("", "", "")
    if new_op != old_op:
        before["_opinion"], after["_opinion"] = list(old_op), list(new_op)
        if op is None:
            s.add(Opinion(juror_id=aid, dossier=did, opinion=new_op[0], amount=new_op[1],
                          comment=new_op[2], updated_at=now))
        else:
            op.opinion, op.amount, op.comment = new_op
            op.updated_at = now
    return before, after
