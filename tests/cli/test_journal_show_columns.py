"""``isgrid journal show`` lines its columns up: each as wide as its widest cell.  A vote
recorded with its deliberation (« retenu (CP-2016-06-02) », 22 characters) overflowed the
value column (18) and pushed its author right of the others (review audit, finding 12)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from clirun import run
from isgrid.cli import cli
from testpaths import EXAMPLES


def test_the_author_starts_at_one_column(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    run("decide", folder, "AL16-05", "--outcome", "non-retenu", "--by", "Jury", "--reason",
        "pièces non fournies")
    run("decide", folder, "AL16-07", "--stage", "vote", "--outcome", "retenu", "--reference",
        "CP-2016-06-02", "--at", "2016-06-02", "--by", "Commission permanente", "--reason",
        "délibération CP-2016-06-02")
    res = CliRunner().invoke(cli, ["--lang", "fr", "journal", "show", str(folder)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 2
    at = lines[1].index("Commission permanente")
    # the vote's cell holds the amount it granted too, since votes record it (15 000 €:
    # 50 % of AL16-07's eligible costs), « retenu 15 000 € (CP-2016-06-02) », 31
    # characters, then one space: both authors start there
    cell = "retenu 15\u202f000\u202f€ (CP-2016-06-02) "
    assert lines[0].index("Jury") == at
    assert lines[1][at - len(cell):at] == cell
    assert lines[0][at - len(cell):at] == "non retenu" + " " * (len(cell) - 10)
