"""``decide --amount``: a slip of the keyboard is said before the decision is recorded
(alsace-2016: funding.minimum 5 000 €; AL16-02 asked 24 000 €), and the amount is shown to
the cent where it has cents (« 12,50 € » read « 12 € », the money committed « 42 012 € »)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

NN = "\u202f"
NB = "\u00a0"


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    return folder


def _decide(folder: Path, dossier: str, amount: str, *extra: str) -> tuple[int, str]:
    run = CliRunner().invoke(cli, [*extra, "--lang", "fr", "decide", str(folder), dossier,
                                   "--stage", "vote", "--outcome", "retenu", "--amount", amount,
                                   "--by", "CP", "--reason", "délibération"])
    return run.exit_code, run.output


def test_below_the_minimum_and_above_the_request(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    code, out = _decide(folder, "AL16-01", "12,5")
    assert code == 0
    assert (f"--amount 12,50{NN}€ est inférieur au minimum d'aide de l'appel "
            f"(5{NN}000{NN}€) [amount-unusual]") in out
    code, out = _decide(folder, "AL16-02", "240 000")
    assert code == 0
    assert (f"--amount 240{NN}000{NN}€ dépasse le montant demandé par le dossier "
            f"(24{NN}000{NN}€) [amount-unusual]") in out
    # recorded as voted, and shown to the cent: 12,50 + 240 000 committed
    table = CliRunner().invoke(cli, ["--lang", "fr", "score", str(folder)]).stdout
    assert f"12,50{NN}€" in table and f"engagé 240{NN}012,50{NN}€" in table
    # an ordinary amount says nothing
    code, out = _decide(folder, "AL16-05", "20 000")
    assert code == 0 and "amount-unusual" not in out


def test_strict_stops_before_recording(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    # without the example's own warning (j2's ratings of AL16-01, a déport)
    j2 = folder / "ratings" / "j2.csv"
    lines = j2.read_text(encoding="utf-8").splitlines(keepends=True)
    j2.write_text("".join(x for x in lines if not x.startswith("AL16-01,")), encoding="utf-8")
    assert CliRunner().invoke(cli, ["--strict", "call", "check", str(folder)]).exit_code == 0
    code, out = _decide(folder, "AL16-01", "12,5", "--strict")
    assert code == 1 and "amount-unusual" in out
    assert not (folder / "journal.jsonl").exists()


def test_a_refusal_with_an_amount_is_no_slip(tmp_path: Path) -> None:
    """« non-retenu --amount 0 » warned « below the call's minimum grant »."""
    folder = _call(tmp_path)
    run = CliRunner().invoke(cli, ["decide", str(folder), "AL16-08", "--stage", "vote",
                                   "--outcome", "non-retenu", "--amount", "0", "--by", "CP",
                                   "--reason", "r"])
    assert run.exit_code == 0 and "amount-unusual" not in run.output



def test_an_option_s_error_points_at_no_file(tmp_path: Path) -> None:
    """A value typed on the command line is at fault, not the journal: the errors and
    warnings about ``--amount``, ``--votes``, ``--at``, ``--motivation`` and the consensus's
    criterion and value name no file (they read « …/journal.jsonl: », and the secretariat
    went looking for a broken journal that was not even written)."""
    folder = _call(tmp_path)
    runs = [
        ["decide", str(folder), "AL16-02", "--stage", "vote", "--outcome", "retenu",
         "--amount", "12.000", "--by", "CP", "--reason", "r"],
        ["decide", str(folder), "AL16-02", "--stage", "vote", "--outcome", "retenu",
         "--votes", "sept", "--by", "CP", "--reason", "r"],
        ["decide", str(folder), "AL16-02", "--stage", "vote", "--outcome", "retenu",
         "--at", "2016-13-45", "--by", "CP", "--reason", "r"],
        ["decide", str(folder), "AL16-02", "--stage", "vote", "--outcome", "retenu",
         "--motivation", "  ", "--by", "CP", "--reason", "r"],
        ["consensus", "set", str(folder), "AL16-02", "AL-3", "3", "--by", "s", "--reason", "r"],
        ["consensus", "set", str(folder), "AL16-02", "ALS-3", "99", "--by", "s", "--reason", "r"],
    ]
    starts = [f"Erreur{NB}: --amount «\xa012.000\xa0» est ambigu",
              f"Erreur{NB}: --votes «\xa0sept\xa0» ",
              f"Erreur{NB}: --at «\xa02016-13-45\xa0» ",
              f"Erreur{NB}: --motivation ",
              f"Erreur{NB}: la grille n'a pas de critère «\xa0AL-3\xa0»",
              f"Erreur{NB}: valeur de consensus{NB}: "]
    for args, start in zip(runs, starts, strict=True):
        run = CliRunner().invoke(cli, ["--lang", "fr", *args])
        errors = [x for x in run.output.splitlines() if x.startswith("Erreur")]
        assert run.exit_code == 1 and len(errors) == 1, run.output
        assert errors[0].startswith(start), errors[0]
        assert "journal.jsonl" not in run.output
    assert not (folder / "journal.jsonl").exists()
    # the warning about an unusual amount, before it is recorded
    code, out = _decide(folder, "AL16-02", "240 000")
    assert code == 0
    warning = next(x for x in out.splitlines() if "amount-unusual" in x)
    assert warning.startswith(f"Avertissement{NB}: --amount 240{NN}000{NN}€ dépasse"), warning
