"""`grids show` says where a core flag and the verdict rule come from, in compare's words
(review s12, grids #6).

The CSESS orientations are « non hiérarchisées » (S5): that CS-1.1 is required is isgrid's
choice (`criteria.*.core: inferred`).  `grids show` printed « [essentiel, D1] sourcé S4, S3 »
(a word no other command uses, and bare beside « sourcé »), and its verdict line had no
provenance where `compare` says « [inféré · S5, S1] ».
"""

from __future__ import annotations

from isgrid.grid.load import load_grid
from isgrid.grid.view import grid_export, grid_text


def test_csess_core_flags_read_socle_inferred_and_the_rule_its_provenance() -> None:
    # version 1, kept for the calls that pin it (version 2 has no core criterion)
    loaded = load_grid("csess-2017@1")
    text = grid_text(loaded, width=200, lang="fr")
    assert "[socle (inféré), D1] sourcé S4, S3" in text
    assert "essentiel" not in text
    assert ("Verdict\u00a0: tous les critères socles remplis (la règle par défaut) "
            "[inféré · S5, S1]") in text
    crits = {c["id"]: c for s in grid_export(loaded)["sections"] for c in s["criteria"]}
    assert (crits["CS-1.1"]["core"], crits["CS-1.1"]["core_status"]) == (True, "inferred")
    assert crits["CS-2.1"]["core_status"] is None  # not core


def test_the_law_s_rule_reads_sourced() -> None:
    text = grid_text(load_grid("loi-ess-2014-art15"), width=200, lang="fr")
    assert "Verdict\u00a0: «\u00a0caractérisé\u00a0» quand [sourcé · L15]" in text
    en = grid_text(load_grid("loi-ess-2014-art15"), width=200, lang="en")
    assert "Verdict: “caractérisé” when [sourced · L15]" in en


def test_grids_show_prints_the_notes_with_french_spacing() -> None:
    """Review s12, grids #11: the grid files write plain spaces before « : ; »; compare and
    assess print the notes with U+00A0 / U+202F, `grids show` now does too (39 plain
    spaces in csess-2017's page before, none now)."""
    import re

    text = grid_text(load_grid("csess-2017"), width=80, lang="fr")
    notes = text.split("Sources")[0]  # the notes come before the sources
    assert "note\u00a0: Orientations CSESS" in notes
    assert re.findall(r"\S [;:!?»]|« \S", notes) == []
    assert "Orientations CSESS\u00a0: l'original compte 20" in text.replace("\n  ", " ")
    # English keeps the files' spaces
    assert "Orientations CSESS : l'original" in grid_text(
        load_grid("csess-2017"), width=200, lang="en")
