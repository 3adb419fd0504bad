"""The comparison as a document: the reports' look, a summary sentence, French words
for the diff keys, and Markdown escaped only where Markdown would act."""

from __future__ import annotations

import re

import pytest

from isgrid.analysis.compare import compare, render
from isgrid.analysis.comparison.output import parameter_label
from isgrid.documents.markdown import md_escape, md_inline
from isgrid.grid.load import load_grid
from isgrid.i18n import translator

NNBSP = "\u202f"
NB = "\u00a0"


@pytest.fixture(scope="module")
def alsace_avise() -> dict:
    return compare([load_grid("alsace-aap-2016"), load_grid("avise-mouves-2011")])


def test_summary_numbers_worked_out_by_hand(alsace_avise: dict) -> None:
    # avise-mouves-2011 has 20 criteria: AV-1.1..1.5, AV-2.1..2.5, AV-3.1..3.5, AV-4.1..4.5.
    # alsace-aap-2016 extends it and removes 13 of them by id (AV-1.2..1.5, AV-2.1..2.5,
    # AV-4.1, AV-4.3..4.5) plus the section experimentation-risque (AV-3.1..3.5, 5 more):
    # 18 removed, so 2 shared (AV-1.1, AV-4.2).  It adds ALS-1..ALS-5 and the gates
    # ALS-E1..ALS-E3: 8 only in alsace.  Both shared criteria differ: a scored grid gives
    # them a weight of 1 where the checklist has none (and another scale).
    sm = alsace_avise["summary"]
    assert sm["grids"] == 2
    assert sm["shared"] == ["AV-1.1", "AV-4.2"]
    assert sm["differing"] == ["AV-1.1", "AV-4.2"]
    assert len(sm["only"]["alsace-aap-2016@1"]) == 8
    assert len(sm["only"]["avise-mouves-2011@1"]) == 18
    md = render(alsace_avise, "md", "fr")
    first = md.split("\n\n")[1]
    assert first == (
        "alsace-aap-2016@1 et avise-mouves-2011@1 ont 2 critères en commun (même identifiant, "
        f"critères éliminatoires compris), dont 2 diffèrent{NNBSP}; 8 critères seulement dans "
        "alsace-aap-2016@1, 18 critères seulement dans avise-mouves-2011@1.")
    en = render(alsace_avise, "md", "en").split("\n\n")[1]
    assert en.startswith("alsace-aap-2016@1 and avise-mouves-2011@1 share 2 criteria")


def test_summary_of_three_grids_and_singular() -> None:
    # A grid compared with itself and with a grid extending it: picardie-sieg-2015 extends
    # picardie-marqueurs-2013.  Three grids: every count is a plain set operation on ids.
    grids = [load_grid("picardie-marqueurs-2013"), load_grid("picardie-sieg-2015"),
             load_grid("csess-2017")]
    rep = compare(grids)
    ids = [{c.id for c in g.grid.criteria()} for g in grids]
    shared = ids[0] & ids[1] & ids[2]
    assert set(rep["summary"]["shared"]) == shared
    only = sum(len(s - set().union(*(o for o in ids if o is not s))) for s in ids)
    md = render(rep, "md", "fr").split("\n\n")[1]
    assert md.startswith("3 grilles comparées\u00a0: ")
    if not shared:  # no criterion in all three: said in words, not « 0 critère, dont 0 »
        assert f"aucun critère dans toutes (même identifiant){NNBSP};" in md
    assert (f"; {only} critères dans une seule grille." in md
            or f"; {only} critère dans une seule grille." in md)


