"""Words that match the facts (issue 16): letters, CSV words, grids show, call init.

On the shipped Alsace 2016 example, AL16-07 misses the floor of ALS-4 (« Pérennité
de la démarche », floor 2 on a 0-4 scale): its letter must say so with the score,
and must not call the section holding ALS-4 « satisfaisant » two lines later.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from click.testing import CliRunner

from isgrid.call.init import default_title
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.engine import score
from testpaths import EXAMPLES

ALSACE = EXAMPLES / "alsace-2016"


def invoke(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args))
    assert res.exit_code == 0, res.output
    return res.output


def test_the_letter_cites_the_score_against_the_floor_and_never_praises_that_section(
        tmp_path: Path) -> None:
    result = score(load_call(ALSACE))
    d = next(x for x in result.dossiers if x.id == "AL16-07")
    assert "below-floor:ALS-4" in d.flags
    value = d.criteria["ALS-4"]["value"]
    assert value is not None and value < 2
    shown = f"{value:.1f}".replace(".", ",")
    out = tmp_path / "lettres"
    invoke("report", str(ALSACE), "--kind", "feedback", "--dossier", "AL16-07",
           "--format", "md", "-o", str(out))
    text = next(out.glob("*AL16-07*")).read_text(encoding="utf-8")
    assert f"«\u00a0Pérennité de la démarche\u00a0»\u00a0: {shown} pour un plancher de 2 (sur 4)" in text
    row = next(line for line in text.splitlines() if line.startswith("| Intérêt général et pérennité"))
    assert "satisfaisant" not in row and "insuffisant" in row
    # the criterion quoted as the catalogue quotes (it had ordinary spaces inside « »)
    assert "non atteinte pour «\u00a0Pérennité de la démarche\u00a0»" in row


def test_the_csv_of_an_english_call_has_english_status_words(tmp_path: Path) -> None:
    folder = tmp_path / "call"
    shutil.copytree(ALSACE, folder)
    yaml_text = (folder / "call.yaml").read_text(encoding="utf-8")
    (folder / "call.yaml").write_text(yaml_text.replace("lang: fr", "lang: en")
                                      if "lang: fr" in yaml_text else yaml_text + "lang: en\n",
                                      encoding="utf-8")
    out = tmp_path / "r.csv"
    invoke("--lang", "en", "score", str(folder), "--format", "csv", "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    words = {r["status"] for r in rows}
    assert words and words <= {"selected", "reserve", "not selected", "ranked", "not ranked",
                               "ineligible", "incomplete", "to check", "withdrawn"}
    fr = tmp_path / "r-fr.csv"
    invoke("--lang", "fr", "score", str(ALSACE), "--format", "csv", "-o", str(fr))
    assert "retenu" in fr.read_text(encoding="utf-8-sig")


def test_grids_show_gives_scales_tie_breaks_and_facts() -> None:
    text = invoke("grids", "show", "alsace-aap-2016")
    assert "total out of 100" in text
    for block in ("Scales", "Tie-breaks", "Facts"):
        assert f"\n{block}\n" in text
    assert "1. section:besoin-social (higher first)" in text
    assert "2. fact:submitted_at (earliest first)" in text
    assert "floor 2 of 4" in text  # the floor with its scale's units


def test_call_init_does_not_double_appel_a_projets() -> None:
    assert default_title("Appel à projets « X » (Région, 2016)") == \
        "Appel à projets « X » (Région, 2016)"
    assert default_title("Marqueurs d'innovation sociale (Picardie, 2013)") == \
        "Appel à projets – Marqueurs d'innovation sociale (Picardie, 2013)"


def test_the_terminal_table_says_its_flags_in_words_and_names_no_assessor() -> None:
    from isgrid.documents.score_outputs import score_table

    result = score(load_call(EXAMPLES / "alsace-2016"))
    rows = {line.split()[1]: line for line in score_table(result, "fr").splitlines()
            if len(line.split()) > 1 and line.split()[1].startswith("AL16-")}
    # AL16-07 is below the floor of ALS-4, AL16-08 below the threshold (the example's
    # README); AL16-01 has j2 déporté: the table says « déport », never j2's id or name
    assert rows["AL16-07"].rstrip().endswith("plancher ALS-4")
    assert rows["AL16-08"].rstrip().endswith("sous le seuil")
    assert rows["AL16-01"].rstrip().endswith("déport")
    assert "conflict-excluded" not in rows["AL16-01"] and "j2" not in rows["AL16-01"]
    en = score_table(result, "en")
    assert "below threshold" in en and "below-threshold" not in en


def test_a_fact_to_check_is_named_by_its_label() -> None:
    """AL16-05 lacks its eligible costs (the example's README): the tables said
    « à vérifier : eligible_costs », the fact's id; they say the label the grid declares,
    as the committee report does, in English too (« to check: Dépenses éligibles… »)."""
    from isgrid.documents.decisions_text import decisions_table
    from isgrid.documents.score_outputs import score_table
    from isgrid.documents.text import flag_words
    from isgrid.grid.facts import fact_label, fact_labels

    call = load_call(ALSACE)
    result = score(call)
    d = next(x for x in result.dossiers if x.id == "AL16-05")
    assert "unknown:eligible_costs" in d.flags
    labels = fact_labels(call.grid.grid)
    label = "Dépenses éligibles (prestations externes, HT)"
    assert labels["eligible_costs"] == label == fact_label(call.grid.grid.facts,
                                                           "eligible_costs")
    # a criterion's or a rule's id is never taken for a fact; an undeclared name is itself
    assert "ALS-4" not in labels and "territoire-alsace" not in labels
    assert fact_label(call.grid.grid.facts, "nothing") == "nothing"
    assert flag_words("unknown:eligible_costs", "fr", labels) == f"à vérifier\u00a0: {label}"
    assert flag_words("below-floor:ALS-4", "fr", labels) == "plancher ALS-4"
    assert flag_words("unknown:eligible_costs", "en", labels) == f"to check: {label}"
    assert flag_words("below-floor:ALS-4", "en", labels) == "floor ALS-4"
    row = next(line for line in decisions_table(result, "fr", labels).splitlines()
               if " AL16-05 " in line)
    assert row.endswith(f"à vérifier\u00a0: {label}")
    row = next(line for line in score_table(result, "fr", labels).splitlines()
               if " AL16-05 " in line)
    assert row.endswith("à vérifier\u00a0: Dépen…")  # the 80 columns cut it
    en = next(line for line in decisions_table(result, "en", labels).splitlines()
              if " AL16-05 " in line)
    assert en.endswith(f"to check: {label}")
    # through the command line, in the call's language (French)
    out = invoke("decisions", str(ALSACE))
    assert next(x for x in out.splitlines() if " AL16-05 " in x).endswith(
        f"à vérifier\u00a0: {label}")


def test_english_outputs_name_a_fact_to_check_by_the_grids_label(tmp_path: Path) -> None:
    """``isgrid --lang en score`` said « to check: eligible… » (the fact's id, cut) where
    the English committee report says the label: every English output names the fact by
    the label the grid file declares (the grid's words, French here)."""
    import yaml

    from testpaths import ROOT

    grid = yaml.safe_load((ROOT / "grids" / "alsace-aap-2016.yaml").read_text(encoding="utf-8"))
    label = grid["facts"]["eligible_costs"]["label"]
    assert "facts.eligible_costs" not in (ALSACE / "call.yaml").read_text(encoding="utf-8")
    assert label.startswith("Dépenses ") and "eligible_costs" not in label
    # the score table: 80 columns, the flags' cell cut with « … »; the cell starts at column
    # 61 (« …        -  » then the flags, as the row before the fix ended « eligible… »)
    out = invoke("--lang", "en", "score", str(ALSACE))
    row = next(x for x in out.splitlines() if " AL16-05 " in x)
    assert row == ("   3  AL16-05      75.0            to check               -  "
                   "to check: Dépenses…")
    assert len(row) == 80 and f"to check: {label}".startswith(row[61:-1])
    # decisions: the whole flag
    out = invoke("--lang", "en", "decisions", str(ALSACE))
    assert next(x for x in out.splitlines() if " AL16-05 " in x).endswith(
        f"to check: {label}")
    # the committee report, the séance view and the letter say it by the same label
    md = tmp_path / "committee.md"
    invoke("--lang", "en", "report", str(ALSACE), "--format", "md", "-o", str(md))
    text = md.read_text(encoding="utf-8")
    assert f"| to check: {label} |" in text and "eligible_costs" not in text
    letters = tmp_path / "letters"
    invoke("--lang", "en", "report", str(ALSACE), "--kind", "feedback", "--format", "md",
           "-o", str(letters))
    letter = (letters / "AL16-05.md").read_text(encoding="utf-8")
    assert f"- Missing document or information: {label}. Please send it" in letter
