"""The tables. Generic on purpose: a field or a table of the report is a row here, keyed by the
ids of the schema, so adding a field to the schema needs no migration.

- `report`: one draft, with the cover values the list shows copied out for sorting and listing.
- `report_form`: the cover-page status of each of Forms A-J.
- `field_value`: one value of a field (cover or form), as JSON text (`codec`).
- `table_row`: one row of a table, its cells as one JSON object; `position` orders the rows with
  gaps, so inserting a row rarely renumbers the others.
- `blob`: attachment contents, stored once by SHA-256; `report_attachment` names them per report;
  `blob_use` remembers every report that ever used a blob (history too), so purging knows what
  it may delete.
- `revision`: the history; a full snapshot or a delta from the previous revision, zlib JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ReportRecord(Base):
    __tablename__ = "report"
    __table_args__ = {"sqlite_autoincrement": True}  # never give an erased report's id again

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    language: Mapped[str] = mapped_column(String(16))
    template: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    revision: Mapped[int] = mapped_column(Integer)  # number of the newest revision
    # Copied from the cover page on every save, for the list of reports.
    state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    report_kind: Mapped[str | None] = mapped_column(String(32), nullable=True)
    period_from: Mapped[str | None] = mapped_column(String(10), nullable=True)
    period_to: Mapped[str | None] = mapped_column(String(10), nullable=True)


class FormRecord(Base):
    __tablename__ = "report_form"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"),
                                           primary_key=True)
    letter: Mapped[str] = mapped_column(String(8), primary_key=True)
    status: Mapped[str | None] = mapped_column(String(32), nullable=True)
    last_reported_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    statement: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Carried over into next year's draft and not yet confirmed or edited (migration 0002).
    to_review: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ValueRecord(Base):
    __tablename__ = "field_value"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"),
                                           primary_key=True)
    part: Mapped[str] = mapped_column(String(16), primary_key=True)
    field_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RowRecord(Base):
    __tablename__ = "table_row"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"),
                                           primary_key=True)
    part: Mapped[str] = mapped_column(String(16), primary_key=True)
    table_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    cells: Mapped[str] = mapped_column(Text)


class BlobRecord(Base):
    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class AttachmentRecord(Base):
    __tablename__ = "report_attachment"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"),
                                           primary_key=True)
    attachment_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), index=True)


class BlobUseRecord(Base):
    __tablename__ = "blob_use"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"),
                                           primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), primary_key=True, index=True)


class RevisionRecord(Base):
    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("report_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    user: Mapped[str] = mapped_column(String(255))
    summary: Mapped[str] = mapped_column(Text)
    is_snapshot: Mapped[bool] = mapped_column()
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)  # bytes of payload, for the snapshot policy


class SubmissionRecord(Base):
    """One sending of a report (migration 0003): number 0 is the original, then corrigenda."""

    __tablename__ = "submission"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"),
                                           primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    submitted_on: Mapped[str] = mapped_column(String(10))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    version: Mapped[str] = mapped_column(String(32))
    user: Mapped[str] = mapped_column(String(255))
    mail_to: Mapped[str] = mapped_column(Text)  # addresses of the e-mail draft, ", "-separated
    mail_cc: Mapped[str] = mapped_column(Text)


class WarningAnswerRecord(Base):
    """A warning answered with an explanation instead of a fix (migration 0003)."""

    __tablename__ = "warning_answer"

    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"),
                                           primary_key=True)
    key: Mapped[str] = mapped_column(String(512), primary_key=True)
    explanation: Mapped[str] = mapped_column(Text)
