"""``isgrid compare`` says a call's selection as the committee report says a status
(:func:`isgrid.documents.text.status_said`): « Proposés (retenus) avec a, pas avec b » and
an overview column « proposés (retenus) » while the statuses are the jury's proposition,
« Retenus » once the vote decided them all; each call in its own words when one is voted
and the other not.  It said « Retenus avec a » and « retenus » before any vote.

alsace-2016 (docs/decisions.md's example) proposes AL16-01 and AL16-02, the reserve AL16-03
and AL16-04.  « voted »: a copy whose commission voted AL16-01 and AL16-02, the whole list
(the reserve, the dossiers not retained are then decided by the deliberation that adopted
it); « proposed »: the example as shipped, no vote."""

from __future__ import annotations

import shutil
from pathlib import Path

from clirun import norm, run
from testpaths import EXAMPLES
from votecalls import example, vote


def _rows(text: str) -> list[str]:
    return [" ".join(x.split()) for x in norm(text).splitlines()]


def test_a_voted_call_and_a_proposed_one_each_in_its_words(tmp_path: Path) -> None:
    voted = example(tmp_path / "v")
    vote(voted, "AL16-01")
    vote(voted, "AL16-02")
    proposed = tmp_path / "proposed"
    shutil.copytree(EXAMPLES / "alsace-2016", proposed)
    text = run("--lang", "fr", "compare", "alsace-aap-2016", "--call", voted, "--call",
               proposed)
    rows = _rows(text)
    assert ("| appel | dossiers | recevables | classés | sélection | retenus ou proposés "
            "(retenus) | en réserve ou proposés en réserve | enveloppe | engagé |") in rows
    # both select AL16-01 and AL16-02 (52 000 € budget: 27 000 + 24 000 = 51 000 €)
    assert "- Retenus avec appel, non proposés avec proposed : aucun" in rows
    assert "- Proposés (retenus) avec proposed, non retenus avec appel : aucun" in rows
    assert ("- Retenus avec appel et proposés (retenus) avec proposed : AL16-01, AL16-02"
            in rows)
    en = _rows(run("--lang", "en", "compare", "alsace-aap-2016", "--call", voted, "--call",
                   proposed))
    assert "- Selected under appel and proposed (selected) under proposed: AL16-01, AL16-02" in en
    data = run("compare", "alsace-aap-2016", "--call", voted, "--call", proposed,
               "--format", "json")
    assert '"voted": true' in data and '"voted": false' in data


def test_two_voted_calls_say_the_plain_word(tmp_path: Path) -> None:
    calls = []
    for name in ("a", "b"):
        folder = example(tmp_path / name)
        vote(folder, "AL16-01")
        vote(folder, "AL16-02")
        calls.append(folder.rename(tmp_path / f"appel-{name}"))
    rows = _rows(run("--lang", "fr", "compare", "alsace-aap-2016", "--call", calls[0],
                     "--call", calls[1]))
    assert ("| appel | dossiers | recevables | classés | sélection | retenus | en réserve "
            "| enveloppe | engagé |") in rows
    assert "- Retenus avec appel-a, pas avec appel-b : aucun" in rows
    assert "- Retenus dans les deux : AL16-01, AL16-02" in rows
