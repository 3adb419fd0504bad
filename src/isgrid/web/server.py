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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

__all__ = ["LOCAL_PROXY", "bound_port", "build_deferred_models", "log_to_stderr",
           "make_server", "proxy_address", "run"]

log = logging.getLogger("isgrid.web.server")

#: The reverse proxy's address when nothing names another: a proxy on this machine.
LOCAL_PROXY = "127.0.0.1"


def proxy_address(raw: str) -> str:
    """The address given to ``--trusted-proxy``, checked: one IP address (IPv4 or IPv6),
    as the proxy's requests arrive from it; a name, a network or ``*`` is refused (every
    client could then pose as any other).  A :class:`ValueError` says why."""
    import ipaddress

    return str(ipaddress.ip_address(raw.strip()))


def make_server(app: Any, host: str, port: int, threads: int = 8, *,
                behind_proxy: bool = False, trusted_proxy: str = LOCAL_PROXY) -> Any:
    """A waitress server of the WSGI ``app`` bound to ``host:port`` (0: any free port;
    ``.effective_port`` is the one bound).

    ``behind_proxy``: a reverse proxy forwards the requests; its ``X-Forwarded-For`` and
    ``X-Forwarded-Proto`` are believed when they come from ``trusted_proxy`` (the proxy's
    address: 127.0.0.1, a proxy on this machine, unless ``--trusted-proxy`` names
    another), so that sign-in attempts are counted per client, not for everyone at once.
    Without it, or from any other address, such headers are removed from the request.  An address or port that cannot be
    bound is a :class:`~isgrid.errors.UsageError` (``cannot-listen``, exit 2).
    """
    from waitress.server import create_server

    from ..errors import Diagnostic, Location, Message, UsageError

    # waitress warns at every request queued behind busy threads: a jury day's bursts
    # are expected, and the access log is the reverse proxy's.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    proxy: dict[str, Any] = {}
    if behind_proxy:
        proxy = {"trusted_proxy": trusted_proxy, "trusted_proxy_count": 1,
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


class _RequestLine(logging.Filter):
    """Adds ``request``: the method and path of the request being served when the line is
    logged (``POST /signin: ``), '' outside a request (escaped with the message:
    :class:`_OneLine`).  Never the query, never a sign-in
    link's secret (``/signin/…``): the log is kept for weeks, read by more people than the
    database."""

    def filter(self, record: logging.LogRecord) -> bool:
        from flask import has_request_context, request

        line = ""
        if has_request_context():
            path = request.path
            if path.startswith("/signin/"):
                path = "/signin/…"
            line = f"{request.method} {path}: "
        record.request = line
        return True


def logged_text(text: str) -> str:
    """``text`` as one log line may hold it: a character that is not printable (a newline,
    a control, a bidi override U+202E, a line separator) escaped as Python's ``repr`` does
    (``\\n``, ``\\x1b``, ``\\u202e``), so that a requested path, or a name a message
    quotes, never forges a line of its own in the log nor reorders the line it is in."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class _OneLine(logging.Formatter):
    """Each record on one line (:func:`logged_text`, the request and the message); a
    traceback, added after, on its own lines as always."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return logged_text(super().formatMessage(record))


#: Marks the handler :func:`log_to_stderr` installs (installed once per process).
_OURS = "_isgrid_stderr"


def log_to_stderr(stream: Any = None) -> logging.Handler:
    """Each line the servers log, to standard error (or ``stream``): when, with the UTC
    offset (``2026-12-06T14:03:07+0100``), the level, the request (:class:`_RequestLine`) and
    the message, so that an incident under ``nohup`` (no time stamp of its own, unlike
    systemd's journal) can be dated and matched with the proxy's access log.  Loggers
    ``isgrid`` and ``waitress``, from INFO (the start, the stop, a save refused).  Once per
    process; the handler is returned."""
    for h in logging.getLogger("isgrid").handlers:
        if getattr(h, _OURS, False):
            return h
    handler = logging.StreamHandler(stream)
    setattr(handler, _OURS, True)
    handler.setFormatter(_OneLine(
        "%(asctime)s %(levelname)s %(request)s%(message)s", datefmt="%Y-%m-%dT%H:%M:%S%z"))
    handler.addFilter(_RequestLine())
    for name in ("isgrid", "waitress"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)
    return handler


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


def run(server: Any, on_ready: Callable[[int], None] | None = None) -> None:
    """Serve until Ctrl+C or SIGTERM, then stop cleanly (see the module's docstring).

    ``on_ready(port)``: called once SIGTERM is taken as Ctrl+C, so that a SIGTERM sent as
    soon as the server says it is ready (a test, ``systemctl stop`` right after a start)
    stops it cleanly too."""
    from ..io.collector import resume_after_start

    resume_after_start()  # a server lives on: the collector runs (isgrid.io.collector)
    try:
        with _sigterm_as_ctrl_c():
            if on_ready is not None:
                on_ready(bound_port(server))
            log.info("started (port %d)", bound_port(server))
            server.run()  # waitress: Ctrl+C ends its loop and lets its threads finish
    except KeyboardInterrupt:  # pragma: no cover - a signal between two of waitress's steps
        pass
    finally:
        server.close()
        log.info("stopped (Ctrl+C or SIGTERM)")
