"""The funding line of the selection a document states (``Result.current.line``): after
decisions, the decided line (:func:`isgrid.engine.select.decided_line`), read by the
committee report, the tableau de séance, the dashboard and the zone grise alike.

alsace-2016 (budget 52 000 €, rank-order): 1 AL16-01 (27 000 €), 2 AL16-02 (24 000 €),
3 AL16-05 (à vérifier: no amount, passed over), 4 AL16-03 (15 000 €), 5 AL16-04
(20 000 €).  The walk takes AL16-01 and AL16-02 (51 000 €); AL16-03 (66 000 € > 52 000 €)
stops it: the proposal's line is before rank 4.

Found by a review: after AL16-02 withdrew and AL16-03 was funded in its place, the
committee report still said « ligne de financement avant le rang 4 » and the dashboard
drew the line above AL16-03, which the zone grise called « dernier dossier au-dessus de
la ligne »."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from decisions_calls import seance_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.output import render_report
from isgrid.documents.seance import build_seance
from isgrid.engine import Result, score
from votecalls import example, run, vote

NBSP, NNBSP = "\u00a0", "\u202f"


def result(folder: Path) -> Result:
    return score(load_call(folder))


def committee(folder: Path, lang: str = "fr") -> str:
    call = load_call(folder)
    [(_, page)] = render_report(call, score(call), "committee", "md", lang=lang)
    return page.decode("utf-8")


def rows_around_the_line(page: str) -> tuple[str, str]:
    """The ids of the ranking rows just above and just below « Ligne de financement »."""
    lines = [ln for ln in page.split("## 4.", 1)[1].split("## ", 1)[0].splitlines()
             if ln.startswith("| ")]
    at = next(i for i, ln in enumerate(lines) if "**Ligne de financement**" in ln)
    ident = re.compile(r"^\| [-\d]+ \| (\S+) \|")
    above = ident.match(lines[at - 1])
    below = ident.match(lines[at + 1])
    assert above is not None and below is not None
    return above.group(1), below.group(1)


def grey(page: str) -> dict[str, str]:
    """The zone grise's rows of a committee report in md: id -> reasons."""
    part = page.split("Zone grise", 1)[1].split("## ", 1)[0]
    return {m.group(1): m.group(2) for m in re.finditer(
        r"^\| \d+ \| (AL16-\d\d) \| [^|]+ \| [^|]+ \| ([^|]+) \|$", part, re.M)}


def dashboard_line(folder: Path, out: Path) -> str:
    """The id of the dashboard row the funding line is drawn above (``watch --once``)."""
    res = CliRunner().invoke(cli, ["watch", str(folder), "-o", str(out), "--once"])
    assert res.exit_code == 0, res.output
    page = (out / "index.html").read_text(encoding="utf-8")
    m = re.search(r'<tr class="line"><td colspan="12">[^<]*</td></tr>\s*<tr class="[^"]*"><td class="num">\d+</td>'
                  r'<td class="id">([^<]+)</td>', page, re.S)
    assert m is not None
    return m.group(1)


def test_a_dossier_funded_below_the_line_after_a_withdrawal(tmp_path: Path) -> None:
    folder = example(tmp_path, to_check=True)
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier")
    r = result(folder)
    # AL16-02's 24 000 € freed: 52 000 - 27 000 = 25 000 left, AL16-03 (15 000) fits and
    # is proposed in its place.  Funded: AL16-01 (rank 1), AL16-03 (rank 4); the first
    # dossier below AL16-03 is AL16-04, rank 5: the line is before rank 5.
    assert r.current is not None and r.current.selected == ("AL16-01", "AL16-03")
    assert r.selection is not None and r.selection.line == 4  # the proposal's, unchanged
    assert r.current.line == 5
    assert r.to_json()["selection"]["decided"]["line"] == 5
    page = committee(folder)
    assert "ligne de financement avant le rang 5" in page
    assert "avant le rang 4" not in page
    assert rows_around_the_line(page) == ("AL16-03", "AL16-04")
    zone = grey(page)
    assert zone["AL16-03"] == "dernier dossier au-dessus de la ligne de financement"
    assert zone["AL16-04"].startswith("premier dossier sous la ligne de financement")
    call = load_call(folder)
    assert build_seance(call, score(call), "fr").line_before == "AL16-04"
    assert dashboard_line(folder, tmp_path / "seance") == "AL16-04"
    assert "funding line above rank 5" in committee(folder, "en")


