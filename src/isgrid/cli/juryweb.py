"""``isgrid jury serve|invite CALL``: the jurors' web workspace (docs/jury-web.md)."""

from __future__ import annotations

from pathlib import Path

import click

from .base import Group, State, _, _n, pass_state
from .options import force_option, output_option

DB_HELP = ("Database URL: postgresql://user@host/db, or sqlite:///file. Default: "
           "the call's own SQLite file, CALL/.isgrid/jury.sqlite3.")
#: The environment variable read when ``--db`` is not given: a URL with a password stays
#: out of the process list (``ps``), the shell's history and a systemd unit's ExecStart.
DB_ENV = "ISGRID_DB"
#: ``--db`` of every ``jury`` command that opens the workspace's database.
db_option = click.option("--db", default=None, envvar=DB_ENV, show_envvar=True,
                         help=DB_HELP)
#: Where the workspace is served when nothing says otherwise.
DEFAULT_PORT = 8770
DEFAULT_URL = f"http://127.0.0.1:{DEFAULT_PORT}"


def links_port(links: str) -> int | None:
    """The port the invitation links open, when the server itself is what they open (an
    ``http://`` address: behind an https:// proxy the links' port is the proxy's)."""
    from urllib.parse import urlsplit

    parts = urlsplit(links)
    if parts.scheme != "http":
        return None
    try:
        return parts.port or 80
    except ValueError:
        return None


def site_root(option: str, url: str, *, https_only: bool = False) -> str:
    """``url`` given to ``option`` (``--public-url``, ``--base-url``) as the root of a site,
    without its final ``/``; refused at once when it is not ``http(s)://host[:port]``: the
    pages' links, forms and cookies are the site's root's (``/signin``, ``/admin``), so under a
    path (``https://services.region.fr/jury``) the sign-in form would post to another site's
    ``/signin``: a host name of its own (a sub-domain) is what works."""
    from urllib.parse import urlsplit

    from ..errors import UsageError

    if https_only and not url.startswith("https://"):
        raise UsageError(_("{option} must be the https:// address of the reverse proxy"
                           ).format(option=option))
    if not url.startswith(("http://", "https://")):
        raise UsageError(_("{option} must start with http:// or https://").format(
            option=option))
    parts = urlsplit(url)
    if not parts.netloc:
        raise UsageError(_("{option} {url} names no host").format(option=option, url=url))
    extra = ((parts.path if parts.path not in ("", "/") else "")
             or ("?" + parts.query if parts.query else "")
             or ("#" + parts.fragment if parts.fragment else ""))
    if extra:
        raise UsageError(_("{option} {url}: isgrid's pages are served at the root of a host "
                           "name, not under a path ({path}): their links, forms and cookies "
                           "are the root's. Give the proxy a host name of its own, such as "
                           "https://jury.example.org (a sub-domain), proxied whole to "
                           "isgrid.").format(option=option, url=url, path=extra))
    try:  # the origin as a browser says it: host in lower case, no default port
        port = parts.port
    except ValueError:
        port = -1
    host = parts.hostname or ""
    if port == -1 or not host or "@" in parts.netloc:
        raise UsageError(_("{option} {url} names no host").format(option=option, url=url))
    if ":" in host:  # IPv6
        host = f"[{host}]"
    default = {"http": 80, "https": 443}[parts.scheme]
    return f"{parts.scheme}://{host}" + (f":{port}" if port not in (None, default) else "")


def trusted_proxy_of(raw: str | None, public_url: str | None) -> str:
    """The reverse proxy's address whose ``X-Forwarded-For`` is believed (``--trusted-proxy``,
    else 127.0.0.1), checked; given without ``--public-url`` (no proxy), refused."""
    from ..errors import UsageError
    from ..web.server import LOCAL_PROXY, proxy_address

    if raw is None:
        return LOCAL_PROXY
    if public_url is None:
        raise UsageError(_("--trusted-proxy goes with --public-url (the reverse proxy's "
                           "https:// address)"))
    try:
        return proxy_address(raw)
    except ValueError:
        raise UsageError(_("--trusted-proxy {address} is not an IP address: give the one the "
                           "proxy's requests come from (e.g. 10.0.0.5)").format(
                               address=raw)) from None


