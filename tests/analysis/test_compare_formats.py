"""``compare`` as a PDF and the coverage table as CSV; its refusals with a code and a hint
(review s17 users, findings 6 and 12).  A note for a director is printed or attached: the
committee report had docx and pdf, compare html, md and json, and the refusal of
``-o comparaison.docx`` (and ``assess -o diagnostic.pdf``) hinted to « write one of them
into this file anyway », HTML in a file named .pdf.  ``isgrid compare GRID`` said its error
without a code or a hint."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli

NB, NNB = "\u00a0", "\u202f"


def fr(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["--lang", "fr", *args])
    return res.exit_code, res.output.replace(NNB, " ").replace(NB, " ")


def test_the_comparison_as_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "comparaison.pdf"
    code, said = fr("compare", "avise-mouves-2011", "picardie-marqueurs-2013", "-o", str(out))
    assert code == 0, said
    from pypdf import PdfReader

    first = PdfReader(str(out)).pages[0].extract_text()
    assert out.read_bytes().startswith(b"%PDF") and "Comparaison de grilles" in first
    code, said = fr("compare", "avise-mouves-2011", "picardie-marqueurs-2013", "--format",
                    "pdf")
    assert code == 2
    assert "Erreur : --format pdf s'écrit dans un fichier : donnez -o [bad-option]" in said
    assert "Indice : Par exemple : isgrid compare … --format pdf -o comparaison.pdf" in said


def test_the_coverage_table_as_csv(tmp_path: Path) -> None:
    """Shares by hand (docs/compare.md §1: criteria shares for a checklist): Avise's 20
    criteria, D1 4 (20 %), D2 1 (5 %), D7 4 (20 %), D10 none; the CSESS's 8, D1 1 (12,5 %),
    D4 only as CS-2.4's secondary dimension « (s) »."""
    out = tmp_path / "couverture.csv"
    code, said = fr("compare", "avise-mouves-2011", "csess-2017", "-o", str(out))
    assert code == 0, said
    rows = out.read_bytes().decode("utf-8-sig").split("\r\n")
    assert rows[0] == ("grille;base;critères sourcés;critères reconstitués;critères inférés;"
                       "provenance;D1 (%);D2 (%);D3 (%);D4 (%);D5 (%);D6 (%);D7 (%);D8 (%);"
                       "D9 (%);D10 (%);atteintes seulement\u00a0: (s) comme dimension secondaire, "
                       "(g) par un critère éliminatoire")
    # numbers in the numeric cells, 0 for a dimension not reached as main dimension, the
    # markers in their own column; the provenance counts (grids.md §1.2, §1bis) and the
    # flag of a grid fewer than half of whose criteria are sourced (review 19, 4 and 7)
    assert rows[1] == ("avise-mouves-2011@1;part des critères;0;19;1;0 critère sourcé sur 20;"
                       "20,0;5,0;10,0;5,0;10,0;15,0;20,0;10,0;5,0;0;")
    assert rows[2] == ("csess-2017@2;part des critères;2;6;0;2 critères sourcés sur 8;"
                       "12,5;12,5;12,5;0;0;37,5;25,0;0;0;0;D4 (s), D5 (s), D8 (s)")
    assert out.read_bytes().startswith("\ufeff".encode())


def test_a_format_not_written_is_refused_without_hinting_at_the_wrong_one(
        tmp_path: Path) -> None:
    """The hint named no format to write « into this file anyway » (HTML into a .pdf):
    it says which names the command writes."""
    code, said = fr("compare", "avise-mouves-2011", "csess-2017", "-o",
                    str(tmp_path / "comparaison.xlsx"))
    assert code == 2 and "[bad-option]" in said
    assert ("Indice : Nommez le fichier d'après l'un de ces formats (html, md, json, pdf, "
            "docx, csv).") in said
    assert "malgré tout" not in said and not (tmp_path / "comparaison.xlsx").exists()


def test_the_self_assessment_as_a_pdf_and_a_word_document(tmp_path: Path) -> None:
    """Amina's diagnostic to attach to an application: ``assess -o diagnostic.pdf`` was
    refused (« l'extension .pdf … nomme un format que cette commande n'écrit pas »)."""
    import docx
    from pypdf import PdfReader

    answers = tmp_path / "rep.yaml"
    answers.write_text("answers:\n  AV-1.1: 3\n", encoding="utf-8")
    pdf, word = tmp_path / "diagnostic.pdf", tmp_path / "diagnostic.docx"
    for out in (pdf, word):
        code, said = fr("assess", "avise-mouves-2011", str(answers), "-o", str(out))
        assert code == 0, said
    assert PdfReader(str(pdf)).pages[0].extract_text().startswith("Autoévaluation")
    assert docx.Document(str(word)).paragraphs[0].text.startswith("Autoévaluation — ")
    code, said = fr("assess", "avise-mouves-2011", str(answers), "--format", "pdf")
    assert code == 2
    assert "Erreur : --format pdf s'écrit dans un fichier : donnez -o [bad-option]" in said
    assert ("Indice : Par exemple : isgrid assess avise-mouves-2011 RÉPONSES --format pdf "
            "-o diagnostic.pdf") in said


def test_one_grid_alone_is_an_error_with_a_code_and_a_hint() -> None:
    code, said = fr("compare", "avise-mouves-2011")
    assert code == 2
    assert ("Erreur : compare demande au moins deux grilles (ou une grille et un appel) "
            "[bad-option]") in said
    assert ("Indice : Donnez une seconde grille (isgrid grids list les nomme), ou un appel "
            "jugé avec celle-ci : isgrid compare avise-mouves-2011 --call APPEL.") in said


def test_the_comparison_as_a_word_document(tmp_path: Path) -> None:
    """The Markdown document's headings, lists and tables, as Word's (the coverage table
    with its figures), its escaping undone and French spaces kept."""
    import docx

    out = tmp_path / "comparaison.docx"
    code, said = fr("compare", "avise-mouves-2011", "csess-2017", "-o", str(out))
    assert code == 0, said
    doc = docx.Document(str(out))
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    assert styles[0] == ("Title", "Comparaison de grilles")
    assert ("Heading 1", "Couverture des dimensions") in styles
    assert any(s == "List Bullet" and t.startswith(f"D7 Expérimentation, risque et "
                                                     f"recherche{NB}: ") for s, t in styles)
    coverage = next(t for t in doc.tables if t.rows[0].cells[0].text == "grille"
                    and t.rows[0].cells[3].text == "D1")
    # the grid's provenance beside its shares: Avise 0 of 20 sourced (review 19, finding 4)
    assert [c.text for c in coverage.rows[1].cells][:5] == [
        "avise-mouves-2011@1", "part des critères", "0 / 19 / 1 (peu sourcés)", f"20{NNB}%",
        f"5{NNB}%"]
    assert doc.sections[0].header.paragraphs[0].text == (
        "Comparaison de grilles — avise-mouves-2011@1 · csess-2017@2")


def test_the_markdown_escaping_is_undone_in_word() -> None:
    from isgrid.documents.markdown_docx import _cells, spans

    assert spans(r"**AL16-01** a\*b \| c &lt;d&gt; R&amp;D *coupé*") == [
        ("AL16-01", True, False), (" a*b | c <d&gt; R&D ", False, False),
        ("coupé", False, True)]
    assert _cells(r"| a \| b | c |") == [r"a \| b", "c"]
