"""A dossier whose every eligibility rule is met but whose eligible costs are missing
(alsace-2016's AL16-05: `unknown:eligible_costs`, rate 50 %) is « à vérifier » for its
amount: the committee report, the zone grise and the séance's « décisions à prendre » say
« montant à vérifier » and the missing fact, never « recevabilité à vérifier » nor a
« Règle à vérifier » (they did, though the fiche says every rule is « respectée »)."""

from __future__ import annotations

import html as html_lib
import io
import shutil
import zipfile
from pathlib import Path

from isgrid.call.load import load_call
from isgrid.documents.build import build_context
from isgrid.documents.output import render_report
from isgrid.documents.seance import build_seance
from isgrid.engine import score
from testpaths import EXAMPLES

COSTS = "Dépenses éligibles (prestations externes, HT)"  # the grid's label of eligible_costs
RISK = "La démarche comporte une part de risque (ALS-E1), noté par le rôle instructeur"


def _plain(s: str) -> str:
    return html_lib.unescape(s).replace("\u202f", " ").replace("\xa0", " ")


def _alsace(tmp_path: Path, *, without_risk: bool = False) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    if without_risk:  # i1 has not answered ALS-E1 for AL16-05 either: a rule to check too
        ratings = folder / "ratings" / "i1.csv"
        lines = ratings.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [x for x in lines if not x.startswith("AL16-05,i1,ALS-E1,")]
        assert len(kept) == len(lines) - 1
        ratings.write_text("".join(kept), encoding="utf-8")
    return folder


def test_the_amount_is_to_check_not_the_eligibility(tmp_path: Path) -> None:
    call = load_call(_alsace(tmp_path))
    result = score(call)
    d = result.dossier("AL16-05")
    # the engine's reading: every rule met, the amount unknown
    assert set(d.eligibility.values()) == {"pass"} and d.status == "à vérifier"
    assert list(d.flags) == ["unknown:eligible_costs"]
    ctx = build_context(call, result, "committee", "interne")
    line = next(e for e in ctx.eligibility if e.id == "AL16-05")
    assert line.unknown == [] and line.amount_missing == [COSTS]

    page = _plain(render_report(call, result, "committee")[0][1].decode("utf-8"))
    assert "<th>Règles à vérifier</th><th>Montant à vérifier (information manquante)</th>" in page
    assert (f'<td class="id">AL16-05</td><td class="title">Conciergerie solidaire de '
            f"quartier</td><td>-</td><td>{COSTS}</td>") in page
    assert f"montant à vérifier, information manquante : {COSTS}" in page  # zone grise
    assert "recevabilité à vérifier" not in page
    md = render_report(call, result, "committee", "md")[0][1].decode("utf-8")
    assert (f"- AL16-05 Conciergerie solidaire de quartier : Montant à vérifier "
            f"(information manquante) : {COSTS}") in _plain(md)
    docx = render_report(call, result, "committee", "docx")[0][1]
    body = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    assert "Montant à vérifier (information manquante)" in _plain(body)

    s = build_seance(call, result)
    grey = next(g for g in s.zone_grise if g.id == "AL16-05")
    assert [_plain(r) for r in grey.reasons] == [
        f"montant à vérifier, information manquante : {COSTS}"]
    assert [_plain(x) for x in s.todo if x.startswith("AL16-05")] == [
        f"AL16-05 : montant à vérifier avant toute décision (information manquante : {COSTS})."]
    en = build_seance(call, result, "en")
    assert [x for x in en.todo if x.startswith("AL16-05")] == [
        f"AL16-05: amount to check before any decision (missing information: {COSTS})."]
    page_en = render_report(call, result, "committee", lang="en")[0][1].decode("utf-8")
    assert "<th>Rules to check</th><th>Amount to check (missing information)</th>" in page_en


def test_a_rule_and_the_amount_to_check_are_said_apart(tmp_path: Path) -> None:
    call = load_call(_alsace(tmp_path, without_risk=True))
    result = score(call)
    assert list(result.dossier("AL16-05").flags) == ["unknown:ALS-E1", "unknown:eligible_costs"]
    line = next(e for e in build_context(call, result, "committee", "interne").eligibility
                if e.id == "AL16-05")
    assert [r.id for r in line.unknown] == ["ALS-E1"] and line.amount_missing == [COSTS]
    s = build_seance(call, result)
    grey = next(g for g in s.zone_grise if g.id == "AL16-05")
    assert [_plain(r) for r in grey.reasons] == [
        f"recevabilité à vérifier : {RISK}",
        f"montant à vérifier, information manquante : {COSTS}"]
    assert [_plain(x) for x in s.todo if x.startswith("AL16-05")] == [
        f"AL16-05 : recevabilité à vérifier avant toute décision ({RISK}).",
        f"AL16-05 : montant à vérifier avant toute décision (information manquante : {COSTS})."]
