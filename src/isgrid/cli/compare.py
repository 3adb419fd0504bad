"""``isgrid compare``: put grids side by side, and see how the choice of grid changes who is selected."""

from __future__ import annotations

from pathlib import Path

import click

from .base import Command, State, _, pass_state
from .options import force_option, format_option, lang_option, output_option


@click.command("compare", cls=Command)
@click.argument("grids", nargs=-1, required=True)
@click.option("--call", "calls", multiple=True, type=click.Path(path_type=Path),
              help="A call folder judged with one of the grids (repeat: one call per grid, or "
                   "the editions of one call on its grid).")
@format_option("html", "md", "json", "pdf", "docx", "csv", default="md",
               help="pdf: the HTML laid out on A4 pages, as the committee report; docx: a "
                    "Word document to edit; csv: its tables for a spreadsheet, coverage, "
                    "criteria correspondence and, with calls, the dossiers, every one kept "
                    "(these three need -o).")
@output_option(folder_name="comparaison")
@force_option()
@lang_option("Language of the document (default: the global --lang).")
@click.option("--template-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="A folder of templates that override compare.html.j2 / compare.md.j2.")
@click.option("--details", is_flag=True,
              help="Every dossier in the per-dossier lists (by default, lists longer than "
                   "100 are cut and the report says how many were left out).")
@pass_state
def compare(state: State, grids: tuple[str, ...], calls: tuple[Path, ...], fmt: str,
            output: Path | None, force: bool, lang: str | None,
            template_dir: Path | None, details: bool) -> None:
    """Compare grids: coverage of D1..D10, crosswalk, differences; with calls,
    rank correlation, selection and eligibility differences, and a projection
    (an approximation, never a score of the target grid).

    \b
    Examples:
      isgrid compare avise-mouves-2011 csess-2017 picardie-marqueurs-2013
      isgrid compare avise-mouves-2011 alsace-aap-2016 --format html -o diff.html
      isgrid compare alsace-aap-2016 avise-mouves-2011 \\
          --call my-alsace-call --call my-avise-call --format json
      isgrid compare alsace-aap-2016 --call aap-2025 --call aap-2026 -o editions.pdf
    """
    from contextlib import ExitStack

    from ..call.early import start_reading
    from ..errors import Diagnostic, Location, UsageError
    from ..messages import Message

    if len(grids) < 2 and not calls:
        message = Message("compare needs at least two grids (or one grid and a call)")
        raise UsageError(message, [Diagnostic(
            "bad-option", message, Location(),
            hint=Message("Give a second grid (isgrid grids list names them), or a call judged "
                         "with this one: isgrid compare {grid} --call CALL.",
                         grid=grids[0] if grids else "GRID"))])
    if fmt in ("pdf", "docx", "csv") and output is None:
        message = Message("--format {fmt} is written to a file: give -o", fmt=fmt)
        raise UsageError(message, [Diagnostic(
            "bad-option", message, Location(),
            hint=Message("For example: isgrid compare … --format {fmt} -o comparaison.{fmt}",
                         fmt=fmt))])
    with ExitStack() as readings:
        # each call's ratings read while the rest is imported, as @reads_call does for one
        reading = [readings.enter_context(start_reading(c)) for c in calls]
        from ..analysis.compare import compare as compare_grids
        from ..call.load import load_call
        from ..grid.load import load_grid

        loaded = [load_grid(g) for g in grids]
        for lg in loaded:
            state.handle_warnings(lg.warnings)
        loaded_calls = [load_call(c, reading=r) for c, r in zip(calls, reading, strict=True)]
    for lc in loaded_calls:
        state.handle_warnings(lc.warnings)
    from ..analysis.compare import render, render_bytes
    from ..io.write import check_output, write_output

    # a spreadsheet keeps every dossier: the CSV's per-dossier tables are never cut
    report = compare_grids(loaded, loaded_calls, details=details or fmt == "csv")
    if output is None:
        click.echo(render(report, fmt, lang or state.lang, template_dir), nl=False)
        return
    inputs = [lg.path for lg in loaded]
    for lc in loaded_calls:
        inputs.extend(lc.folder / rel for rel in lc.inputs)
    check_output(output, inputs=inputs, force=force)  # before a PDF's layout, not after
    data = render_bytes(report, fmt, lang or state.lang, template_dir)
    write_output(output, data, inputs=inputs, force=force)
    click.echo(_("wrote {path}").format(path=output), err=True)
