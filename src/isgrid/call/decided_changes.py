"""What writing files into a call whose journal holds decisions would change in what the
séance decided, said before anything is written: the one rule of ``isgrid intake``
(refreshed dossier files, ``intake-changes-decided``), ``isgrid sheets import`` (a late
or corrected workbook's ratings, ``import-changes-decided``), both refused unless
``--change-decided``, and of the jury workspace (a juror's submission after the vote,
``submission-changes-decided``, refused unless the secretariat allowed it:
:mod:`isgrid.workspace.decided`).

The engine judges on the call's files as they are (docs/engine.md §6): facts refreshed or
ratings imported after the votes can move the jury's proposal under the decisions, and so
the freed places, the overrides (« décidé ≠ proposé »), a status, or the list's adoption,
which the minutes and letters already written say otherwise.  The call is scored as it is
and as the writes would leave it (a copy of the folder with the planned files), and every
dossier with a decision of its own or decided by the adopted list whose reading changes is
named, with its rank, total and status before and after, as ``isgrid decide`` shows the
moves; the adoption, when it changes, too.

« After » is the call already loaded re-scored by the engine's scenario interface when the
writes are jurors' files (their ratings, opinions and déports: :mod:`.decided_scenario`),
else (a dossier's facts, which no scenario replaces) a copy of the folder with the planned
files, loaded and scored.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, IsgridError, Location, Message
from ..io.writelock import LOCK_NAME, PENDING_NAME
from ..messages import Money, _Value
from .missing import WORKSPACE_DB


class _Status(_Value):
    """A status put into a message, in the message's language (« réserve », "reserve")."""

    @staticmethod
    def written(x: object, lang: str) -> str:
        from ..documents.text import status_word

        return status_word(str(x), lang)


class _Total(_Value):
    """A total put into a message, two decimals as the language writes them (71,43)."""

    @staticmethod
    def written(x: object, lang: str) -> str:
        from ..documents.text import fmt_number

        return fmt_number(x if isinstance(x, int | float) else None, lang, 2)


def has_decisions(folder: Path) -> bool:
    """Whether the journal holds a decision or a withdrawal (a cheap look, before scoring)."""
    path = folder / "journal.jsonl"
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8", errors="replace")
    return '"kind":"decision"' in text or '"kind":"withdrawal"' in text \
        or '"kind": "decision"' in text or '"kind": "withdrawal"' in text


def _reading(r: Any, d: Any) -> tuple[Any, ...]:
    """What the séance's documents say of ``d``: its rank (the minutes and letters print
    it), status, computed status, the override, whether a vote decided it, the place it
    was proposed in."""
    return (d.rank, str(d.status), str(d.computed.status), any(
        f.startswith("overridden:") for f in d.flags), r.decided_by_vote(d),
        d.decision.replaces)


def _money(d: Any) -> float | None:
    """The amount the séance's documents give ``d``: the amount a vote granted (the vote's
    ``--amount``, else the amount proposed then, read from the current facts), else the
    amount its decision holds (proposed); none for a dossier without a decision."""
    if d.amounts.granted is not None:
        return float(d.amounts.granted)
    if d.decision.outcome is not None and d.amounts.proposed is not None:
        return float(d.amounts.proposed)
    return None


def _seat(r: Any, d: Any) -> Message:
    """``d`` in one phrase: rank, total, status (computed, decided ≠ proposed, by the vote)."""
    line = Message("rank {rank}, total {total}, {status}",
                   rank=d.rank if d.rank is not None else "-", total=_Total(d.total),
                   status=_Status(d.status))
    how = [Message("computed {status}", status=_Status(d.computed.status))]
    if any(f.startswith("overridden:") for f in d.flags):
        how.append(Message("decided ≠ proposed"))
    how.append(Message("decided by the vote") if r.decided_by_vote(d)
               else Message("a proposal"))
    if d.decision.replaces is not None:
        how.append(Message("in the place of {dossier}", dossier=d.decision.replaces))
    return Message("{line} ({how})", line=line, how=_joined(how))


def _amount(x: float | None) -> Message:
    """An amount in a message, or « (empty) »."""
    return Money(x) if x is not None else Message("(empty)")


def _joined(parts: Sequence[Message]) -> Message:
    out = parts[0]
    for p in parts[1:]:
        out = Message("{a}, {b}", a=out, b=p)
    return out


@dataclass(frozen=True)
class Words:
    """How a command names its writes in :func:`decided_changes`'s warnings: its code, and
    the messages' words (« la mise à jour », « l'import »)."""

    code: str
    amount: Callable[[str, Message, Message], Message]  # dossier, before, after
    reading: Callable[[str, Message, Message], Message]
    hint: Message  # of an amount changed under the same decision
    written: Message  # the code's hint once the option wrote (no « use --change-decided »)
    amount_written: Message  # ``hint`` once the option wrote
    on_dossier: bool = True  # located at the dossier's file (the refresh writes it), else
    # at the journal, which holds the decisions (the import writes no dossier file)


