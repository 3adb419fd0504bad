"""The letters' mail merge: one CSV row per letter, its words in columns, for a word
processor's template (``isgrid report --kind feedback --format csv``).  When the grid ranks
with ranking weights, the funding line is the last funded dossier's ranking total
(:func:`isgrid.documents.tiebreak.funding_line`): it goes in ``ligne_classement`` beside
the dossier's ``total_classement``, and ``ligne_financement`` (a plain total) stays empty,
never a ranking total beside a plain one (docs/reports.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import dossier_models as dm
from . import models as m
from .text import fmt_exact, fmt_money, fmt_number


def _money(x: float | None, lang: str) -> str:
    return fmt_money(x, lang) if x is not None else ""


def _number(x: float | None, lang: str) -> str:
    return fmt_number(x, lang, 1) if x is not None else ""


#: The columns of the mail-merge CSV (one row per dossier), in order: the merge fields of a
#: word processor's template.  A French call's are French, as they have always been (the
#: templates in use name them); an English call's are English, like its separator, numbers
#: and words (the jury's invitations do the same: :mod:`isgrid.workspace.files`).
MERGE_COLUMNS = ("dossier", "projet", "decision", "montant", "nature_montant", "motifs",
                 "motivation", "total", "sur", "seuil", "ligne_financement", "date",
                 "lieu", "deliberation", "expediteur", "signataire", "contact", "suites",
                 "voies_recours", "total_classement", "ligne_classement")
MERGE_COLUMNS_EN = ("dossier", "project", "decision", "amount", "amount_kind", "reasons",
                    "motivation", "total", "out_of", "threshold", "funding_line", "date",
                    "place", "deliberation", "sender", "signatory", "contact", "next_steps",
                    "appeal", "ranking_total", "ranking_line")


def letters_csv(contexts: list[m.Context]) -> bytes:
    """The mail-merge file of ``contexts`` (:func:`letters_csv_pieces`), in one piece."""
    lang = contexts[0].meta.lang if contexts else "fr"
    letters = [c.letter for c in contexts]
    assert None not in letters
    return b"".join(letters_csv_pieces([x for x in letters if x is not None], lang))


#: Rows of the mail merge encoded at a time (:func:`letters_csv_pieces`).
CSV_ROWS = 256


def letters_csv_pieces(letters: Iterable[dm.Letter], lang: str) -> Iterator[bytes]:
    """The mail-merge file: one row per letter, the letter's words in columns, written by
    :func:`isgrid.io.cells.spreadsheet_csv` (UTF-8 with a BOM so that a spreadsheet reads
    the accents, ``;``-separated for a French one, ``\r\n``; every text cell neutralised
    against formulas), in characters an Excel save in cp1252 keeps
    (:func:`isgrid.io.excel.for_excel_save`).  Made as the letters come, a few hundred rows
    a piece (:data:`CSV_ROWS`): never every letter at once."""
    from ..io.cells import spreadsheet_csv
    from ..io.excel import for_excel_save

    rows: list[list[str]] = [list(MERGE_COLUMNS if lang == "fr" else MERGE_COLUMNS_EN)]
    bom = True  # before the first piece only
    for n, x in enumerate(letters, start=1):
        rows.append([for_excel_save(cell) for cell in [
            x.id, x.title, x.outcome, _money(x.amount, lang),
            "" if x.amount is None else (
                ("attribué" if x.granted else "proposé") if lang == "fr"
                else ("granted" if x.granted else "proposed")),
            " ".join(x.reasons), x.motivation or "",  # sentences, each with its full stop
            fmt_number(x.total, lang, 1) if x.total is not None else "",
            fmt_exact(x.out_of, lang) if x.out_of is not None else "",
            fmt_exact(x.threshold, lang) if x.threshold is not None else "",
            _number(None if x.line_ranking else x.line_total, lang),
            x.date or "", x.place or "", x.reference or "", x.sender or "",
            x.signatory or "", x.contact or "", x.next_steps or "", x.appeal or "",
            _number(x.ranking_total, lang),
            _number(x.line_total if x.line_ranking else None, lang)]])
        if n % CSV_ROWS == 0:
            yield spreadsheet_csv(rows, lang, bom=bom)
            bom, rows = False, []
    yield spreadsheet_csv(rows, lang, bom=bom)
