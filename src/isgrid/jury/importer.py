"""``isgrid sheets import CALL FILES... [--replace]``: jurors' workbooks back to CSV.

Accepts the workbooks :mod:`isgrid.jury.sheets` wrote, as saved again by Excel
or LibreOffice (as .xlsx, or as .ods: :mod:`.odsbook`; values or level labels, numbers or text, decimal commas), and
the CSV sheets.  Every problem is reported with its file, sheet and cell, and
nothing is written while any error remains.  For each juror it writes
``ratings/<juror>.csv`` (the ratings CSV of DESIGN.md) and, when the juror gave
an overall opinion, a proposed amount or an overall comment,
``opinions/<juror>.csv`` (``dossier,assessor,opinion,amount,comment``).

Reading the files is :mod:`.reading`'s; this module writes what was read.  An
existing file is refused unless ``replace``: then the previous file is
moved to ``ratings/replaced/<juror>.<date>.csv`` (date of the file's last
change, or SOURCE_DATE_EPOCH when set), never silently overwritten.

The workbooks are read first (:func:`read_sheets`), against the call loaded without the
folder's write lock: a national call's hundreds of workbooks take their time, and the
jurors' submissions from the web workspace are not kept waiting meanwhile.  Then, under one
hold of the lock (:func:`holding`, :func:`isgrid.io.write.writing`), the call is loaded
again (read again only if what the reading read of it changed: call.yaml, the grid, the
dossiers, the déports, ``assignments.csv``: :func:`read_inputs`), the files planned,
written, checked (the call loaded again) and, if they break it, put back as they were:
another command's write there (a second import, a juror's submission, ``call purge``,
``intake``) waits for that, and is never overwritten by files planned from what was there
before, nor by the undo.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..call.journal import JOURNAL
from ..call.missing import left_out_hint
from ..call.model import Call
from ..errors import CallError, Collector, Diagnostic, Location, Message
from ..io.folder import ASSIGNMENTS_FILE, OPINIONS_DIR, RATINGS_DIR, inside
from ..io.write import csv_writer, escape_row, write_files, writing
from ..messages import Plural, plain_number, shown_names
from .common import OPINIONS, criteria_for, opinion_words
from .csvsheet import read_csv_sheet
from .lists import JurorLists
from .owner import check_file_name
from .prefill import JurorGiven, given_by, restore_cut, same_as_given
from .reading import JurorSheet as JurorSheet  # where workspace.store and tests find it
from .reading import read_workbook

RATINGS_HEADER = ["dossier", "assessor", "criterion", "value", "comment"]
OPINIONS_HEADER = ["dossier", "assessor", "opinion", "amount", "comment"]


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # dated copies of replaced files
    unchanged: list[Path] = field(default_factory=list)  # already held the same bytes
    counts: dict[str, int] = field(default_factory=dict)  # juror -> ratings written
    warnings: list[Diagnostic] = field(default_factory=list)


# ---------------------------------------------------------------- writing
def ratings_csv(call: Call, sheet: JurorSheet) -> bytes:
    order_d = {d.id: i for i, d in enumerate(call.dossiers)}
    order_c = {c.id: i for i, c in enumerate(call.grid.grid.criteria())}
    buf = io.StringIO(newline="")
    w = csv_writer(buf)
    # the shareable column only when a comment is shared (a mark over no comment shares
    # nothing): files without one stay as they were
    shared = any(key in sheet.shared and comment
                 for key, (_, comment) in sheet.ratings.items())
    w.writerow(RATINGS_HEADER + (["shareable"] if shared else []))
    yes = stored_yes(call.config.lang)
    for (did, cid), (value, comment) in sorted(
            sheet.ratings.items(), key=lambda kv: (order_d[kv[0][0]], order_c[kv[0][1]])):
        mark = ([yes if (did, cid) in sheet.shared and comment else ""] if shared else [])
        w.writerow(escape_row([did, sheet.assessor, cid, value, comment, *mark]))
    return buf.getvalue().encode("utf-8")


def stored_yes(lang: str | None) -> str:
    """The mark of a shared comment in ``ratings/<juror>.csv``, in the call's language:
    « oui », "yes" (both read back, :data:`isgrid.io.ratingsfile.SHAREABLE_YES`)."""
    return "yes" if lang == "en" else "oui"


def opinions_csv(call: Call, sheet: JurorSheet) -> bytes:
    """``opinions/<juror>.csv``: each opinion in the words of the call's workbook
    (:func:`.common.opinion_words`: « favorable », "favourable"), read back as the same
    opinion whatever the language (:func:`.common.parse_opinion`)."""
    order_d = {d.id: i for i, d in enumerate(call.dossiers)}
    words = dict(zip(OPINIONS, opinion_words(call.config.lang).values(), strict=True))
    buf = io.StringIO(newline="")
    w = csv_writer(buf)
    w.writerow(OPINIONS_HEADER)
    for did, (op, amount, comment) in sorted(sheet.opinions.items(),
                                              key=lambda kv: order_d[kv[0]]):
        w.writerow(escape_row([did, sheet.assessor, words.get(op, op), amount, comment]))
    return buf.getvalue().encode("utf-8")


def dated_copy_name(path: Path, when: float | None = None, mark: str = "") -> Path:
    """Where the previous version of ``path`` goes: <folder>/replaced/<stem>.<date>.csv
    (``.<date>.<mark>.csv`` with a ``mark``), a name not taken; the date is ``when``, else
    SOURCE_DATE_EPOCH's, else the file's own."""
    ts = when
    if ts is None:
        raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        try:
            ts = float(raw) if raw else path.stat().st_mtime
        except ValueError:
            ts = path.stat().st_mtime
    stamp = datetime.fromtimestamp(ts, tz=UTC).strftime("%Y%m%dT%H%M%SZ")
    tail = f".{mark}{path.suffix}" if mark else path.suffix
    folder = path.parent / "replaced"
    target = folder / f"{path.stem}.{stamp}{tail}"
    n = 2
    while target.exists():
        target = folder / f"{path.stem}.{stamp}-{n}{tail}"
        n += 1
    return target


def _warn_unrated(lists: JurorLists, by_juror: dict[str, JurorSheet],
                  diags: Collector) -> None:
    """A juror's file that leaves some of their dossiers without any rating: say which."""
    for aid, s in by_juror.items():
        expected = lists.current(aid)
        rated = {d for (d, _), (value, _) in s.ratings.items() if value}
        missing = [d for d in expected if d not in rated]
        if missing:
            diags.add("ratings-missing", Plural(
                "{assessor} has not rated {n} of their dossiers yet: {shown}",
                "{assessor} has not rated {n} of their dossiers yet: {shown}", len(missing),
                assessor=aid, shown=shown_names(missing)), Location(s.file), severity="warning",
                hint=Message("Ask {assessor} to rate these dossiers in their workbook, then "
                             "import it again with --replace.", assessor=aid))
        # rated in part: a criterion left empty (call check says it too, call.load)
        asked = [c.id for c in criteria_for(lists.call, lists.call.assessors[aid])]
        part = [d for d in expected if d in rated and any(
            not s.ratings.get((d, c), ("", ""))[0] for c in asked)]
        if part:
            lacking = [c for c in asked if any(not s.ratings.get((d, c), ("", ""))[0]
                                               for d in part)]
            # the empty cells, which the secretariat sends back to the juror (Notation!G8)
            cells = [at for d in part for c in asked if not s.ratings.get((d, c), ("", ""))[0]
                     and (at := s.empty_cell(d, c)) is not None]
            message: Message = Plural(
                "{assessor} has not rated every criterion of {n} dossier yet "
                "({criteria} missing): {shown}",
                "{assessor} has not rated every criterion of {n} dossiers yet "
                "({criteria} missing): {shown}", len(part), assessor=aid,
                criteria=shown_names(lacking), shown=shown_names(part))
            if len(cells) > 1:
                message = Message("{problem} (empty cells: {cells})", problem=message,
                                  cells=shown_names([f"{at.sheet}!{at.cell}" for at in cells]))
            diags.add("ratings-missing", message, cells[0] if cells else Location(s.file),
                      severity="warning", hint=left_out_hint(lists.call.grid.grid, aid, lacking))


