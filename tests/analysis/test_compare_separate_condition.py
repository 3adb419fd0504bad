"""`compare` says a criterion shown apart (``separate_condition``, loi ESS art. 15-II,
version 2): after the grid's verdict rule and on its crosswalk line, « condition à part :
Condition du II (financements de l'État seulement), hors du verdict »; JSON carries it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from isgrid.cli import cli

APART = ("condition à part : Condition du II (financements de l'État seulement), hors du "
         "verdict")


def _run(*args: str, lang: str = "fr") -> str:
    res = CliRunner().invoke(cli, ["--lang", lang, "compare", *args])
    assert res.exit_code == 0, res.output
    return res.stdout.replace("\u202f", " ").replace("\xa0", " ")


def test_the_ii_is_said_apart_after_the_rule_and_in_the_crosswalk() -> None:
    out = _run("loi-ess-2014-art15", "ess-utilite-sociale-art2")
    assert ("- **loi-ess-2014-art15@2** : l'un de (A15-1 ; A15-2) [sourcé · L15] ; A15-II, "
            f"{APART} [sourcé · L15]") in out
    assert (f"aux conditions normales de marché ({APART}) · 20 % [sourcé · L15, SEN, ALTA]"
            in out)  # D8: A15-4 and A15-II, 1 of 5 criteria each
    # after the rule, on D8 (its main dimension) and on D7 (secondary): three times, A15-II's
    assert out.count(APART) == 3
    assert f"marché ({APART}) (secondaire) [sourcé" in out
    en = _run("loi-ess-2014-art15", "ess-utilite-sociale-art2", lang="en")
    assert ("A15-II, condition shown apart: Condition du II (financements de l'État "
            "seulement), outside the verdict [sourced · L15]") in en
    html = _run("loi-ess-2014-art15", "ess-utilite-sociale-art2", "--format", "html")
    assert f"({APART})" in html.replace("&#39;", "'")


def test_version_1_joins_the_ii_and_says_nothing_apart() -> None:
    out = _run("loi-ess-2014-art15@1", "ess-utilite-sociale-art2")
    assert "condition à part" not in out


def test_json_carries_the_condition_apart() -> None:
    data = json.loads(_run("loi-ess-2014-art15", "ess-utilite-sociale-art2",
                           "--format", "json"))
    grid = next(g for g in data["grids"] if g["id"] == "loi-ess-2014-art15")
    assert grid["verdict"]["separate_conditions"] == [{
        "id": "A15-II", "separate_condition": "Condition du II (financements de l'État "
        "seulement)", "status": "sourced", "source": "L15"}]
    apart = {it["id"]: it["separate_condition"] for row in data["crosswalk"]["rows"]
             for items in row["cells"].values() for it in items}
    assert apart["A15-II"] == "Condition du II (financements de l'État seulement)"
    assert apart["A15-1"] is None and apart["A15-4"] is None
    other = next(g for g in data["grids"] if g["id"] == "ess-utilite-sociale-art2")
    assert other["verdict"]["separate_conditions"] == []
