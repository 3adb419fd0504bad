"""The decisions journal: ``journal.jsonl`` in the call folder, append-only and hash-chained.

One JSON object per line (canonical JSON: sorted keys, no spaces, UTF-8).  Each
entry records one act of people, never a computation:

* ``consensus``: a committee value for one criterion of one dossier
  (``criterion``, ``value``);
* ``decision``: an outcome for one dossier at one stage (``outcome``, optional
  ``amount``, and optionally the decision's ``motivation`` -- the words the
  applicant's letter quotes -- and the vote's counts ``votes_for``,
  ``votes_against``, ``abstentions``; a ``vote`` decision, optionally, the
  ``reference`` of the deliberation that took it, when it is not
  ``meeting.vote``'s: a dossier proposed after a withdrawal is voted at a later
  one);
* ``withdrawal``: the applicant withdrew (outcome ``retiré``);
* ``cancellation``: an earlier consensus, decision or withdrawal was recorded by
  mistake (``cancels``: its ``seq``; ``dossier`` and ``stage``: its own).  The
  cancelled entry stays in the journal, as every line does, but counts for
  nothing: everything is worked out as if it had never been written
  (:func:`in_effect`, the one rule every reader of the journal's acts calls), and
  the minutes' history shows both lines.  A cancellation cannot be cancelled (to
  restore what it cancelled, record it again).

Every entry carries ``seq`` (1, 2, 3... = its line number), ``kind``,
``stage``, ``dossier``, ``by`` (who recorded it), ``reason`` (required), and two
hashes:

* ``prev``: the sha256 of the previous line's bytes (without its newline);
  64 zeros for the first entry;
* ``hash``: the sha256 of the entry's own canonical JSON without ``hash``, so
  that changing any line, even the last one, is detected at that very line.

Optional fields are written only when given: a journal written before they
existed is unchanged, byte for byte, and still verifies (the hash covers the
keys a line holds, whatever they are).

No wall-clock time is written: the same commands give the same journal, byte
for byte.  ``at`` (a date or date-time given by the user with ``--at``) is
recorded only when given, or, for a vote, taken from call.yaml's ``meeting.vote``
with its reference and the amount it granted (:func:`isgrid.journal.decide`: a vote
is sealed with what it granted).  The ``hash`` of the last entry (the *head*) is printed by
``isgrid journal verify`` and written in the minutes, so that the signed
minutes anchor the whole chain.

Appending (:mod:`.journal_append`) reads the whole file, verifies the chain, and writes
the old bytes unchanged plus the new line to a temporary file that replaces the journal
(:func:`isgrid.io.write.atomic_write`); earlier lines are never rewritten.  A broken
journal is never appended to.
"""

# No `from __future__ import annotations` here: pydantic reads these models'
# annotations as objects instead of evaluating strings, 4 ms of every command's
# imports for the seven model modules (docs/performance.md, « Session 21 »);
# a name defined further down is quoted.

import hashlib
import json
import math
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import CallError, Diagnostic, Location, Message, Quote
from ..messages import Count
from ..validation import pydantic_message
from .inputstamp import MAX_RATINGS_FILES, MAX_RATINGS_PATH, ratings_fingerprint

JOURNAL = "journal.jsonl"
LOCK = ".journal.lock"
GENESIS = "0" * 64
#: Largest amount an entry may record (a thousand billion euros): sums of
#: amounts stay exact in a float and never overflow.
MAX_AMOUNT = 10**12
#: Largest consensus value (grid levels are bounded the same way).
MAX_VALUE = 10**9
#: Deepest JSON nesting read from a journal line (an entry is flat: depth 1).
MAX_DEPTH = 32
#: Most hashes a purge's ``hashes_before`` holds (one an entry of the journal before it).
MAX_HASHES = 10**6
#: Longest journal line read, in bytes, before it is parsed: an entry is a few hundred
#: bytes, the first on a call's ratings files a map of at most MAX_RATINGS_FILES paths
#: (3.3 MB); a longer line is refused unread (a 98 MB line cost 7 s and 680 MB).
MAX_LINE = 4 * 2**20
#: A purge's line holds the hash of every entry before it besides, 67 bytes each
#: (``"<64 hex>",``): its bound is :data:`MAX_LINE` and that much per line before it.
HASH_BYTES = 67


