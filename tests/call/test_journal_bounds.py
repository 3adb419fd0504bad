"""A journal line is bounded to what a call has (review s16 hostile, finding 9: a
``ratings_files`` of 100,000 keys of 910 characters, 98 MB, was read in 7 s and 680 MB).

* ``ratings_files``: at most 10,000 paths (a call has a file a juror) of at most 300
  characters (« conflicts/ » and a file name of 255), else ``journal-invalid``;
* any line: at most 4 MiB (4,194,304 bytes), refused before it is parsed, except a
  purge's (``"kind":"purge"``), whose ``hashes_before`` holds 67 bytes an entry before
  it: 67 bytes more a line before it (review s17 hostile, finding 7: any line with a
  ``"hashes_before":`` key was let through up to 71 MB);
* isgrid never writes what its reader refuses: a call beyond those bounds records its
  ratings' fingerprint without the map of its files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.generate import _journal

from isgrid.call.inputstamp import (
    MAX_RATINGS_FILES,
    MAX_RATINGS_PATH,
    ratings_fingerprint,
    recordable,
    stamp_fields,
)
from isgrid.call.journal import MAX_LINE, line_bound, verify_bytes

SHA = "c" * 64


def _files(n: int, length: int = 20) -> dict[str, str]:
    """``n`` paths of ``length`` characters: « ratings/j00001xxx….csv »."""
    return {f"ratings/j{i:05d}".ljust(length - 4, "x") + ".csv": SHA for i in range(n)}


def _read(tmp_path: Path, **fields: Any) -> tuple[list[Any], list[Any]]:
    """One sealed withdrawal entry with ``fields``, read back by the journal's reader."""
    entry: dict[str, Any] = {"kind": "withdrawal", "dossier": "D1", "by": "J", "reason": "r"}
    entry.update(fields)
    if "ratings_files" in fields:
        entry.update(ratings_sha256=ratings_fingerprint(fields["ratings_files"]),
                     dossiers_sha256="b" * 64)
    _journal(tmp_path, [entry])
    data = (tmp_path / "journal.jsonl").read_bytes()
    return verify_bytes(data, "journal.jsonl")


def test_the_bounds_as_said() -> None:
    assert (MAX_RATINGS_FILES, MAX_RATINGS_PATH, MAX_LINE) == (10_000, 300, 4 * 1024 * 1024)
    assert len(next(iter(_files(1, 300)))) == 300


def test_a_map_as_large_as_a_call_can_have_is_read(tmp_path: Path) -> None:
    # 10,000 paths of 300 characters: about 3.7 MB, under the line's 4 MiB
    entries, problems = _read(tmp_path, ratings_files=_files(10_000, 300))
    assert problems == [] and len(entries[0].ratings_files) == 10_000


def test_more_files_or_a_longer_path_is_refused(tmp_path: Path) -> None:
    said = []
    for files in (_files(10_001), _files(1, 301)):
        entries, problems = _read(tmp_path, ratings_files=files)
        assert entries == [] and [p.code for p in problems] == ["journal-invalid"]
        assert "journal.jsonl" in problems[0].effective_hint  # the code's: restore a copy
        said.append(str(problems[0].message))
    assert said == [
        "ratings_files: at most 10,000 files are recorded, not 10,001: a call has a file a juror",
        "ratings_files: a path of at most 300 characters is expected, not 301"]


def test_a_line_past_4_mib_is_refused_unread(tmp_path: Path) -> None:
    # the finding's line, 100,000 keys of 910 characters (98 MB), in small: 6,000 of them
    # (5.9 MB), refused at its length, before JSON or the model reads it
    files = _files(6_000, 910)
    _journal(tmp_path, [{"kind": "withdrawal", "dossier": "D1", "by": "J", "reason": "r",
                         "ratings_sha256": ratings_fingerprint(files),
                         "dossiers_sha256": "b" * 64, "ratings_files": files}])
    data = (tmp_path / "journal.jsonl").read_bytes()
    entries, problems = verify_bytes(data, "journal.jsonl")
    assert entries == [] and [p.code for p in problems] == ["journal-invalid"]
    size = len(data) - 1  # the line without its newline
    assert str(problems[0].message) == (
        f"line 1 is {size:,} bytes long, more than an entry can hold (4,194,304 bytes)")
    # a reason of 5 MB alike: no field may make a line past the cap
    entries, problems = _read(tmp_path, reason="x" * (5 * 2**20))
    assert "more than an entry can hold" in str(problems[0].message)


