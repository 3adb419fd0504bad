"""The progress line: shown on a terminal after the delay, never on a pipe, erased at the end."""

from __future__ import annotations

import io
import time

from isgrid.progress import progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal() -> None:
    out = io.StringIO()
    with progress(out, delay=0.0) as p:
        p.stage("calcul")
        time.sleep(0.5)
    assert out.getvalue() == ""


def test_shown_on_a_terminal_then_erased() -> None:
    out = FakeTTY()
    with progress(out, delay=0.0) as p:
        p.stage("calcul")
        time.sleep(0.6)
    text = out.getvalue()
    assert "isgrid: calcul" in text
    assert text.endswith("\r" + " " * 79 + "\r")


def test_quiet_for_short_runs_on_a_terminal() -> None:
    out = FakeTTY()
    with progress(out, delay=5.0) as p:
        p.stage("calcul")
        time.sleep(0.3)
    assert out.getvalue() == ""
