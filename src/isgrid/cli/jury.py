"""``isgrid calibrate``, ``isgrid sensitivity``, ``isgrid record check``, and the
``--sensitivity``, ``--draws``, ``--seed`` and ``--record`` options of ``isgrid score``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click


def _emit(text: str, output: Path | None, force: bool, inputs: list[Path]) -> None:
    from ..io.write import write_output

    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, text.encode("utf-8"), inputs=inputs, force=force)
    click.echo(f"wrote {output}", err=True)


def _with_consensus(folder: Path, *, warn: bool = True) -> tuple[Any, dict[str, Any]]:
    """The call with the journal's consensus values, and the engine's result on it.

    Calibration and sensitivity probe what the ratings (and the committee's
    consensus) say, before any decision: the engine's proposal, as ``isgrid
    score`` computes it before applying the journal's decisions.
    """
    from ..calls import load_call
    from ..decisions import with_journal
    from ..engine import score
    from ..journal import read_journal
    from .main import handle_warnings

    call = load_call(folder)
    if warn:
        handle_warnings(call.warnings)
    merged = with_journal(call, read_journal(call.folder))
    return merged, score(merged)


def calibrate_report(folder: Path, fmt: str, lang: str | None = None) -> tuple[str, list[Path]]:
    """``lang`` None: the global --lang, else the call's ``lang``, else French."""
    from ..io.write import dumps_json
    from ..jury.calibration import calibrate, calibration_data
    from ..jury.report import calibration_text
    from .main import document_lang

    call, result = _with_consensus(folder)
    cal = calibrate(call, result)
    ids = [d["id"] for d in result["dossiers"]]
    inputs = [call.folder / rel for rel in call.inputs]
    if fmt == "json":
        return dumps_json(calibration_data(cal, ids)), inputs
    return calibration_text(cal, call.config.title, ids, document_lang(call, lang)), inputs


def sensitivity_report(folder: Path, fmt: str, lang: str | None, draws: int | None,
                       seed: int | None) -> tuple[str, list[Path]]:
    """``lang`` None: the global --lang, else the call's ``lang``, else French."""
    from ..io.write import dumps_json
    from ..jury.report import sensitivity_text
    from ..jury.sensitivity import analyse, sensitivity_data
    from .main import document_lang

    call, result = _with_consensus(folder)
    s = analyse(call, result, draws=draws, seed=seed)
    inputs = [call.folder / rel for rel in call.inputs]
    if fmt == "json":
        return dumps_json(sensitivity_data(s)), inputs
    return sensitivity_text(s, call.config.title, document_lang(call, lang)), inputs


def write_record(folder: Path, record: Path, options: dict[str, Any], force: bool) -> None:
    from ..calls import load_call
    from ..decisions import score_with_decisions
    from ..io.write import dumps_json, write_output
    from ..jury.record import audit_record
    from .main import document_lang

    call = load_call(folder)
    if "lang" in options:  # the language the command's output is written in
        options = {**options, "lang": document_lang(call, options["lang"])}
    data = audit_record(call, score_with_decisions(call), options)  # as `isgrid score`
    write_output(record, dumps_json(data), inputs=[call.folder / r for r in call.inputs],
                 force=force)
    click.echo(f"wrote {record}", err=True)


