"""A présélection's documents say the présélection, never funding (documents/stage.py).

tests/fixtures/shortlist-call with ``selection: {top: 3, reserve: 0, shortlist: true}``
(hand totals: P4 88,33; P1 80,00; P2 73,33; P3 60,00; P5 45,00; P6 31,67; amounts under
``funding: {rate: 0.7, cap: 15000, minimum: 5000}``, so every dossier has money the
documents must not print).  The committee then retains P5 (5th) by a decision, a
repêchage, over P3 (4th): P4, P1, P2, P5 are shortlisted, the shortlist line is drawn
between P5 and P6, at (45,00 + 31,67) / 2 = 38,3 points.  The result JSON's statuses stay
``retenu`` / ``non retenu`` (the contract); only the words printed change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from clirun import norm, run
from isgrid.call.load import load_call
from isgrid.documents.build import build_context
from isgrid.engine import score
from pagetext import docx_text, visible
from testpaths import FIXTURES

#: what a présélection's documents never say (a funding call's words), lower case
FUNDING_FR = ("ligne de financement", "financé", "lauréat", "montant", "budget",
              "enveloppe", "attribué", "€")
FUNDING_EN = ("funding line", "funded", "laureate", "amount", "budget", "granted", "€")


def _call(tmp_path: Path, shortlist: bool = True) -> Path:
    folder = tmp_path / ("appel" if shortlist else "appel-financement")
    shutil.copytree(FIXTURES / "shortlist-call", folder)
    if shortlist:
        yaml = folder / "call.yaml"
        yaml.write_text(yaml.read_text(encoding="utf-8").replace(
            "selection: {top: 3, reserve: 0}", "selection: {top: 3, reserve: 0, shortlist: true}"),
            encoding="utf-8")
    run("decide", folder, "P5", "--stage", "jury", "--outcome", "retenu", "--by", "Sandrine",
        "--reason", "repêché par le comité")
    return folder


def _said(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".html":
        return norm(visible(data))
    if path.suffix == ".docx":
        return norm(docx_text(data))
    return norm(data.decode("utf-8-sig"))


def _documents(folder: Path, out: Path, lang: str) -> dict[str, str]:
    out.mkdir()
    made = {"report": ("report", folder, "-o", out / "report.html"),
            "report.md": ("report", folder, "--format", "md", "-o", out / "report.md"),
            "report.docx": ("report", folder, "--format", "docx", "-o", out / "report.docx"),
            "public": ("report", folder, "--level", "public", "-o", out / "public.html"),
            "minutes": ("minutes", folder, "-o", out / "minutes.html"),
            "minutes.docx": ("minutes", folder, "--format", "docx", "-o", out / "minutes.docx"),
            "fiches": ("report", folder, "--kind", "fiches", "-o", out / "fiches.html"),
            "seance": ("report", folder, "--kind", "seance", "-o", out / "seance.html")}
    said = {}
    for name, args in made.items():
        run("--lang", lang, *args)
        said[name] = _said(Path(str(args[-1])))
    run("--lang", lang, "watch", folder, "-o", out / "watch", "--once")
    for page in sorted((out / "watch").glob("*.html")):
        said[f"watch/{page.name}"] = _said(page)
    return said


def _no_funding(said: dict[str, str], words: tuple[str, ...]) -> None:
    for name, text in said.items():
        # the grid's eligibility rules, as the grid words them (« Subvention d'au plus 70 %
        # du budget du projet : respectée »): the dossier's admissibility, not the call's money
        text = "\n".join(x for x in text.splitlines() if "Subvention d'" not in x)
        for word in words:
            assert word not in text.lower(), (name, word)


def test_the_committee_report_and_minutes_say_the_shortlist_in_french(
        tmp_path: Path) -> None:
    said = _documents(_call(tmp_path), tmp_path / "fr", "fr")
    _no_funding(said, FUNDING_FR)
    report = said["report"]
    assert "Ligne de présélection" in report
    assert "5. Présélection : dossiers proposés et réserve" in report
    assert "ligne de présélection avant le rang 6" in report
    assert "proposé (présélectionné)" in report and "non proposé" in report
    assert "dernier dossier au-dessus de la ligne de présélection" in report
    assert "premier dossier sous la ligne de présélection" in report
    assert ("classé au-dessus d'un dossier repêché : non présélectionné, alors qu'un dossier "
            "classé après lui l'est par une décision") in report
    assert ("à mi-chemin entre le total du dernier dossier présélectionné au-dessus d'elle"
            in report)
    assert "à 6,7 points de la ligne de présélection" in report  # 45,00 - 38,33
    assert ("Les statuts « présélectionné », « réserve » et « non présélectionné » sont des "
            "propositions") in report
    assert "Dossiers présélectionnés" in said["public"]
    minutes = said["minutes"]
    assert "jury : présélectionné (décidé ≠ proposé)" in minutes
    assert ("4 dossiers présélectionnés pour les 3 places au plus que fixe l'appel : une "
            "décision a présélectionné au-delà.") in minutes
    assert "\nnon présélectionné\n" in minutes
    assert "présélectionné" in said["minutes.docx"] and "présélectionné" in said["seance"]
    assert "par rapport à la ligne de présélection placée à 38,3 / 100" in said["fiches"]
    for page in ("watch/index.html", "seance"):
        assert "Une présélection n'attribue pas d'argent" in said[page], page


def test_the_same_in_english(tmp_path: Path) -> None:
    said = _documents(_call(tmp_path), tmp_path / "en", "en")
    _no_funding(said, FUNDING_EN)
    assert "Shortlist line" in said["report"]
    assert "Shortlist: proposed dossiers and reserve" in said["report"]
    assert "proposed (shortlisted)" in said["report"]
    assert "jury: shortlisted" in said["minutes"]
    assert "Shortlisted dossiers" in said["public"]


def test_the_result_keeps_its_statuses_and_a_funding_call_its_words(tmp_path: Path) -> None:
    result = json.loads(run("score", _call(tmp_path), "--format", "json"))
    status = {d["id"]: d["status"] for d in result["dossiers"]}
    assert status == {"P4": "retenu", "P1": "retenu", "P2": "retenu", "P3": "non retenu",
                      "P5": "retenu", "P6": "non retenu"}
    # the same call, not a présélection: its words and money, as before
    said = _documents(_call(tmp_path, shortlist=False), tmp_path / "funding", "fr")
    assert "Ligne de financement" in said["report"]
    assert "proposé (retenu)" in said["report"] and "€" in said["report"]
    assert "présélection" not in said["minutes"].replace("présélection :", "")
    assert "€" in said["minutes"]


def test_the_mail_merge_says_no_amount(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    run("report", folder, "--kind", "feedback", "--format", "csv", "-o", tmp_path / "m.csv")
    rows = [r.split(";") for r in norm(
        (tmp_path / "m.csv").read_text(encoding="utf-8-sig")).splitlines()]
    head = rows[0]
    for row in rows[1:]:
        cells = dict(zip(head, row, strict=False))
        assert cells["montant"] == "" and cells["ligne_financement"] == "", cells
    assert "€" not in (tmp_path / "m.csv").read_text(encoding="utf-8-sig")


def test_a_dossier_passed_over_is_discussed_past_the_orders_limit(tmp_path: Path) -> None:
    """The order of discussion keeps ``agenda_size`` dossiers, then every dossier a
    repêchage passed over: P3 (60,00, 21,7 points above the line, no juror far apart) comes
    last of the three (P5 and P6, 6,7 points from the line, first); with a limit of one it
    was left out."""
    call = load_call(_call(tmp_path))
    result = score(call)
    full = build_context(call, result, "committee", "interne", "fr", agenda_size=20)
    assert [a.id for a in full.agenda][-1] == "P3" and len(full.agenda) == 3
    cut = build_context(call, result, "committee", "interne", "fr", agenda_size=1)
    ids = [a.id for a in cut.agenda]
    assert ids[0] in ("P5", "P6") and ids[1:] == ["P3"]
    assert cut.agenda_more == 1  # the other of P5, P6
    p3 = cut.agenda[1]
    assert "classé au-dessus d'un dossier repêché" in p3.why


def test_the_score_table_has_no_amount_column(tmp_path: Path) -> None:
    # s16 guide review, finding 5: the table of `isgrid score` printed « Montant » and a
    # « proposé 8 000 € » for a présélection; the JSON and CSV keep their columns (contracts)
    folder = _call(tmp_path)
    table = norm(run("--lang", "fr", "score", folder))
    # the status column as wide as « non présélectionné » (review s16 hostile, finding 7:
    # the table said « retenu »; tests/cli/test_shortlist_words_cli.py)
    assert "Rang  Dossier      Total           Statut             Signalements" in table
    assert "Montant" not in table and "€" not in table
    assert "   1  P4           88,3            présélectionné" in table
    en = norm(run("--lang", "en", "score", folder))
    assert "Amount" not in en and "€" not in en
    head = norm(run("--lang", "fr", "score", folder, "--format", "csv")).splitlines()[0]
    assert ";requested;proposed;granted;" in head
    # the same call, not a présélection: its amounts, as before
    funding = norm(run("--lang", "fr", "score", _call(tmp_path, shortlist=False)))
    assert "Montant" in funding and "€" in funding


def test_the_decisions_table_has_no_amount_column(tmp_path: Path) -> None:
    # as score's table (one rule, documents/stage.py is_shortlist): `isgrid decisions` printed
    # « montant » and « nature » columns, P5's repêchage with an amount « proposé » and the
    # note « seul le vote l'attribue », for a présélection that grants no money
    folder = _call(tmp_path)
    table = norm(run("--lang", "fr", "decisions", folder)).splitlines()
    # in a présélection's words (review s16 hostile, finding 7)
    assert table[0].split() == ["rang", "dossier", "calculé", "décidé", "statut", "signalements"]
    assert table[5].split() == ["5", "P5", "non", "présélectionné", "présélectionné",
                                "présélectionné", "décidé", "≠", "proposé"]
    assert len(table) == 7  # the six dossiers, no note under them
    said = "\n".join(table).lower()
    assert "montant" not in said and "€" not in said and "nature" not in said
    en = norm(run("--lang", "en", "decisions", folder))
    assert en.splitlines()[0].split() == ["rank", "dossier", "computed", "decided", "status",
                                          "flags"]
    assert "amount" not in en.lower() and "€" not in en
    # the same call, not a présélection: P5's amount and what it is, as before
    funding = norm(run("--lang", "fr", "decisions", _call(tmp_path, shortlist=False)))
    assert funding.splitlines()[0].split() == [
        "rang", "dossier", "calculé", "décidé", "statut", "montant", "nature", "signalements"]
    assert "proposé : montant proposé par le jury" in funding
