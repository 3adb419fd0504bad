"""``grids list`` and ``grids show`` in the command line's language: they were English
under ``--lang fr`` while the French guide promises « grille notée », « sourcé »,
« reconstitué », « inféré ».  The grids' own words stay as written."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli

NB, NN = "\u00a0", "\u202f"


def run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 0, res.output
    return res.stdout


def test_list_in_french() -> None:
    lines = run("--lang", "fr", "grids", "list").splitlines()
    assert lines[0].split() == ["id", "mode", "crit", "S/R/I", "titre"]
    alsace = next(x for x in lines if x.startswith("alsace-aap-2016 "))
    # 7 criteria + 3 eliminatory, as compare counts them (criteria_counts)
    assert alsace.split()[1:4] == ["notée", "7+3", "8/2/0"]
    assert lines[-2] == (f"crit{NB}: critères + éliminatoires{NN}; "
                         f"S/R/I{NB}: sourcés / reconstitués / inférés.")
    assert lines[-1].startswith(f"Sourcés{NB}: ") and lines[-1].endswith(f"{NN}%).")


def test_show_in_french() -> None:
    text = run("--lang", "fr", "grids", "show", "alsace-aap-2016")
    lines = text.splitlines()
    assert lines[1] == "  id alsace-aap-2016  version 1  mode grille notée  étend avise-mouves-2011"
    # 0 takes the singular in French
    assert lines[3] == f"  7 critères + 3 éliminatoires{NB}: 8 sourcés, 2 reconstitués, 0 inféré"
    # the grid's entry says its threshold is an isgrid choice: the view says so too
    assert lines[4] == "  agrégation moyenne  total sur 100  seuil 50 (inféré)"
    # the criterion is sourced; its weight and floor are isgrid's choices (the grid's
    # `parameters` say inferred), as the jurors' workbooks say
    assert "           [p 1 (inféré), plancher 2 sur 4 (inféré), D8] sourcé AL2" in lines
    for head in ("Échelles", "Départage des ex æquo", "Recevabilité"):
        assert head in lines, head
    # the grid's own words are the grid's: its criteria's labels as written
    assert "  ALS-4    Pérennité de la démarche" in lines


def test_show_in_english_is_unchanged() -> None:
    lines = run("--lang", "en", "grids", "show", "alsace-aap-2016").splitlines()
    assert lines[3] == "  7 criteria + 3 eliminatory: 8 sourced, 2 reconstructed, 0 inferred"
    # a French grid in English: said once, under the counts (review 19, finding 8)
    assert lines[4] == ("  criteria are shown in their sources' words (French): isgrid does "
                        "not translate a grid's content")
    assert lines[5] == "  aggregator mean  total out of 100  threshold 50 (inferred)"
    assert "           [w 1 (inferred), floor 2 of 4 (inferred), D8] sourced AL2" in lines
    assert "  1. section:besoin-social (higher first)" in lines
    assert "  2. fact:submitted_at (earliest first)" in lines  # a date fact
    assert "  departement [string] Département du lieu de réalisation du projet" in lines
    assert "  eligible_costs [number, EUR] Dépenses éligibles (prestations externes, HT)" \
        in lines
    sieg = run("--lang", "en", "grids", "show", "picardie-sieg-2015").splitlines()
    assert "  aggregator median" in sieg
    assert "  partners [array of object] Partenaires du projet" in sieg
    alter = run("--lang", "en", "grids", "show", "alterincub").splitlines()
    assert "  none: equal dossiers share a rank (flag tie)" in alter


def test_show_says_the_grid_languages_values_in_french() -> None:
    """The aggregator, the facts' types and the tie-breaks' keys were the grid language's
    English (« agrégation mean », « [string] », « fact:submitted_at »); a fact a tie-break
    reads is named by its label.  The labels, the ids and the enum's values stay as the
    grid writes them."""
    lines = run("--lang", "fr", "grids", "show", "alsace-aap-2016").splitlines()
    tie = lines.index("Départage des ex æquo")
    assert lines[tie + 1:tie + 3] == [
        "  1. section besoin-social (le plus élevé d'abord)",
        "  2. Date de dépôt du dossier (le plus ancien d'abord)"]
    facts = lines[lines.index("Faits") + 1:]
    assert facts == [
        "  departement [texte] Département du lieu de réalisation du projet",
        "  legal_form [texte] Forme juridique du porteur",
        "  amount_requested [nombre, EUR] Montant demandé",
        "  eligible_costs [nombre, EUR] Dépenses éligibles (prestations externes, HT)",
        "  submitted_at [date] Date de dépôt du dossier"]
    sieg = run("--lang", "fr", "grids", "show", "picardie-sieg-2015").splitlines()
    assert "  agrégation médiane" in sieg
    assert "  partners [liste d'objets] Partenaires du projet" in sieg
    assert ("  phase [texte, parmi emergence, experimentation, evaluation, autre] Phase du"
            in sieg)
    alter = run("--lang", "fr", "grids", "show", "alterincub").splitlines()
    assert f"  aucun{NB}: des dossiers égaux partagent un rang (signalement «{NB}ex æquo{NB}»)" \
        in alter


def test_a_tie_break_on_a_fact_without_label_and_on_a_criterion(tmp_path: Path) -> None:
    """« fait X » for a fact the grid gives no label, « critère X » for a criterion; English
    as the grid writes them."""
    from testpaths import FIXTURES

    text = (FIXTURES / "grids" / "mini-scored.yaml").read_text(encoding="utf-8")
    assert '  - {by: "fact:submitted_at", order: asc}\n' in text
    grid = tmp_path / "g.yaml"
    grid.write_text(text.replace('  - {by: "fact:submitted_at", order: asc}\n',
                                 '  - {by: "fact:submitted_at", order: asc}\n'
                                 '  - {by: "criterion:B1"}\n'), encoding="utf-8")
    fr = run("--lang", "fr", "grids", "show", str(grid)).splitlines()
    tie = fr.index("Départage des ex æquo")
    assert fr[tie + 1:tie + 4] == ["  1. section impact (le plus élevé d'abord)",
                                   "  2. fait submitted_at (le plus ancien d'abord)",
                                   "  3. critère B1 (le plus élevé d'abord)"]
    en = run("--lang", "en", "grids", "show", str(grid)).splitlines()
    tie = en.index("Tie-breaks")
    assert en[tie + 1:tie + 4] == ["  1. section:impact (higher first)",
                                   "  2. fact:submitted_at (earliest first)",
                                   "  3. criterion:B1 (higher first)"]


def test_the_verdict_rules_in_french() -> None:
    """The verdict rule's own words were left in English (« all of (AI-01; …) »)."""
    text = run("--lang", "fr", "grids", "show", "alterincub")
    assert "all of" not in text and "chacun de (AI-01" in text


