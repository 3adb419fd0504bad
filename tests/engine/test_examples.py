"""The shipped example calls: they load, score, and do what their READMEs say.

Each example under ``examples/`` is a fictitious French call with a README in French
(``README.md``) and its English twin (``README.en.md``) giving its expected outcome and where
its grid comes from. These tests pin that outcome (selected, reserve, verdicts, statuses,
and the Alsace laureates' totals worked out by hand below), check that every row of both
READMEs' tables agrees with what the engine prints (statuses, verdicts, ranks, totals,
means, counts, amounts), so README and engine cannot drift apart, and that both READMEs
name every criterion their grid does not source, under its provenance.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from isgrid.i18n import french_spacing
from testpaths import EXAMPLES

EXAMPLES = EXAMPLES
ALSACE = EXAMPLES / "alsace-2016"
ALTERINCUB = EXAMPLES / "alterincub-2019"
PICARDIE = EXAMPLES / "picardie-sieg-2015"
LFSE = EXAMPLES / "lfse-2024"
ALL = [ALSACE, ALTERINCUB, PICARDIE, LFSE]

# Warnings each example is expected to raise on loading (and no others).
EXPECTED_WARNINGS = {
    "alsace-2016": {"conflicted-rating"},  # j2's ratings of AL16-01 are in his file
    "alterincub-2019": set(),
    "picardie-sieg-2015": set(),
    "lfse-2024": {"no-ratings"},  # LF24-13 is irrecevable: not sent to the tables
}


def result_of(folder: Path) -> dict[str, Any]:
    return score(load_call(folder)).to_json()


def by_id(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in result["dossiers"]}


def statuses(result: dict[str, Any]) -> dict[str, str]:
    return {d["id"]: d["status"] for d in result["dossiers"]}


# ----------------------------------------------------------------- every example
@pytest.mark.parametrize("folder", ALL, ids=lambda p: p.name)
def test_example_loads_without_errors(folder: Path) -> None:
    call = load_call(folder)  # raises CallError on any error
    codes = {w.code for w in call.warnings}
    assert codes == EXPECTED_WARNINGS[folder.name]
    assert call.config.fictitious is True


@pytest.mark.parametrize("folder", ALL, ids=lambda p: p.name)
def test_example_is_labelled_fictitious(folder: Path) -> None:
    call_text = (folder / "call.yaml").read_text(encoding="utf-8")
    assert call_text.startswith("# Données fictives"), "call.yaml must open with the notice"
    dossiers = sorted((folder / "dossiers").glob("*.yaml"))
    assert dossiers
    for path in dossiers:
        assert path.read_text(encoding="utf-8").startswith("# Dossier fictif."), path.name
    for readme in _readmes(folder):  # « fictitious », « fictives »
        assert re.search(r"fictitious|fictiv", readme.read_text(encoding="utf-8").lower())
    assert list((folder / "ratings").glob("*.csv"))


def _readmes(folder: Path) -> list[Path]:
    """An example's French README and its English twin."""
    return sorted(folder.glob("README*.md"))


@pytest.mark.parametrize("folder", ALL, ids=lambda p: p.name)
def test_the_french_readme_has_its_english_twin(folder: Path) -> None:
    """Every example is a French call: its README is French, the English one stays beside
    it, and each links the other."""
    assert [p.name for p in _readmes(folder)] == ["README.en.md", "README.md"]
    fr = (folder / "README.md").read_text(encoding="utf-8")
    assert fr.startswith("# Exemple\u00a0:"), fr[:40]
    assert "Toutes les données sont fictives" in fr and "*[English](README.en.md)*" in fr
    en = (folder / "README.en.md").read_text(encoding="utf-8")
    assert en.startswith("# Example:"), en[:40]
    assert "All the data here is fictitious" in en and "*[Français](README.md)*" in en


