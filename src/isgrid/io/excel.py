"""What Excel did to a value: the one place that recognises a value a spreadsheet
rewrote before isgrid read it (docs/calls.md, « Files that went through Excel »).

A secretariat's files go through Excel: a table of dossiers, a juror's workbook or CSV
sheet, a platform's export opened and saved again.  Excel rewrites some values on the
way, silently:

* a text that starts with -, +, = or @ becomes a formula, and the
  formula an error value (« - ancrage territorial » → ``#NOM?``): the text is gone
  (:func:`excel_error`, refused wherever it is read, as a cell of type ``e`` of a
  workbook is);
* a long number becomes its scientific notation (a SIRET « 12345678901234 » →
  « 1,23457E+13 »): the digits are lost for good (:func:`scientific`);
* a code made of digits becomes a number, its leading zeros dropped (« 01 » → « 1 »,
  « 01000 » → « 1000 »): in a workbook the cell is then a number cell, in a CSV only
  the rule that no longer matches shows it (:func:`zero_padded`);
* a date is saved with a time (« 20/05/2016 00:00 », « 2016-05-20 14:30:00 », a
  date-and-time cell of a workbook): a date fact takes its date
  (:func:`isgrid.grid.facts.date_time`), and a time other than midnight is said ignored.

:func:`excel_trace` says which of these befell a value, as a diagnostic to add at its
cell; every reader of such values calls it (the table of dossiers, its workbook, the
juror's sheets, intake's exports).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import Collector, Count, Location, Message, excerpt
from ..messages import Numbers, Share

#: The error values Excel writes in a cell in place of a value, in English and in French
#: (what a CSV saved by a French Excel holds: ``#NOM?``), as an ``.xlsx`` cell of type
#: ``e`` holds them (always in English there).
EXCEL_ERRORS = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!",
    "#CALC!", "#FIELD!", "#GETTING_DATA", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!",
    "#NUL!", "#VALEUR!", "#NOM?", "#NOMBRE!", "#PROPAGATION!", "#EPARS!", "#CHAMP!",
    "#CALCUL!", "#DONNEES_EN_COURS", "#BLOQUE!", "#INCONNU!", "#CONNEXION!", "#OCCUPE!",
    "#N/D",
})

#: A number in Excel's scientific notation as it writes it in a CSV (« 1,23457E+13 »
#: in French, « 1.23457E+13 » in English): a number of more than 11 digits in a cell of
#: the « Standard » format.
_SCIENTIFIC = re.compile(r"[+-]?\d(?:[.,]\d+)?E[+-]\d{1,3}")

#: The hint of a value Excel turned into an error: what to type instead.
ERROR_HINT = Message("Excel replaced what was typed by its error value: retype the text in "
                     "the cell; a text that starts with -, +, = or @ must be "
                     "typed after an apostrophe ('- ancrage territorial), or Excel takes it "
                     "for a formula.")

Kind = Literal["identifier", "text", "date"]


def excel_error(value: Any) -> str | None:
    """The Excel error value ``value`` is (« #NOM? », « #N/A »…), or None."""
    if not isinstance(value, str) or "#" not in value[:2]:
        return None
    text = value.strip()
    return text if text.upper() in EXCEL_ERRORS else None


#: An error value at the start of a CSV cell (after a line's start, a separator or a quote).
_ERROR_IN_TEXT = re.compile(r"(?:^|[;,\t\"])[ ]*#(?:N/[AD]|[A-Z_/0]+[!?]|GETTING_DATA|"
                            r"DONNEES_EN_COURS)", re.M)


_ERROR_IN_BYTES = re.compile(_ERROR_IN_TEXT.pattern.encode(), re.M)


def may_hold_errors(text: str | bytes) -> bool:
    """Whether a CSV text (or its UTF-8 bytes) may hold an error value in a cell (one scan
    of the text; a cell is then looked at with :func:`excel_error`)."""
    if isinstance(text, bytes):
        return b"#" in text and _ERROR_IN_BYTES.search(text) is not None
    return "#" in text and _ERROR_IN_TEXT.search(text) is not None


def scientific(value: Any) -> bool:
    """Whether ``value`` is a text in Excel's scientific notation (« 1,23457E+13 »)."""
    return isinstance(value, str) and "E" in value and \
        _SCIENTIFIC.fullmatch(value.strip()) is not None


def zero_padded(value: Any, allowed: Collection[str]) -> str | None:
    """The value of ``allowed`` that ``value`` equals once left-padded with zeros (« 1 »
    and « 01 », « 1000 » and « 01000 »), when ``value`` itself is not allowed; else None.
    A code of digits whose zeros Excel dropped."""
    text = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) \
        else None
    if not text or not text.isdigit() or text in allowed:
        return None
    for a in allowed:
        if len(a) > len(text) and a.isdigit() and a.endswith(text) and not a[:-len(text)].strip("0"):
            return a
    return None


