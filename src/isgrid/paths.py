"""Where the shipped grids and templates are.

In a wheel they are the packages ``isgrid._grids`` and ``isgrid._templates``
(mapped from the repository's top-level ``grids/`` and ``templates/`` by
``pyproject.toml``); in a source checkout or an editable install they are those
top-level folders themselves.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


def _data_dir(package: str, folder: str) -> Path:
    """``isgrid/<_grids|_templates>`` in an installed wheel, else the checkout's folder.

    (``importlib.resources`` is no help here: these data folders are namespace
    packages, for which it returns a multiplexed path.)
    """
    here = Path(__file__).resolve().parent
    installed = here / package.rsplit(".", 1)[1]
    if installed.is_dir():
        return installed
    checkout = here.parents[1] / folder
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"isgrid's {folder}/ folder is missing from the installation")


@cache
def grids_dir() -> Path:
    return _data_dir("isgrid._grids", "grids")


@cache
def templates_dir() -> Path:
    return _data_dir("isgrid._templates", "templates")
