"""French typography for the documents: narrow no-break spaces and plural agreement.

:func:`french_spacing` puts the spaces French typography wants where a space is written:
a NARROW NO-BREAK SPACE (U+202F) before « ; ! ? € % », a NO-BREAK SPACE (U+00A0) before
« : » and inside « » (so that a line never breaks after « or before »), as the command
line's gettext catalog writes them (tests/cli/test_cli_i18n.py holds it to that rule).  It
only replaces spaces already written before a punctuation mark that ends a word
(« 10:30 », « https://… », « 12% » and a Markdown « :--- » are left alone) and never
touches the English text.  The French texts of every JSON catalog pass through it once,
when the catalog is read (:func:`isgrid.i18n.catalog`, where the rule lives): one rule
for every document.  :func:`plural_form` says which form of a
counted word a number takes: in French 0 and 1 take the singular (« 0 entrée »,
« 1 entrée », « 2 entrées »), in English only 1 does.

The same rule holds for the texts a French document prints that isgrid did not write:
a grid's labels, questions, levels, sections and rules, a dossier's title, a juror's
comment (:func:`printed`).  Their spaces are typography, not words: the grid files, the
result JSON, the CSV and the grid export keep them as their sources wrote them, and only
the printing of a French document (HTML, PDF, Markdown, Word, the workbooks' guidance
sheet) gives them French typography's spaces.  A :class:`Verbatim` text is printed as
written (a form's value, code).
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from typing import Any

from ..grid.model import FactSpec
from ..i18n import french_spacing as french_spacing  # the rule's home: isgrid.i18n
from ..io.moments import iso_ymd as _date
from ..io.moments import moment as _moment
from ..io.moments import moment_day as moment_day  # the rule's home: isgrid.io.moments
from ..messages import euros, plain_number
from ..messages import plural_form as plural_form  # the rule's home: isgrid.messages

NNBSP = "\u202f"

#: What :func:`french_spacing` may act on: a text without any is printed as it is, unread
#: (most of what a document prints: numbers, ids, names, dates).
_MARKS = re.compile("[:;!?%€«»]")


class Verbatim(str):
    """A text printed exactly as it is written, in every language: a form's value (what
    a user typed goes back as typed), code.  The templates' ``verbatim`` filter."""

    __slots__ = ()


def is_french(lang: str) -> bool:
    """``lang`` is French (« fr », « fr-FR »)."""
    return lang.split("-")[0].lower() == "fr"


def inner_quotes(text: str, lang: str) -> str:
    """``text`` ready to be quoted (``letter.quote``): the quotes it holds become the inner
    ones, « » in French becoming “ ” (no space inside), “ ” in English ‘ ’ (review s18 F9:
    a juror's « public : « jeunes NEET ». » read as two openings).  The one rule of a text
    quoted in a letter or a fiche (:func:`quoted`)."""
    if is_french(lang):
        if "«" not in text and "»" not in text:
            return text
        return _CLOSE.sub("”", _OPEN.sub("“", text))
    return text.replace("“", "‘").replace("”", "’")


_OPEN = re.compile("«[\\s\u00a0\u202f]*")
_CLOSE = re.compile("[\\s\u00a0\u202f]*»")


def quoted(t: Any, text: str, lang: str) -> str:
    """``text`` between the language's quotes (the catalog's ``letter.quote``), its own
    quotes made inner ones (:func:`inner_quotes`)."""
    return str(t("letter.quote", text=inner_quotes(text, lang)))


def printed(text: Any, lang: str) -> Any:
    """``text`` as a document in ``lang`` prints it: in French, with French typography's
    spaces (:func:`french_spacing`: the spaces inside « », before « : » and before
    « ; ! ? % € »); anything else, or a :class:`Verbatim` or markup text (a
    ``markupsafe.Markup``: built by isgrid), or a text in another language, unchanged.
    Idempotent; only spaces already written change (never a word, a letter or a mark).
    The one place every French document gives a text it did not write (a grid's, a
    dossier's) French typography: the templates' ``finalize``
    (:func:`isgrid.documents.render.environment`), the Word documents' text
    (:func:`isgrid.documents.docxcommon.docx_text`), the workbooks' guidance sheet."""
    if type(text) is str and _MARKS.search(text) and is_french(lang):
        return _spaced(text)
    return text


@functools.lru_cache(maxsize=8192)
def _spaced(text: str) -> str:
    """:func:`french_spacing`, once per distinct text: a national call's committee report
    prints the same statuses, flags, amounts and labels hundreds of thousands of times
    (bounded: the texts seen last)."""
    return french_spacing(text)


def kept_with_arrow(text: str) -> str:
    """``text`` whose spaces beside an arrow « → » do not break: a change « 3 → 4 » is
    read as one, and a line never ends before or after its arrow (the printed minutes
    cut « consensus ALS-5 : 3 → » from its « 3 »), in every language and format."""
    return text.replace(" →", "\u00a0→").replace("→ ", "→\u00a0")

_MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def date_words(value: str | None, lang: str = "fr") -> str:
    """A date in words, as minutes and letters write it: « 14 mars 2016 », « 1er mai
    2026 » (English: « 14 March 2016 »); the text unchanged when it is not an ISO date."""
    ymd = _date(value)
    if ymd is None:
        return value or ""
    y, mo, d = ymd
    months = _MONTHS.get(lang.split("-")[0], _MONTHS["en"])
    day = "1er" if d == 1 and lang.split("-")[0] == "fr" else str(d)
    return f"{day} {months[mo - 1]} {y}"


def moment_words(when: datetime | float | str | None, lang: str = "fr",
                 zone: str | None = None) -> str:
    """A date and time in words, as a reader reads them: « 5 décembre 2026 à 22 h 19 »
    (no-break spaces around « h »: the time is never cut), « 1er mai 2026 à 9 h 05 »;
    English « 5 December 2026 at 22:19 ».  ``when``: a datetime; seconds since the epoch
    (the workspace's times); or an ISO text (the journal's ``at``, the minutes' table of
    changes): a date alone in words (:func:`date_words`), a text that is no ISO date
    unchanged.

    ``zone``: the call's time zone (call.yaml's ``timezone``).  A moment that says where
    it is (seconds since the epoch, a datetime with its zone, an ISO text ending in ``Z``
    or an offset: ``--at 2026-03-14T14:30Z``) is said at the call's clock (« 14 mars 2026
    à 15 h 30 » in Paris); a time that says no zone (``--at 2026-03-14T15:30``) is the
    call's, as written.  The one rule of « a moment in the call's zone, in words »: the
    workspace's pages and invitations (:func:`isgrid.workspace.moments.fmt_time`), the
    minutes.  Its day is :func:`moment_day`'s."""
    at = _moment(when, zone)
    if at is None:
        text = str(when or "")
        return date_words(text, lang) if _date(text) is not None else text
    day = date_words(at.date().isoformat(), lang)
    if is_french(lang):
        return f"{day} à {at.hour}\u00a0h\u00a0{at.minute:02d}"
    return f"{day} at {at.hour:02d}:{at.minute:02d}"


def fact_text(value: Any, spec: FactSpec | None, lang: str = "fr", sep: str = "; ") -> str:
    """A dossier fact's value as a reader reads it, by the type the grid declares for it
    (``spec``; None: as written): an amount in euros (``unit: EUR``) « 24 000 € »
    (:func:`isgrid.messages.euros`), another number « 1 250,5 » with its unit, a date
    « 20 mai 2016 » (:func:`date_words`), a yes/no « oui », « non »; a list's items joined
    by ``sep``, an object's values by « , », each by its own type.  Text is kept as
    written (a postcode « 01000 »).  The one rule of every fact shown to a reader (the
    jurors' workspace; the documents that print a fact)."""
    kind = spec.type if spec is not None else None
    if value is None:
        return ""
    if isinstance(value, list):
        item = spec.items if spec is not None else None
        return sep.join(fact_text(v, item, lang, sep) for v in value)
    if isinstance(value, dict):
        props = (spec.properties if spec is not None else None) or {}
        return ", ".join(fact_text(v, props.get(k), lang, sep) for k, v in value.items())
    if isinstance(value, bool):
        if kind not in (None, "boolean"):
            return str(value)
        yes, no = ("oui", "non") if is_french(lang) else ("yes", "no")
        return yes if value else no
    if isinstance(value, int | float) and kind in ("number", "integer"):
        assert spec is not None
        if (spec.unit or "").upper() in ("EUR", "€"):
            return euros(value, "fr" if is_french(lang) else "en")
        text = _grouped(value, lang)
        return f"{text}\u202f{spec.unit}" if spec.unit else text
    if kind == "date" or isinstance(value, date):
        return date_words(value.isoformat() if isinstance(value, date) else str(value), lang)
    return str(value)


def _grouped(x: float | int, lang: str) -> str:
    """A number with its thousands grouped: « 12 500 », « 1 250,5 » (U+202F in French);
    written in full otherwise (:func:`isgrid.messages.plain_number`)."""
    whole, _, frac = plain_number(x).partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    text = f"{int(digits):,}" if len(digits) < 20 else digits
    if is_french(lang):
        return sign + text.replace(",", "\u202f") + (f",{frac}" if frac else "")
    return sign + text + (f".{frac}" if frac else "")


def ordinal(n: int, lang: str = "fr") -> str:
    """``n`` as an ordinal: « 1ᵉʳ », « 7ᵉ » in French (the letters raised, as French
    typography writes them: modifier letters, which every format keeps, html, Markdown,
    Word and the mail-merge CSV alike), "1st", "7th" in English."""
    if lang.split("-")[0] == "fr":
        return "1\u1d49\u02b3" if n == 1 else f"{n}\u1d49"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def continued(label: str, lang: str = "fr") -> str:
    """A grid's label (a rule's, a criterion's, a fact's) as it continues a French sentence
    after « : » (« Règle de recevabilité non respectée : la démarche comporte… »): its first
    letter in lowercase, unless its first word is an acronym or a code (« ESS », « QPV »:
    a second letter in uppercase or none).  Nothing else of the grid's words changes; other
    languages keep the label as it is."""
    if lang.split("-")[0] != "fr" or len(label) < 2 or not label[0].isupper() \
            or not label[1].islower():
        return label
    return label[0].lower() + label[1:]

