"""Loading a call folder: call.yaml, the grid, dossiers, ratings.

Every file is read and every problem collected before anything is decided: a
secretary who gets twelve problems at once fixes them in one evening; one who
gets them one by one gives up.  Paths never leave the call folder.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import (
    CallError,
    Collector,
    Diagnostic,
    GridError,
    Location,
    Message,
)
from ..grid.check import check_tie_breaks
from ..grid.load import (
    LoadedGrid,
    derive_grid,
    find_grid_file,
    load_grid,
    split_ref,
    warn_shadowing_grid,
)
from ..grid.scales import parse_value
from ..io.cells import unescape_cell
from ..io.collector import gc_paused
from ..io.folder import (
    ASSIGNMENTS_FILE,
    CONFLICTS_DIR,
    OPINIONS_DIR,
    RATINGS_DIR,
    files,
    hash_into,
    inside,
    linked_out,
    rel,
)
from ..io.ratingsfile import Prepared, prefetch, prepare_ratings_file
from ..io.tabular import columns_named, read_csv
from ..io.write import recover
from ..io.yamlio import Doc
from ..messages import Quote, missing_columns
from .assignments import check_assigned, read_assigned
from .config import read_config
from .deports import Deports, conflict_pairs, conflicted_rows, pair_keys
from .dossiers import load_dossiers
from .early import Reading, ratings_files
from .expected import expected_ratings, given_columns, ratings_unread
from .folderhints import CALLS_NAMED, call_folder_above, calls_below
from .idcase import case_clashes
from .journal import Entry, in_effect
from .missing import scored_online, warn_unrated
from .model import Assessor, Call, CallConfig, Conflict, Dossier
from .ratings import RatingTable, duplicate_rows, first_rows
from .ratings_reader import read_ratings_file
from .roles import missing_roles


def load_call(folder: Path | str, *, reading: Reading | None = None) -> Call:
    """Load a call folder; raise :class:`CallError` (or GridError) with every problem.

    ``reading``: the ratings files already being read (:func:`isgrid.call.early.start_reading`,
    called before the rest of isgrid was imported); files it does not hold are read here.
    """
    with gc_paused():
        try:
            return _load_call(folder, reading)
        finally:
            if reading is not None:
                reading.stop()


def open_call_folder(folder: Path) -> Path:
    """The checks made before reading a call folder, by every command that reads one; its
    call.yaml.

    A multi-file write interrupted in the folder (``sheets import``, ``call purge``, ``call
    init`` killed) is finished or undone first (:func:`isgrid.io.write.recover`); then the
    folder holds call.yaml, which stays inside it (not a link out of it).  :func:`load_call` and ``isgrid intake`` (which reads
    call.yaml without the dossiers) both call it.
    """
    if not folder.is_dir():
        raise CallError(f"no call folder {folder}", [Diagnostic(
            "file-not-found", Message("no call folder {folder}",
                                      folder=folder), Location(str(folder)),
            hint="Give the folder that holds call.yaml.")])
    # a multi-file write interrupted there (sheets import, purge, call init) finished or
    # undone first: a `call init` killed after its commit may not have renamed call.yaml yet
    recover(folder)
    call_file = folder / "call.yaml"
    if not call_file.is_file():
        above = call_folder_above(folder)
        if above is not None:  # « isgrid score dossiers » run in the call folder
            raise CallError("no call.yaml", [Diagnostic(
                "file-not-found", Message("`{folder}` has no call.yaml: it is inside the "
                                          "call folder `{call}`", folder=folder, call=above),
                Location(str(call_file)),
                hint=Message("Did you mean the call folder `{call}`?", call=above))])
        below = calls_below(folder)
        if below:  # « isgrid score . » run in the folder that holds the calls
            raise CallError("no call.yaml", [Diagnostic(
                "file-not-found", Message("`{folder}` has no call.yaml: it holds call "
                                          "folders", folder=folder),
                Location(str(call_file)), hint=Message(
                    "Give one of them: {calls}.", calls=", ".join(
                        f"`{c}`" for c in below[:CALLS_NAMED]) + (
                        " …" if len(below) > CALLS_NAMED else "")))])
        raise CallError("no call.yaml", [Diagnostic(
            "file-not-found", Message("the call folder has no call.yaml"),
            Location(str(call_file)), hint="Create one with `isgrid call init DIR --grid GRID`.")])
    if not inside(folder, call_file):
        raise CallError("call.yaml is outside the call folder", [Diagnostic(
            "path-escape", Message("call.yaml links to a file outside the call folder"),
            Location(str(call_file)), hint="Copy the file into the folder instead.")])
    return call_file


def _load_call(folder: Path | str, reading: Reading | None) -> Call:
    folder = Path(folder)
    # a write found in the folder (interrupted, or still in progress in another process and
    # waited for): the files read early may be from before it
    written = folder.is_dir() and recover(folder)
    call_file = open_call_folder(folder)
    diags = Collector()
    # parsed while the rest loads (started before the imports when ``reading`` is given;
    # start_reading does not start while there is an interrupted write to recover)
    if reading is not None and reading.folder == folder and reading.futures and not written:
        prefetched = reading
    else:
        prefetched = Reading(folder, prefetch(ratings_files(folder)))
    try:
        return _load_call_files(folder, call_file, diags, prefetched.futures)
    finally:
        prefetched.stop()


def _load_call_files(folder: Path, call_file: Path, diags: Collector,
                     prefetched: dict[Path, Future[Prepared]]) -> Call:
    read: dict[str, str] = {}  # sha256 of the bytes read, by path
    # a refused budget or funding does not stop the reading of the other files: their
    # problems are said with it, at once (the raise below, after every file is read)
    doc, config = read_config(call_file, diags, hashes=read, go_on=True)

    grid = _load_call_grid(folder, config, doc, diags)
    if grid is None:
        exc_type = GridError if any(d.code != "path-escape" for d in diags.errors) else CallError
        raise exc_type("the call's grid has errors", diags.items)
    inputs: dict[str, str] = {}
    hash_into(folder, call_file, inputs, read)
    dossiers = load_dossiers(folder, config, grid, diags, inputs)
    assessors = {a.id: a for a in (config.assessors or [])}
    declared = config.assessors is not None
    # j1 and J1: one file on Windows and macOS (call/idcase.py)
    diags.extend(case_clashes("dossier", (d.id for d in dossiers),
                              lambda i: Location(dossiers[i].file)))
    diags.extend(case_clashes("juror", (a.id for a in config.assessors or []),
                              lambda i: Location(str(call_file), key_path=f"assessors[{i}].id")))
    # read here, not where it is checked: a national call's ratings are often still being
    # parsed in their thread at this point, and this reading (0.04 s) fills the wait
    assigned = read_assigned(folder) if declared else None
    if declared:  # its rows checked by the rule isgrid sheets reads them with
        check_assigned(folder, assigned, {d.id for d in dossiers}, assessors, diags)
    apath = folder / ASSIGNMENTS_FILE
    if apath.is_file() and not inside(folder, apath):  # read by no command (read_assigned)
        diags.add("path-escape", Message("assignments.csv links outside the call folder"),
                  Location(str(apath)))
    # the criteria call.yaml's `remove:` takes out, where it says so: a rating of one
    # is an unknown criterion whose hint names that line, not the grid that has it
    removed = {cid: _where(doc.loc(("remove", i))) for i, cid in enumerate(config.remove or [])}
    table = _load_ratings(folder, grid, dossiers, assessors, declared, diags, inputs,
                          prefetched, config.lang, removed)
    config = _with_declared_conflicts(folder, config, dossiers, assessors, diags, inputs)
    odir = folder / OPINIONS_DIR  # read by the commands that show opinions (load_opinions):
    if odir.is_dir():  # a file linked out of the folder is an error of every command, as
        for path in files(odir, (".csv",), diags):  # in ratings/ and conflicts/
            if not inside(folder, path):
                linked_out(path, diags)
    _check_conflicts_and_consensus(config, doc, grid, dossiers, assessors, table, diags)
    if config.tie_breaks:
        check_tie_breaks(grid.grid, config.tie_breaks,
                         lambda i: doc.loc(("tie_breaks", i)), diags)
    if config.constraints:  # a constraint on an undeclared fact would match nothing
        from .constraints import check_constraint_facts

        check_constraint_facts(grid.grid, config.constraints,
                               lambda i: doc.loc(("constraints", i, "fact")), diags)
    # the cells the jurés left empty, read once: their warnings, call check's count, the
    # fiches' « non noté »
    missing = expected_ratings(config, doc, dossiers, table, diags, assigned, grid.grid,
                               scored_online(folder))
    missing_roles(folder, config, doc, grid, diags)
    journal = _check_meeting_constraints_journal(folder, config, doc, dossiers, diags, inputs)
    _check_grid_since(grid, config, journal, folder, diags)
    _check_inputs_since(inputs, config, grid, dossiers, journal, folder, diags)
    if config.require_consensus and not diags.errors:
        _check_required_consensus(config, doc, grid, dossiers, in_effect(journal), diags)
    if config.budget is not None and config.shortlist:
        diags.add("shortlist-budget", Message(
            "the selection is a présélection (shortlist: true) and call.yaml sets a budget: the "
            "first dossiers are cut by their amounts, fewer may be heard than top says"),
            doc.loc(("budget",)), severity="warning")
    counts = np.bincount(given_columns(table, "dossier")[0], minlength=len(table.dossier_ids))
    rated = {table.dossier_ids[di] for di in np.flatnonzero(counts).tolist()}
    # a file unread: its ratings are not « missing »; no rating at all while jurés are
    # declared: their one warning said it for the whole jury (expected_ratings), not once
    # more per dossier
    if not ratings_unread(diags, folder) and (rated or missing is None or not missing.owed):
        warn_unrated(diags, [d for d in dossiers if d.id not in rated])
    if not dossiers and not diags.errors:
        diags.add("no-dossiers", Message("the call has no dossiers"), Location(str(folder)))
    diags.raise_if_errors(CallError, "the call has errors")
    return Call(folder, config, grid, dossiers, table, assessors, inputs,
                grid.warnings + diags.warnings, journal, missing)


def _check_meeting_constraints_journal(folder: Path, config: CallConfig, doc: Doc,
                                       dossiers: list[Dossier], diags: Collector,
                                       inputs: dict[str, str]) -> tuple[Entry, ...]:
    """The dossiers named by the ``meeting`` block (validated with call.yaml) and the journal:
    its bytes are read once, hashed into ``inputs`` and verified; its entries are returned."""
    from .deliberations import date_warnings, journal_votes, main_vote_of
    from .journal import journal_path, not_a_file, verify_bytes

    meeting = config.meeting
    if meeting is not None:
        ids = {d.id for d in dossiers}
        for i, x in enumerate(meeting.interests):
            if x.dossier not in ids:
                diags.add("unknown-dossier", Message("meeting names an unknown dossier {dossier}",
                                                     dossier=Quote(x.dossier)),
                          doc.loc(("meeting", "interests", i)))
        for i, y in enumerate(meeting.left_room):
            if y.dossier not in ids:
                diags.add("unknown-dossier", Message("meeting names an unknown dossier {dossier}",
                                                     dossier=Quote(y.dossier)),
                          doc.loc(("meeting", "left_room", i)))
    jpath = journal_path(folder)
    if jpath.is_file() and not inside(folder, jpath):
        diags.add("path-escape", Message("journal.jsonl links outside the call folder"),
                  Location(str(jpath)))
        return ()
    problem = not_a_file(jpath)  # a folder or a link where the journal should be
    if problem is not None:
        diags.extend([problem])
        return ()
    if not jpath.is_file():
        return ()
    try:
        data = jpath.read_bytes()
    except OSError as exc:
        diags.add("journal-invalid", Message("cannot read {name}: {strerror}",
                                             name=jpath.name, strerror=exc.strerror),
                  Location(str(jpath)), hint="Check the file's permissions.")
        return ()
    inputs[rel(folder, jpath)] = hashlib.sha256(data).hexdigest()
    entries, problems = verify_bytes(data, str(jpath))
    diags.extend(problems)
    if problems:
        return ()
    # one deliberation, one date: two votes of it recorded with different --at (its
    # annex could not be dated)
    vote = meeting.vote if meeting is not None else None
    main = main_vote_of(vote, config.timezone)  # a vote's day: the call's calendar's
    diags.extend(date_warnings(journal_votes(entries), main, str(jpath)))
    return tuple(entries)


def _check_grid_since(grid: LoadedGrid, config: CallConfig, journal: Sequence[Entry],
                      folder: Path, diags: Collector) -> None:
    """``grid-changed``: entries in effect recorded under another grid (:mod:`.gridstamp`)."""
    if journal:
        from .gridstamp import check_grid_unchanged
        from .journal import journal_path

        check_grid_unchanged(grid, in_effect(journal), str(journal_path(folder)), diags,
                             folder, config)


def _check_inputs_since(inputs: dict[str, str], config: CallConfig, grid: LoadedGrid,
                        dossiers: list[Dossier], journal: Sequence[Entry], folder: Path,
                        diags: Collector) -> None:
    """``inputs-changed``: the ratings or dossiers edited since the last vote (else the last
    entry) was recorded on them (:mod:`.inputstamp`)."""
    if journal:
        from .inputstamp import check_inputs_unchanged
        from .journal import journal_path

        check_inputs_unchanged(inputs, config, grid, dossiers, in_effect(journal),
                               str(journal_path(folder)), diags, journal)


def _check_required_consensus(config: CallConfig, doc: Doc, grid: LoadedGrid,
                              dossiers: list[Dossier], journal: Sequence[Entry],
                              diags: Collector) -> None:
    """``require_consensus``: a warning per dossier whose counting criteria lack a consensus
    value in call.yaml and in the séance journal (the engine flags it incomplete)."""
    have = {(c.dossier, c.criterion) for c in config.consensus}
    have |= {(e.dossier, e.criterion) for e in journal
             if e.kind == "consensus" and e.criterion is not None}
    needed = [c.id for c in grid.grid.criteria() if not c.eliminatory]
    for d in dossiers:
        lacking = [cid for cid in needed if (d.id, cid) not in have]
        if lacking:
            diags.add("consensus-missing",
                      Message("the dossier {dossier} has no consensus value for {lacking}: it is "
                              "incomplete (require_consensus)",
                              dossier=Quote(d.id), lacking=', '.join(lacking)),
                      doc.loc(("require_consensus",)), severity="warning",
                      hint="Record them at the meeting (`isgrid consensus set`) or under "
                      "`consensus:` in call.yaml.")


def grid_gone(folder: Path, ref: str) -> bool:
    """Whether the grid call.yaml names (``ref``: a shipped id, ``id@version``, or a .yaml
    file inside the call folder) is found nowhere: the file deleted or renamed, an id this
    isgrid no longer ships, a version it no longer keeps (``id@version``: « the grid … is at
    version 2, not 1 »).  A reference that is wrong in itself (a path leaving the folder) is
    not « gone »: :func:`load_call` refuses it.  ``isgrid call purge``, which needs no grid,
    purges an old call whose grid is gone (:func:`isgrid.call.purge.purge`)."""
    if not ref.endswith((".yaml", ".yml")):
        if "/" in ref or "\\" in ref or ".." in ref:
            return False
        if find_grid_file(ref, folder) is None:
            return True
        if split_ref(ref)[1] is None:
            return False
        try:  # <id>.yaml found for <id>@<version>: at another version?
            load_grid(ref, near=folder)
        except GridError as exc:
            return any(d.code == "version-mismatch" for d in exc.diagnostics)
        return False
    path = folder / ref
    return not Path(ref).is_absolute() and inside(folder, path) and not path.is_file()


def _load_call_grid(folder: Path, config: CallConfig, doc: Doc,
                    diags: Collector) -> LoadedGrid | None:
    ref = config.grid
    if not ref.endswith((".yaml", ".yml")) and ("/" in ref or "\\" in ref or ".." in ref):
        diags.add("path-escape", Message("the grid {ref} is neither a grid id nor a .yaml file "
                                         "inside the call folder",
                                         ref=Quote(ref)), doc.loc(("grid",)),
                  hint="Give a shipped grid id (isgrid grids list) or grid.yaml in the folder.")
        return None
    if ref.endswith((".yaml", ".yml")):
        path = folder / ref
        if Path(ref).is_absolute() or not inside(folder, path):
            diags.add("path-escape", Message("the grid path {ref} leaves the call folder",
                                             ref=Quote(ref)),
                      doc.loc(("grid",)))
            return None
        if not path.is_file():
            diags.add("unknown-grid", Message("the grid file {ref} is not in the call folder",
                                              ref=Quote(ref)), doc.loc(("grid",)),
                      hint="Copy the grid file into the call folder (isgrid call init copies "
                           "it), or name a shipped grid by its id (isgrid grids list).")
            return None
        ref = str(path)  # read in the call folder only, never beside the working directory
    found = find_grid_file(ref, folder)
    if found is None:
        try:
            load_grid(ref, near=folder)
        except GridError as exc:
            diags.extend(replace(d, location=doc.loc(("grid",)), severity="error")
                         for d in exc.diagnostics)
        return None
    try:
        loaded = load_grid(ref, near=folder, at=doc.loc(("grid",)))
    except GridError as exc:
        diags.extend(exc.diagnostics)
        return None
    warn_shadowing_grid(loaded, doc.loc(("grid",)), diags)
    if config.set or config.add or config.remove:
        changes = doc.data
        derived = derive_grid(loaded, changes, doc, diags)
        return derived
    return loaded


# ----------------------------------------------------------------- ratings
def _where(loc: Location) -> str:
    """``file:line`` of a location (the line of call.yaml a hint sends the user to)."""
    return f"{loc.file}:{loc.line}" if loc.line is not None else str(loc.file)


def _load_ratings(folder: Path, grid: LoadedGrid, dossiers: list[Dossier],
                  assessors: dict[str, Assessor], declared: bool, diags: Collector,
                  inputs: dict[str, str],
                  prefetched: dict[Path, Future[Prepared]] | None = None,
                  lang: str = "fr", removed: dict[str, str] | None = None) -> RatingTable:
    g = grid.grid
    table = RatingTable([d.id for d in dossiers], [c.id for c in g.criteria()],
                        list(assessors))
    rdir = folder / RATINGS_DIR
    if not rdir.is_dir():
        return table
    index = table.dossier_index()  # the same ids, in the same order
    for path in files(rdir, (".csv",), diags):
        if not inside(folder, path):
            linked_out(path, diags)
            continue
        # taken out of the reading: the file's bytes and Arrow's table (a national call's
        # 150 MB) are freed once read, not kept until the command ends
        future = (prefetched or {}).pop(path, None)
        prep = future.result() if future is not None else prepare_ratings_file(path)
        if prep.digest is not None:  # the hash of the very bytes that were read
            inputs[rel(folder, path)] = prep.digest
        read_ratings_file(path, table, g, index, assessors, declared, diags, prep, lang,
                          removed)
        del future, prep  # freed before the next file is read and the table is finished
    table.finish()
    duplicate_rows(table, diags)
    return table


def _with_declared_conflicts(folder: Path, config: CallConfig, dossiers: list[Dossier],
                             assessors: dict[str, Assessor], diags: Collector,
                             inputs: dict[str, str]) -> CallConfig:
    """call.yaml's ``conflicts`` plus the rows of ``conflicts/*.csv`` (same meaning)."""
    # déports declared outside call.yaml, one file per assessor (the jury workspace
    # writes conflicts/<juror>.csv): assessor,dossier,reason
    cdir = folder / CONFLICTS_DIR
    if not cdir.is_dir():
        return config
    ids = {d.id for d in dossiers}
    known = {(c.assessor, c.dossier) for c in config.conflicts}
    added: list[Conflict] = []
    for path in files(cdir, (".csv",), diags):
        if not inside(folder, path):
            linked_out(path, diags)
            continue
        table = read_csv(path, diags)
        if table is None:
            continue
        hash_into(folder, path, inputs)
        cols = columns_named(table)
        missing = [c for c in ("assessor", "dossier") if c not in cols]
        if missing:
            diags.add("csv-missing-column", missing_columns(missing),
                      Location(str(path), line=1), hint="The header must be: "
                      "assessor,dossier,reason.")
            continue
        for row in table.rows:
            aid = str(row.values.get(cols["assessor"]) or "").strip()
            did = str(row.values.get(cols["dossier"]) or "").strip()
            # the reason as typed: the ``'`` the writer put before a formula-like text dropped
            reason = unescape_cell(str(row.values.get(cols.get("reason", ""), "") or "")
                                   ).strip() or None
            if did not in ids:
                diags.add("unknown-dossier",
                          Message("the conflict names an unknown dossier {dossier}",
                                                     dossier=Quote(did)),
                          row.loc(cols["dossier"]))
                continue
            if aid not in assessors:
                diags.add("unknown-assessor",
                          Message("the conflict names an unknown assessor {assessor}",
                                  assessor=Quote(aid)),
                          row.loc(cols["assessor"]))
                continue
            if (aid, did) not in known:
                known.add((aid, did))
                added.append(Conflict(assessor=aid, dossier=did, reason=reason))
    if not added:
        return config
    return config.model_copy(update={"conflicts": [*config.conflicts, *added]})


