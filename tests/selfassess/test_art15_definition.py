"""Art. 15 (review s17 users, finding 1): the verdict is the law's definition, the I (1° or
2°); the II, a condition of the State's funding only (« ne s'applique pas aux financements
accordés … par les collectivités territoriales »), is shown apart and never read by the
verdict.  Worked by hand on the scale Non 0 / En partie 1 / Oui 2, « Oui » met."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, assess, render_result

FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
NAME = "Condition du II (financements de l'État seulement)"


def A(v: int) -> Answer:
    return Answer(float(v), False, None)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_i_met_ii_no_is_characterised_and_ii_is_shown_unmet() -> None:
    # 1° Oui (met): the I is « l'un de » 1°, 2° -> met -> caractérisé; II « Non »: not met,
    # said apart.
    res = assess(load_grid("loi-ess-2014-art15"), {
        "A15-1": A(2), "A15-2": A(0), "A15-3": A(2), "A15-4": A(2), "A15-II": A(0)})
    assert res.verdict == "caractérisé"
    ii = next(c for c in res.criteria if c.id == "A15-II")
    assert (ii.separate_condition, ii.state) == (NAME, "not-met")
    md = _plain(render_result(res, "md", "fr"))
    assert f"**{NAME} : non remplie** — Le caractère innovant" in md
    assert "elle n'entre pas dans le verdict" in md
    html = _plain(render_result(res, "html", "fr")).replace("&#39;", "'")
    assert f"{NAME}</span> : non remplie</strong>" in html
    en = render_result(res, "md", "en")
    assert f"**{NAME}: not met**" in en


def test_ii_not_applying_or_unanswered_leaves_the_verdict_alone() -> None:
    g = load_grid("loi-ess-2014-art15")
    na = assess(g, {"A15-1": A(2), "A15-II": Answer(None, True, None)})
    assert na.verdict == "caractérisé"
    assert f"**{NAME} : ne s'applique pas (votre réponse)**" in _plain(render_result(na, "md"))
    # 1° Non, 2° En partie: the best of the I is « partly » -> partiellement
    met = assess(g, {"A15-1": A(0), "A15-2": A(1), "A15-II": A(2)})
    assert met.verdict == "partiellement"
    assert f"**{NAME} : remplie**" in _plain(render_result(met, "md"))


def test_provenance_says_the_law_and_isgrid_s_reading_apart() -> None:
    res = assess(load_grid("loi-ess-2014-art15"), {"A15-1": A(2)})
    by_what = {ch["what"]: ch for ch in res.choices}
    assert by_what["verdict"]["status"] == "sourced"
    assert "Texte de la loi (15-I)" in by_what["verdict"]["notes"][0]
    assert "Lecture isgrid (inférée)" in by_what["verdict"]["notes"][0]
    apart = by_what["separate_condition"]
    assert (apart["status"], apart["source"], apart["label"]) == ("sourced", "L15", NAME)
    assert "Texte de la loi (15-II)" in apart["notes"][0]
    assert "Lecture isgrid (inférée)" in apart["notes"][0]


def test_the_cli_reproduction_of_the_review(tmp_path: Path) -> None:
    answers = tmp_path / "loi2.yaml"
    answers.write_text("grid: loi-ess-2014-art15\nanswers:\n  A15-1: 2\n  A15-2: 0\n"
                       "  A15-3: 2\n  A15-4: 2\n  A15-II: 0\n", encoding="utf-8")
    run = CliRunner().invoke(cli, ["assess", "loi-ess-2014-art15", str(answers)], env=FRENCH)
    assert run.exit_code == 0, run.output
    out = _plain(run.stdout)
    assert "**Verdict : caractérisé**" in out
    assert f"**{NAME} : non remplie**" in out
    show = _plain(CliRunner().invoke(cli, ["grids", "show", "loi-ess-2014-art15"],
                                     env=FRENCH).stdout)
    assert f"Condition à part, hors du verdict : A15-II « {NAME} » [sourcé · L15]" in show
    # version 1, kept for the calls that pin it, joined the II to the verdict
    answers.write_text(answers.read_text(encoding="utf-8").replace(
        "loi-ess-2014-art15", "loi-ess-2014-art15@1"), encoding="utf-8")
    run = CliRunner().invoke(cli, ["assess", "loi-ess-2014-art15@1", str(answers)], env=FRENCH)
    assert "**Verdict : non caractérisé**" in _plain(run.stdout)


def test_a_separate_condition_inside_the_verdict_is_refused(tmp_path: Path) -> None:
    child = tmp_path / "etat.yaml"
    child.write_text(
        'id: etat\nversion: "1"\ntitle: T\nextends: loi-ess-2014-art15\nset:\n'
        '  verdict: {all: [{criterion: A15-1}, {criterion: A15-II}]}\n', encoding="utf-8")
    run = CliRunner().invoke(cli, ["grids", "check", str(child)])
    assert run.exit_code != 0
    assert "'A15-II' is a condition shown apart" in run.output
    assert "[bad-verdict]" in run.output


def test_a_blank_condition_name_is_refused_and_spaces_around_one_dropped(
        tmp_path: Path) -> None:
    """A blank name printed « ** : non remplie** » (review s17 hostile, finding 10): spaces
    around a name are dropped (they broke the Markdown bold), so a blank one is empty and
    refused where it stands."""
    source = (Path(__file__).parents[2] / "grids" / "loi-ess-2014-art15.yaml").read_text(
        encoding="utf-8").replace("id: loi-ess-2014-art15", "id: sc-b", 1)
    assert source.count(f'separate_condition: "{NAME}"') == 1
    grid = tmp_path / "b.yaml"
    grid.write_text(source.replace(f'separate_condition: "{NAME}"',
                                   'separate_condition: "   "'), encoding="utf-8")
    run = CliRunner().invoke(cli, ["grids", "check", str(grid)])
    assert run.exit_code != 0
    assert ("(sections[1].criteria[0].separate_condition): String should have "
            "at least 1 character (got '') [schema-invalid]") in run.output
    grid.write_text(source.replace(f'separate_condition: "{NAME}"',
                                   f'separate_condition: "  {NAME} "'), encoding="utf-8")
    assert load_grid(str(grid)).grid.criterion("A15-II").separate_condition == NAME


def test_the_answers_file_says_the_condition_apart() -> None:
    from isgrid.selfassess.assess import answers_yaml

    text = _plain(answers_yaml(load_grid("loi-ess-2014-art15"), None, "fr"))
    assert f"aux conditions normales de marché ({NAME} : à part, hors du verdict)" in text
    en = answers_yaml(load_grid("loi-ess-2014-art15"), None, "en")
    assert f"({NAME}: apart, outside the verdict)" in en


def test_the_questionnaire_says_the_condition_apart() -> None:
    from isgrid.web.selfassess import create_app
    from webclients import same_origin_client

    client = same_origin_client(create_app(grids={
        "loi-ess-2014-art15": load_grid("loi-ess-2014-art15")}))
    html = _plain(client.get("/g/loi-ess-2014-art15").get_data(as_text=True)).replace(
        "&#39;", "'")
    assert (f"<strong>{NAME}</strong>, montrée à part : elle n'entre pas dans le verdict"
            in html)
