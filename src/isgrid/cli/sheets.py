"""``isgrid sheets``: workbooks for jurors, and their import."""

from __future__ import annotations

from pathlib import Path

import click

from .base import DefaultGroup, State, _, _n, pass_state, reads_call
from .options import force_option, format_option, output_option


class _DefaultGroup(DefaultGroup):
    """``isgrid sheets CALL ...`` runs ``write``; ``isgrid sheets import ...`` imports."""

    default = "write"


@click.group("sheets", cls=_DefaultGroup)
def sheets() -> None:
    """Workbooks for jurors, and their import back into ratings/.

    \b
    Examples:
      isgrid sheets my-call -o fiches/
      isgrid sheets my-call --layout per-dossier -o fiches/
      isgrid sheets import my-call fiches-retour/*.xlsx
      isgrid sheets import my-call retour/j2.xlsx --replace
    """


@sheets.command("write")
@click.argument("folder", type=click.Path(path_type=Path))
@format_option("xlsx", "csv", default="xlsx")
@output_option("The folder to write one file per juror into.", required=True, dest="out_dir",
               metavar="DIR")
@click.option("--layout", type=click.Choice(["rows", "per-dossier"]), default="rows",
              show_default=True, help="One row pair per dossier, or one sheet per dossier.")
@click.option("--assessor", "only", multiple=True,
              help="Only this juror (repeat for several).")
@click.option("--link", default=None, metavar="URL",
              help="Link each dossier to this address, {id} replaced by its id "
                   "(e.g. https://plateforme.example/dossiers/{id}).")
@click.option("--blank", is_flag=True,
              help="Write empty workbooks, without the ratings the jurors already gave.")
@force_option("Replace existing files.")
@pass_state
@reads_call
def sheets_write(state: State, folder: Path, fmt: str, out_dir: Path, layout: str,
                 only: tuple[str, ...], link: str | None, blank: bool, force: bool) -> None:
    """Write one workbook per juror with only their dossiers (recusals left out),
    holding the ratings and opinions the juror already gave (--blank: empty).

    \b
    Example:
      isgrid sheets my-call -o fiches/
    """
    from ..jury.sheets import write_sheets

    call = state.load_call(folder)
    report = write_sheets(call, out_dir, fmt=fmt, layout=layout,
                          lang=state.document_lang(call), force=force,
                          only=list(only) or None, link=link, blank=blank)
    state.handle_warnings(report.warnings)
    for plan, path in zip(report.plans, report.written, strict=True):
        n = len(plan.dossiers)
        if plan.left_out:
            click.echo(_n("wrote {path} ({n} dossier; recused from: {ids})",
                          "wrote {path} ({n} dossiers; recused from: {ids})", n).format(
                path=path, ids=", ".join(d for d, _r in plan.left_out)))
        else:
            click.echo(_n("wrote {path} ({n} dossier)", "wrote {path} ({n} dossiers)",
                          n).format(path=path))


@sheets.command("import")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True,
              help="Replace a juror's existing file (the previous one is kept, dated).")
@click.option("--change-decided", is_flag=True, help="Write even when the imported "
              "ratings change what the meeting decided (ranks, statuses, amounts, the "
              "list's adoption).")
@pass_state
def sheets_import(state: State, folder: Path, files: tuple[Path, ...], replace: bool,
                  change_decided: bool) -> None:
    """Import filled workbooks (or CSV sheets) into ratings/<juror>.csv.

    FILES are workbooks (.xlsx, or .ods as LibreOffice saves them), CSV sheets, or
    folders holding them.  Every problem is reported by file, sheet and cell; nothing
    is written while any error remains.

    \b
    Examples:
      isgrid sheets import my-call retour/*.xlsx
      isgrid sheets import my-call retour/j3.ods
      isgrid sheets import my-call retour/
      isgrid sheets import my-call retard/j5.xlsx --replace --change-decided
    """
    from ..jury.importer import import_folder

    report = import_folder(folder, list(files), replace=replace, strict=state.strict,
                           load=state.load_call, change_decided=change_decided)
    state.handle_warnings(report.warnings)
    for kept in report.kept:
        click.echo(_("kept the previous file as {path}").format(path=kept))
    for path in report.written:
        click.echo(_("wrote {path}").format(path=path))
    for path in report.unchanged:  # « --replace » with the same ratings: say nothing changed
        click.echo(_("left {path} unchanged").format(path=path))
    for aid, n in report.counts.items():
        click.echo(_n("{assessor}: {n} rating", "{assessor}: {n} ratings", n).format(
            assessor=aid))
