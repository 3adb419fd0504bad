"""An unreadable value of the export is said in the session's language, with its dossier's
number and, for an amount, why (« ambigu : milliers ou décimales ? »).

Found by a review (an instructeur, French session): « '12.500' n'est pas an amount or a
number (25 000 € or 25000,50) » — half in English, without the dossier's number nor why
a French « 12.500 » is refused."""

from __future__ import annotations

import copy
from pathlib import Path

from click.testing import CliRunner

from dnexport import DOSSIERS, export_sheets, make_intake_call, write_xlsx
from isgrid.cli.main import cli

NB, NN = "\u00a0", "\u202f"


def test_the_errors_are_french_and_name_the_dossier(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    bad = copy.deepcopy(DOSSIERS)
    bad[0]["amount_text"] = "12.500"
    bad[1]["costs_text"] = "douze mille"
    bad[2]["depot"] = "31/02/2026"
    export = write_xlsx(tmp_path / "bad.xlsx", export_sheets(bad))
    res = CliRunner().invoke(cli, ["--lang", "fr", "intake", str(call), "--from", str(export),
                                   "--dry-run"])
    assert res.exit_code == 1, res.output
    out = res.output
    assert (f"dossier 101{NB}: Montant sollicité (€){NB}: «\xa012.500\xa0» est ambigu{NB}: milliers "
            f"ou décimales{NN}? [intake-value]") in out, out
    # what to write: 12500 for twelve thousand five hundred, 12,50 for the decimals
    assert "12500" in out and "12,50" in out
    assert f"dossier 102{NB}: Dépenses éligibles (HT){NB}: «{NB}douze mille{NB}» n'est pas un montant" \
        in out
    assert (f"dossier 103{NB}: Déposé le{NB}: «{NB}31/02/2026{NB}» n'est pas une date (14/03/2016 ou "
            "2016-03-14)") in out
    assert " an amount" not in out and " a date" not in out
    assert not (call / "dossiers").exists()
