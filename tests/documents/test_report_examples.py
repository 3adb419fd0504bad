"""Every shipped example call renders in every kind and format (PDF for the committee)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from isgrid.call.load import load_call
from isgrid.documents.build import LEVELS
from isgrid.documents.output import render_report
from isgrid.engine import score
from report_calls import weasyprint_usable
from testpaths import EXAMPLES

EXAMPLES = sorted(p for p in (EXAMPLES).glob("*")
                  if (p / "call.yaml").is_file())


@pytest.mark.parametrize("folder", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_renders(folder: Path) -> None:
    call = load_call(folder)
    result = score(call)
    kind: Any
    for kind, levels in LEVELS.items():
        for level in levels:
            for fmt in ("html", "md"):
                docs = render_report(call, result, kind, fmt, level=level)
                assert docs and all(len(data) > 200 for _, data in docs)
    if weasyprint_usable():
        pdf = render_report(call, result, "committee", "pdf")[0][1]
        assert pdf.startswith(b"%PDF")
