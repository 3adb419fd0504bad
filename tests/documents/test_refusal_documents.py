"""What the documents say of a place a refusal freed (docs/decisions.md, "Places freed").

alsace-2016 with its deliberation (votecalls.example): AL16-01 voted « retenu »
(27 000 €), AL16-02 voted « non retenu »: its 24 000 € are freed, 52 000 - 27 000 =
25 000 € offered, and AL16-03 (15 000 €, first on the reserve) is proposed in its place:
42 000 € committed, 10 000 € left.  AL16-02 did not withdraw: no document may say
« retiré »; AL16-03 is a proposition until it is voted.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from click.testing import CliRunner

from isgrid.cli import cli
from votecalls import example, run, vote

NB, NN = "\u00a0", "\u202f"


def invoke(*args: object, lang: str = "fr") -> str:
    res = CliRunner().invoke(cli, ["--lang", lang, *[str(a) for a in args]])
    assert res.exit_code == 0, res.output
    return res.output


def seance(tmp_path: Path) -> tuple[Path, str]:
    folder = example(tmp_path)
    vote(folder, "AL16-01")
    said = invoke("decide", folder, "AL16-02", "--stage", "vote", "--outcome", "non-retenu",
                  "--votes", "2/8/1", "--by", "president", "--reason", "vote")
    return folder, said


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_command_says_who_is_proposed_in_the_place(tmp_path: Path) -> None:
    _, said = seance(tmp_path)
    assert f"  AL16-03{NB}: réserve -> retenu\n" in said
    # the place named, « de » elided before the id's vowel (isgrid.i18n.de_name): the line
    # before says AL16-03's move, « sa place » would be its own
    assert said.endswith("AL16-03 (liste de réserve) est proposé à la place d'AL16-02.\n")


def test_the_minutes_and_the_tables_say_refused_not_withdrawn(tmp_path: Path) -> None:
    folder, _ = seance(tmp_path)
    invoke("minutes", folder, "--kind", "pv", "--format", "html", "-o", tmp_path / "pv.html")
    pv = text_of((tmp_path / "pv.html").read_text(encoding="utf-8"))
    assert "Places libérées par une décision" in pv
    assert (f"AL16-02 n'est pas retenu par le vote{NN}; AL16-03 (liste de réserve) est "
            "proposé à sa place.") in pv
    assert "AL16-02 s'est retiré" not in pv and "Retraits" not in pv
    table = invoke("decisions", folder)
    # in the minutes' words (isgrid.documents.places.place_text)
    assert table.endswith(f"AL16-02 n'est pas retenu par le vote{NN}; AL16-03 (liste de "
                          "réserve) est proposé à sa place.\n")
    assert "retiré" not in table
    english = invoke("decisions", folder, lang="en")
    assert english.endswith("AL16-02 is not selected by the vote; AL16-03 (reserve) is "
                            "proposed in its place.\n")
    invoke("minutes", folder, "--kind", "pv", "--format", "html", "-o",
           tmp_path / "pv-en.html", lang="en")
    pv_en = text_of((tmp_path / "pv-en.html").read_text(encoding="utf-8"))
    assert ("AL16-02 is not selected by the vote; AL16-03 (reserve) is proposed in its "
            "place.") in pv_en
    run("watch", folder, "-o", tmp_path / "seance", "--once")
    page = text_of((tmp_path / "seance" / "index.html").read_text(encoding="utf-8"))
    assert f"AL16-02 (vote{NB}: non retenu) → AL16-03" in page


def test_the_promoted_dossier_gets_a_proposition_until_it_is_voted(tmp_path: Path) -> None:
    folder, _ = seance(tmp_path)
    invoke("report", folder, "--format", "md", "-o", tmp_path / "c.md")
    report = (tmp_path / "c.md").read_text(encoding="utf-8")
    assert "| 4 | AL16-03 | Épicerie mobile bio de l'Outre-Forêt | 60,7 | proposé (retenu) |" \
        in report
    assert f"Enveloppe 52{NN}000{NN}€ · engagé 42{NN}000{NN}€ · reste 10{NN}000{NN}€" \
        in report
    invoke("report", folder, "--kind", "feedback", "--format", "md", "-o", tmp_path / "l")
    letter = (tmp_path / "l" / "AL16-03.md").read_text(encoding="utf-8")
    assert f"**Proposition du jury{NB}: dossier retenu.** Montant proposé{NB}: 15{NN}000{NN}€" \
        in letter
    assert "Ce courrier ne vaut pas décision." in letter
    assert "liste de réserve" not in letter and "CP-2016-05-12" not in letter
    vote(folder, "AL16-03")
    invoke("report", folder, "--kind", "feedback", "--format", "md", "-o", tmp_path / "l2")
    letter = (tmp_path / "l2" / "AL16-03.md").read_text(encoding="utf-8")
    assert "CP-2016-05-12" in letter and "Ce courrier ne vaut pas décision." not in letter


def test_an_overrun_is_said_whatever_chain_of_places_made_it(tmp_path: Path) -> None:
    """Found by a review: AL16-02 refused (AL16-03, 15 000 €, in its place), AL16-03 refused
    (AL16-04, 20 000 €, in its place: 27 000 + 20 000 = 47 000 €), then the vote retains
    AL16-02 after all (24 000 €): 27 000 + 24 000 + 20 000 = 71 000 € for 52 000 €, 19 000 €
    over.  AL16-03, named in AL16-02's place, no longer holds it: the command said nothing."""
    folder, _ = seance(tmp_path)
    invoke("decide", folder, "AL16-03", "--stage", "vote", "--outcome", "non-retenu",
           "--votes", "2/8/1", "--by", "president", "--reason", "vote")
    said = invoke("decide", folder, "AL16-02", "--stage", "vote", "--outcome", "retenu",
                  "--votes", "9/1/1", "--by", "president", "--reason", "vote")
    assert said.endswith(f"L'enveloppe est dépassée de 19{NN}000{NN}€.\n")
    said = invoke("score", folder)
    assert f"engagé 71{NN}000{NN}€, reste \u221219{NN}000{NN}€" in said