def _same_file(first: str, second: str) -> bool:
    """Whether two files of the command line are one (``retour/j1.xlsx`` given twice, or
    once by itself and once in its folder ``retour/``)."""
    try:
        return Path(first).resolve() == Path(second).resolve()
    except (OSError, RuntimeError):
        return first == second


def _expanded(files: list[Path], diags: Collector) -> list[Path]:
    """The files given, a folder standing for the workbooks (.xlsx, and .ods as LibreOffice
    saves them) and CSV sheets in it (the
    folder the jurors' returns were saved in: « sheets import appel retour/ » said « no
    file retour »), Excel's lock files (``~$j1.xlsx``) left out."""
    out: list[Path] = []
    for path in files:
        if not path.is_dir():
            out.append(path)
            continue
        found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".xlsx", ".ods", ".csv")
                       and not p.name.startswith(("~$", ".")) and p.is_file())
        if not found:
            diags.add("file-not-found", Message("no workbook (.xlsx, .ods) or CSV sheet in {path}",
                                                path=path), Location(str(path)))
        out.extend(found)
    return out


@contextlib.contextmanager
def holding(folder: Path) -> Iterator[None]:
    """The write lock of the call ``folder`` for a whole import, taken before the call is
    loaded (:func:`isgrid.io.write.writing`: an interrupted write recovered first); nothing
    where the folder does not exist (loading says so).  A folder that is no call is said
    to be one (« no call.yaml ») before anything is locked."""
    from ..call.load import open_call_folder

    if folder.is_dir():
        open_call_folder(folder)
    with writing(folder) if folder.is_dir() else contextlib.nullcontext():
        yield


