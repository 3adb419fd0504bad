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
        "alsace-aap-2016@1, 18 critères seulement dans avise-mouves-2011@1. "
        # Avise: 0 of its 20 criteria sourced (grids.md §1.2), flagged; Alsace 8 of 10, not
        f"À lire avec prudence, grilles peu ou pas sourcées{NB}: avise-mouves-2011@1 (0 "
        "critère sourcé sur 20).")
    en = render(alsace_avise, "md", "en").split("\n\n")[1]
    assert en.startswith("alsace-aap-2016@1 and avise-mouves-2011@1 share 2 criteria")


def test_summary_of_three_grids_not_all_related() -> None:
    # picardie-sieg-2015 extends picardie-marqueurs-2013; csess-2017 comes from neither:
    # the three share no grid, so their ids are not the measure (review s12 grids #8) and
    # the sentence says the dimensions, and that the related pair is detailed below.
    grids = [load_grid("picardie-marqueurs-2013"), load_grid("picardie-sieg-2015"),
             load_grid("csess-2017")]
    rep = compare(grids)
    ids = [{c.id for c in g.grid.criteria()} for g in grids]
    assert set(rep["summary"]["shared"]) == ids[0] & ids[1] & ids[2]
    assert rep["summary"]["related"] is False
    md = render(rep, "md", "fr").split("\n\n")[1]
    assert md.startswith(f"3 grilles comparées, qui ne viennent pas toutes d'une même grille{NB}: ")
    assert "même identifiant" not in md
    # the CSESS: 2 of its 8 criteria sourced, flagged; by hand, the markers reach D1..D9
    # (PIC-M0..M11's dimensions), the SIEG the same (its additions are eligibility rules)
    assert md.endswith(
        f"Différences détaillées ci-dessous pour les grilles apparentées. Ce décompte repose "
        f"aussi sur des grilles peu ou pas sourcées, dont les demandes ne sont pas "
        f"établies{NB}: csess-2017@2 (2 critères sourcés sur 8). Les grilles mieux sourcées, "
        f"picardie-marqueurs-2013@1, picardie-sieg-2015@1, demandent toutes{NB}: D1, D2, D3, "
        f"D4, D5, D6, D7, D8, D9.")


def test_summary_of_unrelated_grids_says_the_dimensions() -> None:
    # csess-2017 and avise-mouves-2011 extend nothing: no id in common, ever.  By hand from
    # the grid files' `dimension:` / `secondary_dimensions:`:
    #   csess main D1 D3 D6 D2 D7, secondary D5 D4 D2 D8 -> reaches D1..D8;
    #   avise main D1 D2 D6 D8 D9 D7 D3 D5 D4, secondary D6 D5 D7 D3 -> reaches D1..D9.
    # Both: D1..D8 (D4, D5, D8 main in Avise, secondary in the CSESS); one only: D9
    # (Avise); none: D10.
    rep = compare([load_grid("csess-2017"), load_grid("avise-mouves-2011")])
    assert rep["summary"]["related"] is False
    assert rep["summary"]["dimensions"] == {
        "all": ["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"], "several": [],
        "one": ["D9"], "none": ["D10"]}
    fr = render(rep, "md", "fr").split("\n\n")[1]
    assert fr == (
        f"csess-2017@2 et avise-mouves-2011@1 sont deux grilles sans lien (aucune n'étend "
        f"l'autre){NB}: elles se comparent par les dix dimensions communes, non par les "
        f"identifiants de leurs critères. Dimensions demandées par les deux{NB}: D1, D2, D3, "
        f"D4, D5, D6, D7, D8{NNBSP}; par une seule{NB}: D9 (avise-mouves-2011@1){NNBSP}; par "
        f"aucune{NB}: D10. Atteintes seulement comme dimension secondaire ou par un critère "
        f"éliminatoire{NB}: D4 dans csess-2017@2 (dimension secondaire{NB}: CS-2.4){NNBSP}; "
        f"D5 dans csess-2017@2 (dimension secondaire{NB}: CS-2.1){NNBSP}; D8 dans "
        f"csess-2017@2 (dimension secondaire{NB}: CS-3.2). Ce décompte repose aussi sur des "
        f"grilles peu ou pas sourcées, dont les demandes ne sont pas établies{NB}: "
        f"csess-2017@2 (2 critères sourcés sur 8){NNBSP}; avise-mouves-2011@1 (0 critère "
        f"sourcé sur 20).")
    en = render(rep, "md", "en").split("\n\n")[1]
    assert en == (
        "csess-2017@2 and avise-mouves-2011@1 are unrelated grids (neither extends the other): "
        "they are compared on the ten shared dimensions, not on their criteria's identifiers. "
        "Dimensions asked by both: D1, D2, D3, D4, D5, D6, D7, D8; by one only: D9 "
        "(avise-mouves-2011@1); by none: D10. Reached only as a secondary dimension or "
        "through an eliminatory criterion: D4 in csess-2017@2 (secondary dimension: CS-2.4); "
        "D5 in csess-2017@2 (secondary dimension: CS-2.1); D8 in csess-2017@2 (secondary "
        "dimension: CS-3.2). This count also rests on grids little or not sourced, whose asks "
        "are not established: csess-2017@2 (2 criteria sourced of 8); avise-mouves-2011@1 "
        "(0 criteria sourced of 20).")


