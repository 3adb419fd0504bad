"""Scoring never imports pandas: isgrid does not use it, and importing it costs a quarter
of a second at every run (pyarrow's ``Array.to_numpy`` imports it; the ratings reader
takes the dictionary codes from Arrow's buffers instead)."""

from __future__ import annotations

import subprocess
import sys

from testpaths import EXAMPLES


def test_loading_and_scoring_leave_pandas_unimported() -> None:
    code = (
        "import sys\n"
        "from isgrid.call.load import load_call\n"
        "from isgrid.engine import score\n"
        f"r = score(load_call({str(EXAMPLES / 'alsace-2016')!r}))\n"
        "assert r.dossiers\n"
        "print('pandas' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
