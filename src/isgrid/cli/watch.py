"""``isgrid watch``: the séance dashboard, rebuilt whenever a file of the call changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .base import Command, State, _, pass_state
from .options import force_option, output_option


@click.command("watch", cls=Command)
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@output_option("Folder of the dashboard (index.html).", required=True, dest="out_dir",
               metavar="DIR")
@click.option("--interval", type=click.FloatRange(min=0.05), default=1.0, show_default=True,
              help="Seconds between two looks at the call folder.")
@click.option("--refresh", type=click.IntRange(min=1), default=5, show_default=True,
              help="Seconds between two reloads of the page in the browser.")
@click.option("--once", is_flag=True, help="Build the dashboard once and exit.")
@force_option("Replace an index.html that DIR already holds.")
@click.option("--max-iterations", type=click.IntRange(min=1), default=None,
              help="Stop after this many looks (scripts, tests).")
@click.option("--dossier", default=None,
              help="The dossier under discussion (current-dossier mode); DIR/"
                   "current-dossier.txt (DIR/dossier-en-cours.txt in a French call), "
                   "when it names one, wins.")
@pass_state
def watch(state: State, folder: Path, out_dir: Path, interval: float, refresh: int,
          once: bool, max_iterations: int | None, force: bool, dossier: str | None) -> None:
    """Rebuild DIR/index.html each time a file of the call changes (Ctrl-C stops).

    Open DIR/index.html in the projected browser: it reloads itself.  Each member
    has a view of their own, DIR/member-<id>.html.  Write a dossier's id into
    DIR/current-dossier.txt to discuss it: the members recused from it are named
    and their own views hide its ratings.  The names follow the call's lang: in a
    French call, DIR/membre-<id>.html and DIR/dossier-en-cours.txt.

    \b
    Example:
      isgrid watch my-call -o meeting/
      echo AL16-01 > meeting/current-dossier.txt
    """
    from ..call.dossier_facts import typed_id
    from ..messages import translate_message
    from ..web.watch import watch as watch_call

    dossier = typed_id(dossier) or None  # read as every typed id is

    def built(path: Path) -> None:
        click.echo(_("rebuilt {path}").format(path=path), err=True)

    failed: list[Any] = []

    def stopped(exc: Any) -> None:  # the call cannot be scored: its page says why, and the
        failed[:] = [exc]           # terminal too, in the command line's language
        if exc.diagnostics:
            state.emit_diagnostics(exc.diagnostics)
        else:
            click.echo(_("Error: {message}").format(
                message=translate_message(exc.message, state.cli_lang)), err=True)

    def notice(message: Any) -> None:  # the files' names, when the call's lang moves them
        click.echo(translate_message(message, state.cli_lang), err=True)

    try:
        watch_call(folder, out_dir, interval=interval, once=once, max_iterations=max_iterations,
                   lang=state.lang_option, refresh=refresh, on_build=built, force=force,
                   dossier=dossier, on_error=stopped, on_notice=notice,
                   on_warning=state.emit_diagnostics)  # a page a browser holds (Windows)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo(_("stopped"), err=True)
        return
    if once and failed:  # --once checks the call before the séance: say it failed
        raise SystemExit(1)
