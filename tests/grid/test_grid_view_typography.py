"""``grids show`` (text): a line never starts with a closing « » » (nor ends with an opening
« « »), and a tie-break on a date says « le plus ancien d'abord », not « le plus bas ».

A review found « … et « économie verte\\n » et à un thème de la S3 » in the Alsace grid
(the grid writes its quotes with plain spaces, as its sources do; they stay so), and
« Date de dépôt du dossier (le plus bas d'abord) »."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.i18n import wrap
from testpaths import FIXTURES


def run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 0, res.output
    return res.stdout


def test_wrap_keeps_the_quotes_with_their_words() -> None:
    # 16 characters then « »»: plain textwrap at 16 starts the second line with it
    assert wrap("« économie verte » et S3", 16) == ["« économie", "verte » et S3"]
    # an opening « never ends a line; nor does the word before « : »
    assert wrap("Voir le rapport « Innovation sociale »", 17) == [
        "Voir le rapport", "« Innovation", "sociale »"]
    assert wrap("Appel 2016 : la première édition", 10) == [
        "Appel", "2016 : la", "première", "édition"]
    # the text's spaces are kept as written: plain, or no-break
    assert wrap("« a »\u00a0b", 80) == ["« a »\u00a0b"]


def test_no_line_of_a_shipped_grid_starts_with_a_closing_quote() -> None:
    for lang in ("fr", "en"):
        lines = run("--lang", lang, "grids", "show", "alsace-aap-2016").splitlines()
        assert not [x for x in lines if x.lstrip().startswith("»")], lang
        assert not [x for x in lines if x.rstrip().endswith("«")], lang
        # the label the review quoted, and a source's title, cut between two words
        assert lines[lines.index("  ALS-2    Adéquation aux convergences « santé / bien-être »"
                                 " et « économie") + 1] == \
            "           verte » et à un thème de la S3"
        at = next(i for i, x in enumerate(lines) if x.startswith("  [AL4] "))
        assert lines[at:at + 2] == [
            "  [AL4] Région Alsace, « La Région Alsace agit en faveur de l'innovation",
            "    sociale » (carnet ESS)"]


def _grid_with_tie_breaks(tmp_path: Path) -> Path:
    text = (FIXTURES / "grids" / "mini-scored.yaml").read_text(encoding="utf-8")
    old = '  - {by: "section:impact"}\n  - {by: "fact:submitted_at", order: asc}\n'
    assert old in text
    grid = tmp_path / "g.yaml"
    grid.write_text(text.replace(old, (
        '  - {by: "fact:submitted_at", order: asc}\n'
        '  - {by: "fact:submitted_at", order: desc}\n'
        '  - {by: "fact:amount_requested", order: asc}\n'
        '  - {by: "fact:partners[].type", count: distinct, order: asc}\n'
        '  - {by: "section:impact", order: asc}\n')), encoding="utf-8")
    return grid


def test_a_date_tie_break_in_words_of_dates(tmp_path: Path) -> None:
    grid = str(_grid_with_tie_breaks(tmp_path))
    fr = run("--lang", "fr", "grids", "show", grid).splitlines()
    tie = fr.index("Départage des ex æquo")
    assert fr[tie + 1:tie + 6] == [
        "  1. fait submitted_at (le plus ancien d'abord)",
        "  2. fait submitted_at (le plus récent d'abord)",
        "  3. fait amount_requested (le plus bas d'abord)",
        "  4. fait partners[].type (le plus bas d'abord, nombre de valeurs distinctes)",
        "  5. section impact (le plus bas d'abord)"]
    en = run("--lang", "en", "grids", "show", grid).splitlines()
    tie = en.index("Tie-breaks")
    assert en[tie + 1:tie + 6] == [
        "  1. fact:submitted_at (earliest first)",
        "  2. fact:submitted_at (latest first)",
        "  3. fact:amount_requested (lower first)",
        "  4. fact:partners[].type (lower first, number of distinct values)",
        "  5. section:impact (lower first)"]
