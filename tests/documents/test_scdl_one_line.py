"""The SCDL export publishes each grant on one line: a line break, a tab or a carriage
return in a text field (a holder typed over two lines, a title with a tab) is folded to
one space; and ``isgrid export`` says the number of grants written (the rows), where it
counted the file's lines (« 3 grants » for 2; review data19, finding 11)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner
from test_scdl_beneficiary import _voted

from isgrid.cli import cli
from isgrid.documents.opendata import fold_breaks


def test_fold_breaks() -> None:
    assert fold_breaks("Association\n« Aidants »") == "Association « Aidants »"
    assert fold_breaks("a \r\n\t b") == "a b"
    assert fold_breaks("sans\u00a0coupure  ici") == "sans\u00a0coupure  ici"  # kept as is


def test_a_holder_over_two_lines_is_one_row(tmp_path: Path) -> None:
    folder = _voted(tmp_path, 'holder: "Recyclerie\\ndu Sundgau"\nsiret: "12345678900015"\n',
                    declare=True)
    path = folder / "dossiers" / "AL16-01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: \"-Recyclerie\\ttab\" #", 1), "utf-8")
    out = tmp_path / "s.csv"
    run = CliRunner().invoke(cli, ["--lang", "en", "export", str(folder), "--format",
                                   "scdl-subventions", "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert "(1 grant)" in run.output, run.output  # one grant voted: 1, not 2 lines' worth
    data = out.read_text(encoding="utf-8")
    assert data.count("\n") == 2  # the header and the grant
    rows = list(csv.DictReader(io.StringIO(data)))
    assert [(r["nomBeneficiaire"], r["objet"]) for r in rows] == \
        [("Recyclerie du Sundgau", "-Recyclerie tab")]
