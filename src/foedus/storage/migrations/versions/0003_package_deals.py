"""Package deals in the workspace: the shared issues and options, and each delegation's
private valuation.

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
    op.create_table(
        "package_issues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("negotiation_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["negotiation_id"],
            ["negotiations.id"],
            name=op.f("fk_package_issues_negotiation_id_negotiations"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["users.id"], name=op.f("fk_package_issues_updated_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_issues")),
        sa.UniqueConstraint("negotiation_id", name=op.f("uq_package_issues_negotiation_id")),
    )
    op.create_table(
        "package_valuations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("negotiation_id", sa.Integer(), nullable=False),
        sa.Column("delegation_id", sa.Integer(), nullable=False),
        sa.Column("valuation", sa.JSON(), nullable=False),
        sa.Column("joint_consent", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["delegation_id"],
            ["delegations.id"],
            name=op.f("fk_package_valuations_delegation_id_delegations"),
        ),
        sa.ForeignKeyConstraint(
            ["negotiation_id"],
            ["negotiations.id"],
            name=op.f("fk_package_valuations_negotiation_id_negotiations"),
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["users.id"], name=op.f("fk_package_valuations_updated_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_valuations")),
        sa.UniqueConstraint(
            "negotiation_id", "delegation_id", name="uq_package_valuations_delegation"
        ),
    )
    with op.batch_alter_table("package_valuations") as batch:
        batch.create_index(
            batch.f("ix_package_valuations_negotiation_id"), ["negotiation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("package_valuations") as batch:
        batch.drop_index(batch.f("ix_package_valuations_negotiation_id"))
    op.drop_table("package_valuations")
    op.drop_table("package_issues")
