"""What the documents say of a dossier, true in every column (found by a review of a
regional call's séance): the « Calculé » column says the status the engine computed,
a tie at the line is said once and, settled, as settled; the committee report's agenda
measures its distances from a line it states, with French number agreement; the
sensitivity's list is not a second « zone grise ».

The séance call of tests/decisions_calls.py (budget 50 000, reserve 2): D1 20 000 (100
points) and D2 15 000 (87,5) retained; D3 and D4, 10 000 each, tied at the line at 75
points (15 000 left: one of them only); D5 (62,5) and D6 (50) the reserve.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from click.testing import CliRunner

from callfactory import make_call
from decisions_calls import GRID, seance_call
from isgrid.cli import cli

NBSP, NNBSP = "\u00a0", "\u202f"


def say(*args: object) -> str:
    run = CliRunner().invoke(cli, [*map(str, args)])
    assert run.exit_code == 0, run.output
    return run.stdout


def row(table: str, dossier: str) -> str:
    return next(ln for ln in table.splitlines() if f" {dossier} " in ln)


def text_of(page: str) -> str:
    """The words of an html page, its style left out, each space as the page writes it."""
    body = page[page.index("<body"):]
    return html.unescape(re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_the_computed_column_says_the_status_computed(tmp_path: Path) -> None:
    """« Calculé » is what the engine computed: « ex æquo » for D3 and D4, tied at the
    line (was « - », the engine's outcome being none, then « classé », the status under the
    tie, as if the ranking had left them out), never a status read as an outcome (an
    irrecevable dossier read « non retenu »: tests/documents/test_words.py); the result
    JSON keeps ``decision.computed`` as the engine's outcome."""
    folder = seance_call(tmp_path)
    say("decide", folder, "D5", "--stage", "jury", "--outcome", "non-retenu", "--by", "Jury",
        "--reason", "audition")
    table = say("--lang", "fr", "decisions", folder)
    assert row(table, "D3").split()[2:6] == ["ex", "æquo", "-", "classé"]
    assert row(table, "D5").split()[2:5] == ["réserve", "non", "retenu"]
    pv = tmp_path / "pv.html"
    say("--lang", "fr", "minutes", folder, "-o", pv)
    said = text_of(pv.read_text(encoding="utf-8"))
    # rank, dossier, project, total, then calculé, jury, vote, statut
    assert "D4 Projet D4 75,0 ex æquo - - classé" in said
    data = json.loads(say("score", folder, "--format", "json"))
    computed = {d["id"]: d["decision"]["computed"] for d in data["dossiers"]}
    assert computed["D3"] is None and computed["D5"] == "réserve"  # the JSON as it was


