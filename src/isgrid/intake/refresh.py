"""``isgrid intake CALL``: refresh the call's dossiers from the platform, report what changed.

The dossiers are written through the dossier contract, one file each,
``dossiers/<id>.yaml`` (``docs/calls.md``).  An existing file is edited in place
(:mod:`isgrid.io.yamledit`): only ``title`` and the facts the ``intake`` block maps
change, are added or go; every other key (a ``summary`` or ``narrative`` the
secretary wrote, a fact typed in by hand), the comments, blank lines, order,
quotes, encoding and line ends stay as written; the state in the first line isgrid
wrote follows.  A file that cannot be edited in place (a value repeated by an alias
``*name`` whose anchor changes) is written anew, with a warning
(``intake-rewritten``) said before anything is written; a file that cannot be read
is an error, and nothing is written.  Ratings, the journal, opinions the jurors
wrote are never touched; the experts' avis go to ``opinions/demarche-numerique.csv``.

Everything is read and checked first; then the files are written all together or
not at all (:func:`isgrid.io.write.write_files`).  What intake writes over (the dossier
files, the avis, ``intake-state.json``) is read, planned and written under one hold of
the folder's write lock (:func:`isgrid.io.write.writing`), taken once the platform is read:
a command that writes there meanwhile (a ``call purge``, another ``intake``) waits for
this one to end, and nothing it wrote is overwritten by a copy of what was there before.
An error (an unreadable value, the API refusing the token) stops before the first write; the system refusing a write (a
full disk) undoes it, and a kill is finished or undone by the next command on the call.  ``intake-state.json`` keeps, per dossier, its number,
state and API id (for ``isgrid intake push``) and the time of the last
refresh from the API (for ``updatedSince``), and a digest of each value the platform
gave at the last intake (``facts``): a value of the file that differs from it was edited
by hand since, and is kept (:func:`_keep_hand_edits`), never reverted in silence.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..call.blocks import Intake
from ..call.config import read_config
from ..call.load import _load_call_grid, open_call_folder
from ..call.model import CallConfig
from ..call.siret import beneficiary_fact
from ..errors import CallError, Collector, Diagnostic, Location, Message, Quote, UsageError
from ..grid.load import LoadedGrid
from ..io.folder import inside
from ..io.write import csv_writer, escape_row, write_files, writing
from ..io.yamledit import YamlEdit, YamlEditError, read_source
from ..io.yamlio import Doc, load_yaml
from .mapping import AvisOpinion, IntakeDossier, Mapped, map_source
from .source import Source, parse_state

STATE_FILE = "intake-state.json"
OPINIONS_FILE = "opinions/demarche-numerique.csv"
HEADER = ("# Écrit par isgrid intake depuis Démarche Numérique (dossier n° {number}, {state}).\n"
          "# isgrid intake met à jour title et les faits de intake.facts et intake.lists "
          "depuis la plateforme (une valeur que vous y corrigez est gardée)\u202f; "
          "vos autres clés et vos commentaires restent tels quels.\n")
#: The states of a dossier as the platform says them in French (its export's « État du
#: dossier »), for the first line of :data:`HEADER`; the API's codes (``en_instruction``)
#: are not French words.
STATE_WORDS = {"en_construction": "en construction", "en_instruction": "en instruction",
               "accepte": "accepté", "refuse": "refusé", "sans_suite": "sans suite"}
#: The state in the first line of :data:`HEADER`, brought up to date when the file changes:
#: in words, or as the code files written before said it (``en_instruction``).
_HEADER_STATE = re.compile(r"(?<=^# Écrit par isgrid intake depuis Démarche Numérique "
                           r"\(dossier n° )(\d+), ([^()\r\n]+)(?=\)\.\r?$)", re.MULTILINE)


@dataclass
class Change:
    fact: str
    old: Any
    new: Any


@dataclass
class Report:
    source: str
    new: list[str] = field(default_factory=list)
    changed: dict[str, list[Change]] = field(default_factory=dict)
    #: values edited by hand in a dossier file since the last intake, kept: id -> changes
    #: (``old`` the file's value, kept; ``new`` the platform's, not written)
    kept: dict[str, list[Change]] = field(default_factory=dict)
    #: dossiers the call has (a file in dossiers/) that the filter now leaves out: id ->
    #: state (or "absent": no longer in a complete export)
    left: dict[str, str] = field(default_factory=dict)
    #: dossiers of the platform the filter leaves out and the call never had (refused
    #: before they were taken in): id -> state; nothing is written for them
    outside: dict[str, str] = field(default_factory=dict)
    unchanged: int = 0
    opinions: int = 0
    written: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    dry_run: bool = False


def load_config(folder: Path) -> tuple[CallConfig, LoadedGrid]:
    """call.yaml and its grid, without the dossiers (a new call has none yet), read after
    the checks :func:`isgrid.call.load.load_call` makes (:func:`open_call_folder`)."""
    _, config, grid = _load_config(folder)
    return config, grid


def _load_config(folder: Path) -> tuple[Doc, CallConfig, LoadedGrid]:
    """:func:`load_config`, and call.yaml as read (the place of each key, for diagnostics)."""
    call_file = open_call_folder(folder)  # load_call's checks: the same refusals, the same
    diags = Collector()                    # interrupted write finished or undone
    doc, config = read_config(call_file, diags)  # the amounts read as load_call reads them
    grid = _load_call_grid(folder, config, doc, diags)
    if grid is None:
        raise CallError("the call's grid has errors", diags.items)
    return doc, config, grid


def read_state(folder: Path) -> dict[str, Any]:
    path = folder / STATE_FILE
    if not path.is_file() or not inside(folder, path):
        return {"dossiers": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"dossiers": {}}
    if not isinstance(data, dict) or not isinstance(data.get("dossiers"), dict):
        return {"dossiers": {}}
    return data


def refresh(folder: Path | str, *, export: Path | None = None, api: bool = False,
            dry_run: bool = False, full: bool = False, change_decided: bool = False,
            now: dt.datetime | None = None,
            warn: Callable[[list[Diagnostic]], None] | None = None) -> Report:
    """Read the platform (``export`` file, or the API), then write the dossiers that changed.

    ``warn`` is given the report's warnings before anything is written (the command
    line prints them, and stops there under --strict).  A refresh that would change what
    the séance decided (:func:`isgrid.call.decided_changes.decided_changes`) writes nothing,
    an error, unless ``change_decided`` (then, and in a dry run, a warning)."""
    folder = Path(folder)
    doc, config, grid = _load_config(folder)
    intake = config.intake
    call_file = str(folder / "call.yaml")
    if intake is None:
        raise UsageError("no intake block", [Diagnostic(
            "call-invalid", Message("call.yaml has no intake block"), Location(call_file,
                                                                       key_path="intake"),
            hint="See docs/intake.md: intake: {title: …, facts: {…}}.")])
    for table in ("dossiers.csv", "dossiers.xlsx"):
        if (folder / table).exists() or (config.dossier_table and config.dossier_table.file):
            raise UsageError("dossier table", [Diagnostic(
                "call-invalid", Message("the call's dossiers are in a table ({table}); isgrid "
                                        "intake writes dossiers/<id>.yaml",
                                        table=table), Location(str(folder / table)),
                hint="Move the table out of the call folder, or keep one of the two ways.")])
    _refuse_purged(folder)
    state = read_state(folder)
    started = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    diags = Collector()
    source: Source | None
    if api:
        from .api import fetch_source

        since = None if full else state.get("api_updated_since")
        source = fetch_source(intake, since, diags)
    else:
        path = export if export is not None else (folder / intake.file if intake.file else None)
        if path is None:
            raise UsageError("no export file", [Diagnostic(
                "file-not-found", Message("no export file given"), Location(call_file,
                                                                   key_path="intake.file"),
                hint="isgrid intake CALL --from export.xlsx (or intake.file, or --api).")])
        if not path.is_file():
            raise UsageError("no export file", [Diagnostic(
                "file-not-found", Message("no file {path}", path=path), Location(str(path)))])
        from .export import read_export

        source = read_export(path, diags)
    if source is None:
        raise CallError("the export cannot be read", diags.items)
    mapped = map_source(source, intake, grid.grid.facts, doc.file, diags, doc,
                        grid.grid.eligibility, beneficiary_fact(config))
    diags.raise_if_errors(CallError, "the dossiers from the platform have errors")
    report = Report(source.name, warnings=diags.warnings, dry_run=dry_run)
    with contextlib.ExitStack() as stack:
        if not dry_run:
            # the platform read first (the API's pages take their time); what intake writes
            # over (the dossier files, the avis, intake-state.json) read, planned and
            # written under one hold of the folder's write lock: nothing another command
            # writes there meanwhile is overwritten by a copy of what was there before
            stack.enter_context(writing(folder))
            _refuse_purged(folder)  # a purge done while the platform was read
            state = read_state(folder)
        _write(folder, intake, mapped, source, state, report, started if api else None, warn,
               change_decided)
    return report


def _refuse_purged(folder: Path) -> None:
    """A call purged of its personal data (``isgrid call purge --apply``: a ``purge`` entry
    in its journal) is refused (``intake-purged``): a refresh would write the holders'
    e-mails, phones and names, and the experts' comments the purge emptied, back into it."""
    from ..workspace.purged import purge_of

    purge = purge_of(folder)
    if purge is None:
        return
    from ..call.purge_extra import Day

    raise UsageError("purged", [Diagnostic(
        "intake-purged", Message(
            "the call was purged of its personal data on {date}: isgrid intake would bring "
            "the holders' contacts and the experts' comments back into it", date=Day(purge.at)),
        Location(str(purge.where)),
        hint="The call's retention is over: nothing was written. Take the dossiers of a new "
        "campaign into a new call folder (isgrid call init), not into this one.")])


