"""The first schema: reports, their values and rows, attachments by SHA-256, revisions.

Revision ID: 0001
Revises:
Create Date: 2024-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("template", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=True),
        sa.Column("report_kind", sa.String(length=32), nullable=True),
        sa.Column("period_from", sa.String(length=10), nullable=True),
        sa.Column("period_to", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blob")),
    )
    op.create_table(
        "report_form",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("letter", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.Column("last_reported_year", sa.Integer(), nullable=True),
        sa.Column("statement", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], ondelete="CASCADE",
                                name=op.f("fk_report_form_report_id_report")),
        sa.PrimaryKeyConstraint("report_id", "letter", name=op.f("pk_report_form")),
    )
    op.create_table(
        "field_value",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=16), nullable=False),
        sa.Column("field_id", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], ondelete="CASCADE",
                                name=op.f("fk_field_value_report_id_report")),
        sa.PrimaryKeyConstraint("report_id", "part", "field_id", name=op.f("pk_field_value")),
    )
    op.create_table(
        "table_row",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=16), nullable=False),
        sa.Column("table_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("cells", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], ondelete="CASCADE",
                                name=op.f("fk_table_row_report_id_report")),
        sa.PrimaryKeyConstraint("report_id", "part", "table_id", "position",
                                name=op.f("pk_table_row")),
    )
    op.create_table(
        "report_attachment",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("attachment_id", sa.String(length=128), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], ondelete="CASCADE",
                                name=op.f("fk_report_attachment_report_id_report")),
        sa.ForeignKeyConstraint(["sha256"], ["blob.sha256"],
                                name=op.f("fk_report_attachment_sha256_blob")),
        sa.PrimaryKeyConstraint("report_id", "attachment_id", name=op.f("pk_report_attachment")),
    )
    op.create_index(op.f("ix_report_attachment_sha256"), "report_attachment", ["sha256"])
    op.create_table(
        "blob_use",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], ondelete="CASCADE",
                                name=op.f("fk_blob_use_report_id_report")),
        sa.ForeignKeyConstraint(["sha256"], ["blob.sha256"],
                                name=op.f("fk_blob_use_sha256_blob")),
        sa.PrimaryKeyConstraint("report_id", "sha256", name=op.f("pk_blob_use")),
    )
    op.create_index(op.f("ix_blob_use_sha256"), "blob_use", ["sha256"])
    op.create_table(
        "revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(length=255), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("is_snapshot", sa.Boolean(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["report.id"], ondelete="CASCADE",
                                name=op.f("fk_revision_report_id_report")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision")),
        sa.UniqueConstraint("report_id", "number", name=op.f("uq_revision_report_id")),
    )


def downgrade() -> None:
    for table in ("revision", "blob_use", "report_attachment", "table_row", "field_value",
                  "report_form", "blob", "report"):
        op.drop_table(table)