def line_bound(raw: bytes, number: int) -> int:
    """The longest line ``number`` may be (:data:`MAX_LINE`), checked before it is parsed:
    a purge's line (``"kind":"purge"``, found the cheap way, in the bytes) may also hold
    the hashes of the entries before it (:data:`HASH_BYTES` × ``number``); no other line,
    whatever key it holds (review s17 hostile, finding 7: a 60 MB line with a
    ``"hashes_before":`` key was parsed, 4 s and 385 MB)."""
    if re.search(rb'"kind"\s*:\s*"purge"', raw):
        return MAX_LINE + HASH_BYTES * number
    return MAX_LINE

Stage = Literal["recevabilité", "instruction", "jury", "vote"]
Outcome = Literal["retenu", "réserve", "non retenu", "ajourné", "retiré"]
STAGES: tuple[str, ...] = ("recevabilité", "instruction", "jury", "vote")
#: the kinds of entry a cancellation may cancel (the acts of people: never a purge, never
#: another cancellation)
CANCELLABLE: tuple[str, ...] = ("consensus", "decision", "withdrawal")
OUTCOMES: tuple[str, ...] = ("retenu", "réserve", "non retenu", "ajourné", "retiré")


class Entry(BaseModel):
    """One journal line.  Unknown keys are errors: the format is closed."""

    # defer_build: the validator is built when a journal is first read, not at import
    # (most calls are scored before their séance has a journal; about 10 ms a process)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    seq: int = Field(ge=1, description="Position in the journal: 1 for the first line.")
    kind: Literal["consensus", "decision", "withdrawal", "purge", "cancellation"]
    stage: Stage = "jury"
    dossier: str = Field(min_length=1)
    criterion: str | None = Field(None, description="consensus: the criterion id.")
    value: float | int | str | None = Field(
        None, description="consensus: the value (a finite number of at most 1e9, or a label).")
    outcome: Outcome | None = Field(None, description="decision: the outcome.")
    amount: float | int | None = Field(None, ge=0, le=MAX_AMOUNT, allow_inf_nan=False,
                                       description="decision: granted amount.")
    by: str = Field(min_length=1, description="Who recorded it.")
    reason: str = Field(min_length=1, description="Why (required).")
    at: str | None = Field(None, description="Only when given with --at: no clock is read.")
    motivation: str | None = Field(
        None, min_length=1, description="decision: the motivation, communicable to the "
        "applicant (the letter quotes it).")
    votes_for: int | None = Field(None, ge=0, le=10**6, description="decision: votes pour.")
    votes_against: int | None = Field(None, ge=0, le=10**6,
                                      description="decision: votes contre.")
    abstentions: int | None = Field(None, ge=0, le=10**6, description="decision: abstentions.")
    reference: str | None = Field(
        None, min_length=1, description="vote decision: the reference of the "
        "deliberation that took it (absent: meeting.vote's).")
    cancels: int | None = Field(
        None, ge=1, description="cancellation: the seq of the entry recorded by mistake.")
    grid: str | None = Field(
        None, min_length=1, max_length=300,
        description="The grid the call was judged with when the entry was recorded: "
        "`<id>@<version>` (`+call` when the call changes it). Absent from entries recorded "
        "before isgrid wrote it.")
    grid_sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$",
                                    description="That grid's hash (the result's grid.sha256).")
    grid_scoring_sha256: str | None = Field(
        None, pattern=r"^[0-9a-f]{64}$",
        description="The hash of what of that grid scores, without its notes and labels "
        "(the result's grid.scoring_sha256: isgrid.grid.scoring). Absent from entries "
        "recorded before isgrid wrote it.")
    ratings_sha256: str | None = Field(
        None, pattern=r"^[0-9a-f]{64}$",
        description="The fingerprint of the ratings the call was judged on when the entry "
        "was recorded (its ratings/ and conflicts/ files: isgrid.call.inputstamp). Absent "
        "from entries recorded before isgrid wrote it.")
    dossiers_sha256: str | None = Field(
        None, pattern=r"^[0-9a-f]{64}$",
        description="The fingerprint of the dossiers' files (or table) the call was judged "
        "on when the entry was recorded. Absent from entries recorded before isgrid wrote it.")
    # a path of the call's ratings/ or conflicts/, without a control character: the
    # warning prints it (review s16 hostile, finding 8: a newline forged a line)
    ratings_files: dict[Annotated[str, Field(min_length=1, max_length=MAX_RATINGS_PATH,
                                             pattern=r"^(ratings|conflicts)/[^\x00-\x1f\x7f\\]+$")],
                        Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]] | None = Field(
        None, max_length=MAX_RATINGS_FILES,
        description="The sha256 of each of those files, by path (ratings_sha256 is their "
        "fingerprint), in the first entry on them: inputs-changed names the file that "
        "changed. Absent from later entries on them, and from older entries.")
    hashes_before: tuple[Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")], ...] | None = Field(
        None, max_length=MAX_HASHES,
        description="purge: the hash of every entry before the purge re-sealed the chain, "
        "in order (the last one: the head before the purge), so that a head printed in "
        "signed minutes is still found (isgrid journal verify --head). Absent from purges "
        "recorded before isgrid wrote it (their reason quotes the head before the purge).")
    prev: str = Field(pattern=r"^[0-9a-f]{64}$")
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")

    @field_validator("ratings_files", mode="before")
    @classmethod
    def _as_many_files_as_a_call_has(cls, v: Any) -> Any:
        """At most MAX_RATINGS_FILES paths of at most MAX_RATINGS_PATH characters, said in
        isgrid's words before each path is read (review s16 hostile, finding 9)."""
        if isinstance(v, dict):
            if len(v) > MAX_RATINGS_FILES:
                raise ValueError(Message(
                    "at most {max} files are recorded, not {n}: a call has a file a juror",
                    max=Count(MAX_RATINGS_FILES), n=Count(len(v))))
            long = next((k for k in v if isinstance(k, str) and len(k) > MAX_RATINGS_PATH),
                        None)
            if long is not None:
                raise ValueError(Message(
                    "a path of at most {max} characters is expected, not {n}",
                    max=MAX_RATINGS_PATH, n=Count(len(long))))
        return v

    def check_kind(self) -> Message | None:
        """What is missing for this kind of entry (or out of bounds), or None."""
        if isinstance(self.value, int | float) and not isinstance(self.value, bool) and not (
                math.isfinite(self.value) and abs(self.value) <= MAX_VALUE):
            return Message("value: a number of at most {max} is expected", max=format(MAX_VALUE, "g"))
        if self.at is not None and not valid_at(self.at):
            return Message("at: {value} is not a date (YYYY-MM-DD) or a date-time",
                           value=Quote(self.at[:40]))
        if self.kind == "consensus" and (self.criterion is None or self.value is None):
            return Message("a consensus entry needs a criterion and a value")
        if self.kind == "decision" and self.outcome is None:
            return Message("a decision entry needs an outcome")
        if self.kind == "cancellation":
            if self.cancels is None:
                return Message("a cancellation entry needs the number of the entry it cancels")
            if self.cancels >= self.seq:
                return Message("a cancellation cancels an earlier entry")
            if any(v is not None for v in (self.criterion, self.value, self.outcome,
                                           self.amount, self.reference)):
                return Message("a cancellation records only the entry it cancels")
        elif self.cancels is not None:
            return Message("only a cancellation entry names an entry it cancels")
        if self.kind == "withdrawal" and self.outcome not in (None, "retiré"):
            return Message("a withdrawal's outcome is retiré")
        votes = (self.votes_for, self.votes_against, self.abstentions)
        if self.kind != "decision" and (self.motivation is not None
                                        or any(v is not None for v in votes)):
            return Message("only a decision entry records a motivation or votes")
        if any(v is not None for v in votes) and any(v is None for v in votes):
            return Message("votes: pour, contre and abstentions are recorded together")
        if any(isinstance(v, bool) for v in votes):
            return Message("votes: whole numbers are expected")
        if (self.ratings_sha256 is None) != (self.dossiers_sha256 is None):
            return Message("ratings_sha256 and dossiers_sha256 are recorded together")
        if self.ratings_files is not None and \
                self.ratings_sha256 != ratings_fingerprint(self.ratings_files):
            return Message("ratings_files: these files' fingerprint is not ratings_sha256")
        if self.ratings_files is not None and any(
                ".." in path.split("/") for path in self.ratings_files):
            return Message("ratings_files: a path leaves the call's folder")
        if self.hashes_before is not None and self.kind != "purge":
            return Message("only a purge entry records the hashes before the purge")
        if self.reference is not None and (self.kind != "decision" or self.stage != "vote"):
            return Message("only a decision at the vote stage records a deliberation's reference")
        if self.reference is not None and not self.reference.strip():
            return Message("reference: the deliberation's reference is empty")
        return None


