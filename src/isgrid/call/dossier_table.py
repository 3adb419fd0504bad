"""A table of dossiers (``dossiers.csv`` or ``dossiers.xlsx``): one row a dossier, read
with the place of every cell (:func:`dossiers_from_table`).
"""

from __future__ import annotations

import functools
import itertools
from pathlib import Path
from typing import Any

from ..errors import Collector, Location, Message, Quote
from ..grid.check import fact_spec
from ..grid.facts import coerce, value_schema
from ..grid.model import FactSpec
from ..io.excel import may_hold_errors
from ..io.ratingsfile import ARROW_MIN_BYTES, dictionary_codes, plain_csv_table
from ..io.tabular import Row, Table, parse_csv
from ..io.text import decode, read_bytes
from ..io.xlsx import read_xlsx
from ..io.yamlio import format_path
from .dossier_facts import (
    CACHED_TYPES,
    RESERVED_DOSSIER_KEYS,
    ExcelCheck,
    LazyValidator,
    agreement_fact,
    agreement_undeclared,
    check_id,
    coerce_cell,
    schema_message,
    typed_cell,
    typed_id,
    valid_id,
    valid_ids,
    validate_facts,
)
from .model import CallConfig, Dossier
from .siret import beneficiary_fact, check_beneficiary_siret


def dossiers_from_table(path: Path, config: CallConfig, facts: dict[str, FactSpec],
                         validator: Any, diags: Collector,
                         read: dict[str, str] | None = None,
                         excel: ExcelCheck | None = None) -> list[Dossier]:
    """The dossiers of the table at ``path``; ``excel``: what Excel did to their text facts,
    said at each cell (:class:`~isgrid.call.dossier_facts.ExcelCheck`)."""
    mapping = dict(config.dossier_table.columns) if config.dossier_table else {}
    # the applicants' contact data call.yaml names (retention.contact_facts): known columns
    contact = set(config.retention.contact_facts) if config.retention else set()
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
        main = sheets[main_sheet(list(sheets))]
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
        # (not when a cell may be an error value Excel wrote, #NOM?: the row reader refuses it)
        columnar = plain_csv_table(data) if len(data) >= ARROW_MIN_BYTES \
            and not may_hold_errors(data) else None
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
    agreement = agreement_fact(config)
    for col, target in cols.items():
        root = target.split(".")[0].split("[")[0]
        if target not in RESERVED_DOSSIER_KEYS and fact_spec(facts, target) is None \
                and root not in facts and target not in contact:
            if target == agreement:  # the export's agreement date: said for what it is
                agreement_undeclared(diags, target, main.header_locations.get(
                    col, Location(main.file)), column=col)
                continue
            diags.add("unknown-fact-key", Message("the column {column} is not a declared fact",
                                                  column=Quote(col)),
                      main.header_locations.get(col, Location(main.file)), severity="warning")
    out: list[Dossier] = []
    by_id: dict[str, dict[str, Any]] = {}
    # sheets named after a list fact (partners): one item per row, merged after the rows
    sheet_lists = {name: t for name, t in list_sheets.items()
                   if (s := facts.get(name)) is not None and s.type == "array"}
    rows_by_id: dict[str, Row] = {}
    plan = _TablePlan(cols, facts, config.lang or "fr")
    siret = beneficiary_fact(config)
    plan.excel = excel if excel is not None else ExcelCheck(facts)
    if columnar is not None:
        typed_rows = _from_columns(columnar[1], columnar[0], columnar[2], plan, main.file)
        if typed_rows is not None:
            return typed_rows
        # a cell to report: the rows as the row reader reads them, the header already
        # checked (a file Arrow read plain decodes and parses without a diagnostic, so
        # the header's warnings above come first, as they would by rows)
        rows = _parsed(data, path, diags)
        if rows is None:
            return []
        main = rows
    numbers: dict[str, list[Any]] = {}  # a text fact's number cells: first, place, count
    for row in main.rows:
        values = row.values
        id_value = values.get(plan.id_col)
        text = typed_id(id_value)
        if text and valid_id(text):
            did: str | None = text  # what check_id returns, without its Location
        else:
            did = check_id(id_value, row.loc(plan.id_loc_col), diags, "dossier")
        typed: dict[str, Any] = {}
        ok = plan.may_skip_validation
        for target, col, cspec, cache in plan.scalars:
            value = values.get(col)
            if cache is not None and isinstance(value, str):
                hit = cache.get(value)
                if hit is None:
                    hit = cache[value] = typed_cell(
                        coerce_cell(value.strip(), cspec, target, plan.lang), cspec, target)
                typed[target], good = hit
            else:
                typed[target], good = typed_cell(coerce_cell(
                    value.strip() if isinstance(value, str) else value, cspec, target,
                    plan.lang), cspec, target)
            if not good:
                ok = False
            if plan.excel.looks(target) and value is not None and value != "":
                plan.excel.check(target, value.strip() if isinstance(value, str) else value,
                                 lambda _row=row, _col=col: _row.loc(_col), diags)
                if not isinstance(value, str | bool) and plan.excel.text(target):
                    seen = numbers.setdefault(target, [value, row.loc(col), 0])
                    seen[2] += 1
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
        if not ok:  # otherwise validate_facts would find nothing (see _TablePlan)
            validate_facts(typed, validator, lambda p, _row=row: plan.locate(_row, p), diags,
                            facts, sheet_lists, plan.lang)
        if typed.get(siret) is not None:
            check_beneficiary_siret(siret, typed[siret],
                                    functools.partial(plan.locate, row, (siret,)), diags)
        if did is None:
            continue
        title = values.get(plan.title_col) if plan.title_col is not None else None
        d = Dossier(did, str(title or ""), typed, row.place())
        out.append(d)
        by_id[did] = typed
        if sheet_lists:
            rows_by_id[did] = row
    for target, (first, where, count) in numbers.items():
        plan.excel.number_cells(target, first, count, where, diags)
    plan.excel.said(diags)  # the dates given with a time, once a column
    if sheet_lists:  # other sheets (instructions...) are ignored
        _merge_list_sheets(sheet_lists, facts, by_id, rows_by_id, plan, diags)
    return out


