"""The diagnostics catalog as a Markdown page (``docs/diagnostics.md``).

The page is generated from :data:`isgrid.diagnostic_codes.CODES` so it cannot drift; a
test fails when the committed page is stale.  Regenerate it with
``isgrid codes --format md > docs/diagnostics.md``.
"""

from __future__ import annotations

from .diagnostic_codes import CODES
from .errors import SHOWN_PER_CODE
from .i18n import gettext

EXIT = {"grid": 2, "usage": 2, "data": 1}


def catalog_markdown() -> str:
    lines = [
        "# Diagnostic codes",
        "",
        "Generated from `isgrid.errors.CODES` by `isgrid codes --format md`; do not edit.",
        "",
        "Every problem isgrid reports has a stable code. Errors stop the command with the",
        "exit code below; warnings are printed on stderr and the command goes on (exit 0),",
        "unless `--strict` is given (exit 1). Exit code 3 means an internal error (a bug).",
        "A code of the grid language said of a call's call.yaml (`unknown-key`, `invalid-id`…)",
        "exits 1, as the call's other data; one that keeps the call's grid from loading (a",
        "`set:` that does not apply: `bad-set-path`, `bad-weight`…) exits 2, a broken grid.",
        "",
        f"On stderr, isgrid prints at most {SHOWN_PER_CODE} diagnostics of each code (and severity), in",
        "their order, then one line per code that was cut: `Warning: … and 190 more",
        "conflicted-rating warnings (isgrid --all-diagnostics score … shows every one)`.",
        "The global option `--all-diagnostics` prints every one. `--strict`, the count of",
        "errors and the exit code always take every diagnostic into account.",
        "",
        "| code | exit | meaning | usual fix |",
        "|---|---|---|---|",
    ]
    for code in sorted(CODES):
        info = CODES[code]
        hint = info.hint + (f" In another file: {info.file_hint.format(file='<file>')}"
                            if info.file_hint else "")
        lines.append(f"| `{code}` | {EXIT[info.kind]} | {info.title} | {hint} |")
    return "\n".join(lines) + "\n"


def catalog_text(lang: str = "en") -> str:
    """``isgrid codes``: one line per diagnostic code, with its exit code and title (in
    ``lang``: the titles are in the command line's catalog; the Markdown page is English)."""
    word = gettext("exit", lang)
    return "".join(f"{code:<22} {word} {EXIT[CODES[code].kind]}  "
                   f"{gettext(CODES[code].title, lang)}\n" for code in sorted(CODES))