def test_summary_of_five_unrelated_grids_review_example() -> None:
    # The review's five grids (none extends another).  Main dimensions, by hand from their
    # files: Avise D1..D9, CSESS D1 D2 D3 D6 D7 (D4 D5 D8 secondary), Picardie D1..D9,
    # Nouvelle-Aquitaine D2..D10, Alter'Incub D1..D8 and D10.  Every grid: D2..D8; D1 not
    # in Nouvelle-Aquitaine, D9 not in the CSESS nor Alter'Incub, D10 only in
    # Nouvelle-Aquitaine and Alter'Incub: several.  None by one grid (the crosswalk's
    # « Aucune dimension n'est demandée par une seule grille »), none by no grid.
    names = ["avise-mouves-2011", "csess-2017", "picardie-marqueurs-2013",
             "nouvelle-aquitaine-ami", "alterincub"]
    rep = compare([load_grid(n) for n in names])
    assert rep["summary"]["dimensions"] == {
        "all": ["D2", "D3", "D4", "D5", "D6", "D7", "D8"], "several": ["D1", "D9", "D10"],
        "one": [], "none": []}
    fr = render(rep, "md", "fr").split("\n\n")[1]
    assert fr.startswith(f"5 grilles comparées, sans lien entre elles (aucune n'en étend une "
                         f"autre){NB}: ")
    # the CSESS reaches D4, D5, D8 as secondary dimensions only (CS-2.4, CS-2.1, CS-3.2), said
    assert fr.endswith(f"Dimensions demandées par toutes les grilles{NB}: D2, D3, D4, D5, D6, "
                       f"D7, D8{NNBSP}; par plusieurs{NB}: D1, D9, D10{NNBSP}; par une "
                       f"seule{NB}: aucune. Atteintes seulement comme dimension secondaire ou "
                       f"par un critère éliminatoire{NB}: D4 dans csess-2017@2 (dimension "
                       f"secondaire{NB}: CS-2.4){NNBSP}; D5 dans csess-2017@2 (dimension "
                       f"secondaire{NB}: CS-2.1){NNBSP}; D8 dans csess-2017@2 (dimension "
                       f"secondaire{NB}: CS-3.2). Ce décompte repose aussi sur des grilles "
                       f"peu ou pas sourcées, dont les demandes ne sont pas établies{NB}: "
                       f"avise-mouves-2011@1 (0 critère sourcé sur 20){NNBSP}; csess-2017@2 "
                       f"(2 critères sourcés sur 8){NNBSP}; alterincub@1 (3 critères sourcés "
                       f"sur 15). Les grilles mieux sourcées, picardie-marqueurs-2013@1, "
                       f"nouvelle-aquitaine-ami@1, demandent toutes{NB}: D2, D3, D4, D5, D6, "
                       f"D7, D8, D9.")
    # by hand: the markers reach D1..D9, Nouvelle-Aquitaine D2..D10 (grids.md §9.1)
    assert "aucun critère dans toutes" not in fr


