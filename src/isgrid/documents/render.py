"""Jinja2 environments for documents, with user-overridable templates.

Templates ship in the package (the repository's top-level ``templates/``).
``--template-dir DIR`` puts the user's folder first; a user template can extend
a packaged one by its ``default:`` name (``{% extends "default:committee.html.j2" %}``)
and change one block.  HTML is autoescaped (dossier text is untrusted);
Markdown is not, but goes through the ``md`` filter (:mod:`.markdown`'s
``md_escape``, the one escaping of the Markdown documents).  Undefined variables are errors, never blanks.

Every value a template prints (``{{ … }}``) passes through the environment's ``finalize``
(:func:`_printed`): in a French document, :func:`.typography.printed` gives it French
typography's spaces (a grid's label « convergences « santé / bien-être » » is printed with
no-break spaces inside its « », as the catalogs' texts are), whatever template prints it,
the packaged ones or a ``--template-dir`` of one's own.  A value that must be printed as
written (a form's value, code) goes through the ``verbatim`` filter.
"""

from __future__ import annotations

import contextlib
import functools
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    pass_eval_context,
    select_autoescape,
)
from jinja2.bccache import Bucket
from jinja2.nodes import EvalContext
from markupsafe import Markup

from ..i18n import translator
from ..io.bidi import bidi_isolated
from ..messages import percent
from ..paths import templates_dir
from .markdown import md_escape, md_heading, md_lines
from .seancetext import seance_translator
from .text import (
    awaiting_word,
    fmt_exact,
    fmt_money,
    fmt_number,
    stage_heading,
    stage_word,
    status_word,
)
from .typography import Verbatim, is_french, plural_form, printed

_DICT_ATTRIBUTES = frozenset(dir(dict))

#: The Content-Security-Policy every HTML document carries in its ``<meta>`` (the
#: templates' ``document_csp``, the access document's): nothing loaded, no script run, only
#: its own styles and images written in it.  A document goes to an applicant, or comes
#: from one: a text that escaped its escaping still runs nothing.
DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@pass_eval_context
def _printed(eval_ctx: EvalContext, value: Any) -> Any:
    """What a template prints of ``value``: :func:`.typography.printed` in the document's
    language, a text's bidirectional controls isolated (:func:`~isgrid.io.bidi.bidi_isolated`:
    an applicant's U+202E cannot reorder the letter's line around their title).  Read when
    the template runs, never when it is compiled (a function given
    the evaluation context is not folded into the compiled code): the same compiled
    template serves the French and the English documents (:class:`_TemplateCache`)."""
    lang = getattr(eval_ctx.environment, "document_lang", None)
    if isinstance(value, str) and not isinstance(value, Verbatim):  # bidi controls isolated
        value = bidi_isolated(value)
    return printed(value, lang) if lang is not None else value


class _Environment(Environment):
    """Jinja's environment, with ``x.name`` on a plain dict looked up as a key first.
    ``document_lang``: the language whose typography :func:`_printed` gives what the
    templates print (None: as it is).

    Templates receive ``model_dump()`` dicts; Jinja tries ``getattr`` first and
    falls back to the key, which costs an exception per access (seconds for a
    ranking of 20,000 dossiers).  A dict has no attribute besides its class's,
    so looking the key up directly when the name is not one of them gives the
    same value, and the same undefined when the key is missing.
    """

    document_lang: str | None = None

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


class _TemplateCache(FileSystemBytecodeCache):
    """Templates compiled once for all runs: Jinja's own bytecode cache.

    Compiling the report's templates took a third of a small call's committee report
    (0.45 s of 1.3 s), on every run.  Jinja keys each entry by the template's file and the
    checksum of its source, so an edited template (the packaged ones, or a
    ``--template-dir`` of one's own) is compiled again.  The folder is Jinja's: private to
    the user (created 0700, refused if anyone else owns it or may write to it).  A cache
    that cannot be read or written is no error: the template is compiled as without it.
    The compiled code also depends on the environment's ``finalize`` (:func:`_printed`):
    :data:`CODE` is part of every entry's key, so that code compiled by an isgrid whose
    templates printed values otherwise is never loaded.
    """

    #: what the compiled code depends on besides the template: changed, older entries
    #: are left unread
    CODE = "finalize-printed-2"

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(f"{self.CODE}:{name}", filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry: compiled again, then written over
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a full or read-only disk: next time, then
            super().dump_bytecode(bucket)


@functools.lru_cache(maxsize=1)
def _bytecode_cache() -> _TemplateCache | None:
    """The cache of compiled templates for the process (None where no private folder is)."""
    try:
        return _TemplateCache()
    except (OSError, RuntimeError):
        return None


def environment(template_dir: Path | None = None, *, lang: str = "fr",
                markdown: bool = False) -> Environment:
    packaged = FileSystemLoader(str(templates_dir()))
    loaders: list[Any] = []
    if template_dir is not None:
        loaders.append(FileSystemLoader(str(template_dir)))
    loaders.append(PrefixLoader({"default": packaged}, delimiter=":"))
    loaders.append(packaged)
    env = _Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(["html", "html.j2", "htm"]) if not markdown else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
        finalize=_printed,
    )
    # French typography for every value a French document prints (:func:`_printed`)
    env.document_lang = lang if is_french(lang) else None
    common = translator("common", lang)
    env.globals["lang"] = lang
    env.globals["document_csp"] = Verbatim(DOCUMENT_CSP)  # printed as written
    env.globals["common"] = common
    env.globals["rt"] = translator("report", lang)
    env.globals["st"] = seance_translator(lang)  # the séance view, zone grise, legend
    env.filters["num"] = lambda x, digits=1: fmt_number(x, lang, digits)
    env.filters["exact"] = lambda x: fmt_exact(x, lang)
    env.filters["money"] = lambda x: fmt_money(x, lang)
    # a share as a percentage (« 38,6 % », « 10 % », ``38.6%``): messages.percent, the one rule
    env.filters["percent"] = lambda share: "-" if share is None else percent(share, lang)
    env.filters["plural"] = lambda n: plural_form(n, lang)
    env.filters["md"] = md_escape
    # a juror's comment in a table cell, its lines kept (markdown.md_lines)
    env.filters["md_lines"] = md_lines
    # a value that ends a heading: its closing « # »s escaped too (markdown.md_heading)
    env.filters["md_heading"] = md_heading
    # statuses, outcomes and stages in words, from the common catalog only (one rule, one
    # place: isgrid.documents.text): ``d.status | status_word``, ``"vote" | stage_word``
    env.filters["status_word"] = lambda s: status_word(s, lang)
    env.filters["stage_word"] = lambda s, article=False: stage_word(s, lang, article=article)
    env.filters["stage_heading"] = lambda s: stage_heading(s, lang)
    env.globals["awaiting_word"] = awaiting_word(lang)
    env.filters["safe_markup"] = Markup
    # printed as written, in every language: a form's value, code (.typography.Verbatim)
    env.filters["verbatim"] = lambda x: Verbatim("" if x is None else x)
    return env
