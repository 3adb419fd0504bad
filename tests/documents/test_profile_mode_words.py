"""A profile grid's mode and items in the grid's own word, everywhere (review s12 grids #10,
left by the self-assessment's fix): « profil de marqueurs » and « Marqueurs présents » are
the Picardie markers' words (their grids' titles say « marqueurs »); Nouvelle-Aquitaine's
AMI, Rally'nov and the CSESS orientations say « critères », so `grids show`, `compare`'s
table, the web list of grids, the committee report, the fiches, `isgrid score`'s table and
the calibration's refusal say « profil (grille lue critère par critère) » and « Critères
présents » for them (isgrid.grid.items: the one place).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.items import item_words, mode_key
from isgrid.grid.load import load_grid
from isgrid.web.selfassess import create_app
from testpaths import EXAMPLES

FR = ["--lang", "fr"]
NEUTRAL = "profil (grille lue critère par critère)"


def _plain(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_the_grid_s_word_decides() -> None:
    keys = {gid: mode_key(load_grid(gid).grid) for gid in (
        "nouvelle-aquitaine-ami", "rallynov", "csess-2017", "picardie-marqueurs-2013",
        "picardie-sieg-2015", "alsace-aap-2016")}
    assert keys == {"nouvelle-aquitaine-ami": "mode.profile", "rallynov": "mode.profile",
                    "csess-2017": "mode.profile",
                    "picardie-marqueurs-2013": "mode.profile.markers",
                    "picardie-sieg-2015": "mode.profile.markers",
                    "alsace-aap-2016": "mode.scored"}
    assert item_words(load_grid("nouvelle-aquitaine-ami").grid) == "criteria"


def test_grids_show_and_compare_say_the_mode_in_the_grid_s_word() -> None:
    na = CliRunner().invoke(cli, [*FR, "grids", "show", "nouvelle-aquitaine-ami"]).stdout
    assert f"mode {NEUTRAL}" in na and "marqueurs" not in na.split("\n")[1]
    pic = CliRunner().invoke(cli, [*FR, "grids", "show", "picardie-marqueurs-2013"]).stdout
    assert "mode profil de marqueurs" in pic
    run = CliRunner().invoke(cli, [*FR, "compare", "nouvelle-aquitaine-ami",
                                   "picardie-marqueurs-2013"])
    assert run.exit_code == 0, run.output
    rows: dict[str, str] = {}  # the table of compared grids comes first: id | title | mode
    for line in run.stdout.splitlines():
        if line.startswith(("| nouvelle-aquitaine-ami@1", "| picardie-marqueurs-2013@1")):
            rows.setdefault(line.split(" | ")[0], line.split(" | ")[2])
    assert rows == {"| nouvelle-aquitaine-ami@1": NEUTRAL,
                    "| picardie-marqueurs-2013@1": "profil de marqueurs"}
    en = CliRunner().invoke(cli, ["--lang", "en", "compare", "rallynov", "csess-2017"])
    assert " | profile (a grid read criterion by criterion) | " in en.stdout


def test_the_web_list_of_grids_and_the_questionnaire() -> None:
    client = create_app(lang="fr").test_client()
    index = _plain(client.get("/?lang=fr").get_data(as_text=True))
    assert index.count("profil de marqueurs") == 2  # the two Picardie grids
    assert index.count(NEUTRAL) == 3  # Nouvelle-Aquitaine, Rally'nov, the CSESS (version 2)
    page = _plain(client.get("/g/rallynov?lang=fr").get_data(as_text=True))
    assert NEUTRAL in page and "profil de marqueurs" not in page


def _call(folder: Path) -> Path:
    """Two dossiers on nouvelle-aquitaine-ami: D001 at « Plutôt présent » (2) everywhere,
    so its 12 criteria are present (counts_as present: 2); D002 at 1, none present."""
    (folder / "dossiers").mkdir(parents=True)
    (folder / "ratings").mkdir()
    (folder / "call.yaml").write_text("title: Appel NA\ngrid: nouvelle-aquitaine-ami\n",
                                      encoding="utf-8")
    for d in ("D001", "D002"):
        (folder / "dossiers" / f"{d}.yaml").write_text(f"id: {d}\ntitle: Projet {d}\n",
                                                       encoding="utf-8")
    rows = "".join(f"D001,j1,NA-{i:02d},2,\nD002,j1,NA-{i:02d},1,\n" for i in range(1, 13))
    (folder / "ratings" / "j1.csv").write_text(
        "dossier,assessor,criterion,value,comment\n" + rows, encoding="utf-8")
    return folder


def _report(call: Path, kind: str, fmt: str, out: Path) -> str:
    run = CliRunner().invoke(cli, [*FR, "report", str(call), "--kind", kind, "--format", fmt,
                                   "-o", str(out)])
    assert run.exit_code == 0, run.output
    return _plain(out.read_text(encoding="utf-8"))


def test_committee_report_and_fiches_head_the_grid_s_items(tmp_path: Path) -> None:
    call = _call(tmp_path / "na")
    for fmt in ("md", "html"):
        com = _report(call, "committee", fmt, tmp_path / f"c.{fmt}")
        assert "Critères présents" in com and "Marqueurs présents" not in com, fmt
        assert f"Mode : {NEUTRAL}" in com or f"Mode {NEUTRAL}" in com, fmt
        assert "Profils (intensité par critère)" in com, fmt
        fiches = _report(call, "fiches", fmt, tmp_path / f"f.{fmt}")
        # D001: 12 of 12 present, D002: none
        for n in (12, 0):
            assert re.search(rf"Critères présents :? ?{n}/12", fiches), (fmt, n)
        assert "Marqueurs" not in fiches
    pic = _report(EXAMPLES / "picardie-sieg-2015", "committee", "md", tmp_path / "p.md")
    assert "Marqueurs présents" in pic and "Mode : profil de marqueurs" in pic
    assert "Profils des marqueurs (intensité par marqueur)" in pic


def test_calibration_refusal_names_the_mode_as_grids_show_does(tmp_path: Path) -> None:
    run = CliRunner().invoke(cli, [*FR, "calibrate", str(_call(tmp_path / "na"))])
    assert run.exit_code != 0
    assert f"le mode de cette grille est «\u00a0{NEUTRAL}\u00a0»" in run.output


def test_the_score_table_says_the_mode_and_items_in_the_grid_s_word(tmp_path: Path) -> None:
    """`isgrid score`'s table said « profil (grille lue critère par critère) » of the
    Picardie grids too, and headed every profile's column « Marqueurs »."""
    def table(call: Path, lang: str = "fr") -> list[str]:
        run = CliRunner().invoke(cli, ["--lang", lang, "score", str(call)])
        assert run.exit_code == 0, run.output
        return [" ".join(x.replace("\u202f", " ").replace("\u00a0", " ").split())
                for x in run.stdout.splitlines()]

    pic = table(EXAMPLES / "picardie-sieg-2015")
    assert any(x.startswith("Grille picardie-sieg-2015 version 1 (profil de marqueurs) sha256 ")
               for x in pic)
    assert "Rang Dossier Marqueurs présents Statut Signalements" in pic
    assert not any(NEUTRAL in x for x in pic)
    en = table(EXAMPLES / "picardie-sieg-2015", "en")
    assert any("version 1 (marker profile) sha256" in x for x in en)
    assert "Rank Dossier Markers present Status Flags" in en
    na = table(_call(tmp_path / "na"))
    assert "(profil (grille lue critère par critère)) sha256" in " ".join(na)  # wrapped
    assert "Rang Dossier Critères présents Statut Signalements" in na
    # D001: its 12 criteria at 2 (counts_as present: 2), D002 none
    rows = {x.split()[1]: x.split()[2] for x in na if x.split()[1:2] in (["D001"], ["D002"])}
    assert rows == {"D001": "12/12", "D002": "0/12"}
    assert not any("arqueur" in x for x in na)
