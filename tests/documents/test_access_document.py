"""``isgrid report CALL --kind access --dossier ID``: what the CRPA (L311-1, L311-6) obliges
to communicate to one applicant about their dossier (findings-recours 3 and 5): every value
per juror, jurors as « Juré A/B/C » (never a name, the same letter on every criterion),
every comment, recusals and interests without names, the journal's entries and the
minutes' lines about the dossier without the internal ``--reason``, the grid as judged
(its sha256), and of the others only the funded list and the funding line.

The call, worked by hand (grid mini-scored: section besoin weight 2 with B1 weight 2 and
B2 weight 1, section impact weight 1 with I1; scale 0-4, so the shares of the total are
B1 4/9, B2 2/9, I1 3/9):

- D1 (the applicant): B1 j1 3, j2 2, j3 4 but j3 is recused on D1 -> (3 + 2) / 2 = 2,5;
  B2 j1 2, j2 2, j3 NE -> 2; I1 j1 1, j2 3 -> 2, then a consensus at 3.
  Total 100 x (4/9 x 2,5/4 + 2/9 x 2/4 + 3/9 x 3/4) = 100 x (10 + 4 + 9) / 36 = 63,89.
- D2: every value 4 -> 100; D3: every value 3 -> 75.
- Budget 30 000, rank order: D2 (20 000 asked) funded, 10 000 left; D3 (15 000) does not
  fit: the walk stops; D3 then D1 on the reserve.  Funded list: D2, 20 000 €.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from callfactory import make_call
from isgrid.call.load import load_call
from isgrid.cli import cli
from isgrid.documents.access import build_access
from isgrid.documents.access_render import render_access
from isgrid.engine import score

NAMES = {"j1": "Anne Martin", "j2": "Bruno Petit", "j3": "Claire Roux"}
INTERNAL = "note interne du secrétariat"
MOTIVATION = "Enveloppe épuisée au rang du dossier."


def _call(tmp_path: Path) -> Path:
    values = {"D1": {("j1", "B1"): 3, ("j2", "B1"): 2, ("j3", "B1"): 4,
                     ("j1", "B2"): 2, ("j2", "B2"): 2, ("j3", "B2"): "NE",
                     ("j1", "I1"): 1, ("j2", "I1"): 3},
              "D2": {(j, c): 4 for j in NAMES for c in ("B1", "B2", "I1")},
              "D3": {(j, c): 3 for j in NAMES for c in ("B1", "B2", "I1")}}
    comments = {("D1", "j2", "B1"): "Diagnostic solide, comme l'a noté Anne Martin.",
                ("D1", "j1", "I1"): "Impact peu mesuré.",
                ("D3", "j1", "B1"): "Commentaire sur un autre dossier."}
    ratings = [(d, j, c, v, comments.get((d, j, c), ""))
               for d, vals in values.items() for (j, c), v in vals.items()]
    ratings += [(d, "i1", "X1", 1) for d in values]
    dossiers = [{"id": d, "title": title,
                 "region": "Alsace", "amount_requested": asked, "eligible_costs": 2 * asked,
                 "partners": [{"name": "Labo", "type": "recherche"},
                              {"name": "Ville", "type": "collectivite"}]}
        for d, title, asked in (("D1", "Épicerie mobile", 12000),
                                ("D2", "Recyclerie", 20000), ("D3", "Garage solidaire", 15000))]
    members = [{"name": NAMES[j], "assessor": j} for j in NAMES]
    return make_call(tmp_path, "mini-scored", dossiers=dossiers, ratings=ratings, call={
        "assessors": [{"id": "i1", "name": "Inès Instruct", "role": "instructeur"}]
        + [{"id": j, "name": n} for j, n in NAMES.items()],
        "conflicts": [{"assessor": "j3", "dossier": "D1", "reason": "voisine du porteur"}],
        "budget": 30000, "selection": {"rule": "rank-order", "reserve": 2},
        "funding": {"rate": 0.5, "cap": 25000},
        "meeting": {"date": "2026-05-04", "members": members,
                    "interests": [{"member": "Bruno Petit", "dossier": "D1",
                                   "text": "trésorier de l'association"}],
                    "left_room": [{"member": "Bruno Petit", "dossier": "D1"}]}})


def _run(args: list[str]) -> str:
    res = CliRunner().invoke(cli, ["--lang", "fr", *args])
    assert res.exit_code == 0, res.output
    return res.output


def _seance(folder: Path) -> None:
    _run(["consensus", "set", str(folder), "D1", "I1", "3", "--by", "Anne Martin",
          "--reason", INTERNAL])


def test_the_applicant_gets_their_dossier_and_nothing_of_the_others(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    _seance(folder)
    call = load_call(folder)
    result = score(call)
    d1 = result.dossier("D1")
    assert round(d1.total, 2) == 63.89  # 100 x 23 / 36, by hand
    doc = build_access(call, result, "D1", "fr")
    # one letter per juror, by id, the instructeur (eliminatory X1 only) not among them
    assert doc.pseudonyms == {"j1": "Juré A", "j2": "Juré B", "j3": "Juré C"}
    md = render_access(doc, "md").decode("utf-8")
    flat = md.replace("\u202f", " ").replace("\u00a0", " ")
    # the values per juror, the recused juror's shown as not counting, NE, the consensus
    assert "| B1 Besoin social | 2 | 3 | 2 | 4 (déport : ne compte pas) | 2,5 | 2 |" in flat
    assert "| B2 Public | - | 2 | 2 | NE (déport : ne compte pas) | 2 | 2 |" in flat
    assert ("| I1 Impact | - | 1 | 3 | - | 3 (consensus ; moyenne des jurés 2) | 2 |"
            in flat), flat
    assert "Total : 63,9 / 100" in flat
    # every comment on D1, a juror's name in it replaced by her letter; none of D3's
    assert "| B1 Besoin social | Juré B | Diagnostic solide, comme l'a noté Juré A. |" in flat
    assert "| I1 Impact | Juré A | Impact peu mesuré. |" in flat
    assert "autre dossier" not in flat
    # no name of a juror, member or instructeur; no reason of a declaration
    for name in [*NAMES.values(), "Inès Instruct", "voisine", "trésorier"]:
        assert name not in flat, name
    assert "Un membre du jury s'est déporté : ses notes de ce dossier ne comptent pas." in flat
    # the body the minutes name: « commission » is, in a Département, the Commission
    # permanente that votes (s16 guide review, finding 6)
    assert "Un membre du comité de sélection a déclaré un intérêt à ce dossier." in flat
    assert "commission" not in flat.lower().replace("commission permanente", "")
    assert "a quitté la salle pendant la délibération sur ce dossier" in flat
    # the journal's consensus, without its internal reason nor who recorded it
    assert "consensus I1 : 2 → 3" in flat
    assert INTERNAL not in flat
    # the grid as judged: the call's sha256, the one every journal entry carries
    entries = [json.loads(x) for x in (folder / "journal.jsonl").read_text().splitlines()]
    assert {e["grid_sha256"] for e in entries} == {call.grid.sha256}
    assert f"Empreinte (sha256) de la grille appliquée : {call.grid.sha256}" in flat
    assert "Seuil : 50 / 100" in flat and "Planchers (note minimale d'un critère) : B1 (2)" in flat
    # the funding rule in the minutes' words (rate 0.5, cap 25000, no minimum, no partial)
    assert ("Montant proposé : le montant demandé, au plus 50 % des dépenses éligibles et "
            "25 000 € par dossier. Pas d'aide partielle : un dossier dont le montant ne tient "
            "pas dans ce qui reste n'en reçoit aucune part.") in flat
    # the others: the funded list (D2, 20 000 €) and the line, nothing of D3
    assert "| D2 Recyclerie | 20 000 € |" in flat
    assert "Enveloppe 30 000 € · engagé 20 000 € · reste 10 000 €" in flat
    assert "D3" not in flat and "Garage solidaire" not in flat
    # the applicant's own line of the minutes: rank 3, reserve, 12 000 € proposed
    # (min(12 000 asked, 50 % of 24 000 eligible costs, cap 25 000))
    assert "| 3 | 63,9 | réserve | - | - | réserve | 12 000 € | - |" in flat


def test_shared_only_and_english(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    for path in sorted((folder / "ratings").glob("j*.csv")):  # only j1's I1 comment shared
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join([lines[0] + ",shareable"] + [
            x + (",oui" if x.startswith("D1,j1,I1,") else ",non") for x in lines[1:]]) + "\n",
            encoding="utf-8")
    call = load_call(folder)
    doc = build_access(call, score(call), "D1", "en", shared_only=True)
    html = render_access(doc, "html").decode("utf-8")
    assert "<td>I1 Impact</td><td>Juror A</td><td>Impact peu mesuré.</td>" in html
    assert "Diagnostic solide" not in html
    assert "A member of the jury recused themselves" in html
    # the minutes' English words for the funding rule (rate 0.5, cap 25000)
    assert ("Proposed amount: the amount requested, at most 50% of the eligible costs and "
            "€25,000 per dossier. No partial grant") in html


def test_the_command(tmp_path: Path) -> None:
    folder = _call(tmp_path)
    out = tmp_path / "acces.md"
    _run(["report", str(folder), "--kind", "access", "--dossier", "D1", "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Communication au porteur du dossier D1")
    res = CliRunner().invoke(cli, ["--lang", "fr", "report", str(folder), "--kind", "access",
                                   "-o", str(tmp_path / "x.md")])
    assert res.exit_code == 2 and "donnez --dossier ID une fois" in res.output, res.output
    res = CliRunner().invoke(cli, ["--lang", "fr", "report", str(folder), "--kind", "access",
                                   "--dossier", "D1", "--level", "communicable",
                                   "-o", str(tmp_path / "y.md")])
    assert res.exit_code == 2 and "n'a pas de --level" in res.output, res.output
    res = CliRunner().invoke(cli, ["report", str(folder), "--kind", "access", "--dossier",
                                   "D9", "-o", str(tmp_path / "z.md")])
    assert res.exit_code != 0 and "D9" in res.output
    res = CliRunner().invoke(cli, ["--lang", "en", "report", str(folder), "--kind", "fiches",
                                   "--shared-only", "-o", str(tmp_path / "f.md")])
    assert res.exit_code == 2 and "--shared-only is for --kind access" in res.output
