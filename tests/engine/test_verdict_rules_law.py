"""The loi ESS's verdict rules, judged by the engine on real call folders.

Art. 2 (utilité sociale), as amended by the loi PACTE, reads:

    « Sont considérées comme poursuivant une utilité sociale au sens de la présente loi les
    entreprises dont l'objet social satisfait à titre principal à l'une au moins des quatre
    conditions suivantes : [1°, 2°, 3°] 4° Elles ont pour objectif de concourir au
    développement durable, à la transition énergétique, à la promotion culturelle ou à la
    solidarité internationale, dès lors que leur activité contribue également à produire un
    impact soit par le soutien à des publics vulnérables, soit par le maintien ou la
    recréation de solidarités territoriales, soit par la participation à l'éducation à la
    citoyenneté. »

So the 4° alone does not make the enterprise one of social utility: it counts only when
the activity also serves 1° (vulnerable people), 2° (territorial solidarities / social
ties) or 3° (citizenship education).  With the 4° and the 2°, « l'une au moins » holds.

Art. 15: « l'une des caractéristiques suivantes : 1° Soit … 2° Soit … » (the I, the
definition), and, « pour bénéficier des financements publics au titre de l'innovation
sociale », the II, which « ne s'applique pas » to the collectivités' funding.  Version 2 of
the grid judges the I alone (the II is shown apart); version 1, kept, joined them.

The grids use the scale Non (0) / En partie (1) / Oui (2), « Oui » = met (counts_as).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.engine import score
from testpaths import ROOT


def verdicts(tmp_path: Path, grid: str, cases: dict[str, dict[str, int]]) -> dict[str, Any]:
    text = (ROOT / "grids" / f"{grid}.yaml").read_text(encoding="utf-8")
    rows = [(did, "a1", cid, v) for did, vals in cases.items() for cid, v in vals.items()]
    folder = make_call(tmp_path, text, None, [{"id": d} for d in cases], rows)
    result = score(load_call(folder)).to_json()
    return {d["id"]: d["verdict"] for d in result["dossiers"]}


NONE = {"US-1": 0, "US-2": 0, "US-3": 0, "US-4": 0}


def test_art2_the_fourth_condition_alone_is_not_social_utility(tmp_path: Path) -> None:
    # 4° met (Oui), 1°, 2°, 3° not (Non): the 4° needs 1°, 2° or 3° as well -> not one
    # of the four conditions counts -> non caractérisé.
    v = verdicts(tmp_path, "ess-utilite-sociale-art2", {"d4": {**NONE, "US-4": 2}})
    assert v == {"d4": "non caractérisé"}


def test_art2_the_fourth_with_the_second_is_social_utility(tmp_path: Path) -> None:
    # 4° and 2° met: « l'une au moins des quatre conditions » holds (2°, and 4° with it)
    # -> caractérisé.
    v = verdicts(tmp_path, "ess-utilite-sociale-art2",
                 {"d42": {**NONE, "US-2": 2, "US-4": 2}})
    assert v == {"d42": "caractérisé"}


def test_art2_each_of_the_first_three_suffices_alone(tmp_path: Path) -> None:
    # « l'une au moins »: 1° alone, 2° alone, 3° alone each suffice.
    cases = {f"d{i}": {**NONE, f"US-{i}": 2} for i in (1, 2, 3)}
    assert verdicts(tmp_path, "ess-utilite-sociale-art2", cases) == {
        "d1": "caractérisé", "d2": "caractérisé", "d3": "caractérisé"}


def test_art2_partly_and_unknown(tmp_path: Path) -> None:
    cases = {
        # 2° En partie, nothing else: the best condition is partly met -> partiellement
        "p": {**NONE, "US-2": 1},
        # 4° Oui with 3° En partie: 4° counts as far as 3° does (partly); best: partly
        "p4": {**NONE, "US-3": 1, "US-4": 2},
        # 1° unrated, the others Non: 1° could be met -> indéterminé
        "u": {"US-2": 0, "US-3": 0, "US-4": 0},
        # 1° unrated but 2° Oui: one condition is met whatever 1° is -> caractérisé
        "k": {"US-2": 2, "US-3": 0, "US-4": 0},
    }
    assert verdicts(tmp_path, "ess-utilite-sociale-art2", cases) == {
        "p": "partiellement", "p4": "partiellement", "u": "indéterminé", "k": "caractérisé"}


def test_art15_the_definition_is_one_of_the_two_characteristics(tmp_path: Path) -> None:
    base = {"A15-1": 0, "A15-2": 0, "A15-3": 0, "A15-4": 0, "A15-II": 0}
    cases = {
        # 1° without the II: « l'une des caractéristiques » -> caractérisé (the II apart)
        "c1": {**base, "A15-1": 2},
        # 2° and the II -> caractérisé
        "c2": {**base, "A15-2": 2, "A15-II": 2},
        # 1° En partie, 2° Non -> partiellement
        "p": {**base, "A15-1": 1, "A15-II": 2},
        # consultation, financing arrangements and the II alone: not the I
        "x": {**base, "A15-3": 2, "A15-4": 2, "A15-II": 2},
    }
    assert verdicts(tmp_path, "loi-ess-2014-art15", cases) == {
        "c1": "caractérisé", "c2": "caractérisé", "p": "partiellement",
        "x": "non caractérisé"}


def test_art15_version_1_kept_joins_the_financing_condition(tmp_path: Path) -> None:
    base = {"A15-1": 0, "A15-2": 0, "A15-3": 0, "A15-4": 0, "A15-II": 0}
    cases = {
        # 1° and II: « l'une des caractéristiques » and the II -> caractérisé
        "c1": {**base, "A15-1": 2, "A15-II": 2},
        # 2° and II -> caractérisé
        "c2": {**base, "A15-2": 2, "A15-II": 2},
        # 1° and 2° without II: no public funding as social innovation -> non caractérisé
        "n": {**base, "A15-1": 2, "A15-2": 2},
        # consultation and financing arrangements alone (« relèvent également »): not I
        "x": {**base, "A15-3": 2, "A15-4": 2, "A15-II": 2},
    }
    assert verdicts(tmp_path, "versions/loi-ess-2014-art15@1", cases) == {
        "c1": "caractérisé", "c2": "caractérisé", "n": "non caractérisé",
        "x": "non caractérisé"}
