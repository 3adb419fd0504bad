"""Two dossiers at the same total on either side of the funding line: the jury's documents
say what the applicant's letter says (found by a review, F3 of rev-author: the letter to
the dossier in reserve explained the call's tie-break, the committee report and the fiches
showed 72,2 and 72,2 across the line with no word).  One sentence, one place
(isgrid.documents.tiebreak): the letter's, the ranking's flag, the fiche's, the zone
grise's; the call's tie-break stated in section 1 of the report.

The séance call of tests/decisions_calls.py with a tie-break: its section « Projet »,
then its eligible costs, highest first.  By hand (totals out of 100 = 100 × (Q1 + Q2) / 8):
D1 (4, 4) 100, D2 (4, 3) 87,5, D3 and D4 (3, 3) 75 each, D5 (2, 3) 62,5, D6 (2, 2) 50.
D3 and D4 have the same section mark (3), D3's eligible costs are 25 000 € against D4's
20 000 €: D3 ranks 3rd, D4 4th.  Budget 50 000 €: D1 20 000 + D2 15 000 + D3 10 000 =
45 000 €, D4's 10 000 € do not fit in the 5 000 € left: the line passes between D3 and D4,
both at 75.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.cli import cli

NBSP, NNBSP = "\u00a0", "\u202f"

TIE_BREAKS = {
    "tie_breaks": [{"by": "section:projet", "order": "desc"},
                   {"by": "fact:eligible_costs", "order": "desc"}],
    "set": {"facts.eligible_costs": {"type": "number", "unit": "EUR",
                                     "label": "Dépenses éligibles"}}}

STEPS = (f"la note de la section «{NBSP}Projet{NBSP}» (la plus haute d'abord), puis "
         f"«{NBSP}Dépenses éligibles{NBSP}» (la valeur la plus haute d'abord)")
STEPS_EN = ("the mark of the section “Projet” (highest first), then “Dépenses éligibles” "
            "(highest first)")
# the step that parted D3 and D4 (the engine's flag tie-broken:fact:eligible_costs), after
# the one that found them equal: what the letter and the jury's documents name
STEP = (f"«{NBSP}Dépenses éligibles{NBSP}» (la valeur la plus haute d'abord), après égalité "
        f"sur la note de la section «{NBSP}Projet{NBSP}»")
STEP_EN = "“Dépenses éligibles” (highest first), after a tie on the mark of the section “Projet”"
JURY = (f"à total égal avec D3 (dernier dossier proposé au financement), classé après lui "
        f"par le départage que prévoit l'appel{NBSP}: {STEP}")


def say(*args: object) -> str:
    run = CliRunner().invoke(cli, [*map(str, args)])
    assert run.exit_code == 0, run.output
    return run.stdout


def row(table: str, dossier: str) -> str:
    return next(ln for ln in table.splitlines() if ln.startswith(("| 3 |", "| 4 |", "| 5 |"))
                and f"| {dossier} |" in ln)


def text_of(page: str) -> str:
    body = page[page.index("<body"):]
    return html.unescape(re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_the_committee_report_says_what_the_letter_says(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call=TIE_BREAKS)
    md_file = tmp_path / "comite.md"
    say("--lang", "fr", "report", folder, "--format", "md", "-o", md_file)
    md = md_file.read_text(encoding="utf-8")
    # section 1 states the call's tie-break, once
    one = md[md.index("## 1."):md.index("## 2.")]
    assert f"- Départage des ex æquo (totaux égaux){NBSP}: {STEPS}\n" in one, one
    assert md.count(f"Départage des ex æquo (totaux égaux){NBSP}:") == 1
    # the ranking: the line between D3 and D4, both at 75,0; D4's flag says why
    ranking = md[md.index("## 4."):md.index("### Zone grise")]
    assert "| 3 | D3 | Projet D3 | 75,0 |" in ranking and "| 4 | D4 | Projet D4 | 75,0 |" in ranking
    assert ranking.index("| D3 |") < ranking.index("**Ligne de financement**") \
        < ranking.index("| D4 |")
    assert row(ranking, "D4").endswith(f"| {JURY} |"), row(ranking, "D4")
    assert "départage" not in row(ranking, "D3") and "départage" not in row(ranking, "D5")
    # the zone grise: both sides of the line
    grey = md[md.index("### Zone grise"):md.index("## 5.")]
    assert row(grey, "D4").endswith(
        f"| premier dossier sous la ligne de financement{NNBSP}; {JURY} |"), row(grey, "D4")
    assert row(grey, "D3").endswith(
        f"| dernier dossier au-dessus de la ligne de financement{NNBSP}; à total égal avec "
        "D4, classé avant lui par le départage que prévoit l'appel |"), row(grey, "D3")
    # the letter to D4: the same cascade, in the same words
    out = tmp_path / "lettres"
    say("--lang", "fr", "report", folder, "--kind", "feedback", "--format", "md", "-o", out)
    d4 = (out / "D4.md").read_text(encoding="utf-8")
    assert (f"- À total égal avec le dernier dossier proposé au financement, votre dossier a "
            f"été classé après lui par le départage que prévoit l'appel{NBSP}: {STEP}.\n"
            ) in d4, d4


def test_the_fiche_html_and_word_say_it_too(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call=TIE_BREAKS)
    fiches = tmp_path / "fiches.md"
    say("--lang", "fr", "report", folder, "--kind", "fiches", "--format", "md", "-o", fiches)
    text = fiches.read_text(encoding="utf-8")
    d4 = text[text.index("## Projet D4 (D4)"):text.index("## Projet D5 (D5)")]
    assert f"- {JURY}\n" in d4, d4
    assert "départage" not in text[:text.index("## Projet D4 (D4)")]
    page = tmp_path / "comite.html"
    say("--lang", "fr", "report", folder, "--format", "html", "-o", page)
    said = text_of(page.read_text(encoding="utf-8"))
    assert f"Départage des ex æquo (totaux égaux) {STEPS}" in said, said
    assert said.count(JURY) == 2  # D4's flag, D4 in the zone grise
    # the legend names the short word of the ranking's flag
    assert ("même total, départage de l'appel même total que le dossier classé juste avant, "
            f"classé après lui par le départage de l'appel (section 1{NNBSP}; la fiche nomme "
            "le critère qui les a séparés)") in said
    word = tmp_path / "comite.docx"
    say("--lang", "fr", "report", folder, "--format", "docx", "-o", word)
    with zipfile.ZipFile(io.BytesIO(word.read_bytes())) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    doc = html.unescape("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml)))
    assert f"Départage des ex æquo (totaux égaux){NBSP}: {STEPS}" in doc
    assert f"{JURY}" in doc  # the zone grise's reason, whole


def test_in_english_and_once_granted(tmp_path: Path) -> None:
    folder = seance_call(tmp_path, call={**TIE_BREAKS, "lang": "en"})
    md_file = tmp_path / "committee.md"
    say("report", folder, "--format", "md", "-o", md_file)
    md = md_file.read_text(encoding="utf-8")
    assert f"- Tie-breaks (equal totals): {STEPS_EN}\n" in md, md
    assert (f"| same total as D3 (the last dossier proposed for funding), ranked after it by "
            f"the tie-break the call lays down: {STEP_EN} |") in md
    assert ("last dossier above the funding line; same total as D4, ranked before it by the "
            "tie-break the call lays down |") in md
    # the vote grants D1, D2, D3: D3 is « the last funded dossier », as the letter says
    for did in ("D1", "D2", "D3"):
        say("decide", folder, did, "--stage", "vote", "--outcome", "retenu", "--by", "CP",
            "--reason", "vote")
    say("report", folder, "--format", "md", "-o", md_file, "--force")
    md = md_file.read_text(encoding="utf-8")
    assert (f"| same total as D3 (the last funded dossier), ranked after it by the tie-break "
            f"the call lays down: {STEP_EN} |") in md, md


def test_no_word_without_a_tie_break_or_across_other_totals(tmp_path: Path) -> None:
    """Without the call's tie-break, D3 and D4 stay tied at the line (the engine's flag,
    its own words); with it, a line between other totals says nothing of it: only the
    ranking's flag of the dossier the tie-break put after another, both funded."""
    folder = seance_call(tmp_path)
    md_file = tmp_path / "comite.md"
    say("--lang", "fr", "report", folder, "--format", "md", "-o", md_file)
    md = md_file.read_text(encoding="utf-8")
    assert "Départage des ex æquo (totaux égaux)" not in md
    assert "à total égal" not in md and "ex æquo sur la ligne de financement" in md
    # D3 (3, 3) now 3 and 4: 87,5, above D2 (4, 3), 87,5 too, funded both; D4 alone at 75
    other = seance_call(tmp_path, call=TIE_BREAKS, name="other", dossiers={
        "D1": (4, 4, 20000, 40000, "urbain", "association", "emploi"),
        "D2": (4, 3, 15000, 30000, "urbain", "scop", "emploi"),
        "D3": (3, 4, 10000, 25000, "rural", "association", "mobilite"),
        "D4": (3, 3, 10000, 20000, "urbain", "scop", "emploi")})
    say("--lang", "fr", "report", other, "--format", "md", "-o", md_file, "--force")
    md = md_file.read_text(encoding="utf-8")
    assert f"Départage des ex æquo (totaux égaux){NBSP}: {STEPS}" in md
    assert "dernier dossier proposé au financement" not in md, md
    assert "classé avant lui" not in md, md  # the zone grise: nothing of a tie-break
    # the ranking says why D3 follows D2 at the same 87,5 (the engine's flag, whoever is
    # funded): the section « Projet » is equal (7/8 each), D2's 30 000 € of eligible costs
    # come before D3's 25 000 €
    ranking = md[md.index("## 4."):md.index("## 5.")]
    assert row(ranking, "D3").endswith(
        f"| à total égal avec D2, classé après lui par le départage que prévoit l'appel{NBSP}: "
        f"{STEP} |"), ranking
    assert ranking.count("à total égal") == 1, ranking
