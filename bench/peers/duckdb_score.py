"""The benchmark's ranking in DuckDB SQL: ``python -m bench.peers.duckdb_score CALL OUT.json``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from bench.peers.common import EPS, args, dossier_files, params, rank_and_walk, write


def connect(call: Path, p: dict[str, Any]) -> tuple[Any, str]:
    """A connection holding the call's déports, consensus values and criteria, and the SQL
    source of its dossiers (the table, or the YAML files' columns)."""
    con = duckdb.connect()
    con.execute("CREATE TABLE conflicts(assessor VARCHAR, dossier VARCHAR)")
    if p["conflicts"]:
        con.executemany("INSERT INTO conflicts VALUES (?, ?)", p["conflicts"])
    con.execute("CREATE TABLE consensus(dossier VARCHAR, criterion VARCHAR, v DOUBLE)")
    if p["consensus"]:
        con.executemany("INSERT INTO consensus VALUES (?, ?, ?)",
                        [(d, c, v) for (d, c), v in p["consensus"].items()])
    con.execute("CREATE TABLE crit(criterion VARCHAR, eff DOUBLE, floor DOUBLE)")
    con.executemany("INSERT INTO crit VALUES (?, ?, ?)",
                    [(c, w, p["floors"].get(c)) for c, w in p["eff"].items()])
    files = dossier_files(call)
    if files is None:
        source = (f"read_csv('{call / 'dossiers.csv'}', header = true, "
                  "types = {'departement': 'VARCHAR'})")
    else:  # the YAML files' columns, handed to DuckDB as an Arrow table
        import pyarrow as pa

        con.register("dossier_files", pa.Table.from_pydict(files))
        source = "dossier_files"
    return con, source


def kept_sql(call: Path) -> str:
    """The ratings read (a decimal comma, NE for n/a), the déports' dropped: ``r``, ``kept``."""
    ratings = str(call / "ratings" / "ratings.csv")
    return f"""
        r AS (
          SELECT dossier, assessor, criterion,
                 CASE WHEN upper(value) IN ('NE', 'NA', 'N/A') THEN NULL
                      ELSE TRY_CAST(replace(value, ',', '.') AS DOUBLE) END AS v
          FROM read_csv('{ratings}', all_varchar = true, header = true)
        ), kept AS (
          SELECT r.* FROM r ANTI JOIN conflicts c
            ON r.assessor = c.assessor AND r.dossier = c.dossier
        )"""


def per_sql(p: dict[str, Any]) -> str:
    """Each dossier's total and whether it fails a floor, from ``cells`` (dossier,
    criterion, v): ``per``."""
    return f"""per AS (
          SELECT c.dossier,
                 CASE WHEN count(c.v) = {len(p["eff"])} THEN
                   100.0 * sum((c.v - {p["lo"]}) / {p["hi"] - p["lo"]} * k.eff)
                   / {sum(p["eff"].values())} END AS total,
                 bool_or(k.floor IS NOT NULL AND (c.v IS NULL OR c.v + {EPS} < k.floor))
                   AS floor_fail
          FROM cells c JOIN crit k USING (criterion)
          GROUP BY c.dossier
        )"""


def ranking_sql(p: dict[str, Any], source: str) -> str:
    """Each dossier's id, total, rankable, submitted_at and proposed amount, from ``per``."""
    return f"""
        SELECT d.id, per.total,
               coalesce(d.departement::VARCHAR IN ('67', '68') AND per.total IS NOT NULL
                        AND NOT per.floor_fail AND per.total + {EPS} >= {p["threshold"]},
                        false) AS rankable,
               d.submitted_at::VARCHAR,
               least(d.amount_requested::DOUBLE, d.eligible_costs * {p["rate"]}, {p["cap"]})
        FROM {source} d
        LEFT JOIN per ON per.dossier = d.id"""


def ranked(rows: list[tuple[Any, ...]], p: dict[str, Any]
           ) -> dict[str, tuple[float | None, int | None, bool]]:
    return rank_and_walk([(i, t, bool(k), s, float(a)) for i, t, k, s, a in rows], p["budget"])


def main() -> None:
    call, out = args()
    p = params(call)
    con, source = connect(call, p)
    rows = con.execute(f"""
        WITH {kept_sql(call)}, cells AS (
          SELECT k.dossier, k.criterion, coalesce(any_value(s.v), avg(k.v)) AS v
          FROM kept k LEFT JOIN consensus s
            ON s.dossier = k.dossier AND s.criterion = k.criterion
          GROUP BY k.dossier, k.criterion
        ), {per_sql(p)}
        {ranking_sql(p, source)}
    """).fetchall()
    write(out, ranked(rows, p))


if __name__ == "__main__":
    main()
