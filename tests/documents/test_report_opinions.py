"""Jurors' overall opinions (opinions/*.csv) in the fiches and on the committee agenda.

The Alsace example is copied to tmp_path and given hand-written opinions; its
call.yaml declares a déport of j2 on AL16-01.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.build import build_context
from isgrid.documents.output import render_report
from isgrid.documents.text import fmt_money
from isgrid.engine import score
from isgrid.errors import Diagnostic
from isgrid.i18n import translator
from isgrid.jury import opinions as opinions_mod
from isgrid.jury.opinions import load_opinions, parse_amount
from testpaths import EXAMPLES

EXAMPLE = EXAMPLES / "alsace-2016"
HEADER = "dossier,assessor,opinion,amount,comment\n"

J1 = HEADER + (
    'AL16-01,j1,favorable,18500,"Porteur solide, recyclerie déjà rentable"\n'
    "AL16-02,j1,favorable,21000,Maillage territorial convaincant\n"
    'AL16-03,j1,défavorable,,"<script>alert(1)</script> & ""trop tôt"""\n'
)
J2 = HEADER + (
    "AL16-01,j2,favorable,13579,Administrateur de la SCIC: avis à écarter\n"
    "AL16-02,j2,réservé,12 000,Budget des déplacements sous-estimé\n"
)
J3 = HEADER + (
    "AL16-01,j3,réservé,douze mille,Attendre le bilan 2016\n"
    "AL16-02,j3,Favorable,\"16 000,50 €\",Équipe salariée en place\n"
)


def make_call(tmp_path: Path, files: dict[str, str | bytes] | None = None) -> Path:
    folder = tmp_path / "alsace"
    shutil.copytree(EXAMPLE, folder)
    odir = folder / "opinions"
    odir.mkdir()
    for name, text in (files if files is not None else
                       {"j1.csv": J1, "j2.csv": J2, "j3.csv": J3}).items():
        path = odir / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder

NB = "\u00a0"


def render(folder: Path, kind: Any, fmt: Any, **kw: Any) -> str:
    """The document as text; in Markdown, (narrow) no-break spaces read as spaces."""
    call = load_call(folder)
    result = score(call)
    text = render_report(call, result, kind, fmt, **kw)[0][1].decode("utf-8")
    return text.replace("\u202f", " ").replace("\xa0", " ") if fmt == "md" else text


def fiche_md(text: str, dossier: str) -> str:
    """The Markdown fiche of one dossier (from its heading to the next one)."""
    start = text.index(f"({dossier})\n")
    end = text.find("\n## ", start)
    return text[start:end if end >= 0 else len(text)]


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


def test_fiches_show_each_jurors_opinion_amount_and_comment(tmp_path: Path) -> None:
    md = render(make_call(tmp_path), "fiches", "md")
    f1 = fiche_md(md, "AL16-01")
    assert "| Hélène Schaeffer | favorable | 18 500 € | Porteur solide, recyclerie déjà " \
           "rentable |" in f1
    # j3's amount "douze mille" is not a number: the opinion and comment stay, not the amount
    assert "| Sophie Kuntz | réservé | - | Attendre le bilan 2016 |" in f1
    assert "**Avis des jurés** (1 favorable, 1 réservé · montant proposé : 18 500 €)" in f1
    f2 = fiche_md(md, "AL16-02")
    assert "| Marc Wendling | réservé | 12 000 € | Budget des déplacements sous-estimé |" in f2
    # « 16 000,50 € » as the juror wrote it (it read « 16 000 € », the cents rounded away)
    assert "| Sophie Kuntz | favorable | 16 000,50 € | Équipe salariée en place |" in f2
    assert "(2 favorables, 1 réservé · montants proposés : 12 000 € – 21 000 €)" in f2
    # a dossier nobody gave an opinion on has no table
    assert "Avis des jurés" not in fiche_md(md, "AL16-04")