@dataclass(frozen=True)
class Trace:
    """What Excel did to a value: a diagnostic to add at the value's place."""

    code: str
    message: Message
    hint: Message
    severity: Literal["error", "warning"]

    def add(self, diags: Collector, where: Location) -> None:
        diags.add(self.code, self.message, where, severity=self.severity, hint=self.hint)


def excel_trace(value: Any, label: str, *, kind: Kind = "text",
                number_cell: bool = False, others: int = 0) -> Trace | None:
    """What Excel did to ``value`` (the value of ``label``, a fact or a column, as read),
    or None when nothing shows.

    * an error value (:func:`excel_error`): an error, whatever the value was for;
    * scientific notation (:func:`scientific`): an error for an ``identifier`` (a SIRET,
      an id: its digits are the value, and they are lost), a warning for another text
      (« 2E+3 » may be what was typed: a reference, a room);
    * ``number_cell``: the value came from a number cell of a workbook where a text is
      expected (a ``type: string`` fact): a warning (a leading zero may be gone, « 01 » →
      1), never changed; ``others``: how many more cells of its column are number cells
      too (said once, at the first);
    * a date and a time for a ``date`` fact (« 20/05/2016 14:30 »): a warning that the
      time is ignored (the date is read); none at midnight (a date cell as saved);
      ``others``: how many more values of its column are so too (said once, at the first:
      :class:`DateTimes`).
    """
    if excel_error(value) is not None:
        return Trace("excel-error-value",
                     Message("{label}: the cell holds {value}, an error value Excel wrote in "
                             "place of what was typed", label=label, value=excerpt(value.strip())),
                     ERROR_HINT, "error")
    if kind == "date":
        return _time_trace(value, label, others)
    if scientific(value):
        ident = kind == "identifier"
        return Trace("excel-mangled",
                     Message("{label}: {value} is a number Excel wrote in scientific notation: "
                             "its digits are lost", label=label, value=excerpt(value.strip())),
                     Message("Take the value again from the dossier or the platform's export; "
                             "in Excel, open the file through Données > À partir d'un fichier "
                             "texte and give this column the type Texte, so that it keeps "
                             "every digit.") if ident else
                     Message("If the value was a long number (a SIRET, a reference), take it "
                             "again from the dossier; in Excel, give this column the type Texte "
                             "so that it keeps every digit."),
                     "error" if ident else "warning")
    if number_cell and isinstance(value, int | float) and not isinstance(value, bool):
        shown = int(value) if isinstance(value, float) and value.is_integer() else value
        return Trace("excel-mangled",
                     Message("{label}: the cell is a number ({value}) where a text is expected "
                             "(number cells in this column: {n}): a spreadsheet may have "
                             "dropped a leading zero", label=label, value=shown,
                             n=Count(others + 1))
                     if others else
                     Message("{label}: the cell is a number ({value}) where a text is expected: "
                             "a spreadsheet may have dropped a leading zero", label=label,
                             value=shown),
                     Message("Give the column the format Texte in the spreadsheet and type the "
                             "value again as written in the dossier (01, 01000); isgrid reads "
                             "it as it is meanwhile."),
                     "warning")
    return None


def _time_trace(value: Any, label: str, others: int = 0) -> Trace | None:
    """The warning of a date fact's value given with a time other than midnight
    (``others``: as many more values of its column, said with it)."""
    from ..grid.facts import date_time

    both = date_time(value)
    if both is None or both[1] is None:
        return None
    shown = value.strip() if isinstance(value, str) else f"{both[0]} {both[1]}"
    return Trace("date-time-ignored",
                 Message("{label}: {n} values are a date and a time (the first here: "
                         "{value}): the dates are read, the times are ignored", label=label,
                         n=Count(others + 1), value=excerpt(shown)) if others else
                 Message("{label}: {value} is a date and a time: the date ({date}) is read, "
                         "the time ({time}) is ignored", label=label, value=excerpt(shown),
                         date=both[0], time=both[1]),
                 Message("A date fact holds a day, without a time: check that the day is the "
                         "one meant (a time kept from a platform's export or a spreadsheet's "
                         "date-and-time cell); give the column the format of a date "
                         "(JJ/MM/AAAA) to save days only."),
                 "warning")


