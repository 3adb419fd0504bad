"""``isgrid call purge CALL``: personal data out of a call once its retention period is over.

What goes (``docs/personal-data.md``):

* jurors' and members' names: pseudonymised in call.yaml (``assessors[].name``,
  ``meeting.members[].name`` and the names that refer to them, ``chair``,
  ``secretary``) as « Juré 1 », « Instructeur 1 », « Membre 1 »…: one person, one
  pseudonym (a chair « Mme Schaeffer » who is the member Hélène Schaeffer is « Juré 1 »;
  one who is nobody else, « Présidence de séance », in a sentence « la présidence de
  séance »: :mod:`.purge_names`);
* comments: the ``comment`` column of ``ratings/*.csv`` and ``opinions/*.csv``
  emptied; ``ratings/replaced/`` and ``opinions/replaced/`` (the dated copies that
  ``sheets import --replace`` keeps) removed, and so is the call's own ``replaced/`` (the
  ``assignments.<date>.csv`` copies ``assign --force --change-rated`` keeps: jurors' and
  dossiers' ids);
* applicants' contact facts: the keys named by ``retention.contact_facts``
  removed from ``dossiers/*.yaml``;
* ``consensus[].by`` in call.yaml: who recorded a consensus value, pseudonymised as
  the names are;
* the journal: ``by`` pseudonymised where it names a juror or member, and every purged
  name written in an entry's texts (``reason``, ``motivation``) replaced by its
  pseudonym, and every removed contact value by « [coordonnées retirées par la purge] »;
  the chain re-sealed (every ``prev``/``hash`` recomputed), then a ``purge``
  entry recording the head before the purge, so the signed minutes' head stays linked
  (:mod:`.purge_journal`).

What is kept on purpose: ``letters.signatory`` and ``letters.authority``, an official
signing in office for the public body (the letters already sent name them, as the
CRPA's article L212-1 wants), even when they quote a purged name: said, not warned.

What stays: the dossiers' other facts, every rating value (jurors by their
ids), the decisions and their reasons, amounts: ``isgrid score`` gives the
same ranking after the purge.  ``retention.months`` counts from
``retention.since``, else from the vote's date (``meeting.vote.date``), else
the meeting's date.  Nothing is changed without ``apply``; then every change is
one write, all or nothing (:func:`isgrid.io.write.write_files`): the files, the
``replaced/`` folders removed and the re-sealed journal with its purge entry (renamed
last).  With ``apply``, everything is read, planned and written under the journal's lock
(no append between) and the folder's write lock (:func:`isgrid.io.write.writing`): a
``sheets import`` or a juror's submission from the web workspace started meanwhile waits
for the purge to end, and is never overwritten by a purged copy of what was there
before.  A full disk partway undoes it; a kill is finished or undone by the next command
on the call.

call.yaml and the dossier files are kept by hand: they are edited in place
(:mod:`isgrid.io.yamledit`), only the purged values change; comments, order,
quotes, blank lines and line ends stay.  A comment that quotes a purged name
(as call.yaml writes it, in any case, or as « Mme Schaeffer » for Hélène Schaeffer) gets
the pseudonym too; a name, or a removed contact value, still written elsewhere in those
files is a warning (``purge-name-left``), said before anything is written: those are the
secretariat's sentences, to be edited by hand, whereas the journal cannot be edited by hand
(its chain), so the purge writes the pseudonyms into its texts itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import CallError, Collector, Diagnostic, Location, Message, Quote, UsageError
from ..grid.model import canonical_role
from ..io.folder import OPINIONS_DIR, RATINGS_DIR, inside
from ..io.write import Content, write_files, writing
from ..io.yamledit import Source, YamlEdit, YamlEditError, read_source
from ..io.yamlio import KeyPath, format_path, parse_yaml
from ..io.yamlnodes import nodes_on
from .config import read_config
from .journal import journal_path
from .journal_append import locked
from .model import Call, CallConfig
from .purge_book_scan import leftovers
from .purge_comments import _comments, _counted, _Emptied, _has_comments
from .purge_contacts import contacts_of, table_contacts
from .purge_extra import (
    Day,
    other_files_warnings,
    purge_conflicts,
    purge_mark,
    workspace_warnings,
)
from .purge_journal import reseal
from .purge_names import CHAIR as CHAIR
from .purge_names import SECRETARY as SECRETARY
from .purge_names import _Names, _Values
from .purge_workbook import WorkbookLost, WorkbookRefused, read_workbook

#: Where the dated copies the purge removes are kept (``<sub>/replaced/``): the ratings'
#: and opinions' (``sheets import --replace``), and the call folder's own (``""``: the
#: ``assignments.<date>.csv`` that ``assign --force --change-rated`` keeps).
REPLACED_IN = (RATINGS_DIR, OPINIONS_DIR, "")


@dataclass
class PurgePlan:
    due: dt.date | None
    today: dt.date
    names: dict[str, str] = field(default_factory=dict)  # real name -> pseudonym
    comments: dict[str, int] = field(default_factory=dict)  # file -> comments emptied
    contact: dict[str, list[str]] = field(default_factory=dict)  # dossier file -> facts
    removed: list[str] = field(default_factory=list)  # files or folders removed
    named_comments: dict[str, list[int]] = field(default_factory=dict)  # file -> lines
    warnings: list[Diagnostic] = field(default_factory=list)  # purge-name-left
    journal_by: int = 0  # journal entries whose `by` is pseudonymised
    #: seq of the journal entries whose texts quoted a removed contact value
    journal_contacts: list[int] = field(default_factory=list)
    journal_texts: list[int] = field(default_factory=list)  # seq of entries whose texts
    values: dict[str, list[str]] = field(default_factory=dict)  # file -> consensus[0].by…
    kept: list[tuple[str, str]] = field(default_factory=list)  # (key path, value) in office
    head_before: str | None = None
    applied: bool = False
    #: call.yaml's grid when it is found nowhere (deleted, renamed, no longer shipped): the
    #: purge needs no grid, it purged without it (and checked the call without it)
    grid_missing: str | None = None

    @property
    def is_due(self) -> bool:
        return self.due is not None and self.today >= self.due


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError  # pragma: no cover


def retention_start(call: Call | CallConfig) -> str | None:
    """The retention period's start, ISO: ``retention.since``, else the vote's date, else
    the meeting's (as loading read call.yaml's dates: 14/03/2016 too); None without a
    retention block or a date.  The one reading, for the purge, its journal entry and
    ``call check``'s warning of what a stopped purge left (:func:`retention_end`)."""
    config = call if isinstance(call, CallConfig) else call.config
    retention, meeting = config.retention, config.meeting
    if retention is None:
        return None
    return retention.since or (meeting.vote.date if meeting and meeting.vote else None) \
        or (meeting.date if meeting else None)


