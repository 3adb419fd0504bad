"""Every document states the selection the result states now (issue "One engine").

On a copy of examples/alsace-2016, after ``isgrid withdraw COPY AL16-02`` and
``isgrid decide COPY AL16-03 --stage jury --outcome retenu --amount 15000``, the
committee report (interne and public, HTML and Markdown), the minutes, the CP
annex, the fiches, the letters, the séance dashboard, the SCDL export and the
audit record all state the decided selection (:attr:`isgrid.engine.Result.current`):
AL16-01 and AL16-03 retained, AL16-02 nowhere listed as retained, 42 000 €
committed and 10 000 € left.  By hand:

* AL16-01 keeps its proposed 27 000 € (50 % of 70 000 € of costs, capped at 27 000 €);
  AL16-03 holds the 15 000 € the jury's decision proposes: 27 000 + 15 000 = 42 000 €;
* the envelope is 52 000 €: 52 000 - 42 000 = 10 000 € left.

Then a séance consensus that changes a total, and a portfolio constraint, each
followed by the same documents.  Every command goes through click's CliRunner.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from clirun import norm, run
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.text import fmt_money, fmt_number
from isgrid.engine import Result, score

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alsace-2016"
#: The decided figures, by hand (module docstring): 27 000 + 15 000 and 52 000 - 42 000.
BUDGET, COMMITTED, REMAINING = 52000, 42000, 10000
LINE = "Enveloppe 52 000 € · engagé 42 000 € · reste 10 000 €"


def money(x: float) -> str:
    return norm(fmt_money(x, "fr"))


def budget_line(result: Result) -> str:
    now = result.current
    assert now is not None and now.budget is not None and now.committed is not None
    assert now.remaining is not None
    return (f"Enveloppe {money(now.budget)} · engagé {money(now.committed)} · "
            f"reste {money(now.remaining)}")


def copy_call(tmp_path: Path, name: str = "call") -> Path:
    folder = tmp_path / name
    shutil.copytree(EXAMPLE, folder)
    return folder


def withdraw_and_decide(folder: Path) -> None:
    run("withdraw", folder, "AL16-02", "--by", "S", "--reason", "x")
    run("decide", folder, "AL16-03", "--stage", "jury", "--outcome", "retenu",
        "--amount", "15000", "--by", "S", "--reason", "y")


@pytest.fixture
def decided(tmp_path: Path) -> Path:
    folder = copy_call(tmp_path)
    withdraw_and_decide(folder)
    return folder


# ------------------------------------------------------------------ what each document lists
def committee(folder: Path, out: Path, level: str, fmt: str) -> str:
    target = out / f"committee-{level}.{fmt}"
    run("report", folder, "--kind", "committee", "--level", level, "--format", fmt,
        "-o", target, "--force")
    return norm(target.read_text(encoding="utf-8"))


def committee_selected(text: str, level: str, fmt: str) -> list[str]:
    """The ids a committee report lists as proposed (interne) or laureates (public)."""
    if level == "public" and fmt == "html":
        table = text.split('<table class="laureates">', 1)[1].split("</table>", 1)[0]
        return re.findall(r'<td class="id">([^<]+)</td>', table)
    if level == "public":
        table = text.split("## Lauréats et montants", 1)[1].split("\n## ", 1)[0]
        return re.findall(r"^\| (AL16-\d\d) \|", table, flags=re.M)
    if fmt == "html":
        block = text.split("<h3>Dossiers proposés (", 1)[1].split("<h3>", 1)[0]
        return re.findall(r'<td class="id">([^<]+)</td>', block)
    line = next(x for x in text.splitlines() if x.startswith("**Dossiers proposés**"))
    return re.findall(r"AL16-\d\d", line)


def pv_retained(html: str) -> tuple[list[str], str]:
    """The minutes' list of retained dossiers, and its total (normalised)."""
    block = html.split("<h2>Liste proposée</h2>", 1)[1].split("<h2>", 1)[0]
    total = re.findall(r'<td class="num"><b>([^<]+)</b></td>', block)
    return re.findall(r'<td class="id">([^<]+)</td>', block), total[-1]


