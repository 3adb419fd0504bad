"""What the workspace last wrote of a juror's sheet to the call folder; revoked sessions.

``juror.written``: the sha256 of the juror's ``ratings/<juror>.csv`` and
``opinions/<juror>.csv`` as the workspace last wrote them or took them in; '' when
it does not know (a database made before this column).  At start, a file that is
not what its database last wrote (a database backup restored after the juror
submitted again, a file imported or edited meanwhile) is taken back into the
database, what the database held being kept as a dated copy; a submission never
replaces such a file without keeping it (docs/jury-web.md, « Backups »).

``web_session.revoked_at``: when the secretariat revoked the juror's links and sessions
(the session is kept, refused, so that its browser is told « link revoked » rather
than « session expired »); NULL for a session in use.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("juror") as batch:
        batch.add_column(sa.Column("written", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("web_session") as batch:
        batch.add_column(sa.Column("revoked_at", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("web_session") as batch:
        batch.drop_column("revoked_at")
    with op.batch_alter_table("juror") as batch:
        batch.drop_column("written")
