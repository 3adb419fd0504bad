"""``python -m isgrid`` and the ``isgrid`` program (``run``)."""


def run() -> None:
    """The ``isgrid`` program: the collector paused from the start, then the command
    (:mod:`isgrid.io.collector`, :func:`isgrid.cli.main`)."""
    from .io.collector import pause_at_start

    pause_at_start()
    from .cli import main

    main()


if __name__ == "__main__":
    run()
