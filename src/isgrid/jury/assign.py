"""``isgrid assign CALL --per-dossier K``: a balanced proposal of who rates what.

Rules, in order:

1. only assessors of the requested role (``juré`` by default) are assigned;
2. an assessor whose ``dossiers`` are listed in call.yaml keeps exactly that
   list (minus any déport): it counts towards K and they get nothing more;
3. a déport is never assigned;
4. the other dossiers are served most-constrained first (fewest possible
   assessors, then dossier order); each takes the least-loaded possible
   assessors, then those who have sat least often with the ones already
   chosen (so that the same pairs do not always rate together), then the
   call.yaml order.  Without déports and fixed lists, loads differ by at most
   one.

Deterministic: the same call gives the same proposal.  Writes
``assignments.csv`` (``dossier,assessor``); never rewrites call.yaml.

Assigning one role replaces that role's rows of ``assignments.csv`` and keeps every
other row as it is (:func:`existing`): the other role's rows, rows naming an assessor
call.yaml does not declare, rows now under a déport (their readers leave them out).
A file whose rows cannot all be kept (unreadable, or with columns other than
``dossier,assessor``) is refused, never overwritten.  :func:`propose_and_write` is the
command's one call: which file, the refusals, the proposal, the write.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..call.assignments import ASSIGNMENTS_FILE
from ..call.model import Assessor, Call
from ..call.roles import role_name, role_text
from ..errors import CallError, Collector, Diagnostic, Location, Message, Plural, UsageError
from ..io.folder import inside
from ..io.tabular import columns_named, normalise_header, read_csv
from ..io.write import check_output, csv_writer, neutralise_row, write_files, write_output
from ..messages import missing_columns
from .common import conflicts_of


@dataclass
class Assignment:
    pairs: list[tuple[str, str]]  # (dossier, assessor), dossier order then call.yaml order
    load: dict[str, int]
    per_dossier: int
    warnings: list[Diagnostic] = field(default_factory=list)

    def of(self, did: str) -> list[str]:
        return [a for d, a in self.pairs if d == did]


def propose(call: Call, per_dossier: int, role: str = "juré") -> Assignment:
    diags = Collector()
    where = Location(str(call.folder / "call.yaml"), key_path="assessors")
    if per_dossier < 1:
        diags.add("assign-impossible", Message("--per-dossier must be at least 1"), where)
        raise CallError("bad --per-dossier", diags.items)
    people = [a for a in (call.config.assessors or []) if a.role == role]
    if not people:
        diags.add("no-assessors", Message("the call declares no assessor who is {role}",
                                          role=role_text(role)), where)
        raise CallError("no assessors", diags.items)
    mr = call.config.min_ratings
    if mr is not None and per_dossier < mr:
        diags.add("below-min-ratings", Message("{per_dossier} assessors per dossier is below "
                                               "min_ratings ({min_ratings}): every dossier would be flagged",
                                               per_dossier=per_dossier, min_ratings=mr), where,
                  severity="warning")
    conflicted = conflicts_of(call)
    order = {a.id: i for i, a in enumerate(people)}
    dossier_ids = [d.id for d in call.dossiers]
    fixed = {a.id: [d for d in a.dossiers if (a.id, d) not in conflicted]
             for a in people if a.dossiers is not None}
    chosen: dict[str, list[str]] = {d: [] for d in dossier_ids}
    load: Counter[str] = Counter({a.id: 0 for a in people})
    for aid, ds in fixed.items():
        for d in ds:
            if d in chosen and aid not in chosen[d]:
                chosen[d].append(aid)
                load[aid] += 1
    free = [a.id for a in people if a.id not in fixed]

    def candidates(did: str) -> list[str]:
        return [a for a in free if (a, did) not in conflicted and a not in chosen[did]]

    together: Counter[tuple[str, str]] = Counter()
    short: list[str] = []
    position = {d: i for i, d in enumerate(dossier_ids)}  # not list.index: linear at 20,000
    pending = sorted(dossier_ids, key=lambda d: (len(candidates(d)), position[d]))
    for did in pending:
        need = per_dossier - len(chosen[did])
        for _ in range(max(0, need)):
            cands = candidates(did)
            if not cands:
                short.append(did)
                break
            already = chosen[did]

            def rank(a: str, already: list[str] = already) -> tuple[int, int, int]:
                return (load[a], sum(together[(a, b)] for b in already), order[a])

            best = min(cands, key=rank)
            for b in chosen[did]:
                together[(best, b)] += 1
                together[(b, best)] += 1
            chosen[did].append(best)
            load[best] += 1
    for did in sorted(set(short), key=position.__getitem__):
        _shortage(diags, call, did, len(chosen[did]), per_dossier, people, conflicted)
    diags.raise_if_errors(CallError, "the assignment is impossible")
    pairs = [(d, a) for d in dossier_ids for a in sorted(chosen[d], key=order.__getitem__)]
    return Assignment(pairs, dict(load), per_dossier, diags.warnings)


def _shortage(diags: Collector, call: Call, did: str, n: int, per_dossier: int,
              people: list[Assessor], conflicted: frozenset[tuple[str, str]]) -> None:
    """Why ``did`` gets only ``n`` assessors, said where the cause is: its déports
    (``conflicts``), else the fixed lists that leave it out (``assessors``: the example's
    irrecevable dossier, in no juror's list, was said to be a matter of déports)."""
    file = str(call.folder / "call.yaml")
    # Plural: the French agrees with the count given, « 0 évaluateur sur 1 », « 2
    # évaluateurs sur 3 » (it read « 0 des 1 évaluateurs »); the English needs one form
    values = {"dossier": did, "per_dossier": per_dossier}
    if any((a.id, did) in conflicted for a in people):
        diags.add("assign-impossible",
                  Plural("{dossier} can get only {n} of {per_dossier} assessors "
                         "(recusals, fixed lists)",
                         "{dossier} can get only {n} of {per_dossier} assessors "
                         "(recusals, fixed lists)", n, **values),
                  Location(file, key_path="conflicts"))
        return
    fixed = [a.id for a in people if a.dossiers is not None and did not in a.dossiers]
    if fixed:
        diags.add("assign-impossible",
                  Plural("{dossier} can get only {n} of {per_dossier} assessors: the "
                         "dossiers of {assessors} are fixed in call.yaml and do not include "
                         "it",
                         "{dossier} can get only {n} of {per_dossier} assessors: the "
                         "dossiers of {assessors} are fixed in call.yaml and do not include "
                         "it", n, assessors=", ".join(fixed), **values),
                  Location(file, key_path="assessors"),
                  hint=Message("Add {dossier} to the dossiers: list of one of them, or "
                               "lower --per-dossier.", dossier=did))
        return
    diags.add("assign-impossible",
              Plural("{dossier} can get only {n} of {per_dossier} assessors: the call has "
                     "{n} with this role",
                     "{dossier} can get only {n} of {per_dossier} assessors: the call has "
                     "{n} with this role", n, **values),
              Location(file, key_path="assessors"))


@dataclass
class Kept:
    """The call's ``assignments.csv`` as ``isgrid assign ROLE`` finds it."""

    rows: list[tuple[str, str]]  # (dossier, assessor) of the rows kept, in file order
    replaced: int  # rows of the role assigned, which the proposal replaces


def existing(call: Call, role: str) -> Kept:
    """The rows of the call's ``assignments.csv`` that assigning ``role`` keeps: every
    row whose assessor is not declared with that role (ids stripped, as every reader
    reads them; an empty row assigns nothing and is not kept).  A file that cannot be
    read, or has columns other than ``dossier,assessor`` with something in them, is a
    :class:`CallError` (``assign-would-drop``): rewriting it would lose rows."""
    path = call.folder / ASSIGNMENTS_FILE
    if not path.is_file() or not inside(call.folder, path):  # outside: the loader refuses
        return Kept([], 0)
    diags = Collector()
    table = read_csv(path, diags)
    cols = columns_named(table) if table is not None else {}
    if table is not None:
        missing = [c for c in ("dossier", "assessor") if c not in cols]
        if missing:
            diags.add("csv-missing-column", missing_columns(missing),
                      Location(str(path), line=1), hint="The header must be: dossier,assessor.")
    if diags.errors or table is None:
        diags.add("assign-would-drop",
                  Message("isgrid assign keeps the rows of the other roles in assignments.csv "
                          "and cannot read them"), Location(str(path)),
                  hint="Correct assignments.csv, or move it out of the call folder to "
                       "start a new one.")
        raise CallError("assignments.csv cannot be read", diags.items)
    ours = (cols["dossier"], cols["assessor"])
    extra = [normalise_header(c) for c in table.columns if c not in ours
             and any(str(r.values.get(c, "") or "").strip() for r in table.rows)]
    if extra:
        diags.add("assign-would-drop",
                  Plural("the column {columns} of assignments.csv would be lost: isgrid "
                         "assign writes only dossier,assessor",
                         "the columns {columns} of assignments.csv would be lost: isgrid "
                         "assign writes only dossier,assessor", len(extra),
                         columns=", ".join(extra)), Location(str(path), line=1),
                  hint="Keep what they hold in another file and delete them from "
                       "assignments.csv, or move assignments.csv out of the call folder to "
                       "start a new one.")
        raise CallError("assignments.csv has other columns", diags.items)
    rows: list[tuple[str, str]] = []
    replaced = 0
    for row in table.rows:
        did = str(row.values.get(ours[0], "") or "").strip()
        aid = str(row.values.get(ours[1], "") or "").strip()
        if not did and not aid:
            continue
        a = call.assessors.get(aid)
        if a is not None and a.role == role:
            replaced += 1
        else:
            rows.append((did, aid))
    return Kept(rows, replaced)


def _refuse_replacing(path: Path, kept: Kept, role: str) -> None:
    """Without ``--force``: the role's rows already in ``path`` are not replaced."""
    n = kept.replaced
    raise UsageError(f"{path} has assignments of {role}", [Diagnostic(
        "output-exists",
        Plural("{path} already has {n} assignment for the role “{role}”",
               "{path} already has {n} assignments for the role “{role}”", n, path=path,
               role=role_name(role)),
        Location(str(path)),
        hint=Message("Pass --force to replace them (the rows of the other roles are kept)."))])


def merged_rows(call: Call, assignment: Assignment, kept: Kept) -> list[tuple[str, str]]:
    """The rows written: the kept rows and the proposal's, in dossier order then call.yaml
    order (a dossier or assessor call.yaml does not know: after, as the file had it)."""
    pos_d = {d.id: i for i, d in enumerate(call.dossiers)}
    pos_a = {a: i for i, a in enumerate(call.assessors)}
    far = len(pos_d) + len(pos_a)
    return sorted(kept.rows + assignment.pairs,
                  key=lambda p: (pos_d.get(p[0], far), pos_a.get(p[1], far)))


def assignments_csv(assignment: Assignment,
                    rows: list[tuple[str, str]] | None = None) -> bytes:
    """``dossier,assessor``: ``rows`` (:func:`merged_rows`), else the proposal's pairs."""
    buf = io.StringIO(newline="")
    w = csv_writer(buf)
    w.writerow(["dossier", "assessor"])
    w.writerows(neutralise_row(pair) for pair in (assignment.pairs if rows is None else rows))
    return buf.getvalue().encode("utf-8")


def write_assignment(call: Call, assignment: Assignment, *, force: bool = False,
                     output: Path | None = None, kept: Kept | None = None) -> Path:
    """Write the proposal with the ``kept`` rows (none: the proposal alone)."""
    return _write(call, assignment, force=force, output=output, kept=kept)[0]


def _write(call: Call, assignment: Assignment, *, force: bool, output: Path | None,
           kept: Kept | None, keep: bool = False) -> tuple[Path, Path | None]:
    """The write of :func:`write_assignment`, and, with ``keep`` (the role's rows
    replaced), where the call's previous ``assignments.csv`` was kept
    (``replaced/assignments.<date>.csv``, as ``sheets import --replace`` keeps ratings:
    :func:`isgrid.jury.importer.dated_copy_name`) if it was rewritten with other rows;
    rows only added need no copy."""
    from .importer import dated_copy_name

    own = call.folder / ASSIGNMENTS_FILE
    path = output or own
    inputs = [call.folder / rel for rel in call.inputs if rel != ASSIGNMENTS_FILE]
    rows = merged_rows(call, assignment, kept) if kept is not None else None
    data = assignments_csv(assignment, rows)
    if keep and path.resolve() == own.resolve() and own.is_file() \
            and own.read_bytes() != data:
        check_output(path, inputs=inputs, force=force, call_file=ASSIGNMENTS_FILE)
        copy = dated_copy_name(own)
        kept_as = write_files(call.folder, [(own, data, copy)])
        return path, kept_as.get(copy, copy)
    write_output(path, data, inputs=inputs, force=force, call_file=ASSIGNMENTS_FILE)
    return path, None


@dataclass
class Written:
    """What :func:`propose_and_write` wrote: where, the proposal, the rows it kept."""

    path: Path
    assignment: Assignment
    kept: Kept
    previous: Path | None = None  # where the call's previous assignments.csv was kept


def propose_and_write(call: Call, per_dossier: int, role: str = "juré", *,
                      output: Path | None = None, force: bool = False,
                      change_rated: bool = False,
                      warn: Callable[[list[Diagnostic]], None] | None = None) -> Written:
    """Propose the assignment of ``role`` and write it with the rows it keeps
    (:func:`existing`) into ``output``, by default the call's ``assignments.csv``.

    Refused before the work (an impossible proposal is not even tried): the call's file
    when it already has rows of ``role`` and not ``force`` (``output-exists``: the rows of
    the other roles are kept all the same), any other file as every output is
    (:func:`~isgrid.io.write.check_output`: never another file of a call folder, an
    existing one only with ``force``); a call's ``assignments.csv`` whose rows cannot all
    be kept, even with ``force`` (``assign-would-drop``).  ``warn`` is given the
    proposal's warnings before anything is written (the command line prints them, and
    stops there under --strict).  Into the call's file, a distribution of a role whose
    jurors returned ratings, or of a call whose journal holds entries, is refused unless
    ``change_rated`` (``assign-changes-rated``: :func:`.reassign.check_reassign`, which
    says how many returned ratings it contradicts); the previous file is kept, dated."""
    own = call.folder / ASSIGNMENTS_FILE
    target = output or own
    kept = existing(call, role)
    into_own = target.resolve() == own.resolve()
    if into_own and kept.replaced and not force:
        _refuse_replacing(own, kept, role)
    if not into_own:
        check_output(target, force=force, call_file=ASSIGNMENTS_FILE)
    assignment = propose(call, per_dossier, role)
    said = list(assignment.warnings)
    if into_own:
        from .reassign import check_reassign

        said += check_reassign(call, role, assignment.pairs, own, change_rated,
                               replacing=kept.replaced > 0)
    if warn is not None:
        warn(said)
    path, previous = _write(call, assignment, force=force or into_own, output=output,
                            kept=kept, keep=kept.replaced > 0)
    return Written(path, assignment, kept, previous)
