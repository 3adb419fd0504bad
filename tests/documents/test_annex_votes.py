"""The CP annex shows the vote's counts, and a deliberation's dates are read from one set of
votes by its annex and by the ``deliberation-dates`` warning (found by a review: the
annex's context carried each row's ``votes`` but no column showed them; the warning read
only the votes in effect while the annex's date read every vote of the deliberation).

The séance call of tests/decisions_calls.py (meeting.vote CP-2026-04-117, 2 avril 2026):
D1 (20 000 €, eligible costs 40 000 €: 50 %) voted « retenu » 10 pour, 0 contre,
1 abstention; D2 (15 000 €, costs 30 000 €: 50 %) 7 pour, 2 contre, 1 abstention.  Total
20 000 + 15 000 = 35 000 €.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from click.testing import CliRunner

from clirun import run
from decisions_calls import seance_call
from isgrid.cli import cli
from pagetext import docx_text, visible

HEAD_FR = "Vote (pour / contre / abstention)"
HEAD_EN = "Vote (for / against / abstention)"


def decide(folder: Path, dossier: str, *extra: str) -> str:
    return run("--lang", "en", "decide", folder, dossier, "--stage", "vote", "--outcome",
               "retenu", *extra, "--by", "CP", "--reason", "r")


def cells(page: bytes) -> list[list[str]]:
    """The annex table's rows, each cell's visible text (header row first)."""
    text = page.decode("utf-8")
    return [[visible(c.encode()).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr)]
            for tr in re.findall(r"<tr>(.*?)</tr>", text, flags=re.S)]


def annex(folder: Path, out: Path, *args: str) -> bytes:
    run("minutes", folder, "--kind", "cp-annex", *args, "-o", out)
    return out.read_bytes()


def test_the_annex_shows_the_counts_of_the_vote(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    decide(folder, "D1", "--votes", "10/0/1")
    decide(folder, "D2", "--votes", "7/2/1")
    expected = [
        ["Dossier", "Porteur", "Projet", "Montant", "Taux", HEAD_FR],
        ["D1", "Structure D1", "Projet D1", "20\u202f000\u202f€", "50\u202f%", "10 / 0 / 1"],
        ["D2", "Structure D2", "Projet D2", "15\u202f000\u202f€", "50\u202f%", "7 / 2 / 1"],
        ["", "Total", "", "35\u202f000\u202f€", "", ""]]
    # the annex of the deliberation (its record) and the annex of every retained dossier
    assert cells(annex(folder, tmp_path / "a.html", "--reference", "CP-2026-04-117")) == \
        expected
    assert cells(annex(folder, tmp_path / "b.html")) == expected
    body = docx_text(annex(folder, tmp_path / "a.docx", "--lang", "en", "--format", "docx"))
    assert f"\nRate\n{HEAD_EN}\nD1\n" in body
    assert "\n50%\n10 / 0 / 1\nD2\n" in body and "\n50%\n7 / 2 / 1\n" in body
    from pypdf import PdfReader

    pdf = annex(folder, tmp_path / "a.pdf", "--format", "pdf")
    text = " ".join(" ".join((p.extract_text() or "").split())
                    for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "abstention)" in text and "10 / 0 / 1" in text and "7 / 2 / 1" in text


def test_no_counts_no_column(tmp_path: Path) -> None:
    """Before the vote, and after a vote recorded without --votes: no « Vote » column."""
    folder = seance_call(tmp_path)
    assert HEAD_FR not in visible(annex(folder, tmp_path / "a.html"))
    decide(folder, "D1")
    page = annex(folder, tmp_path / "b.html")  # D2 not voted yet: « à voter »
    assert cells(page)[0] == ["Dossier", "Porteur", "Projet", "Montant", "Taux",
                              "Délibération"]
    decide(folder, "D2", "--votes", "7/2/1")  # one row with counts: a dash on the other
    assert [r[5] for r in cells(annex(folder, tmp_path / "c.html"))] == \
        [HEAD_FR, "-", "7 / 2 / 1", ""]


def test_the_dates_warning_reads_the_votes_the_annex_dates(tmp_path: Path) -> None:
    """CP-2026-06-02 votes D4 on 2 June (journal line 1); CP-2026-06-20 decides D4 again
    on 20 June (line 2); CP-2026-06-02 votes D3 dated 9 June (line 3).  The annex of
    CP-2026-06-02 is its record: D4's vote there counts (2 June) beside D3's (9 June), and
    the warning names the same two dates (it read only D4's vote in effect, the 20 June
    one: no warning, while the annex said two dates)."""
    folder = seance_call(tmp_path)
    decide(folder, "D4", "--reference", "CP-2026-06-02", "--at", "2026-06-02")
    decide(folder, "D4", "--reference", "CP-2026-06-20", "--at", "2026-06-20")
    said = decide(folder, "D3", "--reference", "CP-2026-06-02", "--at", "2026-06-09")
    journal = folder / "journal.jsonl"
    warning = (f"{journal}:3: the deliberation CP-2026-06-02 is recorded with 2 different "
               f"dates: 2026-06-02 ({journal}:1), 2026-06-09 ({journal}:3) "
               "[deliberation-dates]")
    assert said.count(warning) == 1, said  # decide says it at once
    check = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert check.exit_code == 0 and check.output.count(warning) == 1, check.output
    text = re.sub(r"[ \n]+", " ", visible(annex(folder, tmp_path / "a.html",
                                             "--reference", "CP-2026-06-02")))
    assert ("Délibération\u00a0: CP-2026-06-02 (dates enregistrées\u00a0: 2 juin 2026 et "
            "9 juin 2026)") in text
    # recorded again with the right date at the same deliberation: one date, no warning
    decide(folder, "D3", "--reference", "CP-2026-06-02", "--at", "2026-06-02")
    check = CliRunner().invoke(cli, ["--lang", "en", "call", "check", str(folder)])
    assert "deliberation-dates" not in check.output, check.output
    text = re.sub(r"[ \n]+", " ", visible(annex(folder, tmp_path / "b.html",
                                             "--reference", "CP-2026-06-02")))
    assert "Délibération\u00a0: CP-2026-06-02 (2 juin 2026)" in text
