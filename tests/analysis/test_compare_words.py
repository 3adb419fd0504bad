"""What an agency reads in ``isgrid compare`` (found walking docs/fr/comparer-des-grilles.md).

- the opening sentence points to what an agency can open (``grids/dimensions.yaml``,
  docs/compare.md), not to research notes it does not have;
- the checklists' verdict rules are headed with the mode's one name, « grille de
  caractérisation (liste de critères) » (common.json ``mode.checklist``);
- one grid and its call: nothing to project, so no projection section, and the JSON's
  ``projection`` is null (as without calls); the calls' section is headed for one call,
  not « Les mêmes dossiers jugés avec plusieurs grilles » over a single call.
"""

from __future__ import annotations

import html
import json
import shutil
from typing import Any

import pytest

from isgrid.analysis.compare import compare, render
from isgrid.call.load import load_call
from isgrid.grid.load import load_grid
from testpaths import EXAMPLES

NBSP, NNBSP = "\u00a0", "\u202f"

#: Worked out by hand: French spacing (no-break space before « : », inside « »).
INTRO = {
    "fr": ("Grilles comparées sur les dix dimensions communes D1 à D10, définies sous "
           f"«{NBSP}Couverture des dimensions{NBSP}» (dans isgrid{NBSP}: le fichier "
           "grids/dimensions.yaml, et la méthode dans docs/compare.md)."),
    "en": ("Grids compared on the ten shared dimensions D1 to D10, defined under "
           "“Dimension coverage” (in isgrid: the file grids/dimensions.yaml, and the "
           "method in docs/compare.md)."),
}
VERDICT_HEADING = {
    "fr": f"Règles du verdict des grilles de caractérisation (listes de critères){NBSP}:",
    "en": "Verdict rules of the characterisation checklists:",
}
PROJECTION = {"fr": "Projection d'une grille sur une autre (approximation)",
              "en": "Projection of one grid onto another (approximation)"}


@pytest.fixture(scope="module")
def two_grids() -> dict[str, Any]:
    # loi-ess-2014-art15 is a checklist with a verdict rule; csess-2017@1 a checklist too
    return compare([load_grid("csess-2017@1"), load_grid("loi-ess-2014-art15")], [])


def _with_paragraph(report: dict[str, Any], lang: str, paragraph: str,
                    then: str = "") -> tuple[str, str]:
    """The report in Markdown and in HTML, once checked that both hold ``paragraph`` as a
    paragraph of its own (in Markdown, followed by ``then``)."""
    md, page = render(report, "md", lang), render(report, "html", lang)
    assert f"\n\n{paragraph}\n\n{then}" in md
    assert f"<p>{paragraph}</p>" in html.unescape(page)
    return md, page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_opening_points_to_what_an_agency_can_open(two_grids: dict[str, Any],
                                                      lang: str) -> None:
    for text in _with_paragraph(two_grids, lang, INTRO[lang]):
        assert "recherche, §" not in text and "research notes" not in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_verdict_rules_use_the_modes_one_name(two_grids: dict[str, Any],
                                                 lang: str) -> None:
    md, _ = _with_paragraph(two_grids, lang, VERDICT_HEADING[lang], "- **csess-2017@1**")
    assert "listes de contrôle" not in md and "Verdict rules of the checklists" not in md


@pytest.fixture(scope="module")
def one_grid_and_its_call(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("one") / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    call = load_call(folder)
    return compare([load_grid("alsace-aap-2016")], [call])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_grid_and_its_call_have_nothing_to_project(one_grid_and_its_call: dict[str, Any],
                                                      lang: str) -> None:
    rep = one_grid_and_its_call
    assert rep["calls"] is not None and rep["projection"] is None
    assert json.loads(render(rep, "json", lang))["projection"] is None
    md = render(rep, "md", lang)
    page = html.unescape(render(rep, "html", lang))
    for text in (md, page):
        assert PROJECTION[lang] not in text
        assert "pproximation" not in text  # the notice neither
    # the document ends with the calls: the last section is the call's line, then its
    # results as the engine gave them
    assert "(appel), 8 dossiers\n" in md
    assert md.rstrip("\n").splitlines()[-1].startswith("| alsace-aap-2016@1 (appel) | 8 | 7 | 5 |")


#: Worked out by hand: the section of one call, with French spacing before « : ».
ONE_CALL = {
    "fr": ("Les dossiers de l'appel jugés avec sa grille",
           f"Un seul appel{NBSP}: aucun autre appel auquel rapprocher ses dossiers."),
    "en": ("The call's dossiers judged under its grid",
           "One call only: no other call to match its dossiers with."),
}
SEVERAL = {"fr": "Les mêmes dossiers jugés avec plusieurs grilles",
           "en": "The same dossiers judged under several grids"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_grid_and_its_call_are_headed_for_one_call(one_grid_and_its_call: dict[str, Any],
                                                      lang: str) -> None:
    heading, intro = ONE_CALL[lang]
    md = render(one_grid_and_its_call, "md", lang)
    page = html.unescape(render(one_grid_and_its_call, "html", lang))
    assert f"\n## {heading}\n\n{intro}\n\n- alsace-aap-2016@1" in md
    assert f"<h2>{heading}</h2>\n<p>{intro}</p>" in page
    for text in (md, page):
        assert SEVERAL[lang] not in text
        assert "rapprochés par identifiant" not in text and "matched by id" not in text


@pytest.mark.parametrize(("msgid", "french"), [
    ("Thresholds and floors belong to scored grids; core criteria to checklist grids.",
     "Les seuils et planchers concernent les grilles notées\u202f; les critères socles, les "
     "grilles de caractérisation (listes de critères)."),
    ("only checklist grids have core criteria ({criterion})",
     "seules les grilles de caractérisation (listes de critères) ont des critères socles "
     "({criterion})"),
])
def test_the_command_lines_messages_use_the_modes_one_name(msgid: str, french: str) -> None:
    """The gettext catalog names the mode as common.json does (not « grilles à liste de
    contrôle », « grilles checklist »), and the core criterion « critère socle »."""
    from isgrid.i18n import gettext, translator

    assert gettext(msgid, "fr") == french
    mode = translator("common", "fr")("mode.checklist")
    assert mode == "grille de caractérisation (liste de critères)"
