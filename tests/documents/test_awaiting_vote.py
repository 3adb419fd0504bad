"""A dossier the selection holds that no vote decided is a proposition still, even once
another dossier's vote is recorded (DESIGN.md: documents speak of a proposition until a
vote).  alsace-2016, as the French guide's séance goes: AL16-01 voted (27 000 €), then
AL16-02 withdrawn, and AL16-03 (the reserve's first, 15 000 €) proposed in its place.
AL16-03's letter said « Décision : dossier retenu », cited the deliberation of AL16-01's
vote and gave the « voies de recours »; the public report listed it among the laureates
under « Un vote est enregistré : les statuts sont des décisions »."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.output import render_report
from isgrid.engine import score
from isgrid.engine.status import awaiting_vote
from testpaths import EXAMPLES


def run(*args: object) -> None:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    f = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", f)
    run("decide", f, "AL16-01", "--stage", "vote", "--outcome", "retenu", "--amount", "27000",
        "--by", "Présidente", "--reason", "délibération CP-2016-05-12")
    run("withdraw", f, "AL16-02", "--by", "Secrétariat", "--reason", "courrier du porteur")
    return f


def _md(folder: Path, kind: str, level: str | None = None) -> dict[str, str]:
    call = load_call(folder)
    kw = {"level": level} if level else {}
    return {k: v.decode("utf-8") for k, v in
            render_report(call, score(call), kind, "md", **kw)}  # type: ignore[arg-type]


def test_the_rule(folder: Path) -> None:
    result = score(load_call(folder))
    d01, d03 = result.dossier("AL16-01"), result.dossier("AL16-03")
    assert result.voted and d01.status == d03.status == "retenu"
    assert not awaiting_vote(d01.status, d01.decision.stages, result.voted)
    assert awaiting_vote(d03.status, d03.decision.stages, result.voted)
    # before any vote nothing awaits it: every document speaks of a proposition anyway
    assert not awaiting_vote(d03.status, d03.decision.stages, False)


def test_the_replacements_letter_is_a_proposition(folder: Path) -> None:
    text = _md(folder, "feedback")
    d03, d01 = text["AL16-03"], text["AL16-01"]
    assert "Proposition du jury\u00a0: dossier retenu." in d03
    assert "Montant proposé\u00a0: 15\u202f000\u202f€." in d03
    assert "Ce courrier ne vaut pas décision." in d03
    for decided in ("Décision :", "Délibération", "recours", "Montant attribué"):
        assert decided not in d03, decided
    # the voted dossier's letter is the decision it was
    assert "Décision\u00a0: dossier retenu." in d01 and "Montant attribué\u00a0: 27\u202f000\u202f€." in d01
    assert "recours gracieux" in d01 and "ne vaut pas décision" not in d01


def test_the_public_report_lists_what_was_voted(folder: Path) -> None:
    [page] = _md(folder, "committee", "public").values()
    laureates = page.split("## Lauréats et montants", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^\| (AL16-\d\d) ", laureates, re.M) == ["AL16-01"]
    # no money line that would count AL16-03's 15 000 € with AL16-01's 27 000 €
    assert "engagé" not in laureates


def test_the_internal_ranking_says_proposed(folder: Path) -> None:
    [page] = _md(folder, "committee").values()
    row03 = next(x for x in page.splitlines() if re.match(r"\| \d \| AL16-03 \|", x))
    row01 = next(x for x in page.splitlines() if x.startswith("| 1 | AL16-01 |"))
    assert "| proposé (retenu) |" in row03
    assert "| retenu\u202f; décision enregistrée" in row01 and "proposé" not in row01


def test_a_letter_of_a_dossier_decided_against_its_score(tmp_path: Path) -> None:
    """AL16-05 (75,0, above the last funded 73,8; its eligible costs unknown) decided
    « non retenu » for missing documents: its letter asked for the piece « pour que votre
    dossier puisse être examiné » and compared it with the last funded dossier, as if it
    should have been funded.  Decided at the jury's stage only, while AL16-07 still
    awaits the vote that adopts the list, it is a proposition (docs/decisions.md, "Which
    dossiers a vote decides"): its letter said « Décision » and cited the deliberation."""
    f = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", f)
    run("consensus", "set", f, "AL16-07", "ALS-4", "2", "--by", "P", "--reason", "relecture")
    run("decide", f, "AL16-05", "--outcome", "non-retenu", "--by", "Jury",
        "--reason", "pièces non fournies")
    # the guide's séance: AL16-01 voted, AL16-02 withdrawn, AL16-07 (73,8) in its place
    run("decide", f, "AL16-01", "--stage", "vote", "--outcome", "retenu", "--amount", "27000",
        "--by", "CP", "--reason", "délibération")
    run("withdraw", f, "AL16-02", "--by", "S", "--reason", "courrier")
    letter = _md(f, "feedback")["AL16-05"]
    assert "**Proposition du jury\u00a0: dossier non retenu.**" in letter
    assert "Ce courrier ne vaut pas décision." in letter and "recours" not in letter
    assert ("- Pièce ou information manquante\u00a0: dépenses éligibles (prestations externes, "
            "HT).\n") in letter
    assert "Merci de nous la transmettre" not in letter
    assert "**Total\u00a0: 75,0 / 100** (seuil 50).\n" in letter
    assert "Le dernier dossier" not in letter
    # a dossier below the line keeps the comparison (AL16-04, 56,0), with the last dossier
    # proposed: AL16-07 (73,8) awaits its vote, it is not funded yet
    assert "Le dernier dossier proposé au financement totalise 73,8 / 100." in _md(
        f, "feedback")["AL16-04"]


def test_the_minutes_ranking_writes_every_total_alike(folder: Path) -> None:
    """« 75 » beside « 56,0 »: a whole total lost its decimal in the minutes' ranking."""
    from isgrid.documents.minutes import render_minutes

    call = load_call(folder)
    page = render_minutes(call, score(call), "pv", "html").decode("utf-8")
    row = re.search(r'<td class="id">AL16-05</td>.*?</tr>', page, re.S)
    assert row is not None and '<td class="num">75,0</td>' in row.group(0)


def test_the_signed_minutes_name_every_project_in_full(folder: Path) -> None:
    """In the minutes' PDF the project column was cut to about eight characters
    (« Recycler… »): eleven columns of equal width, each name on one line."""
    import io

    from pypdf import PdfReader

    from isgrid.documents.minutes import render_minutes

    call = load_call(folder)
    data = render_minutes(call, score(call), "pv", "pdf")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in
                    PdfReader(io.BytesIO(data)).pages)
    for title in ("Recyclerie solidaire du Sundgau", "Conciergerie solidaire de quartier",
                  "Épicerie mobile bio de l'Outre-Forêt"):
        assert title in text, title


