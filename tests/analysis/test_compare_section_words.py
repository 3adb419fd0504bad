"""`compare` names a grid's sections by their labels, not their ids (review s12 grids #9).

« Sections ajoutées : demarche-porteur, recevabilite » and « (besoin-social, D1) » gave a
chargée d'études ids without accents where the grid writes « Démarche entrepreneuriale et
capacité de déploiement ».  The labels below are copied from grids/alsace-aap-2016.yaml
(its `add:` and `set:`) and grids/avise-mouves-2011.yaml; the JSON keeps the ids.
"""

from __future__ import annotations

import json

import pytest

from isgrid.analysis.compare import compare, render
from isgrid.grid.load import load_grid

NB = "\u00a0"
NNBSP = "\u202f"
BESOIN = "Besoin social et adéquation à la stratégie régionale"
DEMARCHE = "Démarche entrepreneuriale et capacité de déploiement"
RECEVABILITE = "Conditions de recevabilité (éliminatoires)"
AXE3 = "Axe 3 – Expérimentation et prise de risque"


@pytest.fixture(scope="module")
def report() -> dict:
    return compare([load_grid("avise-mouves-2011"), load_grid("alsace-aap-2016")])


def test_sections_added_removed_by_label_in_french(report: dict) -> None:
    md = render(report, "md", "fr")
    lines = md.splitlines()
    assert f"- Sections ajoutées{NB}: {DEMARCHE}{NNBSP}; {RECEVABILITE}" in lines
    assert f"- Sections retirées{NB}: {AXE3}" in lines
    # a criterion added, with its section's label: ALS-1 is in demarche-porteur, D2
    assert (f"ALS-1 Démarche créative d'entrepreneuriat social au service des finalités de "
            f"l'ESS ({DEMARCHE}, D2)") in md
    # removed: AV-3.1 was in Avise's experimentation-risque, D7
    assert f"AV-3.1 Démarche expérimentale{NB}: test en grandeur réelle avec suivi des " \
           f"résultats ({AXE3}, D7)" in md
    # a section's weight in the parameters: `sections.demarche-porteur.weight`
    assert f"  - section {DEMARCHE}, poids{NB}: - → inféré" in lines
    # a changed section: besoin-social's weight, none before (a checklist), 2 after
    assert f"  - {BESOIN}, poids{NB}: - → 2" in lines
    for sid in ("demarche-porteur", "recevabilite", "besoin-social", "experimentation-risque"):
        assert sid not in md[md.index("## Différences"):], sid


def test_sections_by_label_in_english_and_html(report: dict) -> None:
    en = render(report, "md", "en").splitlines()
    assert f"- Sections added: {DEMARCHE}; {RECEVABILITE}" in en
    assert f"  - section {DEMARCHE}, weight: - → inferred" in en
    html = render(report, "html", "fr")
    assert f"<p>Sections ajoutées{NB}: {DEMARCHE}{NNBSP}; {RECEVABILITE}</p>" in html


def test_json_keeps_the_ids(report: dict) -> None:
    d = json.loads(render(report, "json", "fr"))["diffs"][0]
    assert d["sections_added"] == ["demarche-porteur", "recevabilite"]
    assert d["section_labels"]["recevabilite"] == RECEVABILITE
    assert d["section_labels"]["experimentation-risque"] == AXE3
