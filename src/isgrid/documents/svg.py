"""Inline SVG charts for fiches: a radar of markers, bars per section.

Plain SVG text, no script, no external reference, every label escaped, and
coordinates written with one decimal so that the output is deterministic.
Colours are presentation attributes, not only CSS classes: WeasyPrint does not
apply the page's stylesheet inside inline SVG.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from markupsafe import escape

from ..messages import percent
from .text import cut, half_up


def _f(x: float) -> str:
    # a coordinate or a width to a tenth, rounded as every document number (text.half_up)
    return half_up(x, 1)


def radar_point(i: int, n: int, frac: float, cx: float, cy: float, r: float
                ) -> tuple[float, float]:
    """Where axis ``i`` of ``n`` meets ``frac`` of the radius ``r`` around (``cx``, ``cy``):
    the first axis straight up, the next ones clockwise, each coordinate to a tenth, half up
    (:func:`half_up`, the documents' one rounding: a tenth of a unit is below what a screen
    or a printer shows, and half up on the decimal as written gives the same text on every
    machine).  The one geometry of both radars: the fiches' (:func:`radar`) and the
    self-assessment's (:func:`isgrid.selfassess.radar.radar`)."""
    a = -math.pi / 2 + 2 * math.pi * i / max(n, 1)
    return (float(half_up(cx + r * frac * math.cos(a), 1)),
            float(half_up(cy + r * frac * math.sin(a), 1)))


def points(xys: Iterable[tuple[float, float]]) -> str:
    """An SVG polygon's ``points``: « x,y x,y … », each to a tenth (:func:`radar_point`)."""
    return " ".join(f"{_f(x)},{_f(y)}" for x, y in xys)


def bars(items: Sequence[tuple[str, float | None]], *, title: str, empty: str,
         lang: str) -> str:
    """Horizontal bars, one per (label, value in [0, 1] or None), each value written as a
    percentage in ``lang`` (:func:`isgrid.messages.percent`)."""
    if not items:
        return ""
    row, left, width = 26, 190, 260
    height = row * len(items) + 28
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bars" role="img" '
           f'viewBox="0 0 {left + width + 60} {height}" width="{left + width + 60}" '
           f'height="{height}"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(items):
        y = 8 + i * row
        out.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" class="lbl" font-size="11" fill="#1d2330">'
                   f'{escape(cut(label, 30))}</text>')
        out.append(f'<rect x="{left}" y="{y + 3}" width="{width}" height="16" class="track" fill="#eef1f5"/>')
        if value is None:
            out.append(f'<text x="{left + 6}" y="{y + 15}" class="na" font-size="11" fill="#5b6475">{escape(empty)}</text>')
            continue
        v = min(max(value, 0.0), 1.0)
        out.append(f'<rect x="{left}" y="{y + 3}" width="{_f(width * v)}" height="16" '
                   f'class="bar" fill="#1f5fa8"/>')
        out.append(f'<text x="{_f(left + width + 6)}" y="{y + 15}" class="val" font-size="11" fill="#5b6475">'
                   f'{escape(percent(v, lang))}</text>')
    for q in (0.25, 0.5, 0.75):
        x = _f(left + width * q)
        out.append(f'<line x1="{x}" y1="6" x2="{x}" y2="{height - 18}" class="grid" stroke="#ffffff" stroke-width="1"/>')
    out.append("</svg>")
    return "".join(out)


def radar(items: Sequence[tuple[str, float | None]], *, title: str, threshold: float | None,
          empty: str, lang: str) -> str:
    """A radar of markers: (label, intensity in [0, 1] or None); needs 3 axes or more."""
    n = len(items)
    if n < 3:
        return bars(items, title=title, empty=empty, lang=lang)
    width, height, cx, cy, r = 640, 400, 320, 200, 135
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart radar" role="img" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
           f'<title>{escape(title)}</title>']

    def point(i: int, v: float) -> tuple[float, float]:
        return radar_point(i, n, v, cx, cy, r)

    for ring in (0.25, 0.5, 0.75, 1.0):
        pts = points(point(i, ring) for i in range(n))
        out.append(f'<polygon points="{pts}" class="ring" fill="none" stroke="#d5d9e0"/>')
    if threshold is not None:
        pts = points(point(i, threshold) for i in range(n))
        out.append(f'<polygon points="{pts}" class="presence" fill="none" stroke="#9a5b00" '
                   f'stroke-dasharray="4 3"/>')
    for i, (label, _) in enumerate(items):
        x, y = point(i, 1.0)
        out.append(f'<line x1="{cx}" y1="{cy}" x2="{_f(x)}" y2="{_f(y)}" class="axis" stroke="#d5d9e0"/>')
        lx, ly = point(i, 1.16)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        out.append(f'<text x="{_f(lx)}" y="{_f(ly + 4)}" text-anchor="{anchor}" class="lbl" font-size="11" fill="#1d2330">'
                   f'{escape(cut(label, 26))}</text>')
    pts = points(point(i, min(max(v or 0.0, 0.0), 1.0)) for i, (_, v) in enumerate(items))
    out.append(f'<polygon points="{pts}" class="shape" fill="#1f5fa8" fill-opacity="0.25" '
               f'stroke="#1f5fa8" stroke-width="2"/>')
    for i, (_, v) in enumerate(items):
        if v is None:
            continue
        x, y = point(i, min(max(v, 0.0), 1.0))
        out.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3.5" class="dot" fill="#1f5fa8"/>')
    out.append("</svg>")
    return "".join(out)
