"""« incomplet » is one rule (isgrid.engine.status.incomplete): no total, or a consensus the
call requires missing.  The pipeline (``score``) and the minutes' one-dossier variant
(``Batch.with_consensus``, « sans ce consensus ») both call it, and agree.

The call (tests/engine/test_funders_rules.py): three criteria scored 0-5, floors 3, a
threshold of 10 / 15, ``require_consensus``.  B's panel rates it 4, 4, 4; its consensus
values are EXC 4, IMP 4, IMPL 4: total 4 + 4 + 4 = 12 / 15, ranked first (A: 3 + 4 + 4 =
11, second).  Without B's consensus on IMPL, B lacks a required consensus: « incomplet »,
no rank, whatever its panel's mean (4) would give; A is then first alone.
"""

from __future__ import annotations

from pathlib import Path

from test_funders_rules import consensus_call, full

from isgrid.call.load import load_call
from isgrid.engine import score
from isgrid.engine.batch import Batch
from isgrid.engine.status import incomplete


def test_the_rule() -> None:
    assert incomplete(True, False) and incomplete(False, True) and incomplete(True, True)
    assert not incomplete(False, False)


def test_score_and_the_batch_say_incomplet_alike(tmp_path: Path) -> None:
    both = load_call(consensus_call(tmp_path / "both", full("A", 3, 4, 4) + full("B", 4, 4, 4)))
    result = score(both)
    by = {d.id: d for d in result.dossiers}
    assert (by["B"].total, by["B"].rank, str(by["B"].status)) == (12, 1, "classé")
    assert (by["A"].total, by["A"].rank) == (11, 2)
    # the pipeline on the call without B's IMPL consensus
    lacking = score(load_call(consensus_call(
        tmp_path / "lacking", full("A", 3, 4, 4) + full("B", 4, 4, 4)[:2])))
    b = next(d for d in lacking.dossiers if d.id == "B")
    assert (str(b.status), b.rank, b.total) == ("incomplet", None, None)
    # the batch's variant of the first call, B's IMPL consensus taken away: the same
    batch = Batch(both, [], result)
    at = batch.ids.index("B")
    got, rank = batch.with_consensus(at, "IMPL", None)
    assert (str(got), rank) == ("incomplet", None)
    got, rank = batch.with_consensus(at, "IMPL", 4.0)  # as it is: ranked first
    assert (str(got), rank) == ("classé", 1)
