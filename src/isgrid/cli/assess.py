"""``isgrid assess``: a project holder's self-assessment, in files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .base import Command, State, _, pass_state
from .options import force_option, format_option, lang_option, output_option, own_file


def _file_name(params: dict[str, Any]) -> str:
    """The file written into a folder given as ``-o dir/``: the blank answers file, or the
    result in its format."""
    from .options import extension

    return "reponses.yaml" if params.get("blank") else f"resultat.{extension(params['fmt'])}"


@click.command("assess", cls=Command)
@click.argument("grid")
@click.argument("answers", required=False, type=click.Path(path_type=Path))
@click.option("--template", "blank", is_flag=True, callback=own_file,
              help="Write a blank answers file (questions and levels as comments).")
@format_option("html", "md", "json", "pdf", "docx", default="md",
               help="Format of the result (pdf: the HTML page on A4 pages, to attach to an "
                    "application; docx: a Word document; both need -o).")
@click.option("--grid", "others", multiple=True, metavar="GRID",
              help="Also show the result on this grid, with the answers to the criteria "
                   "it shares carried over (an approximation). Repeatable.")
@output_option(folder_name=_file_name)
@force_option()
@lang_option("Language of the result (default: the global --lang, French).")
@pass_state
def assess(state: State, grid: str, answers: Path | None, blank: bool, fmt: str,
           others: tuple[str, ...], output: Path | None, force: bool,
           lang: str | None) -> None:
    """Self-assess a project against GRID: blank answers file, or result.

    \b
    Examples:
      isgrid assess avise-mouves-2011 --template -o mes-reponses.yaml
      isgrid assess avise-mouves-2011 mes-reponses.yaml --format html -o resultat.html
      isgrid assess avise-mouves-2011 mes-reponses.yaml --grid csess-2017
    """
    from ..errors import Diagnostic, Location, UsageError
    from ..grid.load import load_grid
    from ..io.write import write_output
    from ..messages import Message
    from ..selfassess.answers import read_answers_file
    from ..selfassess.assess import answers_yaml, render_result
    from ..selfassess.assess import assess as assess_answers
    from ..selfassess.carry import assess_carried
    from ..selfassess.pin import declared_in_file, grid_for_answers

    lang = lang or state.lang
    loaded = load_grid(grid)
    state.handle_warnings(loaded.warnings)
    if blank:
        if answers is not None:
            raise UsageError(_("give either --template or an answers file, not both"))
        if output is not None and output.suffix.lower() not in (".yaml", ".yml"):
            # the template is YAML, whatever -o's extension: never YAML in a file named .pdf
            message = Message("--template writes a YAML answers file, not {ext}: -o {path}",
                              ext=output.suffix or output.name, path=str(output))
            raise UsageError(message, [Diagnostic(
                "bad-option", message, Location(str(output)),
                hint=Message("Name it {name}; fill it in, then: isgrid assess {grid} {name} "
                             "--format pdf -o diagnostic.pdf",
                             name=output.with_suffix(".yaml").name, grid=grid))])
        # the command the file prints names the grid as given here: a grid file by its path,
        # a pinned version as pinned (csess-2017@1: the current version would be another)
        ref = grid if grid.endswith((".yaml", ".yml")) or "@" in grid else None
        data: str | bytes = answers_yaml(loaded, None, lang, grid_ref=ref)
        inputs: list[Path] = []
    else:
        if answers is None:
            raise UsageError(_("give an answers file, or --template to write a blank one "
                               "(isgrid assess {grid} --template -o answers.yaml)").format(
                                   grid=grid))
        # the version the file names (grid: id@version) when the command line names none
        declared, at = declared_in_file(answers)
        loaded, pinned = grid_for_answers(grid, loaded, declared, at)
        parsed, warnings = read_answers_file(answers, loaded.grid)
        state.handle_warnings(warnings)
        if fmt in ("pdf", "docx") and output is None:
            message = Message("--format {fmt} is written to a file: give -o", fmt=fmt)
            raise UsageError(message, [Diagnostic(
                "bad-option", message, Location(),
                hint=Message("For example: isgrid assess {grid} ANSWERS --format {fmt} -o "
                             "diagnostic.{fmt}", grid=grid, fmt=fmt))])
        results = [assess_answers(loaded, parsed)]
        results[0].pinned = pinned
        results += [assess_carried(loaded, parsed, load_grid(o)) for o in others]
        data = _result_file(results, fmt, lang, loaded.grid.title) \
            if fmt in ("pdf", "docx") else render_result(results, fmt, lang)
        inputs = [answers]
    if output is None:  # pdf and docx were refused above without -o: text here
        click.echo(data if isinstance(data, str) else data.decode("utf-8"), nl=False)
        return
    write_output(output, data, inputs=inputs, force=force)
    click.echo(_("wrote {path}").format(path=output), err=True)


def _result_file(results: list[Any], fmt: str, lang: str, title: str) -> bytes:
    """The result as a PDF (its HTML page laid out by the committee report's PDF writer) or
    a Word document (its Markdown through the Word writers every document uses), as
    ``compare`` writes them."""
    from ..selfassess.assess import render_result

    if fmt == "pdf":
        from ..documents.pdf import html_to_pdf

        return html_to_pdf(render_result(results, "html", lang))
    from ..documents.markdown_docx import markdown_docx

    return markdown_docx(render_result(results, "md", lang), lang=lang, title=title,
                         header=title)
