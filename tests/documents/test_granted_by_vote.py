"""« attribué » read from the engine (:attr:`DossierResult.granted_by_vote`) by every
document: after a jury-stage ``retenu --amount`` and before any vote the amount is the
jury's proposal (« proposé »), never « attribué »; the vote grants it.  ``isgrid score``'s
table (``shown_amount``) called it granted as soon as a decision held it, the committee
report, the fiches, the minutes and the séance dashboard put it in their « Attribué »
column (they read ``decision.outcome``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from clirun import norm, run
from isgrid.call.load import load_call
from isgrid.documents.minutes import build_minutes
from isgrid.documents.text import shown_amount
from isgrid.engine import score
from isgrid.web.watch import dashboard_rows
from testpaths import EXAMPLES
from votecalls import vote


def _jury_amount(tmp_path: Path) -> Path:
    """alsace-2016, AL16-02 (retenu in the proposal, 24 000 € asked and proposed) retenu
    by the jury for 12 000 €, no vote yet."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    run("decide", folder, "AL16-02", "--stage", "jury", "--outcome", "retenu",
        "--amount", "12000", "--by", "président", "--reason", "jury")
    return folder


def _committee_row(folder: Path, tmp_path: Path) -> str:
    target = tmp_path / "c.md"
    run("report", folder, "--kind", "committee", "--format", "md", "-o", target)
    md = norm(target.read_text(encoding="utf-8"))
    # the ranking's row: …| requested | proposed | granted | flags |
    return next(x for x in md.splitlines() if x.startswith("| 2 | AL16-02 |") and "€" in x)


def _fiche(folder: Path, tmp_path: Path) -> str:
    target = tmp_path / "f.md"
    run("report", folder, "--kind", "fiches", "--format", "md", "-o", target)
    return norm(target.read_text(encoding="utf-8")).split("(AL16-02)", 1)[1].split("\n## ")[0]


def test_a_jury_amount_is_proposed_everywhere(tmp_path: Path) -> None:
    folder = _jury_amount(tmp_path)
    call = load_call(folder)
    res = score(call)
    d = res.dossier("AL16-02")
    assert not d.granted_by_vote
    assert (d.amount_proposed, d.amount_granted) == (12000, None)
    assert shown_amount(d) == ("proposed", 12000)  # was ("granted", 12000)
    assert "| 24 000 € | 12 000 € | - |" in _committee_row(folder, tmp_path)
    assert "Demandé : 24 000 € · Proposé : 12 000 € · Attribué : -" in _fiche(folder, tmp_path)
    rows = {r["id"]: r for r in build_minutes(call, res, "pv")["ranking"]}
    assert (rows["AL16-02"]["proposed"], rows["AL16-02"]["granted"]) == (12000, None)
    web = {r["id"]: r for r in dashboard_rows(res, "fr")}
    assert (web["AL16-02"]["proposed"], web["AL16-02"]["granted"]) == (12000, None)


def test_the_vote_grants_it(tmp_path: Path) -> None:
    folder = _jury_amount(tmp_path)
    vote(folder, "AL16-02")
    call = load_call(folder)
    res = score(call)
    d = res.dossier("AL16-02")
    assert d.granted_by_vote
    # the vote keeps the jury's 12 000 €, and « proposé » stays what the jury proposed:
    # not the rules' 24 000 € again, which read as a jury's 24 000 € the vote cut (review
    # s11 rev-chair F3; before the vote the same column said 12 000 €)
    assert (d.amount_proposed, d.amount_granted) == (12000, 12000)
    assert shown_amount(d) == ("granted", 12000)
    assert "| 24 000 € | 12 000 € | 12 000 € |" in _committee_row(folder, tmp_path)
    assert "Demandé : 24 000 € · Proposé : 12 000 € · Attribué : 12 000 €" in _fiche(
        folder, tmp_path)
    rows = {r["id"]: r for r in build_minutes(call, res, "pv")["ranking"]}
    assert (rows["AL16-02"]["proposed"], rows["AL16-02"]["granted"]) == (12000, 12000)
    web = {r["id"]: r for r in dashboard_rows(res, "fr")}
    assert (web["AL16-02"]["proposed"], web["AL16-02"]["granted"]) == (12000, 12000)
