"""The jury workspace's first schema.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False))
    op.create_table(
        "juror",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("submitted_at", sa.Float(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False))
    op.create_table(
        "signin_token",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("juror_id", sa.String(100), sa.ForeignKey("juror.id"), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.Column("revoked_at", sa.Float(), nullable=True))
    op.create_table(
        "web_session",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("juror_id", sa.String(100), sa.ForeignKey("juror.id"), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False))
    op.create_table(
        "rating",
        sa.Column("juror_id", sa.String(100), sa.ForeignKey("juror.id"), primary_key=True),
        sa.Column("dossier", sa.String(200), primary_key=True),
        sa.Column("criterion", sa.String(100), primary_key=True),
        sa.Column("value", sa.String(32), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False))
    op.create_table(
        "opinion",
        sa.Column("juror_id", sa.String(100), sa.ForeignKey("juror.id"), primary_key=True),
        sa.Column("dossier", sa.String(200), primary_key=True),
        sa.Column("opinion", sa.String(32), nullable=False),
        sa.Column("amount", sa.String(32), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False))
    op.create_table(
        "deport",
        sa.Column("juror_id", sa.String(100), sa.ForeignKey("juror.id"), primary_key=True),
        sa.Column("dossier", sa.String(200), primary_key=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.Float(), nullable=False))
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("actor", sa.String(120), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False))


def downgrade() -> None:
    for table in ("audit", "deport", "opinion", "rating", "web_session", "signin_token",
                  "juror", "setting"):
        op.drop_table(table)
