"""What a holder reads is French, with French quotes (review19, finding 11): the Avise
grid's note on its socles, a value between two levels, ``serve --help``'s placeholders."""

from __future__ import annotations

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, assess, render_result


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_the_avise_socles_note_is_french() -> None:
    # isgrid's own note, not the source's words: said in French, in the result's
    # « D'où viennent les règles » and in the grid's notes (Alsace 2016 inherits them)
    for gid in ("avise-mouves-2011", "alsace-aap-2016"):
        g = load_grid(gid)
        md = _plain(render_result(assess(g, {"AV-1.1": Answer(3.0)}), "md", "fr"))
        assert "placeholder" not in md and "placeholder" not in " ".join(g.grid.notes)
    md = _plain(render_result(assess(load_grid("avise-mouves-2011"), {}), "md", "fr"))
    assert ("l'attribution du statut de socle à chaque critère (2 par axe) est une "
            "hypothèse provisoire d'isgrid.") in md


def test_serve_help_names_its_placeholders_in_french() -> None:
    for command in (["serve"], ["jury", "serve"]):
        out = CliRunner().invoke(cli, ["--lang", "fr", *command, "--help"]).output
        assert "--trusted-proxy ADRESSE" in out and "ADDRESS" not in out
        en = CliRunner().invoke(cli, ["--lang", "en", *command, "--help"]).output
        assert "--trusted-proxy ADDRESS" in en
