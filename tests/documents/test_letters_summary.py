"""Issue 17: letters like an evaluation summary report, motivated decisions, votes in the
minutes, shareable comments, letters as DOCX and as a mail-merge CSV.

The call (grid ``mini-scored``): section Besoin (weight 2) holds B1 (weight 2, floor 2)
and B2 (weight 1); section Impact (weight 1) holds I1 (weight 1) and the eliminatory X1
(never in a total).  So eff(B1) = 2 x 2/3 = 4/3, eff(B2) = 2 x 1/3 = 2/3, eff(I1) = 1,
their sum 3, and total = 100 x (4/3 s_B1 + 2/3 s_B2 + s_I1) / 3 with s = value / 4:

* D1: B1 3, B2 4, I1 2 -> 100 x (1 + 2/3 + 1/2) / 3 = 72.22… (« 72,2 »), ranked 1st;
* D2: B1 1 (floor 2 missed), B2 4, I1 4 -> 66.67, not ranked (below the floor);
* D3: B1 2, B2 2, I1 2 -> 100 x (2/3 + 1/3 + 1/2) / 3 = 50.0, at the threshold 50,
  ranked 2nd; it asks 30 000 € and D1 20 000 € of an envelope of 40 000 €: after D1,
  20 000 € are left, D3 does not fit.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.output import render_report
from isgrid.documents.typography import date_words, moment_words
from isgrid.engine import score

ELIGIBLE = {"region": "Alsace", "partners": [{"name": "U", "type": "recherche"},
                                             {"name": "V", "type": "collectivite"}]}
DOSSIERS = [{"id": "D1", "title": "Recyclerie", "amount_requested": 20000} | ELIGIBLE,
            {"id": "D2", "title": "Épicerie", "amount_requested": 15000} | ELIGIBLE,
            {"id": "D3", "title": "Ressourcerie", "amount_requested": 30000} | ELIGIBLE]
RATINGS = [("D1", "j1", "B1", 3, "Besoin documenté par une enquête"),
           ("D1", "j1", "B2", 4, "Note privée du juré, jamais transmise"),
           ("D1", "j1", "I1", 2, ""),
           ("D2", "j1", "B1", 1, ""), ("D2", "j1", "B2", 4, ""), ("D2", "j1", "I1", 4, ""),
           ("D3", "j1", "B1", 2, ""), ("D3", "j1", "B2", 2, ""), ("D3", "j1", "I1", 2, ""),
           ("D1", "i1", "X1", 1, ""), ("D2", "i1", "X1", 1, ""), ("D3", "i1", "X1", 1, "")]
CALL = {"assessors": [{"id": "j1", "name": "Anne Jurée"},
                      {"id": "i1", "name": "Igor Instructeur", "role": "instructeur"}],
        "budget": 40000,
        "meeting": {"date": "2026-03-14", "chair": "Mme Martin",
                    "vote": {"body": "Commission permanente", "date": "2026-04-02",
                             "reference": "CP-2026-04-117"}},
        "letters": {"signatory": "La Présidente du Conseil régional", "place": "Strasbourg",
                    "contact": "ess@region.example"}}


def run(*args: Any) -> str:
    res = CliRunner().invoke(cli, [str(a) for a in args])
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    f = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS, ratings=RATINGS)
    # j1 marks the first comment (D1 / B1) shareable, not the second
    path = f / "ratings" / "j1.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    out = [lines[0] + ",shareable"]
    out += [line + (",oui" if line.startswith("D1,j1,B1,") else ",") for line in lines[1:]]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return f


def letters(folder: Path) -> dict[str, str]:
    call = load_call(folder)
    return {did: data.decode("utf-8") for did, data in
            render_report(call, score(call), "feedback", "md")}


def test_the_shareable_column_is_read(folder: Path) -> None:
    shared = {(r.dossier, r.criterion) for r in load_call(folder).ratings if r.shareable}
    assert shared == {("D1", "B1")}


def test_a_bad_shareable_cell_is_located(folder: Path) -> None:
    from isgrid.errors import CallError

    path = folder / "ratings" / "j1.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",oui", ",peut-être"),
                    encoding="utf-8")
    with pytest.raises(CallError) as exc:
        load_call(folder)
    d = exc.value.diagnostics[0]
    assert d.code == "bad-shareable"
    assert (d.location.line, d.location.column) == (2, 6)  # D1,j1,B1 is line 2; column 6


def test_letters_before_the_vote(folder: Path) -> None:
    text = letters(folder)
    d1, d2, d3 = text["D1"], text["D2"], text["D3"]
    # D1: proposed 20 000 €, its scores against the floors, the total and the line
    assert "Proposition du jury\u00a0: dossier retenu." in d1
    assert "Montant proposé\u00a0: 20\u202f000\u202f€." in d1
    assert "| Besoin social<br>«\u00a0Besoin documenté par une enquête\u00a0» | 3 / 4 (Bon) | 2 |" in d1
    assert "Note privée" not in d1 and "Anne" not in d1  # not shareable; no juror's name
    assert "**Total\u00a0: 72,2 / 100** (seuil 50)." in d1
    assert "Le dernier dossier proposé au financement totalise 72,2 / 100." in d1  # no vote
    assert "Voies et délais de recours" not in d1  # a proposal is no decision
    # D2: the floor missed, in words
    assert "«\u00a0Besoin social\u00a0»\u00a0: 1 pour un plancher de 2 (sur 4)" in d2
    assert "| Besoin social | 1 / 4 (Faible) | sous le plancher de 2 |" in d2
    # D3: at the threshold, ranked 2nd, and the money ran out above it
    assert "**Total\u00a0: 50,0 / 100** (seuil 50)." in d3
    assert "Classé 2ᵉ sur 2 dossiers classés." in d3
    # in fact: 40 000 - 20 000 (D1) = 20 000 € left < 30 000 € asked; and the rule
    assert ("Classé sous la ligne de financement\u00a0: il restait 20\u202f000\u202f€ de "
            "l'enveloppe de 40\u202f000\u202f€ après les dossiers retenus, moins que le "
            "montant de votre dossier (30\u202f000\u202f€). Règle de sélection\u00a0: ordre "
            "du classement (arrêt au premier dossier qui ne tient pas).") in d3
    assert "Délibération" not in d3  # no deliberation before the vote
    assert "Montant" not in d3.split("## Notes")[0]  # nothing proposed: no amount


def test_letters_after_a_motivated_vote(folder: Path, tmp_path: Path) -> None:
    run("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu", "--amount", "18000",
        "--votes", "7/0/1", "--motivation", "Projet solide et bien ancré.",
        "--by", "CP", "--reason", "motif interne confidentiel")
    text = letters(folder)
    d1 = text["D1"]
    assert "Décision\u00a0: dossier retenu." in d1 and "Montant attribué\u00a0: 18\u202f000\u202f€." in d1
    assert "## Motivation de la décision\n\nProjet solide et bien ancré." in d1
    assert "motif interne confidentiel" not in d1
    assert "Fait à Strasbourg, le 2 avril 2026" in d1  # the vote's date, in words
    assert "Délibération\u00a0: CP-2026-04-117" in d1
    assert "recours gracieux" in d1 and "deux mois" in d1 and "tribunal administratif" in d1
    assert "La Présidente du Conseil régional" in d1 and "ess@region.example" in d1
    # the minutes: the deliberation in prose, with the vote's counts and the motivation
    out = tmp_path / "pv.html"
    run("minutes", folder, "-o", out)
    # (narrow no-break spaces read as spaces: the words are what is checked here)
    pv = re.sub(r"[\s\u202f\xa0]+", " ",
                html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))
    assert ("Dossier D1 « Recyclerie », vote : retenu pour un montant de 18 000 €, "
            "par 7 voix pour, 0 contre et 1 abstention (délibération CP-2026-04-117 du "
            "2 avril 2026).") in pv
    assert "Motivation : Projet solide et bien ancré." in pv
    assert "s'est réuni le 14 mars 2026, sous la présidence de Mme Martin," in pv


def test_letters_as_docx_and_mail_merge(folder: Path, tmp_path: Path) -> None:
    run("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu", "--amount", "18000",
        "--by", "CP", "--reason", "x")
    out = tmp_path / "lettres"
    run("report", folder, "--kind", "feedback", "--format", "docx", "-o", out)
    with zipfile.ZipFile(out / "D1.docx") as z:
        body = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
        header = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                         if n.startswith("word/header"))
        footer = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                         if n.startswith("word/footer"))
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in body  # A4: 210 x 297 mm in twips
    assert 'w:val="fr-FR"' in styles and 'w:val="en-US"' not in styles
    assert "Document communicable" in header and "PAGE" in footer
    assert "Montant attribué" in body and "Anne" not in body
    first = (out / "D1.docx").read_bytes()
    run("report", folder, "--kind", "feedback", "--format", "docx", "-o", out, "--force")
    assert (out / "D1.docx").read_bytes() == first  # deterministic
    merge = tmp_path / "publipostage.csv"
    run("report", folder, "--kind", "feedback", "--format", "csv", "-o", merge)
    rows = list(csv.DictReader(io.StringIO(merge.read_text(encoding="utf-8-sig")),
                               delimiter=";"))
    assert [r["dossier"] for r in rows] == ["D1", "D2", "D3"]
    assert rows[0]["montant"] == "18\xa0000\xa0€" and rows[0]["nature_montant"] == "attribué"
    assert rows[0]["total"] == "72,2" and rows[0]["seuil"] == "50"
    assert rows[0]["deliberation"] == "CP-2026-04-117"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_mail_merge_in_the_calls_language(tmp_path: Path, lang: str) -> None:
    """A French call keeps its merge fields (the templates in use name them); an English
    call's are English, like its cells.  D3 (ranked 2nd, 20 000 € left of 40 000 € after
    D1's 20 000 €, asks 30 000 €) has two reasons: two sentences, never « . ; »."""
    f = make_call(tmp_path, "mini-scored", call=CALL | {"lang": lang}, dossiers=DOSSIERS,
                  ratings=RATINGS)
    merge = tmp_path / "m.csv"
    run("report", f, "--kind", "feedback", "--format", "csv", "-o", merge)
    text = merge.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "fr" else ","))
    if lang == "fr":
        assert rows[0] == ["dossier", "projet", "decision", "montant", "nature_montant",
                           "motifs", "motivation", "total", "sur", "seuil",
                           "ligne_financement", "date", "lieu", "deliberation",
                           "expediteur", "signataire", "contact", "suites", "voies_recours",
                           "total_classement", "ligne_classement"]
        # in characters an Excel save in cp1252 keeps: « 2e », the no-break space
        reasons = ("Classé 2e sur 2 dossiers classés. Classé sous la ligne de financement\xa0: "
                   "il restait 20\xa0000\xa0€ de l'enveloppe de 40\xa0000\xa0€ après les "
                   "dossiers retenus, moins que le montant de votre dossier (30\xa0000\xa0€). "
                   "Règle de sélection\xa0: ordre du classement (arrêt au premier dossier qui "
                   "ne tient pas).")
        assert rows[1][3:5] == ["20\xa0000\xa0€", "proposé"]
        # the whole file survives Martine's « CSV (séparateur : point-virgule) » save
        assert text.encode("cp1252").decode("cp1252") == text
    else:
        assert rows[0] == ["dossier", "project", "decision", "amount", "amount_kind",
                           "reasons", "motivation", "total", "out_of", "threshold",
                           "funding_line", "date", "place", "deliberation", "sender",
                           "signatory", "contact", "next_steps", "appeal", "ranking_total",
                           "ranking_line"]
        reasons = ("Ranked 2nd of 2 ranked dossiers. Ranked below the funding line: €20,000 "
                   "was left of the budget of €40,000 after the dossiers retained, less than "
                   "your dossier's amount (€30,000). Selection rule: rank order (stops at the "
                   "first dossier that does not fit).")
        assert rows[1][3:5] == ["€20,000", "proposed"]
    assert [r[0] for r in rows[1:]] == ["D1", "D2", "D3"]
    assert rows[3][5] == reasons
    assert not [r[5] for r in rows[1:] if re.search(r"\.\s*;", r[5])]


