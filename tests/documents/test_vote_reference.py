"""A dossier voted at another deliberation than ``meeting.vote``'s carries its own
(``isgrid decide … --stage vote --reference CP-2016-06-02 --at 2016-06-02``), and every
document that cites a dossier's deliberation cites that one (docs/decisions.md, "A later
deliberation").

Found by a review: on alsace-2016 with ``meeting.vote`` = CP-2016-05-12 (12 mai 2016),
after ``isgrid withdraw C AL16-02`` and the vote of AL16-03 (proposed in its place) at the
next Commission permanente, AL16-03's letter cited « Délibération : CP-2016-05-12 » and
« Le 12 mai 2016 », the first deliberation's.

The call (tests/votecalls.py): AL16-01 (27 000 €) and AL16-02 (24 000 €) voted at
CP-2016-05-12; AL16-02 withdrawn; AL16-03 (15 000 €, first of the reserve) proposed in
its place, voted at CP-2016-06-02 on 2 June 2016.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from isgrid.call.journal import canonical, entry_hash, read_journal, verify_journal
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.output import render_report
from isgrid.engine import score
from testpaths import EXAMPLES
from votecalls import VOTE, example, run, vote

NBSP = "\u00a0"
LATER = ("--reference", "CP-2016-06-02", "--at", "2016-06-02")


def later_vote(folder: Path, *extra: str) -> None:
    """AL16-02 withdrawn after the list's vote, AL16-03 voted at the next deliberation."""
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    run("decide", folder, "AL16-03", "--stage", "vote", "--outcome", "retenu", *extra,
        "--by", "CP", "--reason", "délibération CP-2016-06-02")


@pytest.fixture
def later(tmp_path: Path) -> Path:
    folder = example(tmp_path)
    later_vote(folder, *LATER)
    return folder


