"""A grant's ``objet`` longer than the schema's 256 characters is cut at a word, « … »
after, and the export says which grants.

Found by a review (an instructeur): a 330-character project title was published cut in
the middle of a word (« … : réparer ensemb »), without a word."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml
from click.testing import CliRunner
from test_scdl_beneficiary import _voted

from isgrid.cli import cli
from isgrid.documents.opendata import OBJET_MAX, _objet

#: a long title, as applicants write them: 330 characters
TITLE = ("Atelier « Les mains vertes » : réparer ensemble, " * 7)[:330]


def test_cut_at_a_word() -> None:
    assert len(TITLE) == 330
    objet = _objet(TITLE)
    assert len(objet) <= OBJET_MAX and objet.endswith("…")
    head = objet[:-1]
    # by hand: the text up to a word's end: the next character of the title is a space
    assert TITLE.startswith(head) and TITLE[len(head)] in " ,"
    assert _objet("Court titre.") == "Court titre."


def test_the_export_says_it(tmp_path: Path) -> None:
    folder = _voted(tmp_path, 'holder: "Recyclerie"\nsiret: "12345678900015"\n', declare=True)
    path = folder / "dossiers" / "AL16-01.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"] = TITLE
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run = CliRunner().invoke(cli, ["--lang", "en", "export", str(folder), "--format",
                                   "scdl-subventions", "-o", str(tmp_path / "s.csv")])
    assert run.exit_code == 0, run.output
    out = " ".join(run.output.split())
    assert ("SCDL's objet holds at most 256 characters: the objet of 1 grant was cut at a "
            "word, « … » after (AL16-01) [scdl-objet-cut]") in out
    [row] = list(csv.DictReader(io.StringIO((tmp_path / "s.csv").read_text("utf-8"))))
    assert row["objet"] == _objet(TITLE) and not row["objet"].endswith("ensemb")