def test_a_formula_in_a_motivation_is_neutralised(folder: Path, tmp_path: Path) -> None:
    run("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu",
        "--motivation", "=HYPERLINK(\"http://evil.example\")", "--by", "CP", "--reason", "x")
    merge = tmp_path / "m.csv"
    run("report", folder, "--kind", "feedback", "--format", "csv", "-o", merge)
    row = next(csv.DictReader(io.StringIO(merge.read_text(encoding="utf-8-sig")),
                              delimiter=";"))
    assert row["motivation"].startswith("'=")


def test_minutes_without_a_meeting_block_warn(tmp_path: Path) -> None:
    f = make_call(tmp_path, "mini-scored", call={"assessors": CALL["assessors"]},
                  dossiers=DOSSIERS, ratings=RATINGS)
    res = CliRunner().invoke(cli, ["minutes", str(f), "-o", str(tmp_path / "pv.html")])
    assert res.exit_code == 0
    assert "[meeting-missing]" in res.output
    assert "Présents -" not in (tmp_path / "pv.html").read_text(encoding="utf-8")


def test_dates() -> None:
    assert date_words("2016-03-14") == "14 mars 2016"
    assert date_words("2026-05-01") == "1er mai 2026"
    assert date_words("2016-03-14", "en") == "14 March 2016"
    # the minutes' table of changes: one style of date with the rest of the minutes
    assert moment_words("2016-03-14") == "14 mars 2016"
    # the one rule of a moment in words (the workspace's times too): « h » between no-break
    # spaces, English « at »
    assert moment_words("2026-03-14T15:30") == "14 mars 2026 à 15\u00a0h\u00a030"
    assert moment_words("2026-03-14T09:05", "en") == "14 March 2026 at 09:05"
    assert date_words("pas une date") == "pas une date"


