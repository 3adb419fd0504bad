"""A vote « retenu » of 0 € already in an older journal (review data22, item 1): recorded
before data21 refused one (`isgrid decide … --amount 0`), it is read as written (the
minutes count the dossier as retained), but it is no grant.  `isgrid call check` says
which entry, which dossier and what to record instead (vote-zero-grant), and `isgrid
export` publishes no 0.00 grant (SCDL's montant is a grant's amount); the amount is the
engine's (DossierResult.amount_granted), read where the export reads it.

The journals are written by hand, as docs/decisions.md §1 describes a line: canonical JSON
(sorted keys, no spaces, UTF-8), ``prev`` the sha256 of the previous line's bytes without
its newline (64 zeros first), ``hash`` the sha256 of the entry's canonical JSON without
``hash``; an entry of 2026-11 has no grid nor input fingerprints (absent from older
entries)."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.cli import cli

NB = "\u00a0"
NN = "\u202f"


def _write_journal(folder: Path, entries: list[dict[str, Any]]) -> None:
    lines = []
    prev = "0" * 64
    for seq, fields in enumerate(entries, start=1):
        entry = {"seq": seq, "kind": "decision", "by": "CP",
                 "reason": "délibération CP-2026-04-117", "prev": prev, **fields}
        body = json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        entry["hash"] = hashlib.sha256(body.encode("utf-8")).hexdigest()
        line = json.dumps(entry, sort_keys=True, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        prev = hashlib.sha256(line).hexdigest()  # the line without its newline
        lines.append(line + b"\n")
    (folder / "journal.jsonl").write_bytes(b"".join(lines))


def _run(*args: str) -> tuple[int, str]:
    run = CliRunner().invoke(cli, ["--lang", "fr", *args])
    return run.exit_code, run.output


def _exported(folder: Path, tmp_path: Path) -> tuple[list[tuple[str, str]], str]:
    out = tmp_path / "subventions.csv"
    code, said = _run("export", str(folder), "--format", "scdl-subventions", "-o", str(out),
                      "--force")
    assert code == 0, said
    with out.open(encoding="utf-8", newline="") as f:
        return [(r["nomBeneficiaire"], r["montant"]) for r in csv.DictReader(f)], said


def _warning(folder: Path, seq: int, dossier: str) -> str:
    return (f"Avertissement{NB}: {folder / 'journal.jsonl'}:{seq}{NB}: l'entrée {seq} du "
            f"journal enregistre le vote «{NB}retenu{NB}» de {dossier} avec 0{NN}€{NB}: un "
            "dossier retenu sans argent n'est pas une subvention, et isgrid export ne la "
            "publie pas [vote-zero-grant]\n"
            f"  Indice{NB}: Annulez cette entrée (isgrid journal cancel APPEL {seq} --by … "
            f"--reason …), puis enregistrez ce que la délibération a décidé{NB}: «{NB}non "
            f"retenu{NB}» (isgrid decide APPEL {dossier} --stage vote --outcome non-retenu, "
            "les mots du porteur dans --motivation), ou le montant voté (--outcome retenu "
            "--amount …).\n")


def test_a_vote_of_0_in_an_older_journal_is_said_and_not_exported(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    _write_journal(folder, [
        {"stage": "vote", "dossier": "D1", "outcome": "retenu", "amount": 0},
        {"stage": "vote", "dossier": "D2", "outcome": "retenu", "amount": 15000}])
    code, out = _run("call", "check", str(folder))
    assert code == 0, out  # a warning: the journal is read as written
    assert _warning(folder, 1, "D1") in out
    assert out.count("[vote-zero-grant]") == 1  # D2's 15 000 € is a grant
    # the export: D2's grant only (it wrote D1 with montant 0.00), and says why
    rows, said = _exported(folder, tmp_path)
    assert rows == [("Structure D2", "15000.00")]
    assert "l'entrée 1 du journal enregistre le vote" in said and "[vote-zero-grant]" in said
    # what the hint says: entry 1 cancelled (entry 3), the deliberation's « non retenu »
    # recorded (entry 4): nothing said any more, the same one grant exported
    assert _run("journal", "cancel", str(folder), "1", "--by", "CP",
                "--reason", "montant de 0 € saisi par erreur")[0] == 0
    assert _run("decide", str(folder), "D1", "--stage", "vote", "--outcome", "non-retenu",
                "--by", "CP", "--reason", "délibération CP-2026-04-117")[0] == 0
    code, out = _run("call", "check", str(folder))
    assert code == 0 and "vote-zero-grant" not in out, out
    rows, said = _exported(folder, tmp_path)
    assert rows == [("Structure D2", "15000.00")] and "vote-zero-grant" not in said


def test_a_vote_without_amount_over_a_jury_s_0(tmp_path: Path) -> None:
    """A journal older still: the vote « retenu » recorded without an amount reads the one
    the dossier holds, the jury's 0 € (entry 1): the vote, entry 2, is the one named."""
    folder = seance_call(tmp_path)
    _write_journal(folder, [
        {"stage": "jury", "dossier": "D1", "outcome": "retenu", "amount": 0},
        {"stage": "vote", "dossier": "D1", "outcome": "retenu"},
        {"stage": "vote", "dossier": "D2", "outcome": "retenu"}])
    code, out = _run("call", "check", str(folder))
    assert code == 0 and _warning(folder, 2, "D1") in out, out
    assert out.count("[vote-zero-grant]") == 1
    # D2's vote grants what D2 holds: the rules' amount, its 15 000 € request
    assert _exported(folder, tmp_path)[0] == [("Structure D2", "15000.00")]


def test_a_jury_s_0_before_any_vote_is_no_grant_yet(tmp_path: Path) -> None:
    """Only a vote grants: a jury's 0 € (a proposal) is not said by this check, which scores
    the call only when a vote « retenu » may hold 0 € (isgrid.documents.zerogrant)."""
    folder = seance_call(tmp_path)
    _write_journal(folder, [{"stage": "jury", "dossier": "D1", "outcome": "retenu",
                             "amount": 0}])
    code, out = _run("call", "check", str(folder))
    assert code == 0 and "vote-zero-grant" not in out, out


def test_the_export_and_the_zero_grant_read_an_amount_to_the_cent_alike() -> None:
    # one rule (documents.zerogrant.montant): the export's montant, and what is « 0.00 »
    # for the warning and the export's refusal: half up on the amount as written
    from isgrid.documents.zerogrant import montant

    assert montant(12000) == "12000.00"
    assert montant(2.675) == "2.68"  # half up on 2.675 as written, where round() gives 2.67
    assert montant(0.005) == "0.01"  # a half cent is a cent: a grant
    assert montant(0.004) == "0.00"  # below: written 0.00, no grant
