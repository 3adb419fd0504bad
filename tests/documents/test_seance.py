"""The séance view (isgrid.documents.seance), the tableau de séance and the committee
report at 40 dossiers: running total, zone grise, current-dossier mode, print layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.output import render_report
from isgrid.documents.seance import build_seance, render_seance
from isgrid.engine import score
from isgrid.web.watch import dashboard, pages
from pagetext import unescaped as text
from report_calls import big_call, weasyprint_usable
from workspacecalls import alsace
from zonecalls import zone_call

needs_pdf = pytest.mark.skipif(not weasyprint_usable(), reason="WeasyPrint unavailable")


def run(*args: object) -> str:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.output


def test_running_total_before_any_decision(tmp_path: Path) -> None:
    call = load_call(alsace(tmp_path))
    s = build_seance(call, score(call))
    # envelope 52 000: AL16-01 27 000 (cumul 27 000, left 25 000), AL16-02 24 000
    # (cumul 51 000, left 1 000); the reserve AL16-03, AL16-04
    assert [(x.id, x.amount, x.cumulative, x.left) for x in s.funded] == [
        ("AL16-01", 27000, 27000, 25000), ("AL16-02", 24000, 51000, 1000)]
    assert [x.id for x in s.reserve] == ["AL16-03", "AL16-04"]
    assert s.over is None and not any(x.over for x in s.funded)
    assert (s.budget, s.committed, s.remaining) == (52000, 51000, 1000)


def test_after_a_withdrawal_and_a_vote_on_the_example(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    for did in ("AL16-01", "AL16-03"):
        run("decide", folder, did, "--stage", "vote", "--outcome", "retenu", "--by", "CP",
            "--reason", "délibération")
    html = text(dashboard(folder))
    # AL16-02 (24 000) withdrawn: AL16-03 (15 000, first of the reserve) moves up; AL16-04
    # (20 000) does not fit: 27 000 + 15 000 = 42 000 committed, 52 000 - 42 000 = 10 000 left
    assert "<b>42 000 €</b>Engagé" in html and "<b>10 000 €</b>Reste" in html
    assert ('<td class="id">AL16-03</td><td class="title"><span class="cut">Épicerie mobile '
            "bio de l'Outre-Forêt</span></td><td class=\"state\">retenu · décidé</td>"
            '<td class="num">15 000 €</td>'
            '<td class="num">42 000 €</td><td class="num">10 000 €</td>') in html
    # AL16-03, moved up by the withdrawal then voted: no override (no red cell)
    assert '<td class="over">' not in html


def test_an_overrun_is_impossible_to_miss(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    # the vote grants AL16-04 (rank 5, 20 000) too: 27 000 + 24 000 + 20 000 = 71 000,
    # 19 000 above the envelope of 52 000, from AL16-04's line on
    run("decide", folder, "AL16-04", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "choix politique")
    call = load_call(folder)
    s = build_seance(call, score(call))
    assert s.over == 19000
    assert [x.over for x in s.funded] == [False, False, True]
    html = text(dashboard(folder))
    assert "Dépassement : 19 000 € au-delà de l'enveloppe." in html
    assert "DÉPASSEMENT \u221219 000 €" in html
    assert "dépasse l'enveloppe (52 000 €) de 19 000 €" in html  # décisions à prendre


def test_floor_edge_in_the_seance_view_and_the_committee_report(tmp_path: Path) -> None:
    # zonecalls: E's mean on Q1 is (2 + 2 + 2) / 3 = 2.0, the floor; one juror one level
    # lower gives (1 + 2 + 2) / 3 = 1.67: below it
    folder = zone_call(tmp_path)
    html = text(dashboard(folder))
    zone = html[html.index("Zone grise"):html.index("Classement")]
    assert 'data-dossier="E"' in zone
    assert ("« Utilité sociale » : 2 pour un plancher de 2 ; un juré un niveau plus bas le "
            "ferait passer sous le plancher (1,67)") in zone
    assert 'data-dossier="F"' not in zone  # 0.67: far below, one juror changes nothing
    call = load_call(folder)
    report = text(render_report(call, score(call), "committee", "html")[0][1])
    grey = report[report.index('<section class="zone-grise">'):]
    grey = grey[:grey.index("</section>")]
    assert 'data-dossier="E"' in grey and 'data-dossier="U"' in grey
    assert "un juré un niveau plus haut le ferait passer au-dessus (2)" in grey
    md = text(render_report(call, score(call), "committee", "md")[0][1])
    grey_md = md[md.index("### Zone grise"):md.index("## 5.")]
    assert "| E |" in grey_md and "| U |" in grey_md and "| F |" not in grey_md
    # never at the communicable level
    comm = text(render_report(call, score(call), "committee", "html",
                              level="communicable")[0][1])
    assert "zone-grise" not in comm


def test_current_dossier_and_a_member_deporte(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    out = pages(folder, dossier="AL16-01")
    index = text(out["index.html"])
    # j2 (Marc Wendling) is déporté for AL16-01 (call.yaml conflicts)
    assert "qui doivent quitter la salle : Marc Wendling." in index
    assert "Critères du dossier" in index
    mine = text(out["membre-j2.html"])
    assert "Vous êtes en déport pour le dossier AL16-01" in mine
    assert "Critères du dossier" not in mine
    ranking = mine[mine.index("<h2>Classement</h2>"):]
    row = ranking[ranking.index('<td class="id">AL16-01</td>'):]
    row = row[:row.index("</tr>")]
    assert "84,8" not in row and "masqué (déport)" in row
    # another member sees the dossier and is not asked to leave
    other = text(out["membre-j1.html"])
    assert "Vous êtes déporté" not in other and "Critères du dossier" in other


def test_watch_reads_the_current_dossier_file(tmp_path: Path) -> None:
    folder = alsace(tmp_path)
    out = tmp_path / "seance"
    out.mkdir()
    (out / "dossier-en-cours.txt").write_text("AL16-01\n", encoding="utf-8")
    run("watch", folder, "-o", out, "--once")
    assert "Vous êtes en déport" in text((out / "membre-j2.html").read_bytes())
    assert "Dossier en discussion" in text((out / "index.html").read_bytes())


@needs_pdf
def test_tableau_de_seance_is_one_a4_page(tmp_path: Path) -> None:
    from pypdf import PdfReader

    folder = alsace(tmp_path)
    target = tmp_path / "tableau.pdf"
    run("report", folder, "--kind", "seance", "--format", "pdf", "--dossier", "AL16-01",
        "-o", target)
    pdf = PdfReader(str(target))
    assert len(pdf.pages) == 1
    page = pdf.pages[0]
    # A4 portrait: 210 x 297 mm = 595.3 x 841.9 pt
    assert abs(float(page.mediabox.width) - 595.3) < 1
    assert abs(float(page.mediabox.height) - 841.9) < 1
    words = page.extract_text().replace("\u202f", " ").replace("\xa0", " ")
    for needle in ("Tableau de séance", "Liste financée et cumul", "Zone grise",
                   "Décisions à prendre", "Ligne de financement", "Marc Wendling"):
        assert needle in words, needle


def test_the_english_tableau_de_seance_has_an_english_title(tmp_path: Path) -> None:
    # its columns are English: so are its <title> and <h1> (docs/glossary.md: "meeting view")
    call = load_call(alsace(tmp_path))
    page = render_seance(call, score(call), lang="en").decode("utf-8")
    # « séance » in English is a spiritualist's (found by a review): a meeting's view
    assert "<h1>Meeting view</h1>" in page and "Séance" not in page
    assert re.search(r"<title>Meeting view · [^<]*</title>", page)
    assert "Tableau de séance" not in page and "Funded list and running total" in page
    french = render_seance(call, score(call), lang="fr").decode("utf-8")
    assert "<h1>Tableau de séance</h1>" in french


def test_tableau_de_seance_html(tmp_path: Path) -> None:
    call = load_call(alsace(tmp_path))
    html = text(render_seance(call, score(call)))
    assert "51 000 €" in html and "Zone grise" in html


@needs_pdf
def test_committee_ranking_of_40_fits_three_landscape_pages(tmp_path: Path) -> None:
    from pypdf import PdfReader

    folder = big_call(tmp_path, n=40)
    cfg = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    cfg["budget"] = 300000  # a funding line inside the ranking
    (folder / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True),
                                      encoding="utf-8")
    call = load_call(folder)
    target = tmp_path / "comite.pdf"
    target.write_bytes(render_report(call, score(call), "committee", "pdf")[0][1])
    pages_ = [p.extract_text().replace("\u202f", " ").replace("\xa0", " ")
              for p in PdfReader(str(target)).pages]
    first = next(i for i, t in enumerate(pages_) if "4. Classement" in t)
    last = next(i for i, t in enumerate(pages_) if "Légende des signalements" in t)
    assert last - first + 1 <= 3, (first, last)
    line = [i for i, t in enumerate(pages_) if "Ligne de financement" in t]
    assert line and first <= line[0] <= last
    reader = PdfReader(str(target))
    for i in range(first, last + 1):  # A4 landscape
        box = reader.pages[i].mediabox
        assert float(box.width) > float(box.height)
    # the running header on every page: the call and the confidentiality level
    for t in pages_:
        assert "Appel à projets régional (300 dossiers fictifs)" in t
        assert "Document interne" in t
    # a signature block
    assert any("La présidence du jury" in t for t in pages_)


@needs_pdf
def test_fiche_continuation_pages_name_their_dossier(tmp_path: Path) -> None:
    from pypdf import PdfReader

    folder = big_call(tmp_path, n=12)
    call = load_call(folder)
    target = tmp_path / "fiches.pdf"
    target.write_bytes(render_report(call, score(call), "fiches", "pdf",
                                     dossiers=["D001", "D002"])[0][1])
    pdf = PdfReader(str(target))
    assert len(pdf.pages) >= 3  # two fiches, at least one continuation page
    for p in pdf.pages:
        t = p.extract_text()
        assert "D001" in t or "D002" in t
        assert "Document interne" in t


@needs_pdf
def test_tableau_de_seance_of_40_dossiers_is_one_page(tmp_path: Path) -> None:
    from pypdf import PdfReader

    call = load_call(big_call(tmp_path, n=40))
    target = tmp_path / "tableau.pdf"
    target.write_bytes(render_seance(call, score(call), "pdf"))
    pdf = PdfReader(str(target))
    assert len(pdf.pages) == 1
    words = pdf.pages[0].extract_text()
    assert "Liste financée et cumul" in words and "Zone grise" in words


def test_no_decision_waits_on_a_dossier_the_adopted_list_decided(tmp_path: Path) -> None:
    """Review s18 F5.  Before the vote, AL16-04 (on the reserve, one juror's level from a
    floor) is « à prendre »; once the vote retained AL16-01 and AL16-02, the adoption of
    the list decided it (Result.decided_by_vote): nothing waits on it.  AL16-05, whose
    amount nobody could check, is not decided by the list and still waits."""
    folder = alsace(tmp_path)
    call = load_call(folder)
    before = build_seance(call, score(call), "fr").todo
    assert any(x.startswith("AL16-04") for x in before)
    for did in ("AL16-01", "AL16-02"):
        run("decide", folder, did, "--stage", "vote", "--outcome", "retenu", "--by", "CP",
            "--reason", "vote", "--reference", "CP-1", "--at", "2016-06-02")
    call = load_call(folder)
    result = score(call)
    assert result.list_voted
    todo = build_seance(call, result, "fr").todo
    assert not any(x.startswith("AL16-04") for x in todo), todo
    assert [x.split("\xa0")[0] for x in todo] == ["AL16-05"]