#: ``isgrid intake``: refreshed dossier files.
REFRESH = Words(
    "intake-changes-decided",
    lambda d, b, a: Message("the refresh changes the amount the meeting decided for "
                            "{dossier}: {before} -> {after}", dossier=d, before=b, after=a),
    lambda d, b, a: Message("the refresh changes what the meeting decided for {dossier}: "
                            "{before} -> {after}", dossier=d, before=b, after=a),
    Message("A vote recorded without --amount grants the amount the dossier holds: its "
            "annex, letters and SCDL file would say the new one. To keep the amount voted, "
            "cancel the vote (isgrid journal cancel) and record it again with --amount, then "
            "refresh; --change-decided writes the new facts anyway."),
    Message("Written with --change-decided: record the decisions the new facts call for "
            "(isgrid decide); the minutes and letters written before say otherwise."),
    Message("A vote recorded without --amount grants the amount the dossier holds: its "
            "annex, letters and SCDL file now say the new one. To keep the amount voted, "
            "cancel the vote (isgrid journal cancel) and record it again with --amount."))

#: ``amount_written`` of the writes that change ratings (an import, a submission): the amount
#: a vote granted without --amount is the amount proposed, which the new ratings moved
_PROPOSED_WRITTEN = Message(
    "A vote recorded without --amount grants the amount proposed: its annex, letters and SCDL "
    "file now say the new one. To keep the amount voted, cancel the vote (isgrid journal "
    "cancel) and record it again with --amount.")

#: ``isgrid sheets import``: a juror's ratings and opinions files.
IMPORT = Words(
    "import-changes-decided",
    lambda d, b, a: Message("the import changes the amount the meeting decided for "
                            "{dossier}: {before} -> {after}", dossier=d, before=b, after=a),
    lambda d, b, a: Message("the import changes what the meeting decided for {dossier}: "
                            "{before} -> {after}", dossier=d, before=b, after=a),
    Message("A vote recorded without --amount grants the amount proposed: its annex, "
            "letters and SCDL file would say the new one. To keep the amount voted, cancel "
            "the vote (isgrid journal cancel) and record it again with --amount, then import "
            "again; --change-decided imports the new ratings anyway."),
    Message("Imported with --change-decided: record the decisions the new ranking calls for "
            "(isgrid decide); the minutes and letters written before say otherwise."),
    _PROPOSED_WRITTEN, on_dossier=False)


#: The jury workspace: a juror's submission (their ratings, opinions and conflicts files).
SUBMISSION = Words(
    "submission-changes-decided",
    lambda d, b, a: Message("the submission changes the amount the meeting decided for "
                            "{dossier}: {before} -> {after}", dossier=d, before=b, after=a),
    lambda d, b, a: Message("the submission changes what the meeting decided for "
                            "{dossier}: {before} -> {after}", dossier=d, before=b, after=a),
    Message("A vote recorded without --amount grants the amount proposed: its annex, "
            "letters and SCDL file would say the new one. To keep the amount voted, cancel "
            "the vote (isgrid journal cancel) and record it again with --amount before the "
            "juror submits again."),
    Message("Submitted with the secretariat's allowance: record the decisions the new "
            "ranking calls for (isgrid decide); the minutes and letters written before say "
            "otherwise."),
    _PROPOSED_WRITTEN, on_dossier=False)


#: The jury workspace: a juror's déport (their conflicts file), under the submission's code:
#: its lines say « le déport », not « la soumission ».
RECUSAL = Words(
    "submission-changes-decided",
    lambda d, b, a: Message("the recusal changes the amount the meeting decided for "
                            "{dossier}: {before} -> {after}", dossier=d, before=b, after=a),
    lambda d, b, a: Message("the recusal changes what the meeting decided for "
                            "{dossier}: {before} -> {after}", dossier=d, before=b, after=a),
    Message("A vote recorded without --amount grants the amount proposed: its annex, "
            "letters and SCDL file would say the new one. To keep the amount voted, cancel "
            "the vote (isgrid journal cancel) and record it again with --amount before the "
            "juror declares the recusal again."),
    Message("Recorded with the secretariat's allowance: record the decisions the new "
            "ranking calls for (isgrid decide); the minutes and letters written before say "
            "otherwise."),
    _PROPOSED_WRITTEN, on_dossier=False)

#: The jury workspace: the secretariat's lift of a déport (the juror's conflicts file), under
#: the submission's code: its lines say « la levée du déport ».
LIFT = Words(
    "submission-changes-decided",
    lambda d, b, a: Message("the lift of the recusal changes the amount the meeting decided "
                            "for {dossier}: {before} -> {after}", dossier=d, before=b, after=a),
    lambda d, b, a: Message("the lift of the recusal changes what the meeting decided for "
                            "{dossier}: {before} -> {after}", dossier=d, before=b, after=a),
    Message("A vote recorded without --amount grants the amount proposed: its annex, "
            "letters and SCDL file would say the new one. To keep the amount voted, cancel "
            "the vote (isgrid journal cancel) and record it again with --amount before the "
            "recusal is lifted again."),
    Message("Lifted by the secretariat: record the decisions the new ranking calls for "
            "(isgrid decide); the minutes and letters written before say otherwise."),
    _PROPOSED_WRITTEN, on_dossier=False)

