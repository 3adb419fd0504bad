"""``isgrid journal verify``, ``show`` and ``cancel``: the decisions journal
(``journal.jsonl``, :mod:`isgrid.call.journal`) checked, read, and an entry recorded by
mistake cancelled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import Message, Quote
from .base import Command, Group, State, _, _n, lang_of, pass_state, reads_call
from .decisions import _common, _line, _load, _moved


@click.group("journal", cls=Group)
def journal() -> None:
    """Check and read the call's decisions journal (journal.jsonl)."""


@journal.command("verify")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--head", "head_hash", default=None, metavar="HASH",
              help="The head printed in the signed minutes: check that the journal still "
                   "holds it (removed or rewritten lines are then detected).")
def journal_verify(folder: Path, head_hash: str | None) -> None:
    """Verify the hash chain; name the first broken entry (file:line).

    With --head, also check that the entry whose hash the signed minutes print
    is still in the journal: the chain alone cannot show that its last lines
    were removed, or that the whole chain was rewritten with new hashes.

    \b
    Examples:
      isgrid journal verify my-call
      isgrid journal verify my-call --head 3f5a…(64 hex digits, from the minutes)
    """
    from ..call.heads import find_head, find_purged_head
    from ..call.journal import journal_path, read_journal, verify_journal
    from ..errors import CallError, Diagnostic, Location, UsageError

    path = journal_path(folder)
    diags = verify_journal(path)
    if diags:
        raise CallError("the journal is broken", diags)
    wanted = head_hash.strip().lower() if head_hash is not None else None
    if wanted is not None and (len(wanted) != 64
                               or any(c not in "0123456789abcdef" for c in wanted)):
        raise UsageError("--head is not a sha256", [Diagnostic(
            "bad-option", Message("--head {value} is not a hash of 64 hexadecimal digits",
                                  value=Quote((head_hash or '')[:80])),
            Location(),  # the option, named in the message: the journal is not at fault
            hint="Copy the head printed at the end of the signed minutes.")])
    entries = read_journal(folder) if path.is_file() else []
    if wanted is not None:
        seq = find_head(entries, wanted)
        purged = find_purged_head(entries, wanted) if seq is None else None
        if purged is not None:  # a purge re-sealed the chain since: not a tampering
            _purged_head(entries, *purged)
            return
        if seq is None:
            raise CallError("the signed head is not in the journal", [Diagnostic(
                "journal-broken", Message("no entry of the journal has the head {wanted}… of the "
                                          "signed minutes: lines were removed, or the chain was "
                                          "rewritten",
                                          wanted=wanted[:12]),
                Location(str(path)), hint="Compare with a saved copy of journal.jsonl; "
                "restore it (never edit the journal by hand).")])
        later = len(entries) - seq
        click.echo(_n("ok: {n} entry, head sha256 {head}; the signed head is entry {seq}",
                      "ok: {n} entries, head sha256 {head}; the signed head is entry {seq}",
                      len(entries)).format(head=entries[-1].hash, seq=seq)
                   + (_n(", {n} entry recorded since", ", {n} entries recorded since",
                         later) if later else _(", the last one")))
        return
    if not entries:
        click.echo(_("ok: no journal yet"))
        return
    click.echo(_n("ok: {n} entry, head sha256 {head}", "ok: {n} entries, head sha256 {head}",
                  len(entries)).format(head=entries[-1].hash))


def _purged_head(entries: list[Any], seq: int, purge: Any) -> None:
    """Say that the signed head is entry ``seq`` as it was before ``purge`` (the purge
    entry that records it) re-sealed the chain: the journal is not broken, but the entries
    up to it no longer verify against the signed minutes (review audit, finding 10)."""
    from ..documents.typography import date_words

    lang = lang_of(click.get_current_context())
    when = date_words(purge.at[:10], lang) if purge.at else "?"
    # the first entry the purge changed (a purge recorded before hashes_before: unknown, 1)
    before = purge.hashes_before or ()
    first = next((e.seq for e, old in zip(entries, before, strict=False) if e.hash != old),
                 1 if not before else seq)
    click.echo(_n("ok: {n} entry, head sha256 {head}", "ok: {n} entries, head sha256 {head}",
                  len(entries)).format(head=entries[-1].hash)
               + _("; the signed head is entry {seq} as it was before the purge of entry "
                   "{purge} ({date}): the purge re-sealed entries {first} to {last} (personal "
                   "data removed), which no longer verify against the signed minutes").format(
                       seq=seq, purge=purge.seq, date=when, first=first, last=purge.seq - 1))


@journal.command("show")
@click.argument("folder", type=click.Path(path_type=Path))
def journal_show(folder: Path) -> None:
    """List the journal's entries, one per line.

    An entry cancelled says by which entry (isgrid journal cancel).

    \b
    Example:
      isgrid journal show my-call
    """
    from ..call.journal import cancelled, read_journal
    from ..documents.stage import folder_words

    lang = lang_of(click.get_current_context())
    entries = read_journal(folder)
    with folder_words(folder):  # « présélectionné » on a présélection (.documents.stage)
        _show(entries, cancelled(entries), lang)


