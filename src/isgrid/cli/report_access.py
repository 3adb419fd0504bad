"""``isgrid report CALL --kind access --dossier ID``: the applicant's access document
(:mod:`isgrid.documents.access`), html or md."""

from __future__ import annotations

from pathlib import Path

import click

from .base import State, _
from .options import format_refused


def write_access(state: State, folder: Path, fmt: str, output: Path, level: str | None,
                 doc_lang: str | None, only: tuple[str, ...], shared_only: bool,
                 force: bool) -> None:
    """Check the options, then write one dossier's access document to ``output``."""
    from ..documents.access import build_access
    from ..documents.access_render import render_access
    from ..documents.stage import stage_words
    from ..engine import score
    from ..errors import Diagnostic, Location, UsageError
    from ..i18n import translator
    from ..io.write import check_output, write_output

    t = translator("access", state.cli_lang)
    if fmt not in ("html", "md"):
        raise UsageError("format", [Diagnostic(
            "bad-option", format_refused("access", fmt), Location(str(output)),
            hint=t("cli.format.hint"))])
    if level is not None:  # the document is its own level: one applicant's
        raise UsageError(t("cli.level"))
    if len(only) != 1:
        raise UsageError(t("cli.dossier"))
    loaded = state.load_call(folder)
    state.handle_warnings(loaded.warnings)
    lang = state.document_lang(loaded, doc_lang)
    result = score(loaded)
    dossier = only[0]
    if dossier not in {d.id for d in result.dossiers}:
        raise UsageError(translator("report", state.cli_lang)("cli.no-dossier", id=dossier))
    inputs = [loaded.folder / rel for rel in loaded.inputs]
    check_output(output, inputs=inputs, force=force)  # said before the work
    with stage_words(loaded):  # a présélection's words (documents.stage)
        doc = build_access(loaded, result, dossier, lang, shared_only=shared_only)
        data = render_access(doc, fmt)
    write_output(output, data, inputs=inputs, force=force)
    click.echo(_("wrote {path}").format(path=output), err=True)
