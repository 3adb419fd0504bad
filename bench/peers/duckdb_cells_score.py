"""The DuckDB ranking that also writes what isgrid's result says of every cell:
``python -m bench.peers.duckdb_cells_score CALL OUT.json``.

``duckdb_score`` writes each dossier's total, rank and selection (0.9 MB at 20,000
dossiers); isgrid's result JSON also holds, for every dossier and criterion, the value
used, the mean, the consensus, the usable ratings and the n/a, the lowest, the highest and
their spread (75 MB).  This peer computes and writes those too, as an analyst would with
DuckDB (a map of structs per dossier, ``COPY … TO`` newline-delimited JSON): one line per dossier,
``{"id", "total", "rank", "selected", "criteria": {criterion: {"value", "raw",
"consensus", "n", "na", "min", "max", "spread"}}}``.  ``bench.run`` checks the totals,
ranks, selection and every cell against isgrid's result before timing it.
"""

from __future__ import annotations

import pyarrow as pa

from bench.peers.common import args, params
from bench.peers.duckdb_score import connect, kept_sql, per_sql, ranked, ranking_sql


def main() -> None:
    call, out = args()
    p = params(call)
    con, source = connect(call, p)
    con.execute(f"""
        CREATE TABLE cells AS
        WITH {kept_sql(call)}
        SELECT k.dossier, k.criterion, avg(k.v) AS raw, any_value(s.v) AS consensus,
               coalesce(any_value(s.v), avg(k.v)) AS v, count(k.v) AS n,
               count(*) - count(k.v) AS na, min(k.v) AS lo, max(k.v) AS hi
        FROM kept k LEFT JOIN consensus s
          ON s.dossier = k.dossier AND s.criterion = k.criterion
        GROUP BY k.dossier, k.criterion""")
    rows = con.execute(f"WITH {per_sql(p)} {ranking_sql(p, source)}").fetchall()
    result = ranked(rows, p)
    ids = list(result)
    con.register("ranking", pa.table({
        "id": ids, "total": [result[i][0] for i in ids], "rank": [result[i][1] for i in ids],
        "selected": [result[i][2] for i in ids]}))
    con.execute(f"""
        COPY (
          SELECT r.id, r.total, r.rank, r.selected, c.criteria
          FROM ranking r LEFT JOIN (
            SELECT dossier, map(list(criterion ORDER BY criterion), list(struct_pack(
                     value := v, raw := raw, consensus := consensus, n := n, na := na,
                     min := lo, max := hi, spread := hi - lo) ORDER BY criterion)) AS criteria
            FROM cells GROUP BY dossier) c ON c.dossier = r.id
          ORDER BY r.rank NULLS LAST, r.id
        ) TO '{out}' (FORMAT JSON)""")


if __name__ == "__main__":
    main()
