"""The séance of review s15 « recours » (Maître Lefèvre, AL16-03) on examples/alsace-2016:
the French guide's steps (docs/fr/la-seance.md) on a copy with a ``meeting`` and a
``letters`` block.

Worked by hand (the example's README): AL16-07 « non classé » (ALS-4: jurors 1, 2, 1, mean
1,33 under the floor 2) until the consensus sets ALS-4 at 2: total 100 × 20,667 / 28 =
73,81, ranked 4th; AL16-05 refused by the jury; the vote retains AL16-01 (27 000 €,
CP-2016-05-12); AL16-02 withdraws; the vote retains AL16-07 (15 000 €, CP-2016-06-02).
The list then holds AL16-01 27 000 + AL16-07 15 000 = 42 000 € of 52 000 €: 10 000 € left,
less than AL16-03's 15 000 € (50 % of 30 000 € of costs): AL16-03 (60,71) and AL16-04
(55,95, 20 000 €) are the reserve.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from clirun import run
from testpaths import EXAMPLES

BLOCKS = """
meeting:
  date: 2016-05-04
  chair: Mme Schaeffer
  members:
    - {name: Hélène Schaeffer, role: présidente, assessor: j1}
    - {name: Marc Wendling, assessor: j2}
    - {name: Sophie Kuntz, assessor: j3}
  vote: {body: Commission permanente, date: 2016-05-12, reference: CP-2016-05-12}
letters:
  signatory: "Le Président du Conseil régional"
  place: Strasbourg
"""


def recours_call(tmp_path: Path, legal_basis: str | None = None, seance: bool = True
                 ) -> Path:
    """The example with the blocks above (and ``letters.legal_basis``), after the séance
    (``seance``) or before it."""
    folder = tmp_path / "appel"
    shutil.copytree(EXAMPLES / "alsace-2016", folder)
    yaml = folder / "call.yaml"
    extra = BLOCKS + (f"  legal_basis: \"{legal_basis}\"\n" if legal_basis else "")
    yaml.write_text(yaml.read_text(encoding="utf-8") + extra, encoding="utf-8")
    if not seance:
        return folder
    run("consensus", "set", folder, "AL16-07", "ALS-4", "2", "--by", "Présidente",
        "--reason", "relecture du budget en séance")
    run("decide", folder, "AL16-05", "--outcome", "non-retenu", "--by", "Jury",
        "--reason", "pièces non fournies")
    run("decide", folder, "AL16-01", "--stage", "vote", "--outcome", "retenu", "--by",
        "Commission permanente", "--reason", "délibération", "--reference", "CP-2016-05-12",
        "--at", "2016-05-12")
    run("withdraw", folder, "AL16-02", "--by", "Secrétariat", "--reason", "courrier du porteur",
        "--at", "2016-05-20")
    run("decide", folder, "AL16-07", "--stage", "vote", "--outcome", "retenu", "--by",
        "Commission permanente", "--reason", "délibération", "--reference", "CP-2016-06-02",
        "--at", "2016-06-02")
    return folder