def _extend_score(cli: click.Group) -> None:
    """Add --sensitivity/--draws/--seed/--record to ``isgrid score`` (cli.py is not ours)."""
    from ..errors import UsageError
    from .main import run_safely

    cmd = cli.commands.get("score")
    if cmd is None or cmd.callback is None or any(
            p.name in ("sensitivity", "record") for p in cmd.params):
        return
    cmd.params.extend([
        click.Option(["--sensitivity"], is_flag=True,
                     help="Report the dossiers near the funding line and the zone grise "
                          "instead of the ranking (see `isgrid sensitivity`)."),
        click.Option(["--draws"], type=click.IntRange(min=0), default=None,
                     help="With --sensitivity: seeded bootstrap draws over jurors and weights."),
        click.Option(["--seed"], type=int, default=None, help="With --draws: the seed."),
        click.Option(["--record"], type=click.Path(path_type=Path), default=None,
                     help="Also write an audit record (input, grid and result hashes)."),
    ])
    original = cmd.callback

    @run_safely
    def callback(**kwargs: Any) -> Any:
        sensitivity = kwargs.pop("sensitivity")
        draws, seed, record = kwargs.pop("draws"), kwargs.pop("seed"), kwargs.pop("record")
        folder, fmt = kwargs["folder"], kwargs.get("fmt", "table")
        if (draws is not None or seed is not None) and not sensitivity:
            raise UsageError("--draws and --seed go with --sensitivity")
        if record is not None:
            options = {"command": "score", "format": fmt, "lang": None}
            if sensitivity:
                options |= {"sensitivity": True, "draws": draws, "seed": seed}
            write_record(folder, record, options, bool(kwargs.get("force")))
        if not sensitivity:
            return original(**kwargs)
        if fmt == "csv":
            raise UsageError("--sensitivity writes a table or JSON, not CSV")
        text, inputs = sensitivity_report(folder, "json" if fmt == "json" else "text",
                                          None, draws, seed)
        _emit(text, kwargs.get("output"), bool(kwargs.get("force")), inputs)
        return None

    cmd.callback = callback


def register(cli: click.Group) -> None:
    from .main import run_safely

    @cli.command("calibrate")
    @click.argument("folder", type=click.Path(path_type=Path))
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                  show_default=True)
    @click.option("-o", "--output", type=click.Path(path_type=Path), default=None)
    @click.option("--force", is_flag=True, help="Replace an existing output file.")
    @run_safely
    def calibrate_cmd(folder: Path, fmt: str, output: Path | None, force: bool) -> None:
        """Correct each juror's severity (shrunk by n/(n+k)); show raw and calibrated ranks.

        b_j = n_j/(n_j+k) x mean of j's deviations from the other jurors' mean
        (normalised); calibrated = rating - b_j, clipped.  k: `calibration: {k: 10}`
        in call.yaml.  Raw ratings never change.

        \b
        Example:
          isgrid calibrate my-call
        """
        text, inputs = calibrate_report(folder, fmt)
        _emit(text, output, force, inputs)

    @cli.command("sensitivity")
    @click.argument("folder", type=click.Path(path_type=Path))
    @click.option("--draws", type=click.IntRange(min=0), default=None,
                  help="Seeded bootstrap draws over jurors and weights (0: none).")
    @click.option("--seed", type=int, default=None, help="Seed of the draws.")
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                  show_default=True)
    @click.option("-o", "--output", type=click.Path(path_type=Path), default=None)
    @click.option("--force", is_flag=True, help="Replace an existing output file.")
    @run_safely
    def sensitivity_cmd(folder: Path, draws: int | None, seed: int | None, fmt: str,
                        output: Path | None, force: bool) -> None:
        """Where the decision is fragile: leave-one-juror-out, one-level changes, draws.

        Same as `isgrid score CALL --sensitivity`.

        \b
        Examples:
          isgrid sensitivity my-call
          isgrid sensitivity my-call --draws 1000 --seed 1 --format json
        """
        text, inputs = sensitivity_report(folder, fmt, None, draws, seed)
        _emit(text, output, force, inputs)

    @cli.group("record")
    def record_group() -> None:
        """Audit records written by `isgrid score --record FILE`."""

    @record_group.command("check")
    @click.argument("folder", type=click.Path(path_type=Path))
    @click.argument("record", type=click.Path(path_type=Path))
    @run_safely
    def record_check(folder: Path, record: Path) -> None:
        """Score the call again and compare it with an audit record.

        \b
        Example:
          isgrid record check my-call decision-2026-06.json
        """
        from ..calls import load_call
        from ..decisions import score_with_decisions
        from ..jury.record import check_record

        call = load_call(folder)
        notes = check_record(call, score_with_decisions(call), record)
        for n in notes:
            click.echo(f"Warning: {n}", err=True)
        click.echo(f"ok: {record} matches {folder}")

    _extend_score(cli)
    _unused: Any = (calibrate_cmd, sensitivity_cmd, record_check)