class DateTimes:
    """The dates given with a time of a table's columns (or of a fact across dossier
    files), said once a column, at the first, with their count (:meth:`said`): a column of
    300 timestamps made 300 warnings."""

    def __init__(self) -> None:
        self._seen: dict[str, list[Any]] = {}  # label -> [first value, its place, count]

    def add(self, value: Any, label: str, where: Location) -> None:
        """Keep ``value``, a date and a time of the column ``label`` at ``where`` (its
        :func:`excel_trace` is ``date-time-ignored``), to be said by :meth:`said`."""
        seen = self._seen.get(label)
        if seen is None:
            self._seen[label] = [value, where, 1]
        else:
            seen[2] += 1

    def said(self, diags: Collector) -> None:
        """Add one warning a column, at its first value, and forget them."""
        for label, (first, where, count) in self._seen.items():
            trace = _time_trace(first, label, count - 1)
            if trace is not None:
                trace.add(diags, where)
        self._seen.clear()


def excel_date(value: Any, lang: str = "fr") -> str | None:
    """The date a cell holds, as the spreadsheet shows it (« 01/02/2026 »; « 2026-02-01 »
    in English), when ``value`` is a date or a date and time (a juror's « 1/2 » or « 27/5 »
    that the spreadsheet took for a date); None for any other value."""
    import datetime as dt

    if not isinstance(value, dt.date):
        return None
    return value.strftime("%d/%m/%Y") if lang == "fr" else value.strftime("%Y-%m-%d")


def date_message(label: Any, date: str, expected: Message) -> Message:
    """What a date cell is where ``expected`` (a rating, an amount) was to be typed."""
    return Message("{label}: the cell holds a date ({date}): the spreadsheet took what was "
                   "typed for a date, where {expected} is expected", label=label, date=date,
                   expected=expected)


#: The hint of a date cell where a number was to be typed.
DATE_HINT = Message("Type the value again in digits (0,5 for a half, 27000 for an amount), "
                    "or give the cell the format Texte first: « 1/2 » and « 27/5 » are dates "
                    "for a spreadsheet.")


def leading_zero_trace(value: Any, label: str, allowed: str, rule: str) -> Trace:
    """The warning of a value that fails ``rule`` but equals ``allowed`` once left-padded
    with zeros (:func:`zero_padded`): the value is never changed."""
    return Trace("excel-leading-zero",
                 Message("{label}: {value} is not one of the values of the eligibility rule "
                         "{rule}, but {allowed} is: Excel may have dropped the leading zero",
                         label=label, value=excerpt(str(value).strip()), rule=rule,
                         allowed=excerpt(allowed)),
                 Message("Check the dossier: if it says {allowed}, write it so (in Excel, give "
                         "the column the format Texte before typing, or import the file with "
                         "the column as Texte); isgrid never adds the zero itself.",
                         allowed=allowed),
                 "warning")


__all__ = [
    "DATE_HINT",
    "ERROR_HINT",
    "EXCEL_ERRORS",
    "UNIT_AMOUNT_HINT",
    "UNIT_RATING_HINT",
    "DateTimes",
    "Trace",
    "UnitNumber",
    "date_message",
    "excel_date",
    "excel_error",
    "excel_trace",
    "leading_zero_trace",
    "may_hold_errors",
    "number_unit",
    "scientific",
    "unit_message",
    "zero_padded",
]


#: The characters French typography writes that Excel's default CSV save (« CSV
#: (séparateur : point-virgule) », the Windows code page cp1252) does not have, and what it
#: has for them: the narrow no-break space of « 27 000 € » (U+202F; a thin space too) the
#: no-break space, the superscript letters of « 1ᵉʳ », « 4ᵉ » plain letters (« 1er »,
#: « 4e »), the minus sign of « −5 000 € » (U+2212) the hyphen. Saved with them, a file
#: opened and saved once in Excel says « 27?000?€ ».
_CP1252_SAFE = str.maketrans({"\u202f": "\u00a0", "\u2009": "\u00a0", "\u2007": "\u00a0",
                              "\u1d49": "e", "\u02b3": "r", "\u1d48": "d", "\u02e2": "s",
                              "\u1d52": "o", "\u207f": "n", "\u2212": "-"})


