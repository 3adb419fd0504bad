"""The séance dashboard (``isgrid watch``) read as HTML, without a browser: status
classes from a fixed mapping, flags in French words, the funding line, the money
committed and left, and no red override for a dossier moved up then voted."""

from __future__ import annotations

import re
from pathlib import Path

from clirun import run
from decisions_calls import DOSSIERS, seance_call
from isgrid.vocabulary import Status
from isgrid.web.watch import STATUS_CLASS, dashboard


def page(folder: Path) -> str:
    return dashboard(folder).decode("utf-8").replace("\u202f", " ").replace("\xa0", " ")


def rows(html: str) -> dict[str, str]:
    """Dossier id -> the whole <tr> of its row."""
    return {m.group(2): m.group(0) for m in re.finditer(
        r'<tr class="([^"]+)"><td class="num">[^<]*</td><td class="id">([^<]+)</td>.*?</tr>',
        html, flags=re.S)}


def test_status_classes_are_one_word_each() -> None:
    assert set(STATUS_CLASS) == set(Status)
    classes = list(STATUS_CLASS.values())
    assert len(set(classes)) == len(classes)
    assert all(re.fullmatch(r"st-[a-z-]+", c) for c in classes)


def test_non_retenu_is_not_painted_retenu(tmp_path: Path) -> None:
    # D7 (total 25, the last, beyond the reserve of 2) is « non retenu »: its row's class
    # must not contain the word « retenu » on its own (CSS tr.retenu would paint it green).
    folder = seance_call(tmp_path, dossiers=dict(
        DOSSIERS, D7=(1, 1, 9000, 18000, "rural", "association", "emploi")))
    html = page(folder)
    r = rows(html)
    assert r["D7"].startswith('<tr class="st-non-retenu">')
    assert r["D1"].startswith('<tr class="st-retenu">')
    assert r["D5"].startswith('<tr class="st-reserve">')
    assert "tr.retenu" not in html and 'class="non retenu"' not in html
    # D7: requested 9 000 €, nothing proposed; D1: 20 000 € requested and proposed
    assert "<td class=\"num\">9 000 €</td><td class=\"num\">-</td>" in r["D7"]
    assert "<td class=\"num\">20 000 €</td><td class=\"num\">20 000 €</td>" in r["D1"]
    # flags in words, not codes: D3 and D4 tie at the funding line
    assert "ex æquo sur la ligne de financement" in r["D3"] and "tie-at-line" not in r["D3"]
    # the funding line is drawn above D3 (the first dossier at the line's rank)
    assert re.search(r'<tr class="line"><td colspan="12">Ligne de financement</td></tr>\s*'
                     r'<tr class="st-classe"><td class="num">3</td><td class="id">D3<', html)
    # before any decision: 50 000 € budget, D1 + D2 = 35 000 € committed, 15 000 € left
    assert "<b>50 000 €</b>Enveloppe" in html
    assert "<b>35 000 €</b>Engagé" in html and "<b>15 000 €</b>Reste" in html


def test_after_withdrawal_and_vote(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    run("decide", folder, "D3", "--outcome", "retenu", "--by", "Jury", "--reason", "ex æquo")
    run("decide", folder, "D4", "--outcome", "réserve", "--by", "Jury", "--reason", "ex æquo")
    run("withdraw", folder, "D2", "--by", "Secrétariat", "--reason", "courrier")
    for did in ("D1", "D3", "D4"):
        run("decide", folder, did, "--stage", "vote", "--outcome", "retenu", "--by", "CP",
            "--reason", "délibération")
    html = page(folder)
    r = rows(html)
    # D4, put on the reserve by the jury, moved up when D2 withdrew, then voted: the vote
    # confirms what the engine proposed at that time, so it is no override (no red cell)
    assert r["D4"].startswith('<tr class="st-retenu">')
    assert 'class="over"' not in html
    assert r["D2"].startswith('<tr class="st-retire">')
    # decided: D1 20 000 + D3 10 000 + D4 10 000 = 40 000 € committed, 10 000 € left
    assert "<b>40 000 €</b>Engagé" in html and "<b>10 000 €</b>Reste" in html
    # « attribué » after the vote
    assert r["D4"].count("10 000 €") == 3  # requested, proposed and granted


def test_a_real_override_is_red(tmp_path: Path) -> None:
    folder = seance_call(tmp_path)
    # D6 (total 50, on the reserve) voted retenu: the engine did not propose it
    run("decide", folder, "D6", "--stage", "vote", "--outcome", "retenu", "--by", "CP",
        "--reason", "choix politique")
    r = rows(page(folder))
    # in red and in words (WCAG 1.4.1: not by colour alone), as the minutes say it
    assert ('<td class="over">retenu<br><span class="over-words">décidé ≠ proposé</span></td>'
            in r["D6"])


# ------------------------------------------------------------------ a call that does not load
def _broken(tmp_path: Path, lang: str | None) -> Path:
    """The shipped example with a rating of 9 on a 0-4 scale (an error) and call.yaml's
    ``lang`` set to ``lang`` (removed when None)."""
    import shutil

    from testpaths import EXAMPLES

    folder = tmp_path / "call"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    call_yaml = folder / "call.yaml"
    text = call_yaml.read_text(encoding="utf-8")
    assert "\nlang: fr\n" in text
    call_yaml.write_text(text.replace("\nlang: fr\n", f"\nlang: {lang}\n" if lang else "\n"),
                         encoding="utf-8")
    with (folder / "ratings" / "j1.csv").open("a", encoding="utf-8") as f:
        f.write("AL16-01,j1,AV-1.1,9,\n")
    return folder


def test_the_error_of_a_french_call_is_framed_in_french(tmp_path: Path) -> None:
    html = dashboard(_broken(tmp_path, None)).decode("utf-8")  # no lang: French
    pre = html.split("<pre>", 1)[1].split("</pre>", 1)[0]
    assert pre.startswith("Erreur\u00a0: ")
    assert "[value-out-of-scale]" in pre  # the code stays as it is
    assert "\n  Indice\u00a0: Utilisez une valeur ou un libellé de niveau" in pre
    assert "Error:" not in pre and "Hint:" not in pre
    # the notice above it: non-breaking spaces before « ? » and « : »
    assert "en cours de modification\u202f?)\u00a0:</p>" in html


def test_the_error_of_an_english_call_is_framed_in_english(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "en")  # call.yaml still reads: its lang decides
    pre = dashboard(folder).decode("utf-8").split("<pre>", 1)[1].split("</pre>", 1)[0]
    assert pre.startswith("Error: ") and "\n  Hint: Use a level value or label" in pre
    assert "Erreur" not in pre
    # an explicit language wins over call.yaml's
    assert "<pre>Erreur\u00a0: " in dashboard(folder, lang="fr").decode("utf-8")


def test_a_call_yaml_that_does_not_parse_gives_a_french_page(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "en")
    (folder / "call.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    html = dashboard(folder).decode("utf-8")
    assert "<pre>Erreur\u00a0: " in html and "[yaml-syntax]" in html
    assert "<pre>Error: " in dashboard(folder, lang="en").decode("utf-8")
