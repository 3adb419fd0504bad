"""``isgrid serve``: the self-assessment web pages."""

from __future__ import annotations

import click

from .base import Command, State, _, pass_state
from .options import lang_option


@click.command("serve", cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. 0.0.0.0 makes the pages reachable from other "
                   "machines: read docs/self-assessment.md first.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--public-url", default=None,
              help="The https:// address of the reverse proxy in front (a host name's root): "
                   "its forms are accepted and the cookie becomes Secure.")
@click.option("--trusted-proxy", default=None, metavar="ADDRESS",
              help="The reverse proxy's IP address, when it runs on another machine. "
                   "Default: 127.0.0.1. With --public-url only.")
@lang_option("Default language of the pages (default: the global --lang, French).")
@pass_state
def serve(state: State, host: str, port: int, public_url: str | None,
          trusted_proxy: str | None, lang: str | None) -> None:
    """Serve the self-assessment pages: grid list, questionnaire, result.

    Answers stay in the visitor's browser; the server stores nothing.

    \b
    Examples:
      isgrid serve                       # then open http://127.0.0.1:8765/
      isgrid serve --port 8080 --lang en
      isgrid serve --host 0.0.0.0        # an agency's machine (see the docs)
      isgrid serve --public-url https://autoeval.example.org   # behind nginx
    """
    from ..web.selfassess import is_loopback
    from ..web.selfassess import serve as serve_pages
    from .juryweb import site_root, trusted_proxy_of

    if public_url is not None:
        public_url = site_root("--public-url", public_url, https_only=True)
    proxy = trusted_proxy_of(trusted_proxy, public_url)
    if not is_loopback(host) and public_url is None:
        click.echo(_(
            "Warning: listening on {host}: anyone who can reach this machine on port {port} "
            "can use these pages. There is no login and no HTTPS; put a reverse proxy with "
            "HTTPS in front for anything beyond a trusted local network "
            "(docs/self-assessment.md).").format(host=host, port=port), err=True)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host

    def ready(bound: int) -> None:
        click.echo(_("isgrid self-assessment: open {url} in a browser (Ctrl+C to stop).")
                   .format(url=f"http://{shown}:{bound}/"), err=True)

    serve_pages(host, port, lang or state.lang, on_ready=ready, public_url=public_url,
                trusted_proxy=proxy)