def canonical(data: dict[str, Any]) -> bytes:
    """Canonical JSON bytes: sorted keys, no spaces, UTF-8 (non-ASCII kept)."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entry_hash(data: dict[str, Any]) -> str:
    """The ``hash`` field: sha256 of the entry's canonical JSON without ``hash``."""
    return sha256(canonical({k: v for k, v in data.items() if k != "hash"}))


def journal_path(folder: Path | str) -> Path:
    return Path(folder) / JOURNAL


@dataclass(frozen=True)
class Line:
    number: int
    raw: bytes


def _lines(data: bytes) -> Iterator[Line]:
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    for i, raw in enumerate(parts, start=1):
        yield Line(i, raw)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _parse_line(raw: bytes) -> tuple[Any, Message | None]:
    """One line as JSON, or why not: never a RecursionError, never a huge number."""
    depth = max((len(m) for m in re.findall(rb"[\[{]+", raw)), default=0)
    if depth > MAX_DEPTH and _nesting(raw) > MAX_DEPTH:
        return None, Message("is nested more than {max} levels deep", max=MAX_DEPTH)
    if re.search(rb"\d{400}", raw):
        return None, Message("holds a number of 400 digits or more")
    try:
        text = raw.decode("utf-8")
        obj = json.loads(text, parse_constant=_refuse_constant)
        canonical(obj) if isinstance(obj, dict) else None  # lone surrogates fail here
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None, Message("is not valid UTF-8 text (or holds a lone surrogate \\udXXX)")
    except RecursionError:
        return None, Message("is nested more than {max} levels deep", max=MAX_DEPTH)
    except ValueError as exc:
        return None, Message("is not JSON ({problem})", problem=str(exc)[:80])
    return obj, None


