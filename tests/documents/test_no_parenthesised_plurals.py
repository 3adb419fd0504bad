"""French documents agree with their counts: no « dossier(s) noté(s) », « autre(s)
dossier(s) », « lauréat(s) » (a count is known wherever one is written).  The example's
own title, « Innovation(s) sociale(s) », is the call's words and is left out."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.output import render_report
from isgrid.engine import score
from isgrid.i18n import translator
from testpaths import EXAMPLES
from workspacecalls import alsace

TITLE = "Innovation(s) sociale(s)"


def test_the_examples_documents(tmp_path: Path) -> None:
    folder = alsace(tmp_path, name="appel")
    run = CliRunner().invoke(cli, ["withdraw", str(folder), "AL16-02", "--by", "S",
                                   "--reason", "courrier"])
    assert run.exit_code == 0, run.output
    call = load_call(folder)
    result = score(call)
    texts = [data.decode("utf-8") for kind in ("committee", "fiches", "feedback")
             for _, data in render_report(call, result, kind, "md")]  # type: ignore[arg-type]
    assert len(texts) == 2 + 8
    for text in texts:
        found = re.findall(r"\w+\(s\)|\w+\(x\)", text.replace(TITLE, ""))
        assert not found, found


def test_the_counted_sentences() -> None:
    t = translator("report", "fr")
    assert t("agenda.more.one", n=1) == (
        "1 autre dossier dont la discussion peut changer le sort vient après, dans cet ordre "
        "(plus loin de la ligne ou moins disputé)\u00a0: voir le classement (section 4).")
    assert t("agenda.more.other", n=3) == (
        "3 autres dossiers dont la discussion peut changer le sort viennent après, dans cet "
        "ordre (plus loin de la ligne ou moins disputés)\u00a0: voir le classement "
        "(section 4).")
    assert "sur 1 dossier noté par" in t("alpha.warning.one", n=1)
    assert "sur 7 dossiers notés par" in t("alpha.warning.other", n=7)
    assert "nous vous informerons de toute suite donnée" in t("letter.next.réserve")


def test_the_jurors_pages_agree_too() -> None:
    from isgrid.workspace.texts import page_words as pages

    fr, en = pages("fr"), pages("en")
    assert fr("home.submit_missing", n=1).startswith("Il reste 1 dossier incomplet\u00a0:")
    assert fr("home.submit_missing", n=2).startswith("Il reste 2 dossiers incomplets\u00a0:")
    assert en("home.submit_missing", n=1).startswith("1 dossier is still incomplete:")
    assert fr("home.deported") == "Dossiers en déport"  # not « déporté(e) »


def test_the_committee_reports_cards_agree() -> None:
    """« 2 non classé », « 2 proposé (retenu) » on the committee report's first cards."""
    call = load_call(EXAMPLES / "alsace-2016")
    [(_, page)] = render_report(call, score(call), "committee", "html")  # type: ignore[arg-type]
    cards = re.findall(r'<div class="card"><b>([^<]*)</b>([^<]*)</div>', page.decode("utf-8"))
    assert ("2", "non classés") in cards and ("2", "proposés (retenus)") in cards
    assert ("1", "irrecevable") in cards and ("1", "à vérifier") in cards
