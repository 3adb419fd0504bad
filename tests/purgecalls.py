"""Call folders for the tests of ``isgrid call purge`` and of the people and contacts it
removes (tests/call/test_purge_*, tests/documents/test_letter_people): copies of the
example."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from testpaths import EXAMPLES


def kept_contact(tmp_path: Path, dossier: str, fact: str, value: str,
                 name: str = "appel") -> Path:
    """examples/alsace-2016 copied as ``tmp_path/name``, kept 12 months since 2024-06-30
    (``retention``: due on 2025-06-30) with ``fact`` its one contact fact, and the dossier
    ``dossier`` giving it: the line ``fact: "value"`` added at the end of its file."""
    call = tmp_path / name
    shutil.copytree(EXAMPLES / "alsace-2016", call)
    cfg = yaml.safe_load((call / "call.yaml").read_text("utf-8"))
    cfg["retention"] = {"months": 12, "since": "2024-06-30", "contact_facts": [fact]}
    (call / "call.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), "utf-8")
    with (call / "dossiers" / f"{dossier}.yaml").open("a", encoding="utf-8") as f:
        f.write(f'{fact}: "{value}"\n')
    return call