def retention_end(call: Call | CallConfig) -> dt.date | None:
    """The day the retention period ends (:func:`retention_start` plus its months)."""
    start = retention_start(call)
    retention = (call if isinstance(call, CallConfig) else call.config).retention
    if start is None or retention is None:
        return None
    return _add_months(dt.date.fromisoformat(start), retention.months)


def purge(folder: Path | str, *, apply: bool = False, today: dt.date | None = None,
          force: bool = False,
          warn: Callable[[list[Diagnostic]], None] | None = None) -> PurgePlan:
    """What the purge removes (and, with ``apply``, remove it).

    ``warn`` is given the plan's warnings before anything is written (the command
    line prints them, and stops there under --strict)."""
    from .load import open_call_folder

    folder = Path(folder)
    with contextlib.ExitStack() as stack:
        if apply and folder.is_dir():
            # a call first (« no call.yaml »), then its locks: a folder that is no call is
            # never locked (its odd .isgrid-write.lock said instead of what is missing)
            open_call_folder(folder)
            # read, planned and written under one hold: no append to the journal (its lock
            # first, as every append takes it), no other write to the folder (a sheets
            # import, a juror's submission) between what is read here and its purged copy
            if journal_path(folder).is_file():
                stack.enter_context(locked(folder))
            stack.enter_context(writing(folder))
        return _purge(folder, apply, today, force, warn)


