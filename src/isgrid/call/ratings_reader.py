"""The fast reader of ratings CSV files, into a :class:`~isgrid.call.ratings.RatingTable`.

A well-formed file, parsed by Arrow (:mod:`isgrid.io.ratingsfile`), is matched
with the call by whole columns (:func:`_from_arrow`); anything unusual is read
again row by row with Python's ``csv`` module (:func:`_slow_path`), so that every
problem is reported with its line and column.  Both paths give the same table:
the tests compare them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import Collector, Location, Message, Quote, excerpt
from ..grid.model import ID_PATTERN, Criterion, Grid
from ..grid.scales import Parsed, parse_value
from ..io.csvtext import CellTooLarge, bounded_lines, report_too_large
from ..io.excel import excel_error, excel_trace, may_hold_errors
from ..io.ratingsfile import (
    RATING_COLUMNS,
    Prepared,
    batch_codes,
    prepare_ratings_file,
    shareable_value,
)
from ..messages import did_you_mean
from .model import Assessor
from .ratings import Part, RatingTable
from .roles import fact_rated, wrong_role, wrong_roles

__all__ = ["RATING_COLUMNS", "read_ratings_file"]
_ID_RE = re.compile(ID_PATTERN)
NAN = float("nan")
#: Unknown criterion ids given a « Did you mean …? » hint in a call's ratings: the first
#: this many distinct ones (only 10 diagnostics of a code are printed by default)
HINTED = 50

#: The words of the shareable column named by its messages, in the call's language: what
#: ``isgrid sheets import`` writes there (« oui », "yes": :func:`isgrid.jury.importer.
#: stored_yes`) and its opposite.  The reader takes either language's words
#: (:data:`isgrid.io.ratingsfile.SHAREABLE_YES`); a message names the call's.
SHARE_WORDS = {"fr": ("oui", "non"), "en": ("yes", "no")}


def read_ratings_file(
    path: Path, table: RatingTable, grid: Grid, dossier_index: dict[str, int],
    assessors: dict[str, Assessor], declared: bool, diags: Collector,
    prepared: Prepared | None = None, lang: str = "fr",
    removed: dict[str, str] | None = None,
) -> None:
    """Add the ratings of one CSV file to ``table`` as a part; record every problem.

    A fast path handles the usual file (every row well formed, every id and
    value known) with whole-column operations; anything unusual is read again
    row by row, so that every problem is reported with its line and column.
    Duplicates are checked over all files at once by :func:`duplicate_rows`.
    ``prepared``: the file already read by :func:`prefetch`.  ``lang``: the call's, which
    reads the values (:func:`~isgrid.grid.scales.parse_value`: « yes » in English).
    ``removed``: the criteria call.yaml's ``remove:`` takes out, each with where
    (``call.yaml:18``): a rating of one is told to be deleted, with that line.
    """
    prep = prepared if prepared is not None else prepare_ratings_file(path)
    diags.extend(prep.diags.items)
    if not prep.ok:
        return
    crits: list[Criterion] = grid.criteria()
    cmap = {c.id: i for i, c in enumerate(crits)}
    scales = [grid.scales[c.scale] for c in crits]
    file_i = len(table.files)
    table.files.append(str(path))
    part = None
    if prep.arrow is not None and prep.idx[4] >= 0 and _hash_in(prep.arrow, prep.idx[4]) \
            and may_hold_errors(prep.data if prep.text is None and prep.data is not None
                                else prep.the_text()):
        prep.arrow = None  # a comment Excel turned into #NOM?: the row reader names its cell
    if prep.arrow is not None:
        part = _from_arrow(prep.arrow, prep.header_end, prep.idx, table, crits, cmap, scales,
                           dossier_index, assessors, declared, file_i, lang)
    if part is None:
        prep.arrow = None  # Arrow's copy of the file is not kept beside the row reader's
        part = _slow_path(prep.the_text(), prep.sep, prep.header_end, prep.idx, prep.ncols, table,
                          crits, cmap, scales, dossier_index, assessors, declared, file_i,
                          diags, lang, removed or {})
    table.add(part)


def _hash_in(tbl: Any, i_m: int) -> bool:
    """Whether a comment of Arrow's parse may hold a ``#`` (its texts' bytes, read by numpy
    without the GIL; a slice's neighbours' bytes may count: never too few).

    An Excel error value (« #NOM? ») is looked for in the whole file only then: in any
    other column, the columns' own lookups send the file to the row reader (an unknown
    dossier or criterion, an id isgrid refuses, a value off the scale, a shareable cell
    neither yes nor no), which says it at its cell; scanning a national file's 45 MB for
    it on the main thread, after its wait for the parse, took 5 to 9 ms for comments that
    hold none (docs/performance.md, forty-second pass)."""
    for chunk in tbl.column(i_m).chunks:
        data = chunk.buffers()[2]
        if data is not None and data.size and np.any(np.frombuffer(data, np.uint8) == 35):
            return True
    return False


def _slow_path(text: str, sep: str, header_end: int,
               idx: tuple[int, int, int, int, int, int],
               ncols: int, table: RatingTable, crits: list[Criterion], cmap: dict[str, int],
               scales: list[Any], dossier_index: dict[str, int],
               assessors: dict[str, Assessor], declared: bool, file_i: int,
               diags: Collector, lang: str = "fr",
               removed: dict[str, str] | None = None) -> Part:
    """Read the file row by row with Python's csv module, reporting every problem."""
    i_d, i_a, i_c, i_v, i_m, i_s = idx
    file = table.files[file_i]
    scol: list[bool] = []
    # an unknown criterion id -> its « Did you mean »: the first HINTED distinct ones (a
    # hostile file of 100,000 distinct ids would make as many lookups)
    ccase: dict[str, Message | None] = {}
    dcase: dict[str, Message | None] = {}  # an unknown dossier's « did you mean »
    acase: dict[str, Message | None] = {}  # an undeclared juré's hint
    caches: list[dict[str, Parsed]] = [{} for _ in crits]
    roles = {a.id: a.role for a in assessors.values()}
    known_assessors: dict[str, int] = {}
    dcol: list[int] = []
    acol: list[int] = []
    ccol: list[int] = []
    vcol: list[float] = []
    nacol: list[bool] = []
    mcol: list[str] = []
    lcol: list[int] = []
    reader = csv.reader(bounded_lines(text, sep), delimiter=sep, strict=True)
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
                              Message("the row has {n} cells; the header has {width}",
                                      n=len(row), width=ncols),
                              Location(file, line=line))
                    continue
            if not any(row) or not any(x.strip() for x in row):
                continue  # a row of separators only (``,,,,`` as spreadsheets write)
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
                               Location(file, line=line, column=col(i_a)), acase)
                if ai is not None:
                    known_assessors[row[i_a]] = ai
            if di is None or ci is None or ai is None:
                if di is None:
                    if not did and not cid and not row[i_v].strip():
                        continue
                    dhint = _blank_row_hint(row, i_v, i_m, did)
                    if dhint is None and did not in dcase and len(dcase) < HINTED:
                        dcase[did] = did_you_mean(did, dossier_index)  # once each
                    diags.add("unknown-dossier", Message("unknown dossier {dossier}",
                                                         dossier=excerpt(did)),
                              Location(file, line=line, column=col(i_d)),
                              hint=dhint or dcase.get(did))
                if ci is None:
                    hint = ccase.get(cid)
                    if removed and cid in removed:
                        hint = Message(
                            "{criterion} is removed by the call: call.yaml's `remove:` "
                            "({where}). Delete the rows of {criterion} from the ratings "
                            "files (or take it out of `remove:` to score it).",
                            criterion=cid, where=removed[cid])
                    elif cid not in ccase and len(ccase) < HINTED:  # looked up once each
                        hint = ccase[cid] = did_you_mean(cid, cmap)
                    diags.add("unknown-criterion", Message("unknown criterion {criterion}",
                                                           criterion=excerpt(cid)),
                              Location(file, line=line, column=col(i_c)), hint=hint)
                continue
            raw = row[i_v]
            if crits[ci].from_fact is not None:  # nobody rates it: a value is refused
                if raw.strip():
                    fact_rated(crits[ci], table.assessor_ids[ai], diags,
                               Location(file, line=line, column=col(i_v)))
                continue
            parsed = caches[ci].get(raw)
            if parsed is None:
                parsed = parse_value(raw, scales[ci], crits[ci].scale, lang)
                caches[ci][raw] = parsed
            if parsed.error:
                diags.add("value-out-of-scale", parsed.error,
                          Location(file, line=line, column=col(i_v)), hint=parsed.hint)
                continue
            shared = shareable_value(row[i_s]) if i_s >= 0 else False
            if shared is None:
                yes, no = SHARE_WORDS.get(lang, SHARE_WORDS["fr"])
                diags.add("bad-shareable", Message("shareable: {row} is neither {yes} nor {no}",
                                                   row=excerpt(row[i_s]), yes=yes, no=no),
                          Location(file, line=line, column=col(i_s)),
                          hint=Message("Write {yes} when the comment may be quoted in the "
                                       "applicant's letter; {no} (or nothing) otherwise.",
                                       yes=yes, no=no))
                continue
            if i_m >= 0 and excel_error(row[i_m]) is not None:  # #NOM? for « - ancrage… »
                trace = excel_trace(row[i_m], "comment")
                assert trace is not None
                trace.add(diags, Location(file, line=line, column=col(i_m)))
                continue
            crit = crits[ci]
            if declared and crit.rater is not None and (parsed.value is not None or parsed.na):
                # declared: an assessor the call does not declare was refused above
                # (_assessor), so every one here has a role
                role = roles[table.assessor_ids[ai]]
                if role != crit.rater:
                    wrong_role(crit, table.assessor_ids[ai], role, diags,
                               Location(file, line=line, column=col(i_v)))
                    continue
            dcol.append(di)
            acol.append(ai)
            ccol.append(ci)
            vcol.append(NAN if parsed.value is None else parsed.value)
            nacol.append(parsed.na)
            mcol.append(row[i_m] if i_m >= 0 else "")
            scol.append(shared)
            lcol.append(line)
    except (csv.Error, CellTooLarge) as exc:
        if not report_too_large(diags, exc, text, sep, file, start, reader.line_num + 1):
            diags.add("csv-syntax", Message("cannot parse the CSV: {error}", error=exc),
                      Location(file, line=reader.line_num))
    distinct = frozenset(v for v in set(vcol) if v == v)
    return Part(dcol, acol, ccol, vcol, nacol, lcol, file_i, mcol, distinct,
                 scol if i_s >= 0 else None)