def _write(folder: Path, intake: Intake, mapped: Mapped, source: Source,
           state: dict[str, Any], report: Report, started: dt.datetime | None,
           warn: Callable[[list[Diagnostic]], None] | None,
           change_decided: bool = False) -> None:
    """The dossiers that changed planned, the warnings said, then (unless ``report`` is
    a dry run's) every file written, all or none."""
    writes = _plan(folder, intake, mapped, source, state, report)
    managed = [k for k in ("title", *intake.facts, *intake.lists) if k not in mapped.absent]
    _check_decided(folder, writes, report, change_decided)
    report.opinions = len(mapped.opinions)
    if mapped.opinions:
        path = folder / OPINIONS_FILE
        old = path.read_bytes() if path.is_file() else None
        # the avis of the dossiers this source read replace theirs; those of the other
        # dossiers (not in an incremental API answer, out of the filter now) stay
        opinions = _opinions_bytes(mapped.opinions, old, {d.id for d in mapped.dossiers})
        if old != opinions:
            writes.append((path, opinions))
    new_state = _state(state, mapped, source, started, managed, report.left)
    writes.append((folder / STATE_FILE, new_state))
    check_inside(folder, [path for path, _ in writes])
    if warn is not None and report.warnings:
        warn(report.warnings)
    if not report.dry_run:
        # every file or none: an interruption (a full disk, a kill) leaves the previous
        # files, or is finished by the next command on the call (io.write.write_files)
        write_files(folder, [(path, data, None) for path, data in writes])
        report.written.extend(str(path.relative_to(folder)) for path, _ in writes)


