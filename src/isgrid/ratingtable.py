"""Ratings, stored by column, and the fast reader of ratings CSV files.

A national call has millions of ratings; one Python object per rating (and one
location object per cell) costs more than reading the file.  So ratings live
in parallel columns (indices into the call's dossiers, assessors and criteria,
the value, n/a, the comment, the file and line), each value text is parsed once
per scale and then looked up, and a location is built only when a problem is
reported.  :attr:`RatingTable.rows` gives :class:`Rating` objects for readers
that want them (reports, sheets), built on first use.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .callmodel import Assessor, Rating
from .errors import Collector, Location, excerpt
from .io.tabular import normalise_header, sniff_separator
from .io.text import read_text
from .model import ID_PATTERN, Criterion, Grid
from .scales import Parsed, parse_value

RATING_COLUMNS = ["dossier", "assessor", "criterion", "value", "comment"]
_ID_RE = re.compile(ID_PATTERN)
NAN = float("nan")


@dataclass
class RatingTable:
    """All ratings of a call, by column."""

    dossier_ids: list[str]  # index -> dossier id (the call's dossiers, sorted)
    criterion_ids: list[str]  # index -> criterion id (grid order)
    assessor_ids: list[str] = field(default_factory=list)  # index -> assessor id
    dossier: list[int] = field(default_factory=list)
    assessor: list[int] = field(default_factory=list)
    criterion: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)  # NaN: missing (empty cell) or n/a
    na: list[bool] = field(default_factory=list)
    comment: list[str] = field(default_factory=list)
    file: list[int] = field(default_factory=list)
    line: list[int] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _rows: list[Rating] | None = None
    _amap: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.dossier)

    def assessor_index(self, aid: str) -> int:
        if self._amap is None:
            self._amap = {a: i for i, a in enumerate(self.assessor_ids)}
        found = self._amap.get(aid)
        if found is None:
            self.assessor_ids.append(aid)
            found = self._amap[aid] = len(self.assessor_ids) - 1
        return found

    @property
    def rows(self) -> list[Rating]:
        """The ratings as objects (built once, on first use)."""
        if self._rows is None:
            d, a, c = self.dossier_ids, self.assessor_ids, self.criterion_ids
            self._rows = [
                Rating(d[di], a[ai], c[ci], None if math.isnan(v) else v, na, com,
                       self.files[fi], ln)
                for di, ai, ci, v, na, com, fi, ln in zip(
                    self.dossier, self.assessor, self.criterion, self.value, self.na,
                    self.comment, self.file, self.line, strict=True)
            ]
        return self._rows


def read_ratings_file(
    path: Path, table: RatingTable, grid: Grid, dossier_index: dict[str, int],
    assessors: dict[str, Assessor], declared: bool, diags: Collector,
) -> None:
    """Append the ratings of one CSV file to ``table``; record every problem.

    A fast path handles the usual file (every row well formed, every id and
    value known) with whole-column operations; anything unusual is read again
    row by row, so that every problem is reported with its line and column.
    Duplicates are checked over all files at once by :func:`duplicate_rows`.
    """
    text = read_text(path, diags)
    if text is None:
        return
    file = str(path)
    if not text.strip():
        diags.add("csv-syntax", "the file is empty", Location(file, line=1),
                  hint="A ratings file needs the header dossier,assessor,criterion,value,comment.")
        return
    first = next(ln for ln in text.split("\n") if ln.strip())
    sep = sniff_separator(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        head = next(reader)
        while not any(h.strip() for h in head):
            head = next(reader)
        header = [normalise_header(h).casefold() for h in head]
    except (csv.Error, StopIteration) as exc:
        diags.add("csv-syntax", f"cannot parse the CSV header: {exc}", Location(file, line=1))
        return
    missing = [c for c in RATING_COLUMNS[:4] if c not in header]
    if missing:
        diags.add("csv-missing-column", f"missing column(s): {', '.join(missing)}",
                  Location(file, line=1))
        return
    extra = [h for h in header if h not in RATING_COLUMNS]
    if extra:
        diags.add("csv-extra-column", f"unknown column(s): {', '.join(extra)}",
                  Location(file, line=1))
        return
    i_d, i_a, i_c, i_v = (header.index(c) for c in RATING_COLUMNS[:4])
    i_m = header.index("comment") if "comment" in header else -1
    ncols = len(header)
    crits: list[Criterion] = grid.criteria()
    cmap = {c.id: i for i, c in enumerate(crits)}
    ccase = {c.id.casefold(): c.id for c in crits}
    scales = [grid.scales[c.scale] for c in crits]
    caches: list[dict[str, Parsed]] = [{} for _ in crits]
    roles = {a.id: a.role for a in assessors.values()}
    file_i = len(table.files)
    table.files.append(file)
    known_assessors: dict[str, int] = {}
    header_end = reader.line_num
    try:
        rows = list(reader)
        last_line = reader.line_num
    except csv.Error:
        rows = None
    if rows is not None and _fast_path(
            rows, header_end, last_line, (i_d, i_a, i_c, i_v, i_m), ncols, table, crits,
            cmap, scales, dossier_index, assessors, declared, file_i):
        return
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    while reader.line_num < header_end:
        next(reader)

    def col(i: int) -> int:
        return i + 1

    start = reader.line_num + 1
    try:
        for row in reader:
            end = reader.line_num
            line = start
            start = end + 1
            if len(row) != ncols:
                if not any(x.strip() for x in row):
                    continue
                if len(row) > ncols and not any(x.strip() for x in row[ncols:]):
                    row = row[:ncols]
                elif len(row) < ncols:
                    row = row + [""] * (ncols - len(row))
                else:
                    diags.add("csv-row-length",
                              f"the row has {len(row)} cells; the header has {ncols}",
                              Location(file, line=line))
                    continue
            did = row[i_d]
            di = dossier_index.get(did)
            if di is None:
                did = did.strip()
                di = dossier_index.get(did)
            cid = row[i_c]
            ci = cmap.get(cid)
            if ci is None:
                cid = cid.strip()
                ci = cmap.get(cid)
            aid = row[i_a]
            ai = known_assessors.get(aid)
            if ai is None:
                aid = aid.strip()
                ai = _assessor(aid, table, assessors, declared, diags,
                               Location(file, line=line, column=col(i_a)))
                if ai is not None:
                    known_assessors[row[i_a]] = ai
            if di is None or ci is None or ai is None:
                if di is None:
                    if not did and not cid and not row[i_v].strip():
                        continue
                    diags.add("unknown-dossier", f"unknown dossier {excerpt(did)}",
                              Location(file, line=line, column=col(i_d)))
                if ci is None:
                    close = ccase.get(cid.casefold())
                    diags.add("unknown-criterion", f"unknown criterion {excerpt(cid)}",
                              Location(file, line=line, column=col(i_c)),
                              hint=f"Did you mean {close!r}?" if close else None)
                continue
            raw = row[i_v]
            parsed = caches[ci].get(raw)
            if parsed is None:
                parsed = parse_value(raw, scales[ci])
                caches[ci][raw] = parsed
            if parsed.error:
                diags.add("value-out-of-scale", parsed.error,
                          Location(file, line=line, column=col(i_v)))
                continue
            crit = crits[ci]
            if crit.eliminatory and declared and crit.rated_by is not None and \
                    (parsed.value is not None or parsed.na):
                role = roles.get(table.assessor_ids[ai])
                if role != crit.rated_by:
                    diags.add("wrong-rater-role",
                              f"{crit.id} is rated by the {crit.rated_by}; "
                              f"{table.assessor_ids[ai]} is a {role}",
                              Location(file, line=line, column=col(i_v)))
                    continue
            table.dossier.append(di)
            table.assessor.append(ai)
            table.criterion.append(ci)
            table.value.append(NAN if parsed.value is None else parsed.value)
            table.na.append(parsed.na)
            table.comment.append(row[i_m] if i_m >= 0 else "")
            table.file.append(file_i)
            table.line.append(line)
    except csv.Error as exc:
        diags.add("csv-syntax", f"cannot parse the CSV: {exc}",
                  Location(file, line=reader.line_num))


def _fast_path(rows: list[list[str]], header_end: int, last_line: int,
               idx: tuple[int, int, int, int, int], ncols: int, table: RatingTable,
               crits: list[Criterion], cmap: dict[str, int], scales: list[Any],
               dossier_index: dict[str, int], assessors: dict[str, Assessor],
               declared: bool, file_i: int) -> bool:
    """Append a well-formed file by columns; False when the slow path must report."""
    i_d, i_a, i_c, i_v, i_m = idx
    n = len(rows)
    if n == 0:
        return True
    if last_line != header_end + n or set(map(len, rows)) != {ncols}:
        return False  # blank or multi-line rows, ragged rows: read line by line
    cols = list(zip(*rows, strict=True))
    dcol = list(map(dossier_index.get, cols[i_d]))
    ccol = list(map(cmap.get, cols[i_c]))
    if None in dcol or None in ccol:
        return False
    amap: dict[str, int] = {}
    for aid in set(cols[i_a]):
        if not aid or not _ID_RE.match(aid) or (declared and aid not in assessors):
            return False
    for aid in sorted(set(cols[i_a])):
        if not declared and aid not in assessors:
            assessors[aid] = Assessor(id=aid)
        amap[aid] = table.assessor_index(aid)
    acol = list(map(amap.__getitem__, cols[i_a]))
    by_scale: dict[int, dict[str, Parsed]] = {}
    scale_of = [id(s) for s in scales]
    vcol: list[float] = []
    nacol: list[bool] = []
    if len(set(scale_of)) == 1:
        parsed = {raw: parse_value(raw, scales[0]) for raw in set(cols[i_v])}
        if any(p.error for p in parsed.values()):
            return False
        vmap = {raw: (NAN if p.value is None else p.value) for raw, p in parsed.items()}
        nmap = {raw: p.na for raw, p in parsed.items()}
        vcol = list(map(vmap.__getitem__, cols[i_v]))
        nacol = list(map(nmap.__getitem__, cols[i_v]))
    else:
        for cj, raw in zip(ccol, cols[i_v], strict=True):
            assert cj is not None
            cache = by_scale.setdefault(scale_of[cj], {})
            p = cache.get(raw)
            if p is None:
                p = cache[raw] = parse_value(raw, scales[cj])
            if p.error:
                return False
            vcol.append(NAN if p.value is None else p.value)
            nacol.append(p.na)
    elim = {i for i, c in enumerate(crits) if c.eliminatory and c.rated_by is not None}
    if declared and elim:
        for ci, ai, v, na in zip(ccol, acol, vcol, nacol, strict=True):
            if ci is not None and ci in elim and (na or v == v) and \
                    assessors[table.assessor_ids[ai]].role != crits[ci].rated_by:
                return False
    table.dossier.extend(dcol)  # type: ignore[arg-type]
    table.assessor.extend(acol)
    table.criterion.extend(ccol)  # type: ignore[arg-type]
    table.value.extend(vcol)
    table.na.extend(nacol)
    table.comment.extend(cols[i_m] if i_m >= 0 else [""] * n)
    table.file.extend([file_i] * n)
    table.line.extend(range(header_end + 1, header_end + 1 + n))
    return True


def duplicate_rows(table: RatingTable, diags: Collector) -> None:
    """Report every rating that repeats a (dossier, assessor, criterion) of another."""
    if not len(table):
        return
    import numpy as np

    keys = ((np.asarray(table.dossier, dtype=np.int64) << 32)
            | (np.asarray(table.assessor, dtype=np.int64) << 12)
            | np.asarray(table.criterion, dtype=np.int64))
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    dup = np.flatnonzero(sk[1:] == sk[:-1]) + 1
    if not len(dup):
        return
    first: dict[int, int] = {}
    for pos in dup.tolist():
        k = int(sk[pos])
        if k not in first:
            start = pos
            while start > 0 and sk[start - 1] == k:
                start -= 1
            first[k] = int(order[start])
        row, orig = int(order[pos]), first[k]
        diags.add("duplicate-rating",
                  f"{table.assessor_ids[table.assessor[row]]} rates "
                  f"{table.criterion_ids[table.criterion[row]]} of "
                  f"{table.dossier_ids[table.dossier[row]]} twice (first at "
                  f"{table.files[table.file[orig]]}:{table.line[orig]})",
                  Location(table.files[table.file[row]], line=table.line[row]))


def _assessor(aid: str, table: RatingTable, assessors: dict[str, Assessor], declared: bool,
              diags: Collector, loc: Location) -> int | None:
    if not aid or not _ID_RE.match(aid):
        diags.add("invalid-id", f"the assessor id {excerpt(aid)} is not valid", loc)
        return None
    if declared and aid not in assessors:
        diags.add("unknown-assessor", f"the assessor {aid!r} is not declared", loc)
        return None
    if not declared and aid not in assessors:
        assessors[aid] = Assessor(id=aid)
    return table.assessor_index(aid)

