"""Where the shipped grids and templates are.

In a wheel they are the packages ``isgrid._grids`` and ``isgrid._templates``
(mapped from the repository's top-level ``grids/`` and ``templates/`` by
``pyproject.toml``); in a source checkout or an editable install they are those
top-level folders themselves.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


def _data_dir(package: str, folder: str) -> Path:
    try:
        return Path(str(resources.files(package)))
    except (ModuleNotFoundError, TypeError):
        checkout = Path(__file__).resolve().parents[2] / folder
        if checkout.is_dir():
            return checkout
        raise


@cache
def grids_dir() -> Path:
    return _data_dir("isgrid._grids", "grids")


@cache
def templates_dir() -> Path:
    return _data_dir("isgrid._templates", "templates")
