"""The experts' opinions intake writes (``opinions/*.csv`` from the platform's « avis »)
are read back as the expert typed them: a comment that starts like a formula (a French
bullet list « - budget fragile ») is escaped for spreadsheets on writing
(:func:`isgrid.io.cells.escape_cell`) and unescaped on reading, not quoted with a « ' »."""

from __future__ import annotations

import csv
import io

from isgrid.intake.mapping import AvisOpinion
from isgrid.intake.refresh import _opinions_bytes
from isgrid.io.cells import unescape_cell


def test_an_expert_comment_written_by_intake_reads_back_as_typed() -> None:
    typed = ["- budget fragile\n- équipe solide", "'=1 reste du texte", "=SOMME(A1)", "Bien"]
    data = _opinions_bytes([AvisOpinion("D1", f"e{i}", "favorable", c)
                            for i, c in enumerate(typed)])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))[1:]
    written = [r[4] for r in rows]
    # by hand: a leading « ' » before each formula-like text, one more before « '= »
    assert written == ["'- budget fragile\n- équipe solide", "''=1 reste du texte",
                       "'=SOMME(A1)", "Bien"]
    assert [unescape_cell(w) for w in written] == typed
