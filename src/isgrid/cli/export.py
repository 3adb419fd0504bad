"""``isgrid export``: the laureates as open data (SCDL Subventions)."""

from __future__ import annotations

from pathlib import Path

import click

from .base import Command, State, pass_state
from .options import force_option, format_option, output_option


@click.command("export", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path))
@format_option("scdl-subventions",
               help="scdl-subventions: SCDL Subventions 2.0.0 (14 columns, CSV).")
@output_option(None, required=True)
@force_option()
@pass_state
def export(state: State, folder: Path, fmt: str, output: Path, force: bool) -> None:
    """Export the grants voted (stage vote, outcome retenu) as public open data.

    Only decisions recorded at the `vote` stage are exported, and only public
    fields (no assessor, no score).  The grantor comes from
    `meeting.attribuant` in call.yaml (docs/decisions.md).

    \b
    Example:
      isgrid export my-call --format scdl-subventions -o subventions.csv
    """
    from ..call.load import load_call
    from ..documents.opendata import scdl_csv
    from ..engine import score
    from ..io.write import write_output

    call = load_call(folder)
    state.handle_warnings(call.warnings)
    result = score(call)
    data = scdl_csv(call, result)
    write_output(output, data, inputs=[call.folder / r for r in call.inputs]
                 + [call.folder / "journal.jsonl"], force=force)
    n = data.count(b"\n") - 1
    click.echo(f"wrote {output} ({n} grants)", err=True)
