"""Acceptance: the shipped Alsace example, a withdrawal and a jury decision.

Worked out from examples/alsace-2016 (call.yaml, dossiers/*.yaml, ratings/*.csv):

* funding: rate 0.5, cap 27 000, minimum 5 000; budget 52 000; rank-order; reserve 2.
* proposed = min(requested, 50 % of eligible costs, 27 000):
  AL16-01 min(32 000, 35 000, 27 000) = 27 000; AL16-02 min(24 000, 25 000) = 24 000;
  AL16-03 min(18 000, 15 000) = 15 000; AL16-04 min(22 000, 20 000) = 20 000;
  AL16-05 has no eligible_costs: no amount, cannot be selected.
* totals, 100 x (sum of the seven criterion means) / 28:
  AL16-03: 8/3 + 7/3 + 8/3 + 7/3 + 7/3 + 8/3 + 2 (AV-4.2: 2, 2, NE) = 17 -> 60.71;
  AL16-04: 5 x 7/3 + 2 + 2 = 47/3 -> 55.95; so AL16-03 ranks before AL16-04
  (AL16-01 84.8, AL16-02 77.4, AL16-05 75.0 above them, examples/alsace-2016/README.md).
* the proposal: AL16-01 27 000, AL16-02 27 000 + 24 000 = 51 000 <= 52 000; AL16-05 is
  passed over; AL16-03: 51 000 + 15 000 = 66 000 > 52 000 stops; reserve AL16-03, AL16-04.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.engine import score

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


def test_withdrawal_then_jury_decision_on_the_alsace_example(tmp_path: Path) -> None:
    folder = tmp_path / "alsace-2016"
    shutil.copytree(EXAMPLE, folder)
    assert not (folder / "journal.jsonl").exists()

    before = score(load_call(folder))
    assert before.selection is not None
    assert before.selection.proposed.selected == ("AL16-01", "AL16-02")
    assert before.selection.proposed.reserve == ("AL16-03", "AL16-04")
    assert before.selection.proposed.committed == 51000  # 27 000 + 24 000
    assert before.current is before.selection.proposed

    append(folder, kind="withdrawal", dossier="AL16-02", by="Mission ESS",
           reason="le porteur renonce")
    append(folder, kind="decision", dossier="AL16-03", stage="jury", outcome="retenu",
           amount=15000, by="Jury", reason="proposé à la place d'AL16-02")
    r = score(load_call(folder))

    # the withdrawal: AL16-02 frees 24 000; AL16-01 holds 27 000 -> 52 000 - 27 000 = 25 000
    # available; AL16-03 (15 000) heads the reserve and fits: 27 000 + 15 000 = 42 000
    [w] = r.withdrawals
    assert (w["dossier"], w["freed"], w["available"], w["replacement"]) == (
        "AL16-02", 24000, 25000, "AL16-03")

    # the decided budget: AL16-01 27 000 (proposed, not yet decided) + AL16-03 15 000
    # (proposed by the jury) = 42 000 committed; 52 000 - 42 000 = 10 000 remaining;
    # granted 0: only a vote grants (docs/decisions.md)
    assert r.selection is not None
    dec = r.selection.decided
    assert dec.selected == ("AL16-01", "AL16-03")
    assert (dec.budget, dec.committed, dec.granted, dec.remaining) == (52000, 42000, 0,
                                                                       10000)
    assert r.current is dec
    # the reserve after the journal: AL16-04 only (AL16-05 cannot be selected)
    assert dec.reserve == ("AL16-04",)

    al01, al02, al03 = (r.dossier(i) for i in ("AL16-01", "AL16-02", "AL16-03"))
    assert str(al02.status) == "retiré"
    assert al02.decision.replaced_by == ("AL16-03",)
    assert str(al03.status) == "retenu"
    assert al03.decision.replaces == "AL16-02"
    # the jury proposes 15 000 (AL16-03 asked 18 000); only a vote grants
    assert al03.amounts.proposed == 15000 and al03.amounts.granted is None
    # retaining the dossier the engine proposed in AL16-02's place is no override
    assert al03.decision.stages["jury"].overridden is False
    assert not any(f.startswith("overridden:") for f in al03.flags)
    assert str(al01.status) == "retenu" and al01.amounts.granted is None
    assert {d.id: str(d.status) for d in r.dossiers} == {
        "AL16-01": "retenu", "AL16-02": "retiré", "AL16-03": "retenu", "AL16-04": "réserve",
        "AL16-05": "à vérifier", "AL16-06": "irrecevable", "AL16-07": "non classé",
        "AL16-08": "non classé"}
    # the proposal beside it is unchanged
    assert r.selection.proposed.selected == ("AL16-01", "AL16-02")
    assert r.selection.proposed.remaining == 1000  # 52 000 - 51 000
    # the example folder itself was not touched
    assert not (EXAMPLE / "journal.jsonl").exists()
