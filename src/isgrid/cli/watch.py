"""``isgrid watch``: the séance dashboard, rebuilt whenever a file of the call changes."""

from __future__ import annotations

from pathlib import Path

import click


def register(cli: click.Group) -> None:
    cli.add_command(watch_cmd)


@click.command("watch")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, dir_okay=True),
              required=True, help="Folder of the dashboard (index.html).")
@click.option("--interval", type=click.FloatRange(min=0.05), default=1.0, show_default=True,
              help="Seconds between two looks at the call folder.")
@click.option("--refresh", type=click.IntRange(min=1), default=5, show_default=True,
              help="Seconds between two reloads of the page in the browser.")
@click.option("--once", is_flag=True, help="Build the dashboard once and exit.")
@click.option("--max-iterations", type=click.IntRange(min=1), default=None,
              help="Stop after this many looks (scripts, tests).")
def watch_cmd(folder: Path, out_dir: Path, interval: float, refresh: int, once: bool,
              max_iterations: int | None) -> None:
    """Rebuild DIR/index.html each time a file of the call changes (Ctrl-C stops).

    Open DIR/index.html in the projected browser: it reloads itself.

    \b
    Example:
      isgrid watch my-call -o seance/
    """
    from .main import State, run_safely

    @run_safely
    def run() -> None:
        from ..watch import watch

        def built(path: Path) -> None:
            click.echo(f"rebuilt {path}", err=True)

        try:
            watch(folder, out_dir, interval=interval, once=once, max_iterations=max_iterations,
                  lang=State.lang_option, refresh=refresh, on_build=built)
        except KeyboardInterrupt:  # pragma: no cover - interactive
            click.echo("stopped", err=True)

    run()
