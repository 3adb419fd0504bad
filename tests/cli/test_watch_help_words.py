"""``isgrid watch --help`` in French names its output folder « RÉPERTOIRE », never
« DOSSIER », which is a project's dossier (review chair F6: « DOSSIER/dossier-en-cours.txt »
next to ``--dossier`` made the secretariat hesitate)."""

from __future__ import annotations

from click.testing import CliRunner

from isgrid.cli import cli


def test_watch_help_in_french() -> None:
    out = CliRunner().invoke(cli, ["--lang", "fr", "watch", "--help"]).output
    out = " ".join(out.split())
    assert "DOSSIER/" not in out and "que DOSSIER" not in out
    assert "-o, --output RÉPERTOIRE Répertoire du tableau de bord (index.html)." in out
    assert "RÉPERTOIRE/dossier-en-cours.txt" in out
    english = " ".join(CliRunner().invoke(cli, ["--lang", "en", "watch", "--help"]).output.split())
    assert "-o, --output DIR Folder of the dashboard (index.html)." in english