def _check_decided(folder: Path, writes: list[tuple[Path, bytes]], report: Report,
                   change_decided: bool) -> None:
    """A refresh that changes what the séance decided (a status, an override, a vote's
    reach, the list's adoption: :func:`isgrid.call.decided_changes.decided_changes`) stops
    before writing, unless ``change_decided`` or a dry run: then it is a warning."""
    from ..call.decided_changes import REFRESH, decided_changes, hinted

    found = hinted(decided_changes(folder, [(p, b) for p, b in writes
                                            if p.parent == folder / "dossiers"], REFRESH),
                   REFRESH, written=change_decided and not report.dry_run)
    if found and not (change_decided or report.dry_run):
        raise CallError("the refresh changes what the séance decided", [
            dataclasses.replace(d, severity="error") for d in found])
    report.warnings.extend(found)


def check_inside(folder: Path, paths: list[Path]) -> None:
    """Raise :class:`CallError` (``path-escape``, as :func:`isgrid.call.load.load_call` says a
    link out of the folder) when one of ``paths`` leads outside ``folder``: a link
    (``dossiers/`` or a dossier file) that would make intake read or write elsewhere."""
    escapes = [Diagnostic("path-escape", Message("{path} leads outside the call folder",
                                                 path=str(path.relative_to(folder))),
                          Location(str(path)),
                          hint="Replace the link by a file or folder inside the call folder: "
                          "isgrid intake reads and writes nothing outside it.")
               for path in paths if not inside(folder, path)]
    if escapes:
        raise CallError("path escape", escapes)


def _norm(v: Any) -> Any:
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()[:10]
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, list):
        return [_norm(x) for x in v]
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in v.items()}
    return v


