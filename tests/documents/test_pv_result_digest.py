"""The signed minutes anchor the whole call, not the journal only: beside the journal's
head they print the sha256 of the result (``isgrid score --format json``'s bytes, the audit
record's ``result_sha256``), so that a rating, call.yaml (a budget, a déport) or a dossier
changed after signature no longer gives minutes identical to the signed ones, and
``isgrid record check`` with the record written at signature says what changed (review
audit, finding 4: only the journal's head was printed, and ``call check`` and ``journal
verify --head`` passed such changes)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner
from pvwords import pv
from test_vote_reference import words

from clirun import run
from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score


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
    page = pv(folder)
    assert said in page
    # beside the journal's head, after it
    assert page.index("empreinte sha256 de la dernière") < page.index(said)
    assert said in pv(folder, "docx")
    assert f"Result of the call (its files, its grid, the ratings and the decisions): " \
           f"sha256 {sha}." in pv(folder, lang="en")

    # a rating changed after signature: the same journal head, another result's sha256,
    # and the record written at signature names the file
    ratings = folder / "ratings" / "j1.csv"
    text = ratings.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("D3,j1,Q1,"))
    ratings.write_text(text.replace(first, "D3,j1,Q1,4"), encoding="utf-8")
    later = pv(folder)
    head = page.split("empreinte sha256 de la dernière : ")[1][:64]
    assert f"empreinte sha256 de la dernière : {head}" in later
    assert sha not in later
    res = CliRunner().invoke(cli, ["record", "check", str(folder),
                                   str(tmp_path / "enregistrement.json")])
    assert res.exit_code == 1
    assert "ratings/j1.csv" in res.output


def test_the_minutes_sha256_is_score_json_s_on_the_examples(tmp_path: Path) -> None:
    """The sha256 the minutes print is that of the bytes `isgrid score --format json`
    writes, on an example call with its journal (alsace-2016: votes recorded) and on a call
    with quotas (the benchmark's seeded `quota` shape, 200 dossiers), whose constraints the
    minutes take from the result JSON made for that sha256 rather than encoding them a
    second time: the same as encoding them apart, and in English (another language than
    the call's) encoded apart."""
    import shutil

    from bench.generate import generate

    from isgrid.call.journal import read_journal
    from isgrid.documents.minutes import build_minutes
    from isgrid.engine import Scenario
    from isgrid.engine.portfolio import standing_choices
    from testpaths import EXAMPLES

    alsace = tmp_path / "alsace-2016"
    shutil.copytree(EXAMPLES / "alsace-2016", alsace)
    quota = generate(tmp_path / "quota", 200, 4, 25, table=True, shape="quota")
    for folder in (alsace, quota):
        run("score", folder, "--format", "json", "-o", tmp_path / f"{folder.name}.json")
        sha = hashlib.sha256((tmp_path / f"{folder.name}.json").read_bytes()).hexdigest()
        out = tmp_path / f"{folder.name}.html"
        run("report", folder, "--kind", "pv", "-o", out)
        assert f"empreinte sha256 {sha}." in words(out.read_text(encoding="utf-8")), folder
    call = load_call(quota)
    result = score(call, Scenario(journal=read_journal(call.folder)))
    assert result.constraints is not None
    standing = standing_choices(result)
    assert standing  # choices the decided selection bears out: the case to check
    for lang in ("fr", "en"):
        ctx = build_minutes(call, result, "pv", lang, None)
        assert ctx["constraints"] == [c.to_json(lang) for c in result.constraints.decided]
        assert ctx["constraint_choices"] == [c.to_json(lang) for c in standing]
    assert build_minutes(call, result, "pv", "en", None)["constraint_choices"] != \
        build_minutes(call, result, "pv", "fr", None)["constraint_choices"]
