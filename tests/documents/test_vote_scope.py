"""A vote decides dossier by dossier, not the whole call (docs/decisions.md, "Which
dossiers a vote decides").  alsace-2016 proposes AL16-01 (27 000 €) and AL16-02
(24 000 €), the reserve AL16-03 (15 000 €) and AL16-04 (20 000 €); AL16-05 is to check,
AL16-06 irrecevable, AL16-07 and AL16-08 non classés: eight dossiers.

Found by the French-guide review: after ``isgrid decide CALL AL16-03 --stage vote
--outcome retenu --votes 10/0/1`` alone, the committee report said « Un vote est
enregistré : les statuts sont des décisions » for all eight, the tableau de séance showed
AL16-01 and AL16-02 « retenu » as if decided, and the letter to a dossier decided at the
jury's stage only gave the deliberation's reference and the « voies de recours »."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.engine import score
from votecalls import example, run, vote

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture
def partial(tmp_path: Path) -> Path:
    """The vote under way: AL16-03 voted, nothing else."""
    folder = example(tmp_path)
    vote(folder, "AL16-03")
    return folder


def documents(folder: Path, kind: str, fmt: str = "md", **kw: str) -> dict[str, str]:
    call = load_call(folder)
    return {k: v.decode("utf-8") for k, v in
            render_report(call, score(call), kind, fmt, **kw)}  # type: ignore[arg-type]


def test_the_committee_report_says_what_the_vote_decided(partial: Path) -> None:
    [page] = documents(partial, "committee").values()
    assert ("> Un vote est enregistré pour une partie des dossiers" + NBSP + ": 1 dossier sur "
            "8 est décidé" + NNBSP + "; les statuts des autres restent des propositions du "
            "jury. Le résultat calculé reste affiché à côté.\n") in page
    assert "les statuts sont des décisions" not in page
    # not « Décision », nor « Proposition du jury » once a vote decided a status
    assert "· Décisions en cours de vote ·" in page and "Proposition du jury ·" not in page
    rows = {m.group(1): line for line in page.splitlines()  # the ranking: rank, id, title, total
            if (m := re.match(r"\| \d \| (AL16-\d\d) \| [^|]+ \| \d+,\d \|", line))}
    assert "| proposé (retenu) |" in rows["AL16-01"] and "| proposé (retenu) |" in rows["AL16-02"]
    assert "| proposé en réserve |" in rows["AL16-04"]
    assert "| retenu" + NNBSP + "; décision enregistrée" in rows["AL16-03"]
    [english] = documents(partial, "committee", lang="en").values()
    assert ("> A vote is recorded for part of the dossiers: 1 dossier of 8 is decided; the "
            "statuses of the others remain proposals of the jury. The computed outcome is "
            "shown beside them.\n") in english


def test_the_tableau_de_seance_marks_what_is_not_voted(partial: Path) -> None:
    from isgrid.documents.seance import build_seance

    call = load_call(partial)
    seance = build_seance(call, score(call), "fr")
    funded = {x.id: (x.status_label, x.decided) for x in seance.funded}
    assert funded == {"AL16-01": ("proposé (retenu)", False),
                      "AL16-02": ("proposé (retenu)", False),
                      "AL16-03": ("retenu", True)}
    from isgrid.documents.seance import render_seance

    html = render_seance(call, score(call), "html").decode("utf-8")
    # AL16-03, proposed in the reserve, voted « retenu »: against the proposal, in words
    assert ("<td class=\"state\">proposé (retenu)</td>" in html
            and "<td class=\"state\">retenu · <span class=\"over\">décidé ≠ proposé</span>"
                "</td>" in html)


def test_the_dashboard_marks_what_is_not_voted(partial: Path) -> None:
    from isgrid.documents.context import Builder
    from isgrid.web.watch import dashboard_rows

    call = load_call(partial)
    result = score(call)
    rows = {r["id"]: r["status_label"] for r in dashboard_rows(
        result, "fr", Builder(call, result, "committee", "interne", "fr"))}
    assert rows["AL16-01"] == "proposé (retenu)" and rows["AL16-03"] == "retenu"
    assert rows["AL16-04"] == "proposé en réserve"


def test_a_letter_cites_the_deliberation_only_where_its_dossier_was_decided(
        partial: Path) -> None:
    letters = documents(partial, "feedback")
    voted, jury = letters["AL16-03"], letters["AL16-05"]
    assert "**Décision" + NBSP + ": dossier retenu.**" in voted
    assert "CP-2016-05-12" in voted and "recours gracieux" in voted
    # AL16-05: « non retenu » at the jury's stage, while the vote is under way
    assert "**Proposition du jury" + NBSP + ": dossier non retenu.**" in jury
    assert "Ce courrier ne vaut pas décision." in jury
    for word in ("CP-2016-05-12", "recours", "Décision"):
        assert word not in jury, word
    reserve = letters["AL16-04"]
    assert "**Proposition du jury" + NBSP + ": dossier placé sur la liste de réserve.**" \
        in reserve and "CP-2016-05-12" not in reserve


def test_the_minutes_and_the_score_table_say_it(partial: Path) -> None:
    from isgrid.documents.minutes import render_minutes
    from isgrid.documents.score_outputs import score_table

    call = load_call(partial)
    result = score(call)
    page = render_minutes(call, result, "pv", "html").decode("utf-8")
    assert ('<p class="notice">Décisions enregistrées lors du vote pour 1 dossier sur 8'
            + NNBSP + "; les statuts des autres restent des propositions du jury.</p>") in page
    table = score_table(result, "fr")
    assert ("Un vote est enregistré pour une partie des dossiers" + NBSP + ": 1 dossier sur 8 "
            "est\ndécidé" + NNBSP + "; les statuts des autres restent des propositions du "
            "jury.\n") in table


def test_after_a_withdrawal_the_others_stay_decided(tmp_path: Path) -> None:
    """The list voted, then AL16-02 withdrawn and AL16-03 proposed in its place: seven
    statuses are decisions, AL16-03's a proposition."""
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    [page] = documents(folder, "committee").values()
    assert ("> Un vote est enregistré pour une partie des dossiers" + NBSP + ": 7 dossiers sur "
            "8 sont décidés" + NNBSP + "; les statuts des autres restent des propositions du "
            "jury.") in page
    letters = documents(folder, "feedback")
    assert "**Décision" + NBSP + ": dossier non retenu.**" in letters["AL16-05"]
    assert "CP-2016-05-12" in letters["AL16-05"] and "recours" in letters["AL16-05"]
    assert "**Proposition du jury" + NBSP + ": dossier retenu.**" in letters["AL16-03"]
    assert "CP-2016-05-12" not in letters["AL16-03"]


