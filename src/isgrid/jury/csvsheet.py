"""Reading a juror's CSV sheet (``isgrid sheets --format csv``) into
:class:`~.reading.JurorSheet` objects: a row per dossier, assessor and criterion (or the
pseudo-criteria ``(avis)`` and ``(montant)`` of a juror's sheet), every problem at its
line and column, as :mod:`.reading` reads the workbooks (its :class:`~.reading.SheetReader`).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ..call.model import Call
from ..errors import Collector, Location, Message, Quote
from ..io.tabular import columns_named, read_csv
from ..messages import missing_columns
from . import columns as asks_of
from .common import CSV_AMOUNT, CSV_OPINION, criteria_for
from .lists import JurorLists
from .reading import (
    JurorSheet,
    SheetReader,
    cell_text,
    comment_text,
    record_opinion,
    refuse_opinion_cells,
    shared_mark,
)

#: The language a CSV sheet's values are read in: English, whose reading
#: (:func:`isgrid.grid.scales.parse_value`) takes the French words too (« oui » and
#: « yes », « NE » and « N.A. »), as an English workbook's does.
EITHER_LANGUAGE = "en"


def read_csv_sheet(call: Call, path: Path, diags: Collector,
                   lists: JurorLists | None = None) -> list[JurorSheet]:
    """The juror's CSV sheet at ``path`` (a sheet per assessor it names: nothing records
    which dossiers it was written with)."""
    table = read_csv(path, diags)
    if table is None:
        return []
    cols = columns_named(table)
    missing = [c for c in ("dossier", "assessor", "criterion", "value") if c not in cols]
    if missing:
        diags.add("csv-missing-column", missing_columns(missing),
                  Location(str(path), line=1))
        return []
    # a CSV sheet records no language (a workbook does, _isgrid): its levels are read in
    # both, « yes » and « oui », « no » and « non », « N.A. » and « NE », each when it names
    # one level only (grid.scales.parse_value; a label written as the grid writes it first)
    reader = SheetReader(call, diags, lists or JurorLists(call), EITHER_LANGUAGE)
    sheets: dict[str, JurorSheet] = {}
    seen: dict[tuple[str, str, str], str] = {}
    held: dict[tuple[str, str], tuple[set[str], Location]] = {}  # (assessor, dossier)
    for row in table.rows:
        did = cell_text(row.values.get(cols["dossier"]))
        aid = cell_text(row.values.get(cols["assessor"]))
        item = cell_text(row.values.get(cols["criterion"]))
        raw = row.values.get(cols["value"])
        comment = comment_text(row.values.get(cols["comment"])) if "comment" in cols else ""
        if aid in call.assessors and did in reader.dossiers:  # its rows, empty ones too
            held.setdefault((aid, did), (set(), row.where))[0].add(item)
        if not cell_text(raw) and not comment:
            continue
        assessor = call.assessors.get(aid)
        if assessor is None:
            diags.add("unknown-assessor", Message("the assessor {assessor} is not declared",
                                                  assessor=Quote(aid)),
                      row.loc(cols["assessor"]))
            continue
        sheet = sheets.setdefault(aid, JurorSheet(str(path), aid))
        if not reader.dossier(did, sheet, row.loc(cols["dossier"]),
                              cell_text(row.values.get(cols["title"])) if "title" in cols else ""):
            continue
        key = (did, aid, item)
        if key in seen:
            diags.add("duplicate-rating",
                      Message("{assessor} rates {item} of {dossier} twice (first at {seen})",
                              assessor=aid, item=item, dossier=did, seen=seen[key]), row.where)
            continue
        seen[key] = str(row.where)
        if item in (CSV_OPINION, CSV_AMOUNT) and not reader.takes_opinion(sheet):
            refuse_opinion_cells(reader, sheet, "amount" if item == CSV_AMOUNT else "opinion", raw,
                            comment, row.loc(cols["value"]),
                            row.loc(cols["comment"]) if "comment" in cols else None, "csv")
            continue
        if item in (CSV_OPINION, CSV_AMOUNT):
            record_opinion(reader, sheet, did, item == CSV_AMOUNT, raw, comment,
                            row.loc(cols["value"]))
            continue
        allowed = {c.id for c in criteria_for(call, assessor)}
        if reader.criterion(item, sheet, row.loc(cols["criterion"]), allowed, "csv") is None:
            continue
        value = reader.value(reader.crits[item], raw, partial(row.loc, cols["value"]))
        if value is not None:
            sheet.ratings[(did, item)] = (value, comment)
            if "shareable" in cols and shared_mark(reader, row.values.get(cols["shareable"]),
                                               row.loc(cols["shareable"])):
                sheet.shared.add((did, item))
    asks_of.missing_csv_rows(call, held, reader.lists.current, diags)  # rows deleted
    return list(sheets.values())
