"""The SIRET's rule, in one place: 14 digits whose check digit is right.

Read where a SIRET is typed (``meeting.attribuant.siret`` in call.yaml, refused at its
line by :class:`isgrid.call.blocks.Attribuant`) and where one is published (the SCDL
export's ``idBeneficiaire``, :mod:`isgrid.documents.opendata`): data.gouv.fr's validator
(Validata's ``french-siret-value``) refuses a row whose ``idAttribuant`` or
``idBeneficiaire`` fails it.
"""

from __future__ import annotations


def siret_valid(siret: str) -> bool:
    """Whether 14 digits are a SIRET by its check digit: the Luhn sum, or, for La Poste's
    establishments (SIREN 356000000), the sum of the digits a multiple of 5."""
    digits = [int(c) for c in siret]
    total = 0
    for i, x in enumerate(reversed(digits)):
        x = x * 2 if i % 2 else x
        total += x - 9 if x > 9 else x
    if total % 10 == 0:  # La Poste's head office passes it too
        return True
    return siret.startswith("356000000") and sum(digits) % 5 == 0