def test_a_laureate_voted_non_retenu_moves_the_line_below_its_replacement(
        tmp_path: Path) -> None:
    folder = example(tmp_path, to_check=True)
    run("decide", folder, "AL16-01", "--stage", "vote", "--outcome", "non-retenu",
        "--votes", "2/8/1", "--by", "president", "--reason", "vote")
    # the refusal frees AL16-01's place: 52 000 - 24 000 (AL16-02) = 28 000 € offered,
    # AL16-03 (15 000 €, rank 4) fits and is proposed in it.  Funded: AL16-02 (rank 2) and
    # AL16-03 (rank 4); the first dossier below AL16-03 is AL16-04: before rank 5
    r = result(folder)
    assert r.current is not None and r.current.selected == ("AL16-02", "AL16-03")
    assert r.current.line == 5
    assert rows_around_the_line(committee(folder)) == ("AL16-03", "AL16-04")


def test_the_last_dossier_postponed_moves_the_line_up(tmp_path: Path) -> None:
    folder = example(tmp_path, to_check=True)
    run("decide", folder, "AL16-01", "--stage", "vote", "--outcome", "ajourné",
        "--by", "president", "--reason", "vote")
    # AL16-01 postponed (no place freed: nobody is proposed in it), AL16-02 (rank 2) still
    # funded: nothing below AL16-02 is funded, the next dossier money could go to is
    # AL16-03 (AL16-05 has no amount): still rank 4, AL16-01 is left out above the line
    assert result(folder).current.line == 4  # type: ignore[union-attr]
    vote(folder, "AL16-02")
    run("decide", folder, "AL16-02", "--stage", "vote", "--outcome", "ajourné",
        "--by", "president", "--reason", "revote")
    # both out, nothing funded: the line is above the first proposed dossier no longer
    # funded below the last one funded (none): AL16-01, rank 1
    r = result(folder)
    assert r.current is not None and r.current.selected == ()
    assert r.current.line == 1
    run("decide", folder, "AL16-01", "--stage", "vote", "--outcome", "retenu",
        "--votes", "10/0/1", "--by", "president", "--reason", "revote")
    # AL16-01 funded again, AL16-02 not: the line is before AL16-02, rank 2
    r = result(folder)
    assert r.current is not None and r.current.selected == ("AL16-01",)
    assert r.current.line == 2
    page = committee(folder)
    assert "ligne de financement avant le rang 2" in page
    assert rows_around_the_line(page) == ("AL16-01", "AL16-02")
    zone = grey(page)
    assert zone["AL16-01"] == "dernier dossier au-dessus de la ligne de financement"
    assert zone["AL16-02"].startswith("premier dossier sous la ligne de financement")