def test_the_seance_lists_what_the_vote_has_still_to_decide(tmp_path: Path) -> None:
    """« Décisions à prendre » names the proposed dossiers (retenu, réserve) that no vote
    decided, by the rule the other documents read: all four before the vote; three once
    AL16-01 is voted; none once the list (AL16-01, AL16-02) is voted, since its adoption
    decides the reserve too."""
    from isgrid.documents.seance import build_seance

    folder = example(tmp_path)

    def todo() -> list[str]:
        call = load_call(folder)
        return [t for t in build_seance(call, score(call), "fr").todo if "voté" in t]

    assert todo() == ["4 dossiers proposés et pas encore votés" + NBSP
                      + ": AL16-01, AL16-02, AL16-03, AL16-04."]
    vote(folder, "AL16-01")
    assert todo() == ["3 dossiers proposés et pas encore votés" + NBSP
                      + ": AL16-02, AL16-03, AL16-04."]
    vote(folder, "AL16-02")
    assert todo() == []


def test_the_committee_reports_counts_say_what_is_decided(partial: Path) -> None:
    """AL16-03 voted alone: of the three retained dossiers (AL16-01, AL16-02 proposed,
    AL16-03 voted) one is decided, two still proposed; AL16-04 (réserve) and AL16-05 (non
    retenu at the jury's stage) are propositions; 1 + 2 + 1 + 1 + 2 + 1 = 8.  The counts
    read « proposés (retenus) 3 »."""
    [page] = documents(partial, "committee").values()
    assert ("- Dossiers" + NBSP + ": 8 · retenu 1 · proposés (retenus) 2 · proposé en réserve "
            "1 · non proposé 1 · non classés 2 · irrecevable 1\n") in page
    [html] = documents(partial, "committee", fmt="html").values()
    cards = re.findall(r'<div class="card"><b>([^<]*)</b>([^<]*)</div>', html)
    assert ("1", "retenu") in cards and ("2", "proposés (retenus)") in cards
    [english] = documents(partial, "committee", lang="en").values()
    assert "· selected 1 · proposed (selected) 2 · proposed for the reserve 1 ·" in english
    # the list voted: AL16-01, AL16-02, AL16-03 all decided, one count again
    vote(partial, "AL16-01")
    vote(partial, "AL16-02")
    [page] = documents(partial, "committee").values()
    assert ("- Dossiers" + NBSP + ": 8 · retenus 3 · réserve 1 · non retenu 1 · non classés 2 "
            "· irrecevable 1\n") in page


