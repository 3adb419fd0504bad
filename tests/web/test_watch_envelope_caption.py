"""The séance dashboard's « Enveloppe ±10 % » table says what it is (review chair F4): the
jury's proposal with the ranking unchanged, decisions and withdrawals left out, so a
withdrawn dossier listed there is no surprise.  The minutes, once something is decided,
walk the decided selection instead and say so (review s18 F3)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.web.watch import pages
from pagetext import words as text
from workspacecalls import alsace

CAPTION = ("Qui entre dans la sélection ou en sort si l'enveloppe était plus petite ou plus "
           "grande de 10 % : la proposition du jury, classement inchangé (les valeurs de "
           "consensus comptent ; ni les décisions ni les retraits enregistrés).")


def test_the_caption_after_a_withdrawal(tmp_path: Path) -> None:
    folder = alsace(tmp_path, name="appel")
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
    said = text(minutes.read_bytes())
    assert CAPTION not in said  # the minutes walk the decided selection (s18 F3)
    assert "la sélection après les décisions et les retraits enregistrés" in said
