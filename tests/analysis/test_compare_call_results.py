"""Two calls compared: each call's results in one line and each shared dossier's outcome in
both (review s17 users, finding 4).  The comparison gave ranks and statuses only: no total,
no count of eligible or selected dossiers, no budget, and with no shared dossier a table of
headers alone.  Everything here is the engine's (``isgrid score``), never recomputed."""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest

from isgrid.analysis.compare import compare, render
from isgrid.call.load import load_call
from isgrid.grid.load import load_grid
from testpaths import EXAMPLES

NB, NNB = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The review's two editions: the Alsace example, and the same call whose « Besoin
    social » section weighs 3 instead of 2 (same dossiers, ratings and déport)."""
    root = tmp_path_factory.mktemp("editions")
    shutil.copytree(EXAMPLES / "alsace-2016", root / "appel")
    shutil.copytree(EXAMPLES / "alsace-2016", root / "appel-2017")
    with (root / "appel-2017" / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("  sections.besoin-social.weight: 3\n")
    return compare([load_grid("alsace-aap-2016")],
                   [load_call(root / "appel"), load_call(root / "appel-2017")])


def test_one_line_per_call_from_the_engine(editions: dict[str, Any]) -> None:
    # 8 dossiers; AL16-06 fails ALS-E3: 7 eligible; ranked: AL16-01, -02, -05, -03, -04
    # (AL16-07 and -08 below a floor); proposal: AL16-01 and -02 selected, -03 and -04 in
    # reserve; 52 000 € budget, 51 000 € committed (the example's README)
    want = {"dossiers": 8, "eligible": 7, "ranked": 5, "selected": 2, "reserve": 2,
            "budget": 52000, "committed": 51000, "decided": False, "voted": False}
    for c in editions["calls"]["calls"]:
        assert {k: c["overview"][k] for k in want} == want
    md = render(editions, "md", "fr")
    assert f"| appel | 8 | 7 | 5 | proposée | 2 | 2 | 52{NNB}000{NNB}€ | 51{NNB}000{NNB}€ |" in md
    # no vote: the jury's proposition, said as the committee report says it
    # (documents.text.status_said)
    assert ("| appel | dossiers | recevables | classés | sélection | proposés (retenus) "
            "| proposés en réserve |") in md
    assert "- Proposés (retenus) avec appel, pas avec appel-2017 : aucun" in md.replace(NB, " ")
    assert "- Proposés (retenus) dans les deux : AL16-01, AL16-02" in md.replace(NB, " ")
    en = render(editions, "md", "en")
    assert ("| call | dossiers | eligible | ranked | selection | proposed (selected) "
            "| proposed for the reserve | budget |") in en
    assert "- Proposed (selected) under both: AL16-01, AL16-02" in en


def test_each_shared_dossier_s_total_in_both_editions(editions: dict[str, Any]) -> None:
    """Weights by hand.  2016: sections besoin-social 2 (AV-1.1, ALS-2), effets-positifs 2
    (ALS-3, ALS-4), implication-acteurs 1 (AV-4.2), demarche-porteur 2 (ALS-1, ALS-5):
    each criterion 1/7.  2017: besoin-social 3: AV-1.1 and ALS-2 3/16 each, the five others
    2/16.  Total = 100 × Σ share × mean / 4.

    AL16-04, the means of j1, j2, j3: AV-1.1 (2+3+2)/3 = 7/3, ALS-2 7/3, ALS-3 7/3, ALS-4 2,
    AV-4.2 7/3, ALS-1 7/3, ALS-5 2.  2016: (5 × 7/3 + 2 × 2) / 7 = 47/21, total
    100 × 47/84 = 55,952…; 2017: (3 × 14/3 + 2 × (3 × 7/3 + 4)) / 16 = 36/16, total 56,25.
    Shown 56,0 and 56,3: « +0,3 ».

    AL16-01 (j2's ratings out, déport): AV-1.1 (4+3,5)/2 = 3,75, ALS-2 3, ALS-3 3,5, ALS-4 3,
    AV-4.2 4, ALS-1 3,5, ALS-5 3.  2016: 23,75/7/4 = 84,821…; 2017: (3 × 6,75 + 2 × 17)/16
    = 54,25/16, total 84,765625.  Both shown 84,8: « 0,0 » (the exact difference, −0,056,
    is in the JSON)."""
    (pair,) = editions["calls"]["pairs"]
    rows = {x["dossier"]: x for x in pair["ranks"]}
    assert rows["AL16-04"]["total_a"] == pytest.approx(100 * 47 / 84)
    assert rows["AL16-04"]["total_b"] == pytest.approx(56.25)
    assert rows["AL16-04"]["difference"] == pytest.approx(56.25 - 100 * 47 / 84)
    assert rows["AL16-01"]["total_a"] == pytest.approx(100 * 23.75 / 28)
    assert rows["AL16-01"]["total_b"] == pytest.approx(84.765625)
    assert rows["AL16-06"]["total_a"] is None and rows["AL16-06"]["difference"] is None
    md = render(editions, "md", "fr")
    assert ("| dossier | rang appel | rang appel-2017 | statut appel | statut appel-2017 | "
            "total appel | total appel-2017 | écart |") in md
    assert "| AL16-04 | 5 | 5 | proposé en réserve | proposé en réserve | 56,0 | 56,3 | +0,3 |" in md
    assert "| AL16-01 | 1 | 1 | proposé (retenu) | proposé (retenu) | 84,8 | 84,8 | 0,0 |" in md
    assert "| AL16-06 | - | - | irrecevable | irrecevable | - | - | - |" in md
    html = render(editions, "html", "fr")
    assert ("<td>AL16-04</td><td>5</td><td>5</td><td>proposé en réserve</td><td>proposé en réserve</td>"
            "<td>56,0</td><td>56,3</td><td>+0,3</td>") in html
    data = json.loads(render(editions, "json", "fr"))
    assert data["calls"]["calls"][1]["overview"]["committed"] == 51000
    assert data["calls"]["pairs"][0]["ranks"][0]["total_b"] is not None


def test_calls_with_no_shared_dossier_show_no_empty_table() -> None:
    """The Alsace call and the Picardie SIEG habilitation: no dossier in both.  Each call's
    line (SIEG: 6 dossiers, 3 eligible, 3 classés, no selection) and « aucun dossier
    commun », never a table of headers alone."""
    rep = compare([load_grid("alsace-aap-2016"), load_grid("picardie-sieg-2015")],
                  [load_call(EXAMPLES / "alsace-2016"), load_call(EXAMPLES / "picardie-sieg-2015")])
    sieg = rep["calls"]["calls"][1]["overview"]
    assert {k: sieg[k] for k in ("dossiers", "eligible", "ranked", "selected", "budget")} == {
        "dossiers": 6, "eligible": 3, "ranked": 3, "selected": 0, "budget": None}
    md = render(rep, "md", "fr").replace(NNB, NB)
    # the call's folder is said beside its grid unless the grid's key names it already
    assert "| alsace-aap-2016@1 (alsace-2016) | 8 | 7 | 5 | proposée |" in md
    assert "| picardie-sieg-2015@1 | 6 | 3 | 3 | aucune | 0 | 0 | - | - |" in md
    assert f"Aucun dossier commun aux deux appels (rapprochés par identifiant){NB}:" in md
    pair = md.split("### alsace-aap-2016@1 et picardie-sieg-2015@1")[1].split("\n## ")[0]
    assert "| dossier |" not in pair and "Corrélation" not in pair
    html = render(rep, "html", "fr")
    assert "<table><tr><th>dossier</th>" not in html
    assert "No dossier in both calls" in render(rep, "md", "en")


def test_a_dimension_reached_by_a_gate_is_said_so_everywhere(editions: dict[str, Any]) -> None:
    """Review s17 users, finding 5: alsace-aap-2016 reaches D3 only as AV-4.2's secondary
    dimension and D7 only through the eliminatory ALS-E1 (« part de risque »).  With the
    SIEG the summary counted them « demandées par les deux »; the editions' crosswalk said
    « Aucune grille comparée ne demande : D3, D4, D7, D9 ».  Both now say which."""
    md = render(editions, "md", "fr").replace(NNB, NB)
    assert (f"Aucun critère des grilles comparées n'a pour dimension principale{NB}: D3, D4, "
            f"D7, D9. Atteintes seulement comme dimension secondaire ou par un critère "
            f"éliminatoire{NB}: D3 dans appel, appel-2017 (dimension secondaire{NB}: AV-4.2)"
            f"{NB}; D7 dans appel, appel-2017 (critère éliminatoire{NB}: ALS-E1).") in md
    assert "Aucune grille comparée ne demande" not in md
    rep = compare([load_grid("alsace-aap-2016"), load_grid("picardie-sieg-2015")])
    assert rep["summary"]["reached_only"] == [
        {"dimension": "D3", "grid": "alsace-aap-2016@1", "secondary": ["AV-4.2"], "gates": []},
        {"dimension": "D7", "grid": "alsace-aap-2016@1", "secondary": [], "gates": ["ALS-E1"]}]
    first = render(rep, "md", "fr").replace(NNB, NB).split("\n\n")[1]
    assert (f"Dimensions demandées par les deux{NB}: D1, D2, D3, D5, D6, D7, D8{NB}; par une "
            f"seule{NB}: D10 (alsace-aap-2016@1), D4, D9 (picardie-sieg-2015@1). Atteintes "
            f"seulement comme dimension secondaire ou par un critère éliminatoire{NB}: D3 dans "
            f"alsace-aap-2016@1 (dimension secondaire{NB}: AV-4.2){NB}; D7 dans "
            f"alsace-aap-2016@1 (critère éliminatoire{NB}: ALS-E1).") in first


def test_the_csv_per_dossier_table_says_the_same_numbers(editions: dict[str, Any]) -> None:
    """The review's two editions in ``compare --format csv`` (review 19, finding 7): the
    totals and the gap worked out above (55,952… shown 56,0, 56,25 shown 56,3: 0,3;
    84,821… and 84,765625 both 84,8: 0,0), numbers only, empty cells for AL16-06, which
    has no rank and no total."""
    from isgrid.analysis.compare import render_bytes

    lines = render_bytes(editions, "csv", "fr").decode("utf-8-sig").split("\r\n")
    assert "AL16-04;5;5;proposé en réserve;proposé en réserve;56,0;56,3;0,3" in lines
    assert "AL16-01;1;1;proposé (retenu);proposé (retenu);84,8;84,8;0,0" in lines
    assert "AL16-06;;;irrecevable;irrecevable;;;" in lines
