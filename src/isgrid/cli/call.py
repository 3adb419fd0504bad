"""``isgrid call``: create and check call folders."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .base import Group, State, _, _n, in_cli_lang, pass_state, reads_call
from .options import lang_option

if TYPE_CHECKING:
    from ..engine.aggregate import RatingCounts


@click.group("call", cls=Group)
def call() -> None:
    """Create, check and purge call folders (personal data)."""


@call.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--grid", "grid_ref", default=None,
              help="A grid id (id@version) or file (required without --from).")
@click.option("--from", "from_call", default=None, type=click.Path(path_type=Path),
              metavar="OLD",
              help="Start the next edition of the call in this folder: its grid, set: and "
                   "blocks, never its journal, ratings, recusals or consensus.")
@click.option("--title", default=None, help="The call's title.")
@lang_option("The call's language, written as call.yaml's `lang` with the comments and "
             "examples in it [default: the global --lang, else French].", dest="call_lang")
@pass_state
def call_init(state: State, folder: Path, grid_ref: str | None, from_call: Path | None,
              title: str | None, call_lang: str | None) -> None:
    """Create a call folder with one example dossier and a blank ratings file; or, with
    --from, the next edition of an earlier call.

    \b
    Examples:
      isgrid call init my-call --grid alsace-aap-2016
      isgrid call init my-call --grid alsace-aap-2016 --lang en
      isgrid call init aap-2026 --from aap-2025 --title "Appel à projets 2026"
    """
    from ..errors import Diagnostic, Location, Message, UsageError

    if from_call is not None:
        if grid_ref is not None:
            raise UsageError(_("--grid and --from do not go together"), [Diagnostic(
                "bad-option", Message("--grid and --from do not go together"), Location(),
                hint="The next edition keeps the grid of the call it starts from; to change "
                     "the grid, edit grid: in the new call.yaml.")])
        _next_edition(state, folder, from_call, title, call_lang)
        return
    if grid_ref is None:
        raise UsageError(_("give --grid, or --from an earlier call"), [Diagnostic(
            "bad-option", Message("give --grid, or --from an earlier call"), Location(),
            hint="isgrid call init my-call --grid alsace-aap-2016, or isgrid call init "
                 "aap-2026 --from aap-2025 for the next edition of a call.")])
    from ..call.init import init_call

    lang = state.document_lang(None, call_lang)
    for path in init_call(folder, grid_ref, title, state.handle_warnings, lang):
        click.echo(_("wrote {path}").format(path=path))


def _next_edition(state: State, folder: Path, old: Path, title: str | None,
                  call_lang: str | None) -> None:
    """``call init NEW --from OLD``: what was written, left out, and is to update."""
    from ..call.edition import next_edition

    done = next_edition(old, folder, title=title, lang=call_lang)
    for path in done.written:
        click.echo(_("wrote {path}").format(path=path))
    if done.left_out:
        click.echo(_("left out of call.yaml (the last séance): {keys}").format(
            keys=", ".join(done.left_out)))
    if done.not_copied:
        click.echo(_("not copied from {old}: {files}").format(
            old=old, files=", ".join(done.not_copied)))
    if done.to_update:
        said = [_("{key} (was {value})").format(key=k, value=v) if v is not None else k
                for k, v in done.to_update]
        click.echo(_("to update: {keys}").format(keys=", ".join(said)))
    if done.jury:
        click.echo(_n("to check: assessors, the jury kept as it was ({n} member): who sits "
                      "this year, and a new id for a new person",
                      "to check: assessors, the jury kept as it was ({n} members): who sits "
                      "this year, and a new id for a new person", done.jury))
    click.echo(_("put this edition's dossiers in {dossiers}, then: isgrid call check "
                 "{folder}").format(dossiers=folder / "dossiers", folder=folder))


@call.command("check")
@click.argument("folder", type=click.Path(path_type=Path))
@pass_state
@reads_call
def call_check(state: State, folder: Path) -> None:
    """Check a call folder: every problem of every file, at once.

    \b
    Example:
      isgrid call check examples/alsace-2016
    """
    from ..call.edition import other_edition_warnings
    from ..call.interested import interested_warnings
    from ..call.journal import in_effect, journal_of, journal_path
    from ..call.purge import leftover_warnings
    from ..documents.incomplete import call_warnings
    from ..documents.quorum import quorum_warnings
    from ..engine.aggregate import counts_of
    from ..engine.unmet import constraint_value_warnings, unmet_warnings
    from ..jury.opinions import load_opinions

    loaded = state.load_call(folder)
    # the jurors' opinions too (read by the reports only): a bad amount there was said by
    # `report`, never by the check; then what the documents would lack as the call is now
    # and a purge stopped partway: the jurors' comments left in a hidden folder; and,
    # with the call's own, a rule no dossier meets (a fact from the wrong column)
    warnings = [*loaded.warnings, *unmet_warnings(loaded), *constraint_value_warnings(loaded),
                *load_opinions(loaded).warnings,
                *call_warnings(loaded), *leftover_warnings(loaded),
                *quorum_warnings(loaded),  # a dossier deliberated below the quorum
                # a consensus or decision recorded by a member out of its deliberation
                *interested_warnings(loaded, in_effect(journal_of(loaded)),
                                     str(journal_path(loaded.folder))),
                *other_edition_warnings(loaded)]  # last year's journal, copied with it
    if loaded.config.constraints:  # a portfolio constraint no selection meets: the walk's
        from ..engine import score  # reading (docs/decisions.md §4), for such calls only

        warnings += score(loaded).constraint_warnings(str(loaded.folder / "call.yaml"))
    from ..documents.zerogrant import might_grant_nothing, zero_grant_warnings

    if might_grant_nothing(loaded):  # a vote of 0 € an older journal holds: no grant
        from ..engine import score

        warnings += zero_grant_warnings(loaded, score(loaded))
    state.handle_warnings(warnings, checking=True)  # a file read as cp1252 said here only
    # what the ratings received count for, from the engine's aggregate stage: « 810 notes
    # reçues » with the NE and the déports' ratings among them said, never read as 810
    # ratings the ranking reads; « 2 000 000 notes »: each count in its form (_n)
    counts = counts_of(loaded)
    from ..documents.text import version_words  # « 1, adaptée par l'appel », never « 1+call »

    click.echo(_("ok: {dossiers}, {given} ({empty}), {assessors}, grid {grid} version "
                 "{version}").format(
        dossiers=_n("{n} dossier", "{n} dossiers", len(loaded.dossiers)),
        given=_n("{n} rating received", "{n} ratings received", counts.given),
        # the cells the jurés were expected to fill and left empty: the count of the
        # ratings-missing warnings (isgrid.call.expected), not the files' blank rows (a
        # workbook's import writes none: it read « 0 cellule vide » beside the warning)
        empty=_counted(counts) + _n("{n} empty cell", "{n} empty cells",
                                    loaded.missing.cells if loaded.missing is not None
                                    else len(loaded.table) - counts.given),
        assessors=_n("{n} assessor", "{n} assessors", len(loaded.assessors)),
        grid=loaded.grid.grid.id,
        version=version_words(loaded.grid.grid.version, state.cli_lang)))


def _counted(counts: RatingCounts) -> str:
    """« dont 37 « NE » et 8 écartées par déport ; »: the ratings received that the
    ranking does not read, before the empty cells; nothing when every one counts."""
    parts = []
    if counts.na:
        parts.append(_n("{n} marked NE", "{n} marked NE", counts.na))
    if counts.excluded:
        parts.append(_n("{n} excluded by a conflict", "{n} excluded by a conflict",
                        counts.excluded))
    if not parts:
        return ""
    return _("of which {parts}; ").format(parts=_(" and ").join(parts))


@call.command("purge")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--dry-run/--apply", "dry_run", default=True,
              help="List what would go (default), or remove it (--apply).")
@click.option("--today", default=None, metavar="YYYY-MM-DD",
              help="The date the purge is judged at [default: today].")
@pass_state
def call_purge(state: State, folder: Path, dry_run: bool, today: str | None) -> None:
    """Pseudonymise jurors, remove comments and contact facts once retention is over.

    Scores, decisions and the journal's chain (re-sealed with a purge entry)
    stay: `isgrid score` gives the same ranking after.  call.yaml and the dossier
    files keep their comments and layout; a name quoted in a comment, or in the
    journal's reasons and motivations, is pseudonymised too.  See
    docs/personal-data.md.

    \b
    Example:
      isgrid call purge my-call            (what would go)
      isgrid call purge my-call --apply
    """
    import datetime as dt

    from ..call.purge import purge
    from ..documents.typography import date_words

    try:
        day = dt.date.fromisoformat(today) if today else None
    except ValueError:
        raise click.BadParameter("YYYY-MM-DD", param_hint="--today") from None
    plan = purge(folder, apply=not dry_run, today=day, warn=state.handle_warnings)
    verb = "" if plan.applied else _("would ")
    if plan.grid_missing is not None:  # an old call: purged all the same, said first
        click.echo(_("the grid {grid} was not found: the purge does not need it (the dossiers "
                     "and ratings were not checked against it)").format(grid=plan.grid_missing))
    for real, alias in plan.names.items():
        click.echo(verb + _("pseudonymise: {real} -> {alias}").format(real=real, alias=alias))
    for f, lines in plan.named_comments.items():
        click.echo(verb + _n("pseudonymise the names in the comment of {file}, line {lines}",
                             "pseudonymise the names in the comments of {file}, lines {lines}",
                             len(lines)).format(file=f, lines=", ".join(map(str, lines))))
    for f, keys in plan.values.items():
        click.echo(verb + _("pseudonymise the names in {file}: {keys}").format(
            file=f, keys=", ".join(keys)))
    for key, value in plan.kept:  # said, never changed: no « would »
        click.echo(_("keep: {key} {value}, an official signing in office (see "
                     "docs/personal-data.md)").format(key=key, value=in_cli_lang(value)))
    for f, n in plan.comments.items():
        click.echo(verb + _n("empty: {n} comment in {file}", "empty: {n} comments in {file}",
                             n).format(file=f))
    for f, facts in plan.contact.items():
        click.echo(verb + _("remove: {facts} from {file}").format(facts=", ".join(facts),
                                                                   file=f))
    for f in plan.removed:
        click.echo(verb + _("remove: {folder}/").format(folder=f))
    if plan.head_before is not None:
        click.echo(verb + _n("re-seal the journal ({n} entry pseudonymised) with a purge "
                             "entry; head before: {head}",
                             "re-seal the journal ({n} entries pseudonymised) with a purge "
                             "entry; head before: {head}", plan.journal_by).format(
            head=plan.head_before))
    if plan.journal_texts:
        click.echo(verb + _n("pseudonymise the names written in the reason or motivation of "
                             "journal entry {seqs}",
                             "pseudonymise the names written in the reasons or motivations "
                             "of journal entries {seqs}", len(plan.journal_texts)).format(
            seqs=", ".join(map(str, plan.journal_texts))))
    if plan.journal_contacts:
        click.echo(verb + _n("remove the applicants' contact details written in the reason or "
                             "motivation of journal entry {seqs}",
                             "remove the applicants' contact details written in the reasons "
                             "or motivations of journal entries {seqs}",
                             len(plan.journal_contacts)).format(
            seqs=", ".join(map(str, plan.journal_contacts))))
    if not plan.applied:
        # « conservation jusqu'au pas de date de début » was no sentence: two messages
        head = (_("retention until {due}: ").format(
            due=date_words(plan.due.isoformat(), state.cli_lang)) if plan.due
                else _("the retention period has no start date (retention.since, "
                       "meeting.vote.date or meeting.date): "))
        click.echo(head
                   + (_("due; --apply to purge") if plan.is_due else _("not due yet"))
                   + _("; dry run: nothing changed"))
    else:
        click.echo(_("purged"))
    # isgrid cannot know where its documents were written (-o): said, every time
    click.echo(_("Documents written from this call (reports, minutes, letters, workbooks) "
                 "are not purged: delete the copies you no longer need."))
