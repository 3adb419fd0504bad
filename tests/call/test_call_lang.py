"""The language of documents: ``isgrid --lang`` wins, else the call's ``lang``, else French.

Every test starts from a copy of ``examples/alsace-2016`` whose call.yaml says
``lang: en``, ``lang: fr`` or nothing, and checks words of the message catalogs
(``isgrid/locale/*.json``, read as files here) in what the command writes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from markupsafe import escape

from isgrid.cli import cli
from isgrid.cli.base import State
from testpaths import ROOT

ROOT = ROOT
EXAMPLE = ROOT / "examples" / "alsace-2016"
LOCALE = ROOT / "src" / "isgrid" / "locale"
OTHER = {"fr": "en", "en": "fr"}

#: (call.yaml's lang, global options) -> the language the documents must be in.
CASES = [
    pytest.param("en", [], "en", id="call-en"),
    pytest.param("en", ["--lang", "fr"], "fr", id="call-en+global-fr"),
    pytest.param(None, [], "fr", id="call-without-lang"),
    pytest.param("fr", [], "fr", id="call-fr"),
    pytest.param(None, ["--lang", "en"], "en", id="call-without-lang+global-en"),
]


def catalog(domain: str) -> dict[str, dict[str, str]]:
    """A catalog as isgrid reads it (its French texts with French typography's spaces)."""
    from isgrid.i18n import catalog as read

    return read(domain)


def html_text(domain: str, key: str, lang: str) -> str:
    """A catalog message as a Jinja template writes it in HTML."""
    return str(escape(catalog(domain)[lang][key]))


def call_with_lang(tmp_path: Path, lang: str | None, name: str = "call") -> Path:
    folder = tmp_path / name
    shutil.copytree(EXAMPLE, folder)
    yaml_path = folder / "call.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    assert "\nlang: fr\n" in text
    text = text.replace("\nlang: fr\n", f"\nlang: {lang}\n" if lang else "\n")
    yaml_path.write_text(text, encoding="utf-8")
    return folder


def run(*args: Any) -> Any:
    res = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res


# ------------------------------------------------------------------ the rule
def test_document_lang_order() -> None:
    class Config:
        lang = "en"

    class Call:
        config = Config()

    state = State()
    assert state.document_lang(None) == "fr"
    assert state.document_lang(Call()) == "en"
    assert state.document_lang(Config()) == "en"
    assert state.document_lang({"call": {"lang": "en"}}) == "en"  # a result
    assert state.document_lang({"call": {}}) == "fr"
    assert state.document_lang(Call(), "fr") == "fr"  # a command's own --lang
    state = State(lang_option="fr")  # isgrid --lang fr
    assert state.document_lang(Call()) == "fr"
    assert state.document_lang(Call(), "en") == "en"


def test_global_lang_is_remembered_as_given(tmp_path: Path) -> None:
    folder = call_with_lang(tmp_path, "en")
    for opts, given, lang in [([], None, "fr"), (["--lang", "en"], "en", "en")]:
        state = State()  # the run's context object (``ctx.obj``)
        res = CliRunner().invoke(cli, [*opts, "call", "check", str(folder)], obj=state,
                                 catch_exceptions=False)
        assert res.exit_code == 0, res.output
        assert state.lang_option == given and state.lang == lang  # the CLI's own language


# ------------------------------------------------------------------ score
@pytest.mark.parametrize(("call_lang", "opts", "expected"), CASES)
def test_score_table(tmp_path: Path, call_lang: str | None, opts: list[str],
                     expected: str) -> None:
    out = run(*opts, "score", call_with_lang(tmp_path, call_lang)).stdout
    head = next(line for line in out.splitlines() if "Dossier" in line)
    words = {"fr": ["Rang", "Statut", "Montant"], "en": ["Rank", "Status", "Amount"]}
    assert head.split()[:1] == words[expected][:1]
    for word in words[expected]:
        assert word in head
    for word in words[OTHER[expected]][:2]:
        assert word not in head
    fictitious = {"fr": "Données fictives.", "en": "Fictitious data."}
    assert fictitious[expected] in out and fictitious[OTHER[expected]] not in out
    budget = {"fr": "Enveloppe ", "en": "Budget "}
    assert any(line.startswith(budget[expected]) for line in out.splitlines())
    grid_line = {"fr": "(grille notée) sha256", "en": "(scored grid) sha256"}  # the mode too
    assert grid_line[expected] in out and grid_line[OTHER[expected]] not in out


@pytest.mark.parametrize(("call_lang", "opts", "expected"), CASES[:3])
def test_score_csv(tmp_path: Path, call_lang: str | None, opts: list[str],
                   expected: str) -> None:
    folder = call_with_lang(tmp_path, call_lang)
    out = tmp_path / "classement.csv"
    run(*opts, "score", folder, "--format", "csv", "-o", out)
    data = out.read_bytes()
    first = data.split(b"\n", 1)[0]
    if expected == "fr":  # for French spreadsheets: BOM, semicolons, decimal commas
        assert data.startswith("\ufeff".encode()) and first.startswith("\ufeffrank;id;".encode())
    else:
        assert not data.startswith("\ufeff".encode()) and first.startswith(b"rank,id,")


def test_score_record_names_the_language(tmp_path: Path) -> None:
    folder = call_with_lang(tmp_path, "en")
    rec = tmp_path / "rec.json"
    run("score", folder, "--format", "json", "-o", tmp_path / "r.json", "--record", rec)
    assert json.loads(rec.read_text(encoding="utf-8"))["options"]["lang"] == "en"
    run("record", "check", folder, rec)


# ------------------------------------------------------------------ report
COMMITTEE_KEYS = ["title.committee", "h.eligibility", "h.agenda", "budget.rule",
                  "ranking.line"]


def assert_committee(html: str, lang: str) -> None:
    assert f'<html lang="{lang}"' in html
    for key in COMMITTEE_KEYS:
        assert html_text("report", key, lang) in html, key
        assert html_text("report", key, OTHER[lang]) not in html, key


@pytest.mark.parametrize(("call_lang", "opts", "expected"), CASES)
def test_report_committee_html(tmp_path: Path, call_lang: str | None, opts: list[str],
                               expected: str) -> None:
    out = tmp_path / "comite.html"
    run(*opts, "report", call_with_lang(tmp_path, call_lang), "--kind", "committee",
        "-o", out)
    assert_committee(out.read_text(encoding="utf-8"), expected)


def test_report_own_lang_option_wins(tmp_path: Path) -> None:
    folder = call_with_lang(tmp_path, "en")
    out = tmp_path / "comite.html"
    run("report", folder, "--lang", "fr", "-o", out)
    assert_committee(out.read_text(encoding="utf-8"), "fr")
    run("--lang", "fr", "report", folder, "--lang", "en", "-o", out, "--force")
    assert_committee(out.read_text(encoding="utf-8"), "en")


def test_report_feedback_and_fiches_follow_the_call(tmp_path: Path) -> None:
    folder = call_with_lang(tmp_path, "en")
    run("report", folder, "--kind", "fiches", "--format", "md", "-o", tmp_path / "f.md")
    fiches = (tmp_path / "f.md").read_text(encoding="utf-8")
    assert catalog("report")["en"]["h.eligibility"] in fiches
    assert catalog("report")["fr"]["h.eligibility"] not in fiches
    run("report", folder, "--kind", "feedback", "--format", "html", "-o", tmp_path / "letters")
    letters = list((tmp_path / "letters").glob("*.html"))
    assert letters
    for letter in letters:
        assert '<html lang="en"' in letter.read_text(encoding="utf-8")


# ------------------------------------------------------------------ minutes
@pytest.mark.parametrize(("call_lang", "opts", "expected"), CASES[:3])
def test_minutes_pv(tmp_path: Path, call_lang: str | None, opts: list[str],
                    expected: str) -> None:
    out = tmp_path / "pv.html"
    run(*opts, "minutes", call_with_lang(tmp_path, call_lang), "-o", out)
    html = out.read_text(encoding="utf-8")
    assert f'<html lang="{expected}"' in html
    for key in ("pv.title", "h.list", "h.composition"):
        assert html_text("decisions", key, expected) in html, key
        assert html_text("decisions", key, OTHER[expected]) not in html, key


def test_report_kind_pv_follows_the_call(tmp_path: Path) -> None:
    out = tmp_path / "pv.html"
    run("report", call_with_lang(tmp_path, "en"), "--kind", "pv", "-o", out)
    assert html_text("decisions", "pv.title", "en") in out.read_text(encoding="utf-8")


# ------------------------------------------------------------------ sheets
@pytest.mark.parametrize(("call_lang", "opts", "expected"), CASES)
def test_sheets_xlsx(tmp_path: Path, call_lang: str | None, opts: list[str],
                     expected: str) -> None:
    out = tmp_path / "fiches"
    run(*opts, "sheets", call_with_lang(tmp_path, call_lang), "-o", out)
    books = sorted(out.glob("*.xlsx"))
    assert books
    t = catalog("sheets")
    for book in books:
        wb = openpyxl.load_workbook(book)
        names = wb.sheetnames
        assert t[expected]["sheet.ratings"] in names and t[expected]["sheet.guidance"] in names
        assert t[OTHER[expected]]["sheet.ratings"] not in names
        rows = list(wb[t[expected]["sheet.ratings"]].iter_rows(max_row=3, values_only=True))
        assert list(rows[0][:4]) == [t[expected][k] for k in
                                     ("col.dossier", "col.title", "col.file", "col.kind")]
        assert [r[3] for r in rows[1:]] == [t[expected]["kind.rating"],
                                           t[expected]["kind.comment"]]
        guidance = [r[0] for r in wb[t[expected]["sheet.guidance"]].iter_rows(
            max_row=2, values_only=True)]
        assert any(str(g).startswith(t[expected]["guidance.for"].split("{")[0])
                   for g in guidance)


def test_sheets_csv(tmp_path: Path) -> None:
    out = tmp_path / "fiches"
    run("sheets", call_with_lang(tmp_path, "en"), "--format", "csv", "-o", out)
    # a juror's sheet (the instructor's asks for no overall opinion: the jurors' only)
    data = (out / "j1.csv").read_bytes()
    assert not data.startswith("\ufeff".encode())  # English CSV: no BOM, commas
    assert data.split(b"\r\n", 1)[0].startswith(b"dossier,title,")
    t = catalog("sheets")
    assert f",{t['en']['opinion']} (".encode() in data
    assert t["fr"]["opinion"].encode() not in data


# ------------------------------------------------------------------ watch
@pytest.mark.parametrize(("call_lang", "opts", "expected"), CASES[:3])
def test_watch_dashboard(tmp_path: Path, call_lang: str | None, opts: list[str],
                         expected: str) -> None:
    out = tmp_path / "seance"
    run(*opts, "watch", call_with_lang(tmp_path, call_lang), "-o", out, "--once")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html_text("decisions", "dashboard.title", expected) in html
    assert html_text("decisions", "dashboard.title", OTHER[expected]) not in html


def test_dashboard_of_a_broken_call_is_french(tmp_path: Path) -> None:
    from isgrid.web.watch import dashboard

    folder = call_with_lang(tmp_path, "en")
    (folder / "call.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    html = dashboard(folder).decode("utf-8")
    assert html_text("decisions", "dashboard.error", "fr") in html
    assert html_text("decisions", "dashboard.error", "en") in dashboard(folder, lang="en").decode()
