"""A grid in another language than its parent's that leaves a criterion's texts in the
parent's words (``untranslated-texts``).

A child grid that says ``lang: en`` over a French parent (docs/grids.md, « A grid in
English ») gets, for each criterion it does not restate, the parent's French ``label``,
``question``, ``guidance`` and ``advice``: the English call's letters then quote French
advice, its workbooks French questions.  :func:`warn_untranslated` says so, once per
criterion, naming the texts to restate.  A child that does not write ``lang`` keeps the
parent's language (nothing to say); a criterion the child adds is its own words; a text the
parent does not give is not asked for.
"""

from __future__ import annotations

from typing import Any

from ..errors import Collector, Location, Message, Quote
from ..io.yamlio import Doc

#: A criterion's texts a reader of the call's documents sees, in the order the hint names
#: them (docs/grids.md: the label everywhere, the advice in the letters, the question and
#: the guidance in the workbooks, the workspace and the self-assessment).
TEXT_KEYS = ("label", "question", "guidance", "advice")

#: A grid's language when it does not say one (:attr:`isgrid.grid.model.Grid.lang`).
DEFAULT_LANG = "fr"


def _criteria(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(c.get("id")): c for s in data.get("sections") or []
            for c in (s or {}).get("criteria") or [] if isinstance(c, dict)}


def warn_untranslated(parent: dict[str, Any], merged: dict[str, Any], child: dict[str, Any],
                      doc: Doc, diags: Collector) -> None:
    """Warn, in the child grid's file ``doc``, of each criterion of the resolved grid
    ``merged`` that keeps a text of its ``parent`` (resolved, as plain data) while the
    ``child`` (as written) says another ``lang`` than the parent's.

    A text is restated when the child writes it (``set: criteria.<id>.<key>``, even to the
    parent's words: a name the same in both languages) or the criterion is not the
    parent's as it was (the child removed it and added its own).  The warning is said at
    the criterion's first ``set`` line when the child restates part of it, else at its
    ``lang:``."""
    lang = child.get("lang")
    parent_lang = parent.get("lang") or DEFAULT_LANG
    if not isinstance(lang, str) or lang == parent_lang:
        return
    sets = child.get("set") or {}
    written = {str(key) for key in sets} if isinstance(sets, dict) else set()
    before = _criteria(parent)
    for cid, crit in _criteria(merged).items():
        old = before.get(cid)
        if old is None:
            continue
        kept = [key for key in TEXT_KEYS
                if isinstance(old.get(key), str) and old[key].strip()
                and crit.get(key) == old[key] and f"criteria.{cid}.{key}" not in written]
        if not kept:
            continue
        said = [key for key in TEXT_KEYS if f"criteria.{cid}.{key}" in written]
        where = doc.loc(("set", f"criteria.{cid}.{said[0]}")) if said else doc.loc(("lang",))
        diags.add(
            "untranslated-texts",
            Message("the criterion {criterion} keeps its {keys} as the parent grid {parent} "
                    "writes them (lang: {parent_lang}), in a grid that says lang: {lang}",
                    criterion=Quote(cid), parent=str(parent.get("id")),
                    parent_lang=parent_lang, lang=lang, keys=", ".join(kept)),
            Location(where.file, where.line, where.column, key_path=f"criteria.{cid}"),
            severity="warning",
            hint=Message("Restate them in the grid's language under `set:` ({paths}); "
                         "docs/grids.md, « A grid in English », says which document shows "
                         "which text.",
                         paths=", ".join(f"criteria.{cid}.{key}" for key in kept)))
