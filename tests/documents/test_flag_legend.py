"""The committee report's legend of the flags: its title kept with its entries (it was left
alone at the foot of page 3, the entries on page 4, in the reviewer's call before the
séance), and entries that say something (« ex æquo — ex æquo », « à vérifier — à
vérifier », « irrecevable — irrecevable » explained nothing)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.documents.build import build_context
from isgrid.documents.output import render_report
from isgrid.engine import score
from report_calls import weasyprint_usable
from testpaths import EXAMPLES, FIXTURES

NB = "\u00a0"


def _before_the_seance(tmp_path: Path) -> Path:
    """tests/fixtures/pv30 before its séance (no journal): its ranking fills page 3."""
    folder = tmp_path / "pv30"
    shutil.copytree(FIXTURES / "pv30", folder)
    (folder / "journal.jsonl").unlink()
    return folder


@pytest.mark.skipif(not weasyprint_usable(), reason="WeasyPrint unavailable")
def test_the_legend_title_is_on_the_page_of_its_entries(tmp_path: Path) -> None:
    from pypdf import PdfReader

    call = load_call(_before_the_seance(tmp_path))
    [(_, pdf)] = render_report(call, score(call), "committee", "pdf", level="interne")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    [title] = [i for i, text in enumerate(pages) if "Légende des signalements" in text]
    # the first entry, the tie at the line, explained right under the title
    assert "ex æquo sur la ligne de financement" in pages[title], pages[title]


def test_the_entries_say_what_the_flags_mean(tmp_path: Path) -> None:
    """alsace-2016: AL16-06 irrecevable (ALS-E3), AL16-05 to check (a fact); pv30 a tie."""
    call = load_call(EXAMPLES / "alsace-2016")
    legend = {li.term: li.meaning for li in
              build_context(call, score(call), "committee", "interne").flag_legend}
    assert legend["irrecevable"] == (
        f"une condition de recevabilité n'est pas remplie (le code de la condition suit){NB}: "
        "le dossier n'est pas classé")
    assert legend["à vérifier"] == (
        "une condition de recevabilité ou une information reste à vérifier (son code ou son "
        "nom suit) avant toute décision")
    call = load_call(_before_the_seance(tmp_path))
    items = build_context(call, score(call), "committee", "interne").flag_legend
    assert items
    assert all(li.term.casefold() != li.meaning.casefold() for li in items), items
    en = {li.term: li.meaning for li in build_context(
        call, score(call), "committee", "interne", lang="en").flag_legend}
    assert en["tie at the line"] == "tie at the funding line"
    assert en["ineligible"] == ("an eligibility condition is not met (the condition's code "
                                "follows): the dossier is not ranked")