def _check_conflicts_and_consensus(config: CallConfig, doc: Doc, grid: LoadedGrid,
                                   dossiers: list[Dossier], assessors: dict[str, Assessor],
                                   table: RatingTable, diags: Collector) -> None:
    ids = table.dossier_index()  # the dossiers' ids: the table is made of them (_load_ratings)
    g = grid.grid
    crits = {c.id: c for c in g.criteria()}
    for i, c in enumerate(config.conflicts):
        if c.dossier not in ids:
            diags.add("unknown-dossier", Message("the conflict names an unknown dossier {dossier}",
                                                 dossier=Quote(c.dossier)),
                      doc.loc(("conflicts", i, "dossier")))
        if c.assessor not in assessors:
            diags.add("unknown-assessor", Message("the conflict names an unknown assessor "
                                                  "{assessor}",
                                                  assessor=Quote(c.assessor)),
                      doc.loc(("conflicts", i, "assessor")))
    deports = Deports(config.conflicts)
    if deports and len(table):
        # each déport's first row (a value or an explicit n/a): what Deports.tell tells
        # (once per juror and dossier, at the first place), without a Python step per
        # row of the pairs (a national call's 200 déports hold 5,000 rows; their
        # dossiers 20,000: 19 -> 12 ms, docs/performance.md, thirty-sixth pass); the rows
        # are the engine's reading of the déports (conflicted_rows), their keys made for
        # them alone (a key of every rating was 16 MB of new memory)
        rows = np.flatnonzero(conflicted_rows(table, conflict_pairs(table, config.conflicts))
                              & table.given_mask())
        for k in rows[first_rows(pair_keys(table, rows))].tolist():
            aid = table.assessor_ids[table.assessor[k]]
            did = table.dossier_ids[table.dossier[k]]
            if deports.covers(aid, did):  # kept, never counted (engine.aggregate), told
                deports.tell(aid, did, Location(*table.where(k)), diags)
    seen: set[tuple[str, str]] = set()
    for i, cs in enumerate(config.consensus):
        at = ("consensus", i)
        if cs.dossier not in ids:
            diags.add("unknown-dossier", Message("the consensus names an unknown dossier {dossier}",
                                                 dossier=Quote(cs.dossier)),
                      doc.loc((*at, "dossier")))
        if cs.criterion not in crits:
            diags.add("unknown-criterion",
                      Message("the consensus names an unknown criterion {criterion}",
                              criterion=Quote(cs.criterion)),
                      doc.loc((*at, "criterion")))
            continue
        parsed = parse_value(cs.value, g.scales[sid := crits[cs.criterion].scale], sid,
                             config.lang)
        if parsed.error or parsed.value is None:
            diags.add("bad-consensus", Message("consensus value: {value}",
                                               value=parsed.error or Message('no value')),
                      doc.loc((*at, "value")))
        if (cs.dossier, cs.criterion) in seen:
            diags.add("bad-consensus", Message("two consensus values for {dossier} / {criterion}",
                                               dossier=cs.dossier, criterion=cs.criterion),
                      doc.loc(at))
        seen.add((cs.dossier, cs.criterion))
    if config.assessors is not None:
        for i, a in enumerate(config.assessors):
            for j, did in enumerate(a.dossiers or []):
                if did not in ids:
                    diags.add("unknown-dossier", Message("{assessor} is assigned an unknown "
                                                         "dossier {dossier}",
                                                         assessor=a.id, dossier=Quote(did)),
                              doc.loc(("assessors", i, "dossiers", j)))


def consensus_values(config: CallConfig, grid: LoadedGrid) -> dict[tuple[str, str], Any]:
    """Consensus values by (dossier, criterion), parsed on their scales."""
    g = grid.grid
    out: dict[tuple[str, str], Any] = {}
    # the criteria by id and each (criterion, value) parsed once: the minutes' consensus
    # effects call this once per counterfactual with every value of the call (a thousand
    # values, a thousand runs), where ``Grid.criterion`` is a scan of the grid's criteria
    crits = {c.id: c for c in g.criteria()}
    parsed: dict[tuple[str, type, Any], Any] = {}
    for cs in config.consensus:
        key = (cs.criterion, type(cs.value), cs.value)  # 1 and 1.0 apart
        value = parsed.get(key, parsed)
        if value is parsed:
            crit = crits.get(cs.criterion) or g.criterion(cs.criterion)  # KeyError as before
            value = parsed[key] = parse_value(cs.value, g.scales[crit.scale], crit.scale,
                                              config.lang).value
        out[(cs.dossier, cs.criterion)] = (value, cs.reason)
    return out