def _purge(folder: Path, apply: bool, today: dt.date | None, force: bool,
           warn: Callable[[list[Diagnostic]], None] | None) -> PurgePlan:
    """:func:`purge`, its locks held when it applies."""
    config, grid_missing = _config(folder)
    call_file = folder / "call.yaml"
    retention = config.retention
    if retention is None:
        raise UsageError("no retention", [Diagnostic(
            "call-invalid", Message("call.yaml has no retention block"), Location(
                str(call_file), key_path="retention"),
            hint="retention: {months: 12, contact_facts: [email, phone]} "
            "(docs/personal-data.md).")])
    source = read_source(call_file)
    cfg = _read(source, call_file)
    start = retention_start(config)
    plan = PurgePlan(retention_end(config), today or dt.date.today(),
                     grid_missing=grid_missing)
    names = _pseudonyms(cfg)
    plan.names = names
    find = _Names(names, str(cfg.get("lang") or "fr") if isinstance(cfg, dict) else "fr")
    writes: list[tuple[Path, Content]] = []
    emptied: list[tuple[str, _Emptied]] = []  # ratings and opinions files, with --apply
    files = _dossier_files(folder, retention.contact_facts, find, plan)
    # the call's table of dossiers (dossiers.csv, dossiers.xlsx): its contact columns
    # emptied, as the contact lines of dossiers/*.yaml are removed
    table, table_encoding, in_book = _dossier_table(folder, retention.contact_facts, plan,
                                                    apply)
    writes += table
    # a removed value is looked for in every file, not only its own: an applicant's
    # address quoted in another dossier's comment or fact, or in call.yaml, stays there;
    # a dossier file's contact values and the table's (dossiers.csv): purge_contacts
    in_table = table_contacts(folder / "dossiers.csv", retention.contact_facts,
                              table_encoding) if table_encoding is not None else {}
    removed = _Values([t for _, _, data, gone in files for t in contacts_of(data, gone)]
                      + [t for ts in in_table.values() for t in ts] + in_book)
    _rewrite(folder, call_file, source, cfg, _purge_config(cfg, names, find, plan), find,
             removed, plan, writes, keep=KEPT)
    for sub in (RATINGS_DIR, OPINIONS_DIR):
        d = folder / sub
        if not d.is_dir():
            continue
        for path in _inside(folder, d, "*.csv"):
            rel = str(path.relative_to(folder))
            if not apply:
                if n := _comments(path):
                    plan.comments[rel] = n
            elif encoding := _has_comments(path):
                # written as it is made, row by row, into the write's temporary file
                # beside it (a national call's 2 M ratings never all in memory), its
                # comments counted as it is written: the file read once more, not twice,
                # in the encoding found (its bytes scanned once)
                writes.append((path, e := _Emptied(path, encoding=encoding)))
                emptied.append((rel, e))
    # the recusal reasons the workspace writes (conflicts/<juror>.csv): purge_extra
    writes += purge_conflicts(folder, find, removed, plan)
    for sub in REPLACED_IN:  # the dated copies `--replace` and `assign` kept
        replaced = folder / sub / "replaced"
        if replaced.is_symlink() or (replaced.exists() and not inside(folder, replaced)):
            # refused before anything is written: removing it would fail half-way
            raise CallError("a replaced/ folder is a link", [Diagnostic(
                "path-escape", Message("{path} is a link, not a folder of the call: the "
                                       "purge does not remove it", path=str(replaced)),
                Location(str(replaced)),
                hint="Delete the dated copies it leads to (they hold jurors' comments) and "
                "the link, then purge again; nothing was changed.")])
        if replaced.is_dir():
            plan.removed.append(str(replaced.relative_to(folder)))
        plan.removed.extend(str(p.relative_to(folder)) for p in gone_left(folder, sub))
    for path, source, facts, gone in files:
        _rewrite(folder, path, source, facts, {k: v for k, v in facts.items() if k not in gone},
                 find, removed, plan, writes)
    # the other files of the folder: a platform export, a removed value (purge_extra)
    plan.warnings.extend(other_files_warnings(folder, removed))
    # the workbook's other sheets, names, headers and footers, comments: a removed value
    # still written there is said, never emptied (purge_book_scan)
    book = folder / "dossiers.xlsx"
    if book.is_file() and not book.is_symlink():
        plan.warnings.extend(leftovers(book, removed, retention.contact_facts))
    sealed = reseal(folder, names, find, removed, plan.today, retention.months, start)
    if sealed is not None:
        plan.head_before = sealed.head_before
        plan.journal_by, plan.journal_texts, plan.journal_contacts = \
            sealed.by, sealed.texts, sealed.contacts
    _apply(folder, plan, writes, sealed.data if sealed is not None else None, apply, force,
           call_file, warn)
    plan.comments.update((rel, e.emptied) for rel, e in emptied)  # (once written)
    return plan


