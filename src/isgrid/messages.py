"""What a user reads, as data: a :class:`Message` is its English text and knows how it was
made (template and named values), so that it can be said in French too.

Other software's messages (click's, PyYAML's) become Messages through a table of the
commonest ones (:func:`words`, :func:`worded`); any other stays as it was written.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Literal, Self, cast

from .i18n import de_name, french_spacing, gettext, ngettext
from .vocabulary import TOTAL_DECIMALS


class Words:
    """(pattern, template) pairs: a message of other software, and its template; the
    patterns compiled when the table is first read (:func:`words`)."""

    __slots__ = ("_compiled", "_flags", "_pairs")

    def __init__(self, pairs: Iterable[tuple[str, str]], flags: int = 0) -> None:
        self._pairs = tuple(pairs)
        self._flags = flags
        self._compiled: tuple[tuple[re.Pattern[str], str], ...] | None = None

    def __iter__(self) -> Iterator[tuple[re.Pattern[str], str]]:
        if self._compiled is None:  # two threads at once compile the same patterns twice
            self._compiled = tuple((re.compile(pattern, self._flags), template)
                                   for pattern, template in self._pairs)
        return iter(self._compiled)


class Message(str):
    """A message a user reads: the English text, which also knows how it was made.

    ``Message("the dossier {dossier} has no ratings yet", dossier="D07")`` *is* the
    English text (a ``str``: it compares, prints, hashes and goes into JSON as such);
    its ``template`` is the msgid of the gettext catalog and ``values`` the named
    values put into it, kept as written (identifiers, paths, key paths and grid
    content are never translated).  :meth:`translated` gives it in another language:
    the French template may put the values in another order.  ``tests/cli/
    i18n_messages.py`` extracts every ``Message("…")`` of the package for the catalog,
    and ``tests/cli/test_cli_i18n.py`` fails when one has no French translation or
    when a diagnostic is made from a plain string.  A template with values doubles
    its literal braces (``{{``), like :meth:`str.format`.
    """

    template: str
    values: dict[str, str]

    def __new__(cls, template: str, /, **values: object) -> Self:
        # a value that is itself a Message (a parser's reason) is translated with it
        given = {k: v if isinstance(v, Message) else str(v) for k, v in values.items()}
        self = super().__new__(cls, template.format(**given) if given else template)
        self.template = template
        self.values = given
        return self

    def __reduce__(self) -> tuple[object, ...]:  # pickling keeps the template and values
        return (_message, (self.template, self.values))

    def translated(self, lang: str) -> str:
        """The message in ``lang`` (itself in English, or when it has no translation)."""
        if lang == "en":
            return str(self)
        text = gettext(self.template, lang)
        if not self.values:
            return text
        return _filled(text, self.values, lang)


def _message(template: str, values: dict[str, str]) -> Message:
    return Message(template, **values)


class _Value(Message):
    """A value put into a :class:`Message`, written as each language writes it
    (:meth:`written`): the English text is the ``str``; :meth:`translated` writes it again."""

    x: object

    def __new__(cls, x: object) -> Self:
        self = str.__new__(cls, cls.written(x, "en"))
        self.template, self.values, self.x = "", {}, x
        return self

    @staticmethod
    def written(x: object, lang: str) -> str:
        raise NotImplementedError

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.x,))

    def translated(self, lang: str) -> str:
        return self.written(self.x, lang)


class Count(_Value):
    """A whole number put into a :class:`Message`, grouped by thousands as its language
    writes them: ``200,000`` in English, ``200 000`` (narrow no-break space) in French."""

    @property
    def n(self) -> int:
        return cast(int, self.x)

    @staticmethod
    def written(x: object, lang: str) -> str:
        return group_thousands(cast(int, x), lang)


class Plural(Message):
    """A :class:`Message` whose words agree with a count ``n``: « 1 column missing »,
    « 3 columns missing »; in French « 0 écriture faite », « 2 écritures faites » (the
    catalog's plural forms: the singular up to 1).  ``Plural("{n} write done",
    "{n} writes done", n, …)``: both English forms are the catalog's msgid and
    msgid_plural; ``{n}`` is the count, grouped by thousands as the language writes
    them (:class:`Count`).  ``tests/cli/i18n_messages.py`` extracts them as it does
    every ``Message``."""

    forms: tuple[str, str]
    n: int

    def __new__(cls, singular: str, plural: str, n: int, /, **values: object) -> Self:
        self = super().__new__(cls, singular if n == 1 else plural, n=Count(n), **values)
        self.forms, self.n = (singular, plural), n
        return self

    def __reduce__(self) -> tuple[object, ...]:
        values = {k: v for k, v in self.values.items() if k != "n"}
        return (_plural, (*self.forms, self.n, values))

    def translated(self, lang: str) -> str:
        if lang == "en":
            return str(self)
        return _filled(ngettext(*self.forms, self.n, lang), self.values, lang)


def _filled(text: str, values: dict[str, str], lang: str) -> str:
    """A translated template ``text`` with its ``values``, each in ``lang``.  A French
    template writes ``{de_x}`` where the English one writes ``{x}`` after « of » or
    « 's »: the value ``x`` (a person's name or id) after « de », elided before a vowel
    (« les lignes d'anne », « de j1 »: :func:`isgrid.i18n.de_name`, the one rule)."""
    given = {k: v.translated(lang) if isinstance(v, Message) else v for k, v in values.items()}
    if "{de_" in text:
        given |= {f"de_{k}": de_name(v) for k, v in given.items()}
    return text.format(**given)


def _plural(singular: str, plural: str, n: int, values: dict[str, str]) -> Plural:
    return Plural(singular, plural, n, **values)


def shown_names(names: Sequence[str], most: int = 10) -> str:
    """At most ``most`` names, each of at most 40 characters, then « … and N more »: a
    header of a million columns made a 3 MB message."""
    shown = ", ".join(n if len(n) <= 40 else n[:39] + "…" for n in names[:most])
    if len(names) > most:
        return Plural("{shown} and {n} more", "{shown} and {n} more", len(names) - most,
                      shown=shown)
    return shown


def missing_columns(names: list[str], *, skipped: bool = False) -> Plural:
    """« missing column: dossier », « missing columns: dossier, value » (``skipped``: « ;
    the file is not read »): the one wording of every CSV header without a needed column."""
    if skipped:
        return Plural("missing column: {missing}; the file is not read",
                      "missing columns: {missing}; the file is not read", len(names),
                      missing=shown_names(names))
    return Plural("missing column: {missing}", "missing columns: {missing}", len(names),
                  missing=shown_names(names))


def unknown_columns(names: list[str], *, ignored: bool = False) -> Plural:
    """« unknown column: x » or, read anyway, « unknown columns ignored: x, y »."""
    if ignored:
        return Plural("unknown column ignored: {extra}", "unknown columns ignored: {extra}",
                      len(names), extra=shown_names(names))
    return Plural("unknown column: {extra}", "unknown columns: {extra}", len(names),
                  extra=shown_names(names))


class Money(_Value):
    """An amount put into a :class:`Message`, as its language writes money (:func:`euros`):
    ``€12,000.50`` in English, « 12 000,50 € » in French."""

    @staticmethod
    def written(x: object, lang: str) -> str:
        return euros(cast(float, x), lang)


class Share(_Value):
    """A share put into a :class:`Message` as a percentage (:func:`percent`): ``50%`` in
    English, « 50 % » in French (a call's ``funding.rate``)."""

    @staticmethod
    def written(x: object, lang: str) -> str:
        return percent(cast(float, x), lang)


class CatalogText(_Value):
    """A text of a JSON catalog put into a :class:`Message`: ``CatalogText("common", "mode.profile")``
    is « marker profile » in English, « profil de marqueurs » in French, the words every
    document and ``grids show`` use (one place for them: ``locale/<domain>.json``)."""

    def __new__(cls, domain: str, key: str) -> Self:
        return super().__new__(cls, (domain, key))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), cast(tuple[str, str], self.x))

    @staticmethod
    def written(x: object, lang: str) -> str:
        from .i18n import translator

        domain, key = cast(tuple[str, str], x)
        return translator(domain, "en" if lang == "en" else "fr")(key)


