"""Message catalogs for everything a user reads.

Two kinds of catalogs live in ``isgrid/locale/``:

* **gettext** (domain ``isgrid``) for the command line: ``--help`` texts, the
  words that frame errors (« Erreur », « Indice »), the hints of the diagnostic
  codes and what the séance commands print.  The English text is the msgid; the
  French translation is in ``locale/fr/LC_MESSAGES/isgrid.po`` (edited by hand)
  and compiled into ``isgrid.mo`` next to it (committed, so a fresh clone and a
  plain ``pip install`` work without any build step; recompile with
  ``pybabel compile -D isgrid -d src/isgrid/locale``).  ``tests/cli/test_cli_i18n.py``
  fails when a message of the code is missing from the ``.po`` or when the
  ``.mo`` is older than the ``.po``.  The language of the command line is
  :func:`cli_lang`: ``--lang``, else ``ISGRID_LANG``, else a French locale (``LC_ALL``,
  ``LC_MESSAGES``, ``LANG``; on Windows, where none is set, the user's language of the
  system), else English.
* **JSON catalogs** for documents (reports, questionnaires, sheets), below.

Each feature keeps its messages in its own catalog, ``isgrid/locale/<domain>.json``:
``{"fr": {"key": "texte"}, "en": {"key": "text"}}``.  French is the default for
documents; a missing English message falls back to French rather than failing,
and a test checks that every catalog has the same keys in both languages.
"""

from __future__ import annotations

import gettext as _gettext
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from .io.bidi import bidi_isolated

LANGS = ("fr", "en")


def _locale_dir() -> Path:
    # beside this module, as isgrid.paths finds the grids (not importlib.resources, whose
    # import costs every command line 15 ms, 6 % of `isgrid --help`)
    return Path(__file__).parent / "locale"


_NNBSP = "\u202f"
_NBSP = "\u00a0"

_SPACES = "[ \u00a0\u2009\u202f]+"
#: what may follow a punctuation mark that ends a word (a space, the end, a closing mark,
#: Markdown's emphasis, an HTML tag)
_END = r"(?:[\s)\].,»*_<\"'`]|$)"
_THIN = re.compile(_SPACES + r"(?=[;!?%]" + _END + "|€)")
_COLON = re.compile(_SPACES + r"(?=:" + _END + ")")
_OPEN = re.compile("«" + _SPACES.replace("+", "*"))
_CLOSE = re.compile(r"(?:" + _SPACES + r"|(?<=\S))»")


#: An inline code span (Markdown's and the messages' « `call.yaml` »): written as it is
_CODE_SPAN = re.compile(r"(`[^`\n]*`)")


def french_spacing(text: str) -> str:
    """``text`` with the spaces French typography wants where a space is written: U+202F
    before « ; ! ? € % », U+00A0 before « : » and inside « » (so that a line never breaks
    after « or before »), as the command line's gettext catalog writes them
    (tests/cli/test_cli_i18n.py).  Only spaces before a mark that ends a word are replaced
    (« 10:30 », « https://… », « 12% » and a Markdown « :--- » are left alone); a backtick
    ends a word as the end of the text does (« vérifiez ?`call.yaml` »), and an inline code
    span is left as written (« `rate: 50 %` » is what to type), as the French guide's test
    reads prose and code (tests/documents/test_guide_fr_spacing.py)."""
    if "`" not in text:
        return _spaced(text)
    parts = _CODE_SPAN.split(text)  # prose, code, prose, …: the code as written
    return "".join(part if i % 2 else _spaced(part) for i, part in enumerate(parts))


def _spaced(text: str) -> str:
    """:func:`french_spacing` of a text without code."""
    text = _THIN.sub(_NNBSP, text)
    text = _COLON.sub(_NBSP, text)
    text = _OPEN.sub("«" + _NBSP, text)
    return _CLOSE.sub(_NBSP + "»", text)



#: Stands for a space that must not end a line, while :func:`wrap` wraps (never in a text).
_GLUE = "\x00"


def wrap(text: str, width: int, **options: Any) -> list[str]:
    """``textwrap.wrap(text, width, **options)``, which never ends a line where French
    typography keeps two things together: after « and before » : ; ! ? € % (the spaces
    :func:`french_spacing` makes no-break).  The text's own spaces stay as written (a
    grid's label keeps its words and its spaces), but « … économie verte » is never cut
    into « … économie verte » and a line that starts with « » ».  No-break spaces
    already never end a line."""
    import textwrap

    def glue(match: re.Match[str]) -> str:
        return match.group(0).replace(" ", _GLUE)

    for rule in (_THIN, _COLON, _OPEN, _CLOSE):
        text = rule.sub(glue, text)
    return [line.replace(_GLUE, " ") for line in textwrap.wrap(text, width, **options)]