def _config(folder: Path) -> tuple[CallConfig, str | None]:
    """The call's config, checked as the purge wants it, and call.yaml's grid when it is
    found nowhere (else None).  A call that loads is purged: :func:`load_call` refuses one
    with errors.  But what the purge removes (names, comments, contact facts, the journal's
    names) is read in the files themselves, never through the grid: an old call whose grid
    file was deleted or renamed, or whose grid this isgrid no longer ships, is purged on its
    call.yaml alone (read and checked by :func:`read_config`), the grid said missing."""
    from .load import grid_gone, load_call, open_call_folder

    call_file = open_call_folder(folder)
    try:
        config = read_config(call_file, Collector())[1]
    except CallError:
        config = None  # said with every other problem by load_call, below
    if config is not None and grid_gone(folder, config.grid):
        return config, config.grid
    # (its ratings, a national call's 2 M, dropped here: what follows reads the files again)
    return load_call(folder).config, None


def _dossier_files(folder: Path, contact_facts: list[str], find: _Names, plan: PurgePlan,
                   ) -> list[tuple[Path, Source, dict[str, Any], list[str]]]:
    """The dossier files the purge reads: (path, source, data, contact facts removed)."""
    files: list[tuple[Path, Source, dict[str, Any], list[str]]] = []
    if not (contact_facts or find.pattern is not None) or not (folder / "dossiers").is_dir():
        return files
    for path in _inside(folder, folder / "dossiers", "*.y*ml"):
        source = read_source(path)
        if not contact_facts and not find.search(source.text):
            continue  # (a national call's 20,000 files: no reading needed)
        data = _read(source, path)
        if not isinstance(data, dict):
            continue
        gone = [k for k in contact_facts if k in data]
        if gone:
            plan.contact[str(path.relative_to(folder))] = gone
        files.append((path, source, data, gone))
    return files


