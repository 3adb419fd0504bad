"""A bidirectional control in an applicant's title or a juror's comment is isolated in the
Word documents too, as in the HTML and Markdown ones (:func:`isgrid.io.bidi.bidi_isolated`,
one rule, called by :func:`isgrid.documents.docxcommon.docx_text`).

Before, the letter and the committee report in Word wrote the title « Épicerie … \\u202etxet.exe »
as it came: its override, never closed, reversed what Word writes after it on the line
(« (AL16-03) » read « (30-61LA) »).  Isolated: U+2068, the text as written, the override
closed (U+202C), U+2069.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.engine import score
from testpaths import EXAMPLES

RLO, PDF, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"
TITLE = "Épicerie mobile bio de l'Outre-Forêt"
COMMENT = "Aucune offre de réemploi dans le Sundgau"


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    dossier = folder / "dossiers" / "AL16-03.yaml"
    source = dossier.read_text(encoding="utf-8")
    assert f'title: "{TITLE}"' in source
    dossier.write_text(source.replace(f'title: "{TITLE}"', f'title: "{TITLE} \\u202etxet.exe"'),
                       encoding="utf-8")
    # j1's comment on AL16-03's AV-1.1, marked shareable: the letter quotes it
    ratings = folder / "ratings" / "j1.csv"
    rows = ratings.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "dossier,assessor,criterion,value,comment"
    rows = [rows[0] + ",shareable"] + [
        f"AL16-03,j1,AV-1.1,3,{COMMENT} {RLO}ko,oui" if r == "AL16-03,j1,AV-1.1,3," else r + ","
        for r in rows[1:]]
    ratings.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _body(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


def test_a_title_s_override_is_isolated_in_the_word_letter_and_report(
        tmp_path: Path) -> None:
    call = load_call(_call(tmp_path))
    result = score(call)
    isolated = f"{FSI}{TITLE} {RLO}txet.exe{PDF}{PDI}"
    letters = dict(render_report(call, result, "feedback", "docx", dossiers=["AL16-03"]))
    body = _body(letters["AL16-03"])
    assert isolated in body, body[body.find("Épicerie") - 40:body.find("Épicerie") + 80]
    assert f"{RLO}txet.exe<" not in body and f"{RLO}txet.exe " not in body
    [(_, report)] = render_report(call, result, "committee", "docx", level="interne")
    body = _body(report)
    assert isolated in body
    assert body.count(RLO) == body.count(f"{RLO}txet.exe{PDF}{PDI}")  # each one closed


def test_a_comment_s_override_is_isolated_in_the_word_letter(tmp_path: Path) -> None:
    """A shared comment the letter quotes (its catalogue sentence isolated it already:
    isolated once, not twice)."""
    call = load_call(_call(tmp_path))
    letters = dict(render_report(call, score(call), "feedback", "docx", dossiers=["AL16-03"]))
    body = _body(letters["AL16-03"])
    assert COMMENT in body
    assert f"{FSI}{COMMENT} {RLO}ko{PDF}{PDI}" in body
    assert FSI + FSI not in body and PDI + PDI not in body