def _prose(readme: Path) -> list[tuple[int, str]]:
    """The README's lines outside code blocks, each code span replaced by « C »."""
    lines, fenced = [], False
    for n, line in enumerate(readme.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append((n, re.sub(r"`[^`]*`", "C", line)))
    return lines


@pytest.mark.parametrize("folder", ALL, ids=lambda p: p.name)
def test_the_french_readme_has_french_typography(folder: Path) -> None:
    """No-break space before « : », narrow no-break space before « ; ! ? % € », no-break
    spaces inside « »: the project's one rule, outside code."""
    for n, line in _prose(folder / "README.md"):
        assert french_spacing(line) == line, (folder.name, n, line)
    assert "\u202f;" in (folder / "README.md").read_text(encoding="utf-8")


#: How each README names a provenance: (French, English) word stems.
PROVENANCE_WORDS = {"sourced": ("sourcé", "sourced"),
                    "reconstructed": ("reconstitu", "reconstructed"),
                    "inferred": ("inféré", "inferred")}


def _chunks(readme: Path) -> list[str]:
    """The README's paragraphs and list items, each on one line."""
    text = readme.read_text(encoding="utf-8").replace("\n- ", "\n\n- ")
    return [" ".join(c.split()) for c in text.split("\n\n")]


@pytest.mark.parametrize("folder", ALL, ids=lambda p: p.name)
def test_readmes_never_present_a_reconstructed_criterion_as_sourced(folder: Path) -> None:
    """Both READMEs name each criterion the grid does not source, in a paragraph or item
    that says its provenance, and never in the one that lists what is sourced; a grid with
    reconstructed or inferred parameters (scale, weights) says so too."""
    grid = load_call(folder).grid.grid
    unsourced = {c.id: c.provenance.status for s in grid.sections for c in s.criteria
                 if c.provenance.status != "sourced"}
    parameters = {p.status for p in (grid.parameters or {}).values()}
    for lang, readme in enumerate((folder / "README.md", folder / "README.en.md")):
        chunks = _chunks(readme)
        sourced_item = [c for c in chunks if c.startswith("- " + PROVENANCE_WORDS[
            "sourced"][lang])]
        assert len(sourced_item) == 1, (readme.name, "one item lists what is sourced")
        for cid, status in unsourced.items():
            word = PROVENANCE_WORDS[status][lang]
            said = [c for c in chunks if re.search(rf"\b{re.escape(cid)}\b", c)
                    and word in c.lower()]
            assert said, (readme.name, cid, status)
            assert not re.search(rf"\b{re.escape(cid)}\b", sourced_item[0]), (
                readme.name, cid, "listed as sourced")
        for status in parameters - {"sourced"}:
            assert PROVENANCE_WORDS[status][lang] in readme.read_text(
                encoding="utf-8").lower(), (readme.name, status)


@pytest.mark.parametrize("folder", ALL, ids=lambda p: p.name)
def test_example_scores_and_is_deterministic(folder: Path) -> None:
    first = result_of(folder)
    assert first["call"]["fictitious"] is True
    again = result_of(folder)
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)


def _readme_rows(readme: Path) -> dict[str, list[str]]:
    """README table rows by dossier id: the cells of every row that names one dossier."""
    rows: dict[str, list[str]] = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        ids = {m for c in cells for m in re.findall(r"\b[A-Z]{2}\d\d-\d\d\b", c)}
        if len(ids) == 1:
            rows[ids.pop()] = cells
    return rows


def _head(cell: str) -> str:
    """A cell's leading word(s): 'réserve (AI-03 …)' -> 'réserve', 'irrecevable: …' -> …"""
    return re.split(r"[:(]", cell, maxsplit=1)[0].strip()


def _spaces(cell: str) -> str:
    """A cell with French typography's no-break spaces read as spaces."""
    return cell.replace("\u00a0", " ").replace("\u202f", " ")


def _number(value: float) -> str:
    """A number as the READMEs write it: 3.5 -> '3,5', 4.0 -> '4'."""
    return f"{value:g}".replace(".", ",")


def _rank_shown(cells: list[str]) -> int | None:
    """The rank a row shows: a cell that is a number, or « classé (2) »; None for « – »."""
    for cell in cells:
        if re.fullmatch(r"\d+", cell):
            return int(cell)
        shown = re.fullmatch(r"[^()]*\((\d+)\)", cell)
        if shown:
            return int(shown[1])
    return None


def _figures_agree(readme: Path, d: dict[str, Any], cells: list[str]) -> None:
    """The figures a row quotes besides the status and the total are the engine's: the
    rank, a ranked dossier's proposed amount, the criteria means (« 4 ; 3,5 ; 3,5 »), the core and
    complementary criteria met (« 3 / 9 ») and the markers present (« 10/12 »)."""
    where = (readme.parent.name, readme.name, d["id"], cells)
    row = _spaces(" | ".join(cells))
    assert _rank_shown(cells) == d["rank"], where
    proposed = d["amounts"]["proposed"]
    if proposed is not None and d["rank"] is not None:
        assert f"{proposed:,} €".replace(",", " ") in row, where
    means = [c for c in cells if re.fullmatch(r"[\d,]+(\s*;\s*[\d,]+)+", c)]
    if d["total"] is not None and any(v["n"] for v in d["criteria"].values()):
        expected = " ; ".join(_number(v["value"]) for v in d["criteria"].values())
        assert [_spaces(c) for c in means] in ([], [expected]), where
    else:
        assert not means, where
    counts = re.findall(r"\b(\d+) / (\d+)\b", row)
    if d["checklist"] is not None:
        met = (len(d["checklist"]["core_met"]), len(d["checklist"]["complementary_met"]))
        assert [tuple(map(int, c)) for c in counts] in ([], [met]), where
        if d["rank"] is not None:
            assert counts, where
    if d["profile"] is not None:
        markers = len(d["profile"]) - 1  # the markers' intensities, then `present`
        assert re.findall(r"\b(\d+)/(\d+)\b", row) == [
            (str(len(d["profile"]["present"])), str(markers))], where


