"""The séance dashboard's « Enveloppe ±10 % » table carries the minutes' caption, one text
(review chair F4): it is the jury's proposal with the ranking unchanged, decisions and
withdrawals left out, so a withdrawn dossier listed there is no surprise."""

from __future__ import annotations

import html as html_lib
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.web.watch import pages
from testpaths import EXAMPLES

CAPTION = ("Qui entre dans la sélection ou en sort si l'enveloppe était plus petite ou plus "
           "grande de 10 % : la proposition du jury, classement inchangé (les valeurs de "
           "consensus comptent ; ni les décisions ni les retraits enregistrés).")


def text(data: bytes) -> str:
    plain = re.sub(r"<[^>]+>", " ", html_lib.unescape(data.decode("utf-8")))
    return " ".join(plain.replace("\u202f", " ").replace("\xa0", " ").split())


def test_the_caption_after_a_withdrawal(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    run = CliRunner().invoke(cli, ["withdraw", str(folder), "AL16-02", "--by", "S",
                                   "--reason", "courrier"])
    assert run.exit_code == 0, run.output
    page = text(pages(folder)["index.html"])
    at = page.index("Enveloppe ±10 %")
    # the caption right under the heading, before the table that still lists AL16-02
    assert page[at:].startswith(f"Enveloppe ±10 % {CAPTION} Enveloppe Liste proposée")
    english = text(pages(folder, lang="en")["index.html"])
    assert ("recorded decisions and withdrawals do not" in english)
    minutes = tmp_path / "pv.html"
    run = CliRunner().invoke(cli, ["minutes", str(folder), "-o", str(minutes)])
    assert CAPTION in text(minutes.read_bytes())  # the same words
