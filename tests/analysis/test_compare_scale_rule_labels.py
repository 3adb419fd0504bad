"""compare's differences name scales and eligibility rules by their labels, the id in
parentheses (review s12 grids #9, left: « échelle : presence4 → note04 », « Échelles
ajoutées : ouinon », « Règles de recevabilité ajoutées : territoire-picardie, phase-projet,
partenariat-minimal » are ids a chargée d'études cannot read).  The labels below are copied
from the grid files (grids/avise-mouves-2011.yaml, alsace-aap-2016.yaml,
picardie-sieg-2015.yaml); the JSON keeps the ids.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli

FR = ["--lang", "fr"]
PRESENCE = "Présence (IES, 4 niveaux) (presence4)"
NOTE = "Note de 0 à 4 (note04)"
YESNO = "Oui / non (ouinon)"


def _plain(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def _compare(*args: str) -> str:
    run = CliRunner().invoke(cli, [*FR, "compare", *args])
    assert run.exit_code == 0, run.output
    return _plain(run.stdout)


def test_a_criterion_s_scale_and_the_scales_added_read_their_labels(tmp_path: Path) -> None:
    out = tmp_path / "c.html"
    md = _compare("avise-mouves-2011", "alsace-aap-2016")
    _compare("avise-mouves-2011", "alsace-aap-2016", "--format", "html", "-o", str(out))
    page = _plain(out.read_text(encoding="utf-8"))  # a table: criterion | field | before | after
    assert f"AV-1.1, échelle : {PRESENCE} → {NOTE}" in md
    assert f"AV-1.1 échelle {PRESENCE} {NOTE}" in page
    assert f"échelle {NOTE} : - → inféré" in md
    for text in (md, page):
        assert f"Échelles ajoutées : {NOTE} ; {YESNO}" in text
        assert "presence4 → note04" not in text and "ajoutées : note04" not in text
        assert "presence4 note04" not in text


def test_eligibility_rules_added_read_their_labels() -> None:
    text = _compare("picardie-marqueurs-2013", "picardie-sieg-2015")
    assert ("Règles de recevabilité ajoutées : Projet développé en Picardie (Aisne, Oise ou "
            "Somme) (territoire-picardie) ; ") in text
    assert "(phase-projet) ; " in text and text.count("(partenariat-minimal)") == 1
    assert "territoire-picardie, phase-projet" not in text


def test_the_json_keeps_the_ids_and_gives_the_labels() -> None:
    run = CliRunner().invoke(cli, ["compare", "picardie-marqueurs-2013", "picardie-sieg-2015",
                                   "--format", "json"])
    (d,) = json.loads(run.stdout)["diffs"]
    assert d["eligibility_added"] == ["territoire-picardie", "phase-projet",
                                      "partenariat-minimal"]
    assert d["scales_added"] == ["ouinon"]
    assert d["scale_labels"]["ouinon"] == "Oui / non"
    assert d["rule_labels"]["territoire-picardie"] == (
        "Projet développé en Picardie (Aisne, Oise ou Somme)")
