"""A ``dossiers.csv`` saved by Excel in cp1252 is read correctly, and said once, where it
helps: ``isgrid call check`` warns (``encoding-decoded``) with a hint that says how to
convert it (« Enregistrer sous… », « CSV UTF-8 », ``iconv``); every other command read the
same file and repeated the warning, which the user can do nothing about but convert it:
they read on quietly (``--strict`` does not count it but in the check)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from zonecalls import zone_call

NB = "\u00a0"


def _cp1252_call(tmp_path: Path) -> Path:
    folder = zone_call(tmp_path)  # dossiers E, S, U, F, T as dossiers/*.yaml
    shutil.rmtree(folder / "dossiers")
    (folder / "dossiers.csv").write_bytes(  # as Excel saves « CSV (séparateur : point-virgule) »
        ("id;title;amount_requested\r\n" + "".join(
            f"{d};Épicerie solidaire {d};10000\r\n" for d in "ESUFT")).encode("cp1252"))
    return folder


def _run(*args: str) -> tuple[int, str, str]:
    run = CliRunner().invoke(cli, list(args))
    return run.exit_code, run.stdout, run.stderr


def test_call_check_says_it_with_how_to_convert(tmp_path: Path) -> None:
    folder = _cp1252_call(tmp_path)
    code, out, err = _run("--lang", "fr", "call", "check", str(folder))
    assert code == 0 and out.startswith(f"ok{NB}: 5 dossiers"), err
    lines = err.splitlines()
    at = [i for i, x in enumerate(lines) if x.endswith("[encoding-decoded]")]
    assert len(at) == 1, err
    assert lines[at[0]].startswith(f"Avertissement{NB}: {folder / 'dossiers.csv'}:2{NB}: "
                                   "le fichier n'est pas en UTF-8")
    hint = lines[at[0] + 1]
    assert hint.startswith(f"  Indice{NB}: Convertissez-le en UTF-8{NB}: dans Excel, "
                           f"«{NB}Enregistrer sous…{NB}», type «{NB}CSV UTF-8 "), hint
    assert "iconv -f cp1252 -t utf-8" in hint
    code, _, err = _run("--strict", "call", "check", str(folder))
    assert code == 1 and "[encoding-decoded]" in err  # the check counts it


def test_the_other_commands_read_it_quietly(tmp_path: Path) -> None:
    folder = _cp1252_call(tmp_path)
    # (the test grid has a warning of its own: --strict would stop for it, not for this)
    for args in (["score", str(folder)], ["decisions", str(folder)],
                 ["report", str(folder), "-o", str(tmp_path / "rapport.html")]):
        code, _, err = _run(*args)
        assert code == 0, (args, err)
        assert "encoding-decoded" not in err and "cp1252" not in err, (args, err)
    code, out, _ = _run("score", str(folder), "--format", "json")
    titles = {d["id"]: d["title"] for d in json.loads(out)["dossiers"]}
    assert titles["E"] == "Épicerie solidaire E"  # decoded as cp1252, correctly
