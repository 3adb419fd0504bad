"""A « non retenu » recorded at the jury stage for a dossier « à vérifier » is warned
(decision-unverified) before it is recorded: the deliberation cannot decide what nobody
could verify, the missing piece is to be asked for (CRPA L114-5), and the list's adoption
would make it a final refusal whose only reason is that piece (review recours, finding 11:
the guide's own example did it, silently).

The example alsace-2016: AL16-05 gives no eligible_costs (« à vérifier », ranked 3rd);
AL16-08 is under the threshold (« non classé »).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from isgrid.cli import cli
from testpaths import EXAMPLES


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    (folder / "journal.jsonl").unlink(missing_ok=True)
    return folder


def _decide(folder: Path, dossier: str, outcome: str, *more: str, lang: str = "en",
            strict: bool = False) -> Result:
    return CliRunner().invoke(cli, ["--lang", lang, *(["--strict"] if strict else []),
                                    "decide", str(folder), dossier, "--outcome", outcome,
                                    *more, "--by", "Jury", "--reason", "pièces non fournies"])


def _lines(folder: Path) -> int:
    path = folder / "journal.jsonl"
    return len(path.read_bytes().splitlines()) if path.exists() else 0


def test_a_jury_refusal_of_a_dossier_still_to_check(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    res = _decide(folder, "AL16-05", "non-retenu", strict=True)
    assert res.exit_code != 0 and "[decision-unverified]" in res.output, res.output
    assert _lines(folder) == 0  # --strict: nothing recorded
    res = _decide(folder, "AL16-05", "non-retenu")
    assert res.exit_code == 0, res.output
    assert ("Warning: AL16-05 is still to check (Dépenses éligibles (prestations externes, "
            "HT)): a \"not selected\" at the jury stage refuses it for what nobody could "
            "verify, and once the list is adopted its letter reads as the deliberation's "
            "refusal [decision-unverified]") in res.output
    assert "(--outcome ajourné)" in res.output and "(--stage vote)" in res.output
    assert _lines(folder) == 1  # a warning: recorded
    fr = _decide(folder, "AL16-05", "non-retenu", "--motivation", "Pièce demandée le 2 mars, "
                 "jamais reçue.", lang="fr")
    assert ("AL16-05 est encore à vérifier (Dépenses éligibles (prestations externes, HT)) : "
            "un « non retenu » à l'étape jury le refuse pour ce que personne n'a pu vérifier"
            ) in fr.output.replace("\u00a0", " ").replace("\u202f", " ")


def test_what_is_not_warned(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    for dossier, outcome, more in (("AL16-05", "ajourné", ()),  # the guide's way
                                   ("AL16-05", "non-retenu", ("--stage", "vote")),
                                   ("AL16-08", "non-retenu", ()),  # non classé: verified
                                   ("AL16-05", "non-retenu", ("--stage", "recevabilité"))):
        res = _decide(folder, dossier, outcome, *more)
        assert res.exit_code == 0, res.output
        assert "decision-unverified" not in res.output, (dossier, outcome, more, res.output)
