"""An adjourned dossier stays undecided once the list is adopted (docs/decisions.md,
"Which dossiers a vote decides"; the French guide: « ajourné » ne libère pas la place, le
comité décidera plus tard).  alsace-2016 proposes AL16-01 and AL16-02, the reserve AL16-03
and AL16-04; AL16-05 decided « non retenu » at the jury's stage.  The jury postpones
AL16-03, then the vote retains AL16-01 and AL16-02: the list is adopted, and decides the
six others, not AL16-03.

Found by a review (aap-2026, DN-219 ajourné): the letter said « Décision : dossier
ajourné. » with the « Voies et délais de recours », and the minutes counted it among the
dossiers the list's adoption decided."""

from __future__ import annotations

from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.documents.minutes import build_minutes
from isgrid.documents.output import render_report
from isgrid.engine import score
from votecalls import example, run, vote

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture
def postponed(tmp_path: Path) -> Path:
    folder = example(tmp_path)
    run("decide", folder, "AL16-03", "--outcome", "ajourne", "--by", "Jury",
        "--reason", "attendre le budget rectificatif")
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    return folder


def test_the_list_s_adoption_does_not_decide_a_postponed_dossier(postponed: Path) -> None:
    result = score(load_call(postponed))
    d = result.dossier("AL16-03")
    assert d.status == "ajourné"
    assert result.list_voted and result.adopted is not None
    assert not result.decided_by_vote(d)
    assert result.decided_count == 7  # the eight dossiers but AL16-03
    assert result.undecided == ((), (), ("AL16-03",))


def test_its_letter_stays_a_proposition_without_appeal(postponed: Path) -> None:
    call = load_call(postponed)
    letters = {k: v.decode("utf-8") for k, v in
               render_report(call, score(call), "feedback", "md")}
    letter = next(v for k, v in letters.items() if "AL16-03" in k)
    assert "**Proposition du jury" + NBSP + ": dossier ajourné.**" in letter
    assert ("Le comité a ajourné sa décision sur votre dossier" + NBSP + ": il se prononcera "
            "plus tard, et la décision vous sera notifiée.") in letter
    assert "Voies et délais de recours" not in letter and "recours gracieux" not in letter
    assert "CP-2016-05-12" not in letter  # no deliberation decided it
    # a dossier the adopted list leaves out is decided: AL16-04 on the reserve
    other = next(v for k, v in letters.items() if "AL16-04" in k)
    assert "Voies et délais de recours" in other and "CP-2016-05-12" in other
    english = next(v for k, v in render_report(call, score(call), "feedback", "md",
                                               lang="en") if "AL16-03" in k).decode("utf-8")
    assert ("The committee has postponed its decision on your dossier: it will decide "
            "later, and the decision will be notified to you.") in english


def test_the_minutes_and_the_report_name_it_undecided(postponed: Path) -> None:
    call = load_call(postponed)
    result = score(call)
    minutes = build_minutes(call, result, "pv")
    assert minutes["notice"] == ("Décisions enregistrées lors du vote pour 7 dossiers sur 8"
                                 + NNBSP + "; ajourné, à décider plus tard" + NBSP
                                 + ": AL16-03.")
    [page] = [v.decode("utf-8") for _, v in render_report(call, result, "committee", "md")]
    assert ("7 dossiers sur 8 sont décidés" + NNBSP + "; ajourné, à décider plus tard"
            + NBSP + ": AL16-03.") in page
    [english] = [v.decode("utf-8") for _, v in
                 render_report(call, result, "committee", "md", lang="en")]
    assert "7 dossiers of 8 are decided; postponed, to be decided later: AL16-03." in english