class ShareChanges(_Value):
    """Criteria's shares of a total put into a :class:`Message`, each « id: before →
    after » (or « id: share » when there is no before), as its language writes them
    (:func:`percent`): ``AV-4.2: 14.3% → 7.1%`` in English, « AV-4.2 : 14,3 % → 7,1 % » in
    French, separated by semicolons."""

    def __new__(cls, xs: Iterable[tuple[str, float | None, float]]) -> Self:
        return super().__new__(cls, tuple(xs))

    @staticmethod
    def written(x: object, lang: str) -> str:
        items = cast(tuple[tuple[str, float | None, float], ...], x)
        colon = "\u00a0: " if lang == "fr" else ": "
        parts = [cid + colon + (f"{percent(before, lang)} → " if before is not None else "")
                 + percent(after, lang) for cid, before, after in items]
        return ("\u202f; " if lang == "fr" else "; ").join(parts)


class FileChanges(_Value):
    """Files put into a :class:`Message`, each by its path, « (new) » or « (removed) »
    after a file that was not there or is gone, separated by commas, at most ten then
    « and N more »: ``ratings/j1.csv, ratings/j5.csv (new)`` in English, « ratings/j1.csv,
    ratings/j5.csv (nouveau) » in French (``inputs-changed``)."""

    def __new__(cls, xs: Iterable[tuple[str, Literal["changed", "new", "removed"]]]) -> Self:
        return super().__new__(cls, tuple(xs))

    @staticmethod
    def written(x: object, lang: str) -> str:
        items = cast(tuple[tuple[str, str], ...], x)
        words = ({"new": " (nouveau)", "removed": " (supprimé)"} if lang == "fr" else
                 {"new": " (new)", "removed": " (removed)"})
        shown = ", ".join(path + words.get(how, "") for path, how in items[:10])
        if len(items) > 10:
            more = len(items) - 10
            shown += (f" et {group_thousands(more, lang)} autre{'s' if more > 1 else ''}"
                      if lang == "fr" else f" and {group_thousands(more, lang)} more")
        return shown


