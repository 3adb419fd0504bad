"""Dossiers of a call: one YAML file each, or one table (CSV or workbook).

Facts are typed by the grid (``isgrid.grid.facts``), then validated against the
JSON Schema generated from it; the place of every problem is kept.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from ..errors import Collector, Count, Location, Message, excerpt
from ..grid.check import fact_spec
from ..grid.facts import coerce, fact_schema, quick_valid, value_quick_valid, value_schema
from ..grid.load import LoadedGrid
from ..grid.model import ID_PATTERN, FactSpec
from ..i18n import N_
from ..io.folder import hash_into as _hash
from ..io.folder import inside, listed
from ..io.ratingsfile import ARROW_MIN_BYTES, dictionary_codes, plain_csv_table
from ..io.tabular import Row, Table, parse_csv, read_xlsx
from ..io.text import decode, read_bytes
from ..io.yamlio import Doc, format_path, load_yaml
from .model import CallConfig, Dossier

RESERVED_DOSSIER_KEYS = {"id", "title", "summary", "narrative", "self_assessment", "fictitious"}
_ID_RE = re.compile(ID_PATTERN)


def load_dossiers(folder: Path, config: CallConfig, grid: LoadedGrid, diags: Collector,
                   inputs: dict[str, str]) -> list[Dossier]:
    facts = grid.grid.facts
    schema = fact_schema(facts)
    validator = _LazyValidator(schema)
    out: list[Dossier] = []
    read: dict[str, str] = {}  # sha256 of the bytes read, by path (for inputs)
    table_file = config.dossier_table.file if config.dossier_table else None
    yaml_dir = folder / "dossiers"
    tables = [folder / n for n in ("dossiers.csv", "dossiers.xlsx") if (folder / n).is_file()]
    if table_file is not None:
        p = folder / table_file
        if Path(table_file).is_absolute() or not inside(folder, p):
            diags.add("path-escape", Message("{path} leaves the call folder",
                                             path=repr(table_file)),
                      Location(str(folder / "call.yaml"), key_path="dossier_table.file"))
            return []
        tables = [p]
    if yaml_dir.is_dir():
        plan = _YamlPlan(facts)
        dir_inside = inside(folder, yaml_dir)  # then only links need resolving, file by file
        for name, link in listed(yaml_dir, (".yaml", ".yml"), diags):
            path = yaml_dir / name
            if not (dir_inside and not link) and not inside(folder, path):
                diags.add("path-escape", Message("{name} links outside the call folder",
                                                 name=path.name),
                          Location(str(path)))
                continue
            d = _dossier_from_yaml(path, facts, validator, diags, read, plan)
            _hash(folder, path, inputs, read)
            if d is not None:
                out.append(d)
    for tpath in tables:
        if not tpath.is_file():
            diags.add("file-not-found", Message("no dossier table {name}", name=tpath.name),
                      Location(str(tpath)))
            continue
        if not inside(folder, tpath):
            diags.add("path-escape", Message("{name} links outside the call folder",
                                             name=tpath.name),
                      Location(str(tpath)))
            continue
        out.extend(_dossiers_from_table(tpath, config, facts, validator, diags, read))
        _hash(folder, tpath, inputs, read)
    seen: dict[str, str] = {}
    for d in out:
        if d.id in seen:
            diags.add("duplicate-dossier", Message("the dossier id {dossier} is used twice (also "
                                                   "in {seen})",
                                                   dossier=repr(d.id), seen=seen[d.id]), Location(d.file))
        seen[d.id] = d.file
    return sorted(out, key=lambda d: d.id)


def _check_id(value: Any, loc: Location, diags: Collector, what: str) -> str | None:
    if value is None or str(value).strip() == "":
        diags.add("schema-invalid" if what == "grid" else "call-invalid",
                  Message("the dossier has no id") if what == "dossier" else Message(
                      "the {what} has no id", what=what), loc)
        return None
    text = str(value).strip()
    if not _ID_RE.match(text):
        diags.add("invalid-id", Message("the id {value} has characters isgrid does not accept",
                                        value=repr(text)), loc)
        return None
    return text


class _YamlPlan:
    """What the grid's facts decide for dossier files, worked out once per call.

    As :class:`_TablePlan` for a table's columns: a scalar fact keeps a cache, value
    as written -> (typed value, whether it surely validates).  A plain scalar is
    keyed by its text (which alone decides what YAML and the coercion make of it),
    a quoted one by its string; the typed value is the one :func:`_coerce_located`
    gives.  A dossier whose every fact is surely valid, with every required fact
    present, is exactly one on which :func:`_validate_facts` finds nothing.
    """

    def __init__(self, facts: dict[str, FactSpec]) -> None:
        self.plain: dict[str, dict[str, tuple[Any, bool]]] = {}
        self.quoted: dict[str, dict[str, tuple[Any, bool]]] = {}
        for name, spec in facts.items():
            if spec.type in _CACHED_TYPES:
                self.plain[name] = {}
                self.quoted[name] = {}
        self.required = [name for name, spec in facts.items() if spec.required]


def _dossier_from_yaml(path: Path, facts: dict[str, FactSpec],
                       validator: Any,
                       diags: Collector, read: dict[str, str] | None = None,
                       plan: _YamlPlan | None = None) -> Dossier | None:
    doc = load_yaml(path, diags, hashes=read)
    if doc is None:
        return None
    data = doc.data
    raw_id = doc.raw.get(("id",), data.get("id"))
    if isinstance(raw_id, str) and _ID_RE.match(raw_id) and raw_id == raw_id.strip():
        did: str | None = raw_id  # what _check_id returns, without building its Location
    else:
        did = _check_id(raw_id, doc.loc(("id",)), diags, "dossier")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        diags.add("call-invalid", Message("the dossier has no title"), doc.loc(("title",)))
    typed: dict[str, Any] = {}
    unknown: list[str] = []
    ok = plan is not None
    raws = doc.raw
    for key, value in data.items():
        if key in RESERVED_DOSSIER_KEYS:
            continue
        spec = facts.get(key)
        if spec is None:
            unknown.append(str(key))
            continue
        if plan is not None and key in plan.plain:
            raw = raws.get((key,))
            cache = plan.plain[key] if raw is not None else (
                plan.quoted[key] if isinstance(value, str) else None)
            if cache is not None:
                written = raw if raw is not None else value
                hit = cache.get(written)
                if hit is None:
                    hit = _typed_cell(_coerce_located(value, spec, doc, (key,)), spec, key)
                    cache[written] = hit
                typed[key], good = hit
                if not good:
                    ok = False
                continue
        ok = False
        typed[key] = _coerce_located(value, spec, doc, (key,))
    if unknown:
        shown = ", ".join(excerpt(k, 40) for k in unknown[:5])
        diags.add("unknown-fact-key",
                  Message("facts {facts} and {n} more are not declared by the grid", facts=shown,
                          n=Count(len(unknown) - 5)) if len(unknown) > 5 else
                  Message("facts {facts} are not declared by the grid", facts=shown)
                  if len(unknown) > 1 else Message(
                      "the fact {fact} is not declared by the grid", fact=shown),
                  doc.key_loc((unknown[0],)), severity="warning")
    if ok and plan is not None:
        for name in plan.required:
            if typed.get(name) is None:
                ok = False
                break
    if not ok:  # otherwise _validate_facts would find nothing (see _YamlPlan)
        _validate_facts(typed, validator, doc.loc, diags, facts)
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


class _LazyValidator:
    """The JSON Schema validator of the facts, built (and jsonschema imported) on first use.

    A large table of well-formed rows never needs it: rows that pass the quick
    check skip it (about 50 ms of start-up saved on every such call).
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self._validator: Any = None

    def iter_errors(self, instance: Any) -> Any:
        if self._validator is None:
            import jsonschema

            self._validator = jsonschema.Draft202012Validator(
                self.schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        return self._validator.iter_errors(instance)


def _validate_facts(typed: dict[str, Any], validator: Any, locate: Any,
                    diags: Collector, facts: dict[str, FactSpec] | None = None,
                    later: Collection[str] = ()) -> None:
    """Every problem of one dossier's facts, located by ``locate(path)``.

    ``later``: facts a workbook's list sheet may still give (a missing one is
    reported once the sheets are read, by :func:`_merge_list_sheets`).
    """
    clean = {k: v for k, v in typed.items() if v is not None}
    for name in MONEY_FACTS:
        v = clean.get(name)
        if isinstance(v, int | float) and not isinstance(v, bool) and v < 0:
            diags.add("fact-invalid", Message("{name}: {value} is a negative amount", name=name,
                                              value=v), locate((name,)),
                      hint="Amounts are in euros, zero or more.")
    if facts is not None and quick_valid(clean, facts):
        return  # flat facts that surely pass: skip the (slower) schema validator
    for err in sorted(validator.iter_errors(clean), key=lambda e: list(e.absolute_path)):
        path = tuple(err.absolute_path)
        if err.validator == "required":
            missing = str(err.message).split("'")[1] if "'" in str(err.message) else "?"
            if missing in later:
                continue
            diags.add("fact-invalid", Message("the required fact {missing} is missing",
                                              missing=repr(missing)), locate(()))
            continue
        label = format_path(path) or "facts"
        diags.add("fact-invalid", Message("{label}: {schema_message}",
                                          label=label, schema_message=_schema_message(err)), locate(path))


#: The JSON Schema type names of facts, as words of the catalog (« number » → « un nombre »).
_JSON_TYPES = {"number": N_("number"), "integer": N_("integer"), "string": N_("string"),
               "boolean": N_("boolean"), "array": N_("array"), "object": N_("object")}


def _schema_message(err: Any) -> Message:
    v = err.validator
    inst = err.instance
    if v == "type":
        expected = err.validator_value
        return Message("expected {expected}, got {value}", value=excerpt(inst),
                       expected=Message(_JSON_TYPES[expected]) if expected in _JSON_TYPES
                       else expected)
    if v == "enum":
        return Message("{value} is not one of {allowed}", value=excerpt(inst),
                       allowed=", ".join(map(str, err.validator_value)))
    if v in ("pattern", "format"):
        return Message("{value} is not a date (YYYY-MM-DD or DD/MM/YYYY)", value=excerpt(inst))
    if v == "minimum":
        return Message("{value} is below {bound}", value=excerpt(inst), bound=err.validator_value)
    if v == "maximum":
        return Message("{value} is above {bound}", value=excerpt(inst), bound=err.validator_value)
    return Message("{problem}", problem=excerpt(str(err.message), 200))


def _dossiers_from_table(path: Path, config: CallConfig, facts: dict[str, FactSpec],
                         validator: Any, diags: Collector,
                         read: dict[str, str] | None = None) -> list[Dossier]:
    mapping = dict(config.dossier_table.columns) if config.dossier_table else {}
    list_sheets: dict[str, Table] = {}
    data = b""
    columnar: tuple[list[str], Any, int] | None = None
    if path.suffix.lower() == ".xlsx":
        sheets = read_xlsx(path, diags, hashes=read)
        if not sheets:
            if sheets is not None:
                diags.add("xlsx-unreadable", Message("the workbook has no sheet"),
                          Location(str(path)))
            return []
        names = list(sheets)
        main = sheets.get("dossiers", sheets[names[0]])
        for name, t in sheets.items():
            if t is not main:
                list_sheets[name] = t
    else:
        read_data = read_bytes(path, diags, hashes=read)
        if read_data is None:
            return []
        data = read_data
        # a national call's table (20,000 rows) parsed by Arrow when it is plain: its
        # header stands for the table's until the rows are typed (_from_columns)
        columnar = plain_csv_table(data) if len(data) >= ARROW_MIN_BYTES else None
        if columnar is not None and _plain_header(columnar[0]):
            header, _, header_line = columnar
            main = Table(str(path), header, header_locations={
                c: Location(str(path), line=header_line, column=i + 1)
                for i, c in enumerate(header)})
        else:
            columnar = None
            csv_table = _parsed(data, path, diags)
            if csv_table is None:
                return []
            main = csv_table
    cols = {c: mapping.get(c, c) for c in main.columns}
    if "id" not in cols.values():
        diags.add("csv-missing-column", Message("the dossier table has no `id` column"),
                  Location(main.file, sheet=main.sheet, cell="A1") if main.sheet
                  else Location(main.file, line=1), hint="Add an `id` column, or "
                  "map a column to id under dossier_table.columns in call.yaml.")
        return []
    for col, target in cols.items():
        root = target.split(".")[0].split("[")[0]
        if target not in RESERVED_DOSSIER_KEYS and fact_spec(facts, target) is None \
                and root not in facts:
            diags.add("unknown-fact-key", Message("the column {column} is not a declared fact",
                                                  column=repr(col)),
                      main.header_locations.get(col, Location(main.file)), severity="warning")
    out: list[Dossier] = []
    by_id: dict[str, dict[str, Any]] = {}
    # sheets named after a list fact (partners): one item per row, merged after the rows
    sheet_lists = {name: t for name, t in list_sheets.items()
                   if (s := facts.get(name)) is not None and s.type == "array"}
    rows_by_id: dict[str, Row] = {}
    plan = _TablePlan(cols, facts)
    if columnar is not None:
        typed_rows = _from_columns(columnar[1], columnar[0], columnar[2], plan, main.file)
        if typed_rows is not None:
            return typed_rows
        # a cell to report: the rows as the row reader reads them, header already checked
        main = _parsed(data, path, diags) or main
    for row in main.rows:
        values = row.values
        id_value = values.get(plan.id_col)
        text = str(id_value).strip() if id_value is not None else ""
        if text and _ID_RE.match(text):
            did: str | None = text  # what _check_id returns, without its Location
        else:
            did = _check_id(id_value, row.loc(plan.id_loc_col), diags, "dossier")
        typed: dict[str, Any] = {}
        ok = plan.may_skip_validation
        for target, col, cspec, cache in plan.scalars:
            value = values.get(col)
            if cache is not None and isinstance(value, str):
                hit = cache.get(value)
                if hit is None:
                    hit = cache[value] = _typed_cell(_coerce_cell(value.strip(), cspec),
                                                     cspec, target)
                typed[target], good = hit
            else:
                typed[target], good = _typed_cell(_coerce_cell(
                    value.strip() if isinstance(value, str) else value, cspec), cspec, target)
            if not good:
                ok = False
        if plan.arrays:
            arrays: dict[str, dict[str, list[str]]] = {}
            for arr, prop, col in plan.arrays:
                value = values.get(col)
                cells = [v.strip() for v in str(value or "").split(";")]
                arrays.setdefault(arr, {})[prop] = [c for c in cells if c] if value else []
            for arr, props in arrays.items():
                spec = facts.get(arr)
                if spec is None:
                    continue
                length = max((len(v) for v in props.values()), default=0)
                items = [{p: (vals[i] if i < len(vals) else None) for p, vals in props.items()}
                         for i in range(length)]
                typed[arr] = coerce(items, spec)
        if ok:
            for name in plan.required:
                if typed.get(name) is None:
                    ok = False
                    break
        if not ok:  # otherwise _validate_facts would find nothing (see _TablePlan)
            _validate_facts(typed, validator, lambda p, _row=row: plan.locate(_row, p), diags,
                            facts, sheet_lists)
        if did is None:
            continue
        title = values.get(plan.title_col) if plan.title_col is not None else None
        d = Dossier(did, str(title or ""), typed, row.place())
        out.append(d)
        by_id[did] = typed
        if sheet_lists:
            rows_by_id[did] = row
    if sheet_lists:  # other sheets (instructions...) are ignored
        _merge_list_sheets(sheet_lists, facts, by_id, rows_by_id, plan, diags)
    return out


def _parsed(data: bytes, path: Path, diags: Collector) -> Table | None:
    """The table's rows read one by one, each with its place (:func:`read_csv`'s reading)."""
    text = decode(data, str(path), diags)
    return None if text is None else parse_csv(text, str(path), diags)


def _plain_header(header: list[str]) -> bool:
    """Every column named, and once: a header on which the row reader reports nothing."""
    return all(header) and len(set(header)) == len(header)


def _from_columns(tbl: Any, header: list[str], header_line: int, plan: _TablePlan,
                  file: str) -> list[Dossier] | None:
    """The dossiers of a table Arrow parsed, typed column by column: each distinct
    cell of a column typed once (the plan's caches), then the rows put together.

    None when a cell needs a diagnostic or the row reader's care (an id isgrid
    refuses, a cell the quick check does not accept, a required fact missing, a
    list or object fact in the table): the row reader then reads the table and
    reports it.  Otherwise the dossiers are exactly those the row reader makes,
    on which :func:`_validate_facts` would find nothing (see :class:`_TablePlan`).
    """
    if plan.arrays or any(cache is None for *_, cache in plan.scalars):
        return None
    tbl = tbl.unify_dictionaries()
    at = {c: f"c{i}" for i, c in enumerate(header)}

    def column(col: str) -> tuple[list[int], list[str]]:
        codes, words = dictionary_codes(tbl, at[col])
        return codes.tolist(), words

    codes, words = column(plan.id_col)
    stripped = [w.strip() for w in words]
    if not all(w and _ID_RE.match(w) for w in stripped):
        return None
    ids = [stripped[c] for c in codes]
    titles = [""] * len(ids)
    if plan.title_col is not None:
        codes, words = column(plan.title_col)
        titles = [words[c] for c in codes]
    targets: list[str] = []
    values: list[list[Any]] = []
    for target, col, cspec, cache in plan.scalars:
        assert cache is not None
        codes, words = column(col)
        typed: list[Any] = []
        for w in words:
            hit = cache.get(w)
            if hit is None:
                hit = cache[w] = _typed_cell(_coerce_cell(w.strip(), cspec), cspec, target)
            if not hit[1]:
                return None
            typed.append(hit[0])
        if target in plan.required and any(typed[c] is None for c in set(codes)):
            return None
        targets.append(target)
        values.append([typed[c] for c in codes])
    if any(name not in targets for name in plan.required):
        return None
    first = header_line + 1  # every row is one line (plain_csv_table checks it)
    return [Dossier(did, title, dict(zip(targets, row, strict=True)), f"{file}:{first + i}")
            for i, (did, title, *row) in enumerate(zip(ids, titles, *values, strict=True))]


def _merge_list_sheets(sheet_lists: dict[str, Table], facts: dict[str, FactSpec],
                       by_id: dict[str, dict[str, Any]], rows_by_id: dict[str, Row],
                       plan: _TablePlan, diags: Collector) -> None:
    """Add the items of each list sheet (``partners``: one partner per row) to its dossiers.

    A dossier's list is given in one place: its row of the dossiers sheet (a
    ``partners`` cell, ``partners[].name`` cells) or the list sheet.  An empty
    cell leaves the list to the sheet; a list given in both places is an error
    (``list-given-twice``, at the sheet's first row for that dossier), since
    neither appending nor choosing one would surely be what was meant.  Each
    item is validated against the list's item type, located at its own row.
    """
    for name, t in sheet_lists.items():
        spec = facts[name]
        if "dossier" not in t.columns:
            diags.add("csv-missing-column", Message("the list sheet {name} has no `dossier` column",
                                                    name=repr(name)),
                      Location(t.file, sheet=t.sheet, cell="A1"),
                      hint=Message("Its first row is `dossier`, then one column per property of "
                                   "the items of {name} (see docs/calls.md).",
                                   name=name))
            continue
        item_validator = _LazyValidator(value_schema(spec.items)) if spec.items else None
        filled: set[str] = set()  # dossiers whose list this sheet gives
        refused: set[str] = set()  # dossiers whose list is also in the dossiers sheet
        for row in t.rows:
            raw = row.values.get("dossier")
            did = str(raw).strip() if raw is not None else ""
            if did not in by_id:
                diags.add("unknown-dossier", Message("the row names an unknown dossier {dossier}",
                                                     dossier=repr(did)),
                          row.loc("dossier"))
                continue
            if did in refused:
                continue
            typed = by_id[did]
            if did not in filled:
                given = typed.get(name)
                if given is not None and given != []:
                    refused.add(did)
                    col = plan.roots.get(name)
                    main_row = rows_by_id[did]
                    where = main_row.loc(col) if col is not None else main_row.where
                    diags.add("list-given-twice",
                              Message("the {name} of dossier {dossier} are given twice: in this sheet "
                                      "and in {cell}",
                                      name=name, dossier=repr(did), cell=_cell_name(where)), row.loc("dossier"))
                    continue
                typed[name] = []
                filled.add(did)
            items: list[Any] = typed[name]
            item = {k: v for k, v in row.values.items() if k != "dossier" and v != ""}
            value = coerce(item, spec.items) if spec.items is not None else item
            if item_validator is not None:
                for err in sorted(item_validator.iter_errors(value),
                                  key=lambda e: list(e.absolute_path)):
                    path = tuple(err.absolute_path)
                    label = format_path((name, len(items), *path))
                    if err.validator == "required":
                        label = format_path((name, len(items)))
                    loc = (row.loc(path[0]) if path and isinstance(path[0], str)
                           and path[0] in row.values else row.where)
                    diags.add("fact-invalid", Message("{label}: {schema_message}",
                                                      label=label, schema_message=_schema_message(err)), loc)
            items.append(value)
    for name, t in sheet_lists.items():
        if not facts[name].required:
            continue
        for did, typed in by_id.items():
            if typed.get(name) is None:
                diags.add("fact-invalid", Message("the required fact {name} is missing: neither "
                                                  "the dossiers sheet nor the sheet {sheet} gives "
                                                  "it",
                                                  name=repr(name), sheet=repr(t.sheet)),
                          rows_by_id[did].where)


def _cell_name(where: Location) -> str:
    """A cell of a workbook as a secretary names it: ``dossiers!D3``."""
    if where.sheet is not None:
        return f"{where.sheet}!{where.cell}" if where.cell else where.sheet
    return str(where)


_CACHED_TYPES = ("string", "number", "integer", "boolean", "date")


class _TablePlan:
    """What a table's header decides, worked out once instead of once per row.

    Per row, :func:`_dossiers_from_table` then only reads cells.  A column
    whose fact is a scalar keeps a cache, cell text -> (typed value, whether
    :func:`isgrid.grid.facts.value_quick_valid` accepts it): amounts, départements
    and dates repeat from row to row, and those values are immutable.  A row
    whose every cell is accepted, with every required fact present and no
    list of objects, is exactly a row on which :func:`_validate_facts` finds
    nothing (no negative amount, :func:`isgrid.grid.facts.quick_valid` holds), so
    it is not called; any other row goes through it unchanged.
    """

    def __init__(self, cols: dict[str, str], facts: dict[str, FactSpec]) -> None:
        last: dict[str, str] = {}  # target -> its column: the last one mapped to it wins
        self.roots: dict[str, str] = {}  # fact name -> the column a diagnostic points at
        for col, target in cols.items():
            last[target] = col
            self.roots[target.split(".")[0].split("[")[0]] = col
        self.id_col = last["id"]
        self.id_loc_col = _col_for(cols, "id")
        self.title_col = last.get("title")
        self.scalars: list[tuple[str, str, FactSpec, dict[str, tuple[Any, bool]] | None]] = []
        self.arrays: list[tuple[str, str, str]] = []
        for target, col in last.items():  # in the order the targets first appear
            if target in RESERVED_DOSSIER_KEYS:
                continue
            if "[]." in target:
                arr, prop = target.split("[].", 1)
                self.arrays.append((arr, prop, col))
                continue
            spec = facts.get(target)
            if spec is not None:
                self.scalars.append(
                    (target, col, spec, {} if spec.type in _CACHED_TYPES else None))
        self.required = [name for name, spec in facts.items() if spec.required]
        self.may_skip_validation = not any(arr in facts for arr, _, _ in self.arrays)

    def locate(self, row: Row, path: tuple[Any, ...]) -> Location:
        """The cell of the fact a diagnostic path starts with, else the row."""
        col = self.roots.get(path[0]) if path else None
        return row.where if col is None else row.loc(col)


def _typed_cell(typed: Any, spec: FactSpec, name: str) -> tuple[Any, bool]:
    """A coerced value, and whether it surely validates (no negative amount, and
    :func:`isgrid.grid.facts.value_quick_valid` accepts it)."""
    if typed is None:
        return None, True
    if name in MONEY_FACTS and isinstance(typed, int | float) and not isinstance(typed, bool) \
            and typed < 0:
        return typed, False
    return typed, value_quick_valid(typed, spec)


def _coerce_cell(value: Any, spec: FactSpec) -> Any:
    """A table cell coerced: its text is what was written (kept as is for a string)."""
    return coerce(value, spec, value if isinstance(value, str) else None)


def _col_for(cols: dict[str, str], target: str) -> str:
    for c, t in cols.items():
        if t == target:
            return c
    return target