def test_an_overrun_is_said_in_english_with_the_glossarys_word(tmp_path: Path) -> None:
    """The same chain as above, said in English: enveloppe is the budget (docs/glossary.md),
    never « envelope »."""
    folder, _ = seance(tmp_path)
    invoke("decide", folder, "AL16-03", "--stage", "vote", "--outcome", "non-retenu",
           "--votes", "2/8/1", "--by", "president", "--reason", "vote", lang="en")
    said = invoke("decide", folder, "AL16-02", "--stage", "vote", "--outcome", "retenu",
                  "--votes", "9/1/1", "--by", "president", "--reason", "vote", lang="en")
    assert said.endswith("The budget is overrun by €19,000.\n")


def test_a_dossier_proposed_in_a_freed_place_says_what_its_decision_overrides(
        tmp_path: Path) -> None:
    """AL16-03, on the reserve by the ranking, is proposed in AL16-02's place (seance());
    the vote then puts it back on the reserve: the line said « calculé réserve, décidé
    réserve (écarté) », which contradicts itself; it names the proposal it overrides.  A
    dossier proposed what the ranking gave it keeps the short line."""
    def line(said: str, dossier: str) -> str:
        return next(ln for ln in said.splitlines() if ln.startswith(f"{dossier} à l'étape"))

    folder, _ = seance(tmp_path)
    said = invoke("decide", folder, "AL16-03", "--stage", "vote", "--outcome", "réserve",
                  "--votes", "2/8/1", "--by", "president", "--reason", "vote")
    assert line(said, "AL16-03").startswith(
        f"AL16-03 à l'étape vote{NB}: calculé réserve, proposé retenu, décidé réserve")
    said = invoke("decide", folder, "AL16-06", "--stage", "vote", "--outcome", "non-retenu",
                  "--votes", "0/10/1", "--by", "president", "--reason", "vote")
    assert line(said, "AL16-06").startswith(
        f"AL16-06 à l'étape vote{NB}: calculé irrecevable, décidé non retenu")


def test_a_dossier_overridden_at_two_stages_says_it_once(tmp_path: Path) -> None:
    """Found by a review: AL16-03, on the reserve by the ranking, retained by the jury then
    by the vote (two overrides: overridden:jury, overridden:vote) read « décidé ≠ proposé,
    décidé ≠ proposé » in isgrid decisions and the score table."""
    folder = example(tmp_path)
    for stage in ("jury", "vote"):
        invoke("decide", folder, "AL16-03", "--stage", stage, "--outcome", "retenu",
               *(["--votes", "9/1/1"] if stage == "vote" else []),
               "--by", "president", "--reason", "choix")
    for command in ("decisions", "score"):
        row = next(ln for ln in invoke(command, folder).splitlines() if "AL16-03" in ln
                   and ln.lstrip()[:1].isdigit())
        assert row.count("décidé ≠ proposé") == 1, row