def test_a_dossier_to_check_is_no_decision_of_the_list(tmp_path: Path) -> None:
    """AL16-05 left « à vérifier » (its eligible costs unknown) and the list (AL16-01,
    AL16-02) voted: the reserve AL16-03, AL16-04 and the others are decided by the
    deliberation, AL16-05 is not: 7 statuses of 8 are decisions, its letter is a
    proposition asking for the missing pieces, with no deliberation and no appeal.  It
    read « Décision : dossier à vérifier. » with « Délibération : CP-2016-05-12 »."""
    folder = example(tmp_path, to_check=True)
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    [page] = documents(folder, "committee").values()
    # the one dossier left is to check, not proposed: the notice names it (it said « les
    # statuts des autres restent des propositions du jury »)
    assert ("> Un vote est enregistré pour une partie des dossiers" + NBSP + ": 7 dossiers sur "
            "8 sont décidés" + NNBSP + "; reste à vérifier" + NBSP + ": AL16-05.") in page
    assert "· Décisions en cours de vote ·" in page  # 7 of 8: the vote is under way
    assert ("- Dossiers" + NBSP + ": 8 · retenus 2 · en réserve 2 · non classés 2 · à vérifier "
            "1 · irrecevable 1\n") in page
    letters = documents(folder, "feedback")
    tocheck = letters["AL16-05"]
    assert "**Proposition du jury" + NBSP + ": dossier à vérifier.**" in tocheck
    assert "Ce courrier ne vaut pas décision." in tocheck
    assert ("Merci de nous transmettre les pièces ou informations manquantes indiquées "
            "ci-dessus" + NBSP + ": votre dossier sera alors examiné.") in tocheck
    for word in ("CP-2016-05-12", "Délibération", "recours", "Décision", "12 mai 2016"):
        assert word not in tocheck, word
    reserve = letters["AL16-04"]  # decided by the list's adoption
    assert "**Décision" + NBSP + ": dossier placé sur la liste de réserve.**" in reserve
    assert "CP-2016-05-12" in reserve and "recours" in reserve
    from isgrid.documents.minutes import render_minutes

    call = load_call(folder)
    pv = render_minutes(call, score(call), "pv", "html").decode("utf-8")
    assert ('<p class="notice">Décisions enregistrées lors du vote pour 7 dossiers sur 8'
            + NNBSP + "; reste à vérifier" + NBSP + ": AL16-05.</p>") in pv


def test_a_withdrawal_is_never_shown_as_a_decision_of_the_jury(tmp_path: Path) -> None:
    """The committee report showed a withdrawn dossier as « décision enregistrée : retiré
    (jury) » (found by the review): a withdrawal is the applicant's."""
    folder = example(tmp_path)
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    [page] = documents(folder, "committee").values()
    [row] = [line for line in page.splitlines() if line.startswith("| 2 | AL16-02 |")]
    assert "| retiré" + NNBSP + "; décision enregistrée" + NBSP + ": retrait à la demande du " \
        "porteur (calculé" + NBSP + ": retenu) |" in row
    assert "(jury)" not in row
    [english] = documents(folder, "committee", lang="en").values()
    assert "withdrawn at the applicant's request" in english


def test_the_summary_counts_every_status(tmp_path: Path) -> None:
    """An « ajourné » dossier was missing from the committee report's counts (the order of
    statuses documents count lacked it, found by a helper): every status is counted, and
    the counts add up to the call's eight dossiers."""
    from isgrid.vocabulary import STATUS_ORDER, Status

    assert sorted(STATUS_ORDER) == sorted(Status) and len(set(STATUS_ORDER)) == len(Status)
    folder = example(tmp_path)  # AL16-05 decided « non retenu » at the jury's stage
    run("decide", folder, "AL16-04", "--outcome", "ajourné", "--by", "Jury",
        "--reason", "pièces à compléter")
    [page] = documents(folder, "committee").values()
    [line] = [x for x in page.splitlines() if x.startswith("- Dossiers" + NBSP + ": 8 · ")]
    assert "ajourné 1" in line
    counts = [int(part.rsplit(" ", 1)[1]) for part in line.split(" · ")[1:]]
    assert sum(counts) == 8, line
