"""``isgrid report`` on the command line, and the template-context contract."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jinja2 import Environment, nodes
from pydantic import BaseModel

from isgrid.cli import cli
from isgrid.documents import dossier_models, models
from isgrid.paths import templates_dir
from report_calls import scored_call, weasyprint_usable
from testpaths import ROOT

#: This feature's templates (templates/report/ also holds the minutes' templates).
MINE = ["base.html.j2", "_macros.html.j2", "_macros.md.j2", "committee.html.j2",
        "committee.md.j2", "fiches.html.j2", "fiches.md.j2", "feedback.html.j2",
        "feedback.md.j2"]


def run(*args: Any) -> Any:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_committee_html_then_refuses_to_overwrite(tmp_path: Path) -> None:
    folder = scored_call(tmp_path)
    out = tmp_path / "comite.html"
    res = run("report", folder, "-o", out)
    assert res.exit_code == 0, res.stderr
    assert str(out) in res.stderr and out.read_text(encoding="utf-8").startswith("<!DOCTYPE")
    res = run("report", folder, "-o", out)
    assert res.exit_code == 2 and "already exists" in res.stderr
    assert run("report", folder, "-o", out, "--force").exit_code == 0


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    folder = scored_call(tmp_path)
    res = run("report", folder, "--format", "md", "-o", folder / "call.yaml", "--force")
    assert res.exit_code == 2 and "input" in res.stderr
    assert "title:" in (folder / "call.yaml").read_text(encoding="utf-8")


def test_feedback_writes_one_file_per_dossier(tmp_path: Path) -> None:
    folder = scored_call(tmp_path)
    out = tmp_path / "lettres"
    res = run("report", folder, "--kind", "feedback", "--format", "md", "-o", out)
    assert res.exit_code == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"D0{i}.md" for i in range(1, 7)]
    res = run("report", folder, "--kind", "feedback", "--format", "md", "-o", out)
    assert res.exit_code == 2
    res = run("report", folder, "--kind", "feedback", "--format", "md", "-o", out,
              "--dossier", "D02", "--force")
    assert res.exit_code == 0


def test_levels_kinds_languages_and_errors(tmp_path: Path) -> None:
    folder = scored_call(tmp_path)
    # the command's messages are in the command line's language (--lang fr here)
    res = run("--lang", "fr", "report", folder, "--kind", "feedback", "--level", "interne",
              "-o", tmp_path / "x")
    assert res.exit_code == 2 and "n'existe pas" in res.stderr
    res = run("--lang", "en", "report", folder, "--kind", "fiches", "--level", "public",
              "-o", tmp_path / "x")
    assert res.exit_code == 2 and "does not exist at level public" in res.stderr
    res = run("--lang", "fr", "report", folder, "--kind", "fiches", "--dossier", "NOPE",
              "-o", tmp_path / "x")
    assert res.exit_code == 2 and "dossier inconnu\u00a0: NOPE" in res.stderr
    out = tmp_path / "en.md"
    res = run("report", folder, "--lang", "en", "--level", "public", "--format", "md", "-o", out)
    assert res.exit_code == 0
    assert "Laureates and amounts" in out.read_text(encoding="utf-8")


@pytest.mark.skipif(not weasyprint_usable(), reason="WeasyPrint cannot load here")
def test_pdf_from_the_cli(tmp_path: Path) -> None:
    folder = scored_call(tmp_path)
    out = tmp_path / "c.pdf"
    res = run("report", folder, "--format", "pdf", "--level", "public", "-o", out)
    assert res.exit_code == 0, res.stderr
    assert out.read_bytes().startswith(b"%PDF")


def _fields() -> set[str]:
    names: set[str] = set()
    for obj in [*vars(models).values(), *vars(dossier_models).values()]:
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
            names.update(obj.model_fields)
    return names


def test_every_context_field_is_documented() -> None:
    for obj in [*vars(models).values(), *vars(dossier_models).values()]:
        if isinstance(obj, type) and issubclass(obj, dossier_models.Ctx) and obj is not dossier_models.Ctx:
            assert obj.__doc__, obj
            for name, f in obj.model_fields.items():
                assert f.description, f"{obj.__name__}.{name}"


def test_templates_use_only_documented_fields() -> None:
    """Every attribute a report template reads is a field of a context model.

    (Plus the attributes of Jinja's loop and of dicts: ``items``.)"""
    fields = _fields() | {"items", "previtem", "first", "last", "index"}
    env = Environment()
    used: set[str] = set()
    top: set[str] = set()
    for path in [templates_dir() / "report" / name for name in MINE]:
        ast = env.parse(path.read_text(encoding="utf-8"))
        used.update(n.attr for n in ast.find_all(nodes.Getattr)
                    if not (isinstance(n.node, nodes.Name) and n.node.name == "mac"))
        used.update(n.arg.value for n in ast.find_all(nodes.Getitem)
                    if isinstance(n.arg, nodes.Const) and isinstance(n.arg.value, str))
        top.update(n.name for n in ast.find_all(nodes.Name) if n.ctx == "load")
    assert used - fields == set()
    # the top-level names are the Context's fields, loop variables, macros and globals
    context = set(models.Context.model_fields)
    assert context - top == set(), "a context field no template reads"
    unknown = {n for n in top - context if not re.fullmatch(
        r"t|common|mac|loop|true|false|none|[a-z]{1,6}|refused|tocheck|label|role|ncols|has_dec|has_money|sel_money"
        r"|document_csp", n)}
    assert unknown == set()


def test_docs_context_reference_is_current() -> None:
    doc = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    assert models.reference_markdown() in doc


def test_catalog_has_every_message_in_both_languages() -> None:
    import json

    from isgrid.i18n import catalog

    cat = catalog("report")
    assert set(cat["fr"]) == set(cat["en"])
    used: set[str] = set()
    for path in [templates_dir() / "report" / name for name in MINE]:
        used.update(re.findall(r'\bt\("([^"]+)"', path.read_text(encoding="utf-8")))
    static = {k for k in used if not k.endswith((".", "-"))}
    assert static - set(cat["fr"]) == set(), "a template uses a message the catalog lacks"
    assert json.dumps(cat)  # plain data


def test_a_machine_without_weasyprint_gets_a_clear_error_in_its_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    folder = scored_call(tmp_path)
    out = tmp_path / "comite.pdf"
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` fails
    res = run("--lang", "fr", "report", folder, "--format", "pdf", "-o", out)
    assert res.exit_code == 1 and not out.exists()
    assert "Traceback" not in res.stderr
    assert ("impossible de produire le PDF\u00a0: WeasyPrint n'est pas utilisable ici"
            in res.stderr)
    res = run("--lang", "en", "report", folder, "--format", "pdf", "-o", out)
    assert "cannot produce the PDF: WeasyPrint is not usable here" in res.stderr
