"""``isgrid intake`` on a call whose séance decided: a refresh whose facts change what the
séance decided says so before writing, and writes nothing without ``--change-decided``
(isgrid.call.decided_changes; docs/intake.md, docs/fr/preparer-un-appel.md §3).

make_intake_call: budget 40 000 €, funding min(asked, 50 % of the eligible costs,
27 000 €), rank-order, a reserve of 1.  Ratings: DN-102 at 4 (total 100), DN-101 at 3,
DN-103 at 2.  DN-102's eligible costs are blank on the platform at first: its amount
cannot be computed, it is « à vérifier » and holds no place; the jury postpones it.
The proposal: DN-101 25 000 € (min(25 000, 35 000, 27 000)), then DN-103 12 000 €
(37 000 €); the vote retains both: the list is adopted.
The porteur then fills in 40 000 € of eligible costs: DN-102 asks 18 000 € (min(18 000,
20 000)) and ranks first: the proposal would now retain DN-102, then DN-101 (25 000 €)
no longer fits the 22 000 € left: DN-101 on the reserve, DN-103 not retained.  The votes
stand, but both become decisions against the proposal (« décidé ≠ proposé »).
"""

from __future__ import annotations

import copy
from pathlib import Path

from click.testing import CliRunner

from dnexport import DOSSIERS, export_sheets, make_intake_call, write_ratings, write_xlsx
from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.cli.main import cli
from isgrid.engine import score


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _export(path: Path, costs_102: str | None) -> Path:
    rows = copy.deepcopy(DOSSIERS)
    rows[1]["costs_text"] = costs_102
    return write_xlsx(path, export_sheets(rows))