def test_the_minutes_say_it_awaits_the_vote(folder: Path) -> None:
    from isgrid.documents.minutes import render_minutes

    call = load_call(folder)
    page = render_minutes(call, score(call), "pv", "html").decode("utf-8")
    row03 = re.search(r'<td class="id">AL16-03</td>.*?</tr>', page, re.S)
    row01 = re.search(r'<td class="id">AL16-01</td>.*?</tr>', page, re.S)
    assert row03 is not None and "<td>proposé, en attente du vote</td>" in row03.group(0)
    assert row01 is not None and "en attente" not in row01.group(0)


def test_a_withdrawn_dossier_s_letter_cites_no_deliberation(tmp_path: Path) -> None:
    """Once a vote was recorded for other dossiers, the letter to a porteur who withdrew
    said « Décision : dossier retiré », gave the vote's date and deliberation and the
    « voies et délais de recours »: a withdrawal is the applicant's, not a decision."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    run("withdraw", folder, "AL16-02", "--by", "S", "--reason", "le porteur renonce")
    run("decide", folder, "AL16-01", "--stage", "vote", "--outcome", "retenu",
         "--by", "CP", "--reason", "vote")
    call = load_call(folder)
    letters = {did: data.decode() for did, data in
               render_report(call, score(call), "feedback", "md")}
    withdrawn, voted = letters["AL16-02"], letters["AL16-01"]
    assert "**Votre dossier a été retiré à votre demande.**" in withdrawn
    assert "Décision" not in withdrawn and "recours" not in withdrawn
    assert "Délibération" not in withdrawn
    assert ("Le service reste à votre disposition si vous souhaitez candidater à un "
            "prochain appel.") in withdrawn
    assert "recours" in voted  # the voted dossier's letter keeps them


def _withdrawn_before_any_vote(tmp_path: Path, fmt: str, lang: str) -> dict[str, str]:
    """alsace-2016, AL16-02 (ranked 2nd, 77,4 points) withdrawn before any vote: AL16-03
    (the reserve's first) is proposed in its place; every letter is the jury's proposal
    but AL16-02's, a withdrawal."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    run("withdraw", folder, "AL16-02", "--by", "S", "--reason", "project abandoned")
    call = load_call(folder)
    out = {}
    for did, data in render_report(call, score(call), "feedback", fmt,  # type: ignore[arg-type]
                                   lang=lang):
        if fmt == "docx":
            import io
            import zipfile

            with zipfile.ZipFile(io.BytesIO(data)) as z:
                xml = z.read("word/document.xml").decode("utf-8")
            out[did] = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
        else:
            out[did] = data.decode("utf-8").replace("\u202f", " ").replace("\xa0", " ")
    return out


@pytest.mark.parametrize(("lang", "words"), [
    ("fr", {"outcome": "Votre dossier a été retiré à votre demande.",
            "rank": "Classé ", "notice": "Il s'agit d'une proposition du jury",
            "line": "dernier dossier", "total": "Total : 77,4 / 100"}),
    ("en", {"outcome": "Your application has been withdrawn at your request.",
            "rank": "Ranked ", "notice": "This is a proposal of the jury",
            "line": "last dossier", "total": "Total: 77.4 / 100"}),
])
def test_a_withdrawn_dossier_s_letter_does_not_contradict_itself(
        tmp_path: Path, lang: str, words: dict[str, str]) -> None:
    """The review's letter: « withdrawn at your request », « Ranked 1st of 29 » and « This
    is a proposal of the jury … not a decision » together.  A withdrawal is the
    applicant's own: no rank or comparison with the funded, no proposal notice; its
    scores stay (the committee's assessment)."""
    letters = _withdrawn_before_any_vote(tmp_path, "md", lang)
    withdrawn, proposed = letters["AL16-02"], letters["AL16-03"]
    assert f"**{words['outcome']}**" in withdrawn
    assert words["rank"] not in withdrawn and words["notice"] not in withdrawn
    assert words["line"] not in withdrawn
    assert f"**{words['total']}**" in withdrawn
    # the others are the jury's proposal still, and say so
    assert words["rank"] in proposed and words["notice"] in proposed


def test_a_withdrawn_dossier_s_word_letter_has_no_proposal_notice(tmp_path: Path) -> None:
    letters = _withdrawn_before_any_vote(tmp_path, "docx", "fr")
    assert "Votre dossier a été retiré à votre demande." in letters["AL16-02"]
    assert "proposition du jury" not in letters["AL16-02"]
    assert "proposition du jury" in letters["AL16-03"]
