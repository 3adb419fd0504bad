"""``isgrid report``: committee report, dossier fiches, applicant feedback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .base import Command, State, _, pass_state, reads_call
from .options import (
    DOC_LANG,
    force_option,
    format_option,
    format_refused,
    lang_option,
    output_option,
    reference_option,
)


class _Report(Command):
    def output_files(self, ctx: click.Context) -> list[Path]:
        """Feedback letters, but for their mail merge (csv), go into the -o folder."""
        if ctx.params.get("kind") == "feedback" and ctx.params.get("fmt") != "csv":
            return []
        return super().output_files(ctx)


@click.command("report", cls=_Report)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--kind", type=click.Choice(["committee", "fiches", "feedback", "pv", "cp-annex",
                                           "seance", "access"]),
              default="committee", show_default=True,
              help="Which document (pv: the minutes (procès-verbal) of the meeting; cp-annex: "
                   "the table of grants the deciding board (CP, Commission permanente) "
                   "votes; seance: the one-page meeting board; access: what one applicant "
                   "may obtain about their dossier (CRPA), with --dossier).")
@format_option("html", "md", "pdf", "docx", "csv", default="html",
               help="docx: committee, pv, cp-annex and feedback, to edit in a word processor; csv: "
                    "feedback only, one row per letter for a mail merge; seance: html or pdf "
                    "only.")
@output_option("The file to write; for --kind feedback, a folder (one file per dossier).",
               required=True)
@click.option("--level", type=click.Choice(["interne", "communicable", "public"]), default=None,
              help="Confidentiality level: interne (internal), communicable, public "
                   "[default: interne; communicable for feedback].")
@lang_option(DOC_LANG, dest="doc_lang")
@click.option("--template-dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="A folder of templates that override the packaged ones.")
@click.option("--dossier", "only", multiple=True,
              help="Only this dossier (fiches, feedback; access: the one dossier); repeat for several.")
@click.option("--shared-only", is_flag=True, default=False,
              help="access: quote only the comments the jurors marked shareable.")
@reference_option()
@force_option("Replace existing output files.")
@pass_state
@reads_call
def report(state: State, folder: Path, kind: str, fmt: str, output: Path, level: str | None,
           doc_lang: str | None, template_dir: Path | None, only: tuple[str, ...],
           shared_only: bool, reference: str | None, force: bool) -> None:
    """Write a committee report, dossier fiches or applicant feedback letters.

    \b
    Levels: interne (internal: everything, named assessors), communicable (no
    assessor names, no individual values, but every applicant's results: to
    occult before one applicant gets it), public (laureates and amounts only).
    Until a vote is recorded, documents speak of a "Proposal of the jury".
    pv: the minutes (procès-verbal); cp-annex: the table of grants the
    deciding board (CP, Commission permanente) votes; seance: the meeting board;
    access: for one dossier, what its applicant may obtain (CRPA L311-1, L311-6):
    its values per juror, jurors as « Juré A », comments, journal, minutes'
    lines, recusals without names, the grid's fingerprint; others: the funded list.

    \b
    Examples:
      isgrid report examples/alsace-2016 -o committee.html
      isgrid report examples/alsace-2016 --format pdf -o committee.pdf
      isgrid report examples/alsace-2016 --kind fiches --format md -o fiches.md
      isgrid report examples/alsace-2016 --kind feedback -o letters/
      isgrid report examples/alsace-2016 --kind feedback --format docx -o letters/
      isgrid report examples/alsace-2016 --kind feedback --format csv -o mailmerge.csv
      isgrid report examples/alsace-2016 --level public --lang en -o laureates.html
      isgrid report examples/alsace-2016 --kind seance --format pdf -o board.pdf
      isgrid report my-call --kind cp-annex --reference CP-2026-06-02 -o annex.html
      isgrid report my-call --kind access --dossier AL16-03 --format md -o acces.md
    """
    from ..call.dossier_facts import typed_id
    from ..errors import Diagnostic, Location, UsageError
    from .minutes import check_reference, write_minutes

    reference = check_reference(reference, kind)  # before anything is read, as minutes does
    only = tuple(typed_id(did) for did in only)  # read as every typed id is

    if kind == "seance":
        _seance(state, folder, fmt, output, doc_lang, template_dir, list(only), force)
        return
    if shared_only and kind != "access":  # the letters have their own rule (shareable)
        from ..i18n import translator

        raise UsageError(translator("access", state.cli_lang)("cli.shared-only", kind=kind))
    if kind == "access":
        from .report_access import write_access

        write_access(state, folder, fmt, output, level, doc_lang, only, shared_only, force)
        return
    minutes = kind in ("pv", "cp-annex")
    allowed = (("html", "pdf", "docx") if minutes else
               ("html", "md", "pdf", "docx", "csv") if kind == "feedback" else
               ("html", "md", "pdf", "docx") if kind == "committee" else ("html", "md", "pdf"))
    if fmt not in allowed:
        raise UsageError("format", [Diagnostic(
            "bad-option", format_refused(kind, fmt), Location(str(output)),
            hint="pv and cp-annex: html, pdf or docx; feedback: html, md, pdf, docx or csv "
                 "(one file for a mail merge); committee: html, md, pdf or docx; fiches: html, "
                 "md or pdf; seance: html or pdf.")])
    if minutes:
        write_minutes(state, folder, kind, fmt, output, doc_lang, template_dir, force,
                      reference=reference)
        return
    _run(state, folder, kind, fmt, output, level, doc_lang, template_dir, list(only) or None,
         force)


def _run(state: State, folder: Path, kind: Any, fmt: Any, output: Path, level: Any,
         doc_lang: str | None, template_dir: Path | None, only: list[str] | None,
         force: bool) -> None:
    """``doc_lang``: the command's --lang; None lets :meth:`State.document_lang` choose."""
    from ..documents.build import DEFAULT_LEVEL, check_level, uses_opinions
    from ..documents.incomplete import (
        appeal_warnings,
        signatory_warnings,
        unmotivated_in_journal,
    )
    from ..documents.letter_people import letter_people_warnings
    from ..documents.output import Letters, render_report
    from ..engine import score
    from ..errors import UsageError
    from ..i18n import translator
    from ..io.write import check_output, write_files, write_output
    from ..jury.opinions import load_opinions

    # The command's own messages are in the command line's language, as every other
    # command's ("wrote", "écrit :"); the documents take the call's (or --lang).
    t = translator("report", state.cli_lang)
    check_level(kind, level or DEFAULT_LEVEL[kind], state.cli_lang)
    letters = kind == "feedback" and fmt != "csv"  # one file per dossier, in the -o folder
    if letters and output.exists() and not output.is_dir():  # said before the work
        raise UsageError(t("cli.outdir", path=output))
    loaded = state.load_call(folder)
    state.handle_warnings(loaded.warnings)
    lang = state.document_lang(loaded, doc_lang)
    opinions = None
    if uses_opinions(kind, level or DEFAULT_LEVEL[kind]):
        # jurors' opinions: a broken file gives warnings, never stops the report
        opinions = load_opinions(loaded)
        state.handle_warnings(opinions.warnings)
    result = score(loaded)
    # a portfolio constraint no selection meets (docs/decisions.md §4)
    state.handle_warnings(result.constraint_warnings(str(loaded.folder / "call.yaml")))
    if only:
        known = {d.id for d in result.dossiers}
        for did in only:
            if did not in known:
                raise UsageError(t("cli.no-dossier", id=did))
    if kind == "feedback":  # a letter that will state a decision against the proposal with
        # no reason (the call changed since it was recorded?): said before it is written
        state.handle_warnings(unmotivated_in_journal(loaded, result, only))
        state.handle_warnings(signatory_warnings(loaded))  # letters nobody signs
        # a shared comment quoting a juror's name or another applicant's contact
        state.handle_warnings(letter_people_warnings(loaded, result, only))
        state.handle_warnings(appeal_warnings(loaded, result))  # an English call's appeal
    inputs = [loaded.folder / rel for rel in loaded.inputs]
    inputs += [loaded.folder / rel for rel in (opinions.files if opinions else [])]
    if kind == "feedback":  # made one at a time, each written as it is made
        from functools import partial

        from ..engine.dossiers import made_now
        from ..io.collector import freeze_long_lived

        if not letters:
            check_output(output, inputs=inputs, force=force)  # said before the work
        made = Letters(loaded, result, fmt, level=level, lang=lang, template_dir=template_dir,
                       dossiers=only)
        # the call and its result live on: the collector's full passes then walk what the
        # letters leave only (a Word letter's objects are cyclic; without this, they piled
        # up between full passes: 230 MB after 100 letters, 347 MB after 600, 2,000 dossiers;
        # the result's records made first, to be frozen with it)
        made_now(result.dossiers)
        freeze_long_lived()
        if not letters:  # the mail merge, one row per letter
            write_output(output, made.csv(), inputs=inputs, force=force)
            click.echo(_("wrote {path}").format(path=output), err=True)
            return
        targets = [(output / f"{did}.{fmt}", did) for did in made.ids]
        for path, _did in targets:  # check all before writing any
            check_output(path, inputs=inputs, force=force)
        # every letter or none (a multi-file write); each made when its file is written
        write_files(output, [(path, partial(made.render, did), None)
                             for path, did in targets])
        click.echo(_("wrote {path}").format(path=f"{output} ({len(targets)})"), err=True)
        if not only:  # another call's letters left in the folder would be mailed with these
            from ..io.outputs import others_beside

            others = others_beside(output, [path for path, _did in targets])
            state.handle_warnings([others] if others is not None else [])
        return
    check_output(output, inputs=inputs, force=force)
    docs = render_report(loaded, result, kind, fmt, level=level, lang=lang,
                         template_dir=template_dir, dossiers=only, opinions=opinions)
    write_output(output, docs[0][1], inputs=inputs, force=force)
    click.echo(_("wrote {path}").format(path=output), err=True)


