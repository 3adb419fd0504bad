"""Small words of the command line: ``--at`` shown as a date (« AAAA-MM-JJ », as the other
commands show theirs, never « TEXTE »); the ``score`` table's brackets for an amount no
list of the selection holds (the à-vérifier dossier's, shown bare as if proposed while the
legend said brackets mean « non proposé »)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES


def test_at_is_shown_as_a_date_in_every_command_that_takes_it() -> None:
    for command in (["withdraw"], ["decide"], ["consensus", "set"]):
        fr = CliRunner().invoke(cli, ["--lang", "fr", *command, "--help"])
        assert fr.exit_code == 0, fr.output
        assert "  --at AAAA-MM-JJ " in fr.output, fr.output
        en = CliRunner().invoke(cli, ["--lang", "en", *command, "--help"]).output
        assert "  --at YYYY-MM-DD " in en, en


def test_a_dossier_to_check_has_its_amount_in_brackets(tmp_path: Path) -> None:
    """alsace-2016's AL16-05 given its eligible costs (40 000 €) but left to check on
    ALS-E3 (i1's rating taken out): proposed 50 % of 40 000 = 20 000 € (under the cap of
    27 000 and its request of 20 000), in brackets: no list of the selection holds it."""
    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    dossier = folder / "dossiers" / "AL16-05.yaml"
    dossier.write_text(dossier.read_text(encoding="utf-8") + "eligible_costs: 40000\n",
                       encoding="utf-8")
    ratings = folder / "ratings" / "i1.csv"
    ratings.write_text("".join(x for x in ratings.read_text(encoding="utf-8")
                               .splitlines(keepends=True)
                               if not x.startswith("AL16-05,i1,ALS-E3,")), encoding="utf-8")
    res = CliRunner().invoke(cli, ["--lang", "fr", "score", str(folder)])
    assert res.exit_code == 0, res.output
    [line] = [x for x in res.stdout.splitlines() if " AL16-05 " in x]
    assert "à vérifier    (20\u202f000\u202f€)  " in line, line
    assert ("entre parenthèses\u00a0: demandé\n(dossier non proposé), ou proposé sous "
            "réserve (dossier à vérifier).") in res.stdout