def _from_arrow(tbl: Any, header_end: int, idx: tuple[int, int, int, int, int, int],
                table: RatingTable, crits: list[Criterion], cmap: dict[str, int],
                scales: list[Any], dossier_index: dict[str, int],
                assessors: dict[str, Assessor], declared: bool, file_i: int,
                lang: str = "fr") -> Part | None:
    """The columns of a well-formed file; None when the slow path must report a problem.

    Every dossier, criterion, assessor and value must be known and allowed;
    each distinct text is looked up or parsed once per block of Arrow's parse.

    The columns are filled block by block, each block's codes looked up in its own
    dictionary straight into the column (:func:`_gather`), and the indices are
    ``int32``: a national call's 2 M ratings then touch 8 MB a column instead of the 16
    MB of an ``int64`` copy, the codes gathered and the dictionaries unified (about
    70 MB less new memory, which this machine pays about 1 ms a MB to zero:
    docs/performance.md, twenty-first pass).  Nothing is recorded in ``assessors`` or
    ``table`` until every block is known good.
    """
    i_d, i_a, i_c, i_v, i_m, i_s = idx
    n = tbl.num_rows
    if n == 0:
        return Part([], [], [], [], [], [], file_i, None, frozenset())
    kinds: list[Any] = []  # the distinct scales, in the criteria's order
    scale_of = np.zeros(len(crits), dtype=np.int32)
    for ci, sc in enumerate(scales):
        for k, known in enumerate(kinds):
            if known is sc:
                scale_of[ci] = k
                break
        else:
            kinds.append(sc)
            scale_of[ci] = len(kinds) - 1
    fact_cols = np.array([ci for ci, c in enumerate(crits) if c.from_fact is not None],
                         dtype=np.int32)
    dcol = np.empty(n, dtype=np.int32)
    ccol = np.empty(n, dtype=np.int32)
    acol = np.empty(n, dtype=np.int32)
    vcol = np.empty(n, dtype=np.float64)
    nacol = np.empty(n, dtype=bool)
    parsed: dict[tuple[int, str], Parsed] = {}  # each (scale, text) parsed once
    distinct: set[float] = set()
    blocks: list[tuple[int, int, Any, list[str]]] = []  # assessors' codes, words
    shareable: list[bool] | None = [] if i_s >= 0 else None
    at = 0
    for batch in tbl.to_batches():
        m = batch.num_rows
        if not m:
            continue
        end = at + m
        d_codes, d_words = batch_codes(batch, i_d)
        d_lut = np.fromiter((dossier_index.get(w, -1) for w in d_words), np.int32,
                            len(d_words))
        c_codes, c_words = batch_codes(batch, i_c)
        c_lut = np.fromiter((cmap.get(w, -1) for w in c_words), np.int32, len(c_words))
        if (d_lut < 0).any() or (c_lut < 0).any():
            return None
        _gather(d_lut, d_codes, dcol[at:end])
        crit = ccol[at:end]
        _gather(c_lut, c_codes, crit)
        if len(fact_cols) and np.isin(crit, fact_cols).any():
            return None  # a row of a criterion read from a fact: the slow path says it
        a_codes, a_words = batch_codes(batch, i_a)
        for aid in a_words:
            if not aid or not _ID_RE.match(aid) or (declared and aid not in assessors):
                return None
        blocks.append((at, end, a_codes, a_words))
        v_codes, v_words = batch_codes(batch, i_v)
        nv = len(v_words)
        # each row's (scale, value text) as one code: the texts of this block, per scale
        pair = scale_of[crit] * nv + v_codes if len(kinds) > 1 else v_codes
        present = np.flatnonzero(np.bincount(pair, minlength=len(kinds) * nv))
        v_lut = np.full(len(kinds) * nv, np.nan)
        na_lut = np.zeros(len(kinds) * nv, dtype=bool)
        for k in present.tolist():
            key = (k // nv, v_words[k % nv])
            p = parsed.get(key)
            if p is None:
                p = parsed[key] = parse_value(key[1], kinds[key[0]], lang=lang)
            if p.error:
                return None
            v_lut[k] = NAN if p.value is None else p.value
            na_lut[k] = p.na
        _gather(v_lut, pair, vcol[at:end])
        _gather(na_lut, pair, nacol[at:end])
        distinct.update(v for v in v_lut[present].tolist() if v == v)
        if declared and wrong_roles(crits, [assessors[w].role for w in a_words], a_codes, crit,
                                    vcol[at:end], nacol[at:end]):
            return None  # the slow path names the cell
        if shareable is not None:
            s_codes, s_words = batch_codes(batch, i_s)
            s_vals = [shareable_value(w) for w in s_words]
            if any(v is None for v in s_vals):
                return None  # the slow path names the cell
            shareable.extend(np.asarray(s_vals, dtype=bool)[s_codes].tolist()
                             if s_vals else [False] * m)
        at = end
    # every block is good: the assessors recorded in the order they first appear
    for start, end, a_codes, a_words in blocks:
        a_lut = np.zeros(len(a_words), dtype=np.int32)
        for i, aid in enumerate(a_words):
            if not declared and aid not in assessors:
                assessors[aid] = Assessor(id=aid)
            a_lut[i] = table.assessor_index(aid)
        _gather(a_lut, a_codes, acol[start:end])
    comment = tbl.column(i_m) if i_m >= 0 else None
    lines = range(header_end + 1, header_end + 1 + n)
    return Part(dcol, acol, ccol, vcol, nacol, lines, file_i, comment, frozenset(distinct),
                 shareable)

def _gather(lut: Any, codes: Any, out: Any) -> None:
    """``out[k] = lut[codes[k]]``: a block's codes looked up in its dictionary's table.

    ``mode="clip"`` is not a rule (the codes are an Arrow dictionary's indices, each
    below the dictionary's length, which is the table's: nothing is ever clipped); it is
    how numpy writes into ``out`` directly.  With the default ``mode="raise"``, numpy
    buffers ``out`` (a new array the size of the block, then copied), which doubled the
    cost of these lookups: 2 M ratings, five columns (docs/performance.md, thirty-sixth
    pass)."""
    np.take(lut, codes, out=out, mode="clip")


def undeclared_hint(aid: str, assessors: Mapping[str, Any]) -> Message | None:
    """The hint of an assessor id call.yaml does not declare: the one meant (« Did you
    mean … ? »), else the declared ones when they are few; None: the code's own hint."""
    meant = did_you_mean(aid, assessors)
    if meant is not None or not assessors or len(assessors) > 12:
        return meant
    return Message("call.yaml declares {assessors}: use one of them, or declare {assessor} "
                   "under `assessors:`.", assessors=", ".join(sorted(assessors)),
                   assessor=aid)


def _blank_row_hint(row: list[str], i_v: int, i_m: int, did: str) -> Message | None:
    """The hint of a row naming an unknown dossier that rates nothing (no value, no
    comment): a row still to fill in, as ``isgrid call init`` writes for its example
    dossier D001, left behind once the example is replaced; None for any other row (the
    code's own hint)."""
    if row[i_v].strip() or (i_m >= 0 and row[i_m].strip()):
        return None
    return Message("The row is blank (no value, no comment), like the example rows `isgrid "
                   "call init` writes for its dossier D001: delete the rows of {dossier}, or "
                   "the whole file if it holds nothing else.", dossier=did)


def _assessor(aid: str, table: RatingTable, assessors: dict[str, Assessor], declared: bool,
              diags: Collector, loc: Location, hints: dict[str, Message | None]
              ) -> int | None:
    """The index of the assessor ``aid`` of a row, or None (said in ``diags``); ``hints``:
    each undeclared id's hint, worked out once (a file of 100,000 rows by an undeclared
    juré: difflib once, not per row; at most :data:`HINTED` ids)."""
    if not aid or not _ID_RE.match(aid):
        diags.add("invalid-id", Message("the assessor id {assessor} is not valid",
                                        assessor=excerpt(aid)), loc)
        return None
    if declared and aid not in assessors:
        if aid not in hints and len(hints) < HINTED:
            hints[aid] = undeclared_hint(aid, assessors)
        diags.add("unknown-assessor", Message("the assessor {assessor} is not declared",
                                              assessor=Quote(aid)), loc, hint=hints.get(aid))
        return None
    if not declared and aid not in assessors:
        assessors[aid] = Assessor(id=aid)
    return table.assessor_index(aid)