def test_a_quoted_comment_in_each_language_and_escaped(folder: Path) -> None:
    """The juror's shared comment is quoted as each language quotes (« » held by no-break
    spaces in French, so that a line never breaks after «; “ ” in English: both letters
    wrote « … » with ordinary spaces), and stays text, never markup, in HTML."""
    path = folder / "ratings" / "j1.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Besoin documenté par une enquête",
                                 "Besoin <b>documenté</b> & chiffré"), encoding="utf-8")
    call = load_call(folder)
    result = score(call)
    fr_md = dict(render_report(call, result, "feedback", "md"))["D1"].decode("utf-8")
    assert "<br>«\u00a0Besoin &lt;b>documenté&lt;/b> & chiffré\u00a0» |" in fr_md
    fr_html = dict(render_report(call, result, "feedback", "html"))["D1"].decode("utf-8")
    assert ('<span class="comment">«\u00a0Besoin &lt;b&gt;documenté&lt;/b&gt; &amp; '
            'chiffré\u00a0»</span>') in fr_html
    en_html = dict(render_report(call, result, "feedback", "html", lang="en"))["D1"].decode()
    assert ('<span class="comment">“Besoin &lt;b&gt;documenté&lt;/b&gt; &amp; '
            'chiffré”</span>') in en_html


