"""A vote « retenu » of 0 € is refused when it is recorded (review data21, item 1): it was
a warning only (« below the call's minimum grant »), and `isgrid export` then published a
grant of 0.00 in the SCDL Subventions file, with the letter and the CP annex saying
« attribué 0 € ».  No grant was meant: the refusal says to record « non retenu »."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.call.journal_append import append
from isgrid.cli import cli

NB = "\u00a0"
NN = "\u202f"
HINT = (f"  Indice{NB}: Si la délibération ne finance pas le projet, enregistrez «{NB}non "
        f"retenu{NB}» (--outcome), la raison dans --reason et les mots du porteur dans "
        f"--motivation{NN}; sinon, donnez le montant voté avec --amount.")


def _decide(folder: Path, *args: str) -> tuple[int, str]:
    run = CliRunner().invoke(cli, ["--lang", "fr", "decide", str(folder), *args,
                                   "--by", "CP", "--reason", "délibération CP-2026-04-117"])
    return run.exit_code, run.output


def _exported(folder: Path, tmp_path: Path) -> list[tuple[str, str]]:
    out = tmp_path / "subventions.csv"
    run = CliRunner().invoke(cli, ["export", str(folder), "--format", "scdl-subventions",
                                   "-o", str(out), "--force"])
    assert run.exit_code == 0, run.output
    with out.open(encoding="utf-8", newline="") as f:
        return [(r["nomBeneficiaire"], r["montant"]) for r in csv.DictReader(f)]


def test_a_vote_of_0_is_refused_and_nothing_is_recorded(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    for amount in ("0", "0,00", "0 €"):
        code, out = _decide(folder, "D1", "--stage", "vote", "--outcome", "retenu",
                            "--amount", amount)
        assert code == 1
        assert (f"Erreur{NB}: --amount 0{NN}€{NB}: un dossier retenu sans argent n'est pas une "
                "subvention, mais l'annexe de la CP, le courrier et les données ouvertes en "
                f"publieraient une de 0{NN}€ [bad-amount]") in out
        assert HINT in out
        assert not (folder / "journal.jsonl").exists()
    # the jury's proposal of 0 € neither: the vote would take it over
    code, out = _decide(folder, "D1", "--outcome", "retenu", "--amount", "0")
    assert code == 1 and "[bad-amount]" in out and not (folder / "journal.jsonl").exists()
    # what the hint says to record is recorded, and no grant is exported for D1;
    # D2, voted 15 000 €, is: one row, 15000.00
    assert _decide(folder, "D1", "--stage", "vote", "--outcome", "non-retenu")[0] == 0
    assert _decide(folder, "D2", "--stage", "vote", "--outcome", "retenu",
                   "--amount", "15 000")[0] == 0
    assert _exported(folder, tmp_path) == [("Structure D2", "15000.00")]


def test_a_vote_taking_over_a_jury_s_0_is_refused(tmp_path: Path) -> None:
    """A journal written before (the jury's « retenu --amount 0 » was a warning): the vote
    without --amount would seal the 0 € the dossier holds."""
    folder = seance_call(tmp_path)
    append(folder, kind="decision", stage="jury", dossier="D1", outcome="retenu", amount=0,
           by="Jury", reason="proposition")
    before = (folder / "journal.jsonl").read_bytes()
    code, out = _decide(folder, "D1", "--stage", "vote", "--outcome", "retenu")
    assert code == 1
    assert (f"Erreur{NB}: le vote «{NB}retenu{NB}» sur D1 attribuerait 0{NN}€, le montant que "
            "porte le dossier (celui du jury, sinon celui des règles)"
            f"{NB}: ce n'est pas une subvention, mais l'annexe de la CP, le courrier et les "
            "données ouvertes en publieraient une [bad-amount]") in out
    assert HINT in out
    assert (folder / "journal.jsonl").read_bytes() == before
    # the amount voted given: recorded, exported as voted (20 000 €, D1's request)
    assert _decide(folder, "D1", "--stage", "vote", "--outcome", "retenu",
                   "--amount", "20 000")[0] == 0
    assert _exported(folder, tmp_path) == [("Structure D1", "20000.00")]


def test_the_library_refuses_it_too(tmp_path: Path) -> None:
    """isgrid.decide, the one place a decision is written (the command line calls it)."""
    import pytest

    import isgrid
    from isgrid.errors import CallError

    folder = seance_call(tmp_path)
    with pytest.raises(CallError) as info:
        isgrid.decide(isgrid.load_call(folder), "D1", outcome="retenu", amount=0,
                      stage="vote", by="CP", reason="r")
    [diag] = info.value.diagnostics
    assert diag.code == "bad-amount"
    assert str(diag.message) == ("amount €0: a dossier selected with no money is not a grant, "
                                 "but the CP annex, the letter and the open data would "
                                 "publish a grant of €0")
