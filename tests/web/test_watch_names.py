"""The files of ``isgrid watch`` that people type and send are named in the call's
language (review intl #8): an English call's members get ``member-<id>.html`` and the
dossier under discussion is read from ``current-dossier.txt``; a French call keeps
``membre-<id>.html`` and ``dossier-en-cours.txt``.  A call whose ``lang`` changes while
``watch`` runs reads the file of its new language, and the terminal says which."""

from __future__ import annotations

import html as html_lib
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.messages import Message
from isgrid.web.watch import pages, watch
from workspacecalls import alsace

#: the example call's assessors: one instructeur, three jurors
MEMBERS = ("i1", "j1", "j2", "j3")


def _call(tmp_path: Path, lang: str) -> Path:
    folder = alsace(tmp_path)
    yaml = folder / "call.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("\nlang: fr\n", f"\nlang: {lang}\n"),
                    encoding="utf-8")
    return folder


def _typed(out: Path, files: dict[str, str]) -> Path:
    """The séance folder ``out``, with the dossier id the secretariat typed in each file."""
    out.mkdir()
    for name, dossier in files.items():
        (out / name).write_text(f"{dossier}\n", encoding="utf-8")
    return out


def _watch_once(folder: Path, out: Path, *before: str) -> str:
    """``isgrid [before] watch FOLDER -o OUT --once``: what it said (it exits 0)."""
    res = CliRunner().invoke(cli, [*before, "watch", str(folder), "-o", str(out), "--once"])
    assert res.exit_code == 0, res.output
    return res.output


def _text(path: Path) -> str:
    return html_lib.unescape(path.read_text(encoding="utf-8")).replace("\xa0", " ")


def test_an_english_call_names_its_files_in_english(tmp_path: Path) -> None:
    folder = _call(tmp_path, "en")
    assert set(pages(folder)) == {"index.html"} | {f"member-{a}.html" for a in MEMBERS}
    out = _typed(tmp_path / "meeting", {"current-dossier.txt": "AL16-01"})
    said = _watch_once(folder, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["current-dossier.txt", "index.html", *(f"member-{a}.html" for a in MEMBERS)])
    # j2 is recused from AL16-01 (call.yaml's conflicts): the file was read
    assert "You are recused from dossier AL16-01" in _text(out / "member-j2.html")
    assert "Dossier under discussion" in _text(out / "index.html")
    # nothing to say of the names: no file of the other language, no change
    assert "lang" not in said


def test_a_french_call_keeps_its_french_names(tmp_path: Path) -> None:
    folder = _call(tmp_path, "fr")
    assert set(pages(folder)) == {"index.html"} | {f"membre-{a}.html" for a in MEMBERS}
    # AL16-01 in the French file; the English name, not read in a French call, AL16-02
    out = _typed(tmp_path / "seance", {"dossier-en-cours.txt": "AL16-01",
                                       "current-dossier.txt": "AL16-02"})
    said = _watch_once(folder, out, "--lang", "en")
    # `--lang en` makes the pages English; their names and the file read stay the call's
    assert "You are recused from dossier AL16-01" in _text(out / "membre-j2.html")
    assert not (out / "member-j2.html").exists()
    assert f"The call's lang is fr: the dossier under discussion is read from " \
        f"{out / 'dossier-en-cours.txt'}, not from {out / 'current-dossier.txt'}, and the " \
        "members' own views are written as membre-<id>.html." in said


def test_a_call_that_changes_language_reads_the_file_of_its_new_language(
        tmp_path: Path) -> None:
    folder = _call(tmp_path, "fr")
    out = _typed(tmp_path / "seance", {"dossier-en-cours.txt": "AL16-01"})
    said: list[Message] = []
    polls: list[int] = []

    def between(_seconds: float) -> None:  # the secretariat switches the call to English
        polls.append(1)
        if len(polls) == 1:
            yaml = folder / "call.yaml"
            yaml.write_text(yaml.read_text(encoding="utf-8").replace(
                "\nlang: fr\n", "\nlang: en\n"), encoding="utf-8")

    builds = watch(folder, out, max_iterations=2, sleep=between, on_notice=said.append)
    assert builds == 2
    # the first poll: French, nothing to say; the second: English, read from the English
    # file (absent: no dossier under discussion), the French one named as not read
    assert [m.translated("fr") for m in said] == [
        f"La langue de l'appel (lang) est en\xa0: le dossier en discussion se lit dans "
        f"{out / 'current-dossier.txt'}, pas dans {out / 'dossier-en-cours.txt'}, et les "
        "vues des membres s'écrivent member-<id>.html."]
    assert "You are recused" not in _text(out / "member-j2.html")
    assert "Vous êtes en déport pour le dossier AL16-01" in _text(out / "membre-j2.html")
