"""Real-browser tests: Debian's chromium driven by Playwright (shared set-up).

Playwright's own browser download does not work on these machines; the
project's ``run`` script installs Debian's ``chromium``; the ``browser`` fixture
(tests/conftest.py) launches it with the flags a sandboxed CI needs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

#: ``pytestmark`` of every real-browser test module.
MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (/usr/bin/chromium)"),
]