def test_summary_of_three_grids_from_one_grid(tmp_path) -> None:
    # alsace-aap-2016 and inc.yaml both extend avise-mouves-2011: the ids they share come
    # from it, so the id sentence is kept.  inc removes nothing: it has Avise's 20 ids and
    # adds INC-1; alsace keeps AV-1.1 and AV-4.2 (test_summary_numbers_worked_out_by_hand).
    # In all three: AV-1.1, AV-4.2; they differ in alsace (weight, scale).  Only in one:
    # alsace's 8 (ALS-1..5, ALS-E1..E3) + inc's INC-1 = 9; AV-1.2 & co. are in Avise and inc.
    child = tmp_path / "inc.yaml"
    child.write_text('id: inc\nversion: "1"\ntitle: Inc\nextends: avise-mouves-2011\n'
                     'add:\n  - section: besoin-social\n    criterion: {id: INC-1, label: '
                     'Incubation, scale: presence4, dimension: D10, provenance: '
                     '{status: inferred}}\n', encoding="utf-8")
    rep = compare([load_grid("avise-mouves-2011"), load_grid("alsace-aap-2016"),
                   load_grid(str(child))])
    assert rep["summary"]["related"] is True
    md = render(rep, "md", "fr").split("\n\n")[1]
    assert md == (f"3 grilles comparées{NB}: 2 critères dans toutes (même identifiant, "
                  f"critères éliminatoires compris), dont 2 diffèrent{NNBSP}; 9 critères dans "
                  f"une seule grille. À lire avec prudence, grilles peu ou pas "
                  f"sourcées{NB}: avise-mouves-2011@1 (0 critère sourcé sur 20){NNBSP}; inc@1 "
                  f"(0 critère sourcé sur 21).")


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


def test_a_grid_never_found_is_flagged_wherever_the_coverage_is_said() -> None:
    # review 19, finding 4: Rally'nov's 8 criteria are all inferred (grids.md §4.2, grid
    # content « none »), Avise's 20 are 0 sourced / 19 reconstructed / 1 inferred, the
    # markers 10 / 1 / 1.  By hand from the grids' dimensions: the markers reach D1..D9.
    rep = compare([load_grid("avise-mouves-2011"), load_grid("picardie-marqueurs-2013"),
                   load_grid("rallynov")])
    flags = {g["key"]: g["provenance_flag"] for g in rep["grids"]}
    assert flags == {"avise-mouves-2011@1": "mostly", "picardie-marqueurs-2013@1": None,
                     "rallynov@1": "inferred"}
    assert rep["summary"]["weakly_sourced"] == ["avise-mouves-2011@1", "rallynov@1"]
    md = render(rep, "md", "fr")
    first = md.split("\n\n")[1]
    assert first.endswith(
        f"Ce décompte repose aussi sur des grilles peu ou pas sourcées, dont les demandes ne "
        f"sont pas établies{NB}: avise-mouves-2011@1 (0 critère sourcé sur 20){NNBSP}; "
        f"rallynov@1 (critères tous inférés par isgrid, aucun tiré de la grille elle-même). "
        f"La seule grille mieux sourcée, picardie-marqueurs-2013@1, demande{NB}: D1, D2, D3, "
        f"D4, D5, D6, D7, D8, D9.")
    assert "| rallynov@1 | part des critères | 0 / 0 / 8 (tous inférés) | 12,5\u202f% | 25\u202f% |" in md
    assert "| picardie-marqueurs-2013@1 | part des critères | 10 / 1 / 1 | 8,3\u202f% |" in md
    html = render(rep, "html", "fr")
    assert "<td>rallynov@1</td><td>part des critères</td><td>0 / 0 / 8 (tous inférés)</td>" \
        in html
    en = render(rep, "md", "en")
    assert "rallynov@1 (criteria all inferred by isgrid, none taken from the grid itself)" in en
    assert "| 0 / 0 / 8 (all inferred) |" in en