def test_french_labels_for_diff_keys_and_no_raw_keys(alsace_avise: dict) -> None:
    md = render(alsace_avise, "md", "fr")
    diff = md[md.index("## Différences"):]
    assert f"  - AV-1.1, poids{NB}: - → 1" in diff
    assert f"  - AV-1.1, plancher{NB}: - → 2" in diff
    assert f"  - AV-1.1, critère socle{NB}: oui → non" in diff
    assert (f"- Mode{NB}: grille de caractérisation (liste de critères) → grille notée"
            in diff)
    assert f"- Agrégation des évaluateurs{NB}: médiane → moyenne" in diff
    # the verdict rule, recorded in English, shown in French with French spacing
    assert f"- Règle du verdict{NB}: chacun de (AV-1.1{NNBSP}; AV-1.2{NNBSP}; " in diff
    assert f"  - tous les critères, poids{NB}: - → inféré" in diff
    assert f"  - seuil{NB}: - → inféré" in diff
    raw = re.compile(r"\b(weight|floor|core|scale|counts_as|label|median|mean|inferred|"
                     r"checklist|scored|criteria|tie_breaks|threshold)\b")
    assert not raw.findall(diff)
    html = render(alsace_avise, "html", "fr")
    hdiff = html[html.index("Différences entre grilles"):]
    hdiff = hdiff[:hdiff.index("</main>")]
    assert "<td>poids</td>" in hdiff and "<td>plancher</td>" in hdiff
    assert not raw.findall(re.sub(r"<[^>]+>", " ", hdiff))


def test_english_labels(alsace_avise: dict) -> None:
    md = render(alsace_avise, "md", "en")
    assert "  - AV-1.1, weight: - → 1" in md
    assert "- Combining assessors: median → mean" in md


@pytest.mark.parametrize(("text", "want"), [
    # ordinary words and punctuation stay as written
    ("Réponse nouvelle (territoire ou secteur) - 3. D1 #2 !",
     "Réponse nouvelle (territoire ou secteur) - 3. D1 #2 !"),
    ("snake_case et R&D", "snake_case et R&D"),
    # what Markdown would interpret is escaped
    ("Coût * durée", "Coût \\* durée"),
    ("_total_", "\\_total\\_"),
    ("a | b", "a \\| b"),
    ("[lien](http://x)", "\\[lien\\](http://x)"),
    ("<b>gras</b>", "&lt;b>gras&lt;/b>"),
    ("`code`", "\\`code\\`"),
    ("&amp; et &#38;", "&amp;amp; et &amp;#38;"),
    ("~~barré~~", "\\~\\~barré\\~\\~"),
    ("deux\nlignes", "deux lignes"),
])
def test_md_inline(text: str, want: str) -> None:
    assert md_inline(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("- pas une liste", "\\- pas une liste"),
    ("# pas un titre", "\\# pas un titre"),
    ("1. pas une liste", "1\\. pas une liste"),
    ("> pas une citation", "\\> pas une citation"),
    ("    pas du code", "pas du code"),
    ("Texte - ordinaire : 3.", "Texte - ordinaire : 3."),
])
def test_md_escape(text: str, want: str) -> None:
    assert md_escape(text) == want


def test_label_with_markdown_characters_renders_right(alsace_avise: dict) -> None:
    """A criterion label with * _ | reaches the Markdown escaped once, in a table cell too."""
    import copy

    rep = copy.deepcopy(alsace_avise)
    rep["grids"][0]["title"] = "Coût * durée | _total_ snake_case"
    md = render(rep, "md", "fr")
    row = next(line for line in md.splitlines() if line.startswith("| alsace-aap-2016@1 |"))
    assert "| Coût \\* durée \\| \\_total\\_ snake_case |" in row
    # the table keeps its 8 columns: 9 unescaped pipes
    assert len(re.findall(r"(?<!\\)\|", row)) == 9


def test_parameter_paths_in_words() -> None:
    t = translator("compare", "fr")
    assert parameter_label("criteria.AV-1.1.floor", t) == "critère AV-1.1, plancher"
    assert parameter_label("criteria.*.weight", t) == "tous les critères, poids"
    assert parameter_label("scales.note04", t) == "échelle note04"
    assert parameter_label("threshold", t) == "seuil"
    assert parameter_label("unknown.thing", t) == "unknown.thing"


def test_html_uses_the_reports_style_and_print_rules(alsace_avise: dict) -> None:
    html = render(alsace_avise, "html", "fr")
    assert "--accent: #1f5fa8" in html  # the reports' style sheet, included
    assert "@page { size: A4" in html
    assert "h2, h3, h4 { page-break-after: avoid; break-after: avoid; }" in html
    assert "system-ui" not in html  # no own style sheet any more
    assert '<p class="outcome summary">' in html
    assert '<html lang="fr">' in html
