"""Séance journals for the benchmark's calls, in the shapes that make the engine work most.

    python -m bench.journals CALL late-votes K        (K refusals, each voted over after)
    python -m bench.journals CALL every-place         (a vote on every place of the list)

Both replace the call's ``journal.jsonl`` with a hash-chained journal worked out from the
call's own proposal (scored in the process, not timed):

* ``late-votes K`` (:func:`late_votes`): K dossiers the proposal retains refused by the
  jury, one after the other from the funding line up, each freeing a place the engine
  offers the reserve; after each refusal a vote retains a dossier further down the ranking
  that no offer proposed (the committee going beyond the reserve): a grant decided outside
  every place, recorded after the offers before it, which ``engine.decide.decide`` spends
  ahead of those offers by replaying the journal (« late votes »);
* ``every-place`` (:func:`every_place`): the deliberation's vote, « retenu », on every
  dossier the proposal retains, one entry each (a national call: thousands), then a vote
  refusing one reserve dossier: the list is adopted, and ``Result.in_time`` replays the
  journal up to the vote that gave its last place.

The same call and arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.generate import _journal


def _proposal(call: Path) -> tuple[list[str], list[str]]:
    """The call's proposal without its journal: the dossiers it retains and those ranked
    below them, each in rank order."""
    from isgrid.call.load import load_call
    from isgrid.engine import score

    journal = call / "journal.jsonl"
    kept = journal.read_bytes() if journal.exists() else None
    journal.unlink(missing_ok=True)
    try:
        r = score(load_call(call))
    finally:
        if kept is not None:
            journal.write_bytes(kept)
    ranked = sorted((d for d in r.dossiers if d.rank is not None), key=lambda d: d.rank)
    retained = [d.id for d in ranked if d.selected is True]
    below = [d.id for d in ranked if d.selected is not True]
    return retained, below


def late_votes(call: Path, k: int) -> int:
    """The ``late-votes`` journal (module docstring); returns its number of entries."""
    retained, below = _proposal(call)
    if k > len(retained) or 2 * k > len(below):
        raise SystemExit(f"late-votes {k}: the call retains {len(retained)} dossiers and "
                         f"ranks {len(below)} below them; too few")
    entries: list[dict[str, object]] = []
    far = below[k:]  # past the dossiers the offers propose
    for i in range(k):
        entries.append({"kind": "decision", "dossier": retained[-1 - i], "stage": "jury",
                        "outcome": "non retenu", "by": "jury",
                        "reason": "refusé en séance"})
        entries.append({"kind": "decision", "dossier": far[i], "stage": "vote",
                        "outcome": "retenu", "by": "assemblée",
                        "reason": "retenu par l'assemblée"})
    _journal(call, entries)
    return len(entries)


def every_place(call: Path) -> int:
    """The ``every-place`` journal (module docstring); returns its number of entries."""
    retained, below = _proposal(call)
    entries: list[dict[str, object]] = [
        {"kind": "decision", "dossier": did, "stage": "vote", "outcome": "retenu",
         "by": "assemblée", "reason": "vote de la liste"} for did in retained]
    if below:
        entries.append({"kind": "decision", "dossier": below[0], "stage": "vote",
                        "outcome": "non retenu", "by": "assemblée",
                        "reason": "vote de la liste"})
    _journal(call, entries)
    return len(entries)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("call", type=Path)
    p.add_argument("kind", choices=("late-votes", "every-place"))
    p.add_argument("k", type=int, nargs="?", default=10)
    a = p.parse_args()
    n = late_votes(a.call, a.k) if a.kind == "late-votes" else every_place(a.call)
    print(f"{a.call / 'journal.jsonl'}: {n} entries")


if __name__ == "__main__":
    main()
