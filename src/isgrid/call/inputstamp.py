"""The ratings and dossiers a séance's entries were recorded on, and the warning when they
have changed since (``inputs-changed``: review recours, finding 4).

A status a deliberation decided (a list adopted by a vote decides the dossiers without a
vote of their own: the reserve, those not retained) is worked out again from the files at
every command: a rating or a dossier's file edited after the vote moved a dossier from
« réserve » to « non classé », and every document written since (a letter, a fiche, the
minutes) told the applicant something else than the decision notified, while ``isgrid
call check`` said « ok ».  As the grid is stamped on each entry (:mod:`.gridstamp`), each
entry isgrid appends also records a fingerprint of the inputs the call was judged on:
``ratings_sha256`` (the files of ``ratings/`` and ``conflicts/``: who rated what, and
whose ratings count) and ``dossiers_sha256`` (the dossiers' files or table: their facts,
amounts, eligibility).  Each is the sha256 of the sorted lines ``<path> <sha256>`` of
those files, whose sha256 the loader has already taken of the very bytes it read
(:attr:`isgrid.call.model.Call.inputs`, the audit record's): nothing is read twice.

Every command that loads the call compares them with the entry they are read against:
the last vote in effect (the deliberation that decides), else the last entry in effect
(the séance's), and says which changed since (``inputs-changed``), naming that entry.
A purge since that entry rewrote the files (comments and names): nothing is compared.
Entries recorded before isgrid wrote the fingerprints have none and are not compared.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..errors import Location, Message

if TYPE_CHECKING:
    from ..errors import Collector
    from .journal import Entry

#: the kinds of entries taken on the inputs (a cancellation decides nothing)
JUDGED = ("consensus", "decision", "withdrawal")


def _group(path: str) -> str | None:
    """``"ratings"``, ``"dossiers"`` or None (call.yaml, the journal, a grid file: the grid
    has its own stamp, call.yaml holds the meeting block written after the séance)."""
    head = path.split("/", 1)[0]
    if head in ("ratings", "conflicts"):
        return "ratings"
    if head == "dossiers" or head.startswith("dossiers."):
        return "dossiers"
    return None


def inputs_stamp(inputs: Mapping[str, str]) -> tuple[str, str]:
    """``(ratings_sha256, dossiers_sha256)`` of a call's ``inputs`` (path -> sha256)."""
    lines: dict[str, list[str]] = {"ratings": [], "dossiers": []}
    for path, digest in inputs.items():
        group = _group(path)
        if group is not None:
            lines[group].append(f"{path} {digest}\n")
    return tuple(hashlib.sha256("".join(sorted(x)).encode("utf-8")).hexdigest()  # type: ignore[return-value]
                 for x in (lines["ratings"], lines["dossiers"]))


def reference_entry(entries: Sequence[Entry]) -> Entry | None:
    """The entry the inputs are read against: the last vote in effect that holds the
    fingerprints, else the last entry in effect that does; None after a purge since it."""
    stamped = [e for e in entries if e.kind in JUDGED and e.ratings_sha256 is not None]
    if not stamped:
        return None
    votes = [e for e in stamped if e.kind == "decision" and e.stage == "vote"]
    ref = (votes or stamped)[-1]
    if any(e.kind == "purge" and e.seq > ref.seq for e in entries):
        return None
    return ref


def check_inputs_unchanged(inputs: Mapping[str, str], entries: Sequence[Entry], file: str,
                           diags: Collector) -> None:
    """Warn ``inputs-changed`` when the ratings or the dossiers differ from those the
    reference entry (:func:`reference_entry` of ``entries``, the journal's entries in
    effect, its purges among them) was recorded on."""
    stamped = reference_entry(entries)
    if stamped is None:
        return
    ratings, dossiers = inputs_stamp(inputs)
    changed = (ratings != stamped.ratings_sha256,
               stamped.dossiers_sha256 is not None and dossiers != stamped.dossiers_sha256)
    if not any(changed):
        return
    what = (Message("the ratings and the dossiers") if all(changed) else
            Message("the ratings") if changed[0] else Message("the dossiers"))
    words = {"what": what, "seq": stamped.seq, "dossier": stamped.dossier}
    message = (Message("{what} changed since journal entry {seq} (the vote on {dossier}): "
                       "totals and statuses may differ from those the deliberation decided "
                       "and the minutes and letters show", **words)
               if stamped.kind == "decision" and stamped.stage == "vote" else
               Message("{what} changed since journal entry {seq} (the last one, on "
                       "{dossier}): totals and statuses may differ from those the séance "
                       "saw", **words))
    diags.add("inputs-changed", message, Location(file, line=stamped.seq), severity="warning",
              hint=Message(
                  "If an audit record was written when the minutes were signed, isgrid "
                  "record check CALL RECORD names the files and the dossiers that changed. "
                  "Put back the files as they were; if the change is meant, record what it "
                  "decides with a new decision and say why."))


__all__ = ["JUDGED", "check_inputs_unchanged", "inputs_stamp", "reference_entry"]