def _nesting(raw: bytes) -> int:
    """The deepest nesting of brackets outside strings (a quick count, no parse)."""
    depth = best = 0
    in_str = esc = False
    for b in raw:
        if in_str:
            if esc:
                esc = False
            elif b == 0x5C:
                esc = True
            elif b == 0x22:
                in_str = False
        elif b == 0x22:
            in_str = True
        elif b in (0x5B, 0x7B):
            depth += 1
            best = max(best, depth)
        elif b in (0x5D, 0x7D):
            depth -= 1
    return best


def verify_bytes(data: bytes, file: str) -> tuple[list[Entry], list[Diagnostic]]:
    """Parse and check a journal's bytes; stop at the first broken entry.

    Returns the entries before the first problem, and at most one diagnostic
    naming that entry by ``file:line``.
    """
    entries: list[Entry] = []
    prev_raw: bytes | None = None
    lines = list(_lines(data))
    for idx, line in enumerate(lines):
        loc = Location(file, line=line.number)
        if not line.raw.strip():
            return entries, [Diagnostic("journal-invalid", Message("empty line in the journal"),
                                        loc)]
        if len(line.raw) > MAX_LINE and len(line.raw) > (bound := line_bound(line.raw,
                                                                              line.number)):
            return entries, [Diagnostic("journal-invalid", Message(
                "line {number} is {size} bytes long, more than an entry can hold ({max} bytes)",
                number=line.number, size=Count(len(line.raw)), max=Count(bound)), loc)]
        obj, why = _parse_line(line.raw)
        if why is not None:
            return entries, [Diagnostic("journal-invalid", Message("line {number} {why}",
                                                                   number=line.number, why=why), loc)]
        if not isinstance(obj, dict):
            return entries, [Diagnostic("journal-invalid",
                                        Message("an entry must be a JSON object"), loc)]
        if obj.get("hash") != entry_hash(obj):
            return entries, [Diagnostic(
                "journal-broken",
                Message("entry {number} was changed after it was written (its hash does not match "
                        "its content)",
                        number=line.number), loc)]
        seq = obj.get("seq")
        if isinstance(seq, int) and not isinstance(seq, bool) and seq != line.number:
            # before the chain's check: a removed line breaks the chain too, but the entry
            # before it is intact (it was blamed: « entry 1 was changed after entry 2 »)
            return entries, [Diagnostic(
                "journal-broken",
                Message("entry {number} says it is number {seq}: a line was removed, added or moved",
                        number=line.number, seq=seq), loc)]
        expected_prev = GENESIS if prev_raw is None else sha256(prev_raw)
        if obj.get("prev") != expected_prev:
            # The previous line no longer has the hash this entry recorded: the
            # previous line was changed (or this entry's prev was forged).
            if prev_raw is not None and idx > 0:
                return entries[:-1], [Diagnostic(
                    "journal-broken",
                    Message("entry {number} was changed after entry {other} was written (entry "
                            "{other} records another hash for it)",
                            number=line.number - 1, other=line.number),
                    Location(file, line=line.number - 1))]
            return entries, [Diagnostic(
                "journal-broken", Message("the first entry does not start the chain"), loc)]
        try:
            entry = Entry.model_validate(obj)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            return entries, [Diagnostic("journal-invalid", Message(
                "{where}: {error}", where=where, error=pydantic_message(first)), loc)]
        problem = entry.check_kind() or cancel_problem(entry, entries)
        if problem:
            return entries, [Diagnostic("journal-invalid", problem, loc)]
        if entry.seq != line.number:
            return entries, [Diagnostic(
                "journal-broken",
                Message("entry {number} says it is number {seq}: a line was removed, added or moved",
                        number=line.number, seq=entry.seq), loc)]
        entries.append(entry)
        prev_raw = line.raw
    if data and not data.endswith(b"\n"):
        return entries, [Diagnostic(
            "journal-invalid", Message("the last line is cut (no final newline): an interrupted "
                                       "write?"),
            Location(file, line=len(lines)))]
    return entries, []


