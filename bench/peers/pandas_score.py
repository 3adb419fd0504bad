"""The benchmark's ranking with pandas: ``python -m bench.peers.pandas_score CALL OUT.json``."""

from __future__ import annotations

import pandas as pd

from bench.peers.common import EPS, args, dossier_files, params, rank_and_walk, write


def main() -> None:
    call, out = args()
    p = params(call)
    r = pd.read_csv(call / "ratings" / "ratings.csv", dtype=str, keep_default_na=False,
                    usecols=["dossier", "assessor", "criterion", "value"])
    text = r["value"].str.replace(",", ".", regex=False)
    r["v"] = pd.to_numeric(text.where(~text.str.upper().isin(["NE", "NA", "N/A"])),
                           errors="coerce")
    if p["conflicts"]:
        conf = pd.DataFrame(p["conflicts"], columns=["assessor", "dossier"])
        conf["x"] = True
        r = r.merge(conf, on=["assessor", "dossier"], how="left")
        r = r[r["x"].isna()]
    cells = r.groupby(["dossier", "criterion"])["v"].mean().unstack("criterion")
    for (d, c), v in p["consensus"].items():
        if d in cells.index:
            cells.loc[d, c] = v
    crits = list(p["eff"])
    cells = cells.reindex(columns=crits)
    eff = pd.Series(p["eff"])
    norm = (cells - p["lo"]) / (p["hi"] - p["lo"])
    total = 100.0 * (norm * eff).sum(axis=1, min_count=1) / eff.sum()
    total[cells.isna().any(axis=1)] = float("nan")
    floor_fail = pd.Series(False, index=cells.index)
    for c, f in p["floors"].items():
        floor_fail |= cells[c].isna() | (cells[c] + EPS < f)
    files = dossier_files(call)
    d = (pd.read_csv(call / "dossiers.csv", dtype={"departement": str}) if files is None
         else pd.DataFrame(files))
    d = d.set_index("id").join(total.rename("total"))
    d["floor_fail"] = floor_fail.reindex(d.index).fillna(True)
    d["amount"] = d[["amount_requested"]].assign(
        r=d["eligible_costs"] * p["rate"], c=p["cap"]).min(axis=1)
    d["rankable"] = d["departement"].isin(["67", "68"]) & d["total"].notna() \
        & ~d["floor_fail"] & ~(d["total"] + EPS < p["threshold"])
    rows = [(i, None if t != t else float(t), bool(k), str(s), float(a))
            for i, t, k, s, a in zip(d.index, d["total"], d["rankable"], d["submitted_at"],
                                     d["amount"], strict=True)]
    write(out, rank_and_walk(rows, p["budget"]))


if __name__ == "__main__":
    main()