def words(text: str) -> str:
    """An HTML page's text, tags out, spaces (no-break ones too) as one space."""
    return re.sub(r"[\s\u202f\xa0]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def letters(folder: Path, fmt: str = "md") -> dict[str, bytes]:
    call = load_call(folder)
    return dict(render_report(call, score(call), "feedback", fmt))  # type: ignore[arg-type]


# ------------------------------------------------------------------ journal and result
def test_the_vote_records_its_deliberation(later: Path) -> None:
    lines = [json.loads(x) for x in (later / "journal.jsonl").read_bytes().splitlines()]
    # AL16-05 (jury), AL16-01, AL16-02 (vote), the withdrawal, AL16-03's vote
    assert [(x["kind"], x["dossier"]) for x in lines] == [
        ("decision", "AL16-05"), ("decision", "AL16-01"), ("decision", "AL16-02"),
        ("withdrawal", "AL16-02"), ("decision", "AL16-03")]
    assert (lines[-1]["reference"], lines[-1]["at"]) == ("CP-2016-06-02", "2016-06-02")
    # the votes at meeting.vote carry its reference and date, sealed when recorded (review
    # audit, finding 1); the jury's decision and the withdrawal, none
    assert [(x.get("reference"), x.get("at")) for x in lines[:-1]] == [
        (None, None), ("CP-2016-05-12", "2016-05-12"), ("CP-2016-05-12", "2016-05-12"),
        (None, None)]
    assert verify_journal(later) == []
    result = score(load_call(later))
    stage = result.dossier("AL16-03").decision.stages["vote"]
    assert (stage.reference, stage.at) == ("CP-2016-06-02", "2016-06-02")
    assert result.dossier("AL16-01").decision.stages["vote"].reference == "CP-2016-05-12"
    data = {d["id"]: d for d in result.to_json()["dossiers"]}
    assert data["AL16-03"]["decision"]["stages"]["vote"]["reference"] == "CP-2016-06-02"
    assert data["AL16-01"]["decision"]["stages"]["vote"]["reference"] == "CP-2016-05-12"
    shown = CliRunner().invoke(cli, ["journal", "show", str(later)])
    # the outcome in the command line's words (English here), the reference after it
    # (with the amount the vote granted, sealed in the entry: review audit, finding 1)
    assert "selected €15,000 (CP-2016-06-02)" in shown.output.splitlines()[-1]


def test_reference_needs_the_vote_stage(tmp_path: Path) -> None:
    folder = example(tmp_path)
    before = (folder / "journal.jsonl").read_bytes()
    res = CliRunner().invoke(cli, ["--lang", "fr", "decide", str(folder), "AL16-03",
                                   "--outcome", "retenu", "--reference", "CP-2016-06-02",
                                   "--by", "CP", "--reason", "x"])
    assert res.exit_code == 2, res.output
    assert ("--reference est la référence d'une délibération" + NBSP + ": elle s'enregistre "
            "avec un vote, pas à l'étape jury [bad-option]") in res.output
    assert "Ajoutez --stage vote (le vote de la délibération), ou retirez --reference." \
        in res.output
    assert "Traceback" not in res.output
    res = CliRunner().invoke(cli, ["--lang", "en", "decide", str(folder), "AL16-03",
                                   "--stage", "vote", "--outcome", "retenu", "--reference",
                                   "  ", "--by", "CP", "--reason", "x"])
    assert res.exit_code == 2 and "--reference is empty [bad-option]" in res.output
    assert (folder / "journal.jsonl").read_bytes() == before  # nothing recorded


def test_a_reference_on_another_entry_is_refused_at_its_line(tmp_path: Path) -> None:
    """A journal line holding a reference on a jury decision (its hash recomputed) is a
    located journal-invalid error: only a vote records a deliberation."""
    folder = example(tmp_path)
    path = folder / "journal.jsonl"
    entry = json.loads(path.read_bytes())
    entry["reference"] = "CP-2016-06-02"
    entry["hash"] = entry_hash(entry)
    path.write_bytes(canonical(entry) + b"\n")
    [diag] = verify_journal(folder)
    assert diag.code == "journal-invalid" and diag.location.line == 1
    assert "only a decision at the vote stage records a deliberation's reference" \
        in str(diag.message)


# ------------------------------------------------------------------ letters
def test_the_letter_cites_the_dossiers_own_deliberation(later: Path) -> None:
    md = {k: v.decode("utf-8") for k, v in letters(later).items()}
    head = "Le 2 juin 2016\n\nDélibération" + NBSP + ": CP-2016-06-02\n"
    assert head in md["AL16-03"]
    assert "CP-2016-05-12" not in md["AL16-03"] and "12 mai 2016" not in md["AL16-03"]
    assert "**Décision" + NBSP + ": dossier retenu.**" in md["AL16-03"]
    assert "recours gracieux" in md["AL16-03"]
    # voted at meeting.vote's deliberation, or decided by the list's adoption: that one
    for did in ("AL16-01", "AL16-04"):
        assert "Le 12 mai 2016\n\nDélibération" + NBSP + ": CP-2016-05-12\n" in md[did], did
        assert "CP-2016-06-02" not in md[did]
    page = words(letters(later, "html")["AL16-03"].decode("utf-8"))
    assert "Le 2 juin 2016 Délibération : CP-2016-06-02 " in page
    assert "CP-2016-05-12" not in page
    with zipfile.ZipFile(io.BytesIO(letters(later, "docx")["AL16-03"])) as z:
        body = words(z.read("word/document.xml").decode("utf-8"))
    assert "Le 2 juin 2016 Délibération : CP-2016-06-02 " in body
    assert "CP-2016-05-12" not in body and "12 mai 2016" not in body


def test_letters_block_stands_for_meeting_vote_only(tmp_path: Path) -> None:
    """``letters.reference`` and ``letters.date`` replace meeting.vote's, not a later
    deliberation's: AL16-03's letter is not dated before the deliberation it cites."""
    folder = example(tmp_path)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:
        f.write("letters: {reference: CP-2016-05-12 n° 4, date: 2016-05-20}\n")
    later_vote(folder, *LATER)
    md = {k: v.decode("utf-8") for k, v in letters(folder).items()}
    assert "Le 2 juin 2016\n\nDélibération" + NBSP + ": CP-2016-06-02\n" in md["AL16-03"]
    assert "Le 20 mai 2016\n\nDélibération" + NBSP + ": CP-2016-05-12 n° 4\n" in md["AL16-01"]


def test_without_at_the_later_deliberation_is_not_dated_by_the_first(tmp_path: Path) -> None:
    folder = example(tmp_path)
    later_vote(folder, "--reference", "CP-2016-06-02")
    md = letters(folder)["AL16-03"].decode("utf-8")
    assert "Délibération" + NBSP + ": CP-2016-06-02\n" in md
    assert "12 mai 2016" not in md and "CP-2016-05-12" not in md


def test_the_deliberation_of_meeting_vote_by_its_reference(tmp_path: Path) -> None:
    """A vote recording meeting.vote's own reference is meeting.vote's deliberation,
    dated by it."""
    folder = example(tmp_path)
    later_vote(folder, "--reference", "CP-2016-05-12")
    md = letters(folder)["AL16-03"].decode("utf-8")
    assert "Le 12 mai 2016\n\nDélibération" + NBSP + ": CP-2016-05-12\n" in md


# ------------------------------------------------------------------ minutes and annex
def test_the_minutes_cite_each_votes_deliberation(later: Path, tmp_path: Path) -> None:
    out = tmp_path / "pv.html"
    run("minutes", later, "-o", out)
    pv = words(out.read_text(encoding="utf-8"))
    # each vote with the amount it granted, sealed in its entry (review audit, finding 1)
    assert ("Dossier AL16-01 « Recyclerie solidaire du Sundgau », vote : retenu pour un "
            "montant de 27 000 €, par 10 voix pour, 0 contre et 1 abstention (délibération "
            "CP-2016-05-12 du 12 mai 2016).") in pv
    assert ("Dossier AL16-03 « Épicerie mobile bio de l'Outre-Forêt », vote : retenu pour un "
            "montant de 15 000 € (délibération CP-2016-06-02 du 2 juin 2016).") in pv
    # the jury's proposal for AL16-05 cites no deliberation
    assert "Dossier AL16-05 « " in pv and "vote : non retenu" not in pv
    # AL16-01, AL16-02, AL16-03's votes, and the withdrawal of AL16-02 whose replacement
    # AL16-03 was voted since
    assert ("AL16-02 s'est retiré ; AL16-03 (liste de réserve) est proposé à sa place, puis "
            "retenu par le vote (délibération CP-2016-06-02 du 2 juin 2016).") in pv
    assert pv.count("(délibération ") == 4


def test_the_annex_gives_each_dossiers_deliberation(later: Path, tmp_path: Path) -> None:
    out = tmp_path / "annexe.html"
    run("minutes", later, "--kind", "cp-annex", "-o", out)
    page = out.read_text(encoding="utf-8")
    text = words(page)
    assert ("Les dossiers ont été votés par des délibérations différentes : la dernière "
            "colonne donne celle de chacun.") in text
    assert "Délibération : CP-2016-05-12" not in text  # no one line for all of them
    assert "<th>Délibération</th></tr></thead>" in page
    rows = re.findall(r'<tr><td class="id">(AL16-\d\d)</td>.*?<td>([^<]*)</td></tr>', page)
    assert rows == [("AL16-01", "CP-2016-05-12 (12 mai 2016)"),
                    ("AL16-03", "CP-2016-06-02 (2 juin 2016)")]
    docx = tmp_path / "annexe.docx"
    run("minutes", later, "--kind", "cp-annex", "--format", "docx", "-o", docx)
    with zipfile.ZipFile(docx) as z:
        body = words(z.read("word/document.xml").decode("utf-8"))
    assert " Délibération AL16-01 " in body  # the column's header, then the first row
    assert "CP-2016-05-12 (12 mai 2016)" in body and "CP-2016-06-02 (2 juin 2016)" in body


def test_one_deliberation_keeps_the_annex_as_it_was(tmp_path: Path) -> None:
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    out = tmp_path / "annexe.html"
    run("minutes", folder, "--kind", "cp-annex", "-o", out)
    page = out.read_text(encoding="utf-8")
    assert "Délibération : CP-2016-05-12 (12 mai 2016)" in words(page)
    assert "<th>Délibération</th>" not in page


# ------------------------------------------------------------------ open data
SIRETS = {"AL16-01": "23670001400012", "AL16-03": "00000000000018"}


def scdl_call(tmp_path: Path, convention: str = "") -> Path:
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    with (folder / "call.yaml").open("a", encoding="utf-8") as f:  # set: ends the file
        f.write("  facts.holder: {type: string}\n  facts.siret: {type: string}\n")
        f.write(f"meeting:\n  {VOTE[:-1]}{convention}}}\n"
                '  attribuant: {name: Région Alsace, siret: "23670001400012", nature: aide '
                "en numéraire, conditions_versement: unique, "
                "dates_periode_versement: 2016-06-01/2017-05-31}\n")
    for did, siret in SIRETS.items():
        with (folder / "dossiers" / f"{did}.yaml").open("a", encoding="utf-8") as f:
            f.write(f'holder: "Association {did}"\nsiret: "{siret}"\n')
    return folder


def export(folder: Path, tmp_path: Path) -> list[dict[str, str]]:
    out = tmp_path / "s.csv"
    run("export", folder, "--format", "scdl-subventions", "-o", out)
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))