class Numbers(_Value):
    """Numbers put into a :class:`Message`, as its language lists them: ``0, 0.5, 1`` in
    English, « 0 ; 0,5 ; 1 » in French (a decimal comma, so a semicolon between them)."""

    def __new__(cls, xs: Iterable[float]) -> Self:
        return super().__new__(cls, tuple(xs))

    @staticmethod
    def written(x: object, lang: str) -> str:
        xs = cast(tuple[float, ...], x)
        if lang != "fr":
            return ", ".join(plain_number(v) for v in xs)
        return "\u202f; ".join(decimal_text(plain_number(v), lang) for v in xs)


class Levels(_Value):
    """A scale's levels put into a :class:`Message`, each value with its label, as its
    language lists them: ``3 (Bon), 4 (Très bon)`` in English, « 3 (Bon) ; 4 (Très bon) »
    in French (a decimal comma, so a semicolon between them).  The labels are the grid's,
    never translated."""

    def __new__(cls, levels: Iterable[tuple[float, str]]) -> Self:
        return super().__new__(cls, tuple(levels))

    @staticmethod
    def written(x: object, lang: str) -> str:
        xs = cast(tuple[tuple[float, str], ...], x)
        if lang != "fr":
            return ", ".join(f"{plain_number(v)} ({label})" for v, label in xs)
        return "\u202f; ".join(f"{decimal_text(plain_number(v), lang)} ({label})"
                               for v, label in xs)


class Quoted(_Value):
    """Texts put into a :class:`Message` (a platform's column labels, champ ids, the values
    a warning found), each between its language's quotes, separated by commas:
    ``“Montant demandé”, “Avis de l'instruction”`` in English, « « Montant demandé »,
    « Avis de l'instruction » » in French (no-break spaces inside, the rule of
    :func:`isgrid.i18n.french_spacing`), whatever quotes or apostrophes a text holds (a
    character that is not printable shown escaped, :func:`visible`); with
    ``more``, « … » after them (more were found than are shown).  A template quotes its
    list this way, never with quotes of its own around a joined list (the French one read
    « A”, “B »).  The one rule of texts quoted in a message (the warnings of
    :mod:`isgrid.engine.unmet`, intake's)."""

    def __new__(cls, texts: Iterable[str], more: bool = False) -> Self:
        return super().__new__(cls, (tuple(texts), more))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), cast(tuple[tuple[str, ...], bool], self.x))

    @staticmethod
    def written(x: object, lang: str) -> str:
        texts, more = cast(tuple[tuple[str, ...], bool], x)
        texts = tuple(map(visible, texts))
        if lang == "fr":
            text = ", ".join(f"«\u00a0{t}\u00a0»" for t in texts)
        else:
            text = ", ".join(f"“{t}”" for t in texts)
        return text + ("…" if more else "")


