"""A juror marks a criterion's comment as shareable with the applicant (issue 17).

``rating.shareable``: true when the juror lets the applicant's letter quote the
comment (the ``shareable`` column of the ratings CSV contract, docs/calls.md).
Existing rows are not shareable: nothing a juror wrote before this column
existed reaches a communicable document.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rating") as batch:
        batch.add_column(sa.Column("shareable", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("rating") as batch:
        batch.drop_column("shareable")
