"""Compiled templates kept between runs (``documents.render._TemplateCache``).

A run compiles a template once and writes its bytecode; a later run (another
environment) loads it instead of compiling; an edited template is compiled again; a
damaged or unwritable cache changes nothing but the time.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import jinja2
import pytest

from isgrid.documents import render


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(render, "_bytecode_cache", lambda: render._TemplateCache(str(folder)))
    return folder


@pytest.fixture()
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    real = jinja2.Environment.compile

    def counted(self: Any, source: Any, name: Any = None, *args: Any, **kwargs: Any) -> Any:
        names.append(str(name))
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def own(tmp_path: Path, text: str) -> Path:
    """A ``--template-dir`` holding ``x.html.j2`` with ``text``."""
    mine = tmp_path / "templates"
    mine.mkdir(exist_ok=True)
    (mine / "x.html.j2").write_text(text, encoding="utf-8")
    return mine


def page(template_dir: Path | None, name: str) -> str:
    env = render.environment(template_dir, lang="fr")
    return env.get_template(name).render(x="<b>")


def test_a_later_run_loads_what_an_earlier_one_compiled(cache: Path,
                                                         compiled: list[str]) -> None:
    first = page(None, "report/_dashboard.html.j2")
    assert compiled == ["report/_dashboard.html.j2"]
    assert len(list(cache.iterdir())) == 1
    compiled.clear()
    assert page(None, "report/_dashboard.html.j2") == first  # a new environment
    assert compiled == []


def test_an_edited_template_is_compiled_again(tmp_path: Path, cache: Path,
                                              compiled: list[str]) -> None:
    mine = own(tmp_path, "avant {{ x }}\n")
    assert page(mine, "x.html.j2") == "avant &lt;b&gt;\n"
    own(tmp_path, "après {{ x }}\n")
    assert page(mine, "x.html.j2") == "après &lt;b&gt;\n"
    assert compiled == ["x.html.j2", "x.html.j2"]


def test_a_damaged_cache_changes_nothing_but_the_time(tmp_path: Path, cache: Path,
                                                      compiled: list[str]) -> None:
    mine = own(tmp_path, "{{ x }} !\n")
    assert page(mine, "x.html.j2") == "&lt;b&gt; !\n"
    [entry] = cache.iterdir()
    entry.write_bytes(entry.read_bytes()[:40])  # cut short, as a full disk would
    assert page(mine, "x.html.j2") == "&lt;b&gt; !\n"
    entry.write_bytes(b"\x00" * 10)
    assert page(mine, "x.html.j2") == "&lt;b&gt; !\n"
    assert compiled == ["x.html.j2"] * 3


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path, cache: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full)
    mine = own(tmp_path, "{{ x }}\n")
    assert page(mine, "x.html.j2") == "&lt;b&gt;\n"
    assert list(cache.iterdir()) == []


def test_no_private_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def unsafe(self: Any, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("Cannot determine safe temp directory.")

    render._bytecode_cache.cache_clear()
    monkeypatch.setattr(render._TemplateCache, "__init__", unsafe)
    try:
        assert render._bytecode_cache() is None
        env = render.environment(None, lang="fr")
        assert env.bytecode_cache is None
    finally:
        monkeypatch.undo()
        render._bytecode_cache.cache_clear()