def _seance(state: State, folder: Path, fmt: str, output: Path, doc_lang: str | None,
            template_dir: Path | None, only: list[str], force: bool) -> None:
    """The tableau de séance (html or pdf); ``--dossier ID``: the dossier under discussion."""
    from ..documents.seance import render_seance
    from ..engine import score
    from ..errors import Diagnostic, Location, UsageError
    from ..i18n import translator
    from ..io.write import write_output

    t = translator("report", state.cli_lang)  # as in _run
    if fmt not in ("html", "pdf"):
        raise UsageError("format", [Diagnostic(
            "bad-option", format_refused("seance", fmt), Location(str(output)),
            hint="seance: html or pdf.")])
    loaded = state.load_call(folder)
    state.handle_warnings(loaded.warnings)
    lang = state.document_lang(loaded, doc_lang)
    result = score(loaded)
    state.handle_warnings(result.constraint_warnings(str(loaded.folder / "call.yaml")))
    current = only[0] if only else None
    if current is not None and current not in {d.id for d in result.dossiers}:
        raise UsageError(t("cli.no-dossier", id=current))
    data = render_seance(loaded, result, fmt, lang=lang, dossier=current,
                         template_dir=template_dir)
    inputs = [loaded.folder / rel for rel in loaded.inputs]
    write_output(output, data, inputs=inputs, force=force)
    click.echo(_("wrote {path}").format(path=output), err=True)