def for_excel_save(text: str) -> str:
    """``text`` in characters an Excel save in the Windows code page keeps
    (:data:`_CP1252_SAFE`): for a CSV a secretariat opens, edits and saves in Excel before
    a word processor merges it (the letters' mail merge)."""
    return text.translate(_CP1252_SAFE)


# ------------------------------------------------ a number a spreadsheet counts in a unit
#: The euro, as a spreadsheet names it: ODS's ``office:currency``, a format's ``[$€-40C]``,
#: ``[$EUR]`` or a literal ``€``
_EURO = frozenset({"€", "EUR"})


class UnitNumber:
    """A number cell of a juror's workbook whose type or format counts it in a unit other
    than plain numbers or euros (:func:`number_unit`): ``unit`` is ``%`` (« 50 % », the
    number 0.5) or a currency (``USD``, ``$``).  Never read as a rating or an amount."""

    __slots__ = ("unit", "value")

    def __init__(self, value: float, unit: str) -> None:
        self.value, self.unit = value, unit

    def __str__(self) -> str:
        v = self.value
        return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)

    def __repr__(self) -> str:
        return f"UnitNumber({self.value!r}, {self.unit!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnitNumber) and (self.value, self.unit) == (other.value,
                                                                              other.unit)

    def __hash__(self) -> int:
        return hash((self.value, self.unit))


def _format_parts(code: str) -> tuple[str, list[str], list[str], str]:
    """A number format code's parts: its code outside quotes, escapes and brackets, its
    literal texts (``"US$"``, ``\\$``), its bracketed currencies (``[$$-409]``: ``$``), and
    the texts it shows around the number, in order (literals, currencies and what is
    outside them: ``#,##0 "k€"`` shows ``#,##0 k€``)."""
    bare: list[str] = []
    literals: list[str] = []
    currencies: list[str] = []
    shown: list[str] = []
    i = 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            end = code.find('"', i + 1)
            end = len(code) if end < 0 else end
            literals.append(code[i + 1:end])
            shown.append(code[i + 1:end])
            i = end + 1
        elif ch == "\\" and i + 1 < len(code):
            literals.append(code[i + 1])
            shown.append(code[i + 1])
            i += 2
        elif ch in "_*" and i + 1 < len(code):  # a space as wide as the next character, or
            i += 2                               # the next character repeated to fill the cell
            shown.append(" ")
        elif ch == "[":
            end = code.find("]", i + 1)
            end = len(code) if end < 0 else end
            inside = code[i + 1:end]
            if inside.startswith("$"):
                currencies.append(inside[1:].split("-", 1)[0].strip())
                shown.append(currencies[-1])
            i = end + 1
        else:
            bare.append(ch)
            shown.append(ch)
            i += 1
    return "".join(bare), literals, currencies, "".join(shown)


#: The ISO 4217 codes a format may name as a literal (``#,##0 "USD"``, ``"CHF" 0``): the
#: common ones, not any three capitals (``"TTC"``, ``"ETP"``, ``"FTE"`` are plain text, the
#: amount stays in euros: review s17 hostile, finding 4)
ISO_CURRENCIES = frozenset({
    "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "NZD", "CNY", "HKD", "SGD", "INR", "KRW",
    "SEK", "NOK", "DKK", "ISK", "PLN", "CZK", "HUF", "RON", "BGN", "HRK", "RSD", "TRY",
    "RUB", "UAH", "ILS", "BRL", "MXN", "ZAR", "XOF", "XAF", "XPF", "MAD", "TND", "DZD",
    "EGP", "MGA", "MUR", "KMF", "HTG", "SAR", "AED", "QAR",
})

#: A multiple of the euro a format shows (``#,##0 "k€"``, ``[$k€]``, ``0 "M€"``, ``"KEUR"``):
#: the number typed is in thousands (millions, billions) of euros, never read as euros
#: (review s17 hostile, finding 3).  Its unit is said ``k€``, ``M€`` or ``Md€``.
_EURO_MULTIPLE = re.compile(r"(?<![^\W\d_])(k|m|mds?|mrds?)[ \u00a0\u202f]?(?:€|eur)(?![^\W\d_])",
                            flags=re.I)
