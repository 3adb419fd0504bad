"""The access document (``--kind access``, review s16 recours, task 3): a place another
dossier freed and that went to the applicant is said, without the other's identity; the
jurors' letters follow their assessor ids, not their names; an entry recorded by a member
who stayed out of the deliberation says so, unnamed.

(a) tests/recourscalls.py, worked by hand: the proposal's walk of the 52 000 € takes
AL16-01 (27 000) and AL16-02 (24 000): 1 000 € left, AL16-07 (4th, 15 000 €) on the
reserve.  AL16-02 (2nd) withdraws on 20 May 2016: 24 000 + 1 000 = 25 000 € free, AL16-07's
15 000 € fit, it is proposed in its place; the vote of CP-2016-06-02 retains it.

(b) tests/documents/test_access_document.py's call with j1 and j2 both named « Anne
Martin »: D1's B1 rated 3 by j1, 2 by j2, 4 by j3 (recused): Juré A 3, Juré B 2, Juré C
« 4 (déport : ne compte pas) »; j2's comment names « Anne Martin », who is two jurors: the
name is occulted, not given one of their letters.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_access_document as base

from clirun import run
from isgrid.call.load import load_call
from isgrid.documents.access import build_access
from isgrid.documents.access_render import render_access
from isgrid.engine import score
from recourscalls import recours_call


def _access(folder: Path, dossier: str, lang: str = "fr") -> str:
    call = load_call(folder)
    md = render_access(build_access(call, score(call), dossier, lang), "md").decode("utf-8")
    return md.replace("\u202f", " ").replace("\u00a0", " ")


def _until_withdrawal(tmp_path: Path) -> Path:
    folder = recours_call(tmp_path, seance=False)
    run("consensus", "set", folder, "AL16-07", "ALS-4", "2", "--by", "Jury", "--reason", "r")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier",
        "--at", "2016-05-20")
    return folder


def test_a_place_freed_by_a_withdrawal_proposed_then_granted(tmp_path: Path) -> None:
    folder = _until_withdrawal(tmp_path)
    md = _access(folder, "AL16-07")
    assert ("Un dossier mieux classé s'est désisté le 20 mai 2016 : la place libérée a été "
            "proposée pour votre dossier.") in md
    assert "AL16-02" not in md  # nothing says who withdrew
    # the others' letters do not say it: AL16-03 got no place
    assert "désisté" not in _access(folder, "AL16-03")
    run("decide", folder, "AL16-07", "--stage", "vote", "--outcome", "retenu", "--by",
        "Commission permanente", "--reason", "délibération", "--reference", "CP-2016-06-02",
        "--at", "2016-06-02")
    md = _access(folder, "AL16-07")
    assert ("Un dossier mieux classé s'est désisté le 20 mai 2016 : la place libérée vous a "
            "été attribuée.") in md
    assert "AL16-02" not in md
    en = _access(folder, "AL16-07", "en")
    assert "A better-ranked dossier withdrew on 20 May 2016: the place it freed was granted " \
           "to your dossier." in en


def test_a_place_freed_by_a_refusal(tmp_path: Path) -> None:
    # AL16-01 (1st, 27 000 €) refused by the jury: 27 000 + 1 000 = 28 000 € free, AL16-07's
    # 15 000 € fit first (AL16-05 is to check, its amount unknown)
    folder = recours_call(tmp_path, seance=False)
    run("consensus", "set", folder, "AL16-07", "ALS-4", "2", "--by", "Jury", "--reason", "r")
    run("decide", folder, "AL16-01", "--outcome", "non-retenu", "--by", "Jury", "--reason", "r")
    md = _access(folder, "AL16-07")
    assert ("Un dossier mieux classé n'a pas été retenu le 4 mai 2016 (date de la séance, non "
            "enregistrée) : la place libérée a été proposée pour votre dossier.") in md
    assert "AL16-01" not in md.split("financés")[0]


def test_two_jurors_with_one_name_get_two_letters(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(base.NAMES, "j2", "Anne Martin")
    folder = base._call(tmp_path)
    call = load_call(folder)
    doc = build_access(call, score(call), "D1", "fr")
    assert doc.pseudonyms == {"j1": "Juré A", "j2": "Juré B", "j3": "Juré C"}
    md = render_access(doc, "md").decode("utf-8").replace("\u202f", " ").replace("\u00a0", " ")
    assert "| B1 Besoin social | 2 | 3 | 2 | 4 (déport : ne compte pas) | 2,5 | 2 |" in md
    assert ("| B1 Besoin social | Juré B | Diagnostic solide, comme l'a noté [nom occulté]. |"
            in md), md
    assert "| I1 Impact | Juré A | Impact peu mesuré. |" in md
    assert "Anne Martin" not in md


def test_an_entry_by_a_member_out_of_the_room_is_said_unnamed(tmp_path: Path) -> None:
    # Bruno Petit declared an interest in D1 and left the room for it.  D1 is 3rd and on
    # the reserve with I1 at 2 (100 x (10 + 4 + 6) / 36 = 55,56, under D3's 75) as at 3
    # (63,89): the consensus moved nothing
    folder = base._call(tmp_path)
    run("consensus", "set", folder, "D1", "I1", "3", "--by", "Bruno Petit", "--reason", "r")
    md = _access(folder, "D1")
    assert ("consensus I1 : 2 → 3 ; sans effet sur la proposition (enregistrée par un membre qui "
            "avait déclaré un intérêt sur ce dossier et quitté la salle)") in md
    assert "Bruno Petit" not in md


def test_after_the_vote_the_consensus_says_what_it_did_to_the_proposal(
        tmp_path: Path) -> None:
    # s16 guide, finding 2: after the withdrawal and the vote, AL16-07 is retenu with or
    # without the consensus (the vote entry stays in the counterfactual); what the
    # consensus did is the jury's proposal: ALS-4 at 1,33 under the floor 2, not ranked;
    # at 2, 4th and the reserve (51 000 of 52 000 € taken by AL16-01 and AL16-02)
    folder = _until_withdrawal(tmp_path)
    run("decide", folder, "AL16-07", "--stage", "vote", "--outcome", "retenu", "--by",
        "Commission permanente", "--reason", "délibération", "--reference", "CP-2016-06-02",
        "--at", "2016-06-02")
    md = _access(folder, "AL16-07")
    assert ("; sans ce consensus, le jury proposait : non classé ; avec : 4ᵉ, réserve"
            in md)
    assert "sans ce consensus : retenu" not in md
    en = _access(folder, "AL16-07", "en")
    assert "; without this consensus the jury proposed: not ranked; with it: 4th, reserve" in en
