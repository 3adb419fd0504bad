"""The minutes' ranking keeps what the procedure gave a dossier that withdrew: the amount
the jury proposed and the grant its vote made, as the annex of that deliberation says
(found by a review: « Proposé - », « Attribué - » for T2 of cd67, voted and then withdrawn).

The call (tests/decisions_calls.py): D2 (total 87,5, 2nd) asks 15 000 € and is proposed
15 000 €; D5 (62,5, 5th) asks 8 000 € and is first on the reserve (D3 and D4 tied at the
line).  The Commission permanente votes D1 « retenu » and D2 « retenu » for 12 000 €
(lines 1 and 2); D2 withdraws (line 3), and D5, on the reserve, withdraws too (line 4),
never voted: it keeps « Proposé - » (tests/documents/test_amounts_shown.py).
"""

from __future__ import annotations

from pathlib import Path

from test_vote_reference import words

from clirun import run
from decisions_calls import seance_call

EUR = "\u202f€"


def test_a_withdrawn_dossier_keeps_its_proposed_and_voted_amounts(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    run("decide", folder, "D1", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "vote")
    run("decide", folder, "D2", "--stage", "vote", "--outcome", "retenu", "--amount", "12000",
        "--by", "CP", "--reason", "vote")
    for did in ("D2", "D5"):
        run("withdraw", folder, did, "--by", "Secrétariat", "--reason", "renonciation")
    out = tmp_path / "pv.html"
    run("--lang", "fr", "minutes", folder, "--kind", "pv", "-o", out)
    text = words(out.read_text(encoding="utf-8")).replace(EUR, " €")
    # rank, dossier, title, total, computed, jury, vote, status, requested, proposed, granted
    assert ("2 D2 Projet D2 87,5 retenu - retenu retiré 15 000 € 15 000 € 12 000 €"
            in text), text
    # withdrawn before any vote retained it: proposed nothing any more (as before)
    assert "5 D5 Projet D5 62,5 réserve - - retiré 8 000 € - -" in text, text
    annex = tmp_path / "annexe.html"
    run("--lang", "fr", "minutes", folder, "--kind", "cp-annex", "--reference",
        "CP-2026-04-117", "-o", annex)
    said = words(annex.read_text(encoding="utf-8")).replace(EUR, " €")
    assert "D2 Structure D2 Projet D2 12 000 €" in said, said