def test_skip_keeps_what_it_passed_over_above_the_line(tmp_path: Path) -> None:
    folder = example(tmp_path, to_check=True)
    data = yaml.safe_load((folder / "call.yaml").read_text(encoding="utf-8"))
    data["budget"] = 45000
    data["selection"]["rule"] = "skip"
    (folder / "call.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                      encoding="utf-8")
    # skip, 45 000 €: AL16-01 27 000; AL16-02 51 000 > 45 000 skipped; AL16-05 passed
    # over; AL16-03 42 000 taken; AL16-04 62 000 skipped.  Line before AL16-04 (rank 5),
    # AL16-02 skipped above it.
    r = result(folder)
    assert r.selection is not None and (r.selection.line, r.selection.skipped) == (
        5, ("AL16-02",))
    run("decide", folder, "AL16-03", "--stage", "vote", "--outcome", "non-retenu",
        "--votes", "2/8/1", "--by", "president", "--reason", "vote")
    # AL16-03 out: AL16-01 is the last funded; AL16-02, which skip passed over, stays
    # above the line: the line is before AL16-03, rank 4, AL16-02 still listed as skipped
    r = result(folder)
    assert r.current is not None and (r.current.line, r.current.skipped) == (4, ("AL16-02",))
    page = committee(folder)
    assert ("ligne de financement avant le rang 4 · sautés faute d'enveloppe (règle skip)"
            + NBSP + ": AL16-02") in page
    run("decide", folder, "AL16-02", "--stage", "vote", "--outcome", "retenu",
        "--amount", "18000", "--votes", "10/0/1", "--by", "president", "--reason", "vote")
    # AL16-02 funded (18 000 €): no longer skipped; the line stays before rank 4
    r = result(folder)
    assert r.current is not None and (r.current.line, r.current.skipped) == (4, ())
    assert "sautés faute" not in committee(folder)


def test_a_tie_at_the_line_settled_moves_the_line_below_it(tmp_path: Path) -> None:
    # The séance call (tests/decisions_calls.py): D1 100, D2 87.5, D3 and D4 75 (rank 3,
    # tied), D5 62.5, D6 50; budget 50 000: D1 20 000 + D2 15 000 = 35 000, the tie needs
    # 20 000 more (55 000 > 50 000): left to people, line before rank 3.
    folder = seance_call(tmp_path)
    r = result(folder)
    assert r.selection is not None and r.selection.line == 3
    run("decide", folder, "D3", "--stage", "vote", "--outcome", "retenu", "--votes",
        "10/0/1", "--by", "president", "--reason", "départage")
    # D3 funded at rank 3 and D4 left out (the tie settled): nothing is funded below
    # rank 3; the first dossier after it is D5, rank 5
    r = result(folder)
    assert r.current is not None and "D3" in r.current.selected
    assert r.current.line == 5
    call = load_call(folder)
    assert build_seance(call, score(call), "fr").line_before == "D5"


def test_headings_and_notice_once_the_list_is_voted(tmp_path: Path) -> None:
    folder = example(tmp_path, to_check=True)
    vote(folder, "AL16-01")
    vote(folder, "AL16-02")
    # the list voted; AL16-05, still to check, is the one dossier no vote decided
    page = committee(folder)
    assert "## 5. Enveloppe, dossiers retenus et réserve\n" in page
    assert "**Dossiers retenus** (2)" + NBSP + ": AL16-01" in page
    assert "Dossiers proposés** (" not in page
    assert ("> Un vote est enregistré pour une partie des dossiers" + NBSP + ": 7 dossiers "
            "sur 8 sont décidés" + NNBSP + "; reste à vérifier" + NBSP + ": AL16-05. Le "
            "résultat calculé reste affiché à côté.\n") in page
    assert "propositions du jury" not in page.split("\n## ", 1)[0]
    english = committee(folder, "en")
    assert "## 5. Budget, retained dossiers and reserve\n" in english
    assert ("7 dossiers of 8 are decided; still to check: AL16-05. The computed outcome "
            "is shown beside them.") in english


def test_a_withdrawn_dossier_below_the_line_is_drawn_below_it_and_skipped_by_the_zone(
        tmp_path: Path) -> None:
    """The one rule of where the line is (``analysis.zone.line_neighbours``): the documents
    draw the line above the first ranked dossier at or below it, a withdrawn one included
    (drawn under the line, it would read as funded); the zone grise and the agenda skip it.

    AL16-03 (rank 4, the first below the proposal's line before rank 4) withdraws: nothing
    it held is freed (it was on the reserve), the line stays before rank 4."""
    folder = example(tmp_path, to_check=True)
    run("withdraw", folder, "AL16-03", "--by", "Secrétariat", "--reason", "courrier")
    r = result(folder)
    assert r.current is not None and r.current.selected == ("AL16-01", "AL16-02")
    assert r.current.line == 4
    page = committee(folder)
    assert rows_around_the_line(page) == ("AL16-05", "AL16-03")
    call = load_call(folder)
    assert build_seance(call, score(call), "fr").line_before == "AL16-03"
    assert dashboard_line(folder, tmp_path / "seance") == "AL16-03"
    zone = grey(page)
    assert "AL16-03" not in zone  # withdrawn: nobody discusses it
    assert zone["AL16-04"].startswith("premier dossier sous la ligne de financement")
    assert zone["AL16-02"] == "dernier dossier au-dessus de la ligne de financement"