def _show(entries: list[Any], gone: dict[int, int], lang: str) -> None:
    """``journal show``'s lines: each entry, and the entry that cancelled it."""
    from ..documents.text import stage_word

    rows = []
    for e in entries:
        # the purge is recorded with the stage « vote »: no vote, no stage shown
        stage = "" if e.kind == "purge" else stage_word(e.stage, lang)
        mark = (" " + _("[cancelled by entry {seq}]").format(seq=gone[e.seq])
                if e.seq in gone else "")
        rows.append((str(e.seq), stage, _kind_word(e.kind), e.dossier, entry_words(e, lang),
                     _("{by}: {reason}").format(by=e.by, reason=e.reason) + mark))
    # each column as wide as its widest cell (at least as wide as it was): a vote with
    # its deliberation (« retenu (CP-2016-06-02) ») pushed its author right of the others
    # (review audit, finding 12)
    widths = [max([least, *(len(r[i]) for r in rows)])
              for i, least in enumerate((3, 12, 10, 10, 18))]
    for r in rows:
        click.echo(" ".join([r[0].rjust(widths[0]),
                             *(cell.ljust(w) for cell, w in zip(r[1:5], widths[1:],
                                                                strict=True)), r[5]]))


def _kind_word(kind: str) -> str:
    return {"consensus": _("consensus"), "decision": _("decision"),
            "withdrawal": _("withdrawal"), "purge": _("purge"),
            "cancellation": _("cancellation")}.get(kind, kind)


def entry_words(e: Any, lang: str) -> str:
    """What journal entry ``e`` records, in a few words of ``lang`` (the journal records
    its words in French, as data: outcomes and stages are said in the command line's
    language, as decide says them)."""
    from ..documents.text import status_word
    from ..messages import decimal_text, euros, plain_number
    from ..vocabulary import Outcome

    if e.kind == "consensus":
        value = (decimal_text(plain_number(e.value), lang)
                 if isinstance(e.value, int | float) else e.value)
        return f"{e.criterion}={value}"
    if e.kind == "purge":
        return ""
    if e.kind == "cancellation":
        return _("cancels entry {seq}").format(seq=e.cancels)
    return (status_word(e.outcome or Outcome.RETIRE, lang)
            + (f" {euros(e.amount, lang)}" if e.amount is not None else "")
            + (f" [{e.votes_for}/{e.votes_against}/{e.abstentions}]"
               if e.votes_for is not None else "")
            + (f" ({e.reference})" if e.reference is not None else ""))


@journal.command("cancel", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("entry", type=click.IntRange(min=1), metavar="ENTRY")
@_common
@pass_state
@reads_call
def journal_cancel(state: State, folder: Path, entry: int, by: str, reason: str,
                   at: str | None) -> None:
    """Cancel an entry recorded by mistake.

    ENTRY is its number (isgrid journal show lists them): a decision typed on the
    wrong dossier, a mistyped amount, a withdrawal or a consensus recorded by mistake.
    The entry then counts for nothing, as if it had never been recorded (the statuses,
    the money, the places it freed, the minutes' deliberations). It stays in the
    journal, whose lines are never changed, and the minutes' history shows it with its
    cancellation. To record what was meant, use decide, withdraw or consensus set as
    usual, before or after.

    \b
    Example:
      isgrid journal cancel my-call 4 --by "Secretariat" --reason "typed on D4, meant for D3"
    """
    from ..documents.stage import stage_words
    from ..journal import cancel_entry

    call = _load(state, folder)
    done = cancel_entry(call, entry, by=by, reason=reason, at=at)
    before, after, target = done.before, done.after, done.cancelled
    assert target is not None  # a cancellation's entry
    lang = state.cli_lang
    with stage_words(call):  # « présélectionné » on a présélection (.documents.stage)
        _cancel_said(entry, target, before, after, lang)


def _cancel_said(entry: int, target: Any, before: Any, after: Any, lang: str) -> None:
    """What ``journal cancel`` says it did: the entry, and the statuses it moved."""
    click.echo(_("Entry {seq} cancelled ({dossier}, {kind}: {what}): it counts for nothing "
                 "now.").format(seq=entry, dossier=target.dossier,
                                kind=_kind_word(target.kind), what=entry_words(target, lang)))
    b = next((d for d in before.dossiers if d.id == target.dossier), None)
    a = next((d for d in after.dossiers if d.id == target.dossier), None)
    if a is not None and b is not None and _line(b, lang) != _line(a, lang):
        click.echo(_("  {dossier}: {before} -> {after}").format(
            dossier=target.dossier, before=_line(b, lang), after=_line(a, lang)))
    _moved(before, after, lang)