def test_the_conflicted_jurors_opinion_is_absent(tmp_path: Path) -> None:
    folder = make_call(tmp_path)
    for fmt in ("md", "html"):
        text = render(folder, "fiches", fmt)
        assert "Administrateur de la SCIC: avis" not in text
        assert "13 579" not in text and "13579" not in text
    f1 = fiche_md(render(folder, "fiches", "md"), "AL16-01")
    assert "| Marc Wendling |" not in f1  # j2 gave no other opinion on AL16-01
    ops = load_opinions(load_call(folder))
    assert [o.assessor for o in ops.of("AL16-01")] == ["j1", "j3"]
    conflicted = [d for d in ops.warnings if d.code == "conflicted-rating"]
    assert len(conflicted) == 1 and conflicted[0].severity == "warning"
    assert conflicted[0].location.file.endswith("opinions/j2.csv")
    assert conflicted[0].location.line == 2


def test_a_bad_amount_is_a_located_warning_and_the_report_still_builds(tmp_path: Path) -> None:
    folder = make_call(tmp_path)
    ops = load_opinions(load_call(folder))
    bad = [d for d in ops.warnings if d.code == "bad-amount"]
    assert len(bad) == 1
    loc = bad[0].location
    assert (Path(loc.file).name, loc.line, loc.column) == ("j3.csv", 2, 4)
    assert bad[0].severity == "warning" and "douze mille" in bad[0].message
    assert str(loc).endswith("opinions/j3.csv:2:4")
    # on the command line: printed with its place, exit 0; --strict stops
    out = tmp_path / "fiches.md"
    res = CliRunner().invoke(cli, ["report", str(folder), "--kind", "fiches", "--format", "md",
                                   "-o", str(out)], catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    assert "opinions/j3.csv:2:4" in res.stderr and "[bad-amount]" in res.stderr
    assert "Sophie Kuntz" in out.read_text(encoding="utf-8")
    res = CliRunner().invoke(cli, ["--strict", "report", str(folder), "--kind", "fiches",
                                   "-o", str(tmp_path / "strict.html")],
                             catch_exceptions=False)
    assert res.exit_code == 1 and not (tmp_path / "strict.html").exists()
    # documents that do not show opinions do not read them
    res = CliRunner().invoke(cli, ["--strict", "report", str(folder), "--kind", "feedback",
                                   "--format", "md", "-o", str(tmp_path / "letters")],
                             catch_exceptions=False)
    assert "bad-amount" not in res.stderr


def test_comments_are_escaped_in_html_and_markdown(tmp_path: Path) -> None:
    folder = make_call(tmp_path)
    html = render(folder, "fiches", "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;trop tôt&#34;" in html
    md = render(folder, "fiches", "md")
    assert "<script>" not in md
    assert '&lt;script>alert(1)&lt;/script> & "trop tôt"' in fiche_md(md, "AL16-03")


def test_committee_agenda_counts_opinions_and_gives_the_range_of_amounts(
        tmp_path: Path) -> None:
    folder = make_call(tmp_path)
    md = render(folder, "committee", "md")
    agenda = md[md.index("## 6."):md.index("## 7.")]
    row = next(line for line in agenda.splitlines() if "| AL16-02 |" in line)
    assert row.endswith("| 2 favorables, 1 réservé · 12 000 € – 21 000 € |")
    html = render(folder, "committee", "html")
    section = html[html.index("<h2>6."):html.index("<h2>7.")]
    assert "2 favorables, 1 réservé" in section
    assert "12\u202f000\u202f€ – 21\u202f000\u202f€" in section
    # the ranking table does not carry them
    ranking = html[html.index("<h2>4."):html.index("<h2>5.")]
    assert "favorables" not in ranking
    # English
    en = render(folder, "committee", "md", lang="en")
    agenda = en[en.index("## 6."):en.index("## 7.")]
    assert "| 2 favourable, 1 reserved · €12,000 – €21,000 |" in agenda
    fiches_en = render(folder, "fiches", "md", lang="en")
    assert "| Marc Wendling | reserved | €12,000 | Budget des déplacements sous-estimé |" \
        in fiches_en
    assert "Jurors' opinions" in fiches_en


def test_opinions_only_at_interne(tmp_path: Path) -> None:
    folder = make_call(tmp_path)
    call = load_call(folder)
    result = score(call)
    ctx = build_context(call, result, "fiches", "communicable")
    assert len(ctx.fiches) == 8  # alsace-2016's 8 dossiers
    assert all(f.opinions == [] and f.opinion_summary is None for f in ctx.fiches)
    text = render(folder, "fiches", "md", level="communicable")
    assert "Porteur solide" not in text and "Avis des jurés" not in text
    committee = render(folder, "committee", "html", level="communicable")
    assert "favorables" not in committee and "Maillage" not in committee
    ctx = build_context(call, result, "committee", "interne")
    item = next(a for a in ctx.agenda if a.id == "AL16-02")
    assert item.opinions is not None
    assert item.opinions.counts == {"favorable": 2, "réservé": 1}
    assert (item.opinions.amount_min, item.opinions.amount_max) == (12000, 21000)


def test_without_opinions_folder_nothing_changes(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    shutil.copytree(EXAMPLE, folder)
    ops = load_opinions(load_call(folder))
    assert ops.by_dossier == {} and ops.warnings == [] and ops.files == []
    md = render(folder, "fiches", "md")
    assert "Avis des jurés" not in md


def test_every_problem_is_a_located_warning(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "a.csv": HEADER + (
            "AL99-01,j1,favorable,,\n"           # unknown dossier
            "AL16-04,zz,favorable,,\n"           # unknown assessor
            "AL16-04,j1,peut-être,5000,ok\n"     # bad opinion: amount and comment stay
            "AL16-05,j1,favorable,-3,\n"         # negative amount
            "AL16-05,j1,défavorable,,\n"         # a second opinion of j1 on AL16-05
            "AL16-07,j1,,,\n"                    # said nothing: ignored
        ),
        "b.csv": "dossier,juror,opinion\nAL16-04,j3,favorable\n",  # no assessor column
        "c.csv": "dossier,assessor,opinion,note\nAL16-04,j3,favorable,x\n",  # extra column
        "d.csv": (HEADER + "AL16-07,j2,défavorable,,Coût élevé\n").encode("cp1252"),
        "e.csv": "",
        "notes.txt": "not read",
    }
    folder = make_call(tmp_path, files)
    (folder / "opinions" / "replaced").mkdir()
    (folder / "opinions" / "replaced" / "j1.20000101T000000Z.csv").write_text(
        HEADER + "AL16-08,j1,favorable,,old\n", encoding="utf-8")
    ops = load_opinions(load_call(folder))
    assert all(d.severity == "warning" for d in ops.warnings)
    got = [(d.code, Path(d.location.file or "").name, d.location.line, d.location.column)
           for d in ops.warnings]
    assert ("unknown-dossier", "a.csv", 2, 1) in got
    assert ("unknown-assessor", "a.csv", 3, 2) in got
    assert ("bad-opinion", "a.csv", 4, 3) in got
    assert ("bad-amount", "a.csv", 5, 4) in got
    assert ("duplicate-rating", "a.csv", 6, None) in got
    assert ("csv-missing-column", "b.csv", 1, None) in got
    assert ("csv-extra-column", "c.csv", 1, 4) in got
    assert ("encoding-decoded", "d.csv", 2, None) in got
    assert ("csv-syntax", "e.csv", 1, None) in got
    assert len(got) == 9, got
    # a.csv's bad opinion keeps the amount and comment; c.csv's row is read (its extra
    # column ignored); b.csv is not read at all
    assert [(o.assessor, o.opinion, o.amount, o.comment) for o in ops.of("AL16-04")] == \
        [("j1", None, 5000.0, "ok"), ("j3", "favorable", None, "")]
    [o5] = ops.of("AL16-05")
    assert (o5.opinion, o5.amount) == ("favorable", None)  # the first row kept
    [o7] = ops.of("AL16-07")
    assert o7.comment == "Coût élevé"  # decoded as cp1252
    assert "AL16-08" not in ops.by_dossier  # opinions/replaced/ is not read
    assert ops.files == [f"opinions/{n}" for n in ("a.csv", "b.csv", "c.csv", "d.csv",
                                                     "e.csv")]
    # the report still builds
    assert "Coût élevé" in render(folder, "fiches", "md")


def test_a_file_above_the_size_limit_is_skipped(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    folder = make_call(tmp_path)
    monkeypatch.setattr(opinions_mod, "MAX_OPINIONS_BYTES", 100)
    ops = load_opinions(load_call(folder))
    assert sorted(codes(ops.warnings)) == ["file-too-large"] * 3
    assert ops.by_dossier == {}


def test_amounts_as_jurors_write_them() -> None:
    assert parse_amount("12 000") == 12000
    assert parse_amount("12000,50 €") == 12000.5
    assert parse_amount("9\u202f500 EUR") == 9500
    assert parse_amount("0") == 0
    for bad in ("-1", "douze", "1e999", "nan", ""):
        assert parse_amount(bad) is None


def test_an_english_call_reads_amounts_as_it_writes_them(tmp_path: Path) -> None:
    """In an English call (``lang: en``), a juror's « €15,000 » (as isgrid prints it) is
    fifteen thousand; « 20.000 » stays ambiguous, said with an English hint."""
    folder = make_call(tmp_path, {"j1.csv": HEADER + (
        'AL16-01,j1,favorable,"€15,000",\n'
        'AL16-02,j1,favorable,"12,500.50",\n'
        "AL16-03,j1,favorable,20.000,\n")})
    yaml = folder / "call.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("lang: fr", "lang: en"),
                    encoding="utf-8")
    ops = load_opinions(load_call(folder))
    amounts = {d: [o.amount for o in ops.by_dossier[d]] for d in ops.by_dossier}
    assert amounts == {"AL16-01": [15000], "AL16-02": [12500.5], "AL16-03": [None]}
    [bad] = ops.warnings
    assert bad.code == "bad-amount"
    assert bad.hint == "Write 20000 or 20,000 for €20,000, or 20.00 for the decimals."


# -- the opinions files in the annex of the documents that show them ------------------

def test_the_annex_lists_the_opinions_files_read_with_the_sha256_of_their_bytes(
        tmp_path: Path) -> None:
    # j3 written in cp1252: the hash is that of the bytes on disk, not of the decoded text
    j3 = J3.encode("cp1252")
    folder = make_call(tmp_path, {"j1.csv": J1, "j2.csv": J2, "j3.csv": j3})
    expected = {
        "opinions/j1.csv": hashlib.sha256(J1.encode("utf-8")).hexdigest(),
        "opinions/j2.csv": hashlib.sha256(J2.encode("utf-8")).hexdigest(),
        "opinions/j3.csv": hashlib.sha256(j3).hexdigest(),
    }
    assert expected["opinions/j3.csv"] != hashlib.sha256(J3.encode("utf-8")).hexdigest()
    assert load_opinions(load_call(folder)).hashes == expected
    for kind, fmt in (("committee", "html"), ("committee", "md"), ("fiches", "html"),
                      ("fiches", "md")):
        text = render(folder, kind, fmt)
        plain = text.replace("\u00a0", " ")  # the HTML's no-break spaces, as the Markdown's
        annex = plain[plain.index("Annexe : empreintes"):]
        for path, digest in expected.items():
            assert path in annex and digest in annex, (kind, fmt, path)
        # beside the result's inputs, in path order
        assert annex.index("dossiers/AL16-08.yaml") < annex.index("opinions/j1.csv") \
            < annex.index("opinions/j3.csv") < annex.index("ratings/i1.csv")
    call = load_call(folder)
    result = score(call)
    ctx = build_context(call, result, "fiches", "interne")
    assert {f.path: f.sha256 for f in ctx.call.inputs
            if f.path.startswith("opinions/")} == expected
    # the result itself is unchanged: isgrid score does not read opinions
    assert len(result.inputs) == 13  # call.yaml, 8 dossiers, 4 ratings files
    assert not any(p.startswith("opinions/") for p in result.inputs)
    out = tmp_path / "result.json"
    res = CliRunner().invoke(cli, ["score", str(folder), "--format", "json", "-o", str(out)],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    inputs = json.loads(out.read_text(encoding="utf-8"))["inputs"]
    assert len(inputs) == 13  # call.yaml, 8 dossiers, 4 ratings files
    assert not any(p.startswith("opinions/") for p in inputs)


def test_documents_that_do_not_show_opinions_do_not_list_them(tmp_path: Path) -> None:
    folder = make_call(tmp_path)
    digest = hashlib.sha256(J1.encode("utf-8")).hexdigest()
    for kind, level in (("committee", "communicable"), ("committee", "public"),
                        ("fiches", "communicable")):
        text = render(folder, kind, "html", level=level)
        assert digest not in text and "opinions/j1.csv" not in text, (kind, level)
    letters = render_report(load_call(folder), score(load_call(folder)),
                            "feedback", "md")
    assert len(letters) == 8  # one for each of alsace-2016's 8 dossiers
    assert all(digest not in data.decode("utf-8") for _, data in letters)


def test_an_opinions_file_too_large_to_read_has_no_hash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = J1 + "".join(f"AL16-04,j1,,,{'x' * 50} {i}\n" for i in range(5))
    folder = make_call(tmp_path, {"j1.csv": big, "j2.csv": J2})
    monkeypatch.setattr(opinions_mod, "MAX_OPINIONS_BYTES", len(big.encode("utf-8")) - 1)
    ops = load_opinions(load_call(folder))
    assert codes(ops.warnings).count("file-too-large") == 1
    assert ops.hashes == {"opinions/j2.csv": hashlib.sha256(J2.encode("utf-8")).hexdigest()}


# -- the agenda: jurors whose ratings agree but whose opinions do not ------------------

def agree_on(folder: Path, dossier: str) -> None:
    """Give every rating of ``dossier`` the value of the first rating of its criterion:
    its assessors agree on every criterion."""
    first: dict[str, str] = {}
    for path in sorted((folder / "ratings").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
            fields = list(rows[0])
        for row in rows:
            if row["dossier"] == dossier:
                row["value"] = first.setdefault(row["criterion"], row["value"])
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fields)
            writer.writeheader()
            writer.writerows(rows)


def agenda_ids(folder: Path) -> list[str]:
    call = load_call(folder)
    return [a.id for a in build_context(call, score(call), "committee",
                                        "interne").agenda]


def agenda_reasons(folder: Path, dossier: str) -> list[str] | None:
    """Why the agenda lists ``dossier`` (None: not listed).  AL16-03 is the first dossier
    under the funding line: listed whatever its jurors think (« proche de la ligne de
    financement »), its opinions' reasons only when they disagree."""
    call = load_call(folder)
    found = [a for a in build_context(call, score(call), "committee", "interne").agenda
             if a.id == dossier]
    return [*found[0].why, *found[0].reasons] if found else None


#: AL16-03 made j1's (18 of 28 points: 64.29), AL16-02 above the line (65/3 of 28: 77.38,
#: ALS-5 by consensus 3): the line halfway, (65/3 - 18) / 56 = 6.5 points from each,
#: farther than the agenda's 5 points: on it as the first below the line, not « proche »
LINE_ONLY = ["à 6,5 points de la ligne de financement, le premier dossier classé sous elle"]


def agenda_row(md: str, dossier: str) -> str:
    agenda = md[md.index("## 6."):md.index("## 7.")]
    return next(line for line in agenda.splitlines() if f"| {dossier} |" in line)


def test_split_opinions_put_a_dossier_whose_ratings_agree_on_the_agenda(
        tmp_path: Path) -> None:
    folder = make_call(tmp_path, {})
    agree_on(folder, "AL16-03")
    # its ratings agree: on the agenda for the line alone
    assert agenda_reasons(folder, "AL16-03") == LINE_ONLY
    (folder / "opinions" / "j1.csv").write_text(
        HEADER + "AL16-03,j1,favorable,20000,Projet mûr\n", encoding="utf-8")
    (folder / "opinions" / "j3.csv").write_text(
        HEADER + "AL16-03,j3,défavorable,20000,Pas de modèle économique\n", encoding="utf-8")
    call = load_call(folder)
    ctx = build_context(call, score(call), "committee", "interne")
    [item] = [a for a in ctx.agenda if a.id == "AL16-03"]
    reason = translator("report", "fr")("agenda.opinions-split",
                                        opinions="1 favorable, 1 défavorable")
    assert reason == "avis partagés\u00a0: 1 favorable, 1 défavorable"
    assert item.reasons == [reason]
    assert item.criteria == [] and item.disagreement == 1.0
    assert item.priority == pytest.approx(item.closeness)
    md = render(folder, "committee", "md")
    row = agenda_row(md, "AL16-03")
    assert f"| {reason.replace(NB, ' ')} | 1 favorable, 1 défavorable · 20 000 € |" in row
    html = render(folder, "committee", "html")
    assert f'<span class="reason">{reason}</span>' in html[html.index("<h2>6."):]
    en = render(folder, "committee", "md", lang="en")
    assert "| split opinions: 1 favourable, 1 unfavourable |" in agenda_row(en, "AL16-03")
    # not at communicable (no agenda), nor in the ranking table
    assert "avis partagés" not in render(folder, "committee", "html", level="communicable")
    assert "avis partagés" not in html[html.index("<h2>4."):html.index("<h2>5.")]


def test_proposed_amounts_far_apart_put_a_dossier_on_the_agenda(tmp_path: Path) -> None:
    folder = make_call(tmp_path, {})
    agree_on(folder, "AL16-03")

    def opinions(a1: str, o3: str, a3: str) -> None:
        (folder / "opinions" / "j1.csv").write_text(
            HEADER + f"AL16-03,j1,favorable,{a1},\n", encoding="utf-8")
        (folder / "opinions" / "j3.csv").write_text(
            HEADER + f"AL16-03,j3,{o3},{a3},\n", encoding="utf-8")

    opinions("10000", "favorable", "16000")  # 16 000 > 1.5 x 10 000
    call = load_call(folder)
    ctx = build_context(call, score(call), "committee", "interne")
    [item] = [a for a in ctx.agenda if a.id == "AL16-03"]
    assert item.disagreement == pytest.approx(6000 / 16000)
    reason = translator("report", "fr")("agenda.amounts-spread", min=fmt_money(10000, "fr"),
                                        max=fmt_money(16000, "fr"), ratio="1,5")
    assert item.reasons == [reason]
    row = agenda_row(render(folder, "committee", "md"), "AL16-03")
    assert "| montants proposés écartés : 10 000 € – 16 000 € (plus de 1,5 fois) |" in row
    # exactly 1.5 x, or favorable beside réservé: not a disagreement
    opinions("10000", "favorable", "15000")
    assert agenda_reasons(folder, "AL16-03") == LINE_ONLY
    opinions("10000", "réservé", "10000")
    assert agenda_reasons(folder, "AL16-03") == LINE_ONLY
    # both reasons at once, in the catalog's order
    opinions("10000", "défavorable", "0")
    call = load_call(folder)
    ctx = build_context(call, score(call), "committee", "interne")
    [item] = [a for a in ctx.agenda if a.id == "AL16-03"]
    assert [r.split("\u00a0:")[0] for r in item.reasons] == ["avis partagés",
                                                        "montants proposés écartés"]
