"""What ``-o`` names is what is written (review s17 hostile, finding 8): an explicit
``--format`` that the -o file's extension contradicts is refused (``--format html -o
e.pdf`` wrote an HTML page named .pdf), ``assess --template`` writes a .yaml or .yml only,
and ``-o dir/`` (or an existing folder) is a folder: the file goes in it under the
command's name for it, or the command says it needs a file name.  One place for every
command: :mod:`isgrid.cli.options` (``-o`` and ``--format``' decorators)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from clirun import run
from isgrid.cli import cli

TWO = ("compare", "csess-2017", "avise-mouves-2011")


def invoke(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize(("fmt", "name", "named"), [
    ("html", "e.pdf", "pdf"), ("md", "x.docx", "docx"), ("pdf", "x.csv", "csv"),
    ("json", "x.htm", "html"),
])
def test_a_format_the_extension_contradicts_is_refused(tmp_path: Path, fmt: str, name: str,
                                                       named: str) -> None:
    out = tmp_path / name
    res = invoke(*TWO, "--format", fmt, "-o", out)
    assert res.exit_code == 2 and not out.exists(), res.output
    ext = out.suffix
    assert (f"--format {fmt} and -o {out} disagree: the extension {ext} names {named} "
            "[bad-option]") in res.output
    stem = name.rsplit(".", 1)[0]
    assert (f"Hint: Name the file {stem}.{fmt}, or leave --format out to write {named}."
            in res.output)


def test_in_french(tmp_path: Path) -> None:
    res = invoke("--lang", "fr", *TWO, "--format", "html", "-o", tmp_path / "e.pdf")
    assert res.exit_code == 2
    text = res.output.replace("\u202f", " ").replace("\xa0", " ")
    assert "se contredisent : l'extension .pdf désigne le format pdf [bad-option]" in text
    assert "Indice : Nommez le fichier e.html, ou omettez --format pour écrire au format pdf." \
        in text


def test_a_format_the_extension_agrees_with_or_an_unknown_extension(tmp_path: Path) -> None:
    run(*TWO, "--format", "md", "-o", tmp_path / "x.md")
    run(*TWO, "--format", "md", "-o", tmp_path / "x.markdown")
    run(*TWO, "--format", "md", "-o", tmp_path / "x.txt")  # .txt names no format
    assert (tmp_path / "x.md").read_bytes() == (tmp_path / "x.txt").read_bytes()


def test_the_template_is_a_yaml_file(tmp_path: Path) -> None:
    # .xlsx and .csv name formats of isgrid that assess does not write: the refusal is
    # still the template's, never the list of the result's formats (html, md, json, ...)
    for name in ("t.pdf", "t.md", "t", "t.xlsx", "t.csv"):
        out = tmp_path / name
        res = invoke("assess", "loi-ess-2014-art15", "--template", "-o", out)
        assert res.exit_code == 2 and not out.exists(), res.output
        assert "--template writes a YAML answers file" in res.output
        assert "Hint: Name it t.yaml; fill it in" in res.output
        assert "names a format this command does not write" not in res.output
    # a --format beside --template is the result's, never checked against the template's -o
    res = invoke("assess", "loi-ess-2014-art15", "--template", "--format", "html",
                 "-o", tmp_path / "t.pdf")
    assert res.exit_code == 2 and "--template writes a YAML answers file, not .pdf" in (
        res.output), res.output
    # without --template, .xlsx is refused as before: a format assess does not write
    res = invoke("assess", "loi-ess-2014-art15", tmp_path / "a.yaml", "-o", tmp_path / "r.xlsx")
    assert res.exit_code == 2 and "names a format this command does not write" in res.output
    for name in ("t.yaml", "t.YML"):
        run("assess", "loi-ess-2014-art15", "--template", "-o", tmp_path / name)
        assert (tmp_path / name).read_text(encoding="utf-8").lstrip().startswith("#")


def test_a_folder_gets_the_command_s_file(tmp_path: Path) -> None:
    run(*TWO, "-o", f"{tmp_path / 'dir'}{os.sep}")  # created, as a file's folder is
    run(*TWO, "--format", "html", "-o", f"{tmp_path / 'dir'}{os.sep}")
    assert sorted(p.name for p in (tmp_path / "dir").iterdir()) == [
        "comparaison.html", "comparaison.md"]
    # an existing folder without its slash, alike (it was « a file of this name already
    # exists … Pass --force »)
    (tmp_path / "d2").mkdir()
    run(*TWO, "-o", tmp_path / "d2")
    assert [p.name for p in (tmp_path / "d2").iterdir()] == ["comparaison.md"]
    run("assess", "loi-ess-2014-art15", "--template", "-o", f"{tmp_path / 'a'}{os.sep}")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["reponses.yaml"]


def test_a_command_without_a_name_for_its_file_says_so(tmp_path: Path) -> None:
    from testpaths import EXAMPLES

    res = invoke("report", EXAMPLES / "alsace-2016", "-o", f"{tmp_path / 'r'}{os.sep}")
    assert res.exit_code == 2 and not (tmp_path / "r").exists(), res.output
    assert f"-o {tmp_path / 'r'}{os.sep} is a folder; this command writes one file" \
        in res.output
    assert f"Hint: Name the file in it: -o {tmp_path / 'r'}{os.sep}NAME.html" in res.output
    # the feedback letters' -o is a folder: the slash changes nothing
    run("report", EXAMPLES / "alsace-2016", "--kind", "feedback", "-o",
        f"{tmp_path / 'fb'}{os.sep}")
    assert len(list((tmp_path / "fb").glob("*.html"))) == 8


def test_assign_s_file_in_a_folder(tmp_path: Path) -> None:
    from callfactory import make_call

    folder = make_call(tmp_path, "mini-scored", name="call",  # 10 dossiers, 5 jurors
                       call={"assessors": [{"id": f"j{i}"} for i in range(1, 6)]},
                       dossiers=[{"id": f"D{i:02d}"} for i in range(1, 11)])
    run("assign", folder, "--per-dossier", "2", "-o", f"{tmp_path / 'out'}{os.sep}")
    rows = (tmp_path / "out" / "assignments.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "dossier,assessor" and len(rows) == 1 + 20  # 10 dossiers × 2