def test_a_refresh_that_changes_what_the_seance_decided_writes_nothing_unless_asked(
        tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    first = _export(tmp_path / "first.xlsx", None)
    res = _run("intake", str(call), "--from", str(first))
    assert res.exit_code == 0, res.output
    write_ratings(call, {"DN-101": 3, "DN-102": 4, "DN-103": 2})
    append(call, kind="decision", dossier="DN-102", by="Jury", reason="budget à fournir",
           outcome="ajourné")
    for did in ("DN-101", "DN-103"):
        append(call, kind="decision", dossier=did, by="CP", reason="délibération",
               stage="vote", outcome="retenu")
    r = score(load_call(call))
    assert r.selection is not None and r.selection.decided.committed == 37000
    assert r.list_voted  # 25 000 + 12 000, both voted: the list is adopted
    before = (call / "dossiers" / "DN-102.yaml").read_bytes()
    later = _export(tmp_path / "later.xlsx", "40 000 €")

    res = _run("--lang", "en", "intake", str(call), "--from", str(later))
    assert res.exit_code == 1, res.output
    assert (call / "dossiers" / "DN-102.yaml").read_bytes() == before  # nothing written
    out = " ".join(res.output.split())
    assert ("the refresh changes what the meeting decided for DN-101: rank 2, total 75.00, "
            "selected (computed selected, decided by the vote) -> rank 2, total 75.00, "
            "selected (computed reserve, decided ≠ proposed, decided by the vote) "
            "[intake-changes-decided]") in out
    assert ("DN-103: rank 3, total 50.00, selected (computed selected, decided by the vote) "
            "-> rank 3, total 50.00, selected (computed not selected, decided ≠ proposed, "
            "decided by the vote)") in out
    assert ("DN-102: rank 1, total 100.00, postponed (computed to check, a proposal) -> "
            "rank 1, total 100.00, postponed (computed selected, decided ≠ proposed, "
            "a proposal)") in out
    assert "--change-decided" in out
    # three dossiers, one hint: said once, under the first, not under every dossier
    assert res.output.count("Hint: ") == 1
    assert out.count("Nothing is written without --change-decided") == 1

    res = _run("--lang", "fr", "intake", str(call), "--from", str(later), "--dry-run")
    assert res.exit_code == 0, res.output
    assert "Avertissement\u00a0:" in res.output and "[intake-changes-decided]" in res.output
    assert "le rafraîchissement change ce que la séance dit de DN-101\u00a0:" in res.output
    assert (call / "dossiers" / "DN-102.yaml").read_bytes() == before

    res = _run("--lang", "en", "intake", str(call), "--from", str(later), "--change-decided")
    assert res.exit_code == 0, res.output
    # written: the four warnings, and once what is left to do, no « use --change-decided »
    out = " ".join(res.output.split())
    assert out.count("[intake-changes-decided]") == 4  # and the adoption
    assert res.output.count("Hint: ") == 1
    assert ("Hint: Written with --change-decided: record the decisions the new facts call "
            "for (isgrid decide); the minutes and letters written before say otherwise."
            ) in out
    assert "Nothing is written without" not in out
    assert "eligible_costs: 40000" in (call / "dossiers" / "DN-102.yaml").read_text("utf-8")
    # said once: the next refresh changes nothing
    res = _run("--lang", "en", "intake", str(call), "--from", str(later))
    assert res.exit_code == 0 and "intake-changes-decided" not in res.output, res.output


def test_a_refresh_of_a_call_without_decisions_says_nothing_of_them(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    res = _run("intake", str(call), "--from", str(_export(tmp_path / "a.xlsx", None)))
    assert res.exit_code == 0, res.output
    write_ratings(call, {"DN-101": 3, "DN-102": 4, "DN-103": 2})
    res = _run("intake", str(call), "--from", str(_export(tmp_path / "b.xlsx", "40 000 €")))
    assert res.exit_code == 0 and "intake-changes-decided" not in res.output, res.output


def test_a_refresh_that_changes_the_amount_a_vote_granted_writes_nothing_unless_asked(
        tmp_path: Path) -> None:
    """Found by a review (an instructeur): the vote retained DN-101 and DN-103 without
    --amount (it grants the amount the dossier holds: 25 000 € and 12 000 €); the holder
    then lowers DN-101's request on the platform to 9 000 €.  The refresh wrote it without
    a word, and the deliberation's annex, the letters and the SCDL file said 9 000 €: the
    statuses did not move, only the amount the assembly voted."""
    call = make_intake_call(tmp_path / "call")
    assert _run("intake", str(call), "--from",
                str(_export(tmp_path / "first.xlsx", None))).exit_code == 0
    write_ratings(call, {"DN-101": 3, "DN-102": 4, "DN-103": 2})
    append(call, kind="decision", dossier="DN-102", by="Jury", reason="budget à fournir",
           outcome="ajourné")
    for did in ("DN-101", "DN-103"):
        append(call, kind="decision", dossier=did, by="CP", reason="délibération",
               stage="vote", outcome="retenu")
    r = score(load_call(call))
    assert r.dossier("DN-101").amounts.granted == 25000  # min(25 000, 35 000, 27 000)
    rows = copy.deepcopy(DOSSIERS)
    rows[1]["costs_text"] = None
    rows[0]["amount_text"] = "9 000 €"
    lower = write_xlsx(tmp_path / "lower.xlsx", export_sheets(rows))
    before = (call / "dossiers" / "DN-101.yaml").read_bytes()
    res = _run("--lang", "en", "intake", str(call), "--from", str(lower))
    assert res.exit_code == 1, res.output
    out = " ".join(res.output.split())
    assert ("the refresh changes the amount the meeting decided for DN-101: €25,000 -> "
            "€9,000 [intake-changes-decided]") in out
    assert "DN-103" not in out  # its amount is the same
    assert (call / "dossiers" / "DN-101.yaml").read_bytes() == before
    assert "--change-decided writes the new facts anyway" in out
    res = _run("--lang", "fr", "intake", str(call), "--from", str(lower), "--change-decided")
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())
    assert ("Un vote enregistré sans --amount attribue le montant que le dossier porte : "
            "son annexe, ses courriers et le fichier SCDL disent maintenant le nouveau.") in out
    assert "quand même" not in out and out.count("Indice : ") == 1, out  # (spaces joined)
    assert score(load_call(call)).dossier("DN-101").amounts.granted == 9000