EURO_MULTIPLES: dict[str, str] = {"k": "k€", "m": "M€", "md": "Md€", "mds": "Md€", "mrd": "Md€",
                                  "mrds": "Md€"}


def number_unit(*, format_code: str | None = None, builtin: int | None = None,
                value_type: str | None = None, currency: str | None = None) -> str | None:
    """The one rule of « this number cell is not a plain number nor euros »: what its type
    or format counts it in, ``%`` or a currency other than the euro (``USD``, ``$``), or
    None for a plain number, a number in euros, or a currency the file does not name.

    An ODS cell gives its ``value_type`` (``percentage``, ``currency`` with its
    ``currency``, ``EUR`` being the euro); an .xlsx cell its number format: a ``builtin``
    one (``0%`` and ``0.00%`` are 9 and 10; the currency ones, 5 to 8 and 41 to 44, are the
    computer's own currency, a French one's euro, and are not refused) or a ``format_code``
    of its own (a ``%`` outside quotes; a currency ``[$$-409]``, ``[$USD]``, a literal
    ``$``, ``£``, an ISO code of :data:`ISO_CURRENCIES` ``"USD"``, not ``"TTC"``; ``€``,
    ``[$€-40C]``, ``[$EUR]`` are the euro, ``"k€"``, ``[$k€]``, ``"M€"`` a multiple of it,
    said ``k€``, ``M€``, ``Md€``: :data:`EURO_MULTIPLES`).  A built-in id whose text the
    workbook writes is given as that text (:func:`isgrid.io.xlsx.style_units`)."""
    if value_type is not None:
        if value_type == "percentage":
            return "%"
        if value_type == "currency" and currency and currency.strip().upper() not in _EURO:
            return currency.strip()
        return None
    if builtin is not None:
        return "%" if builtin in (9, 10) else None
    if not format_code:
        return None
    bare, literals, currencies, shown = _format_parts(format_code)
    multiple = _EURO_MULTIPLE.search(shown)
    if multiple:
        return EURO_MULTIPLES[str(multiple.group(1)).lower()]
    for found in currencies:
        if found and found.upper() not in _EURO:
            return found
    for text in [bare, *literals]:
        signs = [ch for ch in text if unicodedata.category(ch) == "Sc" and ch != "€"]
        if signs:
            return signs[0]
    for text in literals:
        codes = [str(w) for w in re.findall(r"[A-Za-z]+", text) if w in ISO_CURRENCIES]
        if codes:
            return codes[0]
    return "%" if "%" in bare else None


def unit_message(label: Any, cell: UnitNumber, expected: Message) -> Message:
    """What a percentage or another currency's cell is where ``expected`` (a rating, an
    amount in euros) was to be typed: « la cellule est un pourcentage (50 %) »."""
    if cell.unit == "%":
        return Message("{label}: the cell is a percentage ({shown}), where {expected} is "
                       "expected", label=label, shown=Share(cell.value), expected=expected)
    v = cell.value
    shown = Count(int(v)) if float(v).is_integer() else Numbers([v])  # « 12 000 », « 0,5 »
    if cell.unit == "k€":  # a multiple of the euro (EURO_MULTIPLES)
        return Message("{label}: the cell is an amount in thousands of euros ({shown}), "
                       "where {expected} is expected", label=label, shown=shown,
                       expected=expected)
    if cell.unit == "M€":
        return Message("{label}: the cell is an amount in millions of euros ({shown}), "
                       "where {expected} is expected", label=label, shown=shown,
                       expected=expected)
    if cell.unit == "Md€":
        return Message("{label}: the cell is an amount in billions of euros ({shown}), "
                       "where {expected} is expected", label=label, shown=shown,
                       expected=expected)
    return Message("{label}: the cell is an amount in {currency} ({shown}), where {expected} "
                   "is expected", label=label, currency=cell.unit, shown=shown,
                   expected=expected)


#: The hint of a percentage or another currency where an amount in euros is expected.
UNIT_AMOUNT_HINT = Message(
    "Type the amount in euros, in digits (27000), in a cell of the format Standard or "
    "Monétaire en euros: isgrid converts no percentage nor currency.")

#: The hint of a percentage or a currency where a rating is expected.
UNIT_RATING_HINT = Message(
    "Choose the level from the cell's list, or give the cell the format Standard and type "
    "its value in digits (3, 2,5): « 50 % » is the number 0,5 for a spreadsheet.")
