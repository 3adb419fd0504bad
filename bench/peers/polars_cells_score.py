"""The polars ranking that also writes what isgrid's result says of every cell:
``python -m bench.peers.polars_cells_score CALL OUT.json``.

As ``duckdb_cells_score`` (its docstring says what and why), with polars: the cells'
statistics in one group-by, a struct per cell, the criteria pivoted into one struct per
dossier, and ``write_ndjson``: one line per dossier, ``{"id", "total", "rank", "selected",
"criteria": {criterion: {"value", "raw", "consensus", "n", "na", "min", "max",
"spread"}}}``.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from bench.peers.common import args, params
from bench.peers.polars_score import ranking


def main() -> None:
    call, out = args()
    p = params(call)
    made: list[Any] = []
    result = ranking(call, p, made.append)
    r = made[0]
    cells = r.group_by(["dossier", "criterion"]).agg(
        pl.col("v").mean().alias("raw"), pl.col("v").count().alias("n"),
        pl.col("v").null_count().alias("na"), pl.col("v").min().alias("min"),
        pl.col("v").max().alias("max"))
    cons = pl.DataFrame([(d, c, v) for (d, c), v in p["consensus"].items()],
                        schema={"dossier": pl.Utf8, "criterion": pl.Utf8,
                                "consensus": pl.Float64}, orient="row")
    cells = cells.join(cons, on=["dossier", "criterion"], how="left").with_columns(
        pl.coalesce("consensus", "raw").alias("value"),
        (pl.col("max") - pl.col("min")).alias("spread"))
    cells = cells.select("dossier", "criterion", pl.struct(
        "value", "raw", "consensus", "n", "na", "min", "max", "spread").alias("cell"))
    wide = cells.pivot(on="criterion", index="dossier", values="cell",
                       aggregate_function="first")
    names = sorted(c for c in wide.columns if c != "dossier")
    wide = wide.select(pl.col("dossier").alias("id"), pl.struct(names).alias("criteria"))
    ids = list(result)
    ranked = pl.DataFrame({
        "id": ids, "total": [result[i][0] for i in ids], "rank": [result[i][1] for i in ids],
        "selected": [result[i][2] for i in ids]},
        schema={"id": pl.Utf8, "total": pl.Float64, "rank": pl.Int64, "selected": pl.Boolean})
    ranked.join(wide, on="id", how="left").sort(
        "rank", "id", nulls_last=True).write_ndjson(out)


if __name__ == "__main__":
    main()