def visible(text: str) -> str:
    """``text`` with each character that is not printable (a newline, a control, a bidi
    override U+202E, a line separator) escaped as ``repr`` escapes it (``\\n``, ``\\x1b``,
    ``\\u202e``): a value quoted in a message never forges a line of its own, moves the
    cursor nor reorders the sentence (:class:`Quote`, :class:`Quoted`).  A space is shown
    as it is, whichever (Python counts a no-break space, U+00A0, or the narrow one of
    « 24 000,50 », U+202F, as not printable: French writes them in every amount)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or unicodedata.category(ch) == "Zs"
                   else repr(ch)[1:-1] for ch in text)


class Quote(_Value):
    """One value a user wrote (a key, an id, a cell's text) put into a :class:`Message`,
    between its language's quotes: ``'budget'`` in English (Python's ``repr``, as every
    message wrote it, so that ``--format json`` keeps the value as it was), « budget » in
    French (no-break spaces inside, the rule of :class:`Quoted`), never Python's quotes and
    escapes in a French sentence (« la clé 'budget' »).  A character that is not printable
    (a newline, a control, a bidi override U+202E) is shown escaped in both languages
    (``\\n``, ``\\x1b``, ``\\u202e``, as ``repr`` and the servers' log do), so that a
    hostile value never forges a line nor reorders the sentence; a French value that holds
    « or » is quoted “ ” instead (« « a » » would read as two quotations).  ``limit``: a
    longer value is cut, « (1 234 caractères) » after it (:func:`isgrid.errors.excerpt`).
    A value that is not a text (a number, ``None``, a list) is written as ``repr`` writes it,
    without quotes.  The one way a message quotes a single value (a list of texts:
    :class:`Quoted`)."""

    def __new__(cls, x: object, limit: int | None = None) -> Self:
        return super().__new__(cls, (x, limit))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), cast(tuple[object, int | None], self.x))

    @property
    def value(self) -> object:
        """The value as given (the raw one, for machine output)."""
        return cast(tuple[object, int | None], self.x)[0]

    @staticmethod
    def written(x: object, lang: str) -> str:
        value, limit = cast(tuple[object, int | None], x)
        if lang == "en" or not isinstance(value, str):
            text = repr(value)
            if limit is None or len(text) <= limit:
                return text
            return text[: limit - 12] + f"… ({len(str(value)):,} chars)"
        # cut where English cuts (the same values), the ellipsis inside the quotes
        cut = limit is not None and len(repr(value)) > limit
        shown = value[: max(cast(int, limit) - 14, 1)] + "…" if cut else value
        shown = visible(shown)
        text = f"“{shown}”" if "«" in shown or "»" in shown else f"«\u00a0{shown}\u00a0»"
        if cut:
            text += f" ({group_thousands(len(value), lang)}\u00a0caractères)"
        return text


class Quotes(_Value):
    """Values put into a :class:`Message`, each as :class:`Quote` writes it, separated by
    commas: ``'a', 'b'`` in English, « « a », « b » » in French (the choices a value is
    not one of); each cut at ``limit`` characters."""

    def __new__(cls, xs: Iterable[object], limit: int | None = None) -> Self:
        return super().__new__(cls, (tuple(xs), limit))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), cast(tuple[tuple[object, ...], int | None], self.x))

    @staticmethod
    def written(x: object, lang: str) -> str:
        xs, limit = cast(tuple[tuple[object, ...], int | None], x)
        return ", ".join(Quote.written((v, limit), lang) for v in xs)


def translate_message(message: str, lang: str) -> str:
    """``message`` in ``lang``: a :class:`Message` through its template, any other text
    through the catalog (a hint written in full), else as it is."""
    if isinstance(message, Message):
        return message.translated(lang)
    return gettext(message, lang)


def decimal_text(text: str, lang: str) -> str:
    """A number already written with a decimal point, as ``lang`` writes it: a decimal
    comma in French (« 71,43 »), the point in English.  The one rule of every number
    isgrid writes for a reader (documents, tables, workbooks, messages)."""
    return text.replace(".", ",") if lang == "fr" else text


def plain_number(x: float | int) -> str:
    """A number written in full, as a file keeps it: ``3``, ``2.5``, ``12345.67``,
    ``1234567``; never ``1.23457e+06``, never rounded (``f"{x:g}"`` keeps six digits: a
    juror's « 12 345,67 € » became 12345.7, and « 1 234 567 » an exponent the amount
    reader refused)."""
    if isinstance(x, int):
        return str(x)
    if x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    text = repr(x)
    if "e" in text and abs(x) < 1e16:  # 1e-05: the digits in full
        text = f"{x:.20f}".rstrip("0").rstrip(".")
    return text


#: the places a number is read « as written » to: the engine's (one constant)
AS_WRITTEN_DECIMALS = TOTAL_DECIMALS


def half_up(x: float | int, digits: int = 1) -> str:
    """``x`` to ``digits`` decimals, with a decimal point, rounded half up on the decimal as
    written, as a reader checks it by hand: 3,25 -> 3,3, 2,45 -> 2,5, 0,05 -> 0,1, and
    negative values symmetric (-3,25 -> -3,3); never « -0,0 ».  ``f"{x:.1f}"`` and
    ``round()`` round the binary value half to even: a juror's mean of 3,25 read « 3,2 / 4 »
    in a letter, « 12,25 % » read « 12,2 % » and 0,125 € « 0,12 € ».  The number as written
    is its shortest form (``repr``: 2.45, not 2.4500000000000002), first to
    :data:`AS_WRITTEN_DECIMALS` places, so that a mean computed as 3.2499999999999996 is the
    3,25 it is.  The one rounding of every number isgrid writes for a reader: the
    documents' (:func:`isgrid.documents.text.fmt_number`, the charts, the SCDL amounts),
    :func:`percent` and :func:`euros`."""
    v = float(x)
    if not math.isfinite(v):
        return f"{v:.{digits}f}"
    d = Decimal(int(x)) if isinstance(x, int) else Decimal(repr(v))
    if digits < AS_WRITTEN_DECIMALS:
        d = d.quantize(Decimal(1).scaleb(-AS_WRITTEN_DECIMALS), ROUND_HALF_EVEN)
    d = d.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    return f"{abs(d) if d.is_zero() else d:f}"


def percent(share: float, lang: str) -> str:
    """A share as a percentage, the one rule of every percentage isgrid writes for a
    reader (a criterion's weight in a workbook, a dimension's share in a comparison, a
    rate in the CP annex, the envelope ±10 % of the minutes, a section's score in a fiche):
    to a tenth, without the decimal when the tenth is 0 (« 14,3 % », « 48 % », « 10 % »: the
    ±10 % table compares amounts, « 10,0 % » would claim a precision nobody chose).  French:
    a decimal comma and a narrow no-break space before « % » (:func:`isgrid.i18n.
    french_spacing`, the rule of every French text); English: the sign set close, ``14.3%``,
    ``48%``, as English style guides (Chicago, AP, the Guardian's) and English-speaking
    administrations write it, the space being the SI's and French usage.  Rounded half up
    (:func:`half_up`, as the documents round): 12,25 % is « 12,3 % », 0,05 % « 0,1 % »."""
    tenth = half_up(100 * share, 1)  # never « -0,0 »
    text = decimal_text(tenth.removesuffix(".0"), lang)
    return french_spacing(text + " %") if lang == "fr" else text + "%"


def group_thousands(n: int, lang: str) -> str:
    """``1,234`` in English, ``1 234`` (narrow no-break space) in French."""
    return f"{n:,}".replace(",", "\u202f") if lang == "fr" else f"{n:,}"




def plural_form(n: float | int, lang: str = "fr") -> Literal["one", "other"]:
    """``one`` or ``other``: the form a word counted ``n`` times takes in ``lang`` (French:
    the singular up to 1, « 0 entrée », « 1 entrée », « 2 entrées »; English: only 1)."""
    if lang.split("-")[0] == "fr":
        return "one" if abs(n) < 2 else "other"
    return "one" if n == 1 else "other"


def euros(x: float | int, lang: str = "fr") -> str:
    """An amount in euros as a reader reads it: « 60 000 € », « 1 250,50 € » (``€60,000``,
    ``€1,250.50`` in English); whole euros without decimals, others to the cent.  The one
    rule of every amount shown (documents, tables, the engine's notes); a negative one with
    the minus sign U+2212 in French (« −5 000 € »).  To the cent,
    rounded half up (:func:`half_up`, as the documents round): 0,125 € is « 0,13 € »,
    2,675 € « 2,68 € », 59 999,995 € « 60 000 € »."""
    cents = Decimal(half_up(x, 2))
    text = f"{cents:,.0f}" if cents == cents.to_integral_value() else f"{cents:,.2f}"
    if lang != "fr":  # the sign before the symbol: « -€0.50 », never « €-0.50 »
        return "-€" + text[1:] if text.startswith("-") else "€" + text
    # French typography's minus sign, U+2212, never the hyphen: « reste −5 000 € » (review
    # s18 F9); only in what a reader reads, never in a JSON or CSV number (not written here)
    text = "\u2212" + text[1:] if text.startswith("-") else text
    return decimal_text(text.replace(",", "\u202f"), "fr") + "\u202f€"


#: beyond this many ids a mistyped one is matched by case and zeros, not by spelling
#: (:func:`close_match`: a national call's 20,000 dossier ids, each unknown id of its
#: ratings files looked up once)
SPELLED = 5000


def close_match(word: str, known: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The id ``word`` was probably meant to be, for a « Did you mean …? » hint: one of
    ``known`` equal but for case (``als-3`` for ``ALS-3``), else the one closest by
    spelling when it is clearly so (a character missing or added: ``AL-3``, ``ALS3``,
    ``AL16-1``) or the one equal but for zeros before a number (``IS-9`` for ``IS-09``),
    else None.  None when two ids are as close as each other: ``ALS-9``
    is as near ``ALS-2`` as ``ALS-5``, and naming one would send the rating to a wrong
    criterion.  The one rule of every such hint (unknown dossier, criterion, key);
    ``cutoff`` lower for longer words (a column's header: « Montant sollicité » for
    « Montant demandé »)."""
    import difflib

    known = list(known)
    folded = word.casefold()
    same = [k for k in known if k.casefold() == folded]
    if same:
        return same[0]
    # the same but for zeros before a number (« IS-9 » for « IS-09 », review s18 F8):
    # spelling alone finds IS-19, IS-29… as near, and names none
    unpadded = _unpadded(folded)
    padded = [k for k in known if _unpadded(k.casefold()) == unpadded]
    if len(padded) == 1:
        return padded[0]
    if len(known) > SPELLED:
        return None  # by case and zeros only: difflib reads every id (60 ms for 20,000)
    close = difflib.get_close_matches(word, known, n=2, cutoff=cutoff)
    if not close:
        return None
    if len(close) == 2:
        ratio = [difflib.SequenceMatcher(None, word, k).ratio() for k in close]
        if ratio[0] == ratio[1]:
            return None  # as close to two ids: no guess
    return close[0]


def _unpadded(text: str) -> str:
    """``text`` with the zeros before each number dropped (« is-09 » → « is-9 »)."""
    return re.sub(r"\d+", lambda m: m[0].lstrip("0") or "0", text)


def did_you_mean(word: str, known: Iterable[str]) -> Message | None:
    """« Did you mean 'X'? » (:func:`close_match`), the hint of a mistyped id; None when no
    id is clearly meant (the caller's own hint then)."""
    close = close_match(word, known)
    return Message("Did you mean {key}?", key=Quote(close)) if close else None


def words(pairs: Iterable[tuple[str, str]], flags: int = 0) -> Words:
    """A table of :func:`worded`: each pattern, with its template; a named group of the
    pattern becomes the template's placeholder of the same name.  The patterns are compiled
    when the table is first read: click's and PyYAML's tables (43 patterns, about 1.7 ms)
    are read only when one of their messages is shown, and were compiled by every command
    at import (docs/performance.md, « Session 21 »)."""
    return Words(pairs, flags)


def worded(table: Words, text: str, nested: str | None = None) -> Message:
    """``text`` as the Message of the first pattern of ``table`` that matches all of it
    (the group ``nested`` looked up in the table too), else as it was written."""
    for pattern, template in table:
        m = pattern.fullmatch(text)
        if m is not None:
            values: dict[str, object] = dict(m.groupdict())
            if nested is not None and nested in values:
                values[nested] = worded(table, m[nested], nested)
            return Message(template, **values)
    return Message("{problem}", problem=text)


#: How a message names what the user set (an amount, a date, a motivation), with the value
#: when one is given: the command line's option (:func:`as_option`: « --amount »,
#: « --votes 7/1/2 ») or, when the library is called from Python, the function's keyword
#: parameter (:func:`as_parameter`: « amount », « votes='7/1/2' »).  One message, the name
#: passed in: ``Message("{amount_is} {amount} is below…", amount_is=naming("amount"))``.
Naming = Callable[..., str]


def as_option(name: str, value: object = None) -> str:
    """``name`` as the command line's option: « --amount », « --at 2026-06-02 »."""
    option = "--" + name.replace("_", "-")
    return option if value is None else f"{option} {value}"


def as_parameter(name: str, value: object = None) -> str:
    """``name`` as the library's keyword parameter: « amount », « at='2026-06-02' »."""
    return name if value is None else f"{name}={str(value)!r}"
