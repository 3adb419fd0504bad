"""The call's files of a juror that the workspace could not write.

``juror.unwritten``: '' while the call folder holds what the database holds of the
juror's sheet and déports; else why their last write to the call folder failed
(a JSON text: when, and the error in French and English), shown to the secretariat
until a later write of that juror's files succeeds (docs/jury-web.md).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("juror") as batch:
        batch.add_column(sa.Column("unwritten", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("juror") as batch:
        batch.drop_column("unwritten")
