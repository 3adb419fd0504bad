"""The access document of a présélection (``selection.shortlist: true``) prints no amount:
neither the dossier's own (« Montant demandé », a juror's opinion's amount, the minutes'
Proposé / Attribué), nor the funding rule, nor the shortlisted dossiers' amounts
(documents/stage.py ``is_shortlist``, read through ``Builder.shortlist``); nor its minutes
an amount a decision was recorded with.  A présélection has no CP annex, a table of grants.

The call is test_access_document's, worked by hand there (D2 100, D3 75), without its
consensus: D1's I1 stays the jurors' mean 2, so D1's total is
100 x (4/9 x 2,5/4 + 2/9 x 2/4 + 3/9 x 2/4) = 100 x (10 + 4 + 6) / 36 = 55,56.  Made a
présélection of the first two: no budget, ``top: 2``.  So D2 and D3 are shortlisted, D1
(the applicant, 12 000 € asked) is third and not shortlisted; j1's opinion on D1 asks
9 000 €.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import test_access_document as base
import yaml
from click.testing import CliRunner

from clirun import run
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.access import build_access
from isgrid.documents.access_render import render_access
from isgrid.documents.stage import stage_words
from isgrid.engine import score


def _shortlist(tmp_path: Path, decided: tuple[str, ...] = ()) -> Path:
    """The call made a présélection; ``decided``: ``isgrid decide`` options recorded on
    it before (a journal written before call.yaml said ``shortlist: true``)."""
    folder = base._call(tmp_path)
    if decided:
        run("decide", folder, *decided)
    path = folder / "call.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    del config["budget"]
    config["selection"] = {"top": 2, "reserve": 0, "shortlist": True}
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (folder / "opinions").mkdir()
    (folder / "opinions" / "j1.csv").write_text(
        "dossier,assessor,opinion,amount,comment\nD1,j1,favorable,9000,Projet utile\n",
        encoding="utf-8")
    return folder


def _access(folder: Path, lang: str, shortlisted: list[str] | None = None) -> str:
    call = load_call(folder)
    result = score(call)
    assert sorted(d.id for d in result.dossiers if d.status == "retenu") == (
        shortlisted or ["D2", "D3"])
    with stage_words(call):
        doc = build_access(call, result, "D1", lang)
        return render_access(doc, "md").decode("utf-8").replace("\u202f", " ").replace(
            "\u00a0", " ")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_shortlist_access_document_prints_no_amount(tmp_path: Path, lang: str) -> None:
    md = _access(_shortlist(tmp_path), lang)
    for money in ("€", "12 000", "12,000", "9 000", "9,000", "20 000", "15 000"):
        assert money not in md, money
    if lang == "fr":
        assert "Montant" not in md and "Proposé" not in md and "Attribué" not in md
        # the applicant's line of the minutes: third, 55,6, not shortlisted, no money
        assert ("| 3 | 55,6 | non présélectionné | - | - | non présélectionné |\n"
                in md), md
        assert "| Juré A | favorable | Projet utile |" in md
        # the others: the two shortlisted, without an amount column
        assert "| D2 Recyclerie |\n| D3 Garage solidaire |\n" in md
        assert "dépenses éligibles" not in md  # the funding rule: none under a présélection
    else:
        assert "Amount" not in md and "Proposed |" not in md and "Granted" not in md
        assert "| 3 | 55.6 | not shortlisted | - | - | not shortlisted |\n" in md, md
        assert "| Juror A | favourable | Projet utile |" in md
        assert "eligible costs" not in md  # the funding rule: none under a présélection
        assert "| D2 Recyclerie |\n| D3 Garage solidaire |\n" in md


def test_an_amount_recorded_on_a_shortlist_is_printed_nowhere(tmp_path: Path) -> None:
    """A jury decision recorded with ``--amount 9000`` on D1 before the call became a
    présélection: neither the access document (its journal entry, its deliberation) nor
    the minutes (html) print it; D1 is shortlisted by the jury, against the proposal.
    On a présélection, ``decide --amount`` is refused (exit 2), nothing recorded."""
    folder = _shortlist(tmp_path, ("D1", "--outcome", "selected", "--amount", "9000",
                                   "--by", "Jury", "--reason", "entendre le porteur"))
    journal = (folder / "journal.jsonl").read_text(encoding="utf-8")
    assert '"amount":9000,' in journal
    md = _access(folder, "fr", shortlisted=["D1", "D2", "D3"])
    assert "(date de la séance, non enregistrée) | jury : présélectionné | - |" in md, md
    assert "jury : présélectionné (décidé ≠ proposé)." in md, md
    out = tmp_path / "pv.html"
    run("report", folder, "--kind", "pv", "-o", out)
    html = out.read_text(encoding="utf-8").replace("\u202f", " ").replace("\u00a0", " ")
    html = html.split("</style>", 1)[1]  # the page, not its style sheet's comments
    assert "jury : présélectionné</td>" in html
    for money in ("9 000", "€"):
        assert money not in md and money not in html, money
    res = CliRunner().invoke(cli, ["--lang", "fr", "decide", str(folder), "D2", "--outcome",
                                   "selected", "--amount", "5000", "--by", "Jury",
                                   "--reason", "x"])
    said = res.output.replace("\u00a0", " ")
    assert res.exit_code == 2 and ("--amount : la sélection de l'appel est une présélection "
                                   "(selection.shortlist), qui n'accorde aucune somme") in said
    assert (folder / "journal.jsonl").read_text(encoding="utf-8") == journal


def test_a_shortlist_has_no_annex_of_grants(tmp_path: Path) -> None:
    """The CP annex is a table of grants: a présélection's is refused (exit 2, nothing
    written), by ``report`` and ``minutes`` alike; it listed the shortlisted dossiers'
    amounts as « subventions soumises au vote »."""
    folder = _shortlist(tmp_path)
    out = tmp_path / "annexe.html"
    for command in (["report", str(folder), "--kind", "cp-annex"],
                    ["minutes", str(folder), "--kind", "cp-annex"]):
        res = CliRunner().invoke(cli, ["--lang", "fr", *command, "-o", str(out)])
        said = res.output.replace("\u202f", " ").replace("\u00a0", " ")
        assert res.exit_code == 2, res.output
        assert (f"Erreur : {folder / 'call.yaml'} : la sélection de l'appel est une "
                "présélection (selection.shortlist), qui n'accorde aucune somme : elle n'a "
                "pas d'annexe de subventions [bad-option]") in said, said
        assert not out.exists()
