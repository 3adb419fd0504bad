"""The benchmark's ranking with polars: ``python -m bench.peers.polars_score CALL OUT.json``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from bench.peers.common import EPS, args, dossier_files, params, rank_and_walk, write


def ranking(call: Path, p: dict[str, Any], cells_of: Any = None
            ) -> dict[str, tuple[float | None, int | None, bool]]:
    """Each dossier's total, rank and selection; ``cells_of(r)``, when given, is called
    with the ratings read (a column ``v``: the value, null for n/a), the déports dropped."""
    r = pl.read_csv(call / "ratings" / "ratings.csv", infer_schema_length=0,
                    columns=["dossier", "assessor", "criterion", "value"])
    text = pl.col("value").str.replace(",", ".", literal=True)
    r = r.with_columns(
        pl.when(text.str.to_uppercase().is_in(["NE", "NA", "N/A"])).then(None)
        .otherwise(text).cast(pl.Float64, strict=False).alias("v"))
    if p["conflicts"]:
        conf = pl.DataFrame(p["conflicts"], schema=["assessor", "dossier"], orient="row")
        r = r.join(conf, on=["assessor", "dossier"], how="anti")
    if cells_of is not None:
        cells_of(r)
    cells = r.group_by(["dossier", "criterion"]).agg(pl.col("v").mean())
    if p["consensus"]:
        cons = pl.DataFrame([(d, c, v) for (d, c), v in p["consensus"].items()],
                            schema=["dossier", "criterion", "cv"], orient="row")
        cells = cells.join(cons, on=["dossier", "criterion"], how="left").with_columns(
            pl.coalesce("cv", "v").alias("v")).drop("cv")
    eff = pl.DataFrame({"criterion": list(p["eff"]), "eff": list(p["eff"].values()),
                        "floor": [p["floors"].get(c) for c in p["eff"]]})
    cells = cells.join(eff, on="criterion", how="inner")
    span = p["hi"] - p["lo"]
    per = cells.group_by("dossier").agg(
        (100.0 * ((pl.col("v") - p["lo"]) / span * pl.col("eff")).sum()
         / sum(p["eff"].values())).alias("total"),
        pl.col("v").is_not_null().sum().alias("n"),
        (pl.col("floor").is_not_null() & (pl.col("v").is_null()
                                          | (pl.col("v") + EPS < pl.col("floor"))))
        .any().alias("floor_fail"))
    per = per.with_columns(pl.when(pl.col("n") == len(p["eff"])).then(pl.col("total"))
                           .otherwise(None).alias("total"))
    files = dossier_files(call)
    d = (pl.read_csv(call / "dossiers.csv", schema_overrides={"departement": pl.Utf8})
         if files is None else pl.DataFrame(files))
    d = d.join(per, left_on="id", right_on="dossier", how="left").with_columns(
        pl.min_horizontal(pl.col("amount_requested").cast(pl.Float64),
                          pl.col("eligible_costs") * p["rate"], pl.lit(p["cap"]))
        .alias("amount"))
    d = d.with_columns((pl.col("departement").is_in(["67", "68"]) & pl.col("total").is_not_null()
                        & ~pl.col("floor_fail").fill_null(True)
                        & ~(pl.col("total") + EPS < p["threshold"]).fill_null(True))
                       .alias("rankable"))
    rows = [(i, t, bool(k), str(s), float(a)) for i, t, k, s, a in d.select(
        "id", "total", "rankable", "submitted_at", "amount").iter_rows()]
    return rank_and_walk(rows, p["budget"])


def main() -> None:
    call, out = args()
    write(out, ranking(call, params(call)))


if __name__ == "__main__":
    main()
