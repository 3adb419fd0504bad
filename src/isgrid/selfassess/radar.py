"""The radar of a profile grid's self-assessment: each marker's intensity on an axis of its
own, numbered as the grid numbers its markers (the legend gives the labels), rings at
every level of the scale, the « present » level drawn apart.  Its geometry and rounding
are the fiches' radar's (:func:`isgrid.documents.svg.radar_point`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from ..grid.check import counts_as
from ..grid.model import Grid, Scale
from ..vocabulary import EPS


class Marker(Protocol):
    """What the radar reads of a criterion's result (:class:`.assess.CriterionResult`)."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def na(self) -> bool: ...


@dataclass
class RadarPoint:
    id: str
    n: int
    label: str
    value: float | None
    x: float
    y: float
    axis_x: float
    axis_y: float
    label_x: float
    label_y: float
    # answered « ne s'applique pas »: marked apart from « sans réponse » (both at the centre)
    na: bool = False



def marker_numbers(ids: list[str]) -> dict[str, int]:
    """How the markers are numbered: as their ids number them when every id ends in its
    own number (Picardie's « Marqueur 0 » is PIC-M0: the holder's printout must say the
    Région's numbers), else 1, 2, … in the grid's order."""
    found = [re.search(r"(\d+)$", cid) for cid in ids]
    nums = [int(m.group(1)) for m in found if m is not None]
    if len(nums) == len(ids) and len(set(nums)) == len(nums):
        return dict(zip(ids, nums, strict=True))
    return {cid: i for i, cid in enumerate(ids, start=1)}


def radar(grid: Grid, results: Sequence[Marker], size: float = 320.0) -> dict[str, Any]:
    """Geometry of an SVG radar of marker intensities (rendered by the templates).

    One axis per marker, numbered (the legend gives the labels: long French
    labels do not fit around a radar on a phone).  Rings at every level; the
    "present" level is drawn thicker.
    """
    from ..documents.svg import points, radar_point  # the one radar geometry

    n = len(results)
    numbers = marker_numbers([cr.id for cr in results])
    cx = cy = size / 2
    r_max = size / 2 - 28
    pts: list[RadarPoint] = []
    scale0: Scale | None = None
    for i, cr in enumerate(results):
        c = grid.criterion(cr.id)
        scale = grid.scales[c.scale]
        scale0 = scale0 or scale
        frac = 0.0 if cr.value is None else (cr.value - scale.min) / (scale.max - scale.min)
        pts.append(RadarPoint(
            cr.id, numbers[cr.id], cr.label, cr.value, *radar_point(i, n, frac, cx, cy, r_max),
            *radar_point(i, n, 1.0, cx, cy, r_max),
            *radar_point(i, n, (r_max + 14) / r_max, cx, cy, r_max), na=cr.na))
    rings = []
    present_frac = None
    if scale0 is not None:
        span = scale0.max - scale0.min
        p = counts_as(grid, grid.criterion(results[0].id), "present")
        if p is not None:
            present_frac = (p - scale0.min) / span
        for level in scale0.levels:
            frac = (float(level.value) - scale0.min) / span
            if frac <= 0:
                continue
            ring = points(radar_point(i, n, frac, cx, cy, r_max) for i in range(n))
            rings.append({"points": ring, "label": level.label,
                          "present": present_frac is not None and abs(frac - present_frac) < EPS})
    return {
        "size": size,
        "numbers": numbers,
        "points": [asdict(p) for p in pts],
        "polygon": points((p.x, p.y) for p in pts),
        "rings": rings,
    }