@dataclass
class Read:
    """The workbooks and CSV sheets as :func:`read_sheets` read them against a call."""

    inputs: tuple[str, dict[str, str | None]]  # what it read of the call (read_inputs)
    by_juror: dict[str, JurorSheet]
    lists: JurorLists
    diags: Collector  # the reading's problems (the import adds its own)


def read_inputs(call: Call) -> tuple[str, dict[str, str | None]]:
    """What reading the workbooks reads of ``call``: its grid (the resolved grid's hash),
    its input files but the ratings, the opinions and the journal (call.yaml, the dossiers,
    ``conflicts/``: their sha256 as loaded), and ``assignments.csv`` (the jurors' lists,
    read by :class:`.lists.JurorLists`, not hashed by the loader)."""
    skip = (f"{RATINGS_DIR}/", f"{OPINIONS_DIR}/")
    read: dict[str, str | None] = {k: v for k, v in call.inputs.items()
                                   if not k.startswith(skip) and k != JOURNAL}
    try:
        read[ASSIGNMENTS_FILE] = hashlib.sha256(
            (call.folder / ASSIGNMENTS_FILE).read_bytes()).hexdigest()
    except OSError:
        read[ASSIGNMENTS_FILE] = None
    return call.grid.sha256, read


def read_sheets(call: Call, files: list[Path]) -> Read:
    """Read every file against ``call`` (no lock needed: nothing of the call folder is
    written, and :func:`import_sheets` reads them again if the call changed since)."""
    diags = Collector()
    sheets: list[JurorSheet] = []
    lists = JurorLists(call)  # each juror's dossiers, read once for all the files
    for path in _expanded(files, diags):
        if not path.is_file():
            diags.add("file-not-found", Message("no file {path}", path=path), Location(str(path)))
            continue
        if path.suffix.lower() == ".csv":
            sheets.extend(read_csv_sheet(call, path, diags, lists))
        else:
            found = read_workbook(call, path, diags, lists)
            if found is not None:
                check_file_name(call, path, found.assessor, diags)
                sheets.append(found)
    by_juror: dict[str, JurorSheet] = {}
    for s in sheets:
        if s.assessor in by_juror:
            first = by_juror[s.assessor].file
            if _same_file(first, s.file):  # « sheets import appel retour/ retour/j1.xlsx »
                diags.add("sheet-assessor-twice", Message("{file} is given twice", file=s.file),
                          Location(s.file), hint=Message("Give each workbook once."))
            else:
                diags.add("sheet-assessor-twice",
                          Message("{file} and {other_file} are both for {assessor}",
                                  file=first, other_file=s.file, assessor=s.assessor),
                          Location(s.file))
            continue
        by_juror[s.assessor] = s
    return Read(read_inputs(call), by_juror, lists, diags)


