"""What a self-assessment calls a grid's items: the grid's own word, else « critères ».

A profile grid is read item by item, without a total; isgrid used to call every
profile's items « marqueurs » and to say « ce qui compte, ce sont les marqueurs présents
ensemble », the Picardie markers' doctrine (S-P3), on grids whose sources say
« critères » (Nouvelle-Aquitaine's AMI, Rally'nov: review s12 grids #10).  The word is
now the grid's: « marqueurs » when the grid's own title or description names its items
so (the Picardie markers and the SIEG built on them, whose description speaks of « ses
cinq blocs des marqueurs »), else the neutral « critères ».
"""

from __future__ import annotations

import re

from ..grid.model import Grid

_MARKERS = re.compile(r"\b(marqueurs?|markers?)\b", re.IGNORECASE)


def item_words(g: Grid) -> str:
    """``"markers"`` when ``g`` calls its items markers in its own title or description,
    else ``"criteria"`` (the catalogue's keys end in ``.markers`` for the first)."""
    said = " ".join(x for x in (g.title, g.description) if x)
    return "markers" if _MARKERS.search(said) else "criteria"
