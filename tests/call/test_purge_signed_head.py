"""After a purge that re-sealed the journal, ``journal verify --head`` still finds the head
the signed minutes print (review audit, finding 10).

alsace-2016, the jury's decision on AL16-05 recorded by Hélène Schaeffer (a juror) with a
reason naming Marc Wendling (another), then AL16-01's vote: entry 2's hash is the head of
the signed minutes.  Twelve months after 12 May 2016, the purge pseudonymises both names in
entry 1, so every hash of the chain changes; verify --head said « journal-broken » and
advised restoring a copy (which would bring the names back).  The purge entry (entry 3) now
records every entry's hash before it (``hashes_before``), and verify names the signed
entry as it was before the purge, exit 0.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.call.journal import read_journal
from isgrid.call.journal_append import append
from isgrid.cli import cli
from testpaths import EXAMPLES


def _verify(folder: Path, head: str) -> tuple[int, str]:
    r = CliRunner().invoke(cli, ["--lang", "en", "journal", "verify", str(folder),
                                 "--head", head])
    return r.exit_code, r.output


def _seance(tmp_path: Path) -> Path:
    folder = tmp_path / "p2"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("retention: {months: 12, since: 2016-05-12}\n")
    append(folder, kind="decision", dossier="AL16-05", outcome="non retenu",
           by="Hélène Schaeffer", reason="pièces non fournies, constat de Marc Wendling")
    append(folder, kind="decision", stage="vote", dossier="AL16-01", outcome="retenu",
           amount=27000, by="CP", reason="délibération")
    return folder


def test_the_signed_head_is_found_after_a_purge(tmp_path: Path) -> None:
    folder = _seance(tmp_path)
    before = [e.hash for e in read_journal(folder)]
    signed = before[-1]
    r = CliRunner().invoke(cli, ["call", "purge", str(folder), "--apply", "--today",
                                 "2018-06-01"])
    assert r.exit_code == 0, r.output
    entries = read_journal(folder)
    assert [e.kind for e in entries] == ["decision", "decision", "purge"]
    assert "Hélène" not in entries[0].by and "Wendling" not in entries[0].reason
    # every hash changed (entry 1 re-sealed, entry 2's prev with it): the head is not
    # in the journal any more, but the purge entry records them all
    assert not {e.hash for e in entries} & set(before)
    assert entries[2].hashes_before == tuple(before)
    code, out = _verify(folder, signed)
    assert code == 0, out
    assert ("the signed head is entry 2 as it was before the purge of entry 3 (1 June 2018): "
            "the purge re-sealed entries 1 to 2 (personal data removed), which no longer "
            "verify against the signed minutes") in out
    assert "restore" not in out
    code, out = _verify(folder, before[0])  # an earlier signed head: entry 1
    assert code == 0 and "the signed head is entry 1 as it was before the purge" in out
    # a head that never was in the journal: still broken, exit 1
    code, out = _verify(folder, "ab" * 32)
    assert code == 1 and "journal-broken" in out


def test_a_purge_recorded_before_quotes_the_head_in_its_reason(tmp_path: Path) -> None:
    """A purge entry written by an isgrid of before ``hashes_before``: its reason quotes
    the head before the purge, the entry just before it."""
    folder = _seance(tmp_path)
    old_head = "cd" * 32  # the head before that purge re-sealed the chain
    append(folder, kind="purge", stage="vote", dossier="*", by="isgrid call purge",
           reason="Purge des données personnelles (conservation 12 mois depuis le 12 mai "
           f"2016) ; tête de chaîne avant purge : {old_head}", at="2018-06-01")
    line = json.loads((folder / "journal.jsonl").read_bytes().splitlines()[-1])
    assert "hashes_before" not in line
    code, out = _verify(folder, old_head)
    assert code == 0, out
    assert "the signed head is entry 2 as it was before the purge of entry 3" in out
    assert "re-sealed entries 1 to 2" in out


def test_only_a_purge_records_hashes_before(tmp_path: Path) -> None:
    folder = _seance(tmp_path)
    path = folder / "journal.jsonl"
    lines = path.read_bytes().splitlines()
    from isgrid.call.journal import canonical, entry_hash

    data = json.loads(lines[-1])
    data["hashes_before"] = ["ab" * 32]
    data["hash"] = entry_hash(data)
    path.write_bytes(b"\n".join([*lines[:-1], canonical(data)]) + b"\n")
    r = CliRunner().invoke(cli, ["--lang", "en", "journal", "verify", str(folder)])
    assert r.exit_code == 1
    assert "only a purge entry records the hashes before the purge" in r.output