@pytest.mark.parametrize("folder", ALL, ids=lambda p: p.name)
def test_readme_table_matches_the_engine(folder: Path) -> None:
    result = result_of(folder)
    for readme in _readmes(folder):
        rows = _readme_rows(readme)
        assert set(rows) == {d["id"] for d in result["dossiers"]}, (readme.name,
                                                                    "one row per dossier")
        for d in result["dossiers"]:
            heads = [_head(c) for c in rows[d["id"]]]
            assert d["status"] in heads, (readme.name, d["id"], d["status"], rows[d["id"]])
            if d["verdict"] is not None:
                assert d["verdict"] in heads, (d["id"], d["verdict"], rows[d["id"]])
            if d["total"] is not None:
                shown = f"{d['total']:.1f}".replace(".", ",")
                assert shown in rows[d["id"]], (readme.name, d["id"], shown, rows[d["id"]])
            _figures_agree(readme, d, rows[d["id"]])


# ----------------------------------------------------------------- Alsace (scored)
def test_alsace_laureates_reserve_and_statuses() -> None:
    result = result_of(ALSACE)
    sel = result["selection"]
    assert sel["selected"] == ["AL16-01", "AL16-02"]
    assert sel["reserve"] == ["AL16-03", "AL16-04"]
    assert sel["budget"] == 52000
    assert sel["spent"] == 51000
    assert sel["line"] == 4
    assert statuses(result) == {
        "AL16-01": "retenu",
        "AL16-02": "retenu",
        "AL16-05": "à vérifier",
        "AL16-03": "réserve",
        "AL16-04": "réserve",
        "AL16-06": "irrecevable",
        "AL16-07": "non classé",
        "AL16-08": "non classé",
    }
    assert [d["id"] for d in result["dossiers"]][:5] == [
        "AL16-01", "AL16-02", "AL16-05", "AL16-03", "AL16-04"]


def test_alsace_laureates_totals_by_hand() -> None:
    """The two laureates' totals, worked out by hand from DESIGN.md's arithmetic.

    alsace-aap-2016 scores seven criteria on 0-4. Sections besoin-social (AV-1.1, ALS-2),
    effets-positifs (ALS-3, ALS-4) and demarche-porteur (ALS-1, ALS-5) weigh 2 with two
    criteria of weight 1; implication-acteurs (AV-4.2) weighs 1 with one criterion. So
    eff_c = 2 x 1 / 2 = 1 or 1 x 1 / 1 = 1 for every criterion, sum(eff) = 7, and
    total = 100 x sum(a_c / 4) / 7 = 100 x sum(a_c) / 28.

    AL16-01 (j2 is conflicted: only j1 and j3 count; j3 wrote "3,5", a half point):
      AV-1.1 (4 + 3.5)/2 = 3.75, ALS-2 (3+3)/2 = 3, ALS-3 (4+3)/2 = 3.5, ALS-4 3,
      AV-4.2 4, ALS-1 (3+4)/2 = 3.5, ALS-5 3; sum = 23.75; total = 2375/28 = 84.8214...
      (with j2's excluded 4s it would have been higher: the exclusion matters).
    AL16-02 (three jurés; consensus 3 on ALS-5 replaces the mean (1+4+3)/3):
      AV-1.1 (4+3+4)/3 = 11/3, ALS-2 (3+4+3)/3 = 10/3, ALS-3 3, ALS-4 (3+2+3)/3 = 8/3,
      AV-4.2 (3+3+2)/3 = 8/3, ALS-1 (4+3+3)/3 = 10/3, ALS-5 3 (consensus);
      sum = 47/3 + 6 = 65/3; total = 100 x 65 / 84 = 77.3809...
    """
    d = by_id(result_of(ALSACE))
    assert d["AL16-01"]["total"] == pytest.approx(2375 / 28, abs=1e-9)
    assert d["AL16-02"]["total"] == pytest.approx(6500 / 84, abs=1e-9)
    assert d["AL16-01"]["criteria"]["AV-1.1"]["value"] == pytest.approx(3.75)
    assert d["AL16-01"]["criteria"]["AV-1.1"]["n"] == 2
    assert "conflict-excluded:j2" in d["AL16-01"]["flags"]
    als5 = d["AL16-02"]["criteria"]["ALS-5"]
    assert als5["consensus"] == 3 and als5["value"] == 3
    assert als5["raw"] == pytest.approx(8 / 3)
    assert als5["consensus_reason"]
    assert "disagreement:ALS-5" in d["AL16-02"]["flags"]
    # The other totals of the README, by the same formula.
    assert d["AL16-05"]["total"] == pytest.approx(100 * 21 / 28)
    assert d["AL16-03"]["total"] == pytest.approx(100 * 17 / 28)
    assert d["AL16-04"]["total"] == pytest.approx(100 * (47 / 3) / 28)
    assert d["AL16-07"]["total"] == pytest.approx(100 * 20 / 28)
    assert d["AL16-08"]["total"] == pytest.approx(100 * 11 / 28)