@click.group("jury", cls=Group)
def jury() -> None:
    """The jurors' web workspace: invite jurors, serve their scoring pages.

    \b
    Examples:
      isgrid jury invite my-call -o liens.csv --base-url https://jury.example.org
      isgrid jury serve my-call                 # http://127.0.0.1:8770/
    """


@jury.command("invite")
@click.argument("folder", type=click.Path(path_type=Path))
@db_option
@click.option("--juror", "jurors", multiple=True, help="Only this juror (repeatable). "
              "Default: every juror of call.yaml.")
@click.option("--days", type=click.FloatRange(min=0.01, max=366), default=30.0,
              show_default=True, help="How long the links stay valid.")
@click.option("--base-url", default=None,
              help="The address jurors open (the reverse proxy's https:// address). Default: "
                   "the address isgrid jury serve last served the call on, else "
                   "http://127.0.0.1:8770.")
@output_option("The mail-merge file (CSV: assessor, name, link, expires).", required=True)
@force_option()
@pass_state
def invite(state: State, folder: Path, db: str | None, jurors: tuple[str, ...], days: float,
           base_url: str | None, output: Path, force: bool) -> None:
    """Give each juror a personal sign-in link, in a mail-merge file.

    Each link holds a random secret (only its hash is stored); a new invitation
    revokes the juror's earlier links. isgrid sends no mail: merge the file into
    your own mail.
    """
    from ..errors import Diagnostic, Location, Message, UsageError
    from ..io.refusal import system_words
    from ..io.write import check_output, put_in_place, refuse_inside_call_inputs, staged
    from ..messages import decimal_text
    from ..workspace.files import mail_merge_csv
    from ..workspace.purged import refuse_purged
    from ..workspace.store import Workspace

    if base_url is not None:
        base_url = site_root("--base-url", base_url)
    refuse_inside_call_inputs(output, Path(folder))  # before the database is made
    refuse_purged(Path(folder), "isgrid jury invite")
    ws = Workspace(folder, db)
    # the database left whole when the command ends (SQLite: no -wal file beside it)
    click.get_current_context().call_on_close(ws.close)
    state.handle_warnings(ws.call.warnings)
    # the links open the server: where `jury serve` last served the call (its --port, its
    # --public-url), else the default; `jury serve` then listens where they point (or says
    # that it does not)
    base = (base_url or ws.address("served_url") or DEFAULT_URL).rstrip("/")
    # The invitation revokes each juror's earlier links, and the new secrets exist only
    # in this file: it is checked first (never an input of the call, nor the workspace's
    # database, even with --force; an existing file without --force was refused before,
    # Command.invoke), written aside before the links are stored (a full disk: nothing
    # is revoked), and put in its place once they are (a failed storing: it is removed).
    inputs = [ws.call.folder / rel for rel in ws.call.inputs]
    database = ws.engine.url.database if ws.engine.url.get_backend_name() == "sqlite" else None
    if database and database != ":memory:":
        inputs.append(Path(database))
    check_output(output, inputs=inputs, force=force)
    aside: list[Path] = []
    try:
        rows = ws.invite(list(jurors) or None, days=days, deliver=lambda new: aside.append(
            staged(output, mail_merge_csv(new, base, state.document_lang(ws.call),
                                          ws.call.config.timezone), private=True)))
    except BaseException:
        for tmp in aside:
            tmp.unlink(missing_ok=True)
        raise
    try:  # the links are stored: their file is kept whatever happens (the only copy)
        put_in_place(aside[0], output, durable=True, keep=True)
    except OSError as exc:
        raise UsageError("links stored, file not renamed", [Diagnostic(
            "write-failed", Message("the links are stored, but {path} could not be put in "
                                    "place ({error}): they are in {kept}", path=output,
                                    error=system_words(exc), kept=aside[0]),
            Location(str(output)), hint="Rename that file yourself; do not invite again "
                                        "(it would revoke these links).")]) from exc
    # « 1 lien personnel, valable 0,5 jour »: the days' form by a whole number that takes
    # the same form in both languages (0.5 and 1.5: « days » in English, « jour » in French)
    whole = int(days) if float(days).is_integer() else (0 if days < 2 else 2)
    lang = state.cli_lang
    # « valables » agrees with the links
    links = _n("{n} personal link, valid", "{n} personal links, valid", len(rows))
    valid = _n("{days} day", "{days} days", whole).format(days=decimal_text(f"{days:g}", lang))
    click.echo(_("wrote {path} ({links} {days})").format(path=output, links=links, days=valid))
    ws.record_address("links_url", base)
    click.echo(_("The links open {url}: isgrid jury serve listens there.").format(url=base))