def _where(folder: Path, dossier: str, words: Words) -> Location:
    return Location(str(folder / "dossiers" / f"{dossier}.yaml") if words.on_dossier
                    else str(folder / "journal.jsonl"))


def _not_read(folder: Path) -> Callable[[str, list[str]], set[str]]:
    """What the copy of ``folder`` scored « after » leaves out (``copytree``'s ``ignore``): the folder's write lock and pending
    record, and the jury workspace's database (``.isgrid/jury.sqlite3`` and its journal
    files), which loading a call never reads and which grows with every save: a copy of it
    made each submission checked after the vote slower (workspace/decided.py).  Loading
    tells a workspace's call by ``.isgrid/workspace.json``, which is copied."""
    workspace = folder / WORKSPACE_DB.parent

    def ignore(where: str, names: list[str]) -> set[str]:
        skip = {n for n in names if n in (LOCK_NAME, PENDING_NAME)}
        if Path(where) == workspace:
            skip.update(n for n in names if n.startswith(WORKSPACE_DB.name))
        return skip

    return ignore


def decided_changes(folder: Path, writes: Sequence[tuple[Path, bytes]],
                    words: Words = REFRESH, loaded: Any = None,
                    scored: Any = None) -> list[Diagnostic]:
    """The warnings (``words.code``) naming what writing the files of ``writes`` (paths in
    ``folder``) would change in what the séance decided; none when the journal holds no
    decision, or when either reading of the call fails (``isgrid call check`` says why).
    ``loaded``: the call as ``folder`` holds it, already loaded by the caller (not read a
    second time); ``scored``: its result, already scored (not scored a second time)."""
    from ..engine import score
    from .decided_scenario import as_scenario
    from .load import load_call

    if not writes or not has_decisions(folder):
        return []
    try:
        call = loaded if loaded is not None else load_call(folder)
        before = scored if scored is not None else score(call)
        scenario = as_scenario(call, writes)
        after = score(call, scenario) if scenario is not None else _copied(folder, writes)
    except (IsgridError, OSError, ValueError):
        return []
    if not before.journal.decided:
        return []
    out: list[Diagnostic] = []
    for d in before.dossiers:
        if d.decision.outcome is None and not before.decided_by_vote(d):
            continue  # neither decided nor adopted: a proposal that may move
        try:
            e = after.dossier(d.id)
        except KeyError:
            continue
        if _reading(before, d) == _reading(after, e) and _money(d) != _money(e):
            # the same decision, another amount: the deliberation's annex, the letters and
            # the SCDL file would publish an amount the assembly did not vote
            out.append(Diagnostic(
                words.code, words.amount(d.id, _amount(_money(d)), _amount(_money(e))),
                _where(folder, d.id, words), "warning", hint=words.hint))
        elif _reading(before, d) != _reading(after, e):
            out.append(Diagnostic(
                words.code, words.reading(d.id, _seat(before, d), _seat(after, e)),
                _where(folder, d.id, words), "warning"))
    was, now = before.adopted, after.adopted
    if was is not None and (now is None or now.seq != was.seq):
        out.append(Diagnostic(
            words.code,
            Message("the list adopted by the vote of journal line {seq} would no longer be "
                    "adopted by it", seq=was.seq),
            Location(str(folder / "journal.jsonl"), line=was.seq), "warning"))
    return out


def _copied(folder: Path, writes: Sequence[tuple[Path, bytes]]) -> Any:
    """The result of a copy of ``folder`` with the files of ``writes``, loaded and scored:
    the writes no scenario says (:mod:`.decided_scenario`)."""
    from ..engine import score
    from .load import load_call

    with tempfile.TemporaryDirectory(prefix="isgrid-decided-") as tmp:
        copy = Path(tmp) / "call"
        shutil.copytree(folder, copy, ignore=_not_read(folder))
        for path, data in writes:
            target = copy / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return score(load_call(copy))


def hinted(found: Sequence[Diagnostic], words: Words, written: bool) -> list[Diagnostic]:
    """:func:`decided_changes`'s warnings with each hint said once, under the first line
    that has it, not under every dossier; once the option wrote (``written``), the hints
    that say what it would do give way to what is left to do (``words.written``,
    ``words.amount_written``)."""
    said: set[str] = set()
    out: list[Diagnostic] = []
    for d in found:
        hint = d.effective_hint
        if written:
            hint = words.amount_written if d.hint is not None else words.written
        key = str(hint)
        out.append(dataclasses.replace(d, hint=hint if key not in said else ""))
        said.add(key)
    return out
