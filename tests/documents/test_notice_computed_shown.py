"""The notice above a document's statuses says « the computed outcome is shown beside
them » only where it is: the internal committee report shows « (calculé : réserve) » beside a
decision; the public report and the letters show no computed outcome (found by a reviewer
playing a département's grants officer: « Le résultat calculé reste affiché à côté » in
the public report, which shows none)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.cli import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"
SAID = {"fr": "résultat calculé reste affiché à côté", "en": "computed outcome is shown beside"}


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text("utf-8"))
                  .replace("\u202f", " ").replace("\u00a0", " "))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_computed_outcome_is_announced_only_where_it_is_shown(tmp_path: Path,
                                                                   lang: str) -> None:
    folder = tmp_path / "a"
    shutil.copytree(EXAMPLE, folder)
    run = CliRunner()
    res = run.invoke(cli, ["decide", str(folder), "AL16-03", "--stage", "vote", "--outcome",
                           "retenu", "--by", "CP", "--reason", "vote"])
    assert res.exit_code == 0, res.output
    out = {}
    for level in ("interne", "public"):
        out[level] = tmp_path / f"{level}.html"
        res = run.invoke(cli, ["--lang", lang, "report", str(folder), "--kind", "committee",
                               "--level", level, "-o", str(out[level])])
        assert res.exit_code == 0, res.output
    internal, public = _text(out["interne"]), _text(out["public"])
    computed = "calculé" if lang == "fr" else "computed"
    # the internal report shows AL16-03's computed outcome beside the vote, and says so
    assert SAID[lang] in internal
    assert re.search(rf"\({computed} ?: [^)]+\)", internal)
    # the public one shows none, and no longer says it does
    assert SAID[lang] not in public
    assert not re.search(rf"\({computed} ?: [^)]+\)", public)