def test_a_tie_at_the_line_is_said_once_and_settled_as_settled(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    before = say("--lang", "fr", "decisions", folder)
    # « ex æquo » and « ex æquo ligne » are the same tie: the more precise one only
    assert row(before, "D3").endswith("  ex æquo ligne"), row(before, "D3")
    say("decide", folder, "D3", "--stage", "jury", "--outcome", "retenu", "--by", "Jury",
        "--reason", "départage à main levée")
    after = say("--lang", "fr", "decisions", folder)
    for d in ("D3", "D4"):  # settled for both: D3 retained, D4 (5 000 left) not
        assert row(after, d).endswith("  ex æquo ligne, départagé"), row(after, d)
    assert row(say("--lang", "en", "decisions", folder), "D4").endswith(
        "  tie at the line, settled")
    # the engine's record stays whole in the result
    data = json.loads(say("score", folder, "--format", "json"))
    flags = {d["id"]: d["flags"] for d in data["dossiers"]}
    assert {"tie", "tie-at-line"} <= set(flags["D3"]) and {"tie", "tie-at-line"} <= set(
        flags["D4"])
    # the minutes: the decision that settled the tie says so, the others do not
    pv = tmp_path / "pv.html"
    say("--lang", "fr", "minutes", folder, "-o", pv)
    said = text_of(pv.read_text(encoding="utf-8"))
    assert (f"Dossier D3 «{NBSP}Projet D3{NBSP}», jury{NBSP}: retenu{NNBSP}; cette décision départage "
            "D3 et D4, ex æquo sur la ligne de financement.") in said
    assert said.count("cette décision départage") == 1
    report = tmp_path / "comite.md"
    say("--lang", "fr", "report", folder, "--format", "md", "-o", report)
    md = report.read_text(encoding="utf-8")
    assert "ex æquo sur la ligne de financement, départagé" in md
    assert "ex æquo ; ex æquo" not in md and "ex æquo · ex æquo" not in md


def _agenda_call(tmp_path: Path) -> Path:
    """D1 100 and D2 93,75 (Q1 4 and 4, Q2 4 and 3) retained (35 000); D3 and D4 at 75 (j1
    and j2 one level apart on Q1: 3 and 4, 4 and 3), tied at the line, 10 000 each for the
    15 000 left; D5 62,5."""
    rows = {"D1": ((4, 4), (4, 4)), "D2": ((4, 4), (4, 3)), "D3": ((3, 3), (4, 2)),
            "D4": ((4, 2), (3, 3)), "D5": ((2, 3), (2, 3))}
    amounts = {"D1": 20000, "D2": 15000, "D3": 10000, "D4": 10000, "D5": 8000}
    dossiers = [{"id": d, "title": f"Projet {d}", "amount_requested": a,
                 "eligible_costs": 2 * a} for d, a in amounts.items()]
    ratings = [(d, j, q, v) for d, (r1, r2) in rows.items()
               for j, (q1, q2) in (("j1", r1), ("j2", r2)) for q, v in (("Q1", q1), ("Q2", q2))]
    return make_call(tmp_path, GRID, {
        "title": "AAP (test)", "assessors": [{"id": "j1"}, {"id": "j2"}], "budget": 50000,
        "selection": {"reserve": 2}}, dossiers, ratings)


def test_the_agenda_states_its_line_and_agrees_its_numbers(tmp_path: Path) -> None:
    """The agenda's distances read against a line the report states (its rank, its total),
    the one its sentence describes: halfway between D2 (93,75, the last funded) and the
    tied D3 and D4 (75), (93,75 + 75) / 2 = 84,375, a tie at the line included (it read
    75,0, on the tied dossiers, under a sentence saying « à mi-chemin »); each of D2, D3
    and D4 is 9,375 points from it, farther than 5: next to the line, not near it."""
    folder = _agenda_call(tmp_path)
    report = tmp_path / "comite.md"
    say("--lang", "fr", "report", folder, "--format", "md", "-o", report)
    md = report.read_text(encoding="utf-8")
    assert ("Les distances sont mesurées depuis la ligne de financement avant le rang 3 "
            f"(section 5), placée à 84,4 points{NBSP}: à mi-chemin") in md, md
    agenda = md[md.index("## 6."):]
    below = "à 9,4 points de la ligne de financement, le premier dossier classé sous elle"
    assert agenda.count(below) == 2  # D3 and D4, both tied at it
    assert ("à 9,4 points de la ligne de financement, le dernier dossier financé "
            "au-dessus d'elle") in agenda
    assert "proche de la ligne de financement (" not in agenda
    en = tmp_path / "committee.md"
    say("--lang", "en", "report", folder, "--format", "md", "-o", en)
    text = en.read_text(encoding="utf-8")
    assert "at 84.4 points: halfway between" in text
    assert "9.4 points from the funding line, the first ranked dossier below it" in text


def test_the_sensitivity_list_is_not_a_second_zone_grise(tmp_path: Path) -> None:
    """`isgrid sensitivity` measures the jury's proposal and names its list « sélection
    fragile »: « zone grise » is the committee report's and the séance's list."""
    folder = seance_call(tmp_path)
    said = say("--lang", "fr", "sensitivity", folder)
    assert "Zone grise" not in said and "zone grise" not in said
    assert said.splitlines()[1].startswith(
        f"Ligne de la proposition du jury (sans les décisions enregistrées){NBSP}: ")
    assert "Sélection fragile (à discuter en jury)" in said or \
        "Aucune sélection fragile" in said


def test_a_reserve_letter_at_the_same_total_names_the_call_s_tie_break(tmp_path: Path) -> None:
    """D3 and D4 both total 75; the call's tie-break (its section, then its eligible costs,
    highest first) ranks D3 (25 000) before D4 (20 000): D3 takes the 15 000 left, D4 is
    first on the reserve.  D4's letter says the tie-break put it after the last funded
    dossier, at the same total, naming the step that parted them as the call names it (the
    eligible costs), after the one that found them equal (the section: 3 and 3 each); D5
    (62,5) is not told so."""
    folder = seance_call(tmp_path, call={
        "tie_breaks": [{"by": "section:projet", "order": "desc"},
                       {"by": "fact:eligible_costs", "order": "desc"}],
        "set": {"facts.eligible_costs": {"type": "number", "unit": "EUR",
                                         "label": "Dépenses éligibles"}}})
    out = tmp_path / "lettres"
    say("--lang", "fr", "report", folder, "--kind", "feedback", "--format", "md", "-o", out)
    d4 = (out / "D4.md").read_text(encoding="utf-8")
    steps = (f"par le départage que prévoit l'appel{NBSP}: «{NBSP}Dépenses éligibles{NBSP}» (la "
             f"valeur la plus haute d'abord), après égalité sur la note de la section "
             f"«{NBSP}Projet{NBSP}».\n")
    # before the vote, D3 is proposed, not funded: one word for it in the whole letter
    # (found by a review: « … le dernier dossier financé … » then « Le dernier dossier
    # proposé au financement totalise 71,4 / 100. »)
    assert (f"- Classé 4ᵉ sur 6 dossiers classés.\n- À total égal avec le dernier dossier "
            f"proposé au financement, votre dossier a été classé après lui {steps}") in d4, d4
    assert "Le dernier dossier proposé au financement totalise 75,0 / 100." in d4, d4
    assert "financé" not in d4.replace("pourra être financé", ""), d4
    for did in ("D1", "D2", "D3"):  # the vote grants D3 at the line: « financé » then
        say("decide", folder, did, "--stage", "vote", "--outcome", "retenu", "--by", "CP",
            "--reason", "vote")
    say("--lang", "fr", "report", folder, "--kind", "feedback", "--format", "md", "-o", out,
        "--force")
    d4 = (out / "D4.md").read_text(encoding="utf-8")
    assert (f"- À total égal avec le dernier dossier financé, votre dossier a été classé "
            f"après lui {steps}") in d4, d4
    assert "Le dernier dossier financé totalise 75,0 / 100." in d4, d4
    assert "départage" not in (out / "D5.md").read_text(encoding="utf-8")
    assert "départage" not in (out / "D3.md").read_text(encoding="utf-8")
    assert "- Classé 1ᵉʳ sur 6 dossiers classés." in (out / "D1.md").read_text(
        encoding="utf-8")


def test_a_call_s_own_grid_is_said_in_words(tmp_path: Path) -> None:
    """A call that changes its grid (``set``) scores it as version « 1+call »: a code, which
    the documents say in words (« version 1, adaptée par l'appel »); the report's first
    section says its counts in French (« Critères : 2 (…) », « Dossiers : 6 »)."""
    folder = seance_call(tmp_path, call={"set": {"facts.eligible_costs": {
        "type": "number", "unit": "EUR", "label": "Dépenses éligibles"}}})
    data = json.loads(say("score", folder, "--format", "json"))
    assert data["grid"]["version"].endswith("+call")  # the result's code, unchanged
    version = data["grid"]["version"][:-len("+call")]
    report, pv = tmp_path / "comite.md", tmp_path / "pv.html"
    say("--lang", "fr", "report", folder, "--format", "md", "-o", report)
    say("--lang", "fr", "minutes", folder, "-o", pv)
    md = report.read_text(encoding="utf-8")
    said = text_of(pv.read_text(encoding="utf-8"))
    for text in (md, said, say("--lang", "fr", "score", folder)):
        assert "+call" not in text
        assert f"version {version}, adaptée par l'appel" in text or \
            f"{version}, adaptée par l'appel" in text
    assert "Produit par isgrid" in md and f"version {version}, adaptée par l'appel\n" in md
    assert f"- Critères{NBSP}: 2 (" in md and f"- Dossiers{NBSP}: 6 · " in md
    en = tmp_path / "committee.md"
    say("--lang", "en", "report", folder, "--format", "md", "-o", en)
    assert f"version {version}, adapted by the call" in en.read_text(encoding="utf-8")
