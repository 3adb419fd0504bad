"""The workspace's call and cached result out of the cyclic collector's scans
(:func:`isgrid.io.collector.freeze_long_lived`): each full collection walked them, and the
dashboard's rendering triggers several (a national call's page: 0.56 s, 0.27 s once they
were frozen; docs/performance.md, twenty-fifth pass).  And the memory of a workspace that
re-scores the call at every submission does not grow: the replaced results are freed, and
a cycle frozen while alive is collected once dropped."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from pathlib import Path

from isgrid.engine.result import DossierResult
from isgrid.workspace.store import Workspace
from workspacecalls import alsace

ALSACE = {f"AL16-0{i}" for i in range(1, 9)}


def scanned(kind: type, keep: Callable[[object], bool] = lambda o: True) -> list[object]:
    """The objects of ``kind`` the collector scans (frozen ones are not listed)."""
    return [o for o in gc.get_objects() if isinstance(o, kind) and keep(o)]


def not_scanned(obj: object) -> bool:
    """Whether the collector no longer scans ``obj`` (frozen)."""
    return not any(o is obj for o in gc.get_objects())


def alive(kind: type, keep: Callable[[object], bool] = lambda o: True) -> int:
    """How many objects of ``kind`` exist, frozen or not (nothing collected to count them)."""
    gc.unfreeze()  # the frozen ones back among the listed ones
    try:
        return sum(1 for o in gc.get_objects() if isinstance(o, kind) and keep(o))
    finally:
        gc.freeze()


def ours(o: object) -> bool:
    return isinstance(o, DossierResult) and o.id in ALSACE


def test_the_call_and_its_result_leave_the_collectors_scans(tmp_path: Path) -> None:
    ws = Workspace(alsace(tmp_path))
    result, why = ws.result()  # the first dashboard: the call scored
    assert gc.get_freeze_count() > 0
    # the call's 8 dossiers, loaded when the workspace was made: not scanned either
    dossiers = list(ws.dossiers.values())
    assert len(dossiers) == 8 and gc.is_tracked(dossiers[0])
    assert not [o for o in gc.get_objects() if any(o is d for d in dossiers)]
    assert result is not None and why == ""
    assert gc.is_tracked(result) and gc.is_tracked(result.dossiers[0])  # else no test
    assert {d.id for d in result.dossiers} == ALSACE
    assert not_scanned(result)
    assert scanned(DossierResult, lambda o: any(o is d for d in result.dossiers)) == []
    assert alive(DossierResult, lambda o: any(o is d for d in result.dossiers)) == 8


def test_rescoring_many_times_keeps_one_result_and_frees_the_cycles(tmp_path: Path) -> None:
    gc.unfreeze()
    gc.collect()
    before = alive(DossierResult, ours)  # what other tests still hold
    ws = Workspace(alsace(tmp_path))
    ws.result()
    assert alive(DossierResult, ours) == before + 8

    class Node:
        """A cycle (a node that refers to itself): only the collector frees it."""

        def __init__(self) -> None:
            self.me = self

    counts = []
    gone: weakref.ref[Node] | None = None
    for _ in range(12):
        node = Node()
        ws.reopen("j1")
        ws.submit("j1")  # j1's ratings written again: the call is re-scored
        result, _why = ws.result()
        assert result is not None
        assert not_scanned(result)  # frozen: alive then
        # the previous round's node, dropped after that round's freeze: collected now
        assert gone is None or gone() is None
        gone = weakref.ref(node)
        del node, result
        assert gone() is not None  # frozen: no collection frees it until the next re-score
        counts.append(gc.get_freeze_count())
    # the replaced results freed, frozen as they were: one result's 8 dossiers alive
    assert alive(DossierResult, ours) == before + 8
    # what stays frozen does not grow with the re-scores: one result here is about a
    # hundred objects (8 dossiers), ten kept would add 930; the engine's compiled
    # conditions add 34 per call loaded (a cache emptied at 4,096: grid.facts.compiled)
    assert counts[-1] - counts[1] < 700, counts  # 340 when this was written
