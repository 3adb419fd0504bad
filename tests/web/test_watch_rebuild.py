"""The séance rebuild (``isgrid watch``) counted, not timed: the projected view and every
member's own view of one build share one zone grise and one compiled template, and each
page is the very page made on its own."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest

from isgrid.call.journal_append import append
from isgrid.call.load import load_call
from isgrid.engine import score
from isgrid.web.watch import member_page, pages, render_dashboard
from testpaths import EXAMPLES


def test_a_build_makes_the_shared_parts_once(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import isgrid.analysis.zone as zone

    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    zones: list[int] = []
    edges: list[int] = []
    real_zone = zone.zone_grise
    real_edges = zone.floor_edges

    def counted_zone(call: Any, result: Any, known: Any = None) -> Any:
        zones.append(1)
        return real_zone(call, result, known)

    def counted_edges(call: Any, result: Any) -> Any:
        edges.append(1)
        return real_edges(call, result)

    monkeypatch.setattr(zone, "zone_grise", counted_zone)
    monkeypatch.setattr(zone, "floor_edges", counted_edges)
    import isgrid.web.watch as watch

    bases: list[int] = []
    real_base = watch.seance_base

    def counted_base(*args: Any, **kwargs: Any) -> Any:
        bases.append(1)
        return real_base(*args, **kwargs)

    monkeypatch.setattr(watch, "seance_base", counted_base)
    first = pages(folder, dossier="AL16-01")
    call = load_call(folder)
    members = sorted(call.assessors)
    assert set(first) == {"index.html"} | {member_page(a) for a in members}
    # the funded list, the reserve and the décisions à prendre: once for the build
    assert len(bases) == 1
    # one zone grise for the projected view and the members' views (it was one a page),
    # and its floor edges computed once for the build (the agenda reads them too)
    assert len(zones) == 1
    assert len(edges) == 1
    # each page of the build is the page made on its own, without the shared parts
    result = score(call)
    for aid in members:
        alone = render_dashboard(result, lang="fr", refresh=5, title=call.config.title,
                                 call=call, dossier="AL16-01", member=aid)
        assert first[member_page(aid)] == alone, aid
    assert first["index.html"] == render_dashboard(
        result, lang="fr", refresh=5, title=call.config.title, call=call, dossier="AL16-01")
    # the rebuild after one decision compiles no template again (the environment is kept)
    compiled: list[str] = []
    real_compile = jinja2.Environment.compile

    def counted_compile(self: Any, *args: Any, **kwargs: Any) -> Any:
        compiled.append(str(kwargs.get("name") or (args[1] if len(args) > 1 else "")))
        return real_compile(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted_compile)
    append(folder, kind="decision", dossier="AL16-02", by="Présidente", stage="jury",
           outcome="ajourné", reason="pièce manquante")
    zones.clear()
    second = pages(folder, dossier="AL16-01")
    assert compiled == []
    assert len(zones) == 1
    assert second["index.html"] != first["index.html"]  # the decision shows


def test_the_pages_are_made_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The watch loop writes each page before the next is made: at most one page (15 MB
    # for a national call) is held at a time, not one per member.
    import isgrid.web.watch as watch

    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    made: list[str | None] = []
    real = watch.render_dashboard

    def counted(*args: Any, **kwargs: Any) -> bytes:
        made.append(kwargs.get("member"))
        return real(*args, **kwargs)

    monkeypatch.setattr(watch, "render_dashboard", counted)
    it = watch.iter_pages(folder)
    name, first = next(it)
    assert (name, made) == ("index.html", [None])
    rest = dict(it)
    assert len(made) == 1 + len(rest)
    monkeypatch.undo()
    assert {"index.html": first, **rest} == pages(folder)
    out = tmp_path / "out"
    written: list[str] = []
    monkeypatch.setattr(watch, "render_dashboard", counted)
    real_write = watch.atomic_write

    def noted(path: Path, data: Any) -> None:
        written.append(f"{path.name}@{len(made)}")
        real_write(path, data)

    monkeypatch.setattr(watch, "atomic_write", noted)
    made.clear()
    watch.watch(folder, out, once=True)
    # each page written right after it was made
    assert written == [f"{n}@{i}" for i, n in enumerate(["index.html", *rest], start=1)]
    assert (out / "index.html").read_bytes() == first


def test_a_builds_call_and_result_leave_the_collectors_scans(tmp_path: Path) -> None:
    # The call and its result are read by every page of a build (one per member): frozen
    # once scored (isgrid.io.collector.freeze_long_lived), no collection during the pages walks
    # them; the next build's freeze collects what the last one left (freed anyway: they
    # are not cyclic).
    import gc

    from isgrid.engine.result import DossierResult
    from isgrid.web.watch import iter_pages

    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    ids = {f"AL16-0{i}" for i in range(1, 9)}

    def ours(scan: list[object]) -> int:
        return sum(1 for o in scan if isinstance(o, DossierResult) and o.id in ids)

    gc.unfreeze()
    gc.collect()
    before = ours(gc.get_objects())  # what other tests may still hold
    it = iter_pages(folder)
    assert next(it)[0] == "index.html"
    assert ours(gc.get_objects()) == 0  # this build's 8 dossiers (and all): not scanned
    gc.unfreeze()
    assert ours(gc.get_objects()) == before + 8  # but alive, frozen
    gc.freeze()
    assert len(dict(it)) == len(load_call(folder).assessors)
    del it
    gc.unfreeze()
    assert ours(gc.get_objects()) == before  # the build done: freed, nothing collected


def test_a_restarted_watch_takes_up_its_own_dashboard(tmp_path: Path) -> None:
    """The French guide builds the dashboard with --once before the séance, then starts
    ``watch`` on the same folder: it was refused (« index.html existe déjà »), and so
    was a watch restarted during the séance.  Its own dashboard is taken up; any other
    index.html still needs --force."""
    import os

    from click.testing import CliRunner

    from isgrid.cli import cli

    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    out = tmp_path / "seance"

    def watch(*extra: str) -> Any:
        return CliRunner().invoke(cli, ["watch", str(folder), "-o", str(out), "--once", *extra])

    assert watch().exit_code == 0
    again = watch()
    assert again.exit_code == 0, again.output
    (out / "index.html").write_text("<html>a page of mine</html>", encoding="utf-8")
    refused = watch()
    assert refused.exit_code == 2 and "[output-exists]" in refused.output
    assert (out / "index.html").read_text(encoding="utf-8") == "<html>a page of mine</html>"
    assert watch("--force").exit_code == 0
    # a pipe in the place of dossier-en-cours.txt is never opened (watch waited on it)
    os.mkfifo(out / "dossier-en-cours.txt")
    assert watch().exit_code == 0


def test_once_on_a_call_that_cannot_be_scored_says_so(tmp_path: Path) -> None:
    """``watch --once`` checks the dashboard before the séance: on a call that cannot be
    scored it exited 0 saying only « reconstruit »; the error was on the page alone."""
    from click.testing import CliRunner

    from isgrid.cli import cli

    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    with (folder / "ratings" / "j1.csv").open("a", encoding="utf-8") as f:
        f.write("AL16-01,j1,ALS-2,9,\n")
    run = CliRunner().invoke(cli, ["--lang", "fr", "watch", str(folder), "-o",
                                   str(tmp_path / "s"), "--once"])
    assert run.exit_code == 1
    assert "«\u00a09\u00a0» n'est pas une valeur de l'échelle (0\u202f; 0,5\u202f; 1" in run.stderr
    assert "[value-out-of-scale]" in (tmp_path / "s" / "index.html").read_text("utf-8")
