"""What a grid calls its items, and its mode in words: the grid's own word, else « critères ».

A profile grid is read item by item, without a total; isgrid used to call every
profile's items « marqueurs » and every profile a « profil de marqueurs », the Picardie
markers' doctrine (S-P3), on grids whose sources say « critères » (Nouvelle-Aquitaine's
AMI, Rally'nov, the CSESS orientations: review s12 grids #10).  The word is the grid's:
« marqueurs » when the grid's own title or description names its items so (the Picardie
markers and the SIEG built on them, whose description speaks of « ses cinq blocs des
marqueurs »), else the neutral « critères ».  Every place that says a grid's mode or its
items' word reads it here: ``grids list``/``grids show``, ``compare``, the web list of
grids, the self-assessment, the committee report, the fiches and `isgrid score`'s table.
"""

from __future__ import annotations

import re
from typing import Literal

from .model import Grid

_MARKERS = re.compile(r"\b(marqueurs?|markers?)\b", re.IGNORECASE)

ItemWords = Literal["markers", "criteria"]


def item_words(g: Grid) -> ItemWords:
    """``"markers"`` when ``g`` calls its items markers in its own title or description,
    else ``"criteria"`` (the catalogues' keys end in ``.markers`` for the first)."""
    said = " ".join(x for x in (g.title, g.description) if x)
    return "markers" if _MARKERS.search(said) else "criteria"


def mode_key(g: Grid) -> str:
    """The key of ``g``'s mode in words in the ``common`` catalogue: ``mode.profile.markers``
    (« profil de marqueurs ») for a profile of markers, ``mode.profile`` (« profil (grille
    lue critère par critère) ») for another profile, ``mode.<mode>`` otherwise."""
    mode = g.resolved_mode()
    if mode == "profile" and item_words(g) == "markers":
        return "mode.profile.markers"
    return f"mode.{mode}"