def wrap_items(items: Iterable[str], width: int, sep: str = ", ") -> list[str]:
    """``items`` joined by ``sep`` and wrapped as :func:`wrap` wraps, never inside an item
    (« à vérifier 1 » is one count: never « à » at a line's end and « vérifier 1 » on the
    next), unless an item is longer than ``width``."""
    return wrap(sep.join(item.replace(" ", _GLUE) for item in items), width)


def join_names(names: Iterable[str], lang: str) -> str:
    """Names listed as a sentence says them: commas, then « et » (``and``) before the last
    only, with no comma before it: « D3, D4 et D5 », "D3, D4 and D5"; « D3 et D4 »; one
    name alone.  The one rule for a list of dossiers in a message or a document (the tied
    at the line, those proposed together in a place)."""
    items = list(names)
    if len(items) < 2:
        return "".join(items)
    word = "et" if lang == "fr" else "and"
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def de_name(name: str) -> str:
    """« de » before a person's name, elided before a vowel or an « h »: « d'Anne Dupuy »,
    « d'Yves », « d'Élise », « d'Hélène Schaeffer », « de Marc Wendling » (the one rule
    wherever a French text says a name after « de »; its templates write ``{de_name}`` where
    the English ones write ``of {name}``).  A first name's « h » is taken as mute, as today's
    usage has it (« d'Hélène », « d'Hervé », « d'Henri », « d'Hamid »).  An aspirated « h »
    (« de Hugo », « de Henri » in older usage) cannot be told from the name alone: the
    same first names are written both ways, and no list of them would be reliable (nor
    cover names from every language); so the one rule is kept, elided, and a text that
    needs « de » writes the name with its civility (« de M. Hugo »)."""
    import unicodedata

    first = unicodedata.normalize("NFD", name.lstrip()[:1])[:1].casefold()
    return ("d'" if first and first in "aeiouyæœh" else "de ") + name.lstrip()


@cache
def catalog(domain: str) -> dict[str, dict[str, str]]:
    """The catalog ``domain``, its French texts with French typography's spaces
    (:func:`french_spacing`, applied here once for every document, page and workbook:
    the files may be written with ordinary spaces)."""
    path = _locale_dir() / f"{domain}.json"
    data: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    french = data.get("fr")
    if french:
        data["fr"] = {k: french_spacing(v) if isinstance(v, str) else v
                      for k, v in french.items()}
    return data


def domains() -> list[str]:
    return sorted(p.stem for p in _locale_dir().glob("*.json"))


#: The words a document is written in when a call's stage has words of its own (``None``:
#: the ordinary ones): ``"shortlist"`` for a présélection, whose documents say
#: « présélectionné » and « ligne de présélection » where others say « retenu » and « ligne
#: de financement ».  Set by :func:`words_of` around a document's making only.
_VARIANT: ContextVar[str | None] = ContextVar("isgrid_words", default=None)

#: The variant of a présélection's words (the catalogs' ``key@shortlist``; the engine's
#: reasons, :mod:`isgrid.engine.reasons`).
SHORTLIST = "shortlist"


@contextmanager
def words_of(variant: str | None) -> Iterator[None]:
    """Within the block, every :class:`Translator` says ``key@variant`` where its catalog
    has it (``"h.budget@shortlist"``), else ``key`` as always; ``None``: the ordinary
    words.  The one switch of a stage's words: what is a présélection is
    :func:`isgrid.documents.stage.stage_words`'s rule, the words are the catalogs'."""
    token = _VARIANT.set(variant)
    try:
        yield
    finally:
        _VARIANT.reset(token)


def words_variant() -> str | None:
    """The words :func:`words_of` set, ``None`` outside it (what a cache of words keys on)."""
    return _VARIANT.get()


