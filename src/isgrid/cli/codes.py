"""``isgrid codes``: the catalog of diagnostic codes."""

from __future__ import annotations

import click

from .base import Command, State, pass_state
from .options import format_option


@click.command("codes", cls=Command)
@format_option("text", "md", default="text")
@pass_state
def codes(state: State, fmt: str) -> None:
    """List the diagnostic codes, their exit code and usual fix.

    The text list follows the language of the command line; the Markdown page
    (docs/diagnostics.md) is the English reference.

    \b
    Example:
      isgrid codes --format md > docs/diagnostics.md
    """
    from ..catalog import catalog_markdown, catalog_text

    click.echo(catalog_markdown() if fmt == "md" else catalog_text(state.cli_lang), nl=False)
