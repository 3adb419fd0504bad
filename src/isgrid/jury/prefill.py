"""What a juror already gave, for the workbook sent to them again and for its import.

``isgrid sheets`` pre-fills each juror's workbook with their current ratings (the
call's ratings files, every file that holds rows of theirs) and overall opinions
(``opinions/*.csv``): the level's label as the drop-down lists it (a half point or a
value between levels as a number), ``NE``, the comments, the « à transmettre » marks,
the opinion, the amount and the overall comment.  ``--blank`` writes them empty.

A déport's ratings are never pre-filled: the workbook leaves the dossier out.  The
import keeps them where they are (``JurorGiven.held``): they are the juror's, never
counted (:mod:`isgrid.call.deports`), never lost.

:func:`same_as_given` is the import's « inchangé »: a workbook that says exactly what the
juror's files already say (values compared as numbers, ``3,5`` and ``3.5`` alike,
comments as the ratings file writes them) changes nothing, with or without
``--replace``, whichever files hold the juror's rows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..call.model import Call
from ..grid.model import Criterion, Scale
from ..grid.scales import label_words
from ..io.write import neutralise_cell
from ..messages import plain_number
from . import sheetxml
from .common import conflicts_of, opinion_word

#: (value or None, n/a, comment, shared)
Given = tuple[float | None, bool, str, bool]
#: (opinion or "", amount or None, comment)
GivenOpinion = tuple[str, float | None, str]


@dataclass
class JurorGiven:
    """One juror's current ratings and opinions (déports apart)."""

    ratings: dict[tuple[str, str], Given] = field(default_factory=dict)
    opinions: dict[str, GivenOpinion] = field(default_factory=dict)
    #: ratings under a déport, by file (relative to the call folder, as the table names it)
    held: dict[str, dict[tuple[str, str], Given]] = field(default_factory=dict)

    def empty(self) -> bool:
        return not self.ratings and not self.opinions


class Givens:
    """What each juror already gave, read one juror at a time (:meth:`of`).

    A national call has millions of ratings: the rows are grouped by juror once (one
    sort of the assessor column) and the opinions read once; each juror's
    :class:`JurorGiven` is then built when their workbook is written and dropped after
    it, so that the jurors' ratings are never all held as Python objects at once
    (``isgrid sheets`` at 2 M ratings peaked at 1 GB when they were)."""

    def __init__(self, call: Call) -> None:
        import numpy as np

        self.call = call
        table = call.table
        self.table = table
        self.rows: dict[int, Any] = {}
        if len(table):
            a = np.asarray(table.assessor)
            order = np.argsort(a, kind="stable")  # each juror's rows in file order
            starts = np.flatnonzero(np.diff(a[order])) + 1
            for group in np.split(order, starts):
                if len(group):
                    self.rows[int(a[group[0]])] = group
        self.index = {a: i for i, a in enumerate(table.assessor_ids)}
        self.deports = conflicts_of(call)
        from .opinions import load_opinions

        self.opinions: dict[str, dict[str, GivenOpinion]] = {}
        for ops in load_opinions(call).by_dossier.values():  # déports left out there
            for op in ops:
                self.opinions.setdefault(op.assessor, {}).setdefault(
                    op.dossier, (op.opinion or "", op.amount, op.comment.strip()))

    def of(self, aid: str) -> JurorGiven:
        """The current ratings and opinions of the juror ``aid``."""
        import numpy as np

        juror = JurorGiven(opinions=dict(self.opinions.get(aid, {})))
        ai = self.index.get(aid)
        mine = self.rows.get(ai) if ai is not None else None
        if mine is None or not len(mine):
            return juror
        table = self.table
        d_ids, c_ids = table.dossier_ids, table.criterion_ids
        comments, shared, files = table.comment, table.shareable, table.files
        for row, di, ci, v, na, fi in zip(
                mine.tolist(), np.asarray(table.dossier)[mine].tolist(),
                np.asarray(table.criterion)[mine].tolist(),
                np.asarray(table.value)[mine].tolist(),
                np.asarray(table.na)[mine].tolist(),
                np.asarray(table.file)[mine].tolist(), strict=True):
            comment = (comments[row] or "").strip()
            value = None if math.isnan(v) else v
            if value is None and not na and not comment:
                continue  # a blank row rates nothing
            did = d_ids[di]
            given = (value, bool(na), comment, bool(shared[row]) and bool(comment))
            if (aid, did) in self.deports:
                juror.held.setdefault(files[fi], {}).setdefault((did, c_ids[ci]), given)
            else:
                juror.ratings.setdefault((did, c_ids[ci]), given)
        return juror


def given_by(call: Call, assessors: Iterable[str]) -> dict[str, JurorGiven]:
    """The current ratings and opinions of ``assessors`` (:class:`Givens`)."""
    givens = Givens(call)
    return {aid: givens.of(aid) for aid in set(assessors)}