def import_folder(folder: Path, files: list[Path], *, replace: bool = False,
                  strict: bool = False, load: Callable[[Path], Call] | None = None,
                  change_decided: bool = False) -> ImportReport:
    """``isgrid sheets import``: the workbooks read against the call loaded without the
    lock (a juror's submission from the workspace is not kept waiting by hundreds of
    workbooks), then imported under the folder's write lock (:func:`import_sheets`), held
    until the import has written and checked its files.

    Under the lock the call is loaded again only if a file of the folder changed since it
    was first loaded (:func:`isgrid.io.folder.settled_fingerprint`, taken before that
    load: any write after it, a juror's or another command's, is seen), so a national
    call is not parsed a third time; the workbooks are read again only if what they were
    read against changed.  ``load``: how the call is loaded (the CLI's, which takes the
    ratings it began parsing at start-up), :func:`isgrid.call.load.load_call` by default.
    """
    from ..call.load import load_call
    from ..io.folder import settled_fingerprint

    load = load or load_call
    before = settled_fingerprint(folder) if folder.is_dir() else None
    first = load(folder)
    read = read_sheets(first, files)
    with holding(folder):
        unchanged = before is not None and settled_fingerprint(folder) == before
        call = first if unchanged else load(folder)
        return import_sheets(call, files, replace=replace, strict=strict, read=read,
                             change_decided=change_decided)


def import_sheets(call: Call, files: list[Path], *, replace: bool = False,
                  strict: bool = False, read: Read | None = None,
                  change_decided: bool = False) -> ImportReport:
    """Read every file, check everything, then (and only then) write the CSV files.

    ``strict``: warnings stop the import too (before anything is written).  Files that
    would change what the séance decided stop it unless ``change_decided``
    (:func:`check_decided`).  ``read``: the
    files as read before the lock was taken (:func:`read_sheets`), read again here if what
    they were read against changed (:func:`read_inputs`).  The planning, the writing, the
    check and the undo under the folder's write lock, which the caller takes before it
    loads ``call`` (:func:`holding`; taken here again, at once).
    """
    with writing(call.folder):
        if read is None or read.inputs != read_inputs(call):
            read = read_sheets(call, files)
        return _import_held(call, read, replace, strict, change_decided)


def check_decided(call: Call, changes: list[tuple[Path, bytes, Path | None]],
                  change_decided: bool, strict: bool) -> list[Diagnostic]:
    """What the planned ``changes`` would change in what the séance decided (a status, a
    rank, an amount, the list's adoption: the rule of ``isgrid intake``,
    :func:`isgrid.call.decided_changes.decided_changes`): an error, nothing written, unless
    ``change_decided``; then the warnings, said with the files written (``strict``: they
    stop the import too)."""
    from ..call.decided_changes import IMPORT, decided_changes, hinted

    found = decided_changes(call.folder, [(t, data) for t, data, _ in changes], IMPORT,
                            loaded=call)
    if found and not change_decided:
        raise CallError("the import changes what the séance decided", [
            dataclasses.replace(d, severity="error") for d in hinted(found, IMPORT, False)])
    if found and strict:
        raise CallError("nothing was imported (--strict)", hinted(found, IMPORT, False))
    return hinted(found, IMPORT, True)