def cancel_problem(entry: Entry, earlier: list[Entry]) -> Message | None:
    """What is wrong with cancellation ``entry`` given the entries before it (1-based
    ``seq`` = position), or None (also for any other kind)."""
    if entry.kind != "cancellation" or entry.cancels is None:
        return None
    if entry.cancels > len(earlier):
        return Message("a cancellation cancels an earlier entry")
    target = earlier[entry.cancels - 1]
    if target.kind not in CANCELLABLE:
        return Message("entry {seq} is not a consensus, a decision nor a withdrawal: it "
                       "cannot be cancelled", seq=target.seq)
    if target.dossier != entry.dossier:
        return Message("entry {seq} is about {dossier}, not {other}", seq=target.seq,
                       dossier=target.dossier, other=entry.dossier)
    if any(e.kind == "cancellation" and e.cancels == target.seq for e in earlier):
        return Message("entry {seq} is already cancelled", seq=target.seq)
    return None


def cancelled(entries: Iterable[Entry]) -> dict[int, int]:
    """The entries cancelled: their seq -> the seq of the cancellation."""
    return {e.cancels: e.seq for e in entries
            if e.kind == "cancellation" and e.cancels is not None}


def in_effect(entries: Sequence[Entry]) -> list[Entry]:
    """The journal's acts that count: every entry but the cancellations and the entries
    they cancel (:func:`cancelled`), in order.  The one rule of a cancellation: what it
    cancels was never decided; every reader of the acts (the engine, the checks before a
    new entry, the annex's votes) reads them through this."""
    gone = cancelled(entries)
    if not gone:
        return list(entries)
    return [e for e in entries if e.kind != "cancellation" and e.seq not in gone]


