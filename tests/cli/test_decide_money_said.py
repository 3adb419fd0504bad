"""``decide --amount`` answers with the amount recorded, beside what was proposed, and the
envelope after it, read in the result (review chair F5: a typo and its correction got the
same answer).  alsace-2016: budget 52 000 €; AL16-01 proposed 27 000 € (the call's ceiling,
it asked 32 000 €), AL16-02 proposed 24 000 €: 51 000 € committed, 1 000 € left."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    return folder


def _decide(folder: Path, dossier: str, *args: str, lang: str = "fr") -> str:
    run = CliRunner().invoke(cli, ["--lang", lang, "decide", str(folder), dossier,
                                   "--outcome", "retenu", *args, "--by", "Jury",
                                   "--reason", "séance"])
    assert run.exit_code == 0, run.output
    return run.stdout.replace("\u202f", " ").replace("\xa0", " ")


def test_a_lowered_amount_a_typo_and_its_correction(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    out = _decide(folder, "AL16-01", "--amount", "20 000")
    # 20 000 + 24 000 = 44 000 committed; 52 000 - 44 000 = 8 000 left
    assert ("Montant 20 000 € (proposé 27 000 €) ; engagé 44 000 € sur 52 000 €, "
            "reste 8 000 €.") in out
    # the vote: the jury's 20 000 € was the proposal; a typo (1 500), then its correction
    typo = _decide(folder, "AL16-01", "--stage", "vote", "--amount", "1500")
    # 1 500 + 24 000 = 25 500; 52 000 - 25 500 = 26 500
    assert ("Montant 1 500 € (proposé 20 000 €) ; engagé 25 500 € sur 52 000 €, "
            "reste 26 500 €.") in typo
    fixed = _decide(folder, "AL16-01", "--stage", "vote", "--amount", "20000")
    assert "engagé 44 000 € sur 52 000 €, reste 8 000 €." in fixed
    assert typo != fixed


def test_the_amount_proposed_over_the_envelope_and_english(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    out = _decide(folder, "AL16-01", "--amount", "27000", lang="en")
    # 27 000 + 24 000 = 51 000; 1 000 left
    assert "Amount €27,000 (the amount proposed); committed €51,000 of €52,000, €1,000 left." \
        in out
    # AL16-08 (under the threshold, not proposed) asked 25 000 € (its file): what it asked;
    # 51 000 + 18 000 = 69 000, over by 17 000
    over = _decide(folder, "AL16-08", "--amount", "18000", "--motivation", "vu en séance")
    assert "Montant 18 000 € (demandé 25 000 €) ; engagé 69 000 € sur 52 000 €." in over
    assert "L'enveloppe est dépassée de 17 000 €." in over


def test_without_an_amount_nothing_more(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    out = _decide(folder, "AL16-01")
    assert "Montant" not in out and "engagé" not in out
