"""A result's ``inputs`` hash the very bytes that were read, each file read once.

Hashing a file by reading it again after using it would let a file saved in
between slip into the record with a hash that does not match what was scored.
"""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.io import text
from testpaths import EXAMPLES

EXAMPLES = EXAMPLES


@pytest.mark.parametrize("name", [
    "alsace-2016", "alterincub-2019", "picardie-sieg-2015",
    "lfse-2024",  # the only example with a journal: read once, hashed, verified
])
def test_each_input_is_read_once_and_hashed_as_read(
        tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / name
    shutil.copytree(EXAMPLES / name, folder)
    reads: Counter[str] = Counter()
    real = Path.read_bytes
    real_read = text._read_at_most  # how io.text.read_bytes reads a file's bytes

    def counting(self: Path) -> bytes:
        reads[str(self.resolve())] += 1
        return real(self)

    def counting_read(path: Path, size: int, max_bytes: int) -> bytes | None:
        reads[str(Path(path).resolve())] += 1
        return real_read(path, size, max_bytes)

    monkeypatch.setattr(Path, "read_bytes", counting)
    monkeypatch.setattr(text, "_read_at_most", counting_read)
    call = load_call(folder)
    monkeypatch.undo()
    assert call.inputs, "no inputs recorded"
    for rel, digest in call.inputs.items():
        path = folder / rel
        assert digest == hashlib.sha256(path.read_bytes()).hexdigest(), rel
        assert reads[str(path.resolve())] == 1, (rel, reads[str(path.resolve())])


def test_a_file_changed_after_reading_keeps_the_hash_of_what_was_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    target = folder / "call.yaml"
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    real = text._read_at_most

    def then_edit(path: Path, size: int, max_bytes: int) -> bytes | None:
        data = real(path, size, max_bytes)
        if Path(path) == target and data is not None:
            target.write_bytes(data + b"\n# edited by someone else meanwhile\n")
        return data

    monkeypatch.setattr(text, "_read_at_most", then_edit)
    call = load_call(folder)
    monkeypatch.undo()
    assert hashlib.sha256(target.read_bytes()).hexdigest() != before  # it was edited
    assert call.inputs["call.yaml"] == before


def test_the_journal_scored_is_the_journal_hashed(tmp_path: Path) -> None:
    """An entry appended after loading (another secretary's terminal) does not slip into a
    result whose ``inputs`` name the journal as it was when read."""
    from isgrid.call.journal_append import append
    from isgrid.engine import score

    folder = tmp_path / "lfse-2024"
    shutil.copytree(EXAMPLES / "lfse-2024", folder)
    before = (folder / "journal.jsonl").read_bytes()
    call = load_call(folder)
    # LF24-06 is retenu by the second jury (line 1 of the journal); withdraw it afterwards
    append(folder, kind="withdrawal", dossier="LF24-06", by="Secrétariat",
           reason="Retrait après le chargement", stage="vote")
    result = score(call)
    assert call.inputs["journal.jsonl"] == hashlib.sha256(before).hexdigest()
    d06 = next(d for d in result.dossiers if d.id == "LF24-06")
    assert str(d06.status) != "retiré"
    # loaded again, the withdrawal is there
    again = next(d for d in score(load_call(folder)).dossiers if d.id == "LF24-06")
    assert str(again.status) == "retiré"
