"""The minutes' footer names the grid's version in words, « version » included."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.clirun import run

from isgrid import __version__
from isgrid.build import code_fingerprint

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"


def test_the_minutes_footer_says_the_grid_version_in_words(tmp_path: Path) -> None:
    call = tmp_path / "alsace"
    shutil.copytree(EXAMPLE, call)
    out = tmp_path / "pv.html"
    run("--lang", "fr", "minutes", call, "-o", out)
    footer = re.search(r'<footer class="annex">(.*?)</footer>', out.read_text("utf-8"))
    assert footer is not None
    # the example's call.yaml changes its grid (« 1+call » in the result): said in words
    # the build that wrote it too (isgrid.build: review audit, finding 1)
    assert footer.group(1) == (f"isgrid {__version__} (code {code_fingerprint()[:12]}) · "
                               "alsace-aap-2016 version 1, "
                               "adaptée par l&#39;appel")
