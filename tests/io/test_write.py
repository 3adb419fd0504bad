"""Safe writing: atomic, never over an input, never over an output without force."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from isgrid.errors import EXIT_USAGE, UsageError
from isgrid.io import faults, write
from isgrid.io.write import (
    atomic_write,
    check_output,
    dumps_json,
    neutralise_cell,
    write_output,
)


def error_codes(exc: UsageError) -> list[str]:
    return [d.code for d in exc.diagnostics]


def test_atomic_write_leaves_only_the_file(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    atomic_write(out, b"# Rapport\n")
    assert out.read_bytes() == b"# Rapport\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_atomic_write_creates_missing_folders(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "x.json"
    atomic_write(out, b"{}")
    assert out.read_bytes() == b"{}"


def test_atomic_write_replaces_existing_content(tmp_path: Path) -> None:
    out = tmp_path / "x.txt"
    out.write_bytes(b"old content, longer than the new one")
    atomic_write(out, b"new")
    assert out.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]


def test_interrupted_write_keeps_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "x.txt"
    out.write_bytes(b"good")

    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(out, b"half-written")
    assert out.read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]


def test_write_output_text_is_utf8(tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    write_output(out, "Décision : retenu\n")
    assert out.read_bytes() == "Décision : retenu\n".encode()


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    inp = tmp_path / "ratings.csv"
    inp.write_text("dossier\n", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        write_output(inp, "x", inputs=[inp], force=True)  # even with force
    assert error_codes(info.value) == ["output-is-input"]
    assert info.value.exit_code == EXIT_USAGE
    assert inp.read_text(encoding="utf-8") == "dossier\n"


def test_input_is_recognised_through_another_spelling(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    inp = tmp_path / "call.yaml"
    inp.write_text("title: x\n", encoding="utf-8")
    other_spelling = tmp_path / "sub" / ".." / "call.yaml"
    with pytest.raises(UsageError) as info:
        check_output(other_spelling, inputs=[inp], force=True)
    assert error_codes(info.value) == ["output-is-input"]


def test_input_is_recognised_through_a_symlink(tmp_path: Path) -> None:
    inp = tmp_path / "call.yaml"
    inp.write_text("title: x\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(inp)
    with pytest.raises(UsageError) as info:
        check_output(link, inputs=[inp], force=True)
    assert error_codes(info.value) == ["output-is-input"]


def test_an_input_that_is_a_link_to_the_output_is_recognised(tmp_path: Path) -> None:
    # dossiers/D1.yaml -> ../out.json: writing out.json would change what the call reads
    out = tmp_path / "out.json"
    out.write_text("title: x\n", encoding="utf-8")
    (tmp_path / "dossiers").mkdir()
    inputs = [tmp_path / "dossiers" / f"D{i}.yaml" for i in range(50)]
    for inp in inputs[:-1]:
        inp.write_text("id: x\n", encoding="utf-8")
    inputs[-1].symlink_to(out)
    with pytest.raises(UsageError) as info:
        check_output(out, inputs=inputs, force=True)
    assert error_codes(info.value) == ["output-is-input"]
    assert out.read_text(encoding="utf-8") == "title: x\n"


def test_a_hard_linked_copy_of_an_input_is_no_input(tmp_path: Path) -> None:
    # Renaming a new file over the copy leaves the input's own name, and bytes, alone.
    inp = tmp_path / "ratings.csv"
    inp.write_text("dossier\n", encoding="utf-8")
    copy = tmp_path / "copy.csv"
    os.link(inp, copy)
    write_output(copy, "x", inputs=[inp], force=True)
    assert inp.read_text(encoding="utf-8") == "dossier\n"
    assert copy.read_text(encoding="utf-8") == "x"


def test_an_input_gone_since_it_was_read_is_skipped(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("{}", encoding="utf-8")
    write_output(out, "[]", inputs=[tmp_path / "gone.yaml"], force=True)
    assert out.read_text(encoding="utf-8") == "[]"


def test_refuses_an_existing_output_without_force(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    out.write_text("{}", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        write_output(out, "[]")
    assert error_codes(info.value) == ["output-exists"]
    assert info.value.exit_code == EXIT_USAGE
    assert out.read_text(encoding="utf-8") == "{}"
    write_output(out, "[]", force=True)
    assert out.read_text(encoding="utf-8") == "[]"


def test_refuses_a_folder_even_with_force(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(UsageError) as info:
        check_output(folder, force=True)
    assert error_codes(info.value) == ["output-exists"]


def test_a_new_output_is_fine(tmp_path: Path) -> None:
    check_output(tmp_path / "new.csv", inputs=[tmp_path / "other.csv"])


# ----------------------------------------------------------- neutralise_cell
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A3)", "'=SUM(A1:A3)"),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("-1", "-1"),  # a plain number is no formula (the score CSV's negative values)
        ("-1+1", "'-1+1"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Projet = utile", "Projet = utile"),
        ("", ""),
        ("abc", "abc"),
        (-5, -5),
        (3.5, 3.5),
        (0, 0),
        (None, None),
        (True, True),
    ],
)
def test_neutralise_cell(value: object, expected: object) -> None:
    result = neutralise_cell(value)
    assert result == expected
    assert type(result) is type(expected)


def test_formula_prefixes_cover_the_usual_injection_characters() -> None:
    assert {"=", "+", "-", "@"} <= set(write.FORMULA_PREFIXES)


# ------------------------------------------------------------------ dumps_json
def test_dumps_json_is_deterministic() -> None:
    a = {"b": 1, "a": {"d": [3, {"z": 1, "y": 2}], "c": "é"}}
    b = {"a": {"c": "é", "d": [3, {"y": 2, "z": 1}]}, "b": 1}
    assert dumps_json(a) == dumps_json(b)


def test_dumps_json_layout() -> None:
    text = dumps_json({"b": [1, 2], "a": "é"})
    assert text == '{\n  "a": "é",\n  "b": [\n    1,\n    2\n  ]\n}\n'
    assert json.loads(text) == {"a": "é", "b": [1, 2]}


def test_dumps_json_keeps_list_order() -> None:
    assert json.loads(dumps_json([3, 1, 2])) == [3, 1, 2]


def test_a_new_output_gets_the_umask_mode_not_a_private_one(tmp_path: Path) -> None:
    """mkstemp makes 0600 files; an output is for colleagues too (umask 022 -> 0644)."""
    old = os.umask(0o022)
    try:
        atomic_write(tmp_path / "new.json", b"{}")
        assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o644
        os.umask(0o077)
        atomic_write(tmp_path / "private.json", b"{}")
        assert (tmp_path / "private.json").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_a_replaced_output_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "shared.json"
    target.write_bytes(b"old")
    target.chmod(0o664)
    atomic_write(target, [b"new ", b"pieces"])
    assert target.read_bytes() == b"new pieces"
    assert target.stat().st_mode & 0o777 == 0o664


# ----------------------------------------------------------- writing behind the encoding
def _pieces(n: int, seed: int) -> list[bytes]:
    import random

    rng = random.Random(seed)
    return [bytes([rng.randrange(256)]) * rng.randrange(0, 5000) for _ in range(n)]


def test_pieces_are_written_whole_and_in_order(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from isgrid.io import behind

    monkeypatch.setattr(behind, "BLOCK", 10_000)  # many blocks, many syncs
    monkeypatch.setattr(behind, "SYNC", 30_000)
    monkeypatch.setattr(behind, "BLOCKS", 2)
    pieces = _pieces(3000, 1)
    out = tmp_path / "result.json"
    atomic_write(out, iter(pieces))
    assert out.read_bytes() == b"".join(pieces)
    atomic_write(out, iter([]))
    assert out.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]


def test_a_large_piece_goes_to_the_writer_as_it_is(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # a record chunk (a few MB) after a comma was joined with it: one more copy of the
    # whole result in the main thread; now the small pieces before it are joined apart
    import queue

    from isgrid.io import behind

    monkeypatch.setattr(behind, "BLOCK", 10_000)
    handed: list[bytes] = []

    class Seen(queue.Queue):  # type: ignore[type-arg]
        def put(self, item, block=True, timeout=None):  # type: ignore[no-untyped-def]
            if item is not None:
                handed.append(item)
            super().put(item, block, timeout)

    monkeypatch.setattr(queue, "Queue", Seen)
    large = [bytes([65 + i]) * 25_000 for i in range(3)]
    pieces = [b"{", large[0], b",", b"\n", large[1], b",", large[2], b"}"]
    out = tmp_path / "result.json"
    atomic_write(out, iter(pieces))
    assert out.read_bytes() == b"".join(pieces)
    assert [any(h is x for x in large) for h in handed] == [False, True, False, True,
                                                           False, True, False]
    assert handed[2] == b",\n"  # the small ones between, joined


def test_a_failed_write_on_the_thread_is_raised_and_keeps_the_old_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import threading

    from isgrid.io import behind

    monkeypatch.setattr(behind, "BLOCK", 10_000)
    monkeypatch.setattr(behind, "BLOCKS", 1)
    out = tmp_path / "result.json"
    out.write_bytes(b"good")
    real_write = os.write
    calls = []

    def disk_full(fd: int, data: object) -> int:
        calls.append(1)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)  # type: ignore[arg-type]

    monkeypatch.setattr(behind.os, "write", disk_full)
    made = []

    def pieces() -> Any:
        for piece in _pieces(3000, 2):
            made.append(1)
            yield piece

    with pytest.raises(OSError, match="No space left"):
        atomic_write(out, pieces())
    monkeypatch.undo()
    assert out.read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]
    assert len(made) < 3000  # the encoding stopped soon after the failure
    assert not [t for t in threading.enumerate() if t.name == "isgrid-write"]


def _direct_writes(monkeypatch: pytest.MonkeyPatch, refuse: int | None = None
                   ) -> list[tuple[int, bool]]:
    """Each write's length and whether the file had O_DIRECT on then; ``refuse``: the
    first direct write past that many is refused with EINVAL, as some systems do."""
    import errno
    import fcntl

    from isgrid.io import behind

    real_write = os.write
    seen: list[tuple[int, bool]] = []

    def write(fd: int, data: Any) -> int:
        direct = bool(fcntl.fcntl(fd, fcntl.F_GETFL) & behind.DIRECT)
        if direct and refuse is not None and sum(d for _, d in seen) >= refuse:
            raise OSError(errno.EINVAL, "Invalid argument")
        seen.append((len(data), direct))
        return real_write(fd, data)

    monkeypatch.setattr(behind.os, "write", write)
    return seen


def _supports_direct(folder: Path) -> bool:
    from isgrid.io import behind

    if not behind.DIRECT:
        return False
    try:
        fd = os.open(folder / "probe", os.O_WRONLY | os.O_CREAT | behind.DIRECT)
    except OSError:
        return False
    os.close(fd)
    os.unlink(folder / "probe")
    return True


def test_a_large_output_is_written_around_the_cache_in_aligned_blocks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From the first whole block, O_DIRECT writes of whole 4 kB blocks; the last bytes
    through the cache; the same bytes as written plainly, a piece larger than the buffer
    included."""
    from isgrid.io import behind

    if not _supports_direct(tmp_path):
        pytest.skip("this file system has no O_DIRECT")
    monkeypatch.setattr(behind, "BLOCK", 10_000)
    pieces = [*_pieces(200, 4), b"x" * 50_000, *_pieces(200, 5)]  # 50,000 > 2 * BLOCK
    _written_around_the_cache(pieces, tmp_path, monkeypatch)


