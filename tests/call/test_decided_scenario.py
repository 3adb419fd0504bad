"""The decided-changes rule re-scores a juror's files as a scenario of the call already loaded
(isgrid.call.decided_scenario), where it scored a copy of the folder: the same warnings,
word for word, on random sheets and déports of the voted alsace-2016 call (tests/votecalls.py:
AL16-02 voted « retenu », AL16-05 decided « non retenu »), and one worked by hand.

By hand: j3 déported from AL16-02 leaves j1's and j2's ratings, means 3.5, 3.5, 3, 2.5, 3, 3.5
and ALS-5's consensus 3: sum 22, total 100 × 22 / 28 = 78.57, still below AL16-01's 84.82 and
above AL16-05's 75.00: rank 2 as before, nothing decided changes.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

import pytest

from isgrid.call import decided_scenario
from isgrid.call.decided_changes import IMPORT, SUBMISSION, decided_changes
from isgrid.call.load import load_call
from isgrid.engine import score
from votecalls import example, vote


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = example(tmp_path_factory.mktemp("decided"))
    vote(out, "AL16-02")
    return out


def _said(found: list) -> list[tuple[str, str, str]]:
    return [(d.code, str(d.message), str(d.location)) for d in found]


def _sheet(folder: Path, juror: str, rng: random.Random) -> bytes:
    """``juror``'s ratings file with a few cells changed: a value, NE, or emptied."""
    with (folder / "ratings" / f"{juror}.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for row in rng.sample(rows[1:], k=min(len(rows) - 1, rng.randint(1, 12))):
        row[3] = rng.choice(["0", "1", "2", "3", "4", "NE", ""])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def test_a_deport_on_the_voted_dossier_by_hand(folder: Path, tmp_path: Path) -> None:
    """A déport added is scored on a copy (a scenario has no déports of its own: dropping
    the juror's rows read as « not rated yet » in the flags, where the copy says
    ``conflict-excluded:j3``, a review's finding, session 26)."""
    assert round(100 * 22 / 28, 2) == 78.57
    call = load_call(folder)
    deport = b"assessor,dossier,reason\nj3,AL16-02,\n"
    assert decided_scenario.as_scenario(call, [(folder / "conflicts" / "j3.csv", deport)]) \
        is None
    copy = tmp_path / "copie"
    shutil.copytree(folder, copy)
    (copy / "conflicts").mkdir(exist_ok=True)
    (copy / "conflicts" / "j3.csv").write_bytes(deport)
    after = score(load_call(copy)).dossier("AL16-02")
    assert (after.rank, round(after.total, 2)) == (2, 78.57)
    assert "conflict-excluded:j3" in after.flags
    assert not [f for f in after.flags if f.startswith("ratings-missing")]
    assert decided_changes(folder, [(folder / "conflicts" / "j3.csv", deport)],
                           SUBMISSION) == []


@pytest.mark.parametrize("seed", range(12))
def test_the_scenario_says_what_the_copy_says(folder: Path, seed: int,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    juror = rng.choice(["j1", "j2", "j3"])
    writes = [(folder / "ratings" / f"{juror}.csv", _sheet(folder, juror, rng))]
    did: list[str] = []
    if rng.random() < 0.5:  # a déport or two declared with it
        did = rng.sample([f"AL16-0{i}" for i in range(1, 9)], k=rng.randint(1, 2))
        writes.append((folder / "conflicts" / f"{juror}.csv", (
            "assessor,dossier,reason\n" + "".join(f"{juror},{d},\n" for d in did)
        ).encode()))
    if rng.random() < 0.3:
        writes.append((folder / "opinions" / f"{juror}.csv",
                       b"assessor,dossier,opinion,amount,comment\n"))
    loaded = load_call(folder)
    # a déport added goes to the copy (test_a_deport_on_the_voted_dossier_by_hand)
    assert not (folder / "conflicts" / f"{juror}.csv").exists()  # none lifted
    deported = bool({(juror, d) for d in did}
                    - {(c.assessor, c.dossier) for c in loaded.config.conflicts})
    assert (decided_scenario.as_scenario(loaded, writes) is None) == deported
    fast = decided_changes(folder, writes, IMPORT, loaded=loaded)
    monkeypatch.setattr(decided_scenario, "as_scenario", lambda call, writes: None)
    assert _said(fast) == _said(decided_changes(folder, writes, IMPORT))


def test_a_deport_lifted_over_ratings_is_scored_on_a_copy(tmp_path: Path) -> None:
    """A scenario has no déports of its own: one lifted from a dossier the juror rated
    would stay applied by the call's, so the copy scores it."""
    out = example(tmp_path)
    vote(out, "AL16-02")
    (out / "conflicts").mkdir()
    (out / "conflicts" / "j3.csv").write_text("assessor,dossier,reason\nj3,AL16-03,\n",
                                              encoding="utf-8")
    call = load_call(out)
    lift = [(out / "conflicts" / "j3.csv", b"assessor,dossier,reason\n")]
    assert decided_scenario.as_scenario(call, lift) is None
    dossier = [(out / "dossiers" / "AL16-01.yaml", (out / "dossiers" / "AL16-01.yaml").read_bytes())]
    assert decided_scenario.as_scenario(call, dossier) is None  # facts: no scenario


def test_a_rating_given_twice_is_scored_on_a_copy(folder: Path) -> None:
    """A new file repeating a rating another file holds (or itself twice): the loader
    refuses the call, the copy says so (no warning), not the scenario."""
    call = load_call(folder)
    j1 = (folder / "ratings" / "j1.csv").read_bytes()
    assert decided_scenario.as_scenario(call, [(folder / "ratings" / "j1bis.csv", j1)]) is None
    twice = j1 + j1.split(b"\n", 1)[1]
    assert decided_scenario.as_scenario(call, [(folder / "ratings" / "j1.csv", twice)]) is None
    assert decided_scenario.as_scenario(call, [(folder / "ratings" / "j1.csv", j1)]) is not None
