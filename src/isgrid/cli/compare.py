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
@format_option("html", "md", "json", default="md")
@output_option()
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
    """
    from contextlib import ExitStack

    from ..call.early import start_reading
    from ..errors import UsageError

    if len(grids) < 2 and not calls:
        raise UsageError(_("compare needs at least two grids (or one grid and a call)"))
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
    from ..analysis.compare import render
    from ..io.write import write_output

    report = compare_grids(loaded, loaded_calls, details=details)
    text = render(report, fmt, lang or state.lang, template_dir)
    if output is None:
        click.echo(text, nl=False)
        return
    inputs = [lg.path for lg in loaded]
    for lc in loaded_calls:
        inputs.extend(lc.folder / rel for rel in lc.inputs)
    write_output(output, text, inputs=inputs, force=force)
    click.echo(_("wrote {path}").format(path=output), err=True)
