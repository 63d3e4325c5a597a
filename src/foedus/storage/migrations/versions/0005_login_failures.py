"""Failed logins are counted in the database, so that every server process (``foedus serve
--workers N``) throttles the same guesses.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    with op.batch_alter_table("login_failures") as batch:
        batch.create_index(batch.f("ix_login_failures_address"), ["address"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("login_failures") as batch:
        batch.drop_index(batch.f("ix_login_failures_address"))
    op.drop_table("login_failures")