def _written_around_the_cache(pieces: list[bytes], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """``pieces`` written by :func:`atomic_write`: the same bytes, in O_DIRECT writes of
    whole 4 kB blocks but for the last bytes, through the cache."""
    seen = _direct_writes(monkeypatch)
    out = tmp_path / "result.json"
    atomic_write(out, iter(pieces))
    assert out.read_bytes() == b"".join(pieces)
    total = sum(len(p) for p in pieces)
    direct = [n for n, d in seen if d]
    assert direct and all(n % 4096 == 0 for n in direct)
    cached = [n for n, d in seen if not d]
    assert cached == [total % 4096]  # only the tail goes through the cache
    assert sum(direct) == total - total % 4096


def test_a_result_shaped_output_is_written_around_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The result JSON's shape: a few small lines, then large record pieces with a comma
    between them.  The first lines are held until the first whole block, not written
    through the cache alone: that left the file's offset off the 4 kB alignment, every
    direct write was refused and the whole file went through the cache (sessions 20 to
    22, unseen: the bytes were right).  Only the last bytes go through the cache."""
    from isgrid.io import behind

    if not _supports_direct(tmp_path):
        pytest.skip("this file system has no O_DIRECT")
    monkeypatch.setattr(behind, "BLOCK", 10_000)
    pieces = [b'{\n  "call": {"title": "x"},\n  "dossiers": [\n    ', b"a" * 30_001,
              b",\n    ", b"b" * 25_003, b",\n    ", b"c" * 12_345, b"\n  ]\n}\n"]
    assert sum(len(p) for p in pieces) == 67_416  # 65,536 of them straight to disk
    _written_around_the_cache(pieces, tmp_path, monkeypatch)


def test_a_small_output_given_in_pieces_goes_through_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces that never make a whole block: held, then written once through the cache."""
    from isgrid.io import behind

    monkeypatch.setattr(behind, "BLOCK", 10_000)
    pieces = [b"{", b'"a": 1', b"}\n"]
    seen = _direct_writes(monkeypatch)
    out = tmp_path / "small.json"
    atomic_write(out, iter(pieces))
    assert out.read_bytes() == b'{"a": 1}\n'
    assert seen == [(9, False)]


def test_direct_writing_never_starts_off_the_alignment(tmp_path: Path) -> None:
    """A file whose offset is not a multiple of 4 kB gets no O_DIRECT (each write would be
    refused): None, the caller writes through the cache."""
    from isgrid.io import behind

    if not _supports_direct(tmp_path):
        pytest.skip("this file system has no O_DIRECT")
    fd = os.open(tmp_path / "f", os.O_WRONLY | os.O_CREAT)
    try:
        os.write(fd, b"x" * 100)
        assert behind._Direct.start(fd) is None
        os.write(fd, b"x" * (4096 - 100))
        direct = behind._Direct.start(fd)
        assert direct is not None
        direct.close()
    finally:
        os.close(fd)


@pytest.mark.parametrize("refuse", [0, 3])
def test_a_refused_direct_write_goes_through_the_cache(
        refuse: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A system that refuses O_DIRECT at a write (EINVAL: nothing written) gets the same
    bytes through the cache: at the first direct write or after three."""
    from isgrid.io import behind

    if not _supports_direct(tmp_path):
        pytest.skip("this file system has no O_DIRECT")
    monkeypatch.setattr(behind, "BLOCK", 10_000)
    pieces = _pieces(800, 6)
    seen = _direct_writes(monkeypatch, refuse=refuse)
    out = tmp_path / "result.json"
    atomic_write(out, iter(pieces))
    assert out.read_bytes() == b"".join(pieces)
    assert sum(d for _, d in seen) == refuse
    assert not seen[-1][1]


def test_a_system_without_direct_writes_writes_through_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import fcntl

    from isgrid.io import behind

    monkeypatch.setattr(behind, "BLOCK", 10_000)
    real_fcntl = fcntl.fcntl

    def refused(fd: int, cmd: int, arg: int = 0) -> int:
        if cmd == fcntl.F_SETFL and arg & behind.DIRECT:
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_fcntl(fd, cmd, arg)

    monkeypatch.setattr(fcntl, "fcntl", refused)
    pieces = _pieces(800, 7)
    seen = _direct_writes(monkeypatch)
    out = tmp_path / "result.json"
    atomic_write(out, iter(pieces))
    assert out.read_bytes() == b"".join(pieces)
    assert seen and not any(d for _, d in seen)


def test_a_failed_encoding_keeps_the_old_file(tmp_path: Path) -> None:
    import threading

    out = tmp_path / "result.json"
    out.write_bytes(b"good")

    def pieces() -> Any:
        yield from _pieces(500, 3)
        raise ValueError("a value that cannot be encoded")

    with pytest.raises(ValueError, match="cannot be encoded"):
        atomic_write(out, pieces())
    assert out.read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["result.json"]
    assert not [t for t in threading.enumerate() if t.name == "isgrid-write"]


@pytest.mark.parametrize("batch", [1, 3, 512])
@pytest.mark.parametrize("n", [1, 2, 3, 4, 6, 7, 513])
def test_encoded_records_are_written_as_the_records_of_a_list(n: int, batch: int) -> None:
    """Records already encoded come in pieces of consecutive records joined by
    RECORD_JOINER: the bytes are those of the same records given as a list, whatever the
    pieces' size against their number."""
    from isgrid.io.write import RECORD_JOINER, EncodedRecords, compact, iter_records

    rows = [{"id": f"D{i}", "title": "é\n\"x\"", "n": i} for i in range(n)]
    encoded = EncodedRecords(lambda: (RECORD_JOINER.join(compact(r) for r in rows[i:i + batch])
                                      for i in range(0, n, batch)), n)
    got = b"".join(iter_records({"b": 1, "dossiers": encoded, "a": [2]}, "dossiers"))
    want = b"".join(iter_records({"b": 1, "dossiers": rows, "a": [2]}, "dossiers"))
    assert got == want
    # and by hand, for two records
    if n == 2:
        assert got == ('{\n  "a": [2],\n  "b": 1,\n  "dossiers": [\n'
                       '    {"id":"D0","n":0,"title":"é\\n\\"x\\""},\n'
                       '    {"id":"D1","n":1,"title":"é\\n\\"x\\""}\n  ]\n}\n').encode()


def test_a_write_of_several_files_refused_partway_is_undone_new_folders_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk full at the second of three files: the first file's temporary copy and
    the folder made for it go, the manifest too; the error says nothing changed."""
    (tmp_path / "a.txt").write_bytes(b"old a")
    monkeypatch.setattr(faults, "_fault_counts", {})  # counted afresh in this process
    monkeypatch.setenv(write.FAULT_ENV, "temp:2:ENOSPC")
    with pytest.raises(write.WriteFailed) as info:
        write.write_files(tmp_path, [(tmp_path / "new" / "deep" / "b.txt", b"b", None),
                                     (tmp_path / "a.txt", b"new a", None),
                                     (tmp_path / "c.txt", b"c", None)])
    [diag] = info.value.diagnostics
    assert (diag.code, diag.location.file, diag.effective_hint) == (
        "write-failed", str(tmp_path / "a.txt"),
        "Free some space, choose a writable folder, or fix the path; nothing was changed.")
    assert info.value.exit_code == 1
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"old a"


def test_a_temporary_file_that_cannot_be_removed_is_said_and_removed_next_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(faults, "_fault_counts", {})  # counted afresh in this process
    monkeypatch.setenv(write.FAULT_ENV, "temp:2:ENOSPC")
    real_unlink = Path.unlink

    def refuse(self: Path, missing_ok: bool = False) -> None:
        if self.name.endswith(".tmp"):
            raise PermissionError(13, "Permission denied")
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse)
    with pytest.raises(write.WriteFailed) as info:
        write.write_files(tmp_path, [(tmp_path / "sub" / "a.txt", b"a", None),
                                     (tmp_path / "b.txt", b"b", None)])
    manifest = tmp_path / write.PENDING
    assert info.value.diagnostics[0].effective_hint == (
        "Free some space or make the folder writable, then run the command again: nothing "
        f"was changed, and it first removes the temporary files this write left (listed in "
        f"{manifest}).")
    assert manifest.is_file() and len(list(tmp_path.rglob("*.tmp"))) == 2
    monkeypatch.setattr(Path, "unlink", real_unlink)
    assert write.recover(tmp_path) is True  # the next command: the temporaries, sub/ go
    assert sorted(p.name for p in tmp_path.rglob("*")) == []


def test_a_temporary_file_gone_after_the_commit_is_said_never_skipped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Something removed b.txt's temporary file between the commit and the renames (a
    cleaner of hidden files): the write said nothing, b.txt unchanged."""
    (tmp_path / "a.txt").write_bytes(b"old a")
    (tmp_path / "b.txt").write_bytes(b"old b")
    real = write.fault_point

    def cleaner(step: str) -> None:
        if step == "commit":
            for tmp in tmp_path.glob(".b.txt.*.tmp"):
                tmp.unlink()
        real(step)

    monkeypatch.setattr(write, "fault_point", cleaner)
    with pytest.raises(write.WriteFailed) as info:
        write.write_files(tmp_path, [(tmp_path / "a.txt", b"new a", None),
                                     (tmp_path / "b.txt", b"new b", None)])
    [diag] = info.value.diagnostics
    tmp = diag.message.values["tmp"]
    assert tmp.startswith(str(tmp_path / ".b.txt.")) and tmp.endswith(".tmp")
    assert (diag.code, diag.location.file, diag.message, diag.effective_hint) == (
        "write-failed", str(tmp_path / "b.txt"),
        f"the new content of {tmp_path / 'b.txt'} was lost before it was put in place: its "
        f"temporary file {tmp} is gone",
        "Another program removed it (a cleaner of hidden files, a synchronisation?): "
        f"{tmp_path / 'b.txt'} is as it was before the command; the other files of the "
        "write are in place (1 of 2). Run the command again to write it.")
    assert info.value.exit_code == 1
    assert (tmp_path / "a.txt").read_bytes() == b"new a"
    assert (tmp_path / "b.txt").read_bytes() == b"old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]  # nothing left


def test_a_dated_copy_is_never_written_over(tmp_path: Path) -> None:
    """The dated name asked for is taken (another command's copy, made since the name was
    chosen): the link failed with « File exists » and the fallback copy replaced it."""
    (tmp_path / "j1.csv").write_bytes(b"previous")
    keep = tmp_path / "replaced" / "j1.20240312T101500Z.csv"
    keep.parent.mkdir()
    keep.write_bytes(b"another copy")
    kept = write.write_files(tmp_path, [(tmp_path / "j1.csv", b"new", keep)])
    second = keep.with_name("j1.20240312T101500Z-2.csv")
    assert kept == {keep: second}
    assert keep.read_bytes() == b"another copy" and second.read_bytes() == b"previous"
    assert (tmp_path / "j1.csv").read_bytes() == b"new"


def test_a_second_name_taken_gives_the_next_number(tmp_path: Path) -> None:
    """``replaced/j1.csv`` is taken when the write chooses its names: the copy is to be
    ``j1-2.csv``; another command's copy takes that too before it is made: the copy is
    ``j1-3.csv``, the next number beside the name asked (it was ``j1-2-2.csv``), and the
    manifest names it before it is made."""
    from isgrid.io.keep import Kept

    (tmp_path / "j1.csv").write_bytes(b"previous")
    asked = tmp_path / "replaced" / "j1.csv"
    asked.parent.mkdir()
    asked.write_bytes(b"a copy")
    kept = Kept(tmp_path, [(tmp_path / "j1.csv", b"new", asked)])
    assert kept.record() == [["replaced/j1-2.csv", "j1.csv"]]
    (tmp_path / "replaced" / "j1-2.csv").write_bytes(b"another copy")  # taken since
    saved: list[list[list[str]]] = []
    assert kept.make(0, saved.append) == tmp_path / "replaced" / "j1-3.csv"
    assert saved == [[["replaced/j1-3.csv", "j1.csv"]]]
    assert kept.names() == {asked: tmp_path / "replaced" / "j1-3.csv"}
    assert [(p.name, p.read_bytes()) for p in sorted(asked.parent.iterdir())] == [
        ("j1-2.csv", b"another copy"), ("j1-3.csv", b"previous"), ("j1.csv", b"a copy")]


def test_a_file_where_the_copies_folder_goes_is_refused_at_once(tmp_path: Path) -> None:
    """A file named ``replaced`` where the dated copies' folder goes: making it raised
    « File exists », which the copy took for a name taken, and it tried the next name for
    ever (write_files refuses such a write before, at its folders; the copy itself is
    safe now): one refusal, NotADirectoryError at the folder, no name tried again."""
    from isgrid.io.keep import Kept

    (tmp_path / "j1.csv").write_bytes(b"previous")
    (tmp_path / "replaced").write_bytes(b"a file")
    kept = Kept(tmp_path, [(tmp_path / "j1.csv", b"new", tmp_path / "replaced" / "j1.csv")])
    saved: list[object] = []

    def save(rows: list[list[str]]) -> None:
        saved.append(rows)
        if len(saved) == 3:  # the loop it was: stop it, and fail
            raise AssertionError("the same refusal taken for a name taken, again and again")

    with pytest.raises(NotADirectoryError) as info:
        kept.make(0, save)
    assert info.value.filename == str(tmp_path / "replaced")
    assert saved == []
    assert (tmp_path / "replaced").read_bytes() == b"a file"


def test_the_names_tried_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every name taken, as soon as it is tried (a system that says « File exists » to
    every new name): the copy tries MOST_NAMES names, then the last refusal is raised."""
    import errno

    from isgrid.io import keep

    def taken(src: object, dst: object) -> None:
        raise FileExistsError(errno.EEXIST, "File exists", str(dst))

    monkeypatch.setattr(os, "link", taken)
    (tmp_path / "j1.csv").write_bytes(b"previous")
    kept = keep.Kept(tmp_path, [(tmp_path / "j1.csv", b"new", tmp_path / "replaced" / "j1.csv")])
    saved: list[list[list[str]]] = []

    def save(rows: list[list[str]]) -> None:
        saved.append(rows)
        if len(saved) > 1000:  # the loop it was: stop it, and fail
            raise AssertionError("names tried without end")

    with pytest.raises(FileExistsError):
        kept.make(0, save)
    assert len(saved) == keep.MOST_NAMES - 1  # the first name and 99 others
    assert saved[-1] == [[f"replaced/j1-{keep.MOST_NAMES}.csv", "j1.csv"]]


def test_a_system_without_hard_links_gets_a_copy_never_over_another(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    (tmp_path / "j1.csv").write_bytes(b"previous")
    keep = tmp_path / "replaced" / "j1.csv"
    keep.parent.mkdir()
    keep.write_bytes(b"another copy")
    assert write.write_files(tmp_path, [(tmp_path / "j1.csv", b"new", keep)]) == {
        keep: tmp_path / "replaced" / "j1-2.csv"}
    assert keep.read_bytes() == b"another copy"
    assert (tmp_path / "replaced" / "j1-2.csv").read_bytes() == b"previous"


def test_files_made_when_written_are_made_one_at_a_time_and_all_or_none(
        tmp_path: Path) -> None:
    """A file's content may be a function (the letters of a call): called once, when its
    file is written, after the previous file's is on disk; one that fails leaves every
    file as it was, and the files made before it gone."""
    (tmp_path / "a.txt").write_bytes(b"old a")
    seen: list[str] = []

    def make(name: str) -> bytes:
        # the files before it are in their temporary files already, its own is open
        seen.append(f"{name}:{len(list(tmp_path.glob('.*.tmp')))}")
        return f"letter {name}".encode()

    write.write_files(tmp_path, [(tmp_path / f"{n}.txt", lambda n=n: make(n), None)
                                 for n in ("a", "b", "c")])
    assert seen == ["a:1", "b:2", "c:3"]
    assert [(p.name, p.read_bytes()) for p in sorted(tmp_path.iterdir())] == [
        ("a.txt", b"letter a"), ("b.txt", b"letter b"), ("c.txt", b"letter c")]

    def broken() -> bytes:
        raise ValueError("a template error")

    with pytest.raises(ValueError, match="a template error"):
        write.write_files(tmp_path, [(tmp_path / "a.txt", b"new a", None),
                                     (tmp_path / "d.txt", broken, None)])
    assert [(p.name, p.read_bytes()) for p in sorted(tmp_path.iterdir())] == [
        ("a.txt", b"letter a"), ("b.txt", b"letter b"), ("c.txt", b"letter c")]


def test_a_content_that_fails_with_an_error_of_the_system_is_not_a_refused_write(
        tmp_path: Path) -> None:
    """A letter's content made when its file is written reads a template that is missing:
    the write is undone and that error raised as it was, never « the system refused » with
    a hint to free disk space (write-failed)."""
    (tmp_path / "a.txt").write_bytes(b"old a")

    def missing_template() -> bytes:
        return (tmp_path / "no-such-template.j2").read_bytes()

    with pytest.raises(FileNotFoundError) as info:
        write.write_files(tmp_path, [(tmp_path / "a.txt", b"new a", None),
                                     (tmp_path / "b.txt", missing_template, None)])
    assert not isinstance(info.value, write.WriteFailed)
    assert "no-such-template.j2" in str(info.value)
    assert [(p.name, p.read_bytes()) for p in sorted(tmp_path.iterdir())] == [
        ("a.txt", b"old a")]


def test_an_unreadable_record_is_said_at_the_record_not_at_the_lock_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The record of an interrupted write that the system will not let this command read
    (written 0600 by a colleague): the error names the record, never the lock file with a
    hint to delete it (the lock's own refusal is said only when taking the lock fails)."""
    import errno

    from isgrid.errors import IsgridError

    manifest = tmp_path / write.PENDING
    manifest.write_text('{"state": "writing", "files": []}', encoding="utf-8")
    real = Path.read_bytes

    def refused(self: Path) -> bytes:
        if self == manifest:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refused)
    with pytest.raises(IsgridError) as info:
        write.recover(tmp_path)
    [diag] = info.value.diagnostics
    assert diag.location.file == str(manifest)
    assert ".isgrid-write.lock" not in str(diag.effective_hint or "")


def test_a_record_that_cannot_be_deleted_once_all_is_in_place_is_said_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file renamed, nothing to remove: only the record's deletion was refused. The
    hint says so (it named a folder « ? » « not deleted yet »)."""
    import errno

    manifest = tmp_path / write.PENDING
    real = os.unlink

    def refused(path: object, *args: object, **kwargs: object) -> None:
        if Path(str(path)) == manifest:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "unlink", refused)
    with pytest.raises(write.WriteFailed) as info:
        write.write_files(tmp_path, [(tmp_path / "a.txt", b"new a", None)])
    [diag] = info.value.diagnostics
    hint = str(diag.effective_hint)
    assert hint == (f"Every file of the write is in place (1 of 1); only its record {manifest} "
                    "could not be deleted. Make the folder writable, then run the command "
                    "again: it deletes the record first.")
    assert "?" not in hint
    assert (tmp_path / "a.txt").read_bytes() == b"new a"
