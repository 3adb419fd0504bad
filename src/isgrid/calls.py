"""Loading a call folder: call.yaml, the grid, dossiers, ratings.

Every file is read and every problem collected before anything is decided: a
secretary who gets twelve problems at once fixes them in one evening; one who
gets them one by one gives up.  Paths never leave the call folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from pathlib import Path
from typing import Any

import jsonschema
import numpy as np
from pydantic import ValidationError

from .callmodel import Assessor, Call, CallConfig, Dossier
from .checks import fact_spec
from .errors import (
    CallError,
    Collector,
    Diagnostic,
    GridError,
    Location,
    UsageError,
    excerpt,
)
from .facts import coerce, fact_schema, quick_valid
from .grids import LoadedGrid, derive_grid, find_grid_file, load_grid
from .io.tabular import Table, read_csv, read_xlsx
from .io.text import gc_paused
from .io.yamlio import Doc, format_path, load_yaml
from .model import ID_PATTERN, FactSpec
from .ratingtable import RatingTable, duplicate_rows, read_ratings_file
from .scales import parse_value
from .validation import validation_diagnostics

RESERVED_DOSSIER_KEYS = {"id", "title", "summary", "narrative", "self_assessment", "fictitious"}
_ID_RE = re.compile(ID_PATTERN)


def _rel(folder: Path, path: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.as_posix()


def inside(folder: Path, path: Path) -> bool:
    """True when ``path`` (after resolving symlinks) stays inside ``folder``."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def load_call(folder: Path | str) -> Call:
    """Load a call folder; raise :class:`CallError` (or GridError) with every problem."""
    with gc_paused():
        return _load_call(folder)


def _load_call(folder: Path | str) -> Call:
    folder = Path(folder)
    diags = Collector()
    if not folder.is_dir():
        raise UsageError(f"no call folder {folder}", [Diagnostic(
            "file-not-found", f"no call folder {folder}", Location(str(folder)),
            hint="Give the folder that holds call.yaml.")])
    call_file = folder / "call.yaml"
    if not call_file.is_file():
        diags.add("file-not-found", "the call folder has no call.yaml", Location(str(call_file)),
                  hint="Create one with `isgrid call init DIR --grid GRID`.")
        raise CallError("no call.yaml", diags.items)
    if not inside(folder, call_file):
        diags.add("path-escape", "call.yaml links to a file outside the call folder",
                  Location(str(call_file)), hint="Copy the file into the folder instead.")
        raise CallError("call.yaml is outside the call folder", diags.items)
    doc = load_yaml(call_file, diags)
    if doc is None:
        raise CallError("call.yaml cannot be read", diags.items)
    try:
        config = CallConfig.model_validate(doc.data)
    except ValidationError as exc:
        validation_diagnostics(exc, CallConfig, doc, diags, code="call-invalid")
        raise CallError("call.yaml has errors", diags.items) from None

    grid = _load_call_grid(folder, config, doc, diags)
    if grid is None:
        exc_type = GridError if any(d.code != "path-escape" for d in diags.errors) else CallError
        raise exc_type("the call's grid has errors", diags.items)
    inputs: dict[str, str] = {}
    _hash(folder, call_file, inputs)
    dossiers = _load_dossiers(folder, config, grid, diags, inputs)
    assessors = {a.id: a for a in (config.assessors or [])}
    declared = config.assessors is not None
    table = _load_ratings(folder, grid, dossiers, assessors, declared, diags, inputs)
    _check_conflicts_and_consensus(config, doc, grid, dossiers, assessors, table, diags)
    _expected_ratings(config, doc, dossiers, table, diags, folder)
    _check_meeting_constraints_journal(folder, config, doc, dossiers, diags, inputs)
    rated = {table.dossier_ids[di] for di in np.unique(
        np.asarray(table.dossier, dtype=np.int64)[_given(table)]).tolist()}
    for d in dossiers:
        if d.id not in rated:
            diags.add("no-ratings", f"the dossier {d.id!r} has no ratings yet",
                      Location(d.file), severity="warning")
    if not dossiers and not diags.errors:
        diags.add("no-dossiers", "the call has no dossiers", Location(str(folder)))
    diags.raise_if_errors(CallError, "the call has errors")
    return Call(folder, config, grid, dossiers, table, assessors, inputs,
                grid.warnings + diags.warnings)