def _dossier_table(folder: Path, contact_facts: list[str], plan: PurgePlan, apply: bool
                   ) -> tuple[list[tuple[Path, Content]], str | None, list[str]]:
    """The table of dossiers ``dossiers.csv`` or ``dossiers.xlsx`` with its
    ``contact_facts`` columns emptied (the columns that had a value in ``plan.contact``;
    a workbook isgrid cannot write back whole: a ``purge-name-left`` warning saying why,
    :mod:`.purge_workbook`).  With the CSV table's encoding when a row has a contact value
    (its values then looked for elsewhere), else None; and the workbook's values."""
    columns = tuple(f.casefold() for f in contact_facts)
    out: list[tuple[Path, Content]] = []
    if not columns:
        return out, None, []
    table = folder / "dossiers.csv"
    counted = _counted(table, columns) if table.is_file() and not table.is_symlink() \
        else (0, None, [])
    if counted[0]:
        plan.contact[table.name] = counted[2]
        if apply:  # (in the encoding found: the file scanned once)
            out.append((table, _Emptied(table, columns, neutralise=False,
                                        encoding=counted[1])))
    book = folder / "dossiers.xlsx"
    found = read_workbook(book, contact_facts) if book.is_file() and not book.is_symlink() \
        else None
    if found is not None and not found.refused and found.unreadable is None and apply:
        try:  # made and read back before anything is written
            out.append((book, found.purged()))
        except WorkbookLost:
            found.refused.append(Message("cells (read back, the copy differed)"))
        except WorkbookRefused as e:  # (what the dry run's reading could not see)
            found.unreadable = e.unreadable
            if e.refused is not None:
                found.refused.append(e.refused)
    if found is not None:
        if found.refused or found.unreadable is not None:
            plan.warnings.append(found.warning())
        else:
            plan.contact[book.name] = found.columns
    return out, counted[1] if counted[0] else None, \
        [t for ts in (found.contacts.values() if found else ()) for t in ts]


def _inside(folder: Path, d: Path, pattern: str) -> list[Path]:
    """The files of ``d`` named by ``pattern``, in order, that stay inside ``folder``
    (:func:`isgrid.io.folder.inside`): ``d`` resolved once, then only a link resolved
    (a file that is no link is where its folder is; a national call's 20,000 dossier
    files resolved one by one took a tenth of its purge)."""
    paths = sorted(d.glob(pattern))
    if not inside(folder, d):
        return [p for p in paths if inside(folder, p)]
    return [p for p in paths if not p.is_symlink() or inside(folder, p)]


#: The hidden name a purge's removal gives ``replaced/`` (:func:`isgrid.io.write.write_files`:
#: ``.replaced.<token>.gone``), or gives such a folder left over (``..replaced.….gone``).
_GONE = re.compile(r"\.+replaced\..+\.gone")


def gone_left(folder: Path, sub: str) -> list[Path]:
    """The ``<sub>/.replaced.<token>.gone`` folders a purge stopped partway left (its
    removal refused, then its record deleted by hand): the dated copies, with the jurors'
    comments, still there."""
    d = folder / sub
    if not d.is_dir():
        return []
    return sorted(p for p in d.iterdir() if _GONE.fullmatch(p.name) and p.is_dir()
                  and not p.is_symlink() and inside(folder, p))


def leftover_warnings(call: Call, today: dt.date | None = None) -> list[Diagnostic]:
    """``isgrid call check``, once the retention period is over: each folder a purge
    stopped partway left (:func:`gone_left`), jurors' comments still in the call."""
    end = retention_end(call)
    if end is None or (today or dt.date.today()) < end:
        return []
    return [Diagnostic("purge-left", _LEFT[sub](p.relative_to(call.folder)),
                       Location(str(p)), severity="warning", hint=Message(
                           "Run isgrid call purge {folder} --apply again: it removes them.",
                           folder=call.folder)) for sub in REPLACED_IN
            for p in gone_left(call.folder, sub)]


#: What each folder of :data:`REPLACED_IN` a purge left holds, said by ``purge-left``:
#: ``ratings/``'s and ``opinions/``'s copies the jurors' comments, the call folder's the
#: ``assignments.csv`` that ``assign --force --change-rated`` replaced (which juror rates
#: which dossier), never « ratings files » for all three.
_LEFT: dict[str, Callable[[Path], Message]] = {
    RATINGS_DIR: lambda path: Message(
        "{path} still holds dated copies of the jurors' ratings files, with their comments: "
        "a purge stopped before it deleted them", path=path),
    OPINIONS_DIR: lambda path: Message(
        "{path} still holds dated copies of the jurors' opinions files, with their "
        "comments: a purge stopped before it deleted them", path=path),
    "": lambda path: Message(
        "{path} still holds dated copies of assignments.csv (which juror rates which "
        "dossier): a purge stopped before it deleted them", path=path),
}


