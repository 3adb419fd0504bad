"""The signed minutes anchor the whole call, not the journal only: beside the journal's
head they print the sha256 of the result (``isgrid score --format json``'s bytes, the audit
record's ``result_sha256``), so that a rating, call.yaml (a budget, a déport) or a dossier
changed after signature no longer gives minutes identical to the signed ones, and
``isgrid record check`` with the record written at signature says what changed (review
audit, finding 4: only the journal's head was printed, and ``call check`` and ``journal
verify --head`` passed such changes)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from click.testing import CliRunner
from test_vote_reference import words

from clirun import run
from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.minutes import render_minutes
from isgrid.engine import score


def _pv(folder: Path, fmt: str = "html", lang: str = "fr") -> str:
    call = load_call(folder)
    data = render_minutes(call, score(call), "pv", fmt, lang=lang)  # type: ignore[arg-type]
    if fmt == "docx":
        return words(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
                     .decode("utf-8"))
    return words(data.decode("utf-8"))


def test_the_minutes_print_the_results_sha256(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    run("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "délibération")
    run("score", folder, "--format", "json", "-o", tmp_path / "resultat.json")
    run("score", folder, "--record", tmp_path / "enregistrement.json")
    sha = hashlib.sha256((tmp_path / "resultat.json").read_bytes()).hexdigest()
    record = json.loads((tmp_path / "enregistrement.json").read_text(encoding="utf-8"))
    assert record["result_sha256"] == sha
    said = (f"Résultat de l'appel (ses fichiers, sa grille, les notes et les décisions) : "
            f"empreinte sha256 {sha}. C'est l'empreinte du résultat JSON")
    page = _pv(folder)
    assert said in page
    # beside the journal's head, after it
    assert page.index("empreinte sha256 de la dernière") < page.index(said)
    assert said in _pv(folder, "docx")
    assert f"Result of the call (its files, its grid, the ratings and the decisions): " \
           f"sha256 {sha}." in _pv(folder, lang="en")

    # a rating changed after signature: the same journal head, another result's sha256,
    # and the record written at signature names the file
    ratings = folder / "ratings" / "j1.csv"
    text = ratings.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("D3,j1,Q1,"))
    ratings.write_text(text.replace(first, "D3,j1,Q1,4"), encoding="utf-8")
    later = _pv(folder)
    head = page.split("empreinte sha256 de la dernière : ")[1][:64]
    assert f"empreinte sha256 de la dernière : {head}" in later
    assert sha not in later
    res = CliRunner().invoke(cli, ["record", "check", str(folder),
                                   str(tmp_path / "enregistrement.json")])
    assert res.exit_code == 1
    assert "ratings/j1.csv" in res.output