def _plan(folder: Path, intake: Intake, mapped: Mapped, source: Source,
          state: dict[str, Any], report: Report) -> list[tuple[Path, bytes]]:
    writes: list[tuple[Path, bytes]] = []
    # a fact no column of the source gives is left as the file has it (mapping.Mapped.absent)
    managed = [k for k in ("title", *intake.facts, *intake.lists) if k not in mapped.absent]
    unreadable = Collector()
    # checked before a dossier file is read: a link out of the folder is neither read nor
    # written through
    check_inside(folder, [folder / "dossiers" / f"{d.id}.yaml" for d in mapped.dossiers])
    for d in sorted(mapped.dossiers, key=lambda x: x.number):
        path = folder / "dossiers" / f"{d.id}.yaml"
        old: dict[str, Any] | None = None
        doc: Doc | None = None
        if path.is_file():
            diags = Collector()
            doc = load_yaml(path, diags)
            # never written over: what the secretary wrote there would go (a key written
            # twice is read once: its second value would be dropped by the writing)
            if doc is None or diags.errors:
                unreadable.extend(dataclasses.replace(
                    problem, hint="isgrid intake writes over no dossier file it cannot read: "
                    "correct it (isgrid call check shows the same), or remove it to take the "
                    "dossier in again; nothing was written.") for problem in diags.errors)
                continue
            old = dict(doc.data)
        data = _merge(d, managed, old)
        known = state.get("dossiers", {}).get(d.id)
        if doc is not None and old is not None and isinstance(known, dict) \
                and isinstance(known.get("facts"), dict):
            _keep_hand_edits(d, path, doc, managed, old, data, known["facts"], report)
        if old is None:
            report.new.append(d.id)
            writes.append((path, _dump(d, data)))
            continue
        changes = [Change(k, _norm(old.get(k)), _norm(data.get(k))) for k in managed
                   if _norm(old.get(k)) != _norm(data.get(k))]
        was = known.get("state") if isinstance(known, dict) else None
        if not changes:
            # the state known (intake-state.json) changed, or is not known (a dossier back
            # in the filter, dropped from it meanwhile): the first line is read and said
            found = _restated(path, d) if was is None or was != d.state else None
            if found is None:
                report.unchanged += 1
                continue
            # only its state changed on the platform: the first line says the new one
            report.changed[d.id] = [Change("state", found[0], d.state)]
            writes.append((path, found[1]))
            continue
        if was is not None and was != d.state:
            changes.append(Change("state", was, d.state))
        report.changed[d.id] = changes
        writes.append((path, _edited(path, d, data, report)))
    unreadable.raise_if_errors(CallError, "a dossier file cannot be read")
    for did, st in sorted(mapped.outside.items()):
        path = folder / "dossiers" / f"{did}.yaml"
        kept = path.is_file()
        (report.left if kept else report.outside)[did] = st
        if kept:  # its first line says its new state (« en construction »), nothing else
            found = _restated(path, IntakeDossier(did, _number(state, did, path), st, "", {}))
            if found is not None:
                writes.append((path, found[1]))
    if source.complete:
        present = {d.id for d in mapped.dossiers} | set(mapped.outside)
        for did in sorted(state.get("dossiers", {})):
            if did not in present and (folder / "dossiers" / f"{did}.yaml").is_file():
                report.left[did] = "absent"
    return writes