def _apply(folder: Path, plan: PurgePlan, writes: list[tuple[Path, Content]],
           journal: bytes | None, apply: bool, force: bool, call_file: Path,
           warn: Callable[[list[Diagnostic]], None] | None) -> None:
    """Refused when not due; the warnings said; then, with ``apply``, every change in
    one write (:func:`isgrid.io.write.write_files`): the files, the removed ``replaced/``
    folders and the re-sealed journal with its purge entry, all or none."""
    if apply and not plan.is_due and not force:
        # the day in words, as the dry run says it (« jusqu'au 30 juin 2025 »)
        due = Day(plan.due.isoformat()) if plan.due else "?"
        raise UsageError("not due", [Diagnostic(
            "purge-not-due", Message("the retention period runs until {date}", date=due)
            if plan.due else Message("the retention period has no start date"), Location(str(call_file),
                                                               key_path="retention"),
            hint=None if plan.due else Message(
                "Give retention.since (YYYY-MM-DD), meeting.vote.date or meeting.date."))])
    # the jurors' web workspace, whatever its database (.isgrid/, purge_extra)
    plan.warnings.extend(workspace_warnings(folder))
    if warn is not None:
        warn(plan.warnings)
    if not apply:
        return
    files: list[tuple[Path, Content, Path | None]] = [(path, data, None)
                                                      for path, data in writes]
    files += [(path, data, None) for path, data in purge_mark(folder, plan.today)]
    if journal is not None:  # renamed last: the purge entry lands with the files or not at all
        files.append((journal_path(folder), journal, None))
    if files or plan.removed:  # (a purge already made: nothing to write)
        write_files(folder, files, remove=[folder / rel for rel in plan.removed])
    plan.applied = True


def _read(source: Source, path: Path) -> Any:
    """The file's data as isgrid reads it (YAML 1.2's core schema: ``01000`` and ``no``
    stay texts)."""
    diags = Collector()
    doc = parse_yaml(source.text, str(path), diags)
    if doc is None or diags.errors:
        raise CallError(f"{path.name} cannot be read", diags.items)
    return doc.data


def _rewrite(folder: Path, path: Path, source: Source, old: Any, new: Any, find: _Names,
             removed: _Values, plan: PurgePlan, writes: list[tuple[Path, Content]],
             keep: tuple[KeyPath, ...] = ()) -> None:
    """``path`` edited in place to read as ``new``, names in comments pseudonymised, and
    a warning for each purged name or removed value still written there, but in the
    values at ``keep`` (kept on purpose, and said in ``plan.kept``)."""
    if new == old and not find.search(source.text) and not removed.search(source.text):
        return
    rel = str(path.relative_to(folder))
    try:
        edit = YamlEdit(source.text, str(path), source.encoding)
        edit.follow(new)
        if find.pattern is not None:
            lines = edit.sub_comments(find.pattern, find.alias)
            if lines:
                plan.named_comments[rel] = lines
        text = edit.result(new)
        data = source.encode(text) if text != source.text else None
    except YamlEditError as exc:
        raise CallError(f"{path.name} cannot be purged in place", [Diagnostic(
            "yaml-rewrite", exc.message, Location(str(path), exc.line, exc.column,
                                                  key_path=exc.key_path),
            hint="Remove the personal data from this file by hand, then purge again; "
            "nothing was changed.")]) from None
    # what is still written, where the file has it before the purge (said before writing)
    left = find.found(source.text)
    left += removed.found(source.text)
    kept = [(format_path(key), node.start_mark.index, node.end_mark.index, node.value)
            for key in keep
            for nodes in [nodes_on(edit.root, key)]
            if len(nodes) == len(key) + 1 and isinstance(node := nodes[-1], yaml.ScalarNode)]
    for at, value in sorted(left):
        if not any(edit.untouched(i) for i in range(at, at + len(value))):
            continue  # pseudonymised, or removed with its entry (a part of it is not)
        held = next((k for k in kept if k[1] <= at < k[2]), None)
        if held is not None:  # a signatory in office: kept, said once
            said = (held[0], Quote(held[3]))
            if said not in plan.kept:
                plan.kept.append(said)
            continue
        line, column = edit.line_of(at)
        plan.warnings.append(Diagnostic(
            "purge-name-left", Message("{value} is still written here", value=Quote(value)),
            Location(str(path), line, column), severity="warning"))
    if data is not None:
        writes.append((path, data))


