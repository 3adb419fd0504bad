"""Shared set-up of the jury workspace tests: a call folder and a database of each kind.

Every test that takes ``db`` runs twice: on SQLite (a file in the call folder) and
on PostgreSQL, when ``ISGRID_TEST_POSTGRES_URL`` names a server (``./run test``
starts one: see ``ensure_postgresql`` in ``./run``).  Each PostgreSQL test gets a
schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

PG_URL = os.environ.get("ISGRID_TEST_POSTGRES_URL", "")
PG_SKIP = ("no PostgreSQL for the tests: set ISGRID_TEST_POSTGRES_URL, or run ./run test "
           "as root on Debian (it installs and starts one)")


def _pg_schema() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    schema = "t_" + uuid.uuid4().hex[:16]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: Any) -> Iterator[str | None]:
    """None (the call's SQLite file) or the URL of a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield None
        return
    if not PG_URL:
        pytest.skip(PG_SKIP)
    yield from _pg_schema()


