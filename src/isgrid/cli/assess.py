"""``isgrid assess``: a project holder's self-assessment, in files."""

from __future__ import annotations

from pathlib import Path

import click


def register(cli: click.Group) -> None:
    cli.add_command(assess_cmd)


@click.command("assess")
@click.argument("grid")
@click.argument("answers", required=False, type=click.Path(path_type=Path))
@click.option("--template", "blank", is_flag=True,
              help="Write a blank answers file (questions and levels as comments).")
@click.option("--format", "fmt", type=click.Choice(["html", "md", "json"]), default="md",
              show_default=True, help="Format of the result.")
@click.option("--grid", "others", multiple=True, metavar="GRID",
              help="Also show the result on this grid, with the answers carried over "
                   "through the shared dimensions (an approximation). Repeatable.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.option("--force", is_flag=True, help="Replace an existing output file.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of the result (default: the global --lang, French).")
def assess_cmd(grid: str, answers: Path | None, blank: bool, fmt: str, others: tuple[str, ...],
               output: Path | None, force: bool, lang: str | None) -> None:
    """Self-assess a project against GRID: blank answers file, or result.

    \b
    Examples:
      isgrid assess avise-mouves-2011 --template -o mes-reponses.yaml
      isgrid assess avise-mouves-2011 mes-reponses.yaml --format html -o resultat.html
      isgrid assess avise-mouves-2011 mes-reponses.yaml --grid csess-2017
    """
    from .main import run_safely

    run_safely(_assess)(grid, answers, blank, fmt, others, output, force, lang)


def _assess(grid: str, answers: Path | None, blank: bool, fmt: str, others: tuple[str, ...],
            output: Path | None, force: bool, lang: str | None) -> None:
    from ..errors import CallError, Collector, Location, UsageError
    from ..grids import load_grid
    from ..io.text import MAX_YAML_BYTES, read_text
    from ..io.write import write_output
    from ..selfassess import answers_yaml, assess, assess_carried, load_answers_text, render_result
    from .main import State, handle_warnings

    lang = lang or State.lang
    loaded = load_grid(grid)
    handle_warnings(loaded.warnings)
    if blank:
        if answers is not None:
            raise UsageError("give either --template or an answers file, not both")
        data = answers_yaml(loaded, None, lang)
        inputs: list[Path] = []
    else:
        if answers is None:
            raise UsageError("give an answers file, or --template to write a blank one "
                             f"(isgrid assess {grid} --template -o answers.yaml)")
        diags = Collector()
        if not answers.is_file():
            diags.add("file-not-found", f"no file {answers}", Location(str(answers)))
            raise UsageError(f"no file {answers}", diags.items)
        text = read_text(answers, diags, max_bytes=MAX_YAML_BYTES)
        if text is None:
            raise CallError(f"cannot read {answers}", diags.items)
        parsed, more = load_answers_text(text, loaded.grid, str(answers))
        diags.extend(more.items)
        if diags.errors:
            raise CallError(f"{answers} has errors", diags.items)
        handle_warnings(diags.warnings)
        results = [assess(loaded, parsed)]
        results += [assess_carried(loaded, parsed, load_grid(o)) for o in others]
        data = render_result(results, fmt, lang)
        inputs = [answers]
    if output is None:
        click.echo(data, nl=False)
        return
    write_output(output, data, inputs=inputs, force=force)
    click.echo(f"wrote {output}", err=True)