def test_the_word_letter_quotes_as_the_others(folder: Path) -> None:
    """The Word letters quoted the juror's comment « … » with ordinary spaces in French and
    in English alike (the catalogue's letter.quote was used by the HTML and Markdown only)."""
    import io

    import docx

    call = load_call(folder)
    result = score(call)
    for lang, quoted in (("fr", "«\u00a0Besoin documenté par une enquête\u00a0»"),
                         ("en", "“Besoin documenté par une enquête”")):
        data = dict(render_report(call, result, "feedback", "docx", lang=lang))["D1"]
        cells = [c.text for t in docx.Document(io.BytesIO(data)).tables
                 for row in t.rows for c in row.cells]
        assert any(c.endswith("\n" + quoted) for c in cells), (lang, cells)


def test_the_salutation_stands_on_its_own_line(folder: Path) -> None:
    """« Madame, Monsieur, le comité de sélection a examiné… » ran the salutation into the
    letter's first sentence."""
    d1 = letters(folder)["D1"]
    assert "\nMadame, Monsieur,\n\nLe comité de sélection a examiné votre dossier" in d1


@pytest.mark.parametrize(("place", "lang", "words"), [
    ("Strasbourg", "fr", "s'est réuni le 14 mars 2026 à Strasbourg, sous la présidence"),
    ("à l'Hôtel de Région, salle 2", "fr",
     "s'est réuni le 14 mars 2026 à l'Hôtel de Région, salle 2, sous la présidence"),
    ("au Conseil régional", "fr", "s'est réuni le 14 mars 2026 au Conseil régional, sous"),
    ("Strasbourg", "en", "met on 14 March 2026 in Strasbourg, chaired by"),  # not « at »
    ("in the Regional Council", "en", "met on 14 March 2026 in the Regional Council, chaired"),
    # found by the review: the article contracts, a capital mid-sentence, a remote meeting,
    # and a French place in English minutes
    ("le Conseil régional", "fr", "s'est réuni le 14 mars 2026 au Conseil régional, sous"),
    ("Le Mans", "fr", "s'est réuni le 14 mars 2026 au Mans, sous"),
    ("les Salons de l'Aubette", "fr", "le 14 mars 2026 aux Salons de l'Aubette, sous"),
    ("À l'Hôtel de Région", "fr", "s'est réuni le 14 mars 2026 à l'Hôtel de Région, sous"),
    ("par visioconférence", "fr", "s'est réuni le 14 mars 2026 par visioconférence, sous"),
    ("à la Maison de la Région", "en", "met on 14 March 2026 à la Maison de la Région, chaired"),
])
def test_the_minutes_open_with_the_meeting_place_as_written(
        tmp_path: Path, place: str, lang: str, words: str) -> None:
    """A town gets « à »; a place written with its preposition is written as it is (the
    review read « s'est réuni … à Maison de la Région »)."""
    import yaml

    f = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS, ratings=RATINGS)
    data = yaml.safe_load((f / "call.yaml").read_text(encoding="utf-8"))
    data["meeting"]["place"] = place
    (f / "call.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "pv.html"
    run("minutes", f, "--lang", lang, "-o", out)
    pv = re.sub(r"[\s\u202f\xa0]+", " ",
                html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))
    assert words in pv
    assert " à à " not in pv and " à au " not in pv and " at in " not in pv \
        and " à le " not in pv and " at à " not in pv


