"""WCAG 2.1 contrast ratios, for the accessibility tests (relative luminance, 1.4.3 / 1.4.11).

The colours are those a browser computes (« rgb(r, g, b) ») or written « #rrggbb »."""

from __future__ import annotations

import re


def luminance(colour: str) -> float:
    """The relative luminance of « rgb(r, g, b) », « rgba(…) » or « #rrggbb »."""
    if colour.startswith("#"):
        parts = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    else:
        parts = [int(x) / 255 for x in re.findall(r"\d+", colour)[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