def digest(value: Any) -> str:
    """A short digest of a fact's value as the platform gave it (normalized as
    :func:`_norm` compares): what ``intake-state.json`` keeps of the last intake."""
    text = json.dumps(_norm(value), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _keep_hand_edits(d: IntakeDossier, path: Path, doc: Doc, managed: list[str],
                     old: dict[str, Any], data: dict[str, Any], last: dict[str, Any],
                     report: Report) -> None:
    """The values of the file edited by hand since the last intake put back into ``data``.

    ``last`` holds the digest of each value the platform gave at the last intake.  A
    value of the file that differs from it was written by someone else than isgrid (a
    secretariat's correction, checked with the holder): it is kept, and said (a
    « kept » line); when the platform's value changed too since the last intake, both
    changed, and a warning (``intake-hand-edit``) says it before anything is written.  A
    key the secretariat removed takes the platform's value again (the way back), as
    does a fact no digest was kept for (a call taken in before isgrid kept them)."""
    for k in managed:
        mark = last.get(k)
        if not isinstance(mark, str) or k not in old:
            continue
        mine, theirs = _norm(old[k]), _norm(data.get(k))
        if mine == theirs or digest(old[k]) == mark:
            continue  # the same value, or the file as the last intake wrote it
        data[k] = old[k]
        report.kept.setdefault(d.id, []).append(Change(k, mine, theirs))
        if digest(theirs) != mark:  # the platform's value changed too
            report.warnings.append(Diagnostic(
                "intake-hand-edit", Message(
                    "{dossier} {fact}: the platform's value changed since the last intake "
                    "(now {new}), and the file holds a value edited by hand ({mine}): the "
                    "file's value is kept", dossier=d.id, fact=k, new=_shown(theirs),
                    mine=_shown(mine)), doc.loc((k,)), severity="warning",
                hint=Message("To take the platform's value, remove the line {fact} from "
                             "dossiers/{dossier}.yaml and run isgrid intake again (--dry-run "
                             "first shows it); to keep yours, nothing to do.", fact=k,
                             dossier=d.id)))


def _shown(value: Any) -> Any:
    """A value in a message: « (empty) » for none, a text between quotes."""
    if value is None or value == "" or value == []:
        return Message("(empty)")
    return Quote(value) if isinstance(value, str | list | dict) else str(value)


def _number(state: dict[str, Any], did: str, path: Path) -> int:
    """The platform's number of a dossier the call has: as intake-state.json keeps it,
    else as its file's first line says it (0 when neither does: its line is left)."""
    known = state.get("dossiers", {}).get(did)
    if isinstance(known, dict) and isinstance(known.get("number"), int):
        return int(known["number"])
    m = _HEADER_STATE.search(read_source(path).text)
    return int(m.group(1)) if m else 0


def _merge(d: IntakeDossier, managed: list[str], old: dict[str, Any] | None) -> dict[str, Any]:
    """The dossier's data: ``id``, ``title`` and the ``managed`` facts from the platform,
    every other key of the ``old`` file as it was."""
    data: dict[str, Any] = {"id": d.id, "title": d.title}
    for name in managed:
        if name in d.facts:
            data[name] = d.facts[name]
    if old:
        for k, v in old.items():
            if k != "id" and k not in managed:
                data[k] = v  # the secretary's own keys stay as they were
    return data


def _edited(path: Path, d: IntakeDossier, data: dict[str, Any], report: Report) -> bytes:
    """The dossier file edited in place to read as ``data`` (its first line's state brought
    up to date when isgrid wrote it); written anew, with a warning, when it cannot be."""
    source = read_source(path)
    try:
        edit = YamlEdit(source.text, str(path), source.encoding)
        edit.follow(data)
        edit.sub_comments(_HEADER_STATE, lambda m: f"{m.group(1)}, {_words(d.state)}"
                          if m.group(1) == str(d.number) else m.group(0))
        return source.encode(edit.result(data))
    except YamlEditError as exc:
        report.warnings.append(Diagnostic(
            "intake-rewritten", Message("the file cannot be edited in place ({problem}); it is "
                                        "written anew: its comments and layout are not kept",
                                        problem=exc.message),
            Location(str(path), exc.line, exc.column, key_path=exc.key_path),
            severity="warning"))
        return _dump(d, data)


def _restated(path: Path, d: IntakeDossier) -> tuple[str, bytes] | None:
    """The state the dossier file's first line says, and the file with only that state
    brought up to date (its text otherwise byte for byte); None when that line does not
    say another state (the secretary removed it, or it already says this one)."""
    source = read_source(path)
    m = _HEADER_STATE.search(source.text)
    # a file written before the states were said in words (« en_instruction ») says the
    # same state: left byte for byte
    if m is None or m.group(1) != str(d.number) or parse_state(m.group(2)) == d.state:
        return None
    text = source.text[:m.start()] + f"{m.group(1)}, {_words(d.state)}" + source.text[m.end():]
    return parse_state(m.group(2)) or m.group(2), source.encode(text)


def _dump(d: IntakeDossier, data: dict[str, Any]) -> bytes:
    text = yaml.dump(data, Dumper=_dumper(data), allow_unicode=True, sort_keys=False,
                     width=100)
    return (HEADER.format(number=d.number, state=_words(d.state)) + text).encode("utf-8")


def _words(state: str) -> str:
    """A dossier state in the French words of the platform (« en instruction »)."""
    return STATE_WORDS.get(state, state)


#: libyaml's emitter (C), when PyYAML has it: the same representer and the same bytes as
#: PyYAML's own emitter (Python) for plain text, three times faster (writing a national
#: call's 20,000 dossier files spent most of its time there).  For other text the two
#: differ (libyaml escapes characters beyond U+FFFF, line separators...), so a dossier
#: holding such text is written by PyYAML's emitter, as before: the files stay the same
#: bytes whichever wrote them (tests/intake/test_intake_dump.py).
_C_DUMPER: Any = getattr(yaml, "CSafeDumper", None)


def _plain_text(value: Any) -> bool:
    """True when every text in ``value`` is printable (or a no-break space) and within
    the Basic Multilingual Plane: the texts both emitters write alike."""
    if isinstance(value, str):
        if value.isascii():
            return value.isprintable()
        return value.replace("\u00a0", " ").replace("\u202f", " ").isprintable() \
            and max(value) <= "\uffff"
    if isinstance(value, dict):
        return all(_plain_text(k) and _plain_text(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_plain_text(v) for v in value)
    return True


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, a text holding U+0085 (NEL) written between double quotes
    (``\\N``): plain or between single quotes, a YAML reader takes NEL for a line break and
    the text came back with a space in its place."""


def _text_with_nel(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if "\x85" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    return dumper.represent_str(data)


_Dumper.add_representer(str, _text_with_nel)


def _dumper(data: Any) -> Any:
    """libyaml's emitter for plain texts (no NEL among them), PyYAML's otherwise."""
    return _C_DUMPER if _C_DUMPER is not None and _plain_text(data) else _Dumper


def _opinions_bytes(opinions: list[AvisOpinion], old: bytes | None = None,
                    read: set[str] | frozenset[str] = frozenset()) -> bytes:
    """The avis file: ``opinions``, and the rows of ``old`` (the file as it is) of every
    dossier not in ``read`` (the dossiers the source gave, whose avis ``opinions`` holds
    whole) as they were written.  A partial answer (``updatedSince``) or a dossier out of
    the filter is not « no avis »: its experts' avis are never dropped for it."""
    rows = [escape_row((o.dossier, o.assessor, o.opinion or "", "", o.comment))
            for o in opinions]
    if old:
        kept = list(csv.reader(io.StringIO(old.decode("utf-8-sig", "replace"), newline="")))
        rows.extend(row for row in kept[1:] if row and row[0] not in read)
    buf = io.StringIO(newline="")
    w = csv_writer(buf)
    w.writerow(("dossier", "assessor", "opinion", "amount", "comment"))
    for row in sorted(rows, key=lambda r: (r[0], r[1] if len(r) > 1 else "")):
        w.writerow(row)
    return buf.getvalue().encode("utf-8")


def _state(state: dict[str, Any], mapped: Mapped, source: Source,
           started: dt.datetime | None, managed: list[str],
           left: dict[str, str] | None = None) -> bytes:
    # a full answer replaces what was known; an incremental one adds to it
    known = state.get("dossiers", {})
    left = left or {}
    dossiers: dict[str, Any] = {} if source.complete else dict(known)
    for d in mapped.dossiers:
        entry: dict[str, Any] = {"number": d.number, "state": d.state}
        old = known.get(d.id)
        gid = d.graphql_id or (old.get("graphql_id") if isinstance(old, dict) else None)
        if gid:  # an export has no API id: the one an API refresh gave is kept
            entry["graphql_id"] = gid
        # what the platform gave, to tell a value edited by hand since (_keep_hand_edits);
        # a fact the source does not give keeps its digest
        marks = dict(old.get("facts", {})) if isinstance(old, dict) and \
            isinstance(old.get("facts"), dict) else {}
        marks.update({k: digest(d.title if k == "title" else d.facts.get(k)) for k in managed})
        entry["facts"] = dict(sorted(marks.items()))
        dossiers[d.id] = entry
    for did, st in mapped.outside.items():
        old = known.get(did)
        if did in left and isinstance(old, dict):
            # its file is kept (sent back « en construction » for correction, most often):
            # what isgrid knows of it (API id, the platform's values) stays for its return
            dossiers[did] = {**old, "state": st}
        else:
            dossiers.pop(did, None)
    out: dict[str, Any] = {"source": source.kind, "dossiers": dict(sorted(dossiers.items()))}
    since = state.get("api_updated_since")
    if started is not None:
        since = started.isoformat()
    if since:
        out["api_updated_since"] = since
    return (json.dumps(out, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
