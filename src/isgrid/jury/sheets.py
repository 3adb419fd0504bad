"""Workbooks for jurors: ``isgrid sheets CALL --format xlsx|csv -o DIR``.

One workbook per juror, written for the juror rather than for the import:

* sheet ``Notation`` (layout ``rows``): three rows per dossier, the first for
  the ratings, the second for one comment per criterion (and an overall
  comment under the overall opinion), the third, « à transmettre », for oui /
  non under each criterion (oui lets the applicant's letter quote that
  comment); dossier id, title and file on every row; one column per criterion
  whose header starts with the criterion id;
* layout ``per-dossier``: one sheet per dossier, one row per criterion, with
  the rating, the comment and « à transmettre au porteur » side by side;
* a juror's workbook then asks for the overall opinion (« Avis global », with an overall
  comment) and, when the call has money, the proposed amount; an instructor's does not
  (they are the jurors': :func:`.common.gives_opinion`), in either layout or as CSV;
* sheet ``Grille``: the grid's guidance, levels, and the déports left out;
* hidden sheets ``_listes`` (the drop-down lists, so labels with commas work)
  and ``_isgrid`` (which call and juror the workbook is for).

The cells to fill hold what the juror already gave (:mod:`.prefill`: ratings, comments,
marks, opinions, amounts; never a déport's), so that a workbook sent again and imported
unchanged changes nothing; ``blank`` writes them empty.

Headers are protected (sheet protection without a password, so formatting is
still allowed); the cells to fill are unlocked.  Text from dossiers stays text: a
workbook's cells are typed strings, written as typed (a title ``=HYPERLINK(...)`` too), a
CSV sheet's are neutralised (:mod:`isgrid.io.cells`).  Files are
deterministic: workbook properties and zip entry dates come from
``SOURCE_DATE_EPOCH`` (default 2000-01-01).

This module plans who gets which dossiers and writes the files (and the CSV
format); the XLSX workbook itself is :mod:`.workbook`'s, its big ``Notation``
sheet streamed as XML by :mod:`.sheetxml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..call.model import Call
from ..call.roles import role_name
from ..errors import CallError, Collector, Diagnostic, Location, Message, Quote, UsageError
from ..i18n import translator
from ..io.cells import spreadsheet_csv
from ..io.outputs import others_beside
from ..io.write import write_files
from ..messages import Quotes, decimal_text, plain_number
from .common import (
    CSV_AMOUNT,
    CSV_COLUMNS,
    CSV_OPINION,
    LAYOUTS,
    OPINIONS,
    SheetPlan,
    criteria_for,
    dossiers_of,
    gives_opinion,
    jury,
    opinion_word,
    read_assignments,
    relative_dossier_file,
)
from .prefill import Givens, JurorGiven, level_labels, shown_value
from .workbook import workbook_bytes


@dataclass
class SheetsReport:
    written: list[Path] = field(default_factory=list)
    plans: list[SheetPlan] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def uses_money(call: Call) -> bool:
    return call.config.funding is not None or call.config.budget is not None


def dossier_file(call: Call, did: str, yaml_file: str,
                 documents: dict[str, Path] | None = None) -> str:
    """The dossier's own document when one sits beside it (dossiers/<id>.pdf...),
    else its YAML file; '' for a dossier from a table without a document.
    ``documents``: :func:`dossier_documents` of the call, listed once for many dossiers
    (listing the folder again for each dossier of each juror was quadratic)."""
    if documents is None:
        documents = dossier_documents(call)
    found = documents.get(did)
    if found is not None:
        return relative_dossier_file(call, str(found))
    if yaml_file.endswith((".yaml", ".yml")):
        return relative_dossier_file(call, yaml_file)
    return ""


def dossier_documents(call: Call) -> dict[str, Path]:
    """Dossier id -> its own document in ``dossiers/`` (not its YAML file): the first by
    name when there are several."""
    ddir = call.folder / "dossiers"
    out: dict[str, Path] = {}
    if ddir.is_dir():
        for p in sorted(ddir.iterdir()):
            if p.suffix.lower() not in (".yaml", ".yml"):
                out.setdefault(p.stem, p)
    return out


def plan_sheets(call: Call, only: list[str] | None = None, link: str | None = None,
                ) -> tuple[list[SheetPlan], Collector]:
    """Who gets which dossiers (what they already gave is read by :func:`write_sheets`, one
    juror at a time as it writes their workbook: :class:`.prefill.Givens`).  ``link``: a
    URL template with ``{id}`` (the dossier on the call's platform) used instead of the
    dossier's file."""
    diags = Collector()
    assessors = jury(call)
    if not assessors:
        diags.add("no-assessors", Message("the call declares no assessors; isgrid cannot tell who "
                                          "gets a workbook"), Location(str(call.folder / "call.yaml"), key_path="assessors"))
        raise CallError("no assessors", diags.items)
    if only:
        unknown = [a for a in only if a not in call.assessors]
        for aid in unknown:
            diags.add("unknown-assessor", Message("the assessor {assessor} is not declared",
                                                  assessor=Quote(aid)),
                      Location(str(call.folder / "call.yaml"), key_path="assessors"))
        diags.raise_if_errors(CallError, "unknown assessor")
        assessors = [a for a in assessors if a.id in only]
    assignments = read_assignments(call, diags)
    diags.raise_if_errors(CallError, "assignments.csv has errors")
    by_id = {d.id: d for d in call.dossiers}
    documents = dossier_documents(call) if not link else {}
    plans = []
    for a in assessors:
        criteria = criteria_for(call, a)
        if not criteria and not gives_opinion(a.role):
            # a workbook with nothing to fill: none (an instructor whose grid has no
            # criterion for the role: the jurors' opinion and amount are not theirs)
            diags.add("nothing-to-rate", Message(
                "{assessor} has nothing to rate: the grid gives the role “{role}” no criterion, "
                "and the overall opinion and the amount are the jurors'; no workbook for them",
                assessor=a.id, role=role_name(a.role)),
                Location(str(call.folder / "call.yaml"), key_path="assessors"),
                severity="warning")
            continue
        keep, left = dossiers_of(call, a, assignments)
        plans.append(SheetPlan(
            a, criteria,
            [(d, by_id[d].title, link.replace("{id}", d) if link else
              dossier_file(call, d, by_id[d].file, documents)) for d in keep],
            [(d, by_id[d].title) for d in left], uses_money(call),
            opinion=gives_opinion(a.role)))
    return plans, diags


def _given(givens: Givens | None, aid: str) -> JurorGiven | None:
    """A juror's :class:`.prefill.JurorGiven`, or None (blank, or nothing given)."""
    if givens is None:
        return None
    given = givens.of(aid)
    return None if given.empty() else given


def write_sheets(call: Call, out_dir: Path, *, fmt: str = "xlsx", layout: str = "rows",
                 lang: str = "fr", force: bool = False, only: list[str] | None = None,
                 link: str | None = None, blank: bool = False) -> SheetsReport:
    """Write one workbook (or CSV) per juror into ``out_dir``, pre-filled with what the
    juror already gave (:mod:`.prefill`) unless ``blank``."""
    if layout not in LAYOUTS:
        raise UsageError(Message("unknown layout {layout}: the layouts are {choices}",
                                 layout=Quote(layout), choices=Quotes(LAYOUTS)))
    if link is not None and not link.startswith(("https://", "http://")):
        raise UsageError(Message("--link {link} is not an http(s) address: give a URL "
                                 "template such as https://plateforme.example/dossiers/{{id}}",
                                 link=Quote(link)))
    plans, diags = plan_sheets(call, only, link)
    t = translator("sheets", lang)
    givens = None if blank else Givens(call)
    outputs: list[tuple[Path, bytes]] = []
    for planned in plans:
        # what the juror gave, held while their workbook is written only (Givens)
        plan = replace(planned, given=_given(givens, planned.assessor.id))
        if fmt == "csv":
            outputs.append((out_dir / f"{plan.assessor.id}.csv", sheet_csv(call, plan, lang)))
        else:
            outputs.append((out_dir / f"{plan.assessor.id}.xlsx",
                            workbook_bytes(call, plan, t, layout)))
    inputs = [call.folder / rel for rel in call.inputs]
    from ..io.write import check_output

    for path, _ in outputs:  # refuse before writing anything
        check_output(path, inputs=inputs, force=force)
    report = SheetsReport(plans=plans, warnings=diags.warnings)
    # every workbook or none (a multi-file write: io.write.write_files)
    write_files(out_dir, [(path, data, None) for path, data in outputs])
    report.written.extend(path for path, _ in outputs)
    if only is None and (others := others_beside(out_dir, report.written)) is not None:
        report.warnings.append(others)  # last year's workbooks beside this year's
    return report


# ------------------------------------------------------------------ CSV
def sheet_csv(call: Call, plan: SheetPlan, lang: str) -> bytes:
    """A juror's sheet as CSV: one row per dossier and criterion, to fill in.  Written by
    :func:`isgrid.io.cells.spreadsheet_csv` (every cell a spreadsheet would run as a formula
    neutralised, ``;`` in French, ``\r\n``); a BOM in French only, as it has always been."""
    t = translator("sheets", lang)
    rows: list[list[object]] = [list(CSV_COLUMNS)]
    given = plan.given
    ratings = given.ratings if given is not None else {}
    opinions = given.opinions if given is not None else {}
    labels = level_labels(call.grid.grid.scales, lang)
    for did, title, file in plan.dossiers:
        base = [did, title, file, plan.assessor.id]
        for c in plan.criteria:
            value, na, comment, shared = ratings.get((did, c.id), (None, False, "", False))
            shown = shown_value(labels[c.scale], value, na)
            rows.append([*base, c.id, c.label,
                         "" if shown is None else decimal_text(plain_number(shown), lang)
                         if isinstance(shown, float) else shown,
                         comment, t("shareable.yes") if shared else ""])
        if not plan.opinion:  # an instructor: the opinion and the amount are the jurors'
            continue
        op, amount, comment = opinions.get(did, ("", None, ""))
        rows.append([*base, CSV_OPINION, t("opinion") + " (" + " / ".join(
            opinion_word(o, lang) for o in OPINIONS) + ")", opinion_word(op, lang) if op else "",
            comment, ""])
        if plan.amount:
            rows.append([*base, CSV_AMOUNT, t("amount"),
                         "" if amount is None else decimal_text(plain_number(amount), lang),
                         "", ""])
    return spreadsheet_csv(rows, lang, bom=lang == "fr")
