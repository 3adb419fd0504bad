"""``isgrid calibrate``, ``isgrid sensitivity``, ``isgrid record check``; and what
``isgrid score --sensitivity`` and ``--record`` share with them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..vocabulary import MAX_DRAWS
from .base import Command, Group, State, _, lang_of, pass_state, reads_call
from .options import force_option, format_option, output_option

if TYPE_CHECKING:
    from ..call.model import Call
    from ..engine import Result


def emit(text: str, output: Path | None, force: bool, inputs: list[Path]) -> None:
    from ..io.write import write_output

    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, text.encode("utf-8"), inputs=inputs, force=force)
    click.echo(_("wrote {path}").format(path=output), err=True)


def _scored(state: State, folder: Path) -> tuple[Call, Result]:
    """The call and its result (the journal's consensus values included).

    Calibration and sensitivity probe what the ratings (and the committee's
    consensus) say, before any decision: they read the engine's proposal
    (``computed``) and re-score through the same engine.
    """
    from ..engine import score

    call = state.load_call(folder)
    state.handle_warnings(call.warnings)
    return call, score(call)


def calibrate_report(state: State, folder: Path, fmt: str,
                     lang: str | None = None) -> tuple[str, list[Path]]:
    """``lang`` None: the global --lang, else the call's ``lang``, else French."""
    from ..analysis.calibration import calibrate, calibration_data
    from ..analysis.text import calibration_text
    from ..io.write import dumps_json

    call, result = _scored(state, folder)
    cal = calibrate(call, result)
    ids = [d.id for d in result.dossiers]
    inputs = [call.folder / rel for rel in call.inputs]
    if fmt == "json":
        return dumps_json(calibration_data(cal, ids)), inputs
    return calibration_text(cal, call.config.title, ids, state.document_lang(call, lang)), inputs


def sensitivity_report(state: State, folder: Path, fmt: str, lang: str | None,
                       draws: int | None, seed: int | None,
                       scored: tuple[Call, Result] | None = None) -> tuple[str, list[Path]]:
    """``lang`` None: the global --lang, else the call's ``lang``, else French.
    ``scored``: the call and result the command has already (else they are made)."""
    from ..analysis.sensitivity import analyse, sensitivity_data
    from ..analysis.text import sensitivity_text
    from ..io.write import dumps_json

    call, result = scored if scored is not None else _scored(state, folder)
    s = analyse(call, result, draws=draws, seed=seed)
    inputs = [call.folder / rel for rel in call.inputs]
    if fmt == "json":
        return dumps_json(sensitivity_data(s)), inputs
    return sensitivity_text(s, call.config.title, state.document_lang(call, lang)), inputs


def write_record(state: State, call: Call, result: Result, record: Path,
                 options: dict[str, Any], force: bool, result_hash: str | None = None) -> None:
    """The audit record of ``isgrid score --record``, of the call and result the command
    itself loaded and scored (never a second load: at 20,000 dossiers it doubled the
    command's time).  ``result_hash``: the sha256 of the result JSON the command has just
    written (else it is encoded again for the hash)."""
    from ..io.write import dumps_json, write_output
    from ..jury.record import audit_record

    if "lang" in options:  # the language the command's output is written in
        options = {**options, "lang": state.document_lang(call, options["lang"])}
    data = audit_record(call, result, options, result_hash=result_hash)
    write_output(record, dumps_json(data), inputs=[call.folder / r for r in call.inputs],
                 force=force)
    click.echo(_("wrote {path}").format(path=record), err=True)


@click.command("calibrate", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path))
@format_option("text", "json", default="text")
@output_option(None)
@force_option()
@pass_state
@reads_call
def calibrate(state: State, folder: Path, fmt: str, output: Path | None, force: bool) -> None:
    """Correct each juror's severity (shrunk by n/(n+k)); show raw and calibrated ranks.

    b_j = n_j/(n_j+k) x mean of j's deviations from the other jurors' mean
    (normalised); calibrated = rating - b_j, clipped.  k: `calibration: {k: 10}`
    in call.yaml.  Raw ratings never change.

    \b
    Example:
      isgrid calibrate my-call
    """
    text, inputs = calibrate_report(state, folder, fmt)
    emit(text, output, force, inputs)


@click.command("sensitivity", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--draws", type=click.IntRange(min=0, max=MAX_DRAWS), default=None,
              help="Seeded draws resampling each dossier's raters (0: none).")
@click.option("--seed", type=int, default=None, help="Seed of the draws.")
@format_option("text", "json", default="text")
@output_option(None)
@force_option()
@pass_state
@reads_call
def sensitivity(state: State, folder: Path, draws: int | None, seed: int | None, fmt: str,
                output: Path | None, force: bool) -> None:
    """Where the decision is fragile: leave-one-juror-out, one-level changes, draws.

    Same as `isgrid score CALL --sensitivity`.

    \b
    Examples:
      isgrid sensitivity my-call
      isgrid sensitivity my-call --draws 1000 --seed 1 --format json
    """
    text, inputs = sensitivity_report(state, folder, fmt, None, draws, seed)
    emit(text, output, force, inputs)


def _call_first(folder: Path, record: Path) -> None:
    """The two arguments given the other way round (the record, then the call folder):
    said so, rather than « no call folder enregistrement.json »."""
    if folder.is_file() and (record / "call.yaml").is_file():
        from ..errors import Diagnostic, Location, Message, UsageError

        raise UsageError(Message("the call folder comes first, then the record"), [Diagnostic(
            "file-not-found", Message("{record} is a file, not a call folder; {folder} is one",
                             record=str(folder), folder=str(record)), Location(str(folder)),
            hint=Message("Give the call folder first: isgrid record check {folder} {record}",
                         folder=str(record), record=str(folder)))])


@click.group("record", cls=Group)
def record() -> None:
    """Audit records written by `isgrid score --record FILE`."""


@record.command("check")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("record", type=click.Path(path_type=Path))
@pass_state
@reads_call
def record_check(state: State, folder: Path, record: Path) -> None:
    """Score the call again and compare it with an audit record.

    \b
    Example:
      isgrid record check my-call decision-2026-06.json
    """
    from ..engine import score
    from ..errors import translate_message
    from ..jury.record import check_record

    _call_first(folder, record)
    call = state.load_call(folder)
    notes = check_record(call, score(call), record)
    for n in notes:
        click.echo(_("Warning: {message}").format(
            message=translate_message(n, lang_of(click.get_current_context(silent=True)))),
            err=True)
    click.echo(_("ok: {record} matches {folder}").format(record=record, folder=folder))