def dashboard_rows(html: str) -> dict[str, str]:
    """Dossier id -> the row's status class on the dashboard."""
    return dict((i, c) for c, i in re.findall(
        r'<tr class="([^"]+)"><td class="num">[^<]*</td><td class="id">([^<]+)</td>', html))


def fiche_statuses(md: str) -> dict[str, tuple[str, str, str]]:
    """Dossier id -> (status in words, proposed amount, granted amount) from the Markdown
    fiches."""
    out = {}
    for part in md.split("\n## ")[1:]:
        did = re.search(r"\((AL16-\d\d)\)", part.splitlines()[0])
        status = re.search(r"^- Statut : (.+)$", part, flags=re.M)
        proposed = re.search(r"Proposé : ([^\n·]+)", part)
        granted = re.search(r"Attribué : ([^\n·]+)", part)
        assert did and status and proposed and granted, part[:300]
        out[did.group(1)] = (status.group(1).strip(), proposed.group(1).strip(),
                             granted.group(1).strip())
    return out


# ------------------------------------------------------------------ the decided case
def test_the_result_itself(decided: Path) -> None:
    result = score(load_call(decided))
    now = result.current
    assert now is not None and now.decided
    assert now.selected == ("AL16-01", "AL16-03")
    assert (now.budget, now.committed, now.remaining) == (BUDGET, COMMITTED, REMAINING)
    assert result.dossier("AL16-02").status == "retiré"
    # the jury's 15 000 is proposed until a vote grants it (docs/decisions.md)
    assert result.dossier("AL16-03").amounts.granted is None
    assert result.dossier("AL16-03").amounts.proposed == 15000


@pytest.mark.parametrize("level", ["interne", "public"])
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_committee_report(decided: Path, tmp_path: Path, level: str, fmt: str) -> None:
    result = score(load_call(decided))
    text = committee(decided, tmp_path, level, fmt)
    assert budget_line(result) == LINE
    assert LINE in text
    assert "engagé 51 000" not in text and "reste 1 000 €" not in text  # not the proposal
    now = result.current
    assert now is not None
    assert committee_selected(text, level, fmt) == list(now.selected) == ["AL16-01", "AL16-03"]
    if level == "public":
        assert "AL16-02" not in text  # a public document names the laureates only
    assert "Proposition du jury" in text  # no vote yet: still the jury's proposal


def test_minutes(decided: Path, tmp_path: Path) -> None:
    result = score(load_call(decided))
    out = tmp_path / "pv.html"
    run("minutes", decided, "-o", out)
    html = norm(out.read_text(encoding="utf-8"))
    ids, total = pv_retained(html)
    now = result.current
    assert now is not None and now.committed is not None
    assert ids == list(now.selected) == ["AL16-01", "AL16-03"]
    assert total == money(now.committed) == "42 000 €"
    assert LINE in html and budget_line(result) == LINE
    reserve = html.split("<h2>Liste de réserve</h2>", 1)[1].split("<h2>", 1)[0]
    assert "AL16-04" in reserve and "AL16-02" not in reserve and "AL16-03" not in reserve
    assert "AL16-02 s&#39;est retiré" in html or "AL16-02 s'est retiré" in html