def verify_journal(path: Path | str) -> list[Diagnostic]:
    """Check the chain of a journal file; [] when intact or absent.

    The diagnostic (at most one) names the first broken entry by file and line.
    """
    p = Path(path)
    if p.is_dir() and p.name != JOURNAL:
        p = journal_path(p)
    problem = not_a_file(p)
    if problem is not None:
        return [problem]
    if not p.is_file():
        return []
    _, diags = verify_bytes(p.read_bytes(), str(p))
    return diags


def not_a_file(path: Path) -> Diagnostic | None:
    """A journal (or its lock) that exists but is not a regular file (a folder, a link)."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return Diagnostic("journal-invalid", Message("cannot read {name}: {strerror}",
                                                     name=path.name, strerror=exc.strerror),
                          Location(str(path)), hint="Check the file's permissions.")
    if stat.S_ISREG(st.st_mode):
        return None
    problem = Message("{name} is a symbolic link", name=path.name) if stat.S_ISLNK(
        st.st_mode) else Message("{name} is a folder", name=path.name) if stat.S_ISDIR(
        st.st_mode) else Message("{name} is not a regular file", name=path.name)
    return Diagnostic("journal-invalid", problem, Location(str(path)),
                      hint=Message("{name} must be an ordinary file of the call folder: move the "
                                   "other thing away (a link could make isgrid write outside the "
                                   "call).",
                                   name=path.name))


def journal_of(call: Any) -> list[Entry]:
    """The entries of ``call``'s journal: those load_call read and hashed (one read per
    input), or, for a Call built another way, the journal file as it is now."""
    entries = getattr(call, "journal", None)
    return list(entries) if entries is not None else read_journal(call.folder)


def read_journal(folder: Path | str) -> list[Entry]:
    """The entries of a call's journal ([] when there is none); raise when broken."""
    p = journal_path(folder)
    problem = not_a_file(p)
    if problem is not None:
        raise CallError("the decisions journal cannot be read", [problem])
    if not p.is_file():
        return []
    entries, diags = verify_bytes(p.read_bytes(), str(p))
    if diags:
        raise CallError("the decisions journal is broken", diags)
    return entries


def head(folder: Path | str) -> str | None:
    """The head of the chain: the ``hash`` of the journal's last entry, or None.

    Written in the minutes: with it, the signed minutes anchor every entry
    before it.  Raises :class:`CallError` when the journal is broken.
    """
    entries = read_journal(folder)
    return entries[-1].hash if entries else None


_AT = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?")


def valid_at(at: str) -> bool:
    """Whether ``at`` is a real date (``2026-03-14``) or date-time (ISO 8601)."""
    from datetime import date, datetime

    if not _AT.fullmatch(at):
        return False
    try:
        if len(at) == 10:
            date.fromisoformat(at)
        else:
            datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