def level_labels(scales: Mapping[str, Scale], lang: str = "fr"
                 ) -> dict[str, dict[float, str]]:
    """Per scale, each level's value -> its label as the drop-down of a workbook in
    ``lang`` lists it (:func:`isgrid.grid.scales.label_words`)."""
    return {sid: label_words(scale, lang) for sid, scale in scales.items()}


def shown_value(labels: Mapping[float, str], value: float | None, na: bool
                ) -> str | float | None:
    """A rating as the workbook shows it: ``NE``, the level's label (``labels``: its
    scale's :func:`level_labels`), or the number when no level has it (a half point);
    None when not given.  The one rule for the workbooks' cells and the CSV sheets."""
    if na:
        return "NE"
    if value is None:
        return None
    return labels.get(value, value)


def _number(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _same_comment(a: str, b: str) -> bool:
    """Comments as the ratings file writes them (a formula-like text gets its « ' »)."""
    return bool(neutralise_cell(a.strip()) == neutralise_cell(b.strip()))


def same_as_given(sheet: Any, given: JurorGiven) -> bool:
    """Does the imported ``sheet`` (:class:`.reading.JurorSheet`) say exactly what the
    juror's files say (déports apart)?  Then importing it changes nothing."""
    if set(sheet.ratings) != set(given.ratings) or set(sheet.opinions) != set(given.opinions):
        return False
    for key, (text, comment) in sheet.ratings.items():
        value, na, was, shared = given.ratings[key]
        if (text == "NE") != na or (not na and _number(text) != value):
            return False
        if not _same_comment(comment, was) or ((key in sheet.shared and bool(comment))
                                               != shared):
            return False
    for did, (op, amount, comment) in sheet.opinions.items():
        was_op, was_amount, was_comment = given.opinions[did]
        if op != was_op or _number(amount) != was_amount or not _same_comment(comment,
                                                                             was_comment):
            return False
    return True


# ------------------------------------------------------------------ a comment too long
#: What ends a comment longer than a cell holds, in the workbook: the cell says it is cut,
#: and where the whole text stays (review excel, finding 4: cut silently, then the cut
#: text replaced the whole one at the import of the unchanged workbook).
CUT_MARKS = {
    "fr": "\n[… coupé ici\u00a0: une cellule de tableur tient {max} caractères\u202f; le "
          "commentaire entier ({n} caractères) reste dans le fichier des notes tant que cette "
          "cellule n'est pas modifiée]",
    "en": "\n[… cut here: a spreadsheet cell holds {max} characters; the whole comment ({n} "
          "characters) stays in the ratings file as long as this cell is not changed]",
}
_CUT = re.compile(r"\n\[… (?:coupé ici|cut here)[^\n]*\]\Z")


def fit_cell(text: str, lang: str = "fr") -> str:
    """``text`` as a workbook's cell holds it: whole, or cut before its
    :data:`sheetxml.MAX_TEXT` characters with :data:`CUT_MARKS`' words at its end."""
    if len(text) <= sheetxml.MAX_TEXT:
        return text
    mark = CUT_MARKS.get(lang, CUT_MARKS["fr"]).format(max=sheetxml.MAX_TEXT, n=len(text))
    return text[:sheetxml.MAX_TEXT - len(mark)] + mark


def restore_cut(sheet: Any, given: JurorGiven) -> list[tuple[str, str]]:
    """Put back, in the imported ``sheet``, each whole comment :func:`fit_cell` cut in the
    workbook and the juror left as it was (its kept part the start of the comment the
    juror's files hold): the unchanged workbook is then « inchangé ».  A cut comment whose
    kept part was changed keeps the juror's text, without the words of the cut; its
    (dossier, criterion or ``""`` for the opinion) is returned: the end is lost."""
    changed: list[tuple[str, str]] = []
    for key, (text, comment) in list(sheet.ratings.items()):
        m = _CUT.search(comment) if len(comment) > 1000 else None
        if m is not None:
            kept, was = comment[:m.start()], given.ratings.get(key, _NONE)[2]
            whole = was if was.startswith(kept) and len(was) > len(kept) else None
            sheet.ratings[key] = (text, whole if whole is not None else kept)
            if whole is None:
                changed.append(key)
    for did, (op, amount, comment) in list(sheet.opinions.items()):
        m = _CUT.search(comment) if len(comment) > 1000 else None
        if m is not None:
            kept, was = comment[:m.start()], given.opinions.get(did, ("", None, ""))[2]
            whole = was if was.startswith(kept) and len(was) > len(kept) else None
            sheet.opinions[did] = (op, amount, whole if whole is not None else kept)
            if whole is None:
                changed.append((did, ""))
    return changed


# ------------------------------------------------------------------ the workbook's cells
_NONE: Given = (None, False, "", False)


def cell(ref: str, value: str | float | None, style: int) -> str:
    """A cell to fill, pre-filled: empty (None), a text (an inline string: a comment
    ``=HYPERLINK(...)`` stays text, written as typed, no « ' ») or a number."""
    content = _content(value, style)
    return f'<c r="{ref}"{content}' if content else ""  # an unstyled empty cell: none


_CONTENTS: dict[tuple[Any, int], str] = {}


def _content(value: str | float | None, style: int) -> str:
    """What follows a pre-filled cell's reference (the levels, a handful, written once;
    a comment each time: they are many and seldom the same)."""
    key = (value, style)
    found = _CONTENTS.get(key)
    if found is not None:
        return found
    if value is None or value == "":
        found = f' s="{style}" t="n"></c>' if style else ""
    elif isinstance(value, str):
        found = sheetxml.style_attr(style) + sheetxml.inline_text(value)
        if len(value) > 40:  # a comment: not kept
            return found
    else:
        found = f'{sheetxml.style_attr(style)} t="n"><v>{plain_number(value)}</v></c>'
    if len(_CONTENTS) < 4096:
        _CONTENTS[key] = found
    return found


class Filler:
    """Writes a juror's current ratings into the cells of their dossiers' rows."""

    def __init__(self, call: Call, given: JurorGiven, t: Any) -> None:
        self.t = t
        self.by_dossier: dict[str, dict[str, Given]] = {}
        for (did, cid), g in given.ratings.items():
            self.by_dossier.setdefault(did, {})[cid] = g
        self.opinions = given.opinions
        self.dossiers = set(self.by_dossier) | set(given.opinions)
        # value -> what the cell shows, per scale (a label, or the number)
        self.labels = level_labels(call.grid.grid.scales, t.lang)
        self.yes = t("shareable.yes")

    def holds(self, did: str) -> bool:
        return did in self.dossiers

    def shown(self, c: Criterion, g: Given) -> str | float | None:
        return shown_value(self.labels[c.scale], g[0], g[1])

    def opinion(self, did: str) -> GivenOpinion:
        return self.opinions.get(did, ("", None, ""))

    def opinion_label(self, did: str) -> str | None:
        op = self.opinion(did)[0]
        return opinion_word(op, self.t.lang) if op else None

    def rows_tails(self, did: str, criteria: list[Criterion], cols: list[str],
                   styles: dict[str, int], opinion: bool, amount: bool,
                   row: str) -> tuple[str, str, str]:
        """The ``rows`` layout's three rows of ``did`` after the kind column, filled
        (``cols``: the criteria's letters, then the opinion's and the amount's, when the
        workbook asks for them: ``opinion``, ``amount``)."""
        mine = self.by_dossier.get(did, {})
        given = [mine.get(c.id, _NONE) for c in criteria]
        refs = [col + row for col in cols]
        n = len(criteria)
        _op, proposed, comment = self.opinion(did)
        s_input, s_comment = styles["input"], styles["comment"]
        rating = "".join(cell(refs[i], self.shown(c, g), s_input)
                         for i, (c, g) in enumerate(zip(criteria, given, strict=True)))
        lang = self.t.lang
        comments = "".join(cell(refs[i], fit_cell(g[2], lang), s_comment)
                           for i, g in enumerate(given))
        if opinion:
            rating += cell(refs[n], self.opinion_label(did), s_input)
            comments += cell(refs[n], fit_cell(comment, lang), s_comment)
        if amount:
            rating += cell(refs[n + 1], proposed, styles["amount"])
        shares = "".join(cell(refs[i], self.yes if g[3] else None, styles["share"])
                         for i, g in enumerate(given)) if criteria else ""
        return rating, comments, shares

    def item_cells(self, did: str, item: Criterion | str, row: str,
                   styles: dict[str, int]) -> str:
        """The ``per-dossier`` layout's value, comment (and mark) cells of one item: a
        criterion, ``"opinion"`` or ``"amount"``."""
        if isinstance(item, str):
            op = self.opinion(did)
            if item == "amount":
                return (cell("E" + row, op[1], styles["input"])
                        + cell("F" + row, None, styles["comment"]))
            return (cell("E" + row, self.opinion_label(did), styles["input"])
                    + cell("F" + row, fit_cell(op[2], self.t.lang), styles["comment"]))
        g = self.by_dossier.get(did, {}).get(item.id, _NONE)
        return (cell("E" + row, self.shown(item, g), styles["input"])
                + cell("F" + row, fit_cell(g[2], self.t.lang), styles["comment"])
                + cell("G" + row, self.yes if g[3] else None, styles["share"]))
