"""``isgrid intake``: dossiers in from Démarche Numérique, and the jury's proposal back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .base import DefaultGroup, State, _, _n, in_cli_lang, pass_state


class _DefaultGroup(DefaultGroup):
    """``isgrid intake CALL …`` runs ``refresh``; ``isgrid intake push CALL`` runs ``push``."""

    default = "refresh"


@click.group("intake", cls=_DefaultGroup)
def intake() -> None:
    """Dossiers in from Démarche Numérique (export file or API); proposal back (push).

    \b
    Examples:
      isgrid intake my-call --from export-dossiers.xlsx
      isgrid intake my-call --api          (token in $DEMARCHE_NUMERIQUE_TOKEN)
      isgrid intake push my-call           (dry run: what would be written)
    """


@intake.command("refresh")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--from", "export", type=click.Path(path_type=Path), default=None,
              help="The export file (XLSX, ODS or CSV) [default: intake.file].")
@click.option("--api", is_flag=True, help="Read the démarche through the GraphQL API.")
@click.option("--full", is_flag=True, help="With --api: every dossier, not only those "
              "updated since the last refresh.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--change-decided", is_flag=True, help="Write even when the refreshed facts "
              "change what the meeting decided (statuses, the list's adoption).")
@pass_state
def refresh(state: State, folder: Path, export: Path | None, api: bool, full: bool,
            dry_run: bool, change_decided: bool) -> None:
    """Refresh the call's dossiers from the platform and report what changed.

    Ratings, the journal and the keys you wrote in the dossiers (summary,
    narrative…) are never touched; a dossier file changes in place, its
    comments and layout kept.
    """
    from ..intake.refresh import refresh as run

    if api and export is not None:
        raise click.UsageError(_("give --from FILE or --api, not both"))
    report = run(folder, export=export, api=api, dry_run=dry_run, full=full,
                 change_decided=change_decided, warn=state.handle_warnings)  # said before anything is written
    for line in render(report):
        click.echo(line)


def state_words(state: Any) -> str:
    """A dossier state of the platform (``en_instruction``) in words: « en instruction »."""
    words = {"en_construction": _("being filled in"), "en_instruction": _("being examined"),
             "accepte": _("accepted"), "refuse": _("refused"), "sans_suite": _("closed without follow-up")}
    return words.get(state, str(state))


def value_text(value: Any) -> str:
    """A fact's value in a « changed » line: « (empty) » when it has none, yes or no, a
    number as written, a text between quotes (never Python's None, True)."""
    if value is None or value == "" or value == []:
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    from ..messages import Quote

    return in_cli_lang(Quote(value)) if isinstance(value, str | list | dict) else str(value)


def push_value(write: Any, lang: str) -> str:
    """An annotation's value in a ``push`` line, as a reader reads it (never Python's
    ``'retenu'``, ``100.0``): the proposal as it is written (« retenu », the engine's word,
    data), the score as a total is printed (« 75,0 », ``75.0`` in English), the amount in
    euros (« 18 000 € », ``€18,000``)."""
    from ..messages import decimal_text, euros

    value = write.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if write.about == "amount":
        return euros(value, lang)
    return decimal_text(f"{value:.1f}", lang)


def render(report: Any) -> list[str]:
    """What a refresh changed, in the command line's language."""
    lines = [_("source: {source}").format(source=report.source)]
    for did in report.new:
        lines.append(_("new: {dossier}").format(dossier=did))
    for did, changes in report.changed.items():
        for c in changes:
            if c.fact == "state":  # the dossier's state on the platform, not a fact
                lines.append(_("changed: {dossier} state: {old} -> {new}").format(
                    dossier=did, old=state_words(c.old), new=state_words(c.new)))
                continue
            lines.append(_("changed: {dossier} {fact}: {old} -> {new}").format(
                dossier=did, fact=c.fact, old=value_text(c.old), new=value_text(c.new)))
    for did, changes in report.kept.items():
        for c in changes:  # a value edited by hand since the last intake, kept
            lines.append(_("kept: {dossier} {fact}: {value} (edited by hand since the last "
                           "intake; the platform says {new})").format(
                dossier=did, fact=c.fact, value=value_text(c.old), new=value_text(c.new)))
    for did, st in report.left.items():
        if st == "en_construction":  # the platform's correction round, not a withdrawal
            lines.append(_("sent back for correction: {dossier} ({why}); its file is kept, "
                           "and taken in again once its holder has corrected it").format(
                dossier=did, why=_("state {state}").format(state=state_words(st))))
            continue
        why = (_("no longer in the export") if st == "absent"
               else _("state {state}").format(state=state_words(st)))
        lines.append(_("left the filter: {dossier} ({why}); its file is kept: withdraw it "
                       "(isgrid withdraw) or remove it by hand").format(dossier=did, why=why))
    counts = (len(report.new), len(report.changed), len(report.left), report.unchanged,
              report.opinions)
    summary = ", ".join((  # « 1 nouveau, 2 modifiés »: each count in its form
        _n("{n} new", "{n} new", counts[0]), _n("{n} changed", "{n} changed", counts[1]),
        _n("{n} left the filter", "{n} left the filter", counts[2]),
        _n("{n} unchanged", "{n} unchanged", counts[3]), _n("{n} avis", "{n} avis", counts[4])))
    if report.outside:  # refused before they were taken in: one count, not a line each
        summary += _("; {n} outside the filter, not taken in").format(n=len(report.outside))
    lines.append(summary)
    if report.dry_run:
        lines.append(_("dry run: nothing written"))
    else:
        n = len(report.written)
        lines.append(_n("wrote {n} file", "wrote {n} files", n))
    return lines


@intake.command("push")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--dry-run/--apply", "dry_run", default=True,
              help="Show what would be written (default), or write it (--apply; write token "
                   "in the variable named by intake.push.token_env).")
@pass_state
def push(state: State, folder: Path, dry_run: bool) -> None:
    """Write the jury's proposal, score and amount into private annotations, and labels.

    Never accepts or refuses a dossier: that act stays with the agents.
    """
    from ..intake.push import push as run

    report = run(folder, apply=not dry_run)
    lang = state.cli_lang
    for w in report.writes:
        what = (_("annotation « {name} » = {value}").format(name=w.name,
                                                           value=push_value(w, lang))
                if w.kind == "annotation" else _("label « {name} »").format(name=w.name))
        click.echo((_("wrote: {dossier} {what}") if report.applied
                    else _("would write: {dossier} {what}")).format(dossier=w.dossier,
                                                                     what=what))
    if report.skipped:
        click.echo(_("not from the platform (never taken in by isgrid intake): {ids}").format(
            ids=", ".join(report.skipped)))
    if report.no_api_id:
        click.echo(_("no API id yet (taken in from an export): {ids}; run isgrid intake "
                     "{call} --api once (a read token) to record them, then push").format(
            ids=", ".join(report.no_api_id), call=folder))
    click.echo(_n("{n} write sent", "{n} writes sent", report.sent)
               if report.applied else _("dry run: nothing sent (--apply to write)"))
