"""« jusqu'à N points » is what reaching the named target adds to the total shown (review s17
users, finding 3).

alsace-aap-2016, answers of the review: ALS-5 « ne s'applique pas », the six other scored
criteria answered on 0..4, equal effective weights (1/6 each among the answered):
AV-1.1 3, ALS-2 2, ALS-3 4, ALS-4 1, AV-4.2 2, ALS-1 3 -> shares .75 .5 1 .25 .5 .75, sum
3.75, total 100 x 3.75 / 6 = 62.5.  ALS-2 2 -> 4 (« Très bon »): +.5 / 6 x 100 = 8.33
(total 70.8, not the 7.1 of the gain over all seven criteria).  ALS-4 (floor) 1 -> 2, the
floor named as target (« Moyen »): +.25 / 6 x 100 = 4.17 (not the 10.7 up to « Très bon »).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, assess, render_result

FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
ANSWERS = {"AV-1.1": 3, "ALS-2": 2, "ALS-3": 4, "ALS-4": 1, "AV-4.2": 2, "ALS-1": 3,
           "ALS-E1": 1, "ALS-E2": 1, "ALS-E3": 1}


def _answers() -> dict[str, Answer]:
    out = {cid: Answer(float(v), False, None) for cid, v in ANSWERS.items()}
    out["ALS-5"] = Answer(None, True, None)
    return out


def test_gains_are_on_the_total_shown_and_for_the_target_named() -> None:
    res = assess(load_grid("alsace-aap-2016"), _answers())
    assert res.total == pytest.approx(62.5)
    gains = {i.id: (i.kind, i.target_level, i.points) for i in res.improvements}
    assert gains["ALS-4"][:2] == ("floor", "Moyen")
    assert gains["ALS-4"][2] == pytest.approx(100 * 0.25 / 6)
    assert gains["ALS-2"][:2] == ("points", "Très bon")
    assert gains["ALS-2"][2] == pytest.approx(100 * 0.5 / 6)
    # following the advice on ALS-2 gives the total plus its gain
    after = {**_answers(), "ALS-2": Answer(4.0, False, None)}
    total = assess(load_grid("alsace-aap-2016"), after).total
    assert total == pytest.approx(62.5 + 100 * 0.5 / 6)
    md = render_result(res, "md", "fr").replace("\u202f", " ").replace("\u00a0", " ")
    assert "aujourd'hui : Faible → viser : Moyen · jusqu'à 4,2 points" in md
    assert "aujourd'hui : Moyen → viser : Très bon · jusqu'à 8,3 points" in md
    html = render_result(res, "html", "fr").replace("\u202f", " ").replace("\u00a0", " ")
    assert "jusqu&#39;à 8,3 points" in html or "jusqu'à 8,3 points" in html


def test_cli_says_the_same(tmp_path: Path) -> None:
    f = tmp_path / "als.yaml"
    f.write_text("answers:\n" + "".join(f"  {k}: {v}\n" for k, v in ANSWERS.items())
                 + "  ALS-5: na\n", encoding="utf-8")
    run = CliRunner().invoke(cli, ["assess", "alsace-aap-2016", str(f)], env=FRENCH)
    assert run.exit_code == 0, run.output
    out = run.stdout.replace("\u202f", " ").replace("\u00a0", " ")
    assert "**Total : 62,5 / 100**" in out
    assert "jusqu'à 8,3 points" in out and "jusqu'à 7,1 points" not in out
    assert "jusqu'à 10,7 points" not in out
