"""One word for one status across documents (session 19, compare19 item 2).

``isgrid compare`` said « retenu » of a dossier the committee report calls « proposé
(retenu) »: the jury's proposition, no vote recorded on it yet.  Both now say a status
through one rule (``documents.text.status_said``, on the engine's
``Result.decided_by_vote``): « retenu » once the vote decided it, « proposé (retenu) »,
« proposé en réserve », « non proposé » until then.

alsace-2016 proposes AL16-01 and AL16-02, the reserve AL16-03 and AL16-04
(tests/engine/test_decided_by_vote.py); here AL16-03 is voted « retenu » (a vote on one
dossier decides that dossier only), AL16-05 decided « non retenu » at the jury's stage (not a
vote: still said as a proposition)."""

from __future__ import annotations

from pathlib import Path

from isgrid.analysis.compare import compare, render
from isgrid.call.load import load_call
from isgrid.documents.build import build_context
from isgrid.engine import score
from isgrid.grid.load import load_grid
from votecalls import example, vote


def test_compare_says_each_status_as_the_committee_report(tmp_path: Path) -> None:
    folder = example(tmp_path)
    vote(folder, "AL16-03")
    call = load_call(folder)
    result = score(call)
    # the call given twice: two editions of one call, compared dossier by dossier
    report = compare([load_grid("alsace-aap-2016")], [call, call])
    (pair,) = report["calls"]["pairs"]
    rows = {x["dossier"]: x for x in pair["ranks"]}
    assert [(i, rows[i]["status_a"], rows[i]["decided_a"]) for i in
            ("AL16-01", "AL16-03", "AL16-04", "AL16-05")] == [
        ("AL16-01", "retenu", False), ("AL16-03", "retenu", True),
        ("AL16-04", "réserve", False), ("AL16-05", "non retenu", False)]
    md = render(report, "md", "fr").replace("\u202f", " ").replace("\xa0", " ")
    # the pair's rows (dossier, ranks, statuses, totals, gap): the first call's status
    cells = [line.split(" | ") for line in md.splitlines() if line.startswith("| AL16-")]
    said = {c[0].strip("| "): c[3] for c in cells if len(c) == 8}
    # the editions' rows (the earlier edition's status, last): the same words
    assert {c[0].strip("| "): c[4].rstrip(" |") for c in cells if len(c) == 5} == said
    assert said == {"AL16-01": "proposé (retenu)", "AL16-02": "proposé (retenu)",
                    "AL16-03": "retenu", "AL16-04": "proposé en réserve",
                    "AL16-05": "non proposé", "AL16-06": "irrecevable",
                    "AL16-07": "non classé", "AL16-08": "non classé"}
    # the committee report's ranking says the same word for each dossier
    ranking = build_context(call, result, "committee", "interne", "fr").ranking
    assert {x.id: x.status_label for x in ranking} == said
    en = render(report, "md", "en")
    assert "| AL16-04 | 5 | 5 | proposed for the reserve | proposed for the reserve |" in en
    assert "| AL16-03 | 4 | 4 | selected | selected |" in en
