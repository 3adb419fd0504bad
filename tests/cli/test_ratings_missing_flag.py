"""A dossier rated by fewer of its assigned jurés than expected carries the flag
``ratings-missing:<rated>/<expected>`` in the result, the score table and the committee
report (review recours, finding 9: AL16-03, rated by 2 of its 3 jurés, read
``complete: true`` with no flag anywhere).

The example alsace-2016: j1, j2 and j3 are each assigned AL16-01…05, 07, 08
(``assessors[].dossiers``); j2 is recused from AL16-01.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from testpaths import EXAMPLES

JURORS = ("j1", "j2", "j3")
ASSIGNED = ("AL16-01", "AL16-02", "AL16-03", "AL16-04", "AL16-05", "AL16-07", "AL16-08")


def _call(tmp_path: Path, *, drop: tuple[tuple[str, str], ...]) -> Path:
    """The example with the rows of each (juré, dossier) of ``drop`` removed."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    for juror, dossier in drop:
        path = folder / "ratings" / f"{juror}.csv"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [x for x in lines if not x.startswith(f"{dossier},{juror},")]
        assert len(kept) < len(lines)
        path.write_text("".join(kept), encoding="utf-8")
    return folder


def _flags(folder: Path) -> dict[str, tuple[list[str], bool]]:
    res = CliRunner().invoke(cli, ["score", str(folder), "--format", "json"])
    assert res.exit_code == 0, res.output
    start = res.output.index("{")
    data = json.JSONDecoder().raw_decode(res.output[start:])[0]
    return {d["id"]: ([f for f in d["flags"] if f.startswith("ratings-missing")],
                      d["complete"]) for d in data["dossiers"]}


