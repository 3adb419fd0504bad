"""``isgrid intake`` on a call whose journal holds decisions: what the refresh would change in
what the séance decided, said before anything is written (``intake-changes-decided``).

The engine judges on the call's files as they are (docs/engine.md §6): facts refreshed after
the votes (a postponed dossier's eligible costs filled in) can move the jury's proposal under
the decisions, and so the freed places, the overrides (« décidé ≠ proposé »), a status, or
the list's adoption, which the minutes and letters already written say otherwise.  The call
is scored as it is and as the refresh would leave it (a copy of the folder with the dossier
files planned), and every dossier with a decision of its own or decided by the adopted list
whose reading changes is named, with its rank, total and status before and after, as
``isgrid decide`` shows the moves; the adoption, when it changes, too.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, IsgridError, Location, Message
from ..io.writelock import LOCK_NAME, PENDING_NAME
from ..messages import Money, _Value


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


def _has_decisions(folder: Path) -> bool:
    """Whether the journal holds a decision or a withdrawal (a cheap look, before scoring)."""
    path = folder / "journal.jsonl"
    if not path.is_file():
        return False
    text = path.read_text(encoding="utf-8", errors="replace")
    return '"kind":"decision"' in text or '"kind":"withdrawal"' in text \
        or '"kind": "decision"' in text or '"kind": "withdrawal"' in text


def _reading(r: Any, d: Any) -> tuple[Any, ...]:
    """What the séance's documents say of ``d``: status, computed status, the override,
    whether a vote decided it, the place it was proposed in."""
    return (str(d.status), str(d.computed.status), any(
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


def decided_changes(folder: Path, writes: Sequence[tuple[Path, bytes]]) -> list[Diagnostic]:
    """The warnings (``intake-changes-decided``) naming what writing the dossier files of
    ``writes`` would change in what the séance decided; none when the journal holds no
    decision, or when either reading of the call fails (``isgrid call check`` says why)."""
    from ..call.load import load_call
    from ..engine import score

    mine = [(p, b) for p, b in writes if p.parent == folder / "dossiers"]
    if not mine or not _has_decisions(folder):
        return []
    try:
        before = score(load_call(folder))
        with tempfile.TemporaryDirectory(prefix="isgrid-intake-") as tmp:
            copy = Path(tmp) / "call"
            shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(
                LOCK_NAME, PENDING_NAME))
            for path, data in mine:
                (copy / "dossiers" / path.name).write_bytes(data)
            after = score(load_call(copy))
    except (IsgridError, OSError):
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
                "intake-changes-decided",
                Message("the refresh changes the amount the meeting decided for {dossier}: "
                        "{before} -> {after}", dossier=d.id, before=_amount(_money(d)),
                        after=_amount(_money(e))),
                Location(str(folder / "dossiers" / f"{d.id}.yaml")), "warning",
                hint=Message("A vote recorded without --amount grants the amount the "
                             "dossier holds: its annex, letters and SCDL file would say the "
                             "new one. To keep the amount voted, cancel the vote (isgrid "
                             "journal cancel) and record it again with --amount, then "
                             "refresh; --change-decided writes the new facts anyway.")))
        elif _reading(before, d) != _reading(after, e):
            out.append(Diagnostic(
                "intake-changes-decided",
                Message("the refresh changes what the meeting decided for {dossier}: {before} "
                        "-> {after}", dossier=d.id, before=_seat(before, d),
                        after=_seat(after, e)),
                Location(str(folder / "dossiers" / f"{d.id}.yaml")), "warning"))
    was, now = before.adopted, after.adopted
    if was is not None and (now is None or now.seq != was.seq):
        out.append(Diagnostic(
            "intake-changes-decided",
            Message("the list adopted by the vote of journal line {seq} would no longer be "
                    "adopted by it", seq=was.seq),
            Location(str(folder / "journal.jsonl"), line=was.seq), "warning"))
    return out
