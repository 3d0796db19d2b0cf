"""Submissions and answered warnings (the window's review step and `ccm-desktop submit`).

`submission`: each time a report was sent, which revision was sent, on which date and at which
moment (the fixed timestamp of the package's files, so that the package can be written again
byte for byte), with which version of the application, and to whom the e-mail draft went.
Number 0 is the report as first sent; 1, 2, ... are its corrigenda.

`warning_answer`: a warning the user answered with an explanation instead of a fix (the text
itself is also written into the report, where the UN reader sees it).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "submission",
        sa.Column("report_id", sa.Integer(),
                  sa.ForeignKey("report.id", ondelete="CASCADE",
                                name="fk_submission_report_id_report"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("submitted_on", sa.String(10), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("mail_to", sa.Text(), nullable=False),
        sa.Column("mail_cc", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("report_id", "number", name="pk_submission"),
    )
    op.create_table(
        "warning_answer",
        sa.Column("report_id", sa.Integer(),
                  sa.ForeignKey("report.id", ondelete="CASCADE",
                                name="fk_warning_answer_report_id_report"), nullable=False),
        sa.Column("key", sa.String(512), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("report_id", "key", name="pk_warning_answer"),
    )


def downgrade() -> None:
    op.drop_table("warning_answer")
    op.drop_table("submission")