def test_two_of_three_and_one_of_two_after_a_recusal(tmp_path: Path) -> None:
    # j3 never rated AL16-03: 3 jurés expected, 2 rated; j3 never rated AL16-01 either,
    # where j2 is recused: 3 - 1 = 2 expected, 1 rated (j1)
    folder = _call(tmp_path, drop=(("j3", "AL16-03"), ("j3", "AL16-01")))
    flags = _flags(folder)
    assert flags["AL16-03"] == (["ratings-missing:2/3"], True)  # every criterion has a value
    assert flags["AL16-01"] == (["ratings-missing:1/2"], True)
    others = [d for d in flags if d not in ("AL16-01", "AL16-03")]
    assert len(others) == 6  # alsace-2016's 8 dossiers, less the two above
    assert all(flags[d] == ([], flags[d][1]) for d in others)
    fr = CliRunner().invoke(cli, ["--lang", "fr", "score", str(folder)])
    row = next(x for x in fr.output.splitlines() if re.match(r"\s+\d+\s+AL16-03 ", x))
    assert row.endswith("notes\u00a0: 2/3 jurés") or row.endswith("notes : 2/3 jurés"), row
    en = CliRunner().invoke(cli, ["--lang", "en", "score", str(folder)])
    assert any(x.endswith("rated: 2/3 jurors") for x in en.output.splitlines()
               if " AL16-03 " in x), en.output
    out = tmp_path / "comite.md"
    res = CliRunner().invoke(cli, ["report", str(folder), "--format", "md", "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = out.read_text(encoding="utf-8").replace(" :", "\u00a0:").splitlines()
    ranking = [x for x in lines if x.startswith("| 4 | AL16-03 |")]
    # the two counts apart, in words (review s16 recours, task 4): 2 of 3; 1 of 2
    assert ranking and "notes manquantes\u00a0: 2 jurés sur 3 ont noté le dossier" \
        in ranking[0], ranking
    assert any("notes manquantes\u00a0: 1 juré sur 2 a noté le dossier" in x
               for x in lines if x.startswith("| 1 | AL16-01 |"))
    res = CliRunner().invoke(cli, ["report", str(folder), "--format", "md", "--lang", "en",
                                   "-o", str(tmp_path / "en.md")])
    assert res.exit_code == 0, res.output
    en_rows = [x for x in (tmp_path / "en.md").read_text(encoding="utf-8").splitlines()
               if "| AL16-03 |" in x]
    assert en_rows and "ratings missing: rated by 2 of the 3 jurors expected" in en_rows[0]


def test_every_juror_on_every_dossier_and_assignments_csv(tmp_path: Path) -> None:
    """Without assessors[].dossiers, each juré is expected on every dossier (AL16-06,
    irrecevable, nobody rated: no flag, as no « incomplete » on an ineligible dossier);
    with assignments.csv, on its rows."""
    folder = _call(tmp_path, drop=(("j1", "AL16-08"),))
    text = (folder / "call.yaml").read_text(encoding="utf-8")
    bare = re.sub(r"\n    dossiers: \[[^\]]*\]", "", text)
    assert bare.count("dossiers: [") == 0
    (folder / "call.yaml").write_text(bare, encoding="utf-8")
    flags = _flags(folder)
    assert flags["AL16-08"][0] == ["ratings-missing:2/3"]
    assert flags["AL16-06"][0] == []  # irrecevable: not the jurés' to rate
    rows = ["dossier,assessor"] + [f"{d},{j}" for d in ASSIGNED for j in JURORS
                                   if (d, j) != ("AL16-08", "j2")]
    (folder / "assignments.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    flags = _flags(folder)
    # AL16-08: j1 and j3 assigned (j2 not), j1 never rated it: 1 of 2
    assert flags["AL16-08"][0] == ["ratings-missing:1/2"]
    others = [d for d in flags if d != "AL16-08"]
    assert len(others) == 7  # alsace-2016's 8 dossiers, less AL16-08
    assert all(not flags[d][0] for d in others)


def test_the_letter_says_how_many_jurors_rated_the_dossier(tmp_path: Path) -> None:
    """The letter is the one document the applicant reads: AL16-03, rated by j1 and j2 of
    its three assigned jurés (j3's rows removed), is told « 2 des 3 jurés prévus »; AL16-02,
    rated by all three, is not."""
    folder = _call(tmp_path, drop=(("j3", "AL16-03"),))
    out = tmp_path / "lettres"
    res = CliRunner().invoke(cli, ["report", str(folder), "--kind", "feedback", "--format",
                                   "md", "-o", str(out)])
    assert res.exit_code == 0, res.output
    said = "Votre dossier a été noté par 2 des 3 jurés prévus\u00a0: ses notes sont les " \
        "moyennes de leurs notes."
    assert said in (out / "AL16-03.md").read_text(encoding="utf-8")
    assert "jurés prévus" not in (out / "AL16-02.md").read_text(encoding="utf-8")


def test_the_ranking_short_flag_says_the_counts_in_words(tmp_path: Path) -> None:
    """The committee report's ranking (its one-line flags, html and docx) and its legend,
    and ``isgrid decisions``' table, say the counts apart as the report's sentence does:
    AL16-03 « noté par 2 jurés sur 3 », AL16-01 (j2 recused, j3 never rated it) « noté par
    1 juré sur 2 »; English "rated by 2 of 3 jurors".  The score table's 80 columns keep
    « notes : 2/3 jurés » (test above)."""
    folder = _call(tmp_path, drop=(("j3", "AL16-03"), ("j3", "AL16-01")))
    for lang, two, one, legend in (
            ("fr", "noté par 2 jurés sur 3", "noté par 1 juré sur 2",
             "<dt>noté par … jurés sur …</dt><dd>des jurés prévus sur le dossier ne l&#39;ont "
             "pas noté</dd>"),
            ("en", "rated by 2 of 3 jurors", "rated by 1 of 2 jurors",
             "<dt>rated by … of … jurors</dt><dd>some jurors assigned to the dossier have not "
             "rated it</dd>")):
        out = tmp_path / f"comite-{lang}.html"
        res = CliRunner().invoke(cli, ["report", str(folder), "--lang", lang, "-o", str(out)])
        assert res.exit_code == 0, res.output
        html = out.read_text(encoding="utf-8")
        shorts = re.findall(r'class="flag-short">([^<]*)<', html)
        assert two in shorts and one in shorts, shorts
        assert legend in html
        res = CliRunner().invoke(cli, ["--lang", lang, "decisions", str(folder)])
        assert res.exit_code == 0, res.output
        rows = {x.split()[1]: x for x in res.output.splitlines() if " AL16-0" in x}
        assert rows["AL16-03"].endswith(two), rows  # and AL16-01's recusal after it
        assert rows["AL16-01"].endswith(one + (", déport" if lang == "fr" else ", recusal"))
