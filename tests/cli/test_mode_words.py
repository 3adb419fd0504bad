"""The words of two refusals (an integration review): a grid's mode in the message of
``calibrate`` and ``sensitivity`` said as ``grids show`` says it (common.json ``mode.*``),
and the formats of ``--kind seance`` in ``report``'s hint and help."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

NBSP, NNBSP = "\u00a0", "\u202f"


def refused(lang: str, *args: object) -> str:
    run = CliRunner().invoke(cli, ["--lang", lang, *map(str, args)])
    assert run.exit_code != 0, run.output
    return run.stderr


def test_calibrate_on_a_profile_grid_says_the_mode_in_french() -> None:
    said = refused("fr", "calibrate", EXAMPLES / "picardie-sieg-2015")
    assert (f"la calibration porte sur des totaux{NNBSP}; le mode de cette grille est "
            f"«{NBSP}profil de marqueurs{NBSP}» [mode-mismatch]") in said
    assert "mode profile" not in said


def test_sensitivity_on_a_checklist_grid_says_the_mode_in_french_and_english() -> None:
    said = refused("fr", "sensitivity", EXAMPLES / "alterincub-2019")
    assert (f"le mode de cette grille est «{NBSP}grille de caractérisation (liste de "
            f"critères){NBSP}»") in said and "mode checklist" not in said
    english = refused("en", "sensitivity", EXAMPLES / "alterincub-2019")
    assert ("sensitivity works on totals; this grid is a characterisation checklist "
            "[mode-mismatch]") in english


def test_words_are_the_catalogs_and_survive_pickling() -> None:
    from isgrid.messages import CatalogText, Message

    # a profile of markers (the Picardie grids: isgrid.grid.items.mode_key)
    m = Message("{what} works on totals; this grid is a {mode}", what="x",
                mode=CatalogText("common", "mode.profile.markers"))
    again = pickle.loads(pickle.dumps(m))
    assert str(again) == "x works on totals; this grid is a marker profile"
    assert again.translated("fr").endswith(f"«{NBSP}profil de marqueurs{NBSP}»")
    # any other profile (its items are « critères »)
    other = pickle.loads(pickle.dumps(Message("{mode}", mode=CatalogText("common",
                                                                        "mode.profile"))))
    assert str(other) == "profile (a grid read criterion by criterion)"
    assert other.translated("fr") == "profil (grille lue critère par critère)"


def test_a_refused_format_lists_the_seance_formats_too(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    said = refused("fr", "report", folder, "--kind", "cp-annex", "--format", "md",
                   "-o", tmp_path / "annexe.md")
    assert said.rstrip().endswith(f"fiches{NBSP}: html, md ou pdf{NNBSP}; seance{NBSP}: html "
                                  "ou pdf.")
    english = refused("en", "report", folder, "--kind", "cp-annex", "--format", "md",
                      "-o", tmp_path / "annexe.md")
    assert english.rstrip().endswith("fiches: html, md or pdf; seance: html or pdf.")


def test_report_help_says_the_seance_formats() -> None:
    run = CliRunner().invoke(cli, ["--lang", "en", "report", "--help"])
    assert run.exit_code == 0
    assert "seance: html or pdf only." in " ".join(run.output.split())
