"""An export without the « État du dossier » column is refused, never taken in as
« en instruction ».

Found by a review (an instructeur): a custom export template titled the state column
« Statut »; intake took every dossier in as « en instruction » — the draft « en
construction » sent to the jurors, the accepted one's file now saying « en instruction ».
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dnexport import export_sheets, make_intake_call, write_xlsx
from isgrid.errors import CallError
from isgrid.intake.refresh import refresh


def test_a_renamed_state_column_is_an_error_at_the_header_and_nothing_is_written(
        tmp_path: Path) -> None:
    call = make_intake_call(tmp_path / "call")
    sheets = export_sheets()
    header = sheets["Dossiers"][0]
    col = header.index("État du dossier")
    header[col] = "Statut"
    with pytest.raises(CallError) as err:
        refresh(call, export=write_xlsx(tmp_path / "e.xlsx", sheets))
    [d] = [d for d in err.value.diagnostics if d.code == "intake-source"]
    assert "État du dossier" in str(d.message)
    assert (d.location.sheet, d.location.cell) == ("Dossiers", "A1")
    assert not (call / "dossiers").exists() or not list((call / "dossiers").iterdir())
