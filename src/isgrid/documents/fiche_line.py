"""From what a fiche's « Distance à la ligne » is measured, said in the fiche (review s15
recours F8: « -6,5 points » on the communicable fiche, from a line halfway between two
dossiers the document never names, beside the letter's « Le dernier dossier financé
totalise 73,8 »).

* A fiche an applicant may receive (level ``communicable``, ``public``) measures it as the
  letter compares: from the last funded dossier's total (:func:`.tiebreak.funding_line`),
  and says so: « -13,1 points, par rapport au dernier dossier financé (73,8 / 100) ».
* The internal fiche keeps the committee report's line (:func:`.agenda.line_value`, halfway
  between the last funded dossier and the first below it, the agenda's), and says so.

Ranks (other modes) and a grid ranking with ranking weights keep the line as it was.
"""

from __future__ import annotations

from .context import Builder
from .text import fmt_exact, fmt_number
from .tiebreak import funding_line


def fiche_line(b: Builder, mid: float | None) -> tuple[float | None, str | None]:
    """The value the fiches' distances are measured from and its unit in words (None:
    the plain « points » / « rangs »), ``mid`` the committee report's line."""
    if b.mode != "scored" or mid is None:
        return mid, None
    out_of = fmt_exact(b.grid.out_of(), b.lang)
    if not b.interne:
        line = funding_line(b)
        if line is not None and not line.ranking:
            key = "fiche.from.last" + ("" if line.granted else ".proposed")
            return line.value, b.t(key, line=fmt_number(line.value, b.lang, 1), out_of=out_of)
    return mid, b.t("fiche.from.mid", line=fmt_number(mid, b.lang, 1), out_of=out_of)
