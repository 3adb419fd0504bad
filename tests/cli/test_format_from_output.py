"""``--format`` left out, ``-o`` given: the output file's extension chooses the format.

``isgrid score CALL -o result.json`` once wrote the text table into result.json, and
``isgrid minutes … -o pv.pdf`` HTML into a file named .pdf.  The extension now
chooses among the command's own formats (``.htm`` is html, ``.markdown`` md); one
that names a format the command does not write (``score -o r.html``) is refused;
``--format`` given and an extension naming another format are refused (review s17
hostile, finding 8); any other extension (or none) keeps the default.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from isgrid.cli import cli
from isgrid.cli.options import _FILE_FORMATS as FILE_FORMATS
from isgrid.cli.options import format_from_output

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture()
def call(tmp_path: Path) -> Path:
    folder = tmp_path / "call"
    shutil.copytree(EXAMPLE, folder)
    return folder


def printed(*args: str) -> str:
    """What the command prints on standard output (no -o): its default format."""
    res = invoke(*args)
    assert res.exit_code == 0, res.output
    return res.stdout


def test_json_extension_writes_json(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    res = invoke("score", str(call), "-o", str(out))
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {d["id"] for d in data["dossiers"]} >= {"AL16-01", "AL16-02"}


def test_extension_is_read_without_case(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "RESULT.JSON"
    assert invoke("score", str(call), "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == 1


def test_csv_extension_writes_what_format_csv_prints(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "classement.csv"
    assert invoke("score", str(call), "-o", str(out)).exit_code == 0
    # the file starts with a byte-order mark for spreadsheets; the terminal's copy does not
    assert out.read_text(encoding="utf-8-sig") == printed("score", str(call), "--format", "csv")


def test_a_given_format_the_extension_contradicts_is_refused(call: Path,
                                                             tmp_path: Path) -> None:
    # it was written as given, the table in result.json (review s17 hostile, finding 8)
    out = tmp_path / "result.json"
    res = invoke("score", str(call), "--format", "table", "-o", str(out))
    assert res.exit_code == 2 and not out.exists()
    assert (f"--format table and -o {out} disagree: the extension .json names json "
            "[bad-option]") in res.output
    assert "Hint: Name the file result.txt, or leave --format out to write json." in res.output
    # a given format the extension agrees with, or an extension naming no format: written
    txt = tmp_path / "result.txt"
    assert invoke("score", str(call), "--format", "table", "-o", str(txt)).exit_code == 0
    assert txt.read_text(encoding="utf-8") == printed("score", str(call))


@pytest.mark.parametrize("name", ["classement.txt", "classement", "classement.tsv"])
def test_other_extensions_keep_the_default(call: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name  # none of these names a format: the table, as printed
    assert invoke("score", str(call), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == printed("score", str(call))


@pytest.mark.parametrize(("args", "name"), [
    (("score",), "r.html"),            # score writes table, json, csv
    (("minutes", "--kind", "pv"), "pv.md"),  # minutes writes html, pdf, docx
])
def test_a_format_the_command_does_not_write_is_refused(call: Path, tmp_path: Path,
                                                        args: tuple[str, ...],
                                                        name: str) -> None:
    out = tmp_path / name
    res = invoke(*args, str(call), "-o", str(out))
    assert res.exit_code == 2
    ext = name[name.index("."):]
    assert f"the extension {ext} of -o names a format this command does not write" \
        in res.output
    assert not out.exists()


def test_a_report_named_md_is_markdown(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "comite.markdown"  # the longer name of md; report's default is html
    assert invoke("report", str(call), "--kind", "committee", "-o", str(out)).exit_code == 0
    ref = tmp_path / "reference.txt"
    assert invoke("report", str(call), "--kind", "committee", "--format", "md",
                  "-o", str(ref)).exit_code == 0
    assert out.read_bytes() == ref.read_bytes()
    assert b"<html" not in out.read_bytes().lower()


def test_htm_is_html(tmp_path: Path) -> None:
    out = tmp_path / "diff.htm"  # compare's default is md
    grids = ("compare", "avise-mouves-2011", "alsace-aap-2016")
    assert invoke(*grids, "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == printed(*grids, "--format", "html")


def test_minutes_named_docx_are_a_word_file(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "pv.docx"  # minutes' default is html
    res = invoke("minutes", str(call), "--kind", "pv", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert out.read_bytes()[:2] == b"PK"  # a zip: an Office Open XML document


def test_a_refused_format_names_the_extension(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "comite.csv"  # csv is a format of report, but not of --kind committee
    res = invoke("report", str(call), "--kind", "committee", "-o", str(out))
    assert res.exit_code == 2
    assert "cannot be written as csv, the format the extension .csv of -o names" in res.output
    assert not out.exists()


def test_the_refusal_in_french(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "comite.csv"
    res = invoke("--lang", "fr", "report", str(call), "--kind", "committee", "-o", str(out))
    assert res.exit_code == 2
    assert ("--kind committee ne peut pas être écrit en csv, le format que nomme "
            "l'extension .csv du fichier de -o\u202f; donnez --format") in res.output


def test_a_given_refused_format_is_refused_as_before(call: Path, tmp_path: Path) -> None:
    out = tmp_path / "comite.csv"
    res = invoke("report", str(call), "--kind", "committee", "--format", "csv", "-o", str(out))
    assert res.exit_code == 2
    assert "--kind committee cannot be written as csv [bad-option]" in res.output


def test_commands_without_output_file_say_nothing_of_it() -> None:
    for args in (("grids", "list"), ("codes",), ("sheets", "write")):
        res = invoke(*args, "--help")  # no -o, or -o a folder: nothing is chosen by it
        assert res.exit_code == 0
        assert "extension" not in res.output, args
    for args in (("score",), ("grids", "show")):  # grids show has -o since --format yaml
        res = invoke(*args, "--help")
        assert "the format that the extension of the -o file names" in \
            " ".join(res.output.split()), args


def _commands() -> list[tuple[str, click.Command]]:
    from isgrid.cli.main import load_all_commands

    load_all_commands()
    out: list[tuple[str, click.Command]] = []

    def walk(cmd: click.Command, path: str, ctx: click.Context) -> None:
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                sub = cmd.get_command(ctx, name)
                if sub is not None:
                    walk(sub, f"{path} {name}".strip(),
                         click.Context(sub, parent=ctx, info_name=name))
        else:
            out.append((path, cmd))

    walk(cli, "", click.Context(cli, info_name="isgrid", **cli.context_settings))
    return out


def test_the_help_says_it_exactly_where_the_extension_chooses(tmp_path: Path) -> None:
    """One test decides both (``follows_output``): every command with a ``--format`` that
    has a default says so in its help exactly when ``-o FILE.json`` would choose JSON."""
    seen = chose = 0
    for path, cmd in _commands():
        fmt = next((p for p in cmd.params if p.name == "fmt"), None)
        if fmt is None or fmt.required:
            continue
        seen += 1
        has_output = any(p.name == "output" for p in cmd.params)
        res = invoke(*path.split(), "--help")
        assert res.exit_code == 0, (path, res.output)
        says = "the format that the extension of the -o file names" in " ".join(
            res.output.split())
        assert says == has_output, path
        fr = invoke("--lang", "fr", *path.split(), "--help")
        assert ("le format que nomme l'extension du fichier de -o" in " ".join(
            fr.output.split())) == has_output, path
        # and the choice itself: an -o file named after another of its formats
        other = [c for c in fmt.type.choices if c != fmt.default and c in FILE_FORMATS]
        if other:
            ctx = click.Context(cmd, info_name=path.split()[-1])
            ctx.params = {"fmt": fmt.default, "output": tmp_path / f"x.{other[0]}"}
            ctx.set_parameter_source("fmt", click.core.ParameterSource.DEFAULT)
            format_from_output(ctx)
            assert (ctx.params["fmt"] == other[0]) == says, path
            chose += 1
    assert seen >= 10 and chose >= 8
