"""GNU ``msgfmt -c`` accepts the French catalogue (translators' tools and distributions
check a ``.po`` with it; Python's gettext does not).  An entry whose French writes
``{de_x}`` for the English ``{x}`` (« de » elided, :func:`isgrid.i18n.de_name`) is marked
``no-python-brace-format``: msgfmt would refuse the argument the English does not have,
and ``test_cli_i18n.py`` checks those placeholders itself."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from i18n_messages import PO

MSGFMT = shutil.which("msgfmt")


@pytest.mark.skipif(MSGFMT is None, reason="msgfmt (GNU gettext) is not installed: "
                    "apt-get install gettext (./run test installs it as root on Debian)")
def test_msgfmt_check_accepts_the_french_catalogue() -> None:
    assert MSGFMT is not None
    done = subprocess.run([MSGFMT, "-c", "-o", "/dev/null", str(PO)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_every_elided_entry_is_marked_not_brace_format() -> None:
    """The rule in one place: an entry whose French writes ``{de_`` carries the flag
    ``no-python-brace-format`` and not ``python-brace-format`` (checked without msgfmt)."""
    entries = PO.read_text(encoding="utf-8").split("\n\n")
    elided = [e for e in entries if "\nmsgstr" in e and "{de_" in e.split("\nmsgstr", 1)[1]]
    assert len(elided) >= 27
    for entry in elided:
        flags = [x.strip() for line in entry.splitlines() if line.startswith("#,")
                 for x in line[2:].split(",")]
        assert "no-python-brace-format" in flags and "python-brace-format" not in flags, entry
