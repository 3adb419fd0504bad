"""The séance's commands answer first (review chair F13): a recused juror's ratings, left
out (``conflicted-rating``, « Rien à faire »), are said by ``call check`` and ``score``,
not before every ``decide``, ``consensus set``, ``withdraw``, ``decisions`` and ``minutes``
answer (alsace-2016: j2 recused from AL16-01 rated it, ratings/j2.csv line 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

SAID = "[conflicted-rating]"


def _call(tmp_path: Path) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    return folder


def _run(*args: object, strict: bool = False) -> tuple[str, str]:
    run = CliRunner().invoke(cli, [*(["--strict"] if strict else []), "--lang", "fr",
                                   *map(str, args)])
    assert run.exit_code == 0, run.output
    return run.stdout, run.stderr


def test_check_and_score_say_it(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    assert SAID in _run("call", "check", folder)[1]
    assert SAID in _run("score", folder)[1]


def test_the_seance_commands_do_not(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    out, err = _run("decide", folder, "AL16-05", "--outcome", "non-retenu", "--by", "Jury",
                    "--reason", "pièces non fournies")
    assert SAID not in err
    assert out.startswith("AL16-05 à l'étape jury")
    for args in (("consensus", "set", folder, "AL16-07", "ALS-4", "2", "--by", "P",
                  "--reason", "séance"),
                 ("withdraw", folder, "AL16-02", "--by", "S", "--reason", "courrier"),
                 ("decisions", folder),
                 ("minutes", folder, "-o", tmp_path / "pv.html")):
        assert SAID not in _run(*args)[1], args
    # nor does --strict stop a decision on it (there is nothing to do)
    out, err = _run("decide", folder, "AL16-01", "--outcome", "retenu", "--by", "Jury",
                    "--reason", "séance", strict=True)
    assert out.startswith("AL16-01 à l'étape jury") and SAID not in err
