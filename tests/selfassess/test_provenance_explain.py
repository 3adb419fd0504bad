"""Where each question and each rule of a self-assessment comes from, said to a holder:
per question sourced / reconstructed / inferred (or the call's own criterion), the rules
isgrid chose (CSESS socles, Alsace threshold and floors, Picardie's « present ») marked as
such, and what « atteint » and « socle » mean (findings holder 3, 4, 8; author F4)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from isgrid.grid.choices import choice_counts, criterion_origins, outcome_choices
from isgrid.grid.load import load_grid
from isgrid.selfassess.assess import Answer, assess, render_result
from isgrid.web.selfassess import create_app

NB = "\u00a0"


def _text(page: str) -> str:
    page = re.sub(r"<style.*?</style>|<script.*?</script>", "", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _plain(text: str) -> str:
    """French spacing folded to plain spaces, to compare sentences."""
    return text.replace("\u202f", " ").replace(NB, " ")


def test_csess_socles_and_verdict_are_said_to_be_isgrid_s_choice() -> None:
    # version 1, kept for the calls that pin it (version 2 has no socle and no verdict)
    lg = load_grid("csess-2017@1")
    choices = outcome_choices(lg.grid)
    # csess-2017.yaml: criteria.*.core, counts_as and scales.presence4 are all `inferred`
    assert [(c["what"], c["status"]) for c in choices] == [
        ("core", "inferred"), ("counts_as", "inferred"), ("scale", "inferred")]
    assert "non hiérarchisés" in choices[0]["notes"][0]
    assert choice_counts(choices) == {"sourced": 0, "reconstructed": 0, "inferred": 3}
    # every answer « Plutôt présent » (2): each socle partly met -> « partiellement »
    res = assess(lg, {c.id: Answer(2.0) for c in lg.grid.criteria()})
    assert res.verdict == "partiellement"
    for fmt in ("md", "html"):
        text = _plain(_text(render_result(res, fmt, "fr")))
        assert ("Les critères socles, dont dépend ce verdict, ne viennent pas tels quels de la "
                "source de la grille : c'est un choix d'isgrid (ou de l'appel), sans source") \
            in text, fmt
        assert "Règles qui décident du résultat, sourcées / reconstituées / inférées : 0 / 0 / 3." \
            in text, fmt
        assert "D'où viennent les règles de ce résultat" in text, fmt
        # finding 8: what « socle » and « atteint » mean, in the result itself
        assert ("Un critère socle est un critère que la grille exige pour le verdict "
                "« caractérisé »") in text, fmt
        assert ("Un critère est « atteint » à « Totalement présent » et « atteint en partie » à "
                "« Plutôt présent » ; en dessous, il n'est pas atteint.") in text, fmt


def test_each_answer_says_where_its_criterion_comes_from() -> None:
    lg = load_grid("csess-2017@1")
    res = assess(lg, {"CS-1.1": Answer(3.0), "CS-2.3": Answer(1.0)})
    by_id = {c.id: c.origin for c in res.criteria}
    # the reference: CS-1.1 and CS-3.2 sourced (art. 15 reproduced), the six others
    # reconstructed (2 / 6 / 0)
    assert by_id["CS-1.1"] == "sourced" and by_id["CS-2.3"] == "reconstructed"
    assert sorted(by_id.values()).count("sourced") == 2
    md = _plain(render_result(res, "md", "fr"))
    assert "| Effets environnementaux (reconstitué) |" in md
    # a socle chosen by isgrid is marked so beside the criterion
    assert "(sourcé, socle (inféré)) |" in md


def test_alsace_threshold_and_floors_are_not_the_region_s() -> None:
    lg = load_grid("alsace-aap-2016")
    answers = {c.id: Answer(2.0 if not c.eliminatory else 1.0) for c in lg.grid.criteria()}
    res = assess(lg, answers)
    # 7 criteria weighted equally at « Moyen » (2 of 0..4): 50 / 100, the threshold 50
    assert res.total is not None and abs(res.total - 50.0) < 1e-9
    assert res.threshold_met is True
    # threshold, AV-1.1 and ALS-4 floors, the criteria's weights, the sections' weights,
    # the 0-4 and yes/no scales: 7 inferred
    assert choice_counts(res.choices) == {"sourced": 0, "reconstructed": 0, "inferred": 7}
    for fmt in ("md", "html"):
        text = _plain(_text(render_result(res, fmt, "fr")))
        assert ("Le seuil de 50 / 100 est atteint. Ce seuil n'est pas publié par la source de la "
                "grille : c'est un choix d'isgrid (ou de l'appel), sans source.") in text, fmt
        assert "Ces planchers ne sont pas publiés par la source de la grille" in text, fmt
        assert "choix isgrid, aucun barème publié" in text, fmt  # the grid file's own note


def test_picardie_present_level_is_an_inferred_choice() -> None:
    lg = load_grid("picardie-marqueurs-2013")
    res = assess(lg, {"PIC-M0": Answer(2.0)})
    assert res.levels["present"] == "Présent"
    text = _plain(render_result(res, "md", "fr"))
    assert ("Un marqueur est « présent » à partir de « Présent » ; en dessous, il n'est pas "
            "compté présent. Ce découpage ne vient pas de la source de la grille") in text
    # PIC-M11's name is in no source read: inferred, said beside it
    assert "| Diffusion et changement institutionnel (inféré) |" in text


def test_a_sourced_rule_is_not_flagged() -> None:
    # art. 15: the verdict rule is the law's (sourced, L15); « Oui / En partie » is isgrid's
    lg = load_grid("loi-ess-2014-art15")
    res = assess(lg, {"A15-1": Answer(2.0), "A15-II": Answer(2.0)})
    assert res.verdict == "caractérisé"
    text = _plain(render_result(res, "md", "fr"))
    assert "La règle de ce verdict ne vient pas" not in text
    assert "- **La règle du verdict** [sourcé · L15]" in text
    assert ("Un critère est « atteint » à « Oui » et « atteint en partie » à « En partie »"
            in text)


def test_a_call_s_own_criterion_is_not_called_isgrid_s_wording(tmp_path: Path) -> None:
    grid = tmp_path / "grille.yaml"
    grid.write_text(
        'id: cress-test\nversion: "1"\ntitle: "Appel test"\nextends: val-de-marne-ess-2024@1\n'
        "add:\n  - section: criteres\n    criterion:\n      id: CR-1\n"
        '      label: "Coopération"\n      scale: note04\n'
        '      provenance: {status: inferred, note: "Critère ajouté par la CRESS."}\n',
        encoding="utf-8")
    lg = load_grid(grid)
    origins = criterion_origins(lg)
    assert origins["CR-1"] == "call"
    assert origins["VDM-1"] == "sourced"
    md = _plain(render_result(assess(lg, {"CR-1": Answer(2.0)}), "md", "fr"))
    assert "| Coopération (critère de l'appel) |" in md
    assert "Un « critère de l'appel » est un critère que l'appel ajoute" in md
    # the shipped grid's own inferred criterion stays « inféré » (AV-3.5)
    assert criterion_origins(load_grid("avise-mouves-2011"))["AV-3.5"] == "inferred"


def test_questionnaire_marks_each_question_and_isgrid_s_socles() -> None:
    client = create_app(lang="fr").test_client()
    page = _plain(_text(client.get("/g/csess-2017?lang=fr").get_data(as_text=True)))
    assert "CS-2.3 · Effets environnementaux reconstitué" in page
    # csess-2017 version 2 has no socle (non hiérarchisés, S5); Avise's are isgrid's choice
    assert "CS-1.1 · Réponse à des besoins sociaux non ou mal satisfaits (par le marché ou par " \
           "les politiques publiques) sourcé Ce que regarde un jury" in page
    avise = _plain(_text(client.get("/g/avise-mouves-2011?lang=fr").get_data(as_text=True)))
    assert "AV-1.1 · Réponse à un besoin social nouveau ou mal satisfait reconstitué socle " \
           "(inféré)" in avise
    assert "la question qui le pose peut être une formulation d'isgrid" in page
    pic = _plain(_text(client.get("/g/picardie-marqueurs-2013?lang=fr").get_data(as_text=True)))
    assert "PIC-M11 · Diffusion et changement institutionnel inféré" in pic
    als = _plain(_text(client.get("/g/alsace-aap-2016?lang=fr").get_data(as_text=True)))
    assert als.count("plancher 2 (inféré)") == 2
    # finding 12: a grid description's code marks are not shown raw
    art15 = client.get("/g/loi-ess-2014-art15?lang=fr").get_data(as_text=True)
    assert "(grille csess-2017)" in art15 and "`csess-2017`" not in art15


def test_wording_slips_of_finding_12() -> None:
    # Picardie numbers its markers from 0 (« Marqueur 0 : Contextualisation »): so does the
    # result, in the table and on the radar; « Faible » is « not yet present », not absent
    pic = load_grid("picardie-marqueurs-2013")
    res = assess(pic, {"PIC-M0": Answer(3.0), "PIC-M5": Answer(1.0)})
    assert res.radar is not None and res.radar["numbers"]["PIC-M0"] == 0
    assert [p["n"] for p in res.radar["points"]] == list(range(12))
    md = _plain(render_result(res, "md", "fr"))
    assert "| 0 | Contextualisation : aspiration ou besoin social |" in md
    assert "| 11 | Diffusion et changement institutionnel |" in md
    assert "**Gouvernance** (pas encore présent) — aujourd'hui : Faible → viser : Présent" in md
    assert "marqueur absent" not in md
    # « · atteint », with its space, in the HTML floors list (Alsace, Moyen everywhere)
    als = load_grid("alsace-aap-2016")
    out = render_result(assess(als, {c.id: Answer(2.0 if not c.eliminatory else 1.0)
                                     for c in als.grid.criteria()}), "html", "fr")
    text = _plain(_text(out))
    assert "plancher 2 · Réponse : Moyen (2) · atteint" in text
    assert "·atteint" not in text
    # one answer is not « 1 réponses »
    one = _plain(render_result(assess(als, {"ALS-1": Answer(2.0)}), "md", "fr"))
    assert "Réponses : 1 sur 10 questions" in one
    client = create_app(lang="fr").test_client()
    index = client.get("/?lang=fr").get_data(as_text=True)
    assert "{n} réponses gardées" not in index