def test_eligibility_rules_with_french_colons() -> None:
    """An eligibility rule is « id : libellé » in French (it was « id: libellé »)."""
    fr = run("--lang", "fr", "grids", "show", "alsace-aap-2016").splitlines()
    assert "  territoire-alsace\u00a0: Projet mis en œuvre en Alsace (Bas-Rhin ou Haut-Rhin)" \
        in fr
    en = run("--lang", "en", "grids", "show", "alsace-aap-2016").splitlines()
    assert "  territoire-alsace: Projet mis en œuvre en Alsace (Bas-Rhin ou Haut-Rhin)" in en


def test_alterincub_counts_alike_in_list_show_and_compare(tmp_path: Path) -> None:
    # review 19, finding 12: « 15 critères » in grids list and show, « critères 12 ·
    # éliminatoires 3 » in compare; now 12 + 3 everywhere, and its provenance 3 / 10 / 2
    # (AI-E1..E3 sourced, AI-01..09 and 11 reconstructed, AI-10 and 12 inferred) sums to 15
    row = next(x for x in run("--lang", "fr", "grids", "list").splitlines()
               if x.startswith("alterincub "))
    assert row.split()[1:4] == ["liste", "12+3", "3/10/2"]
    show = run("--lang", "fr", "grids", "show", "alterincub").splitlines()
    assert show[3] == f"  12 critères + 3 éliminatoires{NB}: 3 sourcés, 10 reconstitués, 2 inférés"
    out = tmp_path / "c.json"
    run("compare", "alterincub", "rallynov", "--format", "json", "-o", str(out))
    info = json.loads(out.read_text(encoding="utf-8"))["grids"][0]
    assert (info["criteria"], info["gates"]) == (12, 3)
    assert info["provenance"] == {"sourced": 3, "reconstructed": 10, "inferred": 2}


def test_grids_list_json_says_both_parts_of_the_count() -> None:
    # its « criteria » stays every criterion (a contract: 15 for Alter'Incub, 10 for Alsace),
    # and says its two parts, as the text's « 12+3 »: 12 that count and 3 eliminatory
    # (AI-E1..E3); Alsace 7 + 3 (ALS-E1..E3)
    rows = {r["id"]: r for r in json.loads(run("grids", "list", "--format", "json"))}
    assert [rows["alterincub"][k] for k in ("criteria", "counting", "eliminatory")] == [15, 12, 3]
    assert [rows["alsace-aap-2016"][k] for k in ("criteria", "counting", "eliminatory")] \
        == [10, 7, 3]
    assert [rows["rallynov"][k] for k in ("criteria", "counting", "eliminatory")] == [8, 8, 0]
    for r in rows.values():
        assert r["criteria"] == r["counting"] + r["eliminatory"], r["id"]