def main_sheet(names: list[str]) -> str:
    """The sheet of a workbook that holds the dossiers, one a row: « dossiers », else the
    first (the others: lists of a fact, or ignored); the purge empties its contact
    columns (:mod:`isgrid.call.purge_workbook`)."""
    return "dossiers" if "dossiers" in names else names[0]


def _parsed(data: bytes, path: Path, diags: Collector) -> Table | None:
    """The table's rows read one by one, each with its place (:func:`read_csv`'s reading)."""
    text = decode(data, str(path), diags, table=True)
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
    on which :func:`validate_facts` would find nothing (see :class:`_TablePlan`).
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
    if not valid_ids(stripped):  # (an empty id is no id: refused too)
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
        if plan.excel.looks(target) and any(plan.excel.traces(target, w.strip())
                                            for w in words if w.strip()):
            return None  # a value Excel rewrote: the row reader says it at its cell
        for w in words:
            hit = cache.get(w)
            if hit is None:
                hit = cache[w] = typed_cell(coerce_cell(w.strip(), cspec, target, plan.lang),
                                            cspec, target)
            if not hit[1]:
                return None
            typed.append(hit[0])
        if target in plan.required and any(t is None for t in typed):
            return None  # (every distinct cell is some row's)
        targets.append(target)
        values.append([typed[c] for c in codes])
    if any(name not in targets for name in plan.required):
        return None
    first = header_line + 1  # every row is one line (plain_csv_table checks it)
    # each row's facts made by map, in the columns' order (a loop unpacking every row
    # took 0.07 s of 20,000 dossiers; this, 0.045)
    rows = zip(*values, strict=True) if values else [()] * len(ids)
    facts = map(dict, map(zip, itertools.repeat(targets), rows))
    places = [f"{file}:{line}" for line in range(first, first + len(ids))]
    return [Dossier(did, title, row_facts, place) for did, title, row_facts, place
            in zip(ids, titles, facts, places, strict=True)]


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
                                                    name=Quote(name)),
                      Location(t.file, sheet=t.sheet, cell="A1"),
                      hint=Message("Its first row is `dossier`, then one column per property of "
                                   "the items of {name} (see docs/calls.md).",
                                   name=name))
            continue
        item_validator = LazyValidator(value_schema(spec.items)) if spec.items else None
        filled: set[str] = set()  # dossiers whose list this sheet gives
        refused: set[str] = set()  # dossiers whose list is also in the dossiers sheet
        for row in t.rows:
            raw = row.values.get("dossier")
            did = str(raw).strip() if raw is not None else ""
            if did not in by_id:
                diags.add("unknown-dossier", Message("the row names an unknown dossier {dossier}",
                                                     dossier=Quote(did)),
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
                                      name=name, dossier=Quote(did), cell=_cell_name(where)), row.loc("dossier"))
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
                                                      label=label, schema_message=schema_message(err)), loc)
            items.append(value)
    for name, t in sheet_lists.items():
        if not facts[name].required:
            continue
        for did, typed in by_id.items():
            if typed.get(name) is None:
                diags.add("fact-invalid", Message("the required fact {name} is missing: neither "
                                                  "the dossiers sheet nor the sheet {sheet} gives "
                                                  "it",
                                                  name=Quote(name), sheet=Quote(t.sheet)),
                          rows_by_id[did].where)


def _cell_name(where: Location) -> str:
    """A cell of a workbook as a secretary names it: ``dossiers!D3``."""
    if where.sheet is not None:
        return f"{where.sheet}!{where.cell}" if where.cell else where.sheet
    return str(where)


class _TablePlan:
    """What a table's header decides, worked out once instead of once per row.

    Per row, :func:`dossiers_from_table` then only reads cells.  A column
    whose fact is a scalar keeps a cache, cell text -> (typed value, whether
    :func:`isgrid.grid.facts.value_quick_valid` accepts it): amounts, départements
    and dates repeat from row to row, and those values are immutable.  A row
    whose every cell is accepted, with every required fact present and no
    list of objects, is exactly a row on which :func:`validate_facts` finds
    nothing (no negative amount, :func:`isgrid.grid.facts.quick_valid` holds), so
    it is not called; any other row goes through it unchanged.
    """

    def __init__(self, cols: dict[str, str], facts: dict[str, FactSpec],
                 lang: str = "fr") -> None:
        self.lang = lang  # the call's: how its amounts are read (money_text)
        self.excel = ExcelCheck(facts)  # what Excel did to the text facts (the call's own)
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
                    (target, col, spec, {} if spec.type in CACHED_TYPES else None))
        self.required = [name for name, spec in facts.items() if spec.required]
        self.may_skip_validation = not any(arr in facts for arr, _, _ in self.arrays)

    def locate(self, row: Row, path: tuple[Any, ...]) -> Location:
        """The cell of the fact a diagnostic path starts with, else the row."""
        col = self.roots.get(path[0]) if path else None
        return row.where if col is None else row.loc(col)


def _col_for(cols: dict[str, str], target: str) -> str:
    for c, t in cols.items():
        if t == target:
            return c
    return target


__all__ = ["dossiers_from_table"]
