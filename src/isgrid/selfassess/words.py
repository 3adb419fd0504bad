"""What a self-assessment calls a grid's items: the grid's own word, else « critères »
(:mod:`isgrid.grid.items`, the one place every feature reads it)."""

from __future__ import annotations

from ..grid.items import item_words

__all__ = ["item_words"]
