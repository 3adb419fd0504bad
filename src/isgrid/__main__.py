"""``python -m isgrid`` and the ``isgrid`` program (``run``)."""


def run() -> None:
    """The ``isgrid`` program: the collector paused from the start, numpy asked for no
    huge pages, then the command (:mod:`isgrid.io.collector`, :mod:`isgrid.io.hugepages`,
    :func:`isgrid.cli.main`)."""
    from .io.collector import pause_at_start
    from .io.hugepages import small_pages_at_start

    pause_at_start()
    small_pages_at_start()
    from .cli import main

    main()


if __name__ == "__main__":
    run()
