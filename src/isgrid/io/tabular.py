"""Reading tables (CSV and XLSX) with the place of every cell.

CSV files come from spreadsheets and platforms: the separator (``,``, ``;`` or
tab) is sniffed from the header line, encodings are handled by
:mod:`isgrid.io.text`, and every row keeps its line number.  Workbooks are
read with openpyxl (imported lazily); formulas are refused where a value is
expected, because a cached formula result may be stale.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Collector, Location
from .text import read_bytes, read_text


class Row:
    """One data row: values by (normalised) column name, and where each came from.

    A CSV row does not build the place of its cells up front: ``columns`` maps
    a column to its 1-based position and :meth:`loc` builds the
    :class:`Location` when a diagnostic asks for it.  Building one Location per
    cell cost more than parsing a 20,000-row table; nearly all are never read.
    """

    __slots__ = ("_columns", "_locations", "values", "where")

    def __init__(self, values: dict[str, Any], locations: dict[str, Location] | None,
                 where: Location, columns: dict[str, int] | None = None) -> None:
        self.values = values
        self.where = where  # the row as a whole
        self._locations = locations
        self._columns = columns

    @property
    def locations(self) -> dict[str, Location]:
        if self._locations is None:
            w = self.where
            self._locations = {c: Location(w.file, line=w.line, column=i)
                               for c, i in (self._columns or {}).items()}
        return self._locations

    def loc(self, column: str) -> Location:
        if self._locations is not None or self._columns is None:
            return self.locations.get(column, self.where)
        i = self._columns.get(column)
        if i is None:
            return self.where
        return Location(self.where.file, line=self.where.line, column=i)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Row):
            return NotImplemented
        return (self.values, self.locations, self.where) == \
            (other.values, other.locations, other.where)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaced

    def __repr__(self) -> str:
        return f"Row(values={self.values!r}, where={self.where!r})"


@dataclass
class Table:
    file: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    sheet: str | None = None
    header_locations: dict[str, Location] = field(default_factory=dict)


def normalise_header(name: Any) -> str:
    return str(name if name is not None else "").strip().lstrip("\ufeff").strip()


def sniff_separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


def read_csv(path: Path, diags: Collector, *, max_bytes: int | None = None,
             hashes: dict[str, str] | None = None) -> Table | None:
    text = read_text(path, diags, max_bytes=max_bytes, hashes=hashes)
    if text is None:
        return None
    return parse_csv(text, str(path), diags)


def parse_csv(text: str, file: str, diags: Collector) -> Table | None:
    if not text.strip():
        diags.add("csv-syntax", "the file is empty", Location(file, line=1),
                  hint="A CSV needs at least a header row.")
        return None
    first = text.split("\n", 1)[0]
    first = next((ln for ln in text.split("\n") if ln.strip()), first)
    sep = sniff_separator(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    table: Table | None = None
    try:
        start = 1
        for raw in reader:
            end = reader.line_num
            if table is None and not "".join(raw).strip():
                start = end + 1  # blank lines before the header
                continue
            if table is None:
                header_line = start
                cols = [normalise_header(c) for c in raw]
                table = Table(file, cols)
                table.header_locations = {
                    c: Location(file, line=header_line, column=i + 1) for i, c in enumerate(cols)
                }
                if any(not c for c in cols):
                    diags.add("csv-syntax", "a column of the header has no name",
                              Location(file, line=header_line))
                seen: set[str] = set()
                for i, c in enumerate(cols):
                    if c and c in seen:
                        diags.add("csv-syntax", f"the column {c!r} appears twice",
                                  Location(file, line=header_line, column=i + 1))
                    seen.add(c)
                columns = table.columns
                width = len(columns)
                positions = {c: i + 1 for i, c in enumerate(columns)}
                rows_append = table.rows.append
                start = end + 1
                continue
            if not "".join(raw).strip():  # only blank cells (same as: no cell.strip())
                start = end + 1
                continue
            where = Location(file, line=start)
            if len(raw) > width:
                if "".join(raw[width:]).strip():
                    diags.add("csv-row-length",
                              f"the row has {len(raw)} cells; the header has {width}",
                              where)
                    start = end + 1
                    continue
            elif len(raw) < width:
                raw += [""] * (width - len(raw))
            # zip stops at the header's width; a repeated column keeps its last cell,
            # as the position map keeps its last position.
            rows_append(Row(dict(zip(columns, raw, strict=False)), None, where, positions))
            start = end + 1
    except csv.Error as exc:
        diags.add("csv-syntax", f"cannot parse the CSV: {exc}", Location(file, line=reader.line_num))
        return None
    if table is None:
        diags.add("csv-syntax", "the file has no header row (only empty cells)",
                  Location(file, line=1), hint="The first line names the columns.")
    return table


def _cell_ref(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


def read_xlsx(
    path: Path, diags: Collector, *, sheets: list[str] | None = None,
    max_bytes: int | None = None, hashes: dict[str, str] | None = None,
) -> dict[str, Table] | None:
    """Read the sheets of a workbook as tables (first row = header).

    ``sheets``: the sheet names to read (others are ignored); None = all.
    Formulas are errors (``xlsx-formula``).  Merged cells are read as the value
    of their top-left cell and a warning.
    """
    data = read_bytes(path, diags, max_bytes=max_bytes, hashes=hashes)
    if data is None:
        return None
    import zipfile

    try:
        import openpyxl
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        diags.add("xlsx-unreadable", f"cannot open the workbook: {exc}", Location(str(path)))
        return None
    except Exception as exc:  # openpyxl raises assorted errors on corrupt files
        diags.add("xlsx-unreadable", f"cannot open the workbook: {type(exc).__name__}",
                  Location(str(path)))
        return None
    out: dict[str, Table] = {}
    for ws in wb.worksheets:
        if sheets is not None and ws.title not in sheets:
            continue
        table = _sheet_table(ws, str(path), diags)
        if table is not None:
            out[ws.title] = table
    return out


def _sheet_table(ws: Any, file: str, diags: Collector) -> Table | None:
    title = ws.title
    merged = list(ws.merged_cells.ranges)
    if merged:
        diags.add("xlsx-unreadable", f"the sheet has merged cells ({merged[0]}...); "
                  "only their top-left cell is read",
                  Location(file, sheet=title, cell=str(merged[0]).split(":")[0]),
                  severity="warning", hint="Unmerge the cells to avoid surprises.")
    rows = list(ws.iter_rows())
    if not rows:
        return Table(file, [], sheet=title)
    header_cells = rows[0]
    cols = [normalise_header(c.value) for c in header_cells]
    while cols and not cols[-1]:
        cols.pop()
    table = Table(file, cols, sheet=title)
    table.header_locations = {
        c: Location(file, sheet=title, cell=_cell_ref(1, i + 1)) for i, c in enumerate(cols)
    }
    for r_index, cells in enumerate(rows[1:], start=2):
        values: dict[str, Any] = {}
        locs: dict[str, Location] = {}
        empty = True
        for i, col in enumerate(cols):
            cell = cells[i] if i < len(cells) else None
            v = cell.value if cell is not None else None
            loc = Location(file, sheet=title, cell=_cell_ref(r_index, i + 1))
            if cell is not None and cell.data_type == "f":
                diags.add("xlsx-formula", f"the cell holds a formula ({str(v)[:40]})", loc)
                v = None
            if isinstance(v, str):
                v = v.strip()
            if v not in (None, ""):
                empty = False
            values[col] = "" if v is None else v
            locs[col] = loc
        if empty:
            continue
        table.rows.append(Row(values, locs, Location(file, sheet=title, cell=f"A{r_index}")))
    return table