#: What call.yaml keeps on purpose, even when it quotes a purged name: the letters'
#: signatory and the authority a recours goes to, officials acting in office for the
#: public body; the letters already sent name them (CRPA, article L212-1).
KEPT: tuple[KeyPath, ...] = (("letters", "signatory"), ("letters", "authority"))


def _pseudonyms(cfg: dict[str, Any]) -> dict[str, str]:
    """Each real name of call.yaml -> « Juré 1 », « Instructeur 1 », « Membre 1 »…"""
    out: dict[str, str] = {}
    counts: dict[str, int] = {}

    def give(name: Any, kind: str) -> None:
        if not isinstance(name, str) or not name.strip() or name in out:
            return
        counts[kind] = counts.get(kind, 0) + 1
        out[name] = f"{kind} {counts[kind]}"

    for a in cfg.get("assessors") or []:
        if isinstance(a, dict):
            give(a.get("name"), "Instructeur" if canonical_role(a.get("role")) == "instructeur"
                 else "Juré")
    meeting = cfg.get("meeting") or {}
    for m in meeting.get("members") or []:
        if isinstance(m, dict):
            give(m.get("name"), "Membre")
    # one person, one pseudonym: a chair or secretary who is a member or an assessor
    # (written as call.yaml writes that name, or « Mme Schaeffer » for the one Schaeffer,
    # the rule by which a sentence's names are recognised: _Names) is that person;
    # any other is named by the office, as the others are by theirs: the office, not a
    # masculine title (« Président de séance » for Mme Martin), nor inclusive writing's « · »
    people = _Names(out)
    for key, kind in (("chair", CHAIR), ("secretary", SECRETARY)):
        holder = meeting.get(key)
        if not isinstance(holder, str) or not holder.strip() or holder in out:
            continue
        m = people.pattern.fullmatch(holder.strip()) if people.pattern is not None else None
        out[holder] = people.aliases[int((m.lastgroup or "n0")[1:])] \
            if m is not None and m.group("pre") is None else kind
    return {real: alias for real, alias in out.items() if real != alias}  # already purged


def _purge_config(cfg: dict[str, Any], names: dict[str, str], find: _Names,
                  plan: PurgePlan) -> dict[str, Any]:
    import copy

    new = copy.deepcopy(cfg)
    # who recorded a consensus value: a name, as the journal's `by` (« jury » stays)
    for i, c in enumerate(new.get("consensus") or []):
        if isinstance(c, dict) and isinstance(c.get("by"), str):
            by = names.get(c["by"]) or find.sub(c["by"])
            if by != c["by"]:
                c["by"] = by
                plan.values.setdefault("call.yaml", []).append(f"consensus[{i}].by")
    for a in new.get("assessors") or []:
        if isinstance(a, dict) and a.get("name") in names:
            a["name"] = names[a["name"]]
    meeting = new.get("meeting") or {}
    for m in meeting.get("members") or []:
        if isinstance(m, dict) and m.get("name") in names:
            m["name"] = names[m["name"]]
    for lst in ("interests", "left_room"):
        for x in meeting.get(lst) or []:
            if isinstance(x, dict) and x.get("member") in names:
                x["member"] = names[x["member"]]
            if isinstance(x, dict) and "text" in x:
                x.pop("text")
    for key in ("chair", "secretary"):
        if meeting.get(key) in names:
            meeting[key] = names[meeting[key]]
    return new
