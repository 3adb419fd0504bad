"""The plain outputs of ``isgrid score``: its 80-column terminal table
(:func:`score_table`) and its CSV export (:func:`score_csv`), in the documents' words
(:mod:`.text`).

French outputs (the call's ``lang``, or ``--lang fr``) use decimal commas; the French
CSV uses ``;`` and a BOM, so that French spreadsheet software opens it right.  Text cells
that a spreadsheet would run as formulas are neutralised.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import Any

from ..engine import Result
from ..engine.dossier import amount_granted, amount_proposed
from ..engine.result import Cell, Cells
from ..grid.model import Grid
from ..i18n import wrap, wrap_items
from ..io.cells import neutralise_cell, spreadsheet_csv
from ..messages import decimal_text, plain_number, plural_form
from ..vocabulary import TOTAL_DECIMALS, Status
from .text import (
    cut,
    flag_words,
    fmt_money,
    partial_vote,
    ranks_by_ranking_total,
    shown_amount,
    shown_flags,
    shown_total,
    status_word,
    status_words,
    verdict_word,
    verdict_words,
    version_words,
)


def _ids_line(said: Any, key: str, ids: Any, lang: str, width: int) -> str:
    """« Retenus : A, B, C » on one line of ``width``; a list too long for it shows the
    whole ids that fit and how many more: « Retenus : A, B, … et 15 autres » (the line was
    cut inside an id: « G26-1… »)."""
    full: str = said(key, ids=", ".join(ids) or "-")
    if len(full) <= width:
        return full
    shown = 0
    while shown < len(ids):
        left = len(ids) - shown - 1
        line = said(key, ids=", ".join(ids[:shown + 1])) + said(
            f"score.more.{plural_form(left, lang)}", n=left)
        if len(line) > width:
            break
        shown += 1
    shown = max(shown, 1)  # one id at least, however long
    left = len(ids) - shown
    out: str = said(key, ids=", ".join(ids[:shown])) + said(
        f"score.more.{plural_form(left, lang)}", n=left)
    return out


def score_table(result: Result, lang: str = "fr",
                facts: Mapping[str, str] | None = None, grid: Grid | None = None,
                shortlist: bool = False) -> str:
    """The 80-column table of ``isgrid score``: the ranking, then the selection as it stands
    (the jury's proposal before any decision, the decided one after).  ``facts``: the
    labels of the grid's facts (:func:`isgrid.grid.facts.fact_labels`), by which a flag
    names a fact (« à vérifier : Dépenses éligibles… », :func:`flag_words`).  ``grid``:
    the grid scored, whose mode and items the table says in its own word, as every other
    document (:func:`isgrid.grid.items.mode_key`: « profil de marqueurs », « Marqueurs
    présents » for the Picardie markers); None says a profile's in the neutral words.
    ``shortlist``: a présélection's table (:func:`.stage.is_shortlist`), with no amount."""
    from ..grid.items import mode_key
    from ..i18n import translator

    key = mode_key(grid) if grid is not None else f"mode.{result.grid['mode']}"
    said = translator("report", lang)  # French texts with French typography (i18n.catalog)
    info = result.grid
    mode = info["mode"]
    fr = lang == "fr"
    # a line longer than the table is wrapped, never cut (a cut lost a count: « …, réserve 2,
    # à vér… »), as French typography keeps it together (isgrid.i18n.wrap)
    lines = [*wrap(result.call["title"], 80),  # the mode in words: "grille notée", "scored grid"
             *wrap(f"{'Grille' if fr else 'Grid'} {info['id']} version "
                   f"{version_words(info['version'], lang)} "
                   f"({translator('common', lang)(key)}) "
                   f"sha256 {info['sha256'][:12]}", 80)]
    if result.call.get("fictitious"):
        lines.append("Données fictives." if fr else "Fictitious data.")
    lines.append("")
    ranking = ranks_by_ranking_total(result)
    # with ranking weights, the total the rank follows beside the total (shown_total)
    total_head = ("Total · classement" if fr else "Total · ranking") if ranking else "Total"
    third = {"scored": total_head, "checklist": "Verdict",  # « Critères présents »
             "profile": said(f"col.third.{key.removeprefix('mode.')}")}
    # the verdict in the catalog's words, whole (« partiellement caractérisé »: 25 columns)
    wide = max(15, *map(len, verdict_words(lang).values())) if mode == "checklist" else \
        max(15, len(third[mode]))
    money = not shortlist and any(shown_amount(d)[1] is not None for d in result.dossiers)
    words: dict[str, str] = {}  # each distinct flag in words once (a national call's 100,000)
    whole: set[str] = set()  # the flags naming a criterion or a rule by its id: never cut

    def said_flag(f: str) -> str:
        w = words.get(f)
        if w is None:
            w = words[f] = flag_words(f, lang, facts, ranking=ranking, narrow=True)
            arg = f.partition(":")[2]  # a fact is named by its label, which may be cut
            if arg and not (facts and arg in facts) and w.endswith(arg):
                whole.add(w)
        return w

    # each status whole, a présélection's too (« non présélectionné »: 18 columns; cut at
    # 12 it read « présélectio… »); 12 for the ordinary words, as always
    sw = max(12, *map(len, status_words(lang).values()))
    head = f"{'Rang' if fr else 'Rank':>4}  {'Dossier':<12} {third[mode]:<{wide}} " \
           f"{'Statut' if fr else 'Status':<{sw}} " \
           + (f"{'Montant' if fr else 'Amount':>11}  " if money else "") \
           + ("Signalements" if fr else "Flags")
    lines.append(head)
    lines.append("-" * 80)
    for d in result.dossiers:
        if mode == "scored":
            third_val = shown_total(d, lang, short=True)
        elif mode == "checklist":
            third_val = verdict_word(d.verdict, lang) if d.verdict else "-"
        else:
            prof = d.profile or {}
            third_val = f"{len(prof.get('present', []))}/{len(prof) - 1}"
        status = status_word(d.status, lang)
        row = (f"{d.rank if d.rank is not None else '-':>4}  {cut(d.id, 12):<12} "
               f"{cut(third_val, wide):<{wide}} {cut(status, sw):<{sw}} ")
        if money:
            kind, amount = shown_amount(d)
            cell = fmt_money(amount, lang)
            # in brackets: nothing committed, asked (not proposed) or proposed pending a
            # check (à vérifier: in no list of the selection); the legend says which
            aside = kind == "requested" or d.status == Status.A_VERIFIER
            row += f"{f'({cell})' if aside and amount is not None else cell:>11}  "
        lines.append(row + _flags_cell(list(dict.fromkeys(  # two flags, one word: said once
            said_flag(f) for f in shown_flags(result, d))), max(0, 80 - len(row)), whole))
    sel = result.current
    if ranking and mode == "scored":  # what the second total is, in the report's words
        lines += wrap(said("score.ranking"), 80)
    if money:
        lines += wrap(said("score.amount"), 80)  # a line of the table, wrapped
    if sel is not None:
        lines.append("-" * 80)
        if sel.budget is not None and not shortlist:  # a présélection grants no money
            lines.append(
                (f"Enveloppe {fmt_money(sel.budget, lang)}, engagé "
                 f"{fmt_money(sel.committed, lang)}, reste {fmt_money(sel.remaining, lang)}")
                if fr else
                (f"Budget {fmt_money(sel.budget, lang)}, committed "
                 f"{fmt_money(sel.committed, lang)}, left {fmt_money(sel.remaining, lang)}"))
        partial = partial_vote(result, said, "vote.partial", lang)
        if not result.voted:
            lines.append(said("score.no-vote"))
        elif partial is not None:  # the vote under way: which part of the statuses it decided
            lines += wrap(partial, 80)
        lines.append(_ids_line(said, "score.selected", sel.selected, lang, 80))
        lines.append(_ids_line(said, "score.reserve", sel.reserve, lang, 80))
    # every count said, each whole (a cut lost the last ones: « …, réserve 2, à vér… »)
    lines += wrap_items((f"{status_word(k, lang)} {v}" for k, v in result.summary.items()), 80)
    return "\n".join(lines) + "\n"


def _flags_cell(flags: list[str], width: int, whole: Collection[str] = ()) -> str:
    """As many whole flags as fit, then "+N" for the rest.  A first flag too long for
    ``width`` is cut, unless it is in ``whole`` (it names a criterion or a rule by its id:
    « à vérifier : ALS-E1 »): it is said whole, past the width, never cut inside its id
    (« à vérifier : AL… +2 »), as the « Retenus » line says one id at least (:func:`_ids_line`)."""
    out = ""
    for i, f in enumerate(flags):
        rest = len(flags) - i - 1
        candidate = (out + ", " if out else "") + f
        more = f" +{rest}" if rest else ""
        if len(candidate + more) <= width:
            out = candidate
            continue
        if not out:
            shown = f if f in whole else cut(f, max(1, width - len(more)))
            return shown + more
        return out + f" +{len(flags) - i}"
    return out


CSV_COLUMNS = ["rank", "id", "title", "status", "eligible", "complete", "total", "verdict",
               "present", "selected", "reserve", "requested", "proposed", "granted", "flags"]


def score_csv(result: Result, lang: str = "fr") -> bytes:
    """One row per dossier, then one column per criterion value.  ``proposed`` and
    ``granted`` are the amounts every document shows (:attr:`DossierResult.amount_proposed`,
    :attr:`DossierResult.amount_granted`): granted only once a vote granted it, a jury-stage
    ``retenu --amount`` proposed until then, as the JSON's ``amounts`` say (``proposed`` is
    left empty for a dossier nobody proposes: not retained, nor on the reserve).  Written by
    :func:`isgrid.io.cells.spreadsheet_csv`: in French ``;``, ``\r\n`` and a BOM; in English
    ``,`` and ``\n``, no BOM (what the English CSV has always been)."""
    fr = lang == "fr"
    crit_ids: list[str] = []
    if result.dossiers:
        crit_ids = list(result.dossiers[0].criteria)
    # ``ranking_total`` after ``total`` when the grid ranks with its ranking weights: the
    # total ``rank`` follows (sorting the sheet by ``total`` gives another order)
    ranking = ranks_by_ranking_total(result)
    at = CSV_COLUMNS.index("total") + 1
    columns = [*CSV_COLUMNS[:at], "ranking_total", *CSV_COLUMNS[at:]] if ranking else CSV_COLUMNS
    # the cells num() writes, and the criterion values: numbers, never formulas (the texts
    # of the call's files, ids, titles, markers, flags, are neutralised)
    numbers = {i for i, c in enumerate(columns) if c in _NUMBER_COLUMNS}
    numbers.update(range(len(columns), len(columns) + len(crit_ids)))
    return spreadsheet_csv(_score_rows(result, lang, columns, crit_ids, ranking, at), lang,
                           line_end="\r\n" if fr else "\n", bom=fr, numbers=numbers)


#: The columns of :func:`score_csv` that its ``num()`` writes.
_NUMBER_COLUMNS = frozenset(("rank", "eligible", "complete", "total", "ranking_total",
                             "selected", "reserve", "requested", "proposed", "granted"))


def _score_rows(result: Result, lang: str, columns: list[str], crit_ids: list[str],
                ranking: bool, at: int) -> Iterator[list[Any]]:
    """:func:`score_csv`'s rows, its header first (``ranking``: ``ranking_total`` at
    ``at``)."""
    yield columns + crit_ids

    def num(x: Any) -> str:
        if x is None:
            return ""
        if isinstance(x, bool):
            return "true" if x else "false"
        if isinstance(x, float | int):
            # every number to the places the engine keeps a total to (TOTAL_DECIMALS): a
            # criterion's mean of three ratings read 3,6666666666666665 beside 84,821428571
            return decimal_text(plain_number(round(float(x), TOTAL_DECIMALS)
                                             if isinstance(x, float) else int(x)), lang)
        return str(neutralise_cell(str(x)))  # not a number: in a column of numbers, no formula

    # each distinct value written once (500,000 criterion values, 20,000 dossiers' amounts
    # and booleans), by type too: True, 1 and 1.0 are equal keys but not the same text
    texts: dict[tuple[type, Any], Any] = {}

    def value_text(x: Any) -> Any:
        key = (x.__class__, x)
        t = texts.get(key)
        if t is None:
            t = texts[key] = num(x)
        return t

    made: dict[int, Any] = {}  # the texts of each distinct cell (Cells.made)

    def cell_text(c: Cell) -> Any:
        return value_text(c.value)

    # The columns as the result holds them (no record made per dossier).
    column = result.columns.column

    def written(values: Iterator[Any] | tuple[Any, ...]) -> list[Any]:
        return [value_text(x) for x in values]

    def each(values: tuple[Any, ...]) -> list[str]:  # values nearly all distinct: no memo
        return [num(x) for x in values]

    statuses, amounts, decisions = column("status"), column("amounts"), column("decision")
    words = status_words(lang)  # the words follow the document's language (identifiers in
    verdicts = {v: verdict_word(v, lang) for v in set(column("verdict")) if v}  # the JSON)
    # « granted » only once a vote granted it, a jury-stage amount is proposed (the
    # engine's rule, the JSON's amounts: :func:`isgrid.engine.dossier.amount_proposed`)
    money = list(zip(statuses, amounts, decisions, strict=True))
    cells = [
        each(column("rank")), column("id"), column("title"),
        [words.get(x, str(x)) for x in statuses],
        written(column("eligible")), written(column("complete")), each(column("total")),
        [verdicts[v] if v else "" for v in column("verdict")],
        [" ".join((p or {}).get("present", [])) for p in column("profile")],
        written(column("selected")), written(column("reserve")),
        written(a.requested for a in amounts),
        written(amount_proposed(*m) for m in money),
        written(amount_granted(*m) for m in money),
        [" ".join(f) for f in column("flags")]]
    if ranking:
        cells.insert(at, each(column("ranking_total")))
    for row, crit in zip(zip(*cells, strict=True), column("criteria"), strict=True):
        yield [*row, *(
            crit.made(cell_text, made) if isinstance(crit, Cells) and list(crit) == crit_ids
            else [value_text(crit[c].value) for c in crit_ids])]
