"""A user's ``report/_macros.html.j2`` reaches the committee report's ranking table too.

The ranking rows once inlined copies of the macros (for speed), so an override of
``_macros.html.j2`` changed every table but that one.  The flags (``below-floor:B1``,
``tie``...) were written in the templates themselves: the ``flags`` macro now shows them
in the ranking rows and the fiches, in HTML and in Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from isgrid.call.load import load_call
from isgrid.documents.output import render_report
from isgrid.engine import score
from isgrid.i18n import translator
from report_calls import checklist_call, profile_call, scored_call

BUILDERS = {"scored": scored_call, "checklist": checklist_call, "profile": profile_call}

#: Every macro of the packaged file, each delegating to the packaged one, ``{pre}`` before.
OVERRIDE = """\
{{% import "default:report/_macros.html.j2" as base with context %}}
{{% macro status(line) %}}{status}{{{{ base.status(line) }}}}{{% endmacro %}}
{{% macro flags(line) %}}{flags}{{{{ base.flags(line) }}}}{{% endmacro %}}
{{% macro money_or_dash(x) %}}{money}{{{{ base.money_or_dash(x) }}}}{{% endmacro %}}
{{% macro intensity(mk) %}}{{{{ base.intensity(mk) }}}}{{% endmacro %}}
{{% macro third(line, mode) %}}{third}{{{{ base.third(line, mode) }}}}{{% endmacro %}}
{{% macro grid_block(grid) %}}{{{{ base.grid_block(grid) }}}}{{% endmacro %}}
"""

#: The same for ``_macros.md.j2``.
OVERRIDE_MD = """\
{{% import "default:report/_macros.md.j2" as base with context %}}
{{% macro money_or_dash(x) %}}{{{{ base.money_or_dash(x) }}}}{{% endmacro %}}
{{% macro flags(line, bullet=false) %}}{flags}{{{{ base.flags(line, bullet) }}}}{{% endmacro %}}
{{% macro third(line, mode) %}}{{{{ base.third(line, mode) }}}}{{% endmacro %}}
{{% macro header() %}}{{{{ base.header() }}}}{{% endmacro %}}
{{% macro grid_block(grid) %}}{{{{ base.grid_block(grid) }}}}{{% endmacro %}}
"""

MARKERS = {"status": '<i class="my-status">S!</i>', "money": '<i class="my-money">M!</i>',
           "third": '<i class="my-third">T!</i>', "flags": '<i class="my-flags">F!</i>'}


def _committee(folder: Path, template_dir: Path | None = None) -> str:
    return _render(folder, "committee", "html", template_dir)


def _render(folder: Path, kind: Any, fmt: Any, template_dir: Path | None = None) -> str:
    call = load_call(folder)
    return render_report(call, score(call), kind, fmt,
                         template_dir=template_dir)[0][1].decode()


def _templates(tmp_path: Path, **pre: str) -> Path:
    folder = tmp_path / "tpl"
    (folder / "report").mkdir(parents=True, exist_ok=True)
    text = OVERRIDE.format(**{k: pre.get(k, "") for k in MARKERS})
    (folder / "report" / "_macros.html.j2").write_text(text, encoding="utf-8")
    text = OVERRIDE_MD.format(flags=pre.get("flags", ""))
    (folder / "report" / "_macros.md.j2").write_text(text, encoding="utf-8")
    return folder


def _ranking_rows(html: str) -> list[str]:
    table = re.search(r'<table class="ranking">.*?</table>', html, re.S)
    assert table is not None
    rows = re.findall(r'<tr class="(?!line")[^"]*">.*?</tr>', table.group(0), re.S)
    assert rows
    return rows


@pytest.mark.parametrize("mode", sorted(BUILDERS))
def test_overridden_macros_change_the_ranking_rows(tmp_path: Path, mode: str) -> None:
    folder = BUILDERS[mode](tmp_path)
    default = _committee(folder)
    html = _committee(folder, _templates(tmp_path, **MARKERS))
    rows = _ranking_rows(html)
    assert len(rows) == len(_ranking_rows(default))
    has_money = f'<th class="num">{translator("report", "fr")("col.requested")}</th>' in default
    for row in rows:
        assert row.count(MARKERS["status"]) == 1, row
        assert row.count(MARKERS["third"]) == 1, row
        assert row.count(MARKERS["money"]) == (3 if has_money else 0), row
        assert row.count(MARKERS["flags"]) == 1, row
    for marker in MARKERS.values():
        assert marker not in default
    if mode == "scored":
        assert has_money  # the money cells are exercised at least once


def test_overridden_flags_macro_reaches_the_ranking_rows_and_fiches(tmp_path: Path) -> None:
    folder = scored_call(tmp_path)
    marker = MARKERS["flags"]
    tpl = _templates(tmp_path, flags=marker)
    # HTML ranking: the marker sits just before each row's list of flags.
    default_rows = _ranking_rows(_committee(folder))
    rows = _ranking_rows(_committee(folder, tpl))
    assert any('<ul class="flags">' in row for row in default_rows)  # flags are exercised
    for row, before in zip(rows, default_rows, strict=True):
        assert row == before.replace('<td class="flagcell"><div class="cut">',
                                    f'<td class="flagcell"><div class="cut">{marker}')
    # HTML fiches: once a fiche, before its flags.
    default = _render(folder, "fiches", "html")
    html = _render(folder, "fiches", "html", tpl)
    assert marker not in default
    assert html.count(marker) == default.count('<section class="fiche"') > 0
    assert html.count(marker + '<ul class="flags">') == default.count('<ul class="flags">') > 0
    # Markdown: once a ranking row, once a fiche.
    md = _render(folder, "committee", "md", tpl)
    marked = [line for line in md.splitlines() if marker in line]
    assert len(marked) == md.count(marker) == len(default_rows)
    assert all(line.startswith("| ") for line in marked)
    md_fiches = _render(folder, "fiches", "md", tpl)
    assert md_fiches.count(marker) == html.count(marker)
    assert md_fiches.count(marker + "- ") > 0  # a fiche's flags, as a list


@pytest.mark.parametrize(("kind", "fmt"), [("committee", "html"), ("fiches", "html"),
                                           ("committee", "md"), ("fiches", "md")])
def test_delegating_override_renders_the_same_bytes(tmp_path: Path, kind: str, fmt: str) -> None:
    folder = scored_call(tmp_path)
    assert _render(folder, kind, fmt, _templates(tmp_path)) == _render(folder, kind, fmt)


def test_overridden_macros_reach_the_ranking_from_the_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from isgrid.cli import cli

    folder = scored_call(tmp_path)
    out = tmp_path / "comite.html"
    args: list[Any] = ["report", folder, "--kind", "committee", "--format", "html",
                       "--template-dir", _templates(tmp_path, status=MARKERS["status"]),
                       "-o", out]
    res = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    rows = _ranking_rows(out.read_text(encoding="utf-8"))
    assert all(MARKERS["status"] in row for row in rows)