def test_minutes_docx(decided: Path, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "pv.docx"
    run("minutes", decided, "--format", "docx", "-o", out)
    doc = docx.Document(str(out))
    paragraphs = [norm(p.text) for p in doc.paragraphs]
    assert LINE in paragraphs
    heading = paragraphs.index("Liste proposée")
    # the tables in order: the retained list is the one right after its heading
    tables = [t for t in doc.tables if norm(t.rows[0].cells[0].text) == "Dossier"
              and norm(t.rows[0].cells[-1].text) == "Montant"]
    assert heading > 0 and tables
    rows = [[norm(c.text) for c in r.cells] for r in tables[0].rows[1:]]
    assert [r[0] for r in rows[:-1]] == ["AL16-01", "AL16-03"]
    assert rows[-1][-1] == "42 000 €"


def test_cp_annex(decided: Path, tmp_path: Path) -> None:
    result = score(load_call(decided))
    out = tmp_path / "annex.html"
    run("minutes", decided, "--kind", "cp-annex", "-o", out)
    html = norm(out.read_text(encoding="utf-8"))
    table = html.split('<table class="annex-table">', 1)[1].split("</table>", 1)[0]
    now = result.current
    assert now is not None and now.committed is not None and now.budget is not None
    assert re.findall(r'<td class="id">([^<]+)</td>', table) == list(now.selected)
    amounts = re.findall(r'<td class="num">(\d[\d ]* €)</td>', table)
    assert amounts == ["27 000 €", "15 000 €"]
    assert f"<b>{money(now.committed)}</b>" in table  # the total: 42 000 €
    # what is left is the envelope minus that total: 52 000 - 42 000 = 10 000 €
    assert now.budget - now.committed == REMAINING


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_fiches(decided: Path, tmp_path: Path, fmt: str) -> None:
    result = score(load_call(decided))
    out = tmp_path / f"fiches.{fmt}"
    run("report", decided, "--kind", "fiches", "--format", fmt, "-o", out)
    text = norm(out.read_text(encoding="utf-8"))
    if fmt == "html":
        sections = {m.group(1): m.group(2) for m in re.finditer(
            r'<section class="fiche" id="fiche-([^"]+)">(.*?)</section>', text, flags=re.S)}
        assert "proposé (retenu)" not in sections["AL16-02"]
        assert "retiré" in sections["AL16-02"]
        assert "proposé (retenu)" in sections["AL16-03"] and "15 000 €" in sections["AL16-03"]
        return
    fiches = fiche_statuses(text)
    retained = [i for i, (status, *_) in fiches.items() if status == "proposé (retenu)"]
    now = result.current
    assert now is not None
    assert sorted(retained) == list(now.selected) == ["AL16-01", "AL16-03"]
    assert fiches["AL16-02"][0] == "retiré"
    # each retained dossier's money: granted by a decision, else proposed; they add up
    held = {i: result.dossier(i).amounts for i in retained}
    # the jury's 15 000 € is proposed: no vote granted it (DossierResult.granted_by_vote)
    assert fiches["AL16-03"][1:] == (money(15000), "-")
    assert sum(a.granted if a.granted is not None else a.proposed or 0.0
               for a in held.values()) == now.committed == COMMITTED


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_letters(decided: Path, tmp_path: Path, fmt: str) -> None:
    result = score(load_call(decided))
    out = tmp_path / "letters"
    run("report", decided, "--kind", "feedback", "--format", fmt, "-o", out)
    letters = {p.stem: norm(p.read_text(encoding="utf-8")) for p in out.iterdir()}
    retained = sorted(i for i, text in letters.items() if "dossier retenu." in text)
    now = result.current
    assert now is not None
    assert retained == list(now.selected) == ["AL16-01", "AL16-03"]
    amounts = {i: re.search(r"Montant proposé : ([\d ]+ €)", letters[i]) for i in retained}
    assert {i: a.group(1) if a else None for i, a in amounts.items()} == {
        "AL16-01": "27 000 €", "AL16-03": "15 000 €"}  # 27 000 + 15 000 = 42 000
    assert "dossier retenu" not in letters["AL16-02"]
    # the reserve moved up: AL16-04 is now first (AL16-03 left it for the list)
    assert "Position 1 sur la liste de réserve" in letters["AL16-04"]


def test_dashboard(decided: Path, tmp_path: Path) -> None:
    result = score(load_call(decided))
    out = tmp_path / "board"
    run("watch", decided, "-o", out, "--once")
    html = norm((out / "index.html").read_text(encoding="utf-8"))
    assert LINE in html and budget_line(result) == LINE
    rows = dashboard_rows(html)
    now = result.current
    assert now is not None
    assert sorted(i for i, c in rows.items() if c == "st-retenu") == list(now.selected)
    assert rows["AL16-02"] == "st-retire" and rows["AL16-03"] == "st-retenu"


def test_scdl_export_after_the_vote(decided: Path, tmp_path: Path) -> None:
    """The export lists the grants voted: the same two dossiers and the same money."""
    for did, siret in (("AL16-01", "00000000000018"), ("AL16-03", "00000000000026")):
        with (decided / "dossiers" / f"{did}.yaml").open("a", encoding="utf-8") as f:
            f.write(f'holder: "Porteur {did}"\nsiret: "{siret}"\n')
    text = (decided / "call.yaml").read_text(encoding="utf-8")
    assert text.rstrip().endswith("scales.note04.half_steps: true")  # the `set:` block ends it
    with (decided / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("  facts.holder: {type: string}\n  facts.siret: {type: string}\n"
                "meeting:\n"
                "  vote: {body: Commission permanente, date: 2016-10-14,"
                " reference: CP-2016-10-17}\n"
                '  attribuant: {name: Région Alsace, siret: "23670001400012",'
                " nature: aide en numéraire, conditions_versement: unique,"
                " dates_periode_versement: 2016-11-01/2017-12-31}\n")
    out = tmp_path / "empty.csv"
    run("export", decided, "--format", "scdl-subventions", "-o", out)
    assert out.read_text(encoding="utf-8").count("\n") == 1  # no vote yet: nothing exported
    for did in ("AL16-01", "AL16-03"):
        run("decide", decided, did, "--stage", "vote", "--outcome", "retenu", "--by", "CP",
            "--reason", "délibération")
    result = score(load_call(decided))
    out = tmp_path / "grants.csv"
    run("export", decided, "--format", "scdl-subventions", "-o", out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    now = result.current
    assert now is not None and now.committed is not None and now.budget is not None
    assert [r["idBeneficiaire"][-2:] for r in rows] == ["18", "26"]
    assert "AL16-02" not in out.read_text(encoding="utf-8")
    assert [r["montant"] for r in rows] == ["27000.00", "15000.00"]
    total = sum(float(r["montant"]) for r in rows)
    assert total == now.committed == COMMITTED  # 27 000 + 15 000
    assert now.budget - total == REMAINING  # 52 000 - 42 000


def test_audit_record(decided: Path, tmp_path: Path) -> None:
    result = score(load_call(decided))
    record = tmp_path / "record.json"
    run("score", decided, "--record", record, "--format", "json", "-o", tmp_path / "r.json")
    rec = json.loads(record.read_text(encoding="utf-8"))
    sel = rec["selection"]
    now = result.current
    assert now is not None
    assert sel["decided"] is True
    assert (sel["budget"], sel["committed"], sel["remaining"]) == (
        now.budget, now.committed, now.remaining) == (BUDGET, COMMITTED, REMAINING)
    assert sel["selected"] == list(now.selected) == ["AL16-01", "AL16-03"]
    # nothing granted: AL16-03's 15 000 is the jury's proposal (only a vote grants)
    assert sel["granted"] == 0 and sel["reserve"] == ["AL16-04"]
    run("record", "check", decided, record)
    # a later withdrawal changes the selection: the check names it
    run("withdraw", decided, "AL16-01", "--by", "S", "--reason", "z")
    res = CliRunner().invoke(cli, ["record", "check", str(decided), str(record)])
    assert res.exit_code == 1 and "the selection changed" in res.output


# ------------------------------------------------------------------ a consensus, a constraint
def test_a_seance_consensus_that_changes_a_total(tmp_path: Path) -> None:
    """AL16-02 rated 0 by consensus on two criteria falls from 77,4 to 54,8 and below
    AL16-03: the proposal becomes AL16-01 + AL16-03 = 27 000 + 15 000 = 42 000 €,
    10 000 € left (AL16-04's 20 000 € does not fit)."""
    folder = copy_call(tmp_path)
    before = score(load_call(folder)).dossier("AL16-02").total
    for crit in ("ALS-2", "ALS-3"):
        run("consensus", "set", folder, "AL16-02", crit, "0", "--by", "Mme Martin",
            "--reason", "revu en séance")
    result = score(load_call(folder))
    total = result.dossier("AL16-02").total
    assert before is not None and total is not None and total < before
    now = result.current
    assert now is not None and not now.decided  # a consensus decides nothing
    assert now.selected == ("AL16-01", "AL16-03") and now.reserve == ("AL16-04", "AL16-02")
    assert (now.committed, now.remaining) == (COMMITTED, REMAINING)
    shown = norm(fmt_number(total, "fr", 1))
    md = committee(folder, tmp_path, "interne", "md")
    assert LINE in md
    assert committee_selected(md, "interne", "md") == ["AL16-01", "AL16-03"]
    row = next(x for x in md.splitlines() if x.startswith("| ") and "| AL16-02 |" in x)
    assert f"| {shown} |" in row and shown == "54,8"
    out = tmp_path / "pv.html"
    run("minutes", folder, "-o", out)
    html = norm(out.read_text(encoding="utf-8"))
    assert pv_retained(html) == (["AL16-01", "AL16-03"], "42 000 €")
    assert "ALS-2 : 3,3 → 0" in html  # the change, with the value it replaced
    board = tmp_path / "board"
    run("watch", folder, "-o", board, "--once")
    page = norm((board / "index.html").read_text(encoding="utf-8"))
    assert LINE in page and dashboard_rows(page)["AL16-02"] == "st-reserve"


def test_a_portfolio_constraint(tmp_path: Path) -> None:
    """At least two Bas-Rhin (67) projects: AL16-02 (24 000 €) and AL16-03 (15 000 €) are
    taken first, 39 000 €; AL16-01 (27 000 €) no longer fits the 13 000 € left
    (52 000 - 39 000) and rank-order stops: the documents list AL16-02 and AL16-03."""
    folder = copy_call(tmp_path)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write('constraints:\n  - {id: bas-rhin, kind: min, fact: departement, value: "67",'
                " count: 2, label: au moins deux projets du Bas-Rhin}\n")
    result = score(load_call(folder))
    now = result.current
    assert now is not None
    assert now.selected == ("AL16-02", "AL16-03")
    assert (now.committed, now.remaining) == (39000, 13000)
    line = "Enveloppe 52 000 € · engagé 39 000 € · reste 13 000 €"
    assert budget_line(result) == line
    for level, fmt in (("interne", "md"), ("interne", "html"), ("public", "html")):
        text = committee(folder, tmp_path, level, fmt)
        assert committee_selected(text, level, fmt) == ["AL16-02", "AL16-03"], (level, fmt)
        assert line in text
    out = tmp_path / "pv.html"
    run("minutes", folder, "-o", out)
    html = norm(out.read_text(encoding="utf-8"))
    assert pv_retained(html) == (["AL16-02", "AL16-03"], "39 000 €")
    assert line in html and "pour respecter la contrainte bas-rhin" in html
    board = tmp_path / "board"
    run("watch", folder, "-o", board, "--once")
    rows = dashboard_rows(norm((board / "index.html").read_text(encoding="utf-8")))
    assert sorted(i for i, c in rows.items() if c == "st-retenu") == ["AL16-02", "AL16-03"]
    record = tmp_path / "record.json"
    run("score", folder, "--record", record, "--format", "json", "-o", tmp_path / "r.json")
    sel = json.loads(record.read_text(encoding="utf-8"))["selection"]
    assert sel["selected"] == ["AL16-02", "AL16-03"] and sel["committed"] == 39000
    # Then AL16-02 withdraws: 52 000 - 15 000 = 37 000 € are free and AL16-01 (27 000 €),
    # first on the reserve, is proposed in its place (a replacement does not re-check the
    # constraints, docs/decisions.md): 15 000 + 27 000 = 42 000 €, 10 000 € left.
    run("withdraw", folder, "AL16-02", "--by", "S", "--reason", "x")
    after = score(load_call(folder))
    assert after.current is not None and after.current.decided
    assert after.current.selected == ("AL16-01", "AL16-03")
    assert budget_line(after) == LINE
    text = committee(folder, tmp_path, "interne", "md")
    assert committee_selected(text, "interne", "md") == ["AL16-01", "AL16-03"]
    assert LINE in text
