"""``grids list`` and ``grids show`` in the command line's language: they were English
under ``--lang fr`` while the French guide promises « grille notée », « sourcé »,
« reconstitué », « inféré ».  The grids' own words stay as written."""

from __future__ import annotations

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
    assert alsace.split()[1:4] == ["notée", "10", "8/2/0"]
    assert lines[-2] == f"S/R/I{NB}: critères sourcés / reconstitués / inférés."
    assert lines[-1].startswith(f"Sourcés{NB}: ") and lines[-1].endswith(f"{NN}%).")


def test_show_in_french() -> None:
    text = run("--lang", "fr", "grids", "show", "alsace-aap-2016")
    lines = text.splitlines()
    assert lines[1] == "  id alsace-aap-2016  version 1  mode grille notée  étend avise-mouves-2011"
    # 0 takes the singular in French
    assert lines[3] == f"  10 critères{NB}: 8 sourcés, 2 reconstitués, 0 inféré"
    assert lines[4] == "  agrégation mean  total sur 100  seuil 50"
    assert "           [p 1, plancher 2 sur 4, D8] sourcé AL2" in lines
    for head in ("Échelles", "Départage des ex æquo", "Recevabilité"):
        assert head in lines, head
    # the grid's own words are the grid's: its criteria's labels as written
    assert "  ALS-4    Pérennité de la démarche" in lines


def test_show_in_english_is_unchanged() -> None:
    lines = run("--lang", "en", "grids", "show", "alsace-aap-2016").splitlines()
    assert lines[3] == "  10 criteria: 8 sourced, 2 reconstructed, 0 inferred"
    assert "           [w 1, floor 2 of 4, D8] sourced AL2" in lines


def test_the_verdict_rules_in_french() -> None:
    """The verdict rule's own words were left in English (« all of (AI-01; …) »)."""
    text = run("--lang", "fr", "grids", "show", "alterincub")
    assert "all of" not in text and "chacun de (AI-01" in text
