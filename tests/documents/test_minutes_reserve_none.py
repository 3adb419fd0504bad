"""An empty reserve list in the minutes reads « Liste de réserve : aucun dossier. », not a
bare « Aucun. » under its heading (review chair F14), in HTML and DOCX, French and English.
alsace-2016: AL16-03 and AL16-04 are the reserve; both refused, nobody is left on it
(AL16-07 and AL16-08 are not classed)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.minutes import render_minutes
from isgrid.engine import score
from pagetext import words as text
from workspacecalls import alsace


def test_an_empty_reserve_list(tmp_path: Path) -> None:
    folder = alsace(tmp_path, name="appel")
    for did in ("AL16-03", "AL16-04"):
        run = CliRunner().invoke(cli, ["decide", str(folder), did, "--outcome", "non-retenu",
                                       "--by", "Jury", "--reason", "séance",
                                       "--motivation", "Vu en séance."])
        assert run.exit_code == 0, run.output
    call = load_call(folder)
    result = score(call)
    assert result.current is not None and result.current.reserve == ()
    page = text(render_minutes(call, result, "pv", "html"))
    assert "Liste de réserve Liste de réserve : aucun dossier." in page
    assert "Liste de réserve Aucun." not in page
    assert "Reserve list Reserve list: no dossier." in text(
        render_minutes(call, result, "pv", "html", lang="en"))
    word = docx.Document(io.BytesIO(render_minutes(call, result, "pv", "docx")))
    paragraphs = [p.text.replace("\u202f", " ").replace("\xa0", " ") for p in word.paragraphs]
    at = paragraphs.index("Liste de réserve")
    assert paragraphs[at + 1] == "Liste de réserve : aucun dossier."
