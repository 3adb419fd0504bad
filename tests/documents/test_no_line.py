"""When every ranked dossier fits the budget there is no funding line, and every document
says so in the same words (:func:`isgrid.analysis.zone.no_line`): the committee report
(ranking, zone grise, budget, agenda), the tableau de séance, the agenda's distances.

``examples/alsace-2016`` with a budget of 520 000 € instead of 52 000 €: AL16-01,
AL16-02, AL16-03 and AL16-04 (86 000 €) all fit; AL16-05 (rank 3) is « à vérifier »
(its eligible costs unknown)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.agenda import build_agenda, line_value
from isgrid.documents.output import render_report
from isgrid.documents.seance import build_seance, render_seance
from isgrid.engine import score
from testpaths import EXAMPLES

NBSP = "\u00a0"
FR = (f"Pas de ligne de financement{NBSP}: tous les dossiers classés tiennent dans "
      f"l'enveloppe, aucun n'est au-dessus ni au-dessous d'une ligne. Reste à "
      f"vérifier{NBSP}: AL16-05.")
EN = ("No funding line: every ranked dossier fits the budget, none is above or below a "
      "line. Still to check: AL16-05.")


def all_funded(tmp_path: Path) -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    path = folder / "call.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nbudget: 52000\n" in text
    path.write_text(text.replace("\nbudget: 52000\n", "\nbudget: 520000\n"), encoding="utf-8")
    return folder


def section(page: str, head: str) -> str:
    return page.split(head, 1)[1].split("\n## ", 1)[0]


def test_committee_report_says_there_is_no_line(tmp_path: Path) -> None:
    call = load_call(all_funded(tmp_path))
    result = score(call)
    assert result.current is not None and result.current.line is None
    assert result.current.selected == ("AL16-01", "AL16-02", "AL16-03", "AL16-04")
    for lang, words, line, grey, agenda, why_line, no_order in (
            ("fr", FR, "Ligne de financement", "### Zone grise", "## 6. Ordre de discussion",
             "proche de la ligne de financement (", "Sans ligne, l'ordre suit le seul désaccord des jurés."),
            ("en", EN, "Funding line", "### Grey zone", "## 6. ",
             "near the funding line (",
             "Without a line, the order follows the jurors' disagreement alone.")):
        [(_, raw)] = render_report(call, result, "committee", "md", lang=lang)
        page = raw.decode("utf-8")
        assert f"**{line}**" not in page  # the ranking draws no line
        zone = section(page, grey)
        assert f"\n{words}\n" in zone
        assert "AL16-04" in zone  # one juror's level from a floor: still there...
        assert "au-dessus de la ligne" not in zone and "above the funding line" not in zone
        assert f"\n{words}\n" in section(page, "## 5. ")  # the budget
        agenda = section(page, agenda)
        assert f"\n{words} {no_order}\n" in agenda
        assert why_line not in agenda  # no distance to a line that is not there
        assert page.count(words) == 3


def test_seance_and_agenda_measure_nothing_from_a_line(tmp_path: Path) -> None:
    call = load_call(all_funded(tmp_path))
    result = score(call)
    s = build_seance(call, result, "fr")
    assert s.line_before is None and s.no_line == FR
    reasons = [r for g in s.zone_grise for r in g.reasons]
    assert len(reasons) == 2  # AL16-05's amount to check, AL16-04's floor
    assert all("au-dessus de la ligne" not in r for r in reasons)
    assert build_seance(call, result, "en").no_line == EN
    page = render_seance(call, result, "html", lang="fr").decode("utf-8")
    assert page.count(FR.replace("'", "&#39;")) == 2  # the funded table's end, the zone grise
    assert "Ligne de financement</td>" not in page
    assert line_value(call.grid.grid, result) is None
    # the séance dashboard (isgrid watch) shows the same funded table and zone grise
    res = CliRunner().invoke(cli, ["watch", str(call.folder), "-o", str(tmp_path / "w"),
                                   "--once"])
    assert res.exit_code == 0, res.output
    dashboard = (tmp_path / "w" / "index.html").read_text(encoding="utf-8")
    assert dashboard.count(FR.replace("'", "&#39;")) == 2
    entries = build_agenda(call.grid.grid, result)
    assert entries and all(e.distance is None and e.closeness == 1.0 for e in entries)
