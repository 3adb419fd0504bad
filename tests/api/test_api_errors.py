"""Errors raised through the library API (docs/api.md, "Errors"): their type, and a
``str`` that says where and what, for a script that only logs the exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from smallcall import make_call

import isgrid
from isgrid.cli.main import cli
from isgrid.errors import CallError, GridError, IsgridError


def test_a_missing_call_folder_is_a_call_error_and_still_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(CallError) as caught:  # what docs/api.md promises for load_call
        isgrid.load_call(missing)
    e = caught.value
    assert [d.code for d in e.diagnostics] == ["file-not-found"]
    assert str(e) == f"{missing}: no call folder {missing} [file-not-found]"
    assert e.exit_code == 2  # file-not-found is of the "usage" kind, as before
    out = CliRunner().invoke(cli, ["--lang", "en", "score", str(missing)])
    assert out.exit_code == 2
    assert f"Error: {missing}: no call folder {missing} [file-not-found]" in out.output


def test_a_missing_grid_is_a_grid_error_under_the_common_root() -> None:
    with pytest.raises(IsgridError) as caught:
        isgrid.load_grid("no-such-grid")
    assert isinstance(caught.value, GridError)
    assert "no-such-grid" in str(caught.value)


def test_str_names_the_first_error_where_and_what(tmp_path: Path) -> None:
    folder = make_call(tmp_path / "call")
    ratings = folder / "ratings" / "all.csv"
    lines = ratings.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "F1,j1,AV-1.1,4"
    lines[1] = "F1,j1,AV-1.1,7"  # line 2, the value in column 4
    ratings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CallError) as caught:
        isgrid.load_call(folder)
    e = caught.value
    assert str(e) == (f"the call has errors: {ratings}:2:4: '7' is not a value of the scale "
                      "(0, 1, 2, 3, 4) [value-out-of-scale]")
    first = next(d for d in e.diagnostics if d.severity == "error")
    assert (first.location.line, first.location.column) == (2, 4)
    assert first.effective_hint  # the hint the command line prints (hint=None: the code's)

    lines[2] = "F1,j1,ALS-2,9"  # a second error: counted after the first
    ratings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CallError) as caught:
        isgrid.load_call(folder)
    assert str(caught.value).endswith("[value-out-of-scale] (and 1 more error)")
    assert caught.value.text("fr").endswith("[value-out-of-scale] (et 1 autre erreur)")
    assert f"{ratings}:2:4\u00a0: " in caught.value.text("fr")


def test_str_of_a_call_yaml_error_names_the_key(tmp_path: Path) -> None:
    folder = make_call(tmp_path / "call", budget='"60.000"')
    with pytest.raises(CallError) as caught:
        isgrid.load_call(folder)
    # call.yaml line 6, column 9: where the value of budget starts (a refused budget no
    # longer stops the load at call.yaml: the other files are read too, « the call has
    # errors »)
    assert str(caught.value).startswith(
        f"the call has errors: {folder / 'call.yaml'}:6:9 (budget): budget: ")
    assert str(caught.value).endswith("[call-invalid]")


@pytest.mark.parametrize("given", ["examples/alsace-2016", Path("examples/alsace-2016")])
def test_score_of_a_folder_says_to_load_it_first(given: object) -> None:
    """``isgrid.score("folder")`` raised « 'str' object has no attribute 'folder' »: a
    TypeError now names what it takes and how to get it."""
    for name in ("score", "propose"):
        with pytest.raises(TypeError) as caught:
            getattr(isgrid.engine, name)(given)
        assert str(caught.value) == (f"{name}() takes a loaded call, not "
                                     f"{type(given).__name__}: {name}(isgrid.load_call(folder))")
