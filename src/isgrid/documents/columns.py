"""The call's rating table as numpy columns, for the documents that read ratings
(the committee report's agreement): converted once per document.  How many
dossiers each juror rated is the engine's count
(:func:`isgrid.engine.aggregate.counts_of`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Columns:
    """A rating table's index and value columns as numpy arrays."""

    dossier: Any
    assessor: Any
    criterion: Any
    value: Any
    na: Any

    @classmethod
    def of(cls, table: Any) -> Columns:
        import numpy as np

        return cls(np.asarray(table.dossier, dtype=np.int64),
                   np.asarray(table.assessor, dtype=np.int64),
                   np.asarray(table.criterion, dtype=np.int64),
                   np.asarray(table.value, dtype=np.float64),
                   np.asarray(table.na, dtype=bool))

