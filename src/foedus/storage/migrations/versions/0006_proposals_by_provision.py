"""An index on (negotiation, provision, id) of proposals: a provision read takes its last
proposals and counts them all from the index, however many a provision has gathered.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposals") as batch:
        batch.create_index("ix_proposals_provision", ["negotiation_id", "eid", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("proposals") as batch:
        batch.drop_index("ix_proposals_provision")
