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
whose ratings count), the sha256 of the sorted lines ``<path> <sha256>`` of those files,
whose sha256 the loader has already taken of the very bytes it read
(:attr:`isgrid.call.model.Call.inputs`, the audit record's): nothing is read twice; and
``dossiers_sha256``, the sha256 of the dossiers' facts as read (:func:`judged_facts`),
*without* the facts only documents read (the holder's name, SIRET, RNA, convention date,
the published object, the contact data), unless a rule of the grid or the call reads one
of them: the guide has the secretariat add the holder and the SIRET after the vote, for the
annex and the open data, which changes no total and no status (a fingerprint of the files
said « totals and statuses may differ » at every command after it).

Every command that loads the call compares them with the entry they are read against:
the last vote in effect (the deliberation that decides), else the last entry in effect
(the séance's), and says which changed since (``inputs-changed``), naming that entry.
A purge since that entry rewrote the files (comments and names): nothing is compared.
Entries recorded before isgrid wrote the fingerprints have none and are not compared.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from ..errors import Location, Message
from ..messages import FileChanges, Plural

if TYPE_CHECKING:
    from ..errors import Collector
    from ..grid.load import LoadedGrid
    from .journal import Entry
    from .model import Call, CallConfig, Dossier

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


def _strings(value: Any) -> Iterator[str]:
    """Every string in a dumped model (keys and values)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def documents_only(config: CallConfig, grid: LoadedGrid) -> frozenset[str]:
    """The facts only documents read: the annex's and the open data's (``meeting.
    attribuant``'s names, their defaults without it) and ``retention.contact_facts``, less
    any a rule may read: named anywhere in the grid but its ``facts:`` declarations, or in
    call.yaml but the blocks documents read (a conservative reading: a name written in a
    rule, a tie-break, a constraint or the funding counts as read)."""
    from .meeting_models import Attribuant

    grantor = config.meeting.attribuant if config.meeting else None
    named = {getattr(grantor, k) if grantor is not None else Attribuant.model_fields[k].default
             for k in ("beneficiary_name", "beneficiary_id", "beneficiary_rna", "objet",
                       "convention_date")}
    named.update(config.retention.contact_facts if config.retention else ())
    rules = grid.grid.model_dump(mode="json", exclude={"facts"})
    engine = config.model_dump(mode="json", exclude={  # what documents and the table read
        "meeting", "letters", "retention", "title", "description", "dossiers"})
    read = {s.split(".", 1)[0].split("[", 1)[0] for s in (*_strings(rules), *_strings(engine))}
    return frozenset(named - read)


def judged_facts(config: CallConfig, grid: LoadedGrid, dossiers: Sequence[Dossier]) -> str:
    """``dossiers_sha256``: the sha256 of the JSON list of each dossier's ``[id, facts]``
    (keys sorted), in id order, the facts only documents read left out
    (:func:`documents_only`); one ``json.dumps`` for the call (0.04-0.06 s at 20,000
    dossiers, paid by every command on a call whose journal holds the fingerprints)."""
    skip = documents_only(config, grid)
    rows = [[d.id, {k: v for k, v in d.facts.items() if k not in skip}]
            for d in sorted(dossiers, key=lambda d: d.id)]
    return hashlib.sha256(json.dumps(rows, sort_keys=True, ensure_ascii=False,
                                     default=str).encode("utf-8")).hexdigest()


#: Most files an entry's ``ratings_files`` names (:class:`~.journal.Entry`): a call has a
#: file a juror in ratings/ (and conflicts/), a few hundred at most (review s16 hostile,
#: finding 9: 100,000 keys, 98 MB, were read).  A call with more records no map
#: (:func:`recordable`).
MAX_RATINGS_FILES = 10_000
#: Longest path in ``ratings_files``: « conflicts/ » and a file name (255 characters at most
#: on the usual file systems), with room to spare.
MAX_RATINGS_PATH = 300


def inputs_stamp(call: Call) -> tuple[str, str, dict[str, str]]:
    """``(ratings_sha256, dossiers_sha256, ratings_files)`` of a loaded call (module
    docstring)."""
    files = ratings_files(call.inputs)
    return (ratings_fingerprint(files), judged_facts(call.config, call.grid, call.dossiers),
            files)


def ratings_files(inputs: Mapping[str, str]) -> dict[str, str]:
    """``ratings_files``: the sha256 of each ``ratings/`` and ``conflicts/`` file read, by
    path (as many as the call has jurors' files: a few, a few hundred at most)."""
    return {path: digest for path, digest in sorted(inputs.items())
            if _group(path) == "ratings"}


def ratings_fingerprint(files: Mapping[str, str]) -> str:
    """``ratings_sha256``: the sha256 of the sorted lines ``<path> <sha256>`` of
    ``files`` (:func:`ratings_files`)."""
    lines = sorted(f"{path} {digest}\n" for path, digest in files.items())
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def stamp_fields(inputs: tuple[str, str, dict[str, str]], entries: Sequence[Entry]
                 ) -> dict[str, Any]:
    """The fields an appended entry records of :func:`inputs_stamp`'s ``inputs``:
    ``ratings_sha256`` and ``dossiers_sha256`` always; ``ratings_files`` only when no
    earlier entry of the journal (``entries``) holds the map of these files (the same
    ``ratings_sha256``): a national séance's 400 files' map, 36 kB, once a change of the
    ratings, not in each of its thousands of entries."""
    ratings, dossiers, files = inputs
    out: dict[str, Any] = {"ratings_sha256": ratings, "dossiers_sha256": dossiers}
    if not any(e.ratings_sha256 == ratings and e.ratings_files is not None for e in entries) \
            and recordable(files):
        out["ratings_files"] = files
    return out


def recordable(files: Mapping[str, str]) -> bool:
    """``files`` fit in an entry's ``ratings_files`` (:data:`MAX_RATINGS_FILES` paths of at
    most :data:`MAX_RATINGS_PATH` characters): a call beyond that
    records the fingerprint only, and its inputs-changed warning says « the ratings »
    without naming the file, rather than writing a line its journal's reader refuses."""
    return len(files) <= MAX_RATINGS_FILES and all(len(p) <= MAX_RATINGS_PATH for p in files)


def files_of(ratings: str, journal: Sequence[Entry]) -> Mapping[str, str] | None:
    """The map of the ratings files whose fingerprint is ``ratings``, as an entry of the
    whole ``journal`` (a cancelled one too: the files it was recorded on) holds it, or
    None (entries recorded before isgrid wrote it)."""
    return next((e.ratings_files for e in journal
                 if e.ratings_sha256 == ratings and e.ratings_files is not None), None)


def changed_files(before: Mapping[str, str], now: Mapping[str, str]) -> FileChanges:
    """The files of ``now`` that differ from ``before`` (their sha256), are new or are gone,
    in path order."""
    return FileChanges((path, "changed" if path in before and path in now else
                        "new" if path in now else "removed")
                       for path in sorted(before.keys() | now.keys())
                       if before.get(path) != now.get(path))


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


def check_inputs_unchanged(inputs: Mapping[str, str], config: CallConfig, grid: LoadedGrid,
                           dossiers: Sequence[Dossier], entries: Sequence[Entry], file: str,
                           diags: Collector, journal: Sequence[Entry] = ()) -> None:
    """Warn ``inputs-changed`` when the ratings or the dossiers differ from those the
    reference entry (:func:`reference_entry` of ``entries``, the journal's entries in
    effect, its purges among them) was recorded on, naming the ratings files that changed
    from the map of the files it was recorded on (:func:`files_of` in ``journal``, the
    whole journal; ``entries`` without it)."""
    stamped = reference_entry(entries)
    if stamped is None:
        return
    files = ratings_files(inputs)
    changed = (ratings_fingerprint(files) != stamped.ratings_sha256,
               stamped.dossiers_sha256 is not None
               and judged_facts(config, grid, dossiers) != stamped.dossiers_sha256)
    if not any(changed):
        return
    before = files_of(stamped.ratings_sha256 or "", journal or entries) if changed[0] else None
    words = {"what": _what(changed, before, files), "seq": stamped.seq,
             "dossier": stamped.dossier}
    message = (Message("{what} since journal entry {seq} (the vote on {dossier}): "
                       "totals and statuses may differ from those the deliberation decided "
                       "and the minutes and letters show", **words)
               if stamped.kind == "decision" and stamped.stage == "vote" else
               Message("{what} since journal entry {seq} (the last one, on "
                       "{dossier}): totals and statuses may differ from those the séance "
                       "saw", **words))
    # what clears it is a new entry the reference would be (reference_entry): a vote once
    # one is recorded (a jury's decision is then not compared), else a jury's decision
    hint = (Message("If an audit record was written when the minutes were signed, isgrid "
                    "record check CALL RECORD names the files and the dossiers that changed. "
                    "Put back the files as they were; if the change is meant, record what "
                    "it decides with a new vote (isgrid decide CALL DOSSIER --stage vote …) "
                    "and say why: once a vote is recorded, a decision of the jury does not "
                    "clear this warning.")
            if stamped.kind == "decision" and stamped.stage == "vote" else
            Message("If an audit record was written when the minutes were signed, isgrid "
                    "record check CALL RECORD names the files and the dossiers that changed. "
                    "Put back the files as they were; if the change is meant, record what "
                    "it decides with a new decision of the jury (isgrid decide CALL DOSSIER "
                    "…) and say why."))
    diags.add("inputs-changed", message, Location(file, line=stamped.seq), severity="warning",
              hint=hint)


def _what(changed: tuple[bool, bool], before: Mapping[str, str] | None,
          now: Mapping[str, str]) -> Message:
    """What changed, the verb agreeing: the ratings files by name when the entry records
    each one's sha256 (``ratings_files``), else « the ratings »; « the dossiers »."""
    ratings, dossiers = changed
    if not ratings:
        return Message("the dossiers changed")
    if before is None:
        return (Message("the ratings and the dossiers changed") if dossiers else
                Message("the ratings changed"))
    files = changed_files(before, now)
    if dossiers:
        return Message("{files} and the dossiers changed", files=files)
    return Plural("{files} changed", "{files} changed", len(cast(tuple[Any, ...], files.x)),
                  files=files)


__all__ = ["JUDGED", "MAX_RATINGS_FILES", "MAX_RATINGS_PATH", "changed_files",
           "check_inputs_unchanged", "documents_only", "files_of", "inputs_stamp",
           "judged_facts", "ratings_files", "ratings_fingerprint", "recordable",
           "reference_entry", "stamp_fields"]
