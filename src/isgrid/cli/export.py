"""``isgrid export``: the laureates as open data (SCDL Subventions)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from .base import Command, State, _, _n, pass_state, reads_call
from .options import force_option, format_option, output_option


@click.command("export", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path))
@format_option("scdl-subventions", "dispositif-aide",
               help="scdl-subventions: SCDL Subventions (CSV); dispositif-aide: the call "
                    "as a « dispositif d'aide » record (CSV).")
@click.option("--schema-version", type=click.Choice(["2.1.1", "2.0.0"]), default="2.1.1",
              show_default=True, help="SCDL Subventions version (16 or 14 columns).")
@output_option(None, required=True)
@force_option()
@pass_state
@reads_call
def export(state: State, folder: Path, fmt: str, schema_version: str, output: Path,
           force: bool) -> None:
    """Export the grants voted (stage vote, outcome retenu) as public open data.

    Only decisions recorded at the `vote` stage are exported, and only public
    fields (no assessor, no score).  The grantor comes from
    `meeting.attribuant` in call.yaml, `dispositifAide` from its `dispositif`
    block (docs/decisions.md).

    \b
    Examples:
      isgrid export my-call --format scdl-subventions -o subventions.csv
      isgrid export my-call --format dispositif-aide -o dispositif.csv
    """
    from ..documents.opendata import dispositif_csv, scdl_csv
    from ..engine import score
    from ..errors import Diagnostic
    from ..io.write import write_output

    call = state.load_call(folder)
    state.handle_warnings(call.warnings)
    if fmt == "dispositif-aide":
        data = dispositif_csv(call)
    else:
        result = score(call)
        said: list[Diagnostic] = []  # the decision's date written for an agreement's
        data = scdl_csv(call, result, schema_version, said)
        state.handle_warnings(said)
    write_output(output, data, inputs=[call.folder / r for r in call.inputs]
                 + [call.folder / "journal.jsonl"], force=force)
    # the rows written (a grant, a record), not the lines: a field may hold a line break
    n = sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8")))) - 1
    text = (_("wrote {path} ({n} record)") if fmt == "dispositif-aide"
            else _n("wrote {path} ({n} grant)", "wrote {path} ({n} grants)", n))
    click.echo(text.format(path=output, n=n), err=True)


@click.command("validate-scdl", cls=Command)
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--schema-version", type=click.Choice(["2.1.1", "2.0.0"]), default="2.1.1",
              show_default=True, help="SCDL Subventions version of the schema.")
@pass_state
def validate_scdl(state: State, file: Path, schema_version: str) -> None:
    """Check an SCDL Subventions file against its published schema, before publishing it.

    The schema is OpenDataFrance's (shipped with isgrid), checked by frictionless, the
    validator Validata (data.gouv.fr) is built on, with Validata's two checks of the
    schema (a SIRET's check digit; idBeneficiaire or rnaBeneficiaire).  Each problem is
    said at its line and column (docs/opendata.md).  Exit 0: the file follows the schema.

    \b
    Example:
      isgrid validate-scdl subventions.csv
    """
    from ..documents.scdlcheck import check_scdl
    from ..errors import CallError

    said, n = check_scdl(file, schema_version)
    state.handle_warnings([d for d in said if d.severity == "warning"])
    errors = [d for d in said if d.severity == "error"]
    if errors:
        raise CallError("the file does not follow the schema", errors)
    text = _n("{path}: follows the SCDL Subventions {version} schema ({n} grant)",
              "{path}: follows the SCDL Subventions {version} schema ({n} grants)", n)
    click.echo(text.format(path=file, version=schema_version, n=n))  # the answer: stdout
