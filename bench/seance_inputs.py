"""The inputs of bench.run's séance commands, made before the timing (not timed).

* ``late-votes``: ``score`` of a copy of the call whose journal refuses ``n // 20`` of
  the dossiers the proposal retains, each voted over after by a vote retaining a dossier
  no offer proposed (``bench.journals.late_votes``: 15 at 300 dossiers, 100 at 2,000,
  1,000 at 20,000);
* ``every-place``: ``score`` of a copy whose journal votes every place of the list
  (``bench.journals.every_place``; the adoption judged at its deliberation);
* ``intake-decided``: ``isgrid intake`` refreshing a call whose journal holds decisions
  (intake's check of what the refresh would change in them scores the call as it is and
  as the refresh leaves it): the call's dossiers taken in once from a Démarche Numérique
  export, the ratings, jury and journal (decisions) of the bench call given to them, then
  an export where one dossier in ten has a new title; each run starts from that call;
* ``purge``: ``isgrid call purge --apply`` on a copy of the call given a retention
  period (over) and a juror's comment on one rating in four (:data:`COMMENT_EVERY`: the
  purge empties them, rewriting every ratings file), from that copy each run.

Each returns (before each run, the note for the table, a check after the runs).
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench.generate import intake_inputs
from bench.journals import every_place, late_votes

#: the commands this module makes the inputs of
NAMES = ("late-votes", "every-place", "intake-decided", "purge")
Inputs = tuple[Callable[[], None], str, Callable[[], str | None]]


def _restore(src: Path, dst: Path) -> Callable[[], None]:
    def fresh() -> None:
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst)

    return fresh


def inputs(name: str, call: Path, out: Path, n: int) -> Inputs:
    """What ``name`` reads, made once; see the module's docstring."""
    if name in ("late-votes", "every-place"):
        copy = out / f"{name}-call"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(call, copy)
        if name == "late-votes":
            k = max(1, n // 20)
            entries = late_votes(copy, k)
            note = f"{k} refusals each voted over after ({entries} entries)"
        else:
            entries = every_place(copy)
            note = f"a vote on every place ({entries} entries)"
        return (lambda: None), note, (lambda: None)
    if name == "purge":
        kept = out / "purge-kept"
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(call, kept)
        with (kept / "call.yaml").open("a", encoding="utf-8") as fh:
            fh.write("retention: {months: 12, since: '2020-01-01'}\n")
        comments = _comment(kept)
        copy = out / "purge-call"
        rated = {p.name: _comments(p)[1] for p in sorted((kept / "ratings").glob("*.csv"))}

        def emptied() -> str | None:  # every comment gone, every rating kept
            files = sum(_comments(copy / "ratings" / name) == (0, n)
                        for name, n in rated.items())
            return None if files == len(rated) else "comments NOT emptied"

        return _restore(kept, copy), f"purge --apply, retention over, {comments} comments", \
            emptied
    return _intake_decided(call, out)


#: One rating in this many gets a juror's comment in the purge's call (a national call's
#: jurors comment on many criteria: the purge rewrites every ratings file then).
COMMENT_EVERY = 4


def _comment(call: Path) -> int:
    """A comment on one rating in :data:`COMMENT_EVERY` of ``call``'s ratings files (each
    rewritten row by row); how many."""
    n = 0
    for path in sorted((call / "ratings").glob("*.csv")):
        tmp = path.with_suffix(".tmp")
        with path.open(encoding="utf-8", newline="") as src, \
                tmp.open("w", encoding="utf-8", newline="") as dst:
            rows = csv.reader(src)
            w = csv.writer(dst)  # (as bench.generate writes it)
            head = next(rows)
            at = head.index("comment")
            w.writerow(head)
            for i, row in enumerate(rows):
                if i % COMMENT_EVERY == 0:
                    row[at] = f"Vu avec Instruction le {1 + i % 28} mars : budget à préciser ({i})"
                    n += 1
                w.writerow(row)
        tmp.replace(path)
    return n


def _comments(path: Path) -> tuple[int, int]:
    """(comments, rows) of a ratings file."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        at = next(rows).index("comment")
        n = total = 0
        for row in rows:
            total += 1
            n += bool(row[at].strip())
    return n, total


def _intake_decided(call: Path, out: Path) -> Inputs:
    empty, export, n = intake_inputs(call, out)
    kept = out / "intake-decided-kept"
    shutil.rmtree(kept, ignore_errors=True)
    shutil.copytree(empty, kept)
    subprocess.run([sys.executable, "-m", "isgrid", "intake", str(kept), "--from",
                    str(export)], check=True, capture_output=True)
    # the bench call's D000042 is the export's dossier 42: DN-42 once taken in
    taken = {p.stem for p in (kept / "dossiers").glob("*.yaml")}

    def dn(did: str) -> str:
        return f"DN-{int(did[1:])}"

    text = (call / "call.yaml").read_text(encoding="utf-8")
    jury = [line for line in text.splitlines() if line.startswith(("assessors:", "  - {id: "))]
    conflicts = [re.sub(r"dossier: (D\d+)", lambda m: f"dossier: {dn(m.group(1))}", line)
                 for line in text.splitlines() if "{assessor:" in line]
    conflicts = [c for c in conflicts if c.split("dossier: ")[1].rstrip("}") in taken]
    extra = "\n".join(jury) + "\n" + ("conflicts:\n" + "\n".join(conflicts) + "\n"
                                      if conflicts else "")
    cfg = (kept / "call.yaml").read_text(encoding="utf-8")
    (kept / "call.yaml").write_text(cfg + extra, encoding="utf-8")
    (kept / "ratings").mkdir(exist_ok=True)
    for path in sorted((call / "ratings").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as src, \
                (kept / "ratings" / path.name).open("w", encoding="utf-8", newline="") as dst:
            rows = csv.reader(src)
            w = csv.writer(dst)
            w.writerow(next(rows))
            for row in rows:
                if dn(row[0]) in taken:
                    w.writerow([dn(row[0]), *row[1:]])
    # the séance: a refusal and a vote retaining a dossier further down, n // 20 times
    entries = late_votes(kept, max(1, n // 20))
    # the refresh: one dossier in ten retitled
    export2 = out / "export-dossiers-2.csv"
    with export.open(encoding="utf-8", newline="") as src, \
            export2.open("w", encoding="utf-8", newline="") as dst:
        rows = csv.reader(src, delimiter=";")
        w = csv.writer(dst, delimiter=";")
        head = next(rows)
        w.writerow(head)
        at = head.index("Intitulé du projet")
        for i, row in enumerate(rows, start=1):
            if i % 10 == 0:
                row[at] += " (intitulé révisé)"
            w.writerow(row)
    copy = out / "intake-decided-call"

    def changed() -> str | None:
        titled = (copy / "dossiers" / "DN-10.yaml").read_text(encoding="utf-8")
        return None if "intitulé révisé" in titled else "NOT refreshed"

    return (_restore(kept, copy), f"a refresh of {len(taken)} dossiers, {len(taken) // 10} "
            f"retitled, journal of {entries} entries", changed)


def command(name: str, out: Path) -> list[str]:
    """The command line timed for ``name``."""
    isgrid = [sys.executable, "-m", "isgrid"]
    if name == "intake-decided":
        return [*isgrid, "intake", str(out / "intake-decided-call"), "--from",
                str(out / "export-dossiers-2.csv")]
    if name == "purge":
        return [*isgrid, "call", "purge", str(out / "purge-call"), "--apply",
                "--today", "2026-12-06"]
    return [*isgrid, "score", str(out / f"{name}-call"), "--format", "json",
            "-o", str(out / f"{name}.json"), "--force"]