@jury.command("serve")
@click.argument("folder", type=click.Path(path_type=Path))
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1: behind a reverse proxy "
                   "with HTTPS only (docs/jury-web.md).")
@click.option("--port", default=None, type=click.IntRange(0, 65535),
              help="Port to listen on. Default: the port of the invitation links (isgrid "
                   "jury invite --base-url), else 8770.")
@click.option("--public-url", default=None,
              help="The https:// address of the reverse proxy: cookies become Secure and "
                   "forms posted from that origin are accepted.")
@click.option("--trusted-proxy", default=None, metavar="ADDRESS",
              help="The reverse proxy's IP address, when it runs on another machine: its "
                   "X-Forwarded-For is believed (sign-in failures counted per juror). "
                   "Default: 127.0.0.1. With --public-url only.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Worker threads of the WSGI server (waitress).")
@click.option("--secretariat-link/--no-secretariat-link", "print_link", default=None,
              help="Print a secretariat sign-in link at start (valid 12 hours; it revokes "
                   "the earlier one). Default: only when the output is a terminal, never "
                   "into a service's log (then: isgrid jury secretariat CALL).")
@pass_state
def serve(state: State, folder: Path, db: str | None, host: str, port: int | None,
          public_url: str | None, trusted_proxy: str | None, threads: int,
          print_link: bool | None) -> None:
    """Serve the jurors' scoring pages and the secretariat's dashboard.

    In a terminal, prints a sign-in link for the secretariat (valid 12 hours);
    as a service, `isgrid jury secretariat CALL` gives one when needed. Jurors
    sign in with the links of `isgrid jury invite`. Submitted sheets are written
    to ratings/<juror>.csv and opinions/<juror>.csv; recusals to
    conflicts/<juror>.csv.
    """
    from ..web.selfassess import is_loopback
    from ..web.server import log_to_stderr
    from ..workspace.app import serve as serve_app
    from ..workspace.purged import refuse_purged
    from ..workspace.serving import serving
    from ..workspace.store import Workspace

    if public_url is not None:
        public_url = site_root("--public-url", public_url, https_only=True)
    # a bad --trusted-proxy refused before the database is opened (with the links' https://
    # address as the public one, once it is read)
    proxy = trusted_proxy_of(trusted_proxy, public_url) if public_url or not trusted_proxy else ""
    refuse_purged(Path(folder), "isgrid jury serve")
    # one server per call: a second is refused, naming the first (held until this ends)
    serves_at = click.get_current_context().with_resource(serving(Path(folder)))
    # what opening the workspace logs (a schema upgraded, sheets taken back or written
    # again at start) dated as the server's lines are, not bare (review ops20, finding 9)
    log_to_stderr()
    ws = Workspace(folder, db)
    state.handle_warnings(ws.call.warnings)
    # the invitation links already sent open an address: served there by default
    links = ws.address("links_url")
    if public_url is None and links and links.startswith("https://"):
        # invited with --base-url https://…: a reverse proxy the jurors reach; its origin
        # is this server's public address, else every sign-in through it is refused
        public_url = links
        click.echo(_("Public address: {url}, that of the invitation links (isgrid jury "
                     "invite --base-url), behind a reverse proxy with HTTPS "
                     "(docs/jury-web.md); --public-url gives another.").format(url=links),
                   err=True)
    proxy = proxy or trusted_proxy_of(trusted_proxy, public_url)
    if not is_loopback(host) and public_url is None:
        click.echo(_("Warning: listening on {host} without --public-url: sign-in links and "
                     "ratings would travel without HTTPS. Put a reverse proxy with HTTPS in "
                     "front (docs/jury-web.md).").format(host=host), err=True)
    if print_link is None:  # a terminal: someone reads it; a file or a journal keeps it
        import sys

        print_link = sys.stderr.isatty()
    secret = ws.secretary_link() if print_link else ""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    if port is None:
        port = (links_port(links) if links and public_url is None else None) or DEFAULT_PORT

    def ready(bound: int) -> None:
        base = (public_url or f"http://{shown}:{bound}").rstrip("/")
        ws.record_address("served_url", base)  # the next invitation's links open it
        serves_at(base)  # said to a second jury serve of this call
        click.echo(_("isgrid jury workspace on {url} (Ctrl+C to stop).").format(
            url=f"http://{shown}:{bound}/") + "\n" + (_(
                "Secretariat sign-in (12 hours): {link}").format(link=f"{base}/signin/{secret}")
                if secret else _(
                "Secretariat sign-in: isgrid jury secretariat {folder} prints a link (none "
                "printed here: this output may be kept in a log).").format(folder=folder)),
            err=True)
        missed = (links != public_url.rstrip("/")) if public_url else (
            links_port(links) not in (None, bound))
        if links and missed:
            click.echo(_("Warning: the invitation links (isgrid jury invite) open {links}, "
                         "not this server ({url}): jurors would not reach it. Serve where "
                         "they point, or invite again with --base-url {url} (it revokes the "
                         "earlier links).").format(links=links, url=base), err=True)

    serve_app(ws, host, port, secure_cookies=public_url is not None,
              trusted_origins=(public_url.rstrip("/"),) if public_url else (),
              threads=threads, trusted_proxy=proxy, on_ready=ready)