def test_alsace_money() -> None:
    d = by_id(result_of(ALSACE))
    # min(requested, 0.5 x eligible costs, cap 27 000)
    assert d["AL16-01"]["amounts"] == {"requested": 32000, "proposed": 27000, "granted": None}
    assert d["AL16-02"]["amounts"]["proposed"] == 24000
    assert d["AL16-03"]["amounts"]["proposed"] == 15000
    assert d["AL16-04"]["amounts"]["proposed"] == 20000


def test_alsace_special_dossiers() -> None:
    d = by_id(result_of(ALSACE))
    # Missing fact: no eligible_costs. Eligible and ranked, but no amount can be proposed:
    # to be checked, neither selected nor refused.
    miss = d["AL16-05"]
    assert miss["eligible"] is True and miss["rank"] == 3
    assert miss["selected"] is None and miss["reserve"] is False
    assert miss["status"] == "à vérifier"
    assert miss["amounts"]["proposed"] is None
    assert "unknown:eligible_costs" in miss["flags"]
    # One-off action: the instructeur's "non" on ALS-E3.
    assert d["AL16-06"]["eligible"] is False
    assert d["AL16-06"]["eligibility"]["ALS-E3"] == "fail"
    assert "ineligible:ALS-E3" in d["AL16-06"]["flags"]
    # A good total does not make up for a floor.
    assert "below-floor:ALS-4" in d["AL16-07"]["flags"]
    assert d["AL16-07"]["criteria"]["ALS-4"]["value"] == pytest.approx(4 / 3)
    assert d["AL16-08"]["flags"] == ["below-threshold"]
    assert d["AL16-03"]["criteria"]["AV-4.2"]["na"] == 1


