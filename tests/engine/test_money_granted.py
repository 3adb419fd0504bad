"""Only a vote grants: the JSON's amounts, its ``selection.decided.granted`` and the CSV
say the same (review rev-money F5; docs/decisions.md §3, docs/result.md).

The call: tests/engine/moneycall.py.  D05 (asks 25 000, proposed 20 000 by the rules: cap)
is decided ``retenu`` by the jury at 15 000; D12 (asks 10 000, proposed 10 000, first on
the reserve) is retained by the vote.  By hand: D05 is proposed 15 000 (the jury's) and
granted nothing yet; D12 is granted 10 000; the granted sum is 10 000 (not 25 000);
committed 97 000 − 20 000 + 15 000 + 10 000 = 102 000, 2 000 over.
"""

from __future__ import annotations

import json
from pathlib import Path

from moneycall import copy_call, money, record, scored

from isgrid.documents.score_outputs import score_csv


def test_a_jury_amount_is_proposed_and_the_vote_grants(tmp_path: Path) -> None:
    folder = copy_call(tmp_path)
    record(folder, {"dossier": "D05", "stage": "jury", "outcome": "retenu", "amount": 15000},
           {"dossier": "D12", "stage": "vote", "outcome": "retenu", "at": "2027-03-20"})
    r = scored(folder)
    data = json.loads(json.dumps(r.to_json()))
    amounts = {d["id"]: d["amounts"] for d in data["dossiers"]}
    assert amounts["D05"] == {"requested": 25000, "proposed": 15000, "granted": None}
    assert amounts["D12"] == {"requested": 10000, "proposed": 10000, "granted": 10000}
    assert amounts["D01"] == {"requested": 20000, "proposed": 20000, "granted": None}
    assert data["selection"]["decided"]["granted"] == 10000
    assert money(r) == (102000, -2000)
    rows = {line.split(";")[1]: line.split(";")[11:14]
            for line in score_csv(r).decode("utf-8-sig").splitlines()[1:]}
    assert rows["D05"] == ["25000", "15000", ""]
    assert rows["D12"] == ["10000", "10000", "10000"]