def _expected_ratings(config: CallConfig, doc: Doc, dossiers: list[Dossier],
                      table: RatingTable, diags: Collector, folder: Path) -> None:
    """Warn, per declared juré, about the dossiers they have not rated yet.

    A juré with ``dossiers`` listed is expected on those; otherwise on every
    dossier they are not conflicted on.  Instructors are not checked: they rate
    eligibility, which reports its own unknowns.
    """
    if config.assessors is None:
        return
    conflicted = {(c.assessor, c.dossier) for c in config.conflicts}
    given = _given(table)
    pairs = np.unique(np.asarray(table.assessor, dtype=np.int64)[given] * len(table.dossier_ids)
                      + np.asarray(table.dossier, dtype=np.int64)[given]).tolist()
    n_d = len(table.dossier_ids)
    done = {(table.assessor_ids[k // n_d], table.dossier_ids[k % n_d]) for k in pairs}
    ids = [d.id for d in dossiers]
    assigned = _assignments(folder)
    for i, a in enumerate(config.assessors):
        if a.role != "juré":
            continue
        expected = a.dossiers if a.dossiers is not None else assigned.get(a.id, ids)
        missing = [d for d in expected if d in ids and (a.id, d) not in conflicted
                   and (a.id, d) not in done]
        if missing:
            shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more"
                                               if len(missing) > 10 else "")
            diags.add("ratings-missing",
                      f"{a.id} has not rated {len(missing)} dossier(s) yet: {shown}",
                      doc.loc(("assessors", i)), severity="warning")


def _assignments(folder: Path) -> dict[str, list[str]]:
    """``assignments.csv`` (dossier,assessor), written by ``isgrid assign``: who rates what."""
    path = folder / "assignments.csv"
    if not path.is_file() or not inside(folder, path):
        return {}
    table = read_csv(path, Collector())
    out: dict[str, list[str]] = {}
    if table is None:
        return out
    for row in table.rows:
        a = str(row.values.get("assessor", "")).strip()
        d = str(row.values.get("dossier", "")).strip()
        if a and d:
            out.setdefault(a, []).append(d)
    return out


def _check_meeting_constraints_journal(folder: Path, config: CallConfig, doc: Doc,
                                       dossiers: list[Dossier], diags: Collector,
                                       inputs: dict[str, str]) -> None:
    """Validate the ``meeting`` and ``constraints`` blocks (located) and the journal chain."""
    from pydantic import TypeAdapter

    from .constraints import Constraint
    from .journal import journal_path, verify_journal
    from .meeting import Meeting

    data = doc.data if isinstance(doc.data, dict) else {}
    if config.constraints:
        try:
            TypeAdapter(list[Constraint]).validate_python(data.get("constraints"))
        except ValidationError as exc:
            validation_diagnostics(exc, CallConfig, doc, diags, prefix=("constraints",),
                                   code="call-invalid")
    if config.meeting:
        try:
            meeting = Meeting.model_validate(config.meeting)
        except ValidationError as exc:
            validation_diagnostics(exc, Meeting, doc, diags, prefix=("meeting",),
                                   code="call-invalid")
        else:
            ids = {d.id for d in dossiers}
            for i, x in enumerate(meeting.interests):
                if x.dossier not in ids:
                    diags.add("unknown-dossier", f"meeting names an unknown dossier {x.dossier!r}",
                              doc.loc(("meeting", "interests", i)))
            for i, y in enumerate(meeting.left_room):
                if y.dossier not in ids:
                    diags.add("unknown-dossier", f"meeting names an unknown dossier {y.dossier!r}",
                              doc.loc(("meeting", "left_room", i)))
    jpath = journal_path(folder)
    if jpath.is_file():
        if not inside(folder, jpath):
            diags.add("path-escape", "journal.jsonl links outside the call folder",
                      Location(str(jpath)))
            return
        _hash(folder, jpath, inputs)
        diags.extend(verify_journal(jpath))


def _given(table: RatingTable) -> Any:
    """Mask of the rows that give a value or an explicit n/a (not an empty cell)."""
    v = np.asarray(table.value, dtype=np.float64)
    return ~np.isnan(v) | np.asarray(table.na, dtype=bool)


def _hash(folder: Path, path: Path, inputs: dict[str, str]) -> None:
    with contextlib.suppress(OSError):  # unreadable files are reported elsewhere
        inputs[_rel(folder, path)] = hashlib.sha256(path.read_bytes()).hexdigest()


def _load_call_grid(folder: Path, config: CallConfig, doc: Doc,
                    diags: Collector) -> LoadedGrid | None:
    ref = config.grid
    if not ref.endswith((".yaml", ".yml")) and ("/" in ref or "\\" in ref or ".." in ref):
        diags.add("path-escape", f"the grid {ref!r} is neither a grid id nor a .yaml file "
                  "inside the call folder", doc.loc(("grid",)),
                  hint="Give a shipped grid id (isgrid grids list) or grid.yaml in the folder.")
        return None
    if ref.endswith((".yaml", ".yml")):
        path = folder / ref
        if Path(ref).is_absolute() or not inside(folder, path):
            diags.add("path-escape", f"the grid path {ref!r} leaves the call folder",
                      doc.loc(("grid",)))
            return None
    found = find_grid_file(ref, folder)
    if found is None:
        try:
            load_grid(ref, near=folder)
        except GridError as exc:
            for d in exc.diagnostics:
                diags.add(d.code, d.message, doc.loc(("grid",)), hint=d.hint)
        return None
    try:
        loaded = load_grid(ref, near=folder)
    except GridError as exc:
        diags.extend(exc.diagnostics)
        return None
    if config.set or config.add or config.remove:
        changes = doc.data
        derived = derive_grid(loaded, changes, doc, diags)
        return derived
    return loaded


# ----------------------------------------------------------------- dossiers
def _load_dossiers(folder: Path, config: CallConfig, grid: LoadedGrid, diags: Collector,
                   inputs: dict[str, str]) -> list[Dossier]:
    facts = grid.grid.facts
    schema = fact_schema(facts)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    out: list[Dossier] = []
    table_file = config.dossier_table.file if config.dossier_table else None
    yaml_dir = folder / "dossiers"
    tables = [folder / n for n in ("dossiers.csv", "dossiers.xlsx") if (folder / n).is_file()]
    if table_file is not None:
        p = folder / table_file
        if Path(table_file).is_absolute() or not inside(folder, p):
            diags.add("path-escape", f"{table_file!r} leaves the call folder",
                      Location(str(folder / "call.yaml"), key_path="dossier_table.file"))
            return []
        tables = [p]
    if yaml_dir.is_dir():
        for path in _files(yaml_dir, (".yaml", ".yml"), diags):
            if not inside(folder, path):
                diags.add("path-escape", f"{path.name} links outside the call folder",
                          Location(str(path)))
                continue
            d = _dossier_from_yaml(path, facts, validator, diags)
            _hash(folder, path, inputs)
            if d is not None:
                out.append(d)
    for tpath in tables:
        if not tpath.is_file():
            diags.add("file-not-found", f"no dossier table {tpath.name}", Location(str(tpath)))
            continue
        if not inside(folder, tpath):
            diags.add("path-escape", f"{tpath.name} links outside the call folder",
                      Location(str(tpath)))
            continue
        _hash(folder, tpath, inputs)
        out.extend(_dossiers_from_table(tpath, config, facts, validator, diags))
    seen: dict[str, str] = {}
    for d in out:
        if d.id in seen:
            diags.add("duplicate-dossier", f"the dossier id {d.id!r} is used twice "
                      f"(also in {seen[d.id]})", Location(d.file))
        seen[d.id] = d.file
    return sorted(out, key=lambda d: d.id)


def _files(folder: Path, suffixes: tuple[str, ...], diags: Collector) -> list[Path]:
    """The regular files of ``folder`` with one of ``suffixes`` (any case), sorted.

    ``D03.YAML`` or ``j2.CSV`` (as Windows tools write them) are read like the
    others; a named pipe or a device with such a name is reported, never opened.
    """
    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in suffixes or path.name.startswith(("~$", ".")):
            continue  # lock files of office software, hidden files
        if not path.is_file():
            if not path.is_dir():
                diags.add("file-not-found", f"{path.name} is not a regular file",
                          Location(str(path)), hint="Replace it by an ordinary file.")
            continue
        out.append(path)
    return out


def _check_id(value: Any, loc: Location, diags: Collector, what: str) -> str | None:
    if value is None or str(value).strip() == "":
        diags.add("schema-invalid" if what == "grid" else "call-invalid",
                  f"the {what} has no id", loc)
        return None
    text = str(value).strip()
    if not _ID_RE.match(text):
        diags.add("invalid-id", f"the id {text!r} has characters isgrid does not accept", loc)
        return None
    return text


def _dossier_from_yaml(path: Path, facts: dict[str, FactSpec],
                       validator: jsonschema.protocols.Validator,
                       diags: Collector) -> Dossier | None:
    doc = load_yaml(path, diags)
    if doc is None:
        return None
    data = doc.data
    did = _check_id(doc.raw.get(("id",), data.get("id")), doc.loc(("id",)), diags, "dossier")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        diags.add("call-invalid", "the dossier has no title", doc.loc(("title",)))
    typed: dict[str, Any] = {}
    unknown: list[str] = []
    for key, value in data.items():
        if key in RESERVED_DOSSIER_KEYS:
            continue
        spec = facts.get(key)
        if spec is None:
            unknown.append(str(key))
            continue
        typed[key] = _coerce_located(value, spec, doc, (key,))
    if unknown:
        shown = ", ".join(excerpt(k, 40) for k in unknown[:5])
        more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
        diags.add("unknown-fact-key",
                  f"{'facts' if len(unknown) > 1 else 'the fact'} {shown}{more} "
                  f"{'are' if len(unknown) > 1 else 'is'} not declared by the grid",
                  doc.key_loc((unknown[0],)), severity="warning")
    _validate_facts(typed, validator, doc.loc, diags)
    if did is None:
        return None
    sa = data.get("self_assessment")
    return Dossier(
        did, str(title or ""), typed, str(path),
        summary=data.get("summary") if isinstance(data.get("summary"), str) else None,
        narrative=data.get("narrative") if isinstance(data.get("narrative"), str) else None,
        self_assessment=sa if isinstance(sa, dict) else None,
    )


def _coerce_located(value: Any, spec: FactSpec, doc: Doc, path: tuple[Any, ...]) -> Any:
    """Coerce using the raw text of plain scalars, recursively through lists/objects."""
    if spec.type == "array" and isinstance(value, list) and spec.items is not None:
        return [_coerce_located(v, spec.items, doc, (*path, i)) for i, v in enumerate(value)]
    if spec.type == "object" and isinstance(value, dict) and spec.properties is not None:
        out = {
            k: (_coerce_located(v, spec.properties[k], doc, (*path, k))
                if k in spec.properties else v)
            for k, v in value.items()
        }
        return {k: v for k, v in out.items() if v is not None and v != ""}  # empty = absent
    raw = doc.raw.get(path) if spec.type == "string" and not isinstance(value, bool) else None
    if spec.type == "string" and value is None:
        raw = None
    return coerce(value, spec, raw)


#: Money facts the engine spends (DESIGN.md, "Money"): never negative.
MONEY_FACTS = ("amount_requested", "eligible_costs")


def _validate_facts(typed: dict[str, Any], validator: Any, locate: Any,
                    diags: Collector, facts: dict[str, FactSpec] | None = None) -> None:
    clean = {k: v for k, v in typed.items() if v is not None}
    for name in MONEY_FACTS:
        v = clean.get(name)
        if isinstance(v, int | float) and not isinstance(v, bool) and v < 0:
            diags.add("fact-invalid", f"{name}: {v} is a negative amount", locate((name,)),
                      hint="Amounts are in euros, zero or more.")
    if facts is not None and quick_valid(clean, facts):
        return  # flat facts that surely pass: skip the (slower) schema validator
    for err in sorted(validator.iter_errors(clean), key=lambda e: list(e.absolute_path)):
        path = tuple(err.absolute_path)
        if err.validator == "required":
            missing = str(err.message).split("'")[1] if "'" in str(err.message) else "?"
            diags.add("fact-invalid", f"the required fact {missing!r} is missing", locate(()))
            continue
        label = format_path(path) or "facts"
        diags.add("fact-invalid", f"{label}: {_schema_message(err)}", locate(path))


def _schema_message(err: Any) -> str:
    v = err.validator
    inst = err.instance
    if v == "type":
        return f"expected {err.validator_value}, got {excerpt(inst)}"
    if v == "enum":
        return f"{excerpt(inst)} is not one of {', '.join(map(str, err.validator_value))}"
    if v in ("pattern", "format"):
        return f"{excerpt(inst)} is not a date (YYYY-MM-DD or DD/MM/YYYY)"
    if v in ("minimum", "maximum"):
        return f"{excerpt(inst)} is {'below' if v == 'minimum' else 'above'} {err.validator_value}"
    return excerpt(str(err.message), 200)


def _dossiers_from_table(path: Path, config: CallConfig, facts: dict[str, FactSpec],
                         validator: Any, diags: Collector) -> list[Dossier]:
    mapping = dict(config.dossier_table.columns) if config.dossier_table else {}
    list_sheets: dict[str, Table] = {}
    if path.suffix.lower() == ".xlsx":
        sheets = read_xlsx(path, diags)
        if not sheets:
            if sheets is not None:
                diags.add("xlsx-unreadable", "the workbook has no sheet", Location(str(path)))
            return []
        names = list(sheets)
        main = sheets.get("dossiers", sheets[names[0]])
        for name, t in sheets.items():
            if t is not main:
                list_sheets[name] = t
    else:
        csv_table = read_csv(path, diags)
        if csv_table is None:
            return []
        main = csv_table
    cols = {c: mapping.get(c, c) for c in main.columns}
    if "id" not in cols.values():
        diags.add("csv-missing-column", "the dossier table has no `id` column",
                  Location(main.file, sheet=main.sheet, cell="A1") if main.sheet
                  else Location(main.file, line=1), hint="Add an `id` column, or "
                  "map a column to id under dossier_table.columns in call.yaml.")
        return []
    for col, target in cols.items():
        root = target.split(".")[0].split("[")[0]
        if target not in RESERVED_DOSSIER_KEYS and fact_spec(facts, target) is None \
                and root not in facts:
            diags.add("unknown-fact-key", f"the column {col!r} is not a declared fact",
                      main.header_locations.get(col, Location(main.file)), severity="warning")
    out: list[Dossier] = []
    by_id: dict[str, dict[str, Any]] = {}
    for row in main.rows:
        raw: dict[str, Any] = {}
        locs: dict[tuple[Any, ...], Location] = {}
        for col, target in cols.items():
            raw[target] = row.values.get(col)
            locs[(target.split(".")[0].split("[")[0],)] = row.loc(col)
        did = _check_id(raw.get("id"), row.loc(_col_for(cols, "id")), diags, "dossier")
        typed: dict[str, Any] = {}
        arrays: dict[str, dict[str, list[str]]] = {}
        for target, value in raw.items():
            if target in RESERVED_DOSSIER_KEYS:
                continue
            if "[]." in target:
                arr, prop = target.split("[].", 1)
                cells = [v.strip() for v in str(value or "").split(";")]
                arrays.setdefault(arr, {})[prop] = [c for c in cells if c] if value else []
                continue
            spec = facts.get(target)
            if spec is None:
                continue
            value = value if not isinstance(value, str) else value.strip()
            typed[target] = coerce(value, spec, value if isinstance(value, str) else None)
        for arr, props in arrays.items():
            spec = facts.get(arr)
            if spec is None:
                continue
            length = max((len(v) for v in props.values()), default=0)
            items = [{p: (vals[i] if i < len(vals) else None) for p, vals in props.items()}
                     for i in range(length)]
            typed[arr] = coerce(items, spec)
        _validate_facts(typed, validator,
                        lambda p, _row=row, _locs=locs: _locs.get(p[:1], _row.where), diags,
                        facts)
        if did is None:
            continue
        title = raw.get("title")
        d = Dossier(did, str(title or ""), typed, f"{row.where}")
        out.append(d)
        by_id[did] = typed
    for name, t in list_sheets.items():
        spec = facts.get(name)
        if spec is None or spec.type != "array":
            continue  # extra sheets (instructions...) are ignored
        for row in t.rows:
            did = str(row.values.get("dossier", "")).strip()
            if did not in by_id:
                diags.add("unknown-dossier", f"the row names an unknown dossier {did!r}",
                          row.loc("dossier"))
                continue
            item = {k: v for k, v in row.values.items() if k != "dossier" and v != ""}
            by_id[did].setdefault(name, []).append(
                coerce(item, spec.items) if spec.items is not None else item
            )
    return out


def _col_for(cols: dict[str, str], target: str) -> str:
    for c, t in cols.items():
        if t == target:
            return c
    return target


# ----------------------------------------------------------------- ratings
def _load_ratings(folder: Path, grid: LoadedGrid, dossiers: list[Dossier],
                  assessors: dict[str, Assessor], declared: bool, diags: Collector,
                  inputs: dict[str, str]) -> RatingTable:
    g = grid.grid
    table = RatingTable([d.id for d in dossiers], [c.id for c in g.criteria()],
                        list(assessors))
    rdir = folder / "ratings"
    if not rdir.is_dir():
        return table
    index = {d.id: i for i, d in enumerate(dossiers)}
    for path in _files(rdir, (".csv",), diags):
        if not inside(folder, path):
            diags.add("path-escape", f"{path.name} links outside the call folder",
                      Location(str(path)))
            continue
        _hash(folder, path, inputs)
        read_ratings_file(path, table, g, index, assessors, declared, diags)
    duplicate_rows(table, diags)
    return table


def _check_conflicts_and_consensus(config: CallConfig, doc: Doc, grid: LoadedGrid,
                                   dossiers: list[Dossier], assessors: dict[str, Assessor],
                                   table: RatingTable, diags: Collector) -> None:
    ids = {d.id for d in dossiers}
    g = grid.grid
    crits = {c.id: c for c in g.criteria()}
    conflicted = set()
    for i, c in enumerate(config.conflicts):
        if c.dossier not in ids:
            diags.add("unknown-dossier", f"the conflict names an unknown dossier {c.dossier!r}",
                      doc.loc(("conflicts", i, "dossier")))
        if c.assessor not in assessors:
            diags.add("unknown-assessor", f"the conflict names an unknown assessor {c.assessor!r}",
                      doc.loc(("conflicts", i, "assessor")))
        conflicted.add((c.assessor, c.dossier))
    warned: set[tuple[str, str]] = set()
    if conflicted and len(table):
        conf_dossiers = {table.dossier_ids.index(d) for _, d in conflicted
                         if d in table.dossier_ids}
        rows = np.flatnonzero(np.isin(np.asarray(table.dossier, dtype=np.int64),
                                      np.asarray(sorted(conf_dossiers), dtype=np.int64)))
        for k in rows.tolist():
            key = (table.assessor_ids[table.assessor[k]], table.dossier_ids[table.dossier[k]])
            if key in conflicted and key not in warned and (
                    table.na[k] or table.value[k] == table.value[k]):
                warned.add(key)
                diags.add("conflicted-rating",
                          f"{key[0]} is conflicted on {key[1]}; their ratings are excluded",
                          Location(table.files[table.file[k]], line=table.line[k]),
                          severity="warning")
    seen: set[tuple[str, str]] = set()
    for i, cs in enumerate(config.consensus):
        at = ("consensus", i)
        if cs.dossier not in ids:
            diags.add("unknown-dossier", f"the consensus names an unknown dossier {cs.dossier!r}",
                      doc.loc((*at, "dossier")))
        if cs.criterion not in crits:
            diags.add("unknown-criterion",
                      f"the consensus names an unknown criterion {cs.criterion!r}",
                      doc.loc((*at, "criterion")))
            continue
        parsed = parse_value(cs.value, g.scales[crits[cs.criterion].scale])
        if parsed.error or parsed.value is None:
            diags.add("bad-consensus", f"consensus value: {parsed.error or 'no value'}",
                      doc.loc((*at, "value")))
        if (cs.dossier, cs.criterion) in seen:
            diags.add("bad-consensus", f"two consensus values for {cs.dossier} / {cs.criterion}",
                      doc.loc(at))
        seen.add((cs.dossier, cs.criterion))
    if config.assessors is not None:
        for i, a in enumerate(config.assessors):
            for j, did in enumerate(a.dossiers or []):
                if did not in ids:
                    diags.add("unknown-dossier", f"{a.id} is assigned an unknown dossier {did!r}",
                              doc.loc(("assessors", i, "dossiers", j)))


def consensus_values(config: CallConfig, grid: LoadedGrid) -> dict[tuple[str, str], Any]:
    """Consensus values by (dossier, criterion), parsed on their scales."""
    g = grid.grid
    out: dict[tuple[str, str], Any] = {}
    for cs in config.consensus:
        crit = g.criterion(cs.criterion)
        parsed = parse_value(cs.value, g.scales[crit.scale])
        out[(cs.dossier, cs.criterion)] = (parsed.value, cs.reason)
    return out
