"""An ``envelope`` constraint (money for the dossiers of a priority) in a call that selects
by ``selection.top`` alone, without a budget: the envelope counts the amounts of the
dossiers it holds (the walk once counted every dossier 0 without a budget, so a cap of
15 000 € let 20 000 € in), and a dossier it holds whose amount is unknown cannot be judged
against it: « à vérifier », not walked, as a dossier whose amount is unknown is under a
budget (engine/money.py, the one rule).  A dossier no envelope holds needs no amount.

By hand, top 3, envelope « emploi » at most 15 000 €, one criterion on 0..4:

    A  4 -> 100  emploi 10 000 €   taken: emploi 10 000 <= 15 000
    B  3 ->  75  emploi  unknown   à vérifier (unknown:amount_requested), not walked
    C  2 ->  50  emploi 10 000 €   10 000 + 10 000 = 20 000 > 15 000: blocked (max:emploi)
    D  1 ->  25  autre  10 000 €   taken (not in the envelope)
    E  0 ->   0  autre  unknown    taken: no envelope holds it, its amount is not needed

Selected A, D, E (3 = top); the envelope's actual 10 000 €, met.
"""

from __future__ import annotations

from pathlib import Path

from callfactory import make_call
from gridtexts import SOURCES, criterion, grid, section
from isgrid.call.blocks import Envelope
from isgrid.call.load import load_call
from isgrid.engine import score
from isgrid.engine.select import Candidate, Rules, walk

GRID = grid("un", "Un critère", section("S", "Seul axe", criterion("C", "Critère")),
            head=SOURCES, facts="  amount_requested: {type: number, unit: EUR}\n"
                                "  priority: {type: string, label: Priorité}\n")
EMPLOI = {"id": "emploi", "kind": "envelope", "fact": "priority", "value": "emploi",
          "max_amount": 15000}
#: id: (rating, priority, amount requested or None)
DOSSIERS = {"A": (4, "emploi", 10000), "B": (3, "emploi", None), "C": (2, "emploi", 10000),
            "D": (1, "autre", 10000), "E": (0, "autre", None)}


def test_the_walk_counts_an_envelopes_money_without_a_budget() -> None:
    """A and C 10 each, in the envelope of 15: C would make 20 > 15, blocked; D is taken."""
    cands = [Candidate("A", 1, 10.0, True, {"p": "e"}), Candidate("C", 2, 10.0, True, {"p": "e"}),
             Candidate("D", 3, 10.0, True, {"p": "x"})]
    k = Envelope(id="e", kind="envelope", fact="p", value="e", max_amount=15)
    w = walk(cands, Rules(top=3, constraints=(k,)))
    assert w.selected == ("A", "D")
    assert w.picks["C"].choice is not None and w.picks["C"].choice.why == "max:e"
    assert w.constraints[0].actual == 10 and w.constraints[0].met


def test_a_call_by_top_with_an_envelope(tmp_path: Path) -> None:
    ds, ratings = [], []
    for did, (value, priority, amount) in DOSSIERS.items():
        d: dict[str, object] = {"id": did, "title": f"Projet {did}", "priority": priority}
        if amount is not None:
            d["amount_requested"] = amount
        ds.append(d)
        ratings.append((did, "j1", "C", value))
    config = {"title": "AAP top (test)", "lang": "fr",
              "assessors": [{"id": "j1", "name": "Mme Martin"}],
              "selection": {"top": 3}, "constraints": [EMPLOI]}
    result = score(load_call(make_call(tmp_path, GRID, config, ds, ratings)))
    by = {d.id: d for d in result.dossiers}
    assert [i for i in "ABCDE" if by[i].selected is True] == ["A", "D", "E"]
    assert str(by["B"].status) == "à vérifier" and by["B"].selected is None
    assert "unknown:amount_requested" in by["B"].flags
    assert by["C"].selected is False and str(by["C"].status) == "non retenu"
    assert "unknown:amount_requested" not in by["E"].flags  # no envelope holds it
    assert result.constraints is not None
    item = result.constraints.items[0]
    assert (item.actual, item.met) == (10000, True)
