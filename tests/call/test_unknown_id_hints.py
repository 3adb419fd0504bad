"""A rating naming a dossier or a juré the call does not have says which one was meant, as
an unknown criterion does (a new user's walk-through, session 26: « e01 » for E01 and an
undeclared « j4 » got only « check the dossier id » and « declare the assessor »)."""

from __future__ import annotations

import shutil
from pathlib import Path

from isgrid.call.load import load_call
from isgrid.errors import CallError
from isgrid.messages import SPELLED, close_match
from testpaths import EXAMPLES


def _errors(tmp_path: Path, lines: dict[int, tuple[str, str]]) -> list[tuple[str, str, str]]:
    """alsace-2016 with j1.csv's line N's dossier and juré replaced: each error's code,
    column and hint (English)."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    path = folder / "ratings" / "j1.csv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for n, (dossier, juror) in lines.items():
        rest = rows[n - 1].split(",", 2)[2]
        rows[n - 1] = f"{dossier},{juror},{rest}"
    path.write_text("".join(rows), encoding="utf-8")
    try:
        load_call(folder)
    except CallError as e:
        return [(d.code, f"{d.location.line}:{d.location.column}", str(d.effective_hint))
                for d in e.diagnostics if d.severity == "error"]
    raise AssertionError("the call loaded")


def test_the_dossier_and_the_juror_meant_are_named(tmp_path: Path) -> None:
    found = _errors(tmp_path, {2: ("al16-01", "j1"), 3: ("AL16-1", "j1"), 4: ("AL16-01", "j4"),
                               5: ("ZZ-99", "j1")})
    assert found == [
        ("unknown-dossier", "2:1", "Did you mean 'AL16-01'?"),  # but for case
        ("unknown-dossier", "3:1", "Did you mean 'AL16-01'?"),  # but for a zero
        # j1, j2 and j3 are as near j4: none is guessed, the declared ones are listed
        ("unknown-assessor", "4:2", "call.yaml declares i1, j1, j2, j3: use one of them, or "
                                    "declare j4 under `assessors:`."),
        # nothing near: the code's own hint
        ("unknown-dossier", "5:1", "Check the dossier id against the call's dossiers "
                                   "(dossiers/, dossiers.csv or dossiers.xlsx)."),
    ], found


def test_many_ids_are_matched_by_case_and_zeros_only() -> None:
    many = [f"D{i:05d}" for i in range(SPELLED + 1)]
    assert close_match("d00042", many) == "D00042"  # case, whatever the number of ids
    assert close_match("D42", many) == "D00042"  # zeros
    assert close_match("E00042", many[:100]) == "D00042"  # spelling, among a few
    assert close_match("E00042", many) is None  # not among 5,001: difflib reads them all


def test_a_ratings_header_written_in_french_says_the_english_names(tmp_path: Path) -> None:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    path = folder / "ratings" / "j1.csv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("dossier,Juré,critère,note,commentaire\n" + "".join(rows[1:]),
                    encoding="utf-8")
    try:
        load_call(folder)
    except CallError as e:
        found = [(d.code, str(d.effective_hint)) for d in e.diagnostics
                 if d.code == "csv-missing-column"]
    assert found == [("csv-missing-column", "The columns keep their English names, whatever "
                      "the call's language: dossier,assessor,criterion,value,comment (juré → "
                      "assessor, critère → criterion, note → value, commentaire → comment).")]
    # an English header missing a column: the code's own hint, the expected header
    path.write_text("dossier,assessor,value\n", encoding="utf-8")
    try:
        load_call(folder)
    except CallError as e:
        hints = [str(d.effective_hint) for d in e.diagnostics if d.code == "csv-missing-column"]
    assert hints and hints[0].startswith("A ratings file's header: dossier,assessor,criterion")


def test_the_folder_that_holds_the_calls_names_them(tmp_path: Path, monkeypatch: object
                                                    ) -> None:
    """« isgrid score . » in the folder that holds the calls (a new user's walk-through):
    the calls below are named, as a command run inside a call names the call above."""
    from click.testing import CliRunner

    from isgrid.cli import cli

    for name in ("appel-2028", "appel-2027"):
        shutil.copytree(EXAMPLES / "alsace-2016", tmp_path / name)
    (tmp_path / "notes").mkdir()  # a folder that is no call: not named
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    res = CliRunner().invoke(cli, ["--lang", "en", "score", "."])
    assert res.exit_code == 2, res.output  # a folder given that is no call: a usage error
    assert "`.` has no call.yaml: it holds call folders [file-not-found]" in res.output
    assert "Hint: Give one of them: `appel-2027`, `appel-2028`." in res.output
    fr = CliRunner().invoke(cli, ["--lang", "fr", "score", str(tmp_path)])
    assert f"Indice\u00a0: Donnez l'un d'eux\u00a0: `{tmp_path / 'appel-2027'}`, " in fr.output
    # an empty folder: how to make a call, as before
    (tmp_path / "vide").mkdir()
    res = CliRunner().invoke(cli, ["--lang", "en", "score", "vide"])
    assert "the call folder has no call.yaml" in res.output
    assert "isgrid call init" in res.output


def test_the_record_and_the_call_given_the_other_way_round(tmp_path: Path) -> None:
    """« isgrid record check RECORD FOLDER » (a new user's walk-through): said so, with the
    command in its order, not « no call folder enregistrement.json »."""
    from click.testing import CliRunner

    from isgrid.cli import cli

    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    record = tmp_path / "enregistrement.json"
    res = CliRunner().invoke(cli, ["score", str(folder), "--record", str(record)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(cli, ["--lang", "en", "record", "check", str(record),
                                   str(folder)])
    assert res.exit_code == 2, res.output
    assert f"{record} is a file, not a call folder; {folder} is one [file-not-found]" \
        in res.output
    assert f"Hint: Give the call folder first: isgrid record check {folder} {record}" \
        in res.output
    res = CliRunner().invoke(cli, ["record", "check", str(folder), str(record)])
    assert res.exit_code == 0, res.output  # in its order: checked


def test_an_undeclared_jurors_hint_is_worked_out_once(tmp_path: Path,
                                                      monkeypatch: object) -> None:
    """Once per id, not per row: a review found a file of 100,000 rows by an undeclared
    juré loaded in 16.8 s instead of 1.4 (difflib over the declared ids at each row)."""
    from isgrid.call import ratings_reader

    asked: list[str] = []
    real = ratings_reader.undeclared_hint

    def counted(aid: str, assessors: object) -> object:
        asked.append(aid)
        return real(aid, assessors)  # type: ignore[arg-type]

    monkeypatch.setattr(ratings_reader, "undeclared_hint", counted)  # type: ignore[attr-defined]
    found = _errors(tmp_path, {n: ("AL16-01" if n < 4 else "AL16-02", "j4")
                               for n in range(2, 8)})
    assert [code for code, _, _ in found] == ["unknown-assessor"] * 6
    assert asked == ["j4"]
