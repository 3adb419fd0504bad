"""``isgrid minutes``: the séance's minutes (pv) and the commission permanente's annex.

``isgrid report`` takes a fixed list of kinds, so the two documents of the
decisions feature have their own command; they use the report's style, its
PDF engine (WeasyPrint) and its template folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .base import Command, State, _, pass_state, reads_call
from .options import (
    DOC_LANG,
    force_option,
    format_option,
    lang_option,
    output_option,
    reference_option,
)

if TYPE_CHECKING:
    from ..call.model import Call


@click.command("minutes", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--kind", type=click.Choice(["pv", "cp-annex"]), default="pv", show_default=True,
              help="pv: the minutes (procès-verbal) of the meeting; cp-annex: the table of "
                   "grants the deciding board (CP, Commission permanente) votes.")
@format_option("html", "pdf", "docx", default="html")
@output_option(None, required=True)
@lang_option(DOC_LANG, dest="doc_lang")
@reference_option()
@click.option("--template-dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="A folder of templates that override the packaged ones.")
@force_option()
@pass_state
@reads_call
def minutes(state: State, folder: Path, kind: str, fmt: str, output: Path,
            doc_lang: str | None, reference: str | None, template_dir: Path | None,
            force: bool) -> None:
    """Write the minutes (pv) or the CP annex, from `meeting` and the journal.

    The CP (Commission permanente) is the board that votes the grants; its annex
    is the table of the dossiers and amounts it votes.

    \b
    Examples:
      isgrid minutes my-call -o minutes.html
      isgrid minutes my-call --format docx -o minutes.docx
      isgrid minutes my-call --kind cp-annex --format pdf -o annex.pdf
      isgrid minutes my-call --kind cp-annex --reference CP-2026-06-02 -o annex.html
    """
    write_minutes(state, folder, kind, fmt, output, doc_lang, template_dir, force,
                  reference=check_reference(reference, kind))


def check_reference(reference: str | None, kind: str) -> str | None:
    """``--reference``, stripped; refused (exit 2, before the call is read) with any
    ``--kind`` but cp-annex (``isgrid minutes`` and ``isgrid report``), or empty."""
    from ..errors import Diagnostic, Location, Message, UsageError

    if reference is None:
        return None
    if kind != "cp-annex":
        raise UsageError("--reference needs --kind cp-annex", [Diagnostic(
            "bad-option", Message("--reference chooses the deliberation of a CP annex: it "
                                  "does not go with --kind {kind}", kind=kind),
            Location(),  # the options, named in the message
            hint="Add --kind cp-annex (the annex of that deliberation), or leave "
                 "--reference out.")])
    if not reference.strip():
        raise UsageError("empty --reference", [Diagnostic(
            "bad-option", Message("--reference is empty"), Location(),
            hint="Give the deliberation's reference, for example --reference CP-2026-06-02, "
                 "or leave --reference out (the annex then lists every retained dossier).")])
    return reference.strip()


def _no_annex_of_a_shortlist(call: Call) -> None:
    """Refuse (exit 2) the CP annex, a table of grants, of a présélection, which grants
    none (:func:`isgrid.documents.stage.is_shortlist`): it listed the shortlisted
    dossiers' requested amounts as « subventions soumises au vote »."""
    from ..documents.stage import refuse_money
    from ..errors import Message

    refuse_money(call, "no annex of a présélection",
                 Message("the call's selection is a présélection (selection.shortlist), "
                         "which grants no money: it has no annex of grants"),
                 "Write its minutes (--kind pv); the annex of the grants is the second "
                 "stage's, written from its own call folder (docs/calls.md).")


def _known_reference(reference: str, known: list[str], journal: Path) -> None:
    """Refuse (exit 2) a deliberation neither ``meeting.vote`` nor the journal names,
    listing those they do (:func:`isgrid.documents.deliberation.journal_references`)."""
    from ..errors import Diagnostic, Location, Message, UsageError
    from ..messages import Quote, did_you_mean

    if reference in known:
        return
    if known:
        message = Message("--reference: no deliberation {reference} in meeting.vote or the "
                          "journal; the deliberations known: {known}",
                          reference=Quote(reference), known=", ".join(known))
        hint: str | Message = did_you_mean(reference, known) or Message(
            "Give one of the deliberations known, or leave --reference out (the annex then "
            "lists every retained dossier).")
    else:
        message = Message("--reference: no deliberation {reference} in meeting.vote or the "
                          "journal, which name none", reference=Quote(reference))
        hint = ("Name the deliberation in meeting.vote (call.yaml), or record a vote with "
                "its reference (isgrid decide … --stage vote --reference REF --at DATE).")
    raise UsageError("unknown deliberation", [Diagnostic(
        "unknown-deliberation", message, Location(str(journal)), hint=hint)])


def write_minutes(state: State, folder: Path, kind: str, fmt: str, output: Path,
                  lang: str | None, template_dir: Path | None, force: bool,
                  reference: str | None = None) -> None:
    """Score with the journal and write the pv or the CP annex (also ``report --kind pv``).

    ``lang``: the command's --lang; None: the global --lang, else the call's, else French.
    ``reference``: the annex of that deliberation only (checked against those known).
    """
    from ..analysis.envelope import envelope_table
    from ..call.journal import read_journal
    from ..documents.minutes import render_minutes
    from ..engine import Scenario, score
    from ..io.write import check_output, write_output
    from ..progress import progress

    call = state.load_call(folder)
    if kind == "cp-annex":
        _no_annex_of_a_shortlist(call)
    state.handle_warnings(call.warnings, seance=True)  # a recused juror's ratings: not here
    if kind == "pv" and call.config.meeting is None:
        from ..errors import Diagnostic, Location
        from ..i18n import translator

        state.handle_warnings([Diagnostic(
            "meeting-missing", translator("decisions", state.cli_lang)(
                "meeting.missing"), Location(str(call.folder / "call.yaml")),
            severity="warning")])
    inputs = [call.folder / r for r in call.inputs] + [call.folder / "journal.jsonl"]
    check_output(output, inputs=inputs, force=force)
    entries = read_journal(call.folder)
    if reference is not None:
        from ..documents.deliberation import journal_references

        vote = call.config.meeting.vote if call.config.meeting is not None else None
        _known_reference(reference, journal_references(entries, vote),
                         call.folder / "journal.jsonl")
    # a progress line past a second (as isgrid score's): what each consensus value did
    # costs a proposal (engine.consensus_effect), seconds with hundreds of them
    with progress() as bar:
        bar.stage(_("scoring"))
        result = score(call, Scenario(journal=entries))
        if kind == "cp-annex":  # an annex that cannot name its beneficiaries: said before
            from ..documents.incomplete import holder_warnings

            state.handle_warnings(holder_warnings(call, result, reference))
        # the decided selection once anything is decided, none once the list is adopted
        envelope = (envelope_table(result, call=call, journal=entries) if kind == "pv"
                    else None)
        bar.stage(_("writing"))

        def step(done: int, total: int) -> None:
            bar.stage(_("what the consensus values did: {done}/{total}").format(
                done=done, total=total))

        data = render_minutes(call, result, kind, fmt,  # type: ignore[arg-type]
                              lang=state.document_lang(call, lang), template_dir=template_dir,
                              envelope=envelope, reference=reference, step=step)
    write_output(output, data, inputs=inputs, force=force)
    click.echo(_("wrote {path}").format(path=output), err=True)
