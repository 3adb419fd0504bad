"""A checklist's verdict in the words of the output's language, from one place.

``documents.text`` had an English list of its own (``VERDICT_EN``: « partly », where the
common catalog and so the reports and letters say « partly characterised »), and the French
``score`` table and CSV printed the engine's identifier (« partiellement »).  Every output now
reads the common catalog's ``verdict.*`` (:func:`isgrid.documents.text.verdict_word`).  The
example is alterincub-2019 (a characterisation checklist): AI19-01 caractérisé, AI19-05
partiellement, AI19-09 non caractérisé, AI19-11 indéterminé (tests/engine/test_examples.py).
"""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.build import build_context
from isgrid.engine import score
from isgrid.engine.judge import VERDICT_OF_STATE
from isgrid.engine.result import Result
from isgrid.i18n import catalog
from testpaths import EXAMPLES

CALL = EXAMPLES / "alterincub-2019"

#: the verdicts written out by hand: (French, English)
WORDS = {"caractérisé": ("caractérisé", "characterised"),
         "partiellement": ("partiellement caractérisé", "partly characterised"),
         "non caractérisé": ("non caractérisé", "not characterised"),
         "indéterminé": ("indéterminé", "undetermined")}
#: the example's dossiers, one of each verdict
SOME = {"AI19-01": "caractérisé", "AI19-05": "partiellement", "AI19-09": "non caractérisé",
        "AI19-11": "indéterminé"}


def _said(verdict: str, lang: str) -> str:
    fr, en = WORDS[verdict]
    return fr if lang == "fr" else en


@pytest.fixture(scope="module")
def result() -> Result:
    return score(load_call(CALL))


def test_the_catalog_holds_every_verdict() -> None:
    assert set(WORDS) == set(VERDICT_OF_STATE.values())
    common = catalog("common")
    for verdict, (fr, en) in WORDS.items():
        assert (common["fr"][f"verdict.{verdict}"], common["en"][f"verdict.{verdict}"]) == (
            fr, en), verdict


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_score_table(lang: str) -> None:
    run = CliRunner().invoke(cli, ["--lang", lang, "score", str(CALL)])
    assert run.exit_code == 0, run.output
    rows = {x[6:18].strip(): x for x in run.stdout.splitlines() if x[6:10] == "AI19"}
    # rank (4) + 2 + dossier (12) + 1: the verdict at 19, as wide as the longest verdict
    # of the language (« partiellement caractérisé »: 25, « partly characterised »: 20),
    # whole, then one space and the status
    wide = 25 if lang == "fr" else 20
    for dossier, verdict in SOME.items():
        assert rows[dossier][19:19 + wide].rstrip() == _said(verdict, lang), rows[dossier]
        assert rows[dossier][19 + wide] == " " and rows[dossier][20 + wide] != " "
    assert rows["AI19-05"].split()[-1] == ("retenu" if lang == "fr" else "selected")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_csv(lang: str) -> None:
    run = CliRunner().invoke(cli, ["--lang", lang, "score", str(CALL), "--format", "csv"])
    assert run.exit_code == 0, run.output
    text = run.stdout_bytes.decode("utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text),
                                                delimiter=";" if lang == "fr" else ",")}
    for dossier, verdict in SOME.items():
        assert rows[dossier]["verdict"] == _said(verdict, lang), dossier


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_committee_report_and_a_letter(result: Result, lang: str) -> None:
    call = load_call(CALL)
    ranking = {x.id: x.verdict for x in
               build_context(call, result, "committee", "interne", lang).ranking}
    for dossier, verdict in SOME.items():
        assert ranking[dossier] == _said(verdict, lang), dossier
    letter = build_context(call, result, "feedback", "communicable", lang,
                           dossier="AI19-09").letter
    assert letter is not None
    assert letter.reasons == (["Caractérisation\u00a0: non caractérisé."] if lang == "fr"
                              else ["Characterisation: not characterised."])
