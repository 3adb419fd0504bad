"""A présélection's reasons in its words (``selection.shortlist: true``): the letters' and the
access document's reasons that speak of the line or of « retenu » (a tie at the line, a
maximum of the call's), the minutes' list of the walk's choices, and the engine's reasons as
a présélection's documents word them; the result JSON keeps the ordinary words (its sha256,
printed in the minutes, is the bytes ``isgrid score`` writes).

tests/fixtures/shortlist-call, ``selection: {top: 3}``: hand totals P4 88,33; P1 80,00;
P2 73,33; P3 60,00; P5 45,00; P6 31,67.  Two variants of it:

* P3 given P2's ratings: both total 73,33, tied at the 3rd place, the last of ``top: 3``
  (no tie-break in the call: the jury must settle it);
* a maximum ``vitry`` of 0 dossiers at Vitry-sur-Seine (P2): the walk takes P4, P1, leaves
  P2 out for the maximum and takes P3 (3 taken: P5, P6 beyond ``top``).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from clirun import norm, run
from isgrid.engine.reasons import message, reason
from isgrid.i18n import SHORTLIST, words_of
from testpaths import FIXTURES


def _call(tmp_path: Path, *, shortlist: bool, tie: bool = False, vitry: bool = False) -> Path:
    folder = tmp_path / ("pre" if shortlist else "fin")
    shutil.copytree(FIXTURES / "shortlist-call", folder)
    yaml = folder / "call.yaml"
    text = yaml.read_text(encoding="utf-8")
    if shortlist:
        text = text.replace("selection: {top: 3, reserve: 0}",
                            "selection: {top: 3, reserve: 0, shortlist: true}")
    if vitry:
        text = text.replace("set:\n", "set:\n  facts.commune: {type: string, label: Commune}\n")
        text += ("constraints:\n  - {id: vitry, kind: max, fact: commune, value: Vitry-sur-Seine,"
                 " count: 0, label: aucun projet à Vitry}\n")
    yaml.write_text(text, encoding="utf-8")
    if tie:  # P3 rated as P2 by every juror: both 73,33
        for f in (folder / "ratings").glob("*.csv"):
            rows = f.read_text(encoding="utf-8").splitlines()
            p2 = {r.split(",")[2]: r.split(",")[3] for r in rows if r.startswith("P2,")}
            out = [r if not r.startswith("P3,") else
                   ",".join([*r.split(",")[:3], p2[r.split(",")[2]], *r.split(",")[4:]])
                   for r in rows]
            f.write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def _letters(folder: Path, out: Path, lang: str) -> dict[str, str]:
    run("--lang", lang, "report", folder, "--kind", "feedback", "--format", "md", "-o", out)
    return {f.stem: norm(f.read_text(encoding="utf-8")) for f in out.glob("*.md")}


@pytest.mark.parametrize(("shortlist", "fr", "en"), [
    (True, "**Votre dossier est ex æquo sur la ligne de présélection : le jury doit encore "
           "départager les dossiers ex æquo.**",
     "**Your application is tied at the shortlist line: the jury has yet to decide between "
     "the tied applications.**"),
    (False, "**Votre dossier est ex æquo sur la ligne de financement : le jury doit encore "
            "départager les dossiers ex æquo.**",
     "**Your application is tied at the funding line: the jury has yet to decide between "
     "the tied applications.**"),
])
def test_a_tie_at_the_line_is_said_at_the_shortlist_line(tmp_path: Path, shortlist: bool,
                                                        fr: str, en: str) -> None:
    folder = _call(tmp_path, shortlist=shortlist, tie=True)
    said = _letters(folder, tmp_path / "fr", "fr")
    english = _letters(folder, tmp_path / "en", "en")
    for d in ("P2", "P3"):
        assert fr in said[d], said[d]
        assert en in english[d], english[d]
    if shortlist:
        for text in (*said.values(), *english.values()):  # nor the grants' vote
            for word in ("financement", "funding", "aides", "grants"):
                assert word not in text, word


def _minutes_choices(folder: Path, out: Path, lang: str) -> tuple[list[str], str]:
    run("--lang", lang, "report", folder, "--kind", "pv", "--format", "html", "-o", out)
    html = out.read_text(encoding="utf-8")
    items = re.findall(r"<li>(P\d[^<]*)</li>", html)
    sha = re.search(r"\b[0-9a-f]{64}\b", html)
    assert sha is not None
    return [norm(x) for x in items], sha.group(0)


@pytest.mark.parametrize(("shortlist", "letter_fr", "letter_en", "pv_fr", "pv_en"), [
    (True, "Non présélectionné au titre d'une règle de répartition de l'appel (« aucun projet "
           "à Vitry ») : les dossiers déjà présélectionnés en atteignaient le maximum.",
     "Not shortlisted under one of the call's allocation rules (“aucun projet à Vitry”): the "
     "applications already shortlisted had reached its maximum.",
     "P2 : non présélectionné : contrainte vitry atteinte",
     "P2: not shortlisted: constraint vitry reached"),
    (False, "Non retenu au titre d'une règle de répartition de l'appel (« aucun projet à "
            "Vitry ») : les dossiers déjà retenus en atteignaient le maximum.",
     "Not selected under one of the call's allocation rules (“aucun projet à Vitry”): the "
     "dossiers already selected had reached its maximum.",
     "P2 : non retenu : contrainte vitry atteinte",
     "P2: not selected: constraint vitry reached"),
])
def test_a_maximum_is_said_in_the_stage_words(tmp_path: Path, shortlist: bool, letter_fr: str,
                                             letter_en: str, pv_fr: str, pv_en: str) -> None:
    folder = _call(tmp_path, shortlist=shortlist, vitry=True)
    assert letter_fr in _letters(folder, tmp_path / "fr", "fr")["P2"]
    assert letter_en in _letters(folder, tmp_path / "en", "en")["P2"]
    run("--lang", "fr", "report", folder, "--kind", "access", "--dossier", "P2", "--format",
        "md", "-o", tmp_path / "acces.md")
    assert letter_fr in norm((tmp_path / "acces.md").read_text(encoding="utf-8"))
    # the result JSON, a contract, keeps the ordinary words: its sha256 is the minutes'
    run("score", folder, "--format", "json", "-o", tmp_path / "r.json")
    data = (tmp_path / "r.json").read_bytes()
    texts = {c["dossier"]: c["text"]
             for c in json.loads(data)["constraints"]["choices"]}
    assert norm(texts["P2"]) == "non retenu : contrainte vitry atteinte"
    assert texts["P5"] == "au-delà du nombre de lauréats que fixe l'appel (3 au plus)"
    items, sha = _minutes_choices(folder, tmp_path / "pv.html", "fr")
    assert items == [pv_fr]
    assert sha == hashlib.sha256(data).hexdigest()
    assert _minutes_choices(folder, tmp_path / "pv-en.html", "en")[0] == [pv_en]


def test_the_engine_reasons_in_a_shortlists_words() -> None:
    cases = [
        (reason("line"), "après la ligne de financement", "après la ligne de présélection",
         "after the shortlist line"),
        (reason("rank"), "retenu à son rang", "présélectionné à son rang",
         "shortlisted at its rank"),
        (reason("budget-spent"), "le budget ne permet pas d'en retenir davantage",
         "le budget ne permet pas d'en présélectionner davantage",
         "the budget does not allow shortlisting more"),
        (reason("top", top=3), "au-delà du nombre de lauréats que fixe l'appel (3 au plus)",
         "au-delà du nombre de dossiers que l'appel présélectionne (3 au plus)",
         "beyond the number of dossiers the call shortlists (3 at most)"),
        (reason("minimum", constraint="rural", label="rural", over=("D1", "D2")),
         "retenu de préférence à D1, D2 (mieux classés) pour respecter la contrainte rural "
         "(rural)",
         "présélectionné de préférence à D1, D2 (mieux classés) pour respecter la contrainte "
         "rural (rural)",
         "shortlisted ahead of D1, D2 (better ranked) to meet the constraint rural (rural)"),
    ]
    for r, ordinary, fr, en in cases:
        assert norm(message(r).translated("fr")) == ordinary
        with words_of(SHORTLIST):
            assert norm(message(r).translated("fr")) == fr
            assert message(r).translated("en") == en