@pytest.mark.parametrize(("chair", "words"), [
    ("Anne Dupuy", "s'est réuni le 14 mars 2026, sous la présidence d'Anne Dupuy,"),
    ("Élise Muller", "s'est réuni le 14 mars 2026, sous la présidence d'Élise Muller,"),
    ("Marc Wendling", "s'est réuni le 14 mars 2026, sous la présidence de Marc Wendling,"),
    ("Hélène Schaeffer", "le 14 mars 2026, sous la présidence d'Hélène Schaeffer,"),
])
def test_the_minutes_elide_de_before_the_chair_s_name(tmp_path: Path, chair: str,
                                                      words: str) -> None:
    """« sous la présidence de Anne Dupuy »: « d' » before a vowel, the one rule of a name
    after « de » (isgrid.i18n.de_name, as the jurors' workbooks)."""
    import yaml

    f = make_call(tmp_path, "mini-scored", call=CALL, dossiers=DOSSIERS, ratings=RATINGS)
    data = yaml.safe_load((f / "call.yaml").read_text(encoding="utf-8"))
    data["meeting"]["chair"] = chair
    (f / "call.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "pv.html"
    run("minutes", f, "-o", out)
    pv = re.sub(r"[\s\u202f\xa0]+", " ",
                html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))
    assert words in pv
    run("minutes", f, "--lang", "en", "-o", tmp_path / "en.html")
    assert f"chaired by {chair}," in (tmp_path / "en.html").read_text(encoding="utf-8")
