"""Diagnostics as data, and the one exception root.

Every problem isgrid finds in an input is a :class:`Diagnostic` with a stable
kebab-case ``code`` (documented in ``docs/diagnostics.md``, generated from
:data:`CODES`), a severity, a message, a location and a hint.  Loading collects
all diagnostics of all files before deciding whether to stop, so that a jury
secretary fixes every problem in one pass instead of one per run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from .diagnostic_codes import CODES as CODES
from .diagnostic_codes import CodeInfo as CodeInfo
from .i18n import gettext, ngettext
from .messages import Count as Count
from .messages import Message as Message
from .messages import Plural as Plural
from .messages import Quote as Quote
from .messages import group_thousands as group_thousands
from .messages import translate_message as translate_message

__all__ = [
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "CallError",
    "Diagnostic",
    "GridError",
    "IsgridError",
    "Location",
    "Severity",
    "UsageError",
    "render_diagnostics",
]

Severity = Literal["error", "warning"]

#: Exit codes (documented in the README).
EXIT_OK = 0
EXIT_DATA = 1  # a problem in a call's data: dossiers, ratings, call.yaml values
EXIT_USAGE = 2  # bad command line, or a broken grid


def excerpt(value: object, limit: int = 60) -> Quote:
    """A value as written, cut to ``limit`` characters, for messages: between its
    language's quotes (:class:`isgrid.messages.Quote`: ``'x'`` in English, « x » in
    French)."""
    return Quote(value, limit)


@dataclass(frozen=True)
class Location:
    """Where a value came from: a file and a line/column, or a workbook cell.

    ``key_path`` is the path inside the document (``sections[1].criteria[0].weight``),
    independent of the file format, so tests and scripts can match on it.
    """

    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    sheet: str | None = None
    cell: str | None = None
    key_path: str | None = None

    def __str__(self) -> str:
        if self.file is None:
            place = ""
        elif self.sheet is not None:
            place = f"{self.file}!{self.sheet}" + (f"!{self.cell}" if self.cell else "")
        else:
            place = self.file
            if self.line is not None:
                place += f":{self.line}"
                if self.column is not None:
                    place += f":{self.column}"
        if self.key_path:
            place = f"{place} ({self.key_path})" if place else self.key_path
        return place


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in an input: data, not prose."""

    code: str
    message: str
    location: Location = field(default_factory=Location)
    severity: Severity = "error"
    hint: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:  # pragma: no cover - programming error
            raise ValueError(f"unknown diagnostic code {self.code!r}")

    @property
    def effective_hint(self) -> str:
        """The hint given, else the code's: the one naming the file read when the code has
        one and the problem is in another file than call.yaml (a dossier's file said
        « the keys of call.yaml »)."""
        if self.hint is not None:
            return self.hint
        info = CODES[self.code]
        name = PurePath(self.location.file).name if self.location.file else ""
        if info.file_hint and name and name != "call.yaml":
            return Message(info.file_hint, file=name)
        return info.hint

    def format(self, lang: str = "en") -> str:
        """``Error: where: message [code]`` and ``  Hint: …``, framed in ``lang``.

        The framing words, the message (a :class:`Message`) and the hint follow the
        language (the gettext catalog, :mod:`isgrid.i18n`); the values put into the
        message (ids, paths, key paths, grid content) and the code stay as written.
        """
        where = str(self.location)
        if self.severity == "error":
            head = gettext("Error: {where}: {message} [{code}]", lang) if where else gettext(
                "Error: {message} [{code}]", lang)
        else:
            head = gettext("Warning: {where}: {message} [{code}]", lang) if where else gettext(
                "Warning: {message} [{code}]", lang)
        text = head.format(where=where, message=translate_message(self.message, lang),
                           code=self.code)
        if self.effective_hint:
            text += "\n  " + gettext("Hint: {hint}", lang).format(
                hint=translate_message(self.effective_hint, lang))
        return text

    def to_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity,
            "message": str(self.message),
            "location": {
                k: v
                for k, v in (
                    ("file", loc.file),
                    ("line", loc.line),
                    ("column", loc.column),
                    ("sheet", loc.sheet),
                    ("cell", loc.cell),
                    ("key_path", loc.key_path),
                )
                if v is not None
            },
            "hint": str(self.effective_hint),
        }


#: How many diagnostics of one code (and severity) are printed before the rest are
#: summed up in one line.  Ten examples (twenty lines) show the pattern and several
#: files and lines, and a few codes still fit on a screen; a small call rarely has
#: more than ten of one code, so its output is unchanged.
SHOWN_PER_CODE = 10