def test_a_purge_s_hashes_before_may_pass_4_mib(tmp_path: Path) -> None:
    # a purge after 62,700 entries: their hashes, 64 characters, quotes and a comma, 67
    # bytes each, make its line 4.2 MB (past 4 MiB); its bound, 4,194,304 + 67 × 62,701
    withdrawals: list[dict[str, Any]] = [
        {"kind": "withdrawal", "dossier": "D1", "by": "J", "reason": "r"}] * 62_700
    _journal(tmp_path, [*withdrawals, {"kind": "purge", "stage": "vote", "dossier": "*",
                                       "by": "S", "reason": "purge",
                                       "hashes_before": ["a" * 64] * 62_700}])
    data = (tmp_path / "journal.jsonl").read_bytes()
    assert len(data.splitlines()[-1]) > MAX_LINE
    entries, problems = verify_bytes(data, "journal.jsonl")
    assert problems == [] and len(entries[-1].hashes_before) == 62_700


def test_the_purge_allowance_is_sized_by_the_entries_before_it(tmp_path: Path) -> None:
    # the same 62,700 hashes on the journal's second line: a purge there has one entry
    # before it; its bound is 4,194,304 + 67 × 2 = 4,194,438 bytes
    _journal(tmp_path, [{"kind": "withdrawal", "dossier": "D1", "by": "J", "reason": "r"},
                        {"kind": "purge", "stage": "vote", "dossier": "*", "by": "S",
                         "reason": "purge", "hashes_before": ["a" * 64] * 62_700}])
    data = (tmp_path / "journal.jsonl").read_bytes()
    entries, problems = verify_bytes(data, "journal.jsonl")
    size = len(data.splitlines()[-1])
    assert len(entries) == 1 and [p.code for p in problems] == ["journal-invalid"]
    assert str(problems[0].message) == (
        f"line 2 is {size:,} bytes long, more than an entry can hold (4,194,438 bytes)")
    assert (line_bound(b'{"kind":"purge"}', 1), line_bound(b'{"kind" : "purge"}', 10)) == (
        4 * 2**20 + 67, 4 * 2**20 + 670)


def test_hashes_before_on_another_entry_is_no_exemption(tmp_path: Path) -> None:
    # the review's line: a consensus entry with a "hashes_before": key and a reason of
    # 60,000,000 bytes, after one entry; refused at its length, unread (it was parsed:
    # 4 s, 385 MB, then « entry 2 was changed »); 49 + 60,000,000 + 2 bytes
    _journal(tmp_path, [{"kind": "withdrawal", "dossier": "D1", "by": "J", "reason": "r"}])
    path = tmp_path / "journal.jsonl"
    path.write_bytes(path.read_bytes() + b'{"kind":"consensus","hashes_before":[],"reason":"'
                     + b"A" * 60_000_000 + b'"}\n')
    entries, problems = verify_bytes(path.read_bytes(), "journal.jsonl")
    assert len(entries) == 1 and [p.code for p in problems] == ["journal-invalid"]
    assert str(problems[0].message) == (
        "line 2 is 60,000,051 bytes long, more than an entry can hold (4,194,304 bytes)")


def test_isgrid_records_no_map_it_could_not_read_back() -> None:
    few, many, long = _files(3), _files(10_001), _files(2, 301)
    assert recordable(few) and not recordable(many) and not recordable(long)
    stamp = ("r" * 64, "d" * 64, few)
    assert stamp_fields(stamp, [])["ratings_files"] == few
    for files in (many, long):
        fields = stamp_fields(("r" * 64, "d" * 64, files), [])
        assert fields == {"ratings_sha256": "r" * 64, "dossiers_sha256": "d" * 64}


def test_an_entry_past_4_mib_is_never_written(tmp_path: Path) -> None:
    import shutil

    from click.testing import CliRunner

    from isgrid.cli import cli
    from testpaths import EXAMPLES

    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    before = (folder / "journal.jsonl").read_bytes() if (folder / "journal.jsonl").exists() \
        else None
    res = CliRunner().invoke(cli, ["--lang", "en", "decide", str(folder), "AL16-01",
                                   "--outcome", "retenu", "--by", "J",
                                   "--reason", "x" * (5 * 2**20)])
    assert res.exit_code != 0
    assert "more than a journal line can hold (4,194,304 bytes)" in res.output
    assert "[bad-decision]" in res.output
    after = (folder / "journal.jsonl").read_bytes() if (folder / "journal.jsonl").exists() \
        else None
    assert after == before  # nothing written