class Translator:
    """``t("key", n=3)`` in one language of one catalog; within :func:`words_of`, a key's
    variant first (``key@variant``), in the language then in French, as a key is."""

    def __init__(self, domain: str, lang: str = "fr") -> None:
        if lang not in LANGS:
            raise ValueError(f"unsupported language {lang!r}")
        self.domain = domain
        self.lang = lang
        self._cat = catalog(domain)

    def __call__(self, key: str, /, **kwargs: Any) -> str:
        variant = _VARIANT.get()
        if variant is not None and f"{key}@{variant}" in self._cat["fr"]:
            key = f"{key}@{variant}"
        text = self._cat.get(self.lang, {}).get(key)
        if text is None:
            text = self._cat["fr"].get(key, key)
        if not kwargs:
            return text
        # a value's bidirectional controls cannot reorder the sentence around it
        # (an applicant's title ending in U+202E: io.bidi.bidi_isolated)
        return text.format(**{k: bidi_isolated(v) if isinstance(v, str) else v
                              for k, v in kwargs.items()})


def translator(domain: str, lang: str = "fr") -> Translator:
    return Translator(domain, lang)


# ------------------------------------------------------------------ gettext (the CLI)
#: The gettext domain of isgrid's command line.
DOMAIN = "isgrid"


def locale_dir() -> Path:
    """The folder that holds ``<lang>/LC_MESSAGES/isgrid.po`` and ``.mo``."""
    return _locale_dir()


@cache
def _translations(lang: str) -> _gettext.NullTranslations:
    if lang == "en":  # the msgids are the English texts
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, localedir=str(_locale_dir()), languages=[lang],
                                fallback=True)


def gettext(message: str, lang: str) -> str:
    """``message`` (an English msgid) in ``lang``; itself when it has no translation."""
    if not message:
        return message
    return _translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    """The singular or plural form for ``n``, in ``lang``."""
    return _translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it here (tables, defaults)."""
    return message


#: The variable that sets the command line's language alone (``fr`` or ``en``), before the
#: locale: the way a PowerShell user says it (``$env:ISGRID_LANG = "fr"``).
LANG_VARIABLE = "ISGRID_LANG"


def lang_from_env(environ: Mapping[str, str] | None = None) -> str:
    """``fr`` when the command line is asked for French, else ``en``.

    ``ISGRID_LANG`` (``fr``, ``en``; ``fr_FR``, ``en-GB`` too) decides first; then the
    first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set (the POSIX order for
    messages): ``fr_FR.UTF-8``, ``fr_BE`` and ``fr`` are French; ``C``, ``C.UTF-8``,
    ``en_GB.UTF-8`` and anything else are English.  None set (Windows sets none of them):
    the user's language of the system (:func:`system_lang`: a French Windows is French),
    else English.
    """
    env = os.environ if environ is None else environ
    chosen = env.get(LANG_VARIABLE, "").strip().lower()[:2]
    if chosen in LANGS:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return system_lang() or "en"


#: Windows' primary language id of French (``LANG_FRENCH``, the low 10 bits of a LANGID:
#: 0x040C France, 0x080C Belgium, 0x0C0C Canada, 0x100C Switzerland…).
_LANG_FRENCH = 0x0C


def system_lang() -> str | None:
    """The user's language on Windows, where no ``LANG`` is set: the language of its
    interface (``GetUserDefaultUILanguage``), else its locale (``locale.getlocale()``:
    ``('French_France', '1252')``); ``fr`` or ``en``.  None elsewhere (POSIX says the
    language of messages with ``LC_*``/``LANG`` alone) or when neither says one."""
    import sys

    if sys.platform != "win32":
        return None
    try:
        import ctypes

        langid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())
    except (ImportError, AttributeError, OSError, TypeError, ValueError):
        langid = 0
    if langid:
        return "fr" if langid & 0x3FF == _LANG_FRENCH else "en"
    import locale

    try:
        name = locale.getlocale()[0] or ""
    except ValueError:
        name = ""
    if not name:
        return None
    return "fr" if name.lower().startswith(("fr", "french")) else "en"


def cli_lang(option: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language of the command line's messages: ``--lang``, else the locale."""
    return option if option in LANGS else lang_from_env(environ)


def lang_attr(content: str | None, page: str) -> Any:
    """`` lang="fr"`` (markup) for text in the language ``content`` (a grid's, a call's) on a
    page in the language ``page``, else nothing: a screen reader then reads the grid's and
    the dossiers' own words with their language's voice (RGAA 8.7, WCAG 3.1.2)."""
    from markupsafe import Markup

    if not content or content == page:
        return Markup("")
    return Markup(' lang="{}"').format(content)
