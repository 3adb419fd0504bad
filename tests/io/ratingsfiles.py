"""A call whose ratings file is written byte for byte, as a spreadsheet saved it (the
excel and encoding tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from callfactory import make_call


def ratings_file_call(tmp_path: Path, aid: str, data: bytes,
                      call: dict[str, Any] | None = None) -> Path:
    """The ``mini-scored`` grid's call with one dossier, D1 (Alsace, submitted 2026-01-10),
    and ``ratings/<aid>.csv`` holding ``data`` as it is."""
    folder = make_call(tmp_path, "mini-scored", call=call, dossiers=[
        {"id": "D1", "region": "Alsace", "submitted_at": "2026-01-10"}])
    (folder / "ratings").mkdir()
    (folder / "ratings" / f"{aid}.csv").write_bytes(data)
    return folder
