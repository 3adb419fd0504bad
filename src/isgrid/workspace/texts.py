"""The words of the jury workspace's pages, in French (default for French calls) and
English: the ``workspace`` catalog (``isgrid/locale/workspace.json``, :func:`isgrid.i18n.catalog`),
said by :func:`page_words`.

French typography: a non-breaking space (U+00A0) before « : ; ! ? » and inside
« », a narrow one (U+202F) in numbers (:func:`isgrid.i18n.french_spacing`, applied to the
text with its values, as every page says it).
"""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import catalog, french_spacing
from ..io.bidi import bidi_isolated
from ..jury.common import OPINIONS, opinion_word, parse_opinion
from ..messages import plural_form

#: Every word of the workspace's pages (its purged call's too): ``key -> (French,
#: English)``, from the ``workspace`` catalog (``isgrid/locale/workspace.json``), where
#: they are written.  A key ending in ``.one`` / ``.other`` is a plural's two forms.
TEXTS: dict[str, tuple[str, str]] = {
    key: (french, catalog("workspace")["en"][key])
    for key, french in catalog("workspace")["fr"].items()}


def _french_spaces(text: str) -> str:
    """French typography's spaces: the one rule of every catalogue (isgrid.i18n)."""
    return french_spacing(text)


#: The three overall opinions as the workspace stores them (its buttons' values, the
#: opinions/ files' words): :data:`isgrid.jury.common.OPINIONS`.
OPINION_VALUES = OPINIONS


def opinion_label(value: str, lang: str) -> str:
    """An overall opinion as the page's buttons say it: the one word of every output
    (:func:`isgrid.jury.common.opinion_word`) with a capital, « Réservé », "Reserved"."""
    return opinion_word(value, lang).capitalize()


def opinion_said(lang: str, text: str) -> str:
    """An overall opinion as typed or stored (« réservé », "reserved", « defavorable »), as
    the page in ``lang`` says it (« Réservé », "Reserved"); a text that is no opinion as it
    was typed."""
    value = parse_opinion(text)
    return opinion_label(value, lang) if value is not None else text


def page_words(lang: str) -> Callable[..., str]:
    """``t(key, **values)``: the workspace page's words (:data:`TEXTS`, the ``workspace``
    catalog) in ``lang`` (fr or en).  Not :func:`isgrid.i18n.translator`, which reads the
    same kind of catalog: a page's text picks its plural form by ``n`` (``key.one``,
    ``key.other``), and its French spaces are made with its values in it (a value's « : »
    too), as the pages always said them."""
    index = 1 if lang == "en" else 0

    def t(key: str, **values: object) -> str:
        n = values.get("n")
        if isinstance(n, int) and f"{key}.one" in TEXTS:  # « 1 dossier incomplet », « 2 … »
            key = f"{key}.{plural_form(n, 'en' if index else 'fr')}"
        pair = TEXTS.get(key)
        text = key if pair is None else pair[index]
        if values:  # a value's bidi controls cannot reorder the sentence (io.bidi)
            text = text.format(**{k: bidi_isolated(v) if isinstance(v, str) else v
                                  for k, v in values.items()})
        return text if index else _french_spaces(text)

    return t
