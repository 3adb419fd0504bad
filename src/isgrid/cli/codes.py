"""``isgrid codes``: the catalog of diagnostic codes."""

from __future__ import annotations

import click

from .base import Command
from .options import format_option


@click.command("codes", cls=Command)
@format_option("text", "md", default="text")
def codes(fmt: str) -> None:
    """List the diagnostic codes, their exit code and usual fix.

    \b
    Example:
      isgrid codes --format md > docs/diagnostics.md
    """
    from ..catalog import catalog_markdown, catalog_text

    click.echo(catalog_markdown() if fmt == "md" else catalog_text(), nl=False)