def test_the_export_gives_each_grants_deliberation(tmp_path: Path) -> None:
    folder = scdl_call(tmp_path, ", convention_date: 2016-05-20")
    later_vote(folder, *LATER)
    rows = {r["nomBeneficiaire"]: (r["referenceDecision"], r["dateConvention"], r["montant"])
            for r in export(folder, tmp_path)}
    # AL16-01 at meeting.vote's (its convention date); AL16-03 at the later one (its date)
    assert rows == {"Association AL16-01": ("CP-2016-05-12", "2016-05-20", "27000.00"),
                    "Association AL16-03": ("CP-2016-06-02", "2016-06-02", "15000.00")}


def test_an_undated_later_deliberation_is_no_grant_to_export(tmp_path: Path) -> None:
    folder = scdl_call(tmp_path)
    later_vote(folder, "--reference", "CP-2016-06-02")
    res = CliRunner().invoke(cli, ["--lang", "fr", "export", str(folder), "--format",
                                   "scdl-subventions", "-o", str(tmp_path / "s.csv")])
    assert res.exit_code == 1
    assert "AL16-03" + NBSP + ": dateConvention est vide" in res.output
    assert ("Le vote enregistre sa propre délibération (CP-2016-06-02) sans sa date" + NBSP
            + ": enregistrez de nouveau le vote avec --reference CP-2016-06-02 --at "
            "AAAA-MM-JJ.") in res.output
    assert not (tmp_path / "s.csv").exists()


def test_an_old_journal_reads_as_before(tmp_path: Path) -> None:
    """Entries without a reference (every journal written before it existed) read the
    deliberation of meeting.vote, as before."""
    from isgrid.call.journal_append import append

    folder = example(tmp_path)
    # as an isgrid of before it wrote the vote's deliberation: none in the entry
    append(folder, kind="decision", stage="vote", dossier="AL16-01", outcome="retenu",
           by="CP", reason="r")
    entries = read_journal(folder)
    assert len(entries) == 2  # example()'s decision on AL16-05, the vote above
    assert all(e.reference is None for e in entries)
    md = letters(folder)["AL16-01"].decode("utf-8")
    assert "Le 12 mai 2016\n\nDélibération" + NBSP + ": CP-2016-05-12\n" in md