def _import_held(call: Call, read: Read, replace: bool, strict: bool,
                 change_decided: bool = False) -> ImportReport:
    """:func:`import_sheets`, the folder's write lock held."""
    by_juror, lists, diags = read.by_juror, read.lists, read.diags
    rdir = call.folder / "ratings"
    odir = call.folder / "opinions"
    escaping: set[Path] = set()
    # what each juror's files already say: a workbook that says the same changes nothing
    # (« inchangé »), whichever files hold their rows, --replace or not (.prefill)
    given = given_by(call, by_juror)
    for aid, s in by_juror.items():  # a comment cut in the workbook: its whole text back
        for did, cid in restore_cut(s, given[aid]):
            diags.add("comment-cut",
                      Message("{assessor}: the comment of {dossier} {criterion} was cut in the "
                              "workbook (a cell holds 32,767 characters) and then changed: "
                              "its end beyond the cut is not in the workbook",
                              assessor=aid, dossier=did, criterion=cid) if cid else
                      Message("{assessor}: the overall comment of {dossier} was cut in the "
                              "workbook (a cell holds 32,767 characters) and then changed: "
                              "its end beyond the cut is not in the workbook",
                              assessor=aid, dossier=did),
                      Location(s.file), severity="warning")
    same = {aid for aid, s in by_juror.items()
            if not given[aid].empty() and same_as_given(s, given[aid])}
    for aid, s in by_juror.items():
        if aid in same:
            continue
        target = rdir / f"{aid}.csv"
        others = [f for f in call.table.files_of(aid)
                  if Path(f).resolve() != target.resolve()]
        for other in others:
            diags.add("duplicate-rating",
                      Message("{assessor} already has ratings in {other}; importing "
                                                  "would rate the same dossiers twice",
                                                  assessor=aid, other=other), Location(s.file),
                      hint=Message("Remove {assessor}'s rows from {other} first.", assessor=aid,
                                   other=other))
        for path in (rdir, odir, target, odir / f"{aid}.csv", rdir / "replaced",
                     odir / "replaced"):
            if path in escaping:
                continue
            if (path.exists() or path.is_symlink()) and not inside(call.folder, path):
                escaping.add(path)
                # a link: the import would write (or keep a copy) outside the call folder
                diags.add("path-escape", Message("{path} links outside the call folder",
                                                 path=path.relative_to(call.folder)),
                          Location(str(path)))
        for path in (target, odir / f"{aid}.csv"):
            if path.exists() and not replace:
                diags.add("ratings-exist", Message("{assessor} already has {path}",
                                                   assessor=aid, path=path.relative_to(call.folder)),
                          Location(str(path)))
    if diags.errors:
        raise CallError("nothing was imported", diags.items)
    _warn_unrated(lists, by_juror, diags)
    if strict and diags.warnings:
        raise CallError("nothing was imported (--strict)", diags.items)
    report = ImportReport(warnings=diags.warnings)
    changes: list[tuple[Path, bytes, Path | None]] = []  # (target, new content, keep as)
    for aid, s in by_juror.items():
        if aid in same:
            report.unchanged.extend(f for f in _files_of(call, aid)
                                    if f not in report.unchanged)  # a table's jurors share one
            report.counts[aid] = len(s.ratings)
            continue
        report.counts[aid] = len(s.ratings)  # what was imported, not the déport rows kept
        _keep_held(s, given[aid], rdir / f"{aid}.csv")
        outputs = [(rdir / f"{aid}.csv", ratings_csv(call, s))]
        if s.opinions or (odir / f"{aid}.csv").exists():
            outputs.append((odir / f"{aid}.csv", opinions_csv(call, s)))
        for target, data in outputs:
            keep: Path | None = None
            if target.exists():
                if target.read_bytes() == data:
                    report.unchanged.append(target)  # same content: nothing to keep
                    continue
                keep = dated_copy_name(target)
                report.kept.append(keep)
            changes.append((target, data, keep))
            report.written.append(target)
    report.warnings.extend(check_decided(call, changes, change_decided, strict))
    previous = {t: t.read_bytes() if t.exists() else None for t, _, _ in changes}
    # all the files, or none: an interruption (a kill, a full disk) leaves the previous
    # files in place, or is finished when the call is next loaded (io.write.recover)
    # the names the copies were kept under (one taken since it was chosen: a suffix)
    kept_as = write_files(call.folder, changes, more=True)  # (checked, then kept or undone)
    report.kept = [kept_as.get(k, k) for k in report.kept]
    _verify_or_undo(call, previous, report.kept)
    return report


def _files_of(call: Call, aid: str) -> list[Path]:
    """The files that hold what ``aid`` gave: their ratings files, their opinions file."""
    out = [Path(f) for f in call.table.files_of(aid)]
    opinions = call.folder / "opinions" / f"{aid}.csv"
    return out + ([opinions] if opinions.is_file() else [])


def _keep_held(sheet: JurorSheet, given: JurorGiven, target: Path) -> None:
    """Keep in ``target`` the ratings it holds under a déport (never in a workbook, never
    counted, never lost: :mod:`isgrid.call.deports`), unless the sheet rates them too."""
    for file, held in given.held.items():
        if Path(file).resolve() != target.resolve():
            continue
        for key, (value, na, comment, shared) in held.items():
            if key in sheet.ratings:
                continue
            sheet.ratings[key] = ("NE" if na else "" if value is None else plain_number(value),
                                  comment)
            if shared:
                sheet.shared.add(key)


def _verify_or_undo(call: Call, previous: dict[Path, bytes | None], kept: list[Path]) -> None:
    """Load the call again; if the new files broke it, put everything back as it was
    (under the import's hold: ``previous`` is what was there before, and nothing was
    written since): one write, all or nothing, that puts the previous contents back and
    removes the files the import made and its dated copies (a kill partway leaves the
    import's files, or the previous ones, never some of each: :func:`write_files`)."""
    from ..call.load import load_call
    from ..errors import IsgridError

    try:
        load_call(call.folder)
    except IsgridError as exc:
        write_files(call.folder, [(p, old, None) for p, old in previous.items()
                                  if old is not None],
                    remove=[*(p for p, old in previous.items() if old is None), *kept],
                    more=True)
        raise CallError("the imported files would break the call; nothing was kept",
                        exc.diagnostics) from None
