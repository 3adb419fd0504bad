"""A server a test (or a benchmark) runs in a thread is stopped by
:func:`isgrid.web.server.stop`: its loop ends, in its own thread, and its worker threads
end. Closing it from the test's thread (``srv.close()``, as tests/benchmark/
test_bench_jury_web.py did) left its worker threads waiting and could leave the loop
selecting on a closed socket: a PytestUnhandledThreadExceptionWarning at the end of the
run."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any

from isgrid.web.server import make_server, stop


def _app(environ: dict[str, Any], start: Callable[..., Any]) -> Iterable[bytes]:
    start("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def test_stop_ends_the_loop_and_the_workers() -> None:
    raised: list[BaseException | None] = []
    previous = threading.excepthook
    threading.excepthook = lambda args: raised.append(args.exc_value)
    try:
        srv: Any = make_server(_app, "127.0.0.1", 0, threads=2)
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        with urllib.request.urlopen(f"http://127.0.0.1:{srv.effective_port}/") as resp:
            assert resp.read() == b"ok"
        assert len(srv.task_dispatcher.threads) == 2
        stop(srv, thread)
        assert not thread.is_alive()
        assert not srv.task_dispatcher.threads  # its 2 workers ended too
        assert raised == []
    finally:
        threading.excepthook = previous