def test_alsace_example_command_prints_a_table() -> None:
    """The README's first command: `isgrid score examples/alsace-2016` (./run example)."""
    result = CliRunner().invoke(cli, ["score", str(ALSACE)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "AL16-01" in out and "retenu" in out and "84,8" in out and "77,4" in out
    assert "AL16-01, AL16-02" in out


def test_alsace_json_command() -> None:
    result = CliRunner().invoke(cli, ["score", str(ALSACE), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["selection"]["selected"] == ["AL16-01", "AL16-02"]


# ----------------------------------------------------------------- Alter'Incub (checklist)
def test_alterincub_selection_and_verdicts() -> None:
    result = result_of(ALTERINCUB)
    sel = result["selection"]
    assert sel["top"] == 5
    assert sel["selected"] == ["AI19-01", "AI19-02", "AI19-03", "AI19-04", "AI19-05"]
    assert sel["reserve"] == ["AI19-06", "AI19-07"]
    d = by_id(result)
    verdicts = {k: v["verdict"] for k, v in d.items()}
    assert verdicts == {
        "AI19-01": "caractérisé", "AI19-02": "caractérisé", "AI19-03": "caractérisé",
        "AI19-04": "caractérisé", "AI19-05": "partiellement", "AI19-06": "partiellement",
        "AI19-07": "partiellement", "AI19-08": "partiellement",
        "AI19-09": "non caractérisé", "AI19-10": "non caractérisé",
        "AI19-11": "indéterminé", "AI19-12": "caractérisé",
    }
    assert statuses(result) == {
        "AI19-01": "retenu", "AI19-02": "retenu", "AI19-03": "retenu", "AI19-04": "retenu",
        "AI19-05": "retenu", "AI19-06": "réserve", "AI19-07": "réserve",
        "AI19-08": "non retenu", "AI19-09": "non classé", "AI19-10": "non classé",
        "AI19-11": "irrecevable", "AI19-12": "à vérifier",
    }
    counts = {k: (len(v["checklist"]["core_met"]), len(v["checklist"]["complementary_met"]))
              for k, v in d.items() if v["rank"] is not None}
    assert counts == {"AI19-01": (3, 9), "AI19-02": (3, 7), "AI19-03": (3, 5),
                      "AI19-04": (3, 3), "AI19-05": (2, 6), "AI19-06": (2, 4),
                      "AI19-07": (1, 5), "AI19-08": (0, 2)}
    assert all(v["total"] is None for v in d.values())
    assert "ineligible:AI-E3" in d["AI19-11"]["flags"]
    assert d["AI19-12"]["eligible"] is None and "unknown:AI-E2" in d["AI19-12"]["flags"]
    assert d["AI19-09"]["checklist"]["core_not_met"] == ["AI-03"]
    assert d["AI19-10"]["checklist"]["core_not_met"] == ["AI-01"]
    assert "disagreement:AI-03" in d["AI19-06"]["flags"]


# ----------------------------------------------------------------- Picardie (profile)
def test_picardie_profiles_and_eligibility() -> None:
    result = result_of(PICARDIE)
    assert result["selection"] is None
    d = by_id(result)
    assert all(v["total"] is None for v in d.values()), "a profile never has a total"
    assert statuses(result) == {
        "PI15-01": "classé", "PI15-02": "classé", "PI15-03": "classé",
        "PI15-04": "irrecevable", "PI15-05": "à vérifier", "PI15-06": "irrecevable",
    }
    present = {k: len(v["profile"]["present"]) for k, v in d.items()}
    assert present == {"PI15-01": 10, "PI15-02": 7, "PI15-03": 4,
                       "PI15-04": 0, "PI15-05": 9, "PI15-06": 0}
    assert d["PI15-03"]["profile"]["present"] == ["PIC-M0", "PIC-M2", "PIC-M4", "PIC-M7"]
    assert d["PI15-04"]["eligibility"]["partenariat-minimal"] == "fail"
    assert d["PI15-05"]["eligibility"]["phase-projet"] == "unknown"
    assert d["PI15-05"]["eligible"] is None
    assert d["PI15-06"]["eligibility"]["SIEG-E5"] == "fail"
    assert all(v["selected"] is None for v in d.values())


# ----------------------------------------------------------------- La France s'engage
def test_every_shipped_example_is_tested() -> None:
    assert sorted(p.name for p in EXAMPLES.iterdir() if (p / "call.yaml").is_file()) == \
        sorted(p.name for p in ALL)


def test_lfse_tables_and_readers_follow_the_published_process() -> None:
    # tables of 3 to 5 examiners, each reading 4 dossiers; 7 to 10 readers per dossier
    call = load_call(LFSE)
    tables: dict[str, list[str]] = {}
    readers: dict[str, int] = {}
    for a in call.config.assessors:
        tables.setdefault(a.id.split("-")[0], []).append(a.id)
        assert len(a.dossiers or []) == 4, a.id
        for d in a.dossiers or []:
            readers[d] = readers.get(d, 0) + 1
    assert sorted(len(v) for v in tables.values()) == [3, 4, 4, 4, 5, 5]
    assert all(7 <= n <= 10 for n in readers.values()), readers
    assert len(readers) == 12  # LF24-13, irrecevable, is read by no table


def test_lfse_totals_by_hand_and_the_second_jury() -> None:
    d = by_id(result_of(LFSE))
    # equal weights, scale 0-4: total = 100 x (m1 + m2 + m3) / 12, from the README's means
    # LF24-01 (4 + 3.5 + 3.5) = 11 -> 91.67; LF24-06 (3 + 3 + 2) = 8 -> 66.67;
    # LF24-11 (3.5 x 3) = 10.5 -> 87.5; LF24-12 (1 + 1.5 + 1) = 3.5 -> 29.17
    assert d["LF24-01"]["total"] == pytest.approx(1100 / 12)
    assert d["LF24-06"]["total"] == pytest.approx(800 / 12)
    assert d["LF24-11"]["total"] == pytest.approx(87.5)
    assert d["LF24-12"]["total"] == pytest.approx(350 / 12)
    # the second jury's journal: LF24-06 retained, LF24-05 to the reserve, LF24-11 adjourned
    assert (d["LF24-05"]["status"], d["LF24-06"]["status"]) == ("réserve", "retenu")
    assert d["LF24-11"]["status"] == "ajourné"
    assert d["LF24-13"]["status"] == "irrecevable"
    assert "overridden:jury" in d["LF24-05"]["flags"]
