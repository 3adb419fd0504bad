"""``isgrid score``: eligibility, totals or verdicts, ranks, selection; or, with
``--sensitivity``, where the decision is fragile; ``--record`` also writes an audit record."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from ..vocabulary import MAX_DRAWS
from .base import Command, State, _, pass_state, reads_call
from .options import force_option, format_option, output_option


class _Score(Command):
    output_params = ("output", "record")  # --record's audit record is written too


@click.command("score", cls=_Score)
@click.argument("folder", type=click.Path(path_type=Path))
@format_option("table", "json", "csv", default="table")
@output_option(folder_name="classement")
@force_option()
@click.option("--sensitivity", is_flag=True,
              help="Report the dossiers near the funding line and the fragile selection "
                   "instead of the ranking (see `isgrid sensitivity`).")
@click.option("--draws", type=click.IntRange(min=0, max=MAX_DRAWS), default=None,
              help="With --sensitivity: seeded draws resampling each dossier's raters.")
@click.option("--seed", type=int, default=None, help="With --draws: the seed.")
@click.option("--record", type=click.Path(path_type=Path), default=None,
              help="Also write an audit record (input, grid and result hashes).")
@pass_state
@reads_call
def score(state: State, folder: Path, fmt: str, output: Path | None, force: bool,
          sensitivity: bool, draws: int | None, seed: int | None, record: Path | None) -> None:
    """Score a call: eligibility, totals or verdicts, ranks, selection.

    \b
    Examples:
      isgrid score examples/alsace-2016
      isgrid score examples/alsace-2016 --format json -o result.json
      isgrid --lang fr score examples/alsace-2016 --format csv -o classement.csv
    """
    from ..errors import UsageError

    if (draws is not None or seed is not None) and not sensitivity:
        raise UsageError(_("--draws and --seed go with --sensitivity"))
    if sensitivity and fmt == "csv":
        raise UsageError(_("--sensitivity writes a table or JSON, not CSV"))
    options: dict[str, Any] = {"command": "score", "format": fmt, "lang": None}
    if sensitivity:
        options |= {"sensitivity": True, "draws": draws, "seed": seed}
    # the output, then the record, of one load and one scoring of the call
    recording = (record, options) if record is not None else None
    if record is not None and output is not None and record.resolve() == output.resolve():
        raise UsageError(_("--record and --output name the same file"))
    if sensitivity:
        # (the other commands' module, for --sensitivity and --record only: a plain
        # score never imports it; tests/cli/test_score_imports.py)
        from .jury import _scored, emit, sensitivity_report, write_record

        call, result = scored = _scored(state, folder)
        text, inputs = sensitivity_report(state, folder, "json" if fmt == "json" else "text",
                                          None, draws, seed, scored)
        _check_destinations(output, recording, call.folder, inputs, force)
        emit(text, output, force, inputs)
        if recording is not None:
            write_record(state, call, result, *recording, force)
        return
    _score(state, folder, fmt, output, force, recording)


def _check_destinations(output: Path | None, recording: tuple[Path, Any] | None,
                        folder: Path, inputs: list[Path], force: bool) -> None:
    """Every file the command writes is checked before any is: a refused one (an input,
    an existing file without --force) stops the command with nothing written."""
    from ..io.write import check_output, refuse_inside_call_inputs

    for path in (output, recording[0] if recording is not None else None):
        if path is not None:
            refuse_inside_call_inputs(path, folder)
            check_output(path, inputs=inputs, force=force)


def _score(state: State, folder: Path, fmt: str, output: Path | None, force: bool,
           recording: tuple[Path, dict[str, Any]] | None) -> None:
    from ..engine import score
    from ..engine.unmet import constraint_value_warnings, unmet_warnings
    from ..io.collector import gc_paused
    from ..io.write import (
        dumps_records_bytes,
        iter_records,
        write_output,
    )
    from ..progress import progress

    with gc_paused():  # nothing here is cyclic (see gc_paused)
        with progress() as bar:
            bar.stage(_("reading the call"))
            loaded = state.load_call(folder)
            # with the call's warnings, a rule no dossier meets (a fact from the wrong column)
            # and a portfolio constraint whose value no dossier has (SCOP for scop)
            state.handle_warnings([*loaded.warnings, *unmet_warnings(loaded),
                                   *constraint_value_warnings(loaded)])
            bar.stage(_("scoring"))
            # The engine, then the journal's consensus and decisions, then portfolio constraints.
            result = score(loaded)
            # a portfolio constraint no selection meets (docs/decisions.md §4)
            state.handle_warnings(result.constraint_warnings(str(loaded.folder / "call.yaml")))
            bar.stage(_("writing"))
            data = b""
            inputs = [loaded.folder / rel for rel in loaded.inputs]
            _check_destinations(output, recording, loaded.folder, inputs, force)
            # the record's hash is of the JSON's bytes: hashed as they are written, when
            # they are (a national call's 75 MB are not encoded a second time for it)
            digest = hashlib.sha256() if recording is not None and fmt == "json" else None
            if fmt == "json" and output is not None:
                pieces = iter_records(result.to_json(encoded=True), "dossiers")
                write_output(output, pieces if digest is None else _hashed(pieces, digest),
                             inputs=inputs, force=force)  # written as encoded, never whole
            elif fmt == "json":
                data = dumps_records_bytes(result.to_json(encoded=True), "dossiers")
                if digest is not None:
                    digest.update(data)
            elif fmt == "csv":
                from ..documents.score_outputs import score_csv

                data = score_csv(result, state.document_lang(loaded))
            else:
                from ..documents.score_outputs import score_table
                from ..documents.stage import is_shortlist, stage_words
                from ..grid.facts import fact_labels

                # a présélection's table has no amount column (its documents have none;
                # the JSON and CSV keep theirs: they are contracts)
                # and its words, « présélectionné » (.documents.stage)
                with stage_words(loaded):
                    data = score_table(result, state.document_lang(loaded),
                                       fact_labels(loaded.grid.grid), grid=loaded.grid.grid,
                                       shortlist=is_shortlist(loaded)).encode("utf-8")
        if output is None:
            click.echo(data.decode("utf-8").lstrip("\ufeff"), nl=False)
        else:
            if fmt != "json":
                write_output(output, data, inputs=inputs, force=force)
            click.echo(_("wrote {path}").format(path=output), err=True)
        if recording is not None:  # the same call and result as the output's
            from .jury import write_record

            write_record(state, loaded, result, *recording, force,
                         digest.hexdigest() if digest is not None else None)
        # Everything is written: when isgrid owns the process it ends here, before the
        # collector, back on, would scan the call's millions of objects (about 0.1 s at
        # two million ratings) only for them to be dropped at exit.
        state.finish_now()


def _hashed(pieces: Iterable[bytes], digest: Any) -> Iterator[bytes]:
    """``pieces``, each added to ``digest`` as it goes by."""
    for piece in pieces:
        digest.update(piece)
        yield piece
