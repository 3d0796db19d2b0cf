"""Forms carried over into next year's draft start "to review" (docs/command-line.md, next-year).

The flag belongs to the window's workflow, not to the report: the JSON and Excel files have no
place for it. Existing forms are not to review.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("report_form") as batch:
        batch.add_column(sa.Column("to_review", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("report_form") as batch:
        batch.drop_column("to_review")
