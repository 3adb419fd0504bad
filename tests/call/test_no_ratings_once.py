"""Dossiers without ratings (``no-ratings``) are said one by one while they are few, in one
warning beyond ``UNRATED_APART`` (10): right after ``isgrid assign``, ``call check`` and
``score`` printed one line per dossier, 300 lines before anything useful (a secretariat's
review, séance s9).  The one warning says how many, the first five ids and that it is
normal before the jurors return their workbooks."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from callfactory import make_call
from gridtexts import ONE_CRITERION
from isgrid.call.load import load_call
from isgrid.call.missing import UNRATED_APART
from isgrid.cli import cli

NB = "\u00a0"


def _call(tmp_path: Path, unrated: int) -> Path:
    """d00 rated, then ``unrated`` dossiers d01, d02… without any rating."""
    dossiers = [{"id": f"d{i:02d}", "title": f"Dossier {i}"} for i in range(unrated + 1)]
    return make_call(tmp_path, ONE_CRITERION, None, dossiers, [("d00", "a1", "C", 3)])


def _no_ratings(folder: Path) -> list:  # type: ignore[type-arg]
    return [d for d in load_call(folder).warnings if d.code == "no-ratings"]


def test_ten_are_said_one_by_one(tmp_path: Path) -> None:
    assert UNRATED_APART == 10
    said = _no_ratings(_call(tmp_path, 10))
    assert [d.message.translated("en") for d in said] == [
        f"the dossier 'd{i:02d}' has no ratings yet" for i in range(1, 11)]
    assert said[0].message.translated("fr") == "le dossier «\xa0d01\xa0» n'a pas encore de notes"


def test_eleven_are_said_at_once(tmp_path: Path) -> None:
    [said] = _no_ratings(_call(tmp_path, 11))
    assert said.severity == "warning"
    assert said.message.translated("en") == (
        "11 dossiers have no ratings yet: d01, d02, d03, d04, d05 and 6 more")
    assert said.message.translated("fr") == (
        f"11 dossiers n'ont pas encore de notes{NB}: d01, d02, d03, d04, d05 et 6 autres")
    assert said.location.file is not None and said.location.file.endswith("d01.yaml")
    fr = said.format("fr").splitlines()[1]
    assert fr == (f"  Indice{NB}: Normal avant que les jurés ne rendent leurs classeurs{NB}: "
                  "importez chacun à son retour (isgrid sheets import), puis vérifiez à "
                  "nouveau (isgrid call check).")
    assert said.format("en").splitlines()[1] == (
        "  Hint: Normal before the jurors return their workbooks: import each one as it "
        "comes back (isgrid sheets import), then check again (isgrid call check).")


def test_three_hundred_after_assign_make_one_line(tmp_path: Path) -> None:
    folder = _call(tmp_path, 300)
    for command in ("call", "check"), ("score",):
        run = CliRunner().invoke(cli, ["--lang", "fr", *command, str(folder)])
        assert run.exit_code == 0, run.output
        assert run.stderr.count("[no-ratings]") == 1, run.stderr
        assert f"300 dossiers n'ont pas encore de notes{NB}: d01, d02, d03, d04, d05 et " \
            "295 autres" in run.stderr