@jury.command("secretariat")
@click.argument("folder", type=click.Path(path_type=Path))
@db_option
@click.option("--hours", type=click.FloatRange(min=0.1, max=168), default=12.0,
              show_default=True, help="How long the link stays valid (a session it opens "
                                      "lasts 12 hours at most).")
@click.option("--base-url", default=None,
              help="The address the link opens. Default: the address isgrid jury serve last "
                   "served the call on.")
@pass_state
def secretariat(state: State, folder: Path, db: str | None, hours: float,
                base_url: str | None) -> None:
    """Print a sign-in link for the secretariat's dashboard, the server running or not.

    The link revokes the secretariat's earlier links (the sessions they opened
    go on). It is printed here only: give it to the secretariat, not to a log.
    """
    from ..messages import decimal_text
    from ..workspace.purged import refuse_purged
    from ..workspace.store import Workspace

    if base_url is not None:
        base_url = site_root("--base-url", base_url)
    refuse_purged(Path(folder), "isgrid jury secretariat")
    ws = Workspace(folder, db)
    click.get_current_context().call_on_close(ws.close)
    state.handle_warnings(ws.call.warnings)
    base = (base_url or ws.address("served_url") or ws.address("links_url")
            or DEFAULT_URL).rstrip("/")
    secret = ws.secretary_link(hours)
    # the hours' form by a whole number that takes the same form in both languages (as
    # `jury invite`'s days: 1.5 is « hours » in English, « heure » in French)
    whole = int(hours) if float(hours).is_integer() else (0 if hours < 2 else 2)
    valid = _n("{hours} hour", "{hours} hours", whole).format(
        hours=decimal_text(f"{hours:g}", state.cli_lang))
    click.echo(_("Secretariat sign-in (valid {hours}; the earlier secretariat links no "
                 "longer work): {link}").format(hours=valid, link=f"{base}/signin/{secret}"))


