"""The call's rating table as numpy columns, for the documents that count ratings
(the committee report's jury and agreement): converted once per document."""

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


def rated_counts(table: Any, cols: Columns) -> dict[str, int]:
    """Assessor id -> how many dossiers they rated (a value or n/a on some criterion)."""
    import numpy as np

    if not len(cols.dossier):
        return {}
    keep = ~np.isnan(cols.value) | cols.na
    n_d = max(len(table.dossier_ids), 1)
    pairs = np.unique(cols.assessor[keep] * n_d + cols.dossier[keep])
    counts = np.bincount(pairs // n_d, minlength=len(table.assessor_ids))
    return {table.assessor_ids[i]: n for i, n in enumerate(counts.tolist()) if n}
