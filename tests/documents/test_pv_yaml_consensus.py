"""A consensus value written in call.yaml replaces the jurors' aggregate as a journal's
does: the signed minutes list it in their changes table too, numbered « call.yaml » (it is
outside the chained journal, which a note says), with the change, its reason and who set it,
in HTML and Word (review audit, finding 8: the example's AL16-02 ALS-5 was nowhere in the
PV).

The example (alsace-2016): AL16-02 ALS-5 rated 1, 4 and 3 (mean 8 / 3 = 2,67, written
2,7), set to 3 by the jury in call.yaml."""

from __future__ import annotations

from pathlib import Path

from pvwords import pv

from clirun import run
from workspacecalls import alsace

# AL16-02's total without the value: 77,38 - 100 x (1/3) / 28 = 76,19, 2nd all the same
ROW = ("call.yaml AL16-02 consensus ALS-5 : 2,7 → 3 ; sans effet sur la proposition Écart de 1 à 4 "
       "entre jurés ; après "
       "l'audition, le jury s'accorde sur « Bon » : équipe salariée en place, partenaires "
       "engagés par convention. jury")
NOTE = "« call.yaml » : valeur de consensus écrite dans call.yaml, hors du journal chaîné"


def test_without_a_journal(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    for fmt in ("html", "docx"):
        page = pv(folder, fmt)
        assert ROW in page, fmt
        assert NOTE in page, fmt
        assert "Aucune modification n'a été enregistrée" not in page, fmt
    assert "“call.yaml”: a consensus value written in call.yaml" in pv(folder, "html", "en")


def test_before_the_journals_entries(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    run("consensus", "set", folder, "AL16-07", "ALS-4", "2", "--by", "Présidente",
        "--reason", "relecture du budget en séance")
    page = pv(folder, "html")
    # AL16-07 ALS-4 rated 1, 2 and 1: 4 / 3 = 1,3, under the floor 2 (s15 recours F7);
    # with the consensus, 4th: AL16-01 27 000 + AL16-02 24 000 = 51 000 of 52 000 €, AL16-05
    # to check, AL16-07's 15 000 € do not fit: the reserve (s16 recours, task 1)
    journal = ("1 AL16-07 consensus ALS-4 : 1,3 → 2 (sous le plancher de 2 → plancher atteint) "
               "; sans ce consensus, le jury proposait : non classé ; avec : 4ᵉ, réserve "
               "relecture du budget en séance Présidente")
    assert ROW in page and journal in page
    assert page.index(ROW) < page.index(journal)
