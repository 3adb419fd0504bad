"""``letter-personal-data`` (review rev-dpo, finding 6): an applicant's letter that would
quote a shared comment writing a juror's name, or another applicant's contact, is said
before the letters are written, naming the letter and the comment (its file and line); the
names and contacts are the purge's own (:mod:`isgrid.call.purge_people`)."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli.main import cli
from purgecalls import kept_contact

WENDLING = "Bien, voir avec M. Wendling ; contact direction@recyclerie-sundgau.example"


def _call(tmp_path: Path) -> Path:
    call = kept_contact(tmp_path, "AL16-01", "email", "direction@recyclerie-sundgau.example")
    path = call / "ratings" / "j1.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[9][:3] == ["AL16-02", "j1", "ALS-2"]  # line 10 of the file
    assert rows[2][:3] == ["AL16-01", "j1", "ALS-2"]  # line 3
    rows[0].append("shareable")
    for row in rows[1:]:
        row.append("")
    rows[9][4:6] = [WENDLING, "oui"]  # in AL16-02's letter: a juror, AL16-01's address
    rows[2][4:6] = ["Écrire à direction@recyclerie-sundgau.example", "oui"]  # its own
    rows[3][4:6] = ["Marc Wendling en parlera", ""]  # not shared: never quoted
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return call


def test_a_letter_quoting_a_juror_or_another_applicants_contact_is_said(
        tmp_path: Path) -> None:
    call = _call(tmp_path)
    res = CliRunner().invoke(cli, ["report", str(call), "--kind", "feedback", "--format",
                                   "md", "-o", str(tmp_path / "lettres")])
    assert res.exit_code == 0, res.output
    said = [x for x in res.output.splitlines() if "[letter-personal-data]" in x]
    where = f"Warning: {call / 'ratings' / 'j1.csv'}:10: the letter to AL16-02"
    # « M. Wendling » is Marc Wendling (j2) by the purge's rule (one Wendling); the address
    # is AL16-01's: said for AL16-02's letter, not for AL16-01's own (line 3)
    assert said == [
        f"{where} would quote this shared comment, which writes 'M. Wendling', a name of the "
        "jury or of the séance [letter-personal-data]",
        f"{where} would quote this shared comment, which writes "
        "'direction@recyclerie-sundgau.example', a contact of the applicant of AL16-01 "
        "[letter-personal-data]"]
    assert "M. Wendling" in (tmp_path / "lettres" / "AL16-02.md").read_text("utf-8")


def test_only_the_letters_asked_for_are_looked_at(tmp_path: Path) -> None:
    call = _call(tmp_path)
    res = CliRunner().invoke(cli, ["--strict", "report", str(call), "--kind", "feedback",
                                   "--format", "md", "--dossier", "AL16-01", "-o",
                                   str(tmp_path / "lettres")])
    assert "[letter-personal-data]" not in res.output
