"""``isgrid intake`` reads a call folder as safely as every other command, and writes
nothing outside it.

Before reading call.yaml it makes :func:`isgrid.call.load.load_call`'s checks (one
function, :func:`isgrid.call.load.open_call_folder`): the folder and its call.yaml
exist, call.yaml is no link out of the folder, a multi-file write interrupted there is
finished or undone.  Then every file it reads or writes stays inside the folder, and a
dossier id made from a hostile export's number is refused before anything is written.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dnexport import DOSSIERS, export_sheets, make_intake_call, write_xlsx
from isgrid.cli.main import cli
from isgrid.errors import CallError
from isgrid.intake.refresh import refresh
from isgrid.io.write import FAULT_ENV, PENDING


def _run(*args: object) -> tuple[int, str]:
    res = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return res.exit_code, res.output


def _export(tmp_path: Path, dossiers: list[dict] | None = None) -> Path:
    return write_xlsx(tmp_path / "export.xlsx", export_sheets(dossiers))


def _written(call: Path) -> list[str]:
    """The files of the call folder besides call.yaml and grid.yaml (what intake wrote; a
    link is not one)."""
    return sorted(str(p.relative_to(call)) for p in call.rglob("*")
                  if p.is_file() and not p.is_symlink() and p.name not in ("call.yaml", "grid.yaml"))


# ------------------------------------------------------------------ call.yaml
def test_a_call_yaml_linked_out_of_the_folder_is_refused_and_nothing_is_written(
        tmp_path: Path) -> None:
    outside = make_intake_call(tmp_path / "outside")
    call = tmp_path / "call"
    call.mkdir()
    (call / "grid.yaml").write_bytes((outside / "grid.yaml").read_bytes())
    (call / "call.yaml").symlink_to(outside / "call.yaml")
    code, out = _run("intake", call, "--from", _export(tmp_path))
    assert code == 1  # path-escape is a data error, as load_call says it (call check)
    assert f"Error: {call / 'call.yaml'}: call.yaml links to a file outside the call " \
        "folder [path-escape]" in out
    assert _written(call) == []
    check_code, check_out = _run("call", "check", call)
    assert (check_code, check_out.splitlines()[0]) == (code, out.splitlines()[0])


def test_a_call_folder_without_call_yaml_is_refused_as_call_check_refuses_it(
        tmp_path: Path) -> None:
    export = _export(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CallError) as caught:  # the error load_call raises, not a UsageError
        refresh(empty, export=export)
    assert [d.code for d in caught.value.diagnostics] == ["file-not-found"]
    assert caught.value.exit_code == 2  # file-not-found is of the "usage" kind
    for folder, first in ((empty, f"Error: {empty / 'call.yaml'}: the call folder has no "
                                  "call.yaml [file-not-found]"),
                          (tmp_path / "absent", f"Error: {tmp_path / 'absent'}: no call "
                                                f"folder {tmp_path / 'absent'} [file-not-found]")):
        code, out = _run("intake", folder, "--from", export)
        check_code, check_out = _run("call", "check", folder)
        assert (code, out.splitlines()[0]) == (2, first)
        assert (check_code, check_out.splitlines()[0]) == (2, first)
    assert list(empty.iterdir()) == [] and not (tmp_path / "absent").exists()


# ------------------------------------------------------------ interrupted write
def _killed_write(call: Path, step: str) -> None:
    """ratings/j1.csv rewritten by the multi-file writer, killed at ``step`` (as a kill -9
    of ``sheets import`` would leave it: tests/jury/test_import_interrupted.py)."""
    code = ("import sys; from pathlib import Path; from isgrid.io.write import write_files; "
            "c = Path(sys.argv[1]); "
            "write_files(c, [(c / 'ratings' / 'j1.csv', b'new\\n', None)])")
    env = {**os.environ, FAULT_ENV: step}
    proc = subprocess.run([sys.executable, "-c", code, str(call)], env=env, timeout=60,
                          capture_output=True)
    assert proc.returncode == 137, proc.stderr
    assert (call / PENDING).is_file()


@pytest.mark.parametrize(("step", "j1"), [("commit", b"new\n"), ("temp", b"old\n")])
def test_a_write_interrupted_in_the_folder_is_finished_or_undone_before_intake_reads(
        tmp_path: Path, step: str, j1: bytes) -> None:
    call = make_intake_call(tmp_path / "call")
    (call / "ratings").mkdir()
    (call / "ratings" / "j1.csv").write_bytes(b"old\n")
    _killed_write(call, step)
    code, out = _run("intake", call, "--from", _export(tmp_path))
    assert code == 0, out
    assert not (call / PENDING).exists()
    # committed: the renames finished; not: the previous file kept, the temporary removed
    assert (call / "ratings" / "j1.csv").read_bytes() == j1
    assert sorted(p.name for p in (call / "ratings").iterdir()) == ["j1.csv"]
    assert (call / "dossiers" / "DN-101.yaml").is_file()


# ------------------------------------------------------------- paths written
def test_a_dossiers_folder_linked_out_of_the_call_is_neither_read_nor_written(
        tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    outside = tmp_path / "outside"
    outside.mkdir()
    (call / "dossiers").symlink_to(outside)
    code, out = _run("intake", call, "--from", _export(tmp_path))
    assert code == 1
    # DN-101, DN-102 and DN-103 (in the filter; 104 is refused): one error each
    assert out.count("leads outside the call folder [path-escape]") == 3
    assert f"Error: {call / 'dossiers' / 'DN-101.yaml'}: dossiers/DN-101.yaml leads " \
        "outside the call folder [path-escape]" in out
    assert list(outside.iterdir()) == []
    assert not (call / "intake-state.json").exists()


def test_a_dossier_file_linked_out_of_the_call_is_not_read(tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: [not closed\n", encoding="utf-8")  # what reading it would say
    (call / "dossiers").mkdir()
    (call / "dossiers" / "DN-101.yaml").symlink_to(secret)
    code, out = _run("intake", call, "--from", _export(tmp_path))
    assert code == 1
    assert f"Error: {call / 'dossiers' / 'DN-101.yaml'}: dossiers/DN-101.yaml leads outside " \
        "the call folder [path-escape]" in out
    assert "not closed" not in out and "yaml-" not in out
    assert secret.read_text(encoding="utf-8") == "id: [not closed\n"
    assert _written(call) == []


# ------------------------------------------------------------- hostile ids
def test_a_dossier_number_too_long_for_an_id_is_refused_before_anything_is_written(
        tmp_path: Path) -> None:
    dossiers = copy.deepcopy(DOSSIERS)
    dossiers[0]["number"] = "9" * 400  # a file name of 408 bytes: the system refuses it
    call = make_intake_call(tmp_path / "call")
    code, out = _run("intake", call, "--from", _export(tmp_path, dossiers))
    assert code == 2  # invalid-id, as the dossier loader says a bad id
    # the number and the id cut by isgrid.errors.excerpt to 30 and 40 characters, 12 of them
    # for « … (N chars) »: the quote and 17 digits; the quote, « DN- » and 24 digits
    assert ("export.xlsx!Dossiers!A2: the dossier number '" + "9" * 17 + "… (400 chars) gives "
            "the id 'DN-" + "9" * 24 + "… (403 chars), which isgrid does not accept "
            "[invalid-id]") in out
    assert "A dossier id has at most 64 characters" in out
    assert _written(call) == []  # DN-102 and DN-103 neither


def test_a_dossier_number_in_unicode_digits_is_refused_without_a_traceback(
        tmp_path: Path) -> None:
    dossiers = copy.deepcopy(DOSSIERS)
    dossiers[0]["number"] = "²"  # str.isdigit() says yes, int() says no
    call = make_intake_call(tmp_path / "call")
    code, out = _run("intake", call, "--from", _export(tmp_path, dossiers))
    assert code == 1
    assert "export.xlsx!Dossiers!A2: the dossier number '²' is not a number [intake-value]" in out
    assert "internal error" not in out
    assert _written(call) == []


@pytest.mark.parametrize("prefix", [".", "..", "-", "_x"])
def test_an_id_prefix_that_makes_ids_the_loader_refuses_is_refused_in_call_yaml(
        tmp_path: Path, prefix: str) -> None:
    call = make_intake_call(tmp_path / "call")
    text = (call / "call.yaml").read_text(encoding="utf-8")
    (call / "call.yaml").write_text(text.replace("intake:\n", f"intake:\n  id_prefix: "
                                                 f"'{prefix}'\n", 1), encoding="utf-8")
    code, out = _run("intake", call, "--from", _export(tmp_path))
    assert code == 1, out
    assert "intake.id_prefix" in out and "[call-invalid]" in out
    assert _written(call) == []


@pytest.mark.parametrize(("number", "said"), [
    (101.7, "101.7"),        # a numeric cell: a number, but not a whole one
    ("101,7", "«\u00a0101,7\u00a0»"),  # the same typed as text, the French way (quoted)
    ("-5", "«\u00a0-5\u00a0»"),        # whole, but below 1
    (-5, "-5"),              # the same in a numeric cell: it was taken in as « DN--5 »
    (0, "0"),
])
def test_a_dossier_number_that_is_a_number_but_no_dossier_s_says_what_is_expected(
        tmp_path: Path, number: object, said: str) -> None:
    """« the dossier number 101.7 is not a number » (review data21, item 2): it is one; what
    is expected is a positive whole number, as the platform writes it."""
    dossiers = copy.deepcopy(DOSSIERS)
    dossiers[0]["number"] = number
    call = make_intake_call(tmp_path / "call")
    code, out = _run("--lang", "fr", "intake", call, "--from", _export(tmp_path, dossiers))
    assert code == 1
    nbsp = "\u00a0"
    assert (f"export.xlsx!Dossiers!A2{nbsp}: le numéro de dossier {said} n'est pas un nombre "
            "entier positif [intake-value]") in out
    assert (f"  Indice{nbsp}: Un numéro de dossier est un nombre entier positif (101), tel que "
            f"la plateforme l'écrit dans la colonne ID{nbsp}: corrigez cette cellule (un "
            "tableur a pu la modifier) ou exportez à nouveau les dossiers.") in out
    assert _written(call) == []
