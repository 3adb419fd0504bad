"""Plain-text reports of calibration and sensitivity (French or English)."""

from __future__ import annotations

from ..i18n import translator
from ..messages import decimal_text, percent
from .calibration import Calibration
from .sensitivity import Change, Sensitivity


def _num(x: float | None, lang: str, digits: int = 1) -> str:
    return "-" if x is None else decimal_text(f"{x:.{digits}f}", lang)


def _signed(x: float, lang: str) -> str:
    return decimal_text(f"{x:+.3f}", lang)


def _sel(v: bool | None, lang: str) -> str:
    t = translator("sheets", lang)
    return t("sel.true") if v is True else t("sel.false") if v is False else t("sel.none")


def calibration_text(c: Calibration, title: str, ids: list[str], lang: str = "fr") -> str:
    t = translator("sheets", lang)
    k = _num(c.k, lang, 0) if float(c.k).is_integer() else _num(c.k, lang, 2)
    lines = [t("cal.title", k=k, title=title), t("cal.formula"), ""]
    lines.append(f"{t('cal.head.assessor'):<12} {t('cal.head.n'):>8} {t('cal.head.dev'):>8} "
                 f"{t('cal.head.mean'):>11} {t('cal.head.shrink'):>6} {t('cal.head.bias'):>11}")
    for s in c.severities.values():
        lines.append(f"{s.assessor:<12} {s.n:>8} {s.deviations:>8} "
                     f"{_signed(s.mean_deviation, lang):>11} {_num(s.shrink, lang, 2):>6} "
                     f"{_signed(s.bias, lang):>11}")
    lines.append("")
    raw, cal = t("cal.head.raw"), t("cal.head.cal")
    lines.append(f"  {t('cal.head.dossier'):<12} {raw:>8} {t('cal.head.rank'):>5} "
                 f"{cal:>10} {t('cal.head.rank'):>5}  {t('cal.head.sel')}")
    moved = set(c.moved)
    for d in ids:
        mark = "*" if d in moved else " "
        sel = f"{_sel(c.raw.selected[d], lang)} → {_sel(c.calibrated.selected[d], lang)}"
        lines.append(
            f"{mark} {d:<12} {_num(c.raw.total[d], lang):>8} "
            f"{c.raw.rank[d] if c.raw.rank[d] is not None else '-':>5} "
            f"{_num(c.calibrated.total[d], lang):>10} "
            f"{c.calibrated.rank[d] if c.calibrated.rank[d] is not None else '-':>5}  {sel}")
    lines.append("")
    lines.append(t("cal.moved", ids=", ".join(c.moved)) if c.moved else t("cal.none_moved"))
    return "\n".join(lines) + "\n"


def _change(c: Change, lang: str) -> str:
    t = translator("sheets", lang)
    if c.kind == "without":
        return t("sens.without", a=c.assessor, sel=_sel(c.selected, lang),
                 total=_num(c.total, lang))
    return t("sens.level", a=c.assessor, c=c.criterion, before=_num(c.before, lang, 1),
             after=_num(c.after, lang, 1), sel=_sel(c.selected, lang),
             total=_num(c.total, lang))


def sensitivity_text(s: Sensitivity, title: str, lang: str = "fr") -> str:
    t = translator("sheets", lang)
    lines = [t("sens.title", title=title),
             s.no_line.text(lang) + " " + t("sens.no_line") if s.no_line is not None
             else t("sens.line_ranking" if s.ranking else "sens.line",
                    line=_num(s.line_value, lang), margin=_num(s.margin, lang))]
    if s.draws:
        lines.append(t("sens.draws", n=s.draws, seed=s.seed, w=percent(s.weights, lang)))
    lines.append("")
    if not s.near:
        lines.append(t("sens.none_near"))
        return "\n".join(lines) + "\n"
    head = (f"  {t('cal.head.dossier'):<12} {'Total':>6} {t('cal.head.rank'):>5} "
            f"{t('cal.head.sel'):>9} {t('sens.head.leave'):>12} {t('sens.head.level'):>10}")
    if s.draws:
        head += f" {t('sens.head.p'):>11} {t('sens.head.ranks'):>12} {t('sens.head.unranked'):>10}"
    lines.append(head)
    for n in s.near:
        mark = "!" if n.grey else " "
        row = (f"{mark} {n.id:<12} {_num(n.total, lang):>6} "
               f"{n.rank if n.rank is not None else '-':>5} {_sel(n.selected, lang):>9} "
               f"{len(n.leave_one_out):>12} {len(n.one_level):>10}")
        if s.draws:
            ri = f"{n.rank_interval[0]}–{n.rank_interval[1]}" if n.rank_interval else "-"
            unranked = percent(n.unranked_share or 0, lang)
            row += f" {percent(n.probability or 0, lang):>11} {ri:>12} " \
                   f"{unranked:>10}"
        lines.append(row)
    lines.append("")
    zone = s.zone_grise
    lines.append(t("sens.zone", ids=", ".join(zone)) if zone else t("sens.no_zone"))
    for n in s.near:
        if n.grey:
            lines.append(f"  {t('sens.grey', id=n.id)}")
            lines.extend(f"    {_change(c, lang)}" for c in n.leave_one_out + n.one_level)
    return "\n".join(lines) + "\n"
