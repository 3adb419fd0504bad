"""The same ranking written the way a data analyst would, with pandas, polars and DuckDB."""
