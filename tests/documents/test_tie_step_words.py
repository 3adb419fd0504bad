"""The letters and the jury's documents name the step of the call's tie-break that parted two
dossiers at the same total, read from the engine's flag ``tie-broken:<by>`` (not the whole
cascade, which section 1 of the committee report states once), at the funding line and at
the end of the reserve list (review F6 of rev-secr: a dossier not retained at the same total
as the reserve's last dossier was not told that the tie-break kept it off the reserve).

The call of tests/tiebreak_calls.py, worked out there: D1 100; D2, D3, D4, D5 at 75; D6 50.
Cascade: the section « Besoin social » (highest first), then « Date de dépôt » (earliest
first).  D3 follows D2 by the section (D2's 4 against 3), D4 follows D3 and D5 follows D4
by the date (the section equal: 3 each; 14, 16, 18 February).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from tiebreak_calls import tie_call

NBSP, NNBSP = "\u00a0", "\u202f"

BY_DATE = (f"«{NBSP}Date de dépôt{NBSP}» (la plus ancienne d'abord), après égalité sur la note "
           f"de la section «{NBSP}Besoin social{NBSP}»")
BY_SECTION = f"la note de la section «{NBSP}Besoin social{NBSP}» (la plus haute d'abord)"
CASCADE = f"{BY_SECTION}, puis «{NBSP}Date de dépôt{NBSP}» (la plus ancienne d'abord)"
DEPARTAGE = f"classé après lui par le départage que prévoit l'appel{NBSP}:"
LINE = ("À total égal avec le dernier dossier proposé au financement, votre dossier a été "
        f"classé après lui par le départage que prévoit l'appel{NBSP}: ")
RESERVE = ("À total égal avec le dernier dossier de la liste de réserve, votre dossier a été "
           f"classé après lui par le départage que prévoit l'appel{NBSP}: ")


def say(*args: object) -> str:
    run = CliRunner().invoke(cli, [*map(str, args)])
    assert run.exit_code == 0, run.output
    return run.stdout


def letters(folder: Path, out: Path, lang: str = "fr") -> dict[str, str]:
    say("--lang", lang, "report", folder, "--kind", "feedback", "--format", "md", "-o", out)
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.md"))}


def test_the_letters_name_the_step_at_the_line_and_at_the_reserve(tmp_path: Path) -> None:
    """Budget 40 000 €: D1 20 000 + D2 + D3 10 000 each = 40 000, D4 first below the line;
    reserve 1: D4; D5 not retained.  D4 follows D3 (the last proposed) by the date, D5
    follows D4 (the reserve's last) by the date: each letter names the date, after the
    section that found them equal, never the whole cascade."""
    got = letters(tie_call(tmp_path), tmp_path / "lettres")
    assert "Position 1 sur la liste de réserve." in got["D4"], got["D4"]
    assert f"- {LINE}{BY_DATE}.\n" in got["D4"], got["D4"]
    assert f"- {RESERVE}{BY_DATE}.\n" in got["D5"], got["D5"]
    assert "non retenu" in got["D5"]
    for did in ("D1", "D2", "D3", "D6"):  # funded, or at another total
        assert "départage" not in got[did], got[did]
    assert not any(CASCADE in text for text in got.values())


def test_the_first_step_alone_and_a_chain_of_steps(tmp_path: Path) -> None:
    """Budget 30 000 €: D1 + D2 funded (30 000).  Reserve 1: D3, after D2 by the section
    (the first step: named alone); D4 and D5 not retained, after D3 the reserve's last by
    the date (D4 by its own link, D5 by D5-D4 and D4-D3, both the date).  Reserve 2: D3 and
    D4; D4 follows D2, the last proposed, through D3: D4-D3 the date, D3-D2 the section,
    and D4 against D2 is parted by the first of them, the section (4 against 3)."""
    one = letters(tie_call(tmp_path, budget=30000, reserve=1), tmp_path / "un")
    assert f"- {LINE}{BY_SECTION}.\n" in one["D3"], one["D3"]
    assert "après égalité" not in one["D3"]
    assert f"- {RESERVE}{BY_DATE}.\n" in one["D4"], one["D4"]
    assert f"- {RESERVE}{BY_DATE}.\n" in one["D5"], one["D5"]
    two = letters(tie_call(tmp_path, budget=30000, reserve=2, name="two"), tmp_path / "deux")
    assert f"- {LINE}{BY_SECTION}.\n" in two["D3"]
    assert f"- {LINE}{BY_SECTION}.\n" in two["D4"], two["D4"]
    assert f"- {RESERVE}{BY_DATE}.\n" in two["D5"], two["D5"]


def test_three_at_an_equal_total_dates_as_the_tie_break(tmp_path: Path) -> None:
    """F6 as the reviewer met it: three dossiers at 75 deposited 14, 16 and 18 February,
    the date the only step; D1 100 and D2 87,5 funded (30 000 €), D3 and D4 on the reserve
    (2), D5 not retained.  D3 is at another total than D2 (nothing to say), D4 follows D3
    on the reserve (no cut between them), D5 is told the date kept it off the reserve."""
    folder = tie_call(tmp_path, budget=30000, reserve=2,
                      tie_breaks=[{"by": "fact:submitted_at", "order": "asc"}],
                      dossiers={"D1": (4, 4, 20000, "2026-02-12"),
                                "D2": (4, 3, 10000, "2026-02-20"),
                                "D3": (3, 3, 10000, "2026-02-14"),
                                "D4": (3, 3, 10000, "2026-02-16"),
                                "D5": (3, 3, 10000, "2026-02-18")})
    got = letters(folder, tmp_path / "lettres")
    assert f"- {RESERVE}«{NBSP}Date de dépôt{NBSP}» (la plus ancienne d'abord).\n" in got["D5"]
    assert "départage" not in got["D3"] + got["D4"], got["D4"]
    md = tmp_path / "comite.md"
    say("--lang", "fr", "report", folder, "--format", "md", "-o", md)
    text = md.read_text(encoding="utf-8")
    assert (f"| à total égal avec D4 (dernier dossier de la liste de réserve), {DEPARTAGE} "
            f"«{NBSP}Date de dépôt{NBSP}» (la plus ancienne d'abord) |") in text, text
    assert (f"| à total égal avec D3, {DEPARTAGE} «{NBSP}Date de dépôt{NBSP}» (la plus "
            "ancienne d'abord) |") in text


def test_the_committee_report_and_the_fiches_say_the_same_step(tmp_path: Path) -> None:
    folder = tie_call(tmp_path)
    md_file = tmp_path / "comite.md"
    say("--lang", "fr", "report", folder, "--format", "md", "-o", md_file)
    md = md_file.read_text(encoding="utf-8")
    # section 1 states the cascade once; the sentences name a step
    assert md.count(CASCADE) == 1 and f"(totaux égaux){NBSP}: {CASCADE}\n" in md
    ranking = md[md.index("## 4."):md.index("### Zone grise")]
    rows = {ln.split(" | ")[1]: ln for ln in ranking.splitlines() if ln.startswith("| ")
            and ln.split(" | ")[1] in ("D1", "D2", "D3", "D4", "D5", "D6")}
    assert rows["D3"].endswith(f"| à total égal avec D2, {DEPARTAGE} {BY_SECTION} |")
    assert rows["D4"].endswith(f"| à total égal avec D3 (dernier dossier proposé au "
                               f"financement), {DEPARTAGE} {BY_DATE} |"), rows["D4"]
    assert rows["D5"].endswith(f"| à total égal avec D4 (dernier dossier de la liste de "
                               f"réserve), {DEPARTAGE} {BY_DATE} |"), rows["D5"]
    assert not any("départage" in rows[i] for i in ("D1", "D2", "D6"))
    fiches = tmp_path / "fiches.md"
    say("--lang", "fr", "report", folder, "--kind", "fiches", "--format", "md", "-o", fiches)
    text = fiches.read_text(encoding="utf-8")
    d5 = text[text.index("## Projet D5 (D5)"):text.index("## Projet D6 (D6)")]
    assert (f"- à total égal avec D4 (dernier dossier de la liste de réserve), {DEPARTAGE} "
            f"{BY_DATE}\n") in d5, d5


def test_in_english(tmp_path: Path) -> None:
    folder = tie_call(tmp_path, lang="en")
    got = letters(folder, tmp_path / "letters", lang="en")
    by_date = "“Date de dépôt” (earliest first), after a tie on the mark of the section “Besoin social”"
    assert ("With the same total as the last dossier on the reserve list, your dossier was "
            f"ranked after it by the tie-break the call lays down: {by_date}.") in got["D5"]
    assert ("With the same total as the last dossier proposed for funding, your dossier was "
            f"ranked after it by the tie-break the call lays down: {by_date}.") in got["D4"]
    md_file = tmp_path / "committee.md"
    say("--lang", "en", "report", folder, "--format", "md", "-o", md_file)
    md = md_file.read_text(encoding="utf-8")
    assert ("| same total as D4 (the last dossier on the reserve list), ranked after it by the "
            f"tie-break the call lays down: {by_date} |") in md, md
    assert ("| same total as D2, ranked after it by the tie-break the call lays down: the mark "
            "of the section “Besoin social” (highest first) |") in md


def test_a_decision_is_its_own_reason(tmp_path: Path) -> None:
    """The jury decides D5 « non retenu »: the decision is the reason, its letter says no
    tie-break (the committee report's ranking still says where the cascade put it)."""
    folder = tie_call(tmp_path)
    say("decide", folder, "D5", "--stage", "jury", "--outcome", "non retenu", "--by", "jury",
        "--reason", "hors champ")
    got = letters(folder, tmp_path / "lettres")
    assert "départage" not in got["D5"], got["D5"]
    assert f"- {LINE}{BY_DATE}.\n" in got["D4"]


def test_the_flag_alone_says_the_step(tmp_path: Path) -> None:
    """Said of no dossier (the séance's watch page, Builder.flag), the engine's flag names
    the step, after the ones that found them equal; said of D3, whom it follows."""
    from isgrid.call.load import load_call
    from isgrid.documents.context import Builder
    from isgrid.engine import score

    call = load_call(tie_call(tmp_path))
    r = score(call)
    b = Builder(call, r, "committee", "interne", "fr")
    assert b.flag("tie-broken:fact:submitted_at").text == (
        f"à égalité avec le dossier classé juste avant, {DEPARTAGE} {BY_DATE}")
    assert b.flag("tie-broken:fact:submitted_at").short == "même total, départage de l'appel"
    en = Builder(call, r, "committee", "interne", "en")
    assert en.flag("tie-broken:section:besoin").text == (
        "level with the dossier ranked just above, ranked after it by the tie-break the call "
        "lays down: the mark of the section “Besoin social” (highest first)")
