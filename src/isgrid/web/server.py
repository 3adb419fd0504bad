"""The one way isgrid serves its pages: waitress, stopped cleanly by Ctrl+C or SIGTERM.

Both web applications (``isgrid serve``, the self-assessment pages, and ``isgrid jury
serve``, the jury workspace) are served here, by waitress, a production WSGI server
(Werkzeug's own server is a development server).

A server started in the background or as a service (``nohup … &``, systemd) ignores
Ctrl+C, as every program started so does; ``kill PID`` and ``systemctl stop`` send
SIGTERM, whose default action ends the process at once, in the middle of a request.
:func:`run` takes SIGTERM as Ctrl+C: the server stops accepting connections, lets the
requests being served finish (waitress waits up to five seconds for its threads), then
returns, so the command ends normally (exit status 0).
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

__all__ = ["bound_port", "build_deferred_models", "make_server", "run"]


def make_server(app: Any, host: str, port: int, threads: int = 8, *,
                behind_proxy: bool = False) -> Any:
    """A waitress server of the WSGI ``app`` bound to ``host:port`` (0: any free port;
    ``.effective_port`` is the one bound).

    ``behind_proxy``: a reverse proxy on this machine forwards the requests; its
    ``X-Forwarded-For`` and ``X-Forwarded-Proto`` are believed (from 127.0.0.1 only), so
    that sign-in attempts are limited per client, not for everyone at once.  Without it,
    such headers are removed from every request.  An address or port that cannot be
    bound is a :class:`~isgrid.errors.UsageError` (``cannot-listen``, exit 2).
    """
    from waitress.server import create_server

    from ..errors import Diagnostic, Location, Message, UsageError

    # waitress warns at every request queued behind busy threads: a jury day's bursts
    # are expected, and the access log is the reverse proxy's.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    proxy: dict[str, Any] = {}
    if behind_proxy:
        proxy = {"trusted_proxy": "127.0.0.1", "trusted_proxy_count": 1,
                 "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"}}
    try:
        return create_server(app, host=host, port=port, threads=threads,
                             ident="isgrid", clear_untrusted_proxy_headers=True, **proxy)
    except (OSError, ValueError) as exc:  # the port is taken, the address is not this
        # machine's (OSError), or the name is not an address at all (waitress: ValueError)
        error = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
        raise UsageError("cannot listen", [Diagnostic(
            "cannot-listen", Message("cannot listen on {address}: {error}",
                                     address=host + ":" + str(port), error=error),
            Location())]) from exc


def build_deferred_models() -> None:
    """Build now, before a server's threads serve, the validators pydantic builds on
    first use: the journal's ``Entry`` (``defer_build``: most commands never read a
    journal).  That first build is not safe in threads in every pydantic isgrid allows
    (from 2.6): in 2.11.0–2.11.4 a second thread could validate meanwhile with the
    parent class's validator (pydantic#11849, fixed in 2.11.5), and until 2.14 two
    concurrent builds could fail (#13419, fixed by #13438).  A journal begun while the
    workspace runs would be first read by a request's thread: the workspace's app calls
    this when it is made (:func:`isgrid.workspace.app.create_app`), however it is then
    served; the self-assessment never reads a journal."""
    from ..call.journal import Entry

    Entry.model_rebuild()


def bound_port(server: Any) -> int:
    """The port ``server`` listens on (the first, when a name such as ``localhost`` gave
    waitress two addresses, ::1 and 127.0.0.1: one socket each, one port)."""
    if hasattr(server, "effective_port"):
        return int(server.effective_port)
    return int(server.effective_listen[0][1])


@contextmanager
def _sigterm_as_ctrl_c() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt in the main thread while the block runs (signal
    handlers can only be set there; elsewhere, as in a test's thread, nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def stop(server: Any, thread: threading.Thread, timeout: float = 5.0) -> None:
    """Stop ``server``, served by ``server.run()`` in ``thread`` (a test's, a benchmark's):
    its loop closes its own sockets, in its own thread, and so ends (closing them from
    another thread leaves the loop selecting on a closed socket: an error in that thread),
    then its worker threads end."""
    from waitress import wasyncore

    sockets = server.map if hasattr(server, "map") else server._map  # several, or one
    server.trigger.pull_trigger(lambda: wasyncore.close_all(sockets))
    thread.join(timeout)
    server.task_dispatcher.shutdown(timeout=timeout)


def run(server: Any) -> None:
    """Serve until Ctrl+C or SIGTERM, then stop cleanly (see the module's docstring)."""
    try:
        with _sigterm_as_ctrl_c():
            server.run()  # waitress: Ctrl+C ends its loop and lets its threads finish
    except KeyboardInterrupt:  # pragma: no cover - a signal between two of waitress's steps
        pass
    finally:
        server.close()
