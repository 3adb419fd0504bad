"""``python -m isgrid`` and the ``isgrid`` program (``run``)."""


def run() -> None:
    """The ``isgrid`` program: the collector paused from the start, numpy asked for no
    huge pages and glibc to keep the memory freed, then the command
    (:mod:`isgrid.io.collector`, :mod:`isgrid.io.newmemory`, :func:`isgrid.cli.main`)."""
    from .io.collector import pause_at_start
    from .io.newmemory import heap_kept_at_start, small_pages_at_start

    pause_at_start()
    small_pages_at_start()
    heap_kept_at_start()
    from .cli import main

    main()


if __name__ == "__main__":
    run()