@jury.command("confirm-call")
@click.argument("folder", type=click.Path(path_type=Path))
@db_option
@click.option("--dry-run/--apply", "dry_run", default=True,
              help="Say what differs between the workspace's database and call.yaml "
                   "(default), or record call.yaml's title, date and jurors' names as the "
                   "database's.")
@pass_state
def confirm_call(state: State, folder: Path, db: str | None, dry_run: bool) -> None:
    """Confirm that the workspace's database is this call's, after a title, a date or a
    juror's name was corrected in call.yaml.

    The workspace refuses to start on a database made for another edition of the call
    (another title, a date more than six months away: a folder copied), or holding a
    juror's sheet under another name. Run this only when it is the same call and the
    same jurors: each juror then signs in to the sheet kept under their id.
    """
    from ..workspace.edition import confirm
    from ..workspace.purged import refuse_purged

    refuse_purged(Path(folder), "isgrid jury confirm-call")
    found = confirm(Path(folder), db, apply=not dry_run)
    if not found:
        click.echo(_("The workspace's database is already this call's: nothing to confirm."))
        return
    for c in found:
        if c.what == "title":
            line = _("title: « {was} » in the database, « {now} » in call.yaml")
        elif c.what == "date":
            line = _("date: {was} in the database, {now} in call.yaml")
        else:
            line = _("juror {juror}: « {was} » in the database, « {now} » in call.yaml")
        click.echo(line.format(was=c.was, now=c.now, juror=c.juror))
    if dry_run:
        click.echo(_("Nothing recorded (dry run). If it is the same call and the same "
                     "jurors, run again with --apply; each juror then signs in to the sheet "
                     "kept under their id."))
    else:
        click.echo(_("Recorded: the workspace's database is this call's."))


@jury.command("rotate-key")
@click.argument("folder", type=click.Path(path_type=Path))
@db_option
@click.option("--dry-run/--apply", "dry_run", default=True,
              help="Say what a new key would do (default), or make it.")
@pass_state
def rotate_key(state: State, folder: Path, db: str | None, dry_run: bool) -> None:
    """Make a new key for the workspace's forms (the key kept in its database that signs
    the CSRF cookie), the old one forgotten.

    It takes effect when isgrid jury serve starts again. A page open in a browser then
    refuses its next form once (« page no longer valid », what was typed shown back);
    sessions and sign-in links go on (the key signs neither). Written in the audit log.
    """
    import os
    import time

    from ..call.load import open_call_folder
    from ..workspace.access import Access
    from ..workspace.db import DEFAULT_SQLITE, database_url, open_database
    from ..workspace.purged import refuse_purged

    refuse_purged(Path(folder), "isgrid jury rotate-key")
    open_call_folder(Path(folder))  # a call folder, before a database is made in it
    if db is None and not (Path(folder) / DEFAULT_SQLITE).is_file():
        click.echo(_("No workspace database in {folder}: nothing to rotate (isgrid jury "
                     "serve makes the key at its first start).").format(
                         folder=Path(folder) / DEFAULT_SQLITE.parent))
        return
    if os.environ.get("ISGRID_SECRET_KEY"):
        click.echo(_("Warning: ISGRID_SECRET_KEY is set: a server started with it signs "
                     "with it and ignores the database's key. To rotate that key, give "
                     "ISGRID_SECRET_KEY another value and restart the server."), err=True)
    if dry_run:
        click.echo(_("A new key for the forms would replace the one kept in the workspace's "
                     "database. After isgrid jury serve restarts, a page open in a browser "
                     "refuses its next form once (« page no longer valid », what was typed "
                     "shown back, to send again); sessions and sign-in links go on. Nothing "
                     "done (dry run): run again with --apply."))
        return
    access = Access()
    access.engine = open_database(database_url(Path(folder), db))
    access.clock = time.time
    try:
        access.rotate_secret_key()
    finally:
        access.close()
    click.echo(_("New key made for the forms. Restart isgrid jury serve for it to take "
                 "effect: each page open in a browser then refuses its next form once; "
                 "sessions and sign-in links go on."))
