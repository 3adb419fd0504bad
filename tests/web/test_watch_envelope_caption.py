"""The séance dashboard's « Enveloppe ±10 % » table is the minutes' table: the same
function with the same arguments (analysis.envelope.envelope_table with the call and the
journal the result was scored with).  Before any decision it is the jury's proposal and
says so (review chair F4); once a decision or a withdrawal is recorded it is the decided
selection, as the minutes print it (review s18 F3: the dashboard still showed the proposal,
a withdrawn dossier funded in it); once the vote adopted the list, a sentence instead.

By hand (tests/analysis/test_report_envelope.py, budget 52 000): AL16-02 (24 000)
withdrawn, AL16-03 (15 000) takes its place: AL16-01 27 000 + 15 000 = 42 000.  At 46 800
the proposal stops at AL16-02 (19 800 left < 24 000), whose withdrawal frees no place:
AL16-01 alone, AL16-03 leaves.  At 57 200: AL16-01 and AL16-03, nobody enters."""

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
DECIDED = ("Qui entre dans la sélection ou en sort si l'enveloppe était plus petite ou plus "
           "grande de 10 % : la sélection après les décisions et les retraits enregistrés, "
           "classement inchangé (les valeurs de consensus comptent).")
TABLE = ("Enveloppe Liste proposée Entrent Sortent 46 800 € AL16-01 - AL16-03 "
         "52 000 € AL16-01, AL16-03 - - 57 200 € AL16-01, AL16-03 - -")


def _run(*args: object) -> None:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output


def _envelope(page: str) -> str:
    """The « Enveloppe ±10 % » section of a page's words, up to the next heading's."""
    at = page.index("Enveloppe ±10 %")
    ends = [page.find(h, at) for h in ("Modifications enregistrées", "Liste proposée Dossier")]
    return page[at:min(e for e in ends if e > 0)].strip()


def test_before_any_decision_the_proposal(tmp_path: Path) -> None:
    page = text(pages(alsace(tmp_path, name="appel"))["index.html"])
    assert _envelope(page).startswith(f"Enveloppe ±10 % {CAPTION} Enveloppe Liste proposée")


def test_after_a_withdrawal_the_minutes_table(tmp_path: Path) -> None:
    folder = alsace(tmp_path, name="appel")
    _run("withdraw", folder, "AL16-02", "--by", "S", "--reason", "courrier")
    shown = _envelope(text(pages(folder)["index.html"]))
    assert shown == f"Enveloppe ±10 % {DECIDED} {TABLE}"
    assert "AL16-02" not in shown  # withdrawn: funded nowhere in the table
    minutes = tmp_path / "pv.html"
    _run("minutes", folder, "-o", minutes)
    assert _envelope(text(minutes.read_bytes())) == shown  # what the minutes print
    english = text(pages(folder, lang="en")["index.html"])
    assert "the selection after the recorded decisions and withdrawals" in english


def test_once_the_list_is_adopted_a_sentence(tmp_path: Path) -> None:
    folder = alsace(tmp_path, name="appel")
    _run("withdraw", folder, "AL16-02", "--by", "S", "--reason", "courrier")
    for did in ("AL16-01", "AL16-03"):
        _run("decide", folder, did, "--stage", "vote", "--outcome", "retenu", "--by", "CP",
             "--reason", "vote", "--reference", "CP-1", "--at", "2016-12-01")
    shown = _envelope(text(pages(folder)["index.html"]))
    assert shown.startswith("Enveloppe ±10 % Tableau non reproduit : le vote a adopté la "
                            "liste"), shown
    assert "Entrent" not in shown
