"""How well sourced each compared grid is, in words: a grid whose criteria are mostly
reconstructed or inferred (:func:`isgrid.grid.provenance.weakly_sourced`) is flagged in the
summary sentence, the coverage table and the CSV, so that a chargé d'études who copies
« demandées par toutes les grilles » into a note does not state what Rally'nov asks, which
nobody knows (review 19, finding 4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: a catalog's words, as the comparison's renderers pass them (:func:`.output.spaced`)
Translator = Callable[..., str]


def _plural(text: str, n: int, lang: str) -> str:
    from ...documents.typography import plural_form

    one, other = text.split("|")
    return one if plural_form(n, lang) == "one" else other


def flag_words(info: dict[str, Any], t: Translator, lang: str, short: bool = False) -> str:
    """A grid's flag (its ``provenance_flag``) in words: « critères tous inférés par isgrid,
    aucun tiré de la grille elle-même », « 0 critère sourcé sur 20 »; ``short``: « tous
    inférés », « peu sourcés »; empty for a grid not flagged."""
    flag = info.get("provenance_flag")
    if not flag:
        return ""
    if short:
        return t(f"flag.short.{flag}")
    if flag == "inferred":
        return t("flag.inferred")
    prov = info["provenance"]
    total = sum(prov.values())
    return _plural(t("flag.mostly"), prov["sourced"], lang).format(
        sourced=prov["sourced"], total=total)


def provenance_cell(info: dict[str, Any], t: Translator, lang: str) -> str:
    """The coverage table's provenance cell: « 0 / 0 / 8 (tous inférés) », « 10 / 1 / 1 »."""
    prov = info["provenance"]
    cell = f"{prov['sourced']} / {prov['reconstructed']} / {prov['inferred']}"
    flag = flag_words(info, t, lang, short=True)
    return f"{cell} ({flag})" if flag else cell


def caution_sentence(report: dict[str, Any], t: Translator, lang: str,
                     by_dimensions: bool) -> str:
    """The summary's last sentence when some grids are flagged: which, and why; after the
    dimensions' sentence (``by_dimensions``), that « demandées par toutes les grilles »
    rests on them too, and what the other grids alone all ask.  Empty when none is."""
    sm = report["summary"]
    flagged = sm.get("weakly_sourced") or []
    if not flagged:
        return ""
    infos = {g["key"]: g for g in report["grids"]}
    semi = "\u202f; " if lang == "fr" else "; "
    items = semi.join(f"{k} ({flag_words(infos[k], t, lang)})" for k in flagged)
    if not by_dimensions:
        return t("summary.flagged", items=items)
    out = t("summary.flagged.dims", items=items)
    firm = sm.get("sourced_grids") or {}
    if firm.get("grids"):
        out += " " + _plural(t("summary.flagged.firm"), len(firm["grids"]), lang).format(
            grids=", ".join(firm["grids"]), all=", ".join(firm["all"]) or t("summary.dims.none"))
    return out
