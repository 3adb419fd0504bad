"""French output on a stream whose encoding cannot write it (review windows, #8).

On Windows, output redirected to a file or a pipe is encoded in the ANSI code page
(cp1252 on a French Windows) or the console's OEM one (cp850): neither has the narrow
no-break space isgrid writes before « ; : ! ? », cp850 not even the euro. Every French
line ended in an internal error and an empty file. Emulated here with PYTHONIOENCODING,
which sets the same encoding on Linux.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from testpaths import EXAMPLES, ROOT


@pytest.mark.parametrize("encoding", ["cp1252", "cp850", "ascii"])
def test_french_output_survives_a_narrow_stream(encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run([sys.executable, "-m", "isgrid", "--lang", "fr", "score",
                          str(EXAMPLES / "alsace-2016")], capture_output=True, env=env,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    out = run.stdout.decode("utf-8")  # written in UTF-8, as isgrid's files are
    # the example's ranking, worked out in its README: AL16-01 first, 84,8
    assert "AL16-01" in out and "84,8" in out
    assert "€" in out  # (27 000 € proposed to AL16-01: the euro cp850 lacks)
    assert "erreur interne" not in run.stderr.decode("utf-8", "replace")


def test_a_stream_that_can_write_french_is_left_as_it_is() -> None:
    from isgrid.cli.main import speakable

    class Stream:
        encoding = "utf-8"

        def reconfigure(self, **kw: object) -> None:
            raise AssertionError("reconfigured a stream that could write French")

    speakable(Stream())