def render_diagnostics(
    diags: Sequence[Diagnostic], limit: int | None = SHOWN_PER_CODE, *, show_all: str = "",
    lang: str = "en",
) -> list[str]:
    """The printed form of ``diags``: at most ``limit`` per code, then one line per code cut.

    The diagnostics shown keep their order and their :meth:`Diagnostic.format`;
    each code (and severity) that had more than ``limit`` gets, after them all,
    ``Warning: … and 190 more conflicted-rating warnings (SHOW_ALL shows every one)``.
    ``limit=None`` shows every diagnostic.  Only the text is cut: callers keep the
    full list for exit codes, ``--strict`` and machine-readable output.
    """
    if limit is None:
        return [d.format(lang) for d in diags]
    seen: dict[tuple[str, Severity], int] = {}
    shown: list[str] = []
    for d in diags:
        key = (d.code, d.severity)
        n = seen[key] = seen.get(key, 0) + 1
        if n <= limit:
            shown.append(d.format(lang))
    for (code, severity), n in seen.items():
        if n <= limit:
            continue
        more = n - limit
        # one message per line, its command included: French agrees « les montre toutes »
        # with « erreurs », « tous » with « avertissements »
        if severity == "error" and show_all:
            text = ngettext("Error: … and {n} more {code} error ({command} shows every one)",
                            "Error: … and {n} more {code} errors ({command} shows every one)",
                            more, lang)
        elif severity == "error":
            text = ngettext("Error: … and {n} more {code} error",
                            "Error: … and {n} more {code} errors", more, lang)
        elif show_all:
            text = ngettext(
                "Warning: … and {n} more {code} warning ({command} shows every one)",
                "Warning: … and {n} more {code} warnings ({command} shows every one)",
                more, lang)
        else:
            text = ngettext("Warning: … and {n} more {code} warning",
                            "Warning: … and {n} more {code} warnings", more, lang)
        shown.append(text.format(n=group_thousands(more, lang), code=code, command=show_all))
    return shown


class IsgridError(Exception):
    """Root of every error isgrid raises on purpose; carries diagnostics.

    ``message`` is the headline (« the call has errors »); ``diagnostics`` every problem
    found, errors and warnings, each located.  ``str(e)`` (:meth:`text`) is the headline
    with the first error's where and what, so that a script that only logs the exception
    still says which file, line and value to fix.
    """

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = list(diagnostics)

    def text(self, lang: str = "en") -> str:
        """The headline, then the first error's ``where: what [code]`` and how many more
        errors there are (``e.diagnostics`` holds them all), in ``lang``."""
        head = translate_message(self.message, lang)
        errors = [d for d in self.diagnostics if d.severity == "error"]
        if not errors:
            return head
        first = errors[0]
        what = translate_message(first.message, lang)
        where = str(first.location)
        colon = "\u00a0: " if lang == "fr" else ": "
        said = f"{where}{colon}{what} [{first.code}]" if where else f"{what} [{first.code}]"
        text = said if what == head else f"{head}{colon}{said}"
        if len(errors) > 1:
            more = ngettext("(and {n} more error)", "(and {n} more errors)",
                            len(errors) - 1, lang)
            text += " " + more.format(n=group_thousands(len(errors) - 1, lang))
        return text

    def __str__(self) -> str:
        return self.text("en")

    @property
    def exit_code(self) -> int:
        kinds = {_kind(d) for d in self.diagnostics if d.severity == "error"}
        if "usage" in kinds or "grid" in kinds:
            return EXIT_USAGE
        return EXIT_DATA if kinds else self.default_exit

    default_exit = EXIT_DATA


def _kind(d: Diagnostic) -> str:
    """The kind a diagnostic counts as for the exit code: its code's, but a rule of the grid
    language said of a call's call.yaml (a key it does not know, an id not valid) is the
    call's data, as the README's exit codes have it (1, not 2: the grid is not broken)."""
    kind = CODES[d.code].kind
    if kind == "grid" and (d.location.file or "").replace("\\", "/").rsplit(
            "/", 1)[-1] == "call.yaml":
        return "data"
    return kind


class GridError(IsgridError):
    """A grid file cannot be loaded or resolved (always exit 2: the grid is broken)."""

    default_exit = EXIT_USAGE

    @property
    def exit_code(self) -> int:
        return EXIT_USAGE


class CallError(IsgridError):
    """A call folder has errors in its data."""


class UsageError(IsgridError):
    """The command was asked something impossible (missing file, output exists...)."""

    default_exit = EXIT_USAGE

    @property
    def exit_code(self) -> int:
        return EXIT_USAGE


class Collector:
    """Gathers diagnostics while loading, so every problem is reported at once."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(
        self,
        code: str,
        message: Message,
        location: Location | None = None,
        *,
        severity: Severity = "error",
        hint: str | None = None,
    ) -> None:
        self.items.append(
            Diagnostic(code, message, location or Location(), severity=severity, hint=hint)
        )

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        self.items.extend(diags)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def raise_if_errors(self, exc: type[IsgridError], headline: str) -> None:
        if self.errors:
            raise exc(headline, self.items)
