"""An instructeur's comment marked « à transmettre » (``shareable``) on the eliminatory
criterion a dossier fails is quoted, without a name, under the failed rule of its
« irrecevable » letter, as the workbook promises (« ils pourront être cités, sans votre
nom, dans le courrier adressé au porteur »): the letter has no row for an eliminatory
criterion, and the comment was dropped.  alsace-2016's AL16-06 fails ALS-E3 (i1: « non »)."""

from __future__ import annotations

import shutil
from pathlib import Path

from isgrid.call.load import load_call
from isgrid.documents.build import build_context
from isgrid.documents.output import render_report
from isgrid.engine import score
from testpaths import EXAMPLES

NBSP, NNBSP = "\u00a0", "\u202f"
SAID = "Action ponctuelle (festival d'un week-end, sans suite prévue) : exclue par le règlement."
RULE = ("démarche inscrite dans la durée : ni ponctuelle ni limitée dans le temps "
        "(actions ponctuelles exclues)")


def _call(tmp_path: Path, *, marked: bool) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    if marked:  # i1.csv with a shareable column: « oui » on AL16-06's ALS-E3 only
        ratings = folder / "ratings" / "i1.csv"
        lines = ratings.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "dossier,assessor,criterion,value,comment"
        out = [lines[0] + ",shareable"] + [
            x + (",oui" if x.startswith("AL16-06,i1,ALS-E3,") else ",") for x in lines[1:]]
        ratings.write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def _plain(s: str) -> str:
    return s.replace(NNBSP, " ").replace(NBSP, " ")


def _reasons(folder: Path, lang: str = "fr") -> list[str]:
    call = load_call(folder)
    result = score(call)
    assert result.dossier("AL16-06").status == "irrecevable"
    letter = build_context(call, result, "feedback", "communicable", lang,
                           dossier="AL16-06").letter
    assert letter is not None
    return [_plain(r) for r in letter.reasons]


def test_the_marked_comment_is_quoted_under_the_failed_rule(tmp_path: Path) -> None:
    folder = _call(tmp_path, marked=True)
    assert _reasons(folder) == [
        f"Règle de recevabilité non respectée : {RULE}. Observation : « {SAID} »"]
    assert _reasons(folder, "en") == [
        "Eligibility rule not met: Démarche inscrite dans la durée : ni ponctuelle ni "
        f"limitée dans le temps (actions ponctuelles exclues). Remark: “{SAID}”"]
    call = load_call(folder)
    page = render_report(call, score(call), "feedback", dossiers=["AL16-06"])[0][1]
    text = page.decode("utf-8")
    assert "exclue par le règlement" in text
    assert "Julien Roth" not in text and "instruction)" not in text  # i1 is not named


def test_an_unmarked_comment_stays_internal(tmp_path: Path) -> None:
    assert _reasons(_call(tmp_path, marked=False)) == [
        f"Règle de recevabilité non respectée : {RULE}."]
