"""``isgrid minutes CALL --kind cp-annex --reference REF``: the annex of one deliberation
(docs/decisions.md, "A later deliberation").

Each deliberation's act needs its own annex: the dossiers it decided, their amounts and
the total it commits.  The call (tests/votecalls.py, as tests/documents/
test_vote_reference.py builds it): AL16-01 (27 000 €, eligible costs 70 000 €) and
AL16-02 voted at meeting.vote's deliberation CP-2016-05-12 (12 May 2016); AL16-02
withdrawn; AL16-03 (15 000 €, eligible costs 30 000 €), proposed in its place, voted at
CP-2016-06-02 on 2 June 2016.  Worked out by hand:

- CP-2016-06-02's annex: AL16-03 alone, 15 000 €, rate 15 000 / 30 000 = 50 %, total
  15 000 €;
- CP-2016-05-12's annex, the record of what it voted: AL16-01, 27 000 €, rate
  27 000 / 70 000 = 0,3857… → 38,6 %, and AL16-02, 24 000 €, rate 24 000 / 50 000 = 48 %,
  « retiré depuis » (withdrawn after the vote, no date recorded); total 51 000 €, « dont
  maintenu » 27 000 €; not AL16-03, voted later (tests/documents/test_annex_record.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_vote_reference import LATER, later_vote, words

from isgrid.cli import cli
from votecalls import example, run

NNBSP = "\u202f"


@pytest.fixture
def later(tmp_path: Path) -> Path:
    folder = example(tmp_path)
    later_vote(folder, *LATER)
    return folder


def annex(folder: Path, out: Path, *args: str) -> str:
    run("minutes", folder, "--kind", "cp-annex", *args, "-o", out)
    return out.read_text(encoding="utf-8")


def rows(page: str) -> list[tuple[str, ...]]:
    """The annex table's rows: dossier, holder, project, amount, rate (cells' text)."""
    return [tuple(words(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr))
            for tr in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S) if "<td" in tr]


def test_the_annex_of_a_later_deliberation(later: Path, tmp_path: Path) -> None:
    page = annex(later, tmp_path / "a.html", "--reference", "CP-2016-06-02")
    text = words(page)
    assert "<title>Annexe à la délibération CP-2016-06-02\u00a0: subventions · " in page
    assert " Délibération : CP-2016-06-02 (2 juin 2016) " in text
    assert rows(page) == [
        ("AL16-03", "-", "Épicerie mobile bio de l'Outre-Forêt", "15 000 €", "50 %"),
        ("", "Total", "", "15 000 €", "")]
    assert "AL16-01" not in text and "CP-2016-05-12" not in text and "12 mai" not in text
    assert "<th>Délibération</th>" not in page  # one deliberation: no column


def test_the_annex_of_the_meetings_deliberation(later: Path, tmp_path: Path) -> None:
    page = annex(later, tmp_path / "a.html", "--reference", "CP-2016-05-12")
    text = words(page)
    assert "<title>Annexe à la délibération CP-2016-05-12\u00a0: subventions · " in page
    assert " Délibération : CP-2016-05-12 (12 mai 2016) " in text
    assert rows(page) == [
        ("AL16-01", "-", "Recyclerie solidaire du Sundgau", "27 000 €", "38,6 %", "10 / 0 / 1",
         ""),
        ("AL16-02", "-", "Maison des aidants itinérante du Kochersberg", "24 000 €", "48 %",
         "10 / 0 / 1", "retiré depuis"),
        ("", "Total", "", "51 000 €", "", "", ""),
        ("", "dont maintenu", "", "27 000 €", "", "", "")]
    assert "AL16-03" not in text and "CP-2016-06-02" not in text


def test_without_reference_the_annex_lists_every_deliberation(later: Path,
                                                                tmp_path: Path) -> None:
    page = annex(later, tmp_path / "a.html")
    assert "<title>Annexe à la délibération\u00a0: subventions · " in page
    assert [r[0] for r in rows(page)] == ["AL16-01", "AL16-03", ""]
    assert rows(page)[-1][3] == "42 000 €"  # 27 000 + 15 000


def test_the_annex_of_one_deliberation_in_docx_pdf_and_english(later: Path,
                                                                  tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "a.docx"
    run("minutes", later, "--kind", "cp-annex", "--reference", "CP-2016-06-02", "--lang", "en",
        "--format", "docx", "-o", out)
    with zipfile.ZipFile(out) as z:
        body = words(z.read("word/document.xml").decode("utf-8"))
    assert "Annex to the deliberation CP-2016-06-02: grants " in body
    assert "Deliberation: CP-2016-06-02 (2 June 2016) " in body
    assert " AL16-03 - Épicerie mobile bio de l'Outre-Forêt €15,000 50% Total €15,000 " \
        in body
    assert "AL16-01" not in body and "CP-2016-05-12" not in body
    out = tmp_path / "a.pdf"
    run("minutes", later, "--kind", "cp-annex", "--reference", "CP-2016-05-12",
        "--format", "pdf", "-o", out)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in
                    PdfReader(io.BytesIO(out.read_bytes())).pages)
    text = re.sub(r"[\u202f\xa0]", " ", text)
    assert "Annexe à la délibération CP-2016-05-12 : subventions" in text
    assert "Délibération : CP-2016-05-12 (12 mai 2016)" in text
    assert "27 000 €" in text and "38,6 %" in text and "Total 51 000 €" in text
    assert "retiré depuis" in text and "dont maintenu 27 000 €" in text
    assert "AL16-03" not in text and "15 000" not in text


def test_a_deliberation_that_retained_nothing(tmp_path: Path) -> None:
    folder = example(tmp_path)
    run("decide", folder, "AL16-03", "--stage", "vote", "--outcome", "non-retenu", *LATER,
        "--by", "CP", "--reason", "délibération CP-2016-06-02")
    page = annex(folder, tmp_path / "a.html", "--reference", "CP-2016-06-02")
    text = words(page)
    assert "Aucun dossier retenu n'a été voté par la délibération CP-2016-06-02." in text
    assert " Délibération : CP-2016-06-02 (2 juin 2016) " in text
    assert "<table" not in page


def test_an_unknown_reference_is_refused_with_the_known_ones(later: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "a.html"
    res = CliRunner().invoke(cli, ["--lang", "fr", "minutes", str(later), "--kind", "cp-annex",
                                   "--reference", "CP-2016-07-01", "-o", str(out)])
    assert res.exit_code == 2, res.output
    assert ("journal.jsonl\u00a0: --reference\u00a0: aucune délibération «\xa0CP-2016-07-01\xa0» dans "
            "meeting.vote ni dans le journal" + NNBSP + "; les délibérations connues\u00a0: "
            "CP-2016-05-12, CP-2016-06-02 [unknown-deliberation]") in res.output
    assert "Donnez l'une des délibérations connues, ou retirez --reference" in res.output
    assert "Traceback" not in res.output and not out.exists()
    res = CliRunner().invoke(cli, ["--lang", "en", "minutes", str(later), "--kind", "cp-annex",
                                   "--reference", "CP-2016-06-20", "-o", str(out)])
    assert res.exit_code == 2
    assert "the deliberations known: CP-2016-05-12, CP-2016-06-02 [unknown-deliberation]" \
        in res.output
    assert "Hint: Did you mean 'CP-2016-06-02'?" in res.output and not out.exists()


def test_a_call_that_names_no_deliberation(tmp_path: Path) -> None:
    from testpaths import EXAMPLES

    res = CliRunner().invoke(cli, ["--lang", "en", "minutes", str(EXAMPLES / "alsace-2016"),
                                   "--kind", "cp-annex", "--reference", "CP-1",
                                   "-o", str(tmp_path / "a.html")])
    assert res.exit_code == 2
    assert ("no deliberation 'CP-1' in meeting.vote or the journal, which name none "
            "[unknown-deliberation]") in res.output
    assert "Name the deliberation in meeting.vote (call.yaml)" in res.output


def test_reference_goes_with_the_annex_only(later: Path, tmp_path: Path) -> None:
    out = tmp_path / "pv.html"
    res = CliRunner().invoke(cli, ["--lang", "fr", "minutes", str(later), "--reference",
                                   "CP-2016-06-02", "-o", str(out)])
    assert res.exit_code == 2
    assert ("--reference choisit la délibération d'une annexe de CP\u00a0: elle ne va pas avec "
            "--kind pv [bad-option]") in res.output
    assert "Ajoutez --kind cp-annex (l'annexe de cette délibération), ou retirez --reference." \
        in res.output
    res = CliRunner().invoke(cli, ["minutes", str(later), "--kind", "cp-annex", "--reference",
                                   " ", "-o", str(out)])
    assert res.exit_code == 2 and "[bad-option]" in res.output and not out.exists()


# ---------------------------------------------------------------- isgrid report --reference
def test_report_writes_the_annex_of_one_deliberation(later: Path, tmp_path: Path) -> None:
    """``isgrid report --kind cp-annex --reference REF``: the same annex as ``isgrid minutes``
    (one library call), in HTML and DOCX."""
    page = annex(later, tmp_path / "m.html", "--reference", "CP-2016-06-02")
    run("report", later, "--kind", "cp-annex", "--reference", "CP-2016-06-02",
        "-o", tmp_path / "r.html")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == page
    assert rows(page) == [
        ("AL16-03", "-", "Épicerie mobile bio de l'Outre-Forêt", "15 000 €", "50 %"),
        ("", "Total", "", "15 000 €", "")]
    run("report", later, "--kind", "cp-annex", "--reference", "CP-2016-05-12", "--lang", "en",
        "--format", "docx", "-o", tmp_path / "r.docx")
    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        body = words(z.read("word/document.xml").decode("utf-8"))
    assert "Annex to the deliberation CP-2016-05-12: grants " in body
    assert (" AL16-01 - Recyclerie solidaire du Sundgau €27,000 38.6% 10 / 0 / 1 AL16-02 - "
            "Maison des aidants itinérante du Kochersberg €24,000 48% 10 / 0 / 1 withdrawn "
            "since Total €51,000 of which still stands €27,000 ") in body
    assert "AL16-03" not in body


def test_report_checks_the_reference_as_minutes_does(later: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"

    def report(*args: str, lang: str = "fr") -> str:
        res = CliRunner().invoke(cli, ["--lang", lang, "report", str(later), *args,
                                       "-o", str(out)])
        assert res.exit_code == 2, res.output
        assert "Traceback" not in res.output and not out.exists()
        return res.output

    said = report("--reference", "CP-2016-06-02")  # --kind committee, the default
    assert ("--reference choisit la délibération d'une annexe de CP\u00a0: elle ne va pas avec "
            "--kind committee [bad-option]") in said
    assert "Ajoutez --kind cp-annex (l'annexe de cette délibération), ou retirez --reference." \
        in said
    assert "--kind fiches [bad-option]" in report("--kind", "fiches", "--reference", "X")
    assert "--reference is empty [bad-option]" in report("--kind", "cp-annex", "--reference",
                                                         " ", lang="en")
    said = report("--kind", "cp-annex", "--reference", "CP-2016-06-20", lang="en")
    assert "the deliberations known: CP-2016-05-12, CP-2016-06-02 [unknown-deliberation]" \
        in said
    assert "Hint: Did you mean 'CP-2016-06-02'?" in said
