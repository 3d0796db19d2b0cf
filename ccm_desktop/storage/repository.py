"""The repository: domain reports in, domain reports out; one transaction per operation.

    with open_repository(None) as repo:          # or a path, or a postgresql:// URL
        report_id = repo.add(report)
        report = repo.load(report_id)
        ...edit...
        repo.save(report_id, report)              # writes only what changed; None if nothing

Saving compares the report with the last state this repository saved or loaded (kept in memory)
and writes only the differences, plus a revision: a delta, or now and then a full snapshot, so
any revision can be rebuilt exactly. If another copy of the application saved the same report
in between, `save` raises `ConflictError` instead of silently undoing that work
(`overwrite=True` saves anyway; the other version stays in the history).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import threading
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ccm_desktop.domain.changes import Touched
from ccm_desktop.domain.messages import N_, Message, Words, from_data, message, to_data
from ccm_desktop.domain.next_year import NoReportingPeriod, next_year_report, source_year
from ccm_desktop.domain.report import Report, Row
from ccm_desktop.domain.store import ReportSummary, Revision, Said
from ccm_desktop.schema.registry import PER_PERIOD
from ccm_desktop.storage import database
from ccm_desktop.storage.backups import newest_backup, restore_backup
from ccm_desktop.storage.changes import (
    Changes,
    Hunk,
    apply,
    apply_hunks,
    attachment_metas,
    diff,
)
from ccm_desktop.storage.codec import row_from_text, row_to_text, value_from_text, value_to_text
from ccm_desktop.storage.content import (
    COVER,
    AttachmentMeta,
    Content,
    FormAttrs,
    content_from_json,
    content_of,
    content_to_json,
    report_of,
)
from ccm_desktop.storage.errors import (
    ConflictError,
    DatabaseBusy,
    DiskFull,
    NewerDatabase,
    NoSuchReport,
    NotADatabase,
    ReadOnlyDatabase,
    StorageError,
)
from ccm_desktop.storage.migrate import MIGRATIONS
from ccm_desktop.storage.models import (
    AttachmentRecord,
    BlobRecord,
    BlobUseRecord,
    FormRecord,
    ReportRecord,
    RevisionRecord,
    RowRecord,
    SubmissionRecord,
    ValueRecord,
    WarningAnswerRecord,
)

__all__ = ["ConflictError", "DatabaseBusy", "DiskFull", "NewerDatabase", "NoSuchReport",
           "NotADatabase", "ReadOnlyDatabase", "Repository", "ReportSummary", "Revision",
           "StorageError", "Submission", "newest_backup", "open_repository", "restore_backup"]

CREATED = message(N_("Created"))  # the summary of a report's first revision

GAP = 1 << 20  # between row positions, so that inserted rows fit without renumbering
SNAPSHOT_EVERY = 1000  # revisions between full snapshots, at most
SNAPSHOT_MIN_BYTES = 64 * 1024  # deltas may add up to this (or a snapshot's size) first
CHUNK = 500  # values per IN (...) list


@dataclass(frozen=True)
class Submission:
    """One sending of a report: number 0 is the original, 1, 2, ... its corrigenda."""

    number: int
    revision: int
    submitted_on: date
    submitted_at: datetime
    version: str
    user: str
    to: tuple[str, ...] = ()  # the e-mail draft's recipients
    cc: tuple[str, ...] = ()

    @property
    def corrigendum(self) -> int | None:
        return self.number or None


def _split(addresses: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in addresses.split(",") if a.strip())


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "-"


@dataclass
class _Stored:
    """The last saved state of one report, as this repository knows it."""

    revision: int
    content: Content
    positions: dict[str, dict[str, list[int]]]  # part -> table -> position of each row
    # Since the newest snapshot: revisions, their bytes; and that snapshot's bytes (or None:
    # not read yet).
    since_snapshot: tuple[int, int, int] | None = None


def open_repository(db: str | os.PathLike[str] | None = None, *, busy_timeout: float = 10.0,
                    migrations: Path | None = None) -> Repository:
    """Open (creating or upgrading if needed) the database: `None` means `CCM_DESKTOP_DB` or
    `ccm-desktop.sqlite3` in the user's data folder; else a file path or an SQLAlchemy URL
    (`postgresql://user@host/db`). Raises `StorageError` with a one-sentence message.

    `busy_timeout`: seconds to wait while another copy of the application is writing.
    `migrations`: another folder of Alembic scripts (tests of the upgrade path only)."""
    engine, target = database.connect(db, busy_timeout, migrations or MIGRATIONS)
    return Repository(engine, target)


class Repository:
    def __init__(self, engine: Engine, target: database.Target) -> None:
        self._engine = engine
        self._target = target
        self._known: dict[int, _Stored] = {}
        self._lock = threading.RLock()
        self.user = _os_user()
        # When to store a full snapshot instead of a delta (see _snapshot_due).
        self.snapshot_every = SNAPSHOT_EVERY
        self.snapshot_min_bytes = SNAPSHOT_MIN_BYTES

    # Lifetime --------------------------------------------------------------------------------

    @property
    def path(self) -> str:
        """The database file, or the server URL without its password, for messages."""
        return str(self._target.path) if self._target.path else self._target.shown

    @property
    def notes(self) -> list[Message]:
        """Things worth telling the user that did not stop the database from opening."""
        return list(self._target.notes)

    def close(self) -> None:
        self._known.clear()
        self._engine.dispose()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, _exc_type: type[BaseException] | None, _exc: BaseException | None,
                 _tb: TracebackType | None) -> None:
        self.close()

    @contextlib.contextmanager
    def _session(self, doing: str, write: bool = False) -> Iterator[Session]:
        with self._lock:
            try:
                with self._engine.connect() as conn:
                    if write:
                        conn.execution_options(**{database.WRITE: True})
                    with Session(bind=conn) as session, session.begin():
                        yield session
            except DBAPIError as exc:
                raise database.translate(exc, self._target, doing) from None
            except (OverflowError, UnicodeEncodeError) as exc:
                # A value no reader lets through (a year of twenty digits, a lone surrogate);
                # the transaction is rolled back, so nothing was written.
                raise StorageError(message(N_(
                    "{database}: the report holds a value the database cannot store ({reason}); "
                    "nothing was changed"), database=self.path, reason=type(exc).__name__)
                    ) from None

    # Reports ---------------------------------------------------------------------------------

    def add(self, report: Report, summary: Said = CREATED) -> int:
        with self._lock, self._session("save to", write=True) as s:
            report_id, stored = self._insert(s, report, summary)
        self._known[report_id] = stored
        return report_id

    def load(self, report_id: int) -> Report:
        with self._lock, self._session("read") as s:
            record = self._record(s, report_id)
            stored = self._read(s, report_id, record.revision)
            blobs = self._blobs(s, stored.content.attachments.values())
        self._known[report_id] = stored
        return report_of(stored.content, blobs)

    def save(self, report_id: int, report: Report, summary: Said | None = None, *,
             overwrite: bool = False, touched: Touched | None = None) -> Revision | None:
        """Store `report` as the new state of `report_id`, writing only what changed since it
        was loaded or last saved here. Returns the new revision, or None if nothing changed.
        `touched` (from the window's commands) says where the changes since then are, so that
        only those values and rows are compared; without it the whole report is. It is ignored
        when the stored state was read afresh (another copy saved in between)."""
        with self._lock:
            try:
                with self._session("save to", write=True) as s:
                    record = self._record(s, report_id, lock=True)
                    if record.deleted_at is not None:
                        raise StorageError(message(N_(
                            "Report {id} is in the trash; restore it before changing it"),
                            id=str(report_id)))
                    known = self._known.get(report_id)
                    stored = self._current(s, record, report_id, overwrite)
                    changes = diff(stored.content, report,
                                   touched if stored is known else None)
                    if changes.is_empty():
                        self._known[report_id] = stored
                        return None
                    return self._write(s, record, stored, changes, report,
                                       summary or changes.summary())
            except BaseException:
                # The transaction was rolled back; what we remembered may be ahead of the file.
                self._known.pop(report_id, None)
                raise

    def list_reports(self) -> list[ReportSummary]:
        with self._session("read") as s:
            records = s.scalars(select(ReportRecord).where(ReportRecord.deleted_at.is_(None))
                                .order_by(ReportRecord.id)).all()
            return [_summary(r) for r in records]

    def duplicate(self, report_id: int) -> int:
        report = self.load(report_id)
        return self.add(report, summary=message(N_("Copied from report {id}"),
                                                id=str(report_id)))

    def start_next_year(self, report_id: int) -> int:
        source = self.load(report_id)
        try:
            draft = next_year_report(source, PER_PERIOD)
        except NoReportingPeriod as exc:
            raise StorageError(message(N_("Cannot start next year's report from report {id}: "
                                          "{problem}"), id=str(report_id), problem=exc.said)
                               ) from None
        return self.add(draft, summary=message(N_("Started from report {id} ({year})"),
                                               id=str(report_id), year=str(source_year(source))))

    # Trash -----------------------------------------------------------------------------------

    def delete(self, report_id: int) -> None:
        """Move the report to the trash (nothing is erased; `undelete` brings it back)."""
        with self._session("save to", write=True) as s:
            record = self._record(s, report_id, lock=True)
            if record.deleted_at is None:
                record.deleted_at = _now()
        self._known.pop(report_id, None)

    def list_trash(self) -> list[ReportSummary]:
        with self._session("read") as s:
            records = s.scalars(select(ReportRecord).where(ReportRecord.deleted_at.is_not(None))
                                .order_by(ReportRecord.deleted_at.desc())).all()
            return [_summary(r) for r in records]

    def undelete(self, report_id: int) -> None:
        with self._session("save to", write=True) as s:
            record = self._record(s, report_id, lock=True)
            if record.deleted_at is None:
                raise StorageError(message(N_("Report {id} is not in the trash"), id=str(report_id)))
            record.deleted_at = None

    # History ---------------------------------------------------------------------------------

    def history(self, report_id: int) -> list[Revision]:
        with self._session("read") as s:
            self._record(s, report_id)
            rows = s.execute(
                select(RevisionRecord.number, RevisionRecord.saved_at, RevisionRecord.user,
                       RevisionRecord.summary)
                .where(RevisionRecord.report_id == report_id).order_by(RevisionRecord.number))
            return [revision_of(n, at, user, text) for n, at, user, text in rows]

    def revision_report(self, report_id: int, number: int) -> Report:
        """The report exactly as it was saved in revision `number` (for a preview)."""
        with self._session("read") as s:
            record = self._record(s, report_id)
            content = self._rebuild(s, report_id, number, record.revision)
            return report_of(content, self._blobs(s, content.attachments.values()))

    def restore_revision(self, report_id: int, number: int) -> Revision:
        """Make revision `number` the current draft again, as a new revision. A window that has
        the report open should load it again afterwards."""
        with self._lock:
            try:
                with self._session("save to", write=True) as s:
                    record = self._record(s, report_id, lock=True)
                    if record.deleted_at is not None:
                        raise StorageError(message(N_(
                            "Report {id} is in the trash; restore it before changing it"),
                            id=str(report_id)))
                    content = self._rebuild(s, report_id, number, record.revision)
                    report = report_of(content, self._blobs(s, content.attachments.values()))
                    stored = self._current(s, record, report_id, overwrite=True)
                    changes = diff(stored.content, report)
                    return self._write(s, record, stored, changes, report,
                                       message(N_("Restored revision {number}"),
                                               number=str(number)))
            except BaseException:
                self._known.pop(report_id, None)
                raise

    # Submissions -----------------------------------------------------------------------------

    def submissions(self, report_id: int) -> list[Submission]:
        """Every sending of the report, the original first, then its corrigenda."""
        with self._session("read") as s:
            self._record(s, report_id)
            records = s.scalars(select(SubmissionRecord)
                                .where(SubmissionRecord.report_id == report_id)
                                .order_by(SubmissionRecord.number)).all()
            return [Submission(r.number, r.revision, date.fromisoformat(r.submitted_on),
                               r.submitted_at, r.version, r.user, _split(r.mail_to),
                               _split(r.mail_cc)) for r in records]

    def is_submitted(self, report_id: int) -> bool:
        """Whether the newest revision is the one last sent (the report is then read-only)."""
        with self._session("read") as s:
            record = self._record(s, report_id)
            last = s.scalar(select(func.max(SubmissionRecord.revision))
                            .where(SubmissionRecord.report_id == report_id))
            return last is not None and last == record.revision

    def record_submission(self, report_id: int, submitted_on: date, submitted_at: datetime,
                          version: str, to: tuple[str, ...] = (),
                          cc: tuple[str, ...] = ()) -> Submission:
        """Remember that the newest revision was sent; call after saving the report with its
        submission date. Refuses a revision that was already sent."""
        with self._session("save to", write=True) as s:
            record = self._record(s, report_id, lock=True)
            done = s.scalars(select(SubmissionRecord)
                             .where(SubmissionRecord.report_id == report_id)).all()
            if any(d.revision == record.revision for d in done):
                raise StorageError(message(N_("Report {id} was already submitted as it stands"),
                                           id=str(report_id)))
            submission = SubmissionRecord(report_id=report_id, number=len(done),
                                          revision=record.revision,
                                          submitted_on=submitted_on.isoformat(),
                                          submitted_at=submitted_at.replace(microsecond=0),
                                          version=version, user=self.user,
                                          mail_to=", ".join(to), mail_cc=", ".join(cc))
            s.add(submission)
            return Submission(submission.number, submission.revision, submitted_on,
                              submission.submitted_at, version, self.user, tuple(to), tuple(cc))

    def warning_answers(self, report_id: int) -> dict[str, str]:
        """Warnings answered with an explanation: key (see domain.submission) to the text."""
        with self._session("read") as s:
            rows = s.execute(select(WarningAnswerRecord.key, WarningAnswerRecord.explanation)
                             .where(WarningAnswerRecord.report_id == report_id))
            return {key: text for key, text in rows}

    def answer_warning(self, report_id: int, key: str, explanation: str) -> None:
        with self._session("save to", write=True) as s:
            self._record(s, report_id)
            row = s.get(WarningAnswerRecord, (report_id, key))
            if row is None:
                s.add(WarningAnswerRecord(report_id=report_id, key=key, explanation=explanation))
            else:
                row.explanation = explanation

    # Reading ---------------------------------------------------------------------------------

    def _record(self, s: Session, report_id: int, lock: bool = False) -> ReportRecord:
        record = s.get(ReportRecord, report_id, with_for_update=lock or None)
        if record is None:
            raise NoSuchReport(message(N_("There is no report {id} in {database}"),
                                       id=str(report_id), database=self._target.label))
        return record

    def _current(self, s: Session, record: ReportRecord, report_id: int,
                 overwrite: bool) -> _Stored:
        stored = self._known.get(report_id)
        if stored is not None and stored.revision == record.revision:
            return stored
        if stored is not None and not overwrite:
            last = s.execute(select(RevisionRecord.user, RevisionRecord.saved_at).where(
                RevisionRecord.report_id == report_id,
                RevisionRecord.number == record.revision)).one()
            raise ConflictError(message(N_(
                "Report {id} was saved by {user} at {time} in another copy of ccm-desktop after "
                "you opened it; open it again to see that version (yours was not saved)"),
                id=str(report_id), user=last.user,
                time=last.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")))
        return self._read(s, report_id, record.revision)

    def _read(self, s: Session, report_id: int, revision: int) -> _Stored:
        record = s.get(ReportRecord, report_id)
        assert record is not None
        content = Content(language=record.language, template=record.template)
        for part, field_id, value in s.execute(
                select(ValueRecord.part, ValueRecord.field_id, ValueRecord.value)
                .where(ValueRecord.report_id == report_id)):
            content.fields.setdefault(part, {})[field_id] = value_from_text(value)
        for form in s.scalars(select(FormRecord).where(FormRecord.report_id == report_id)):
            content.forms[form.letter] = FormAttrs(form.status, form.last_reported_year,
                                                   form.statement, bool(form.to_review))
        positions: dict[str, dict[str, list[int]]] = {}
        for part, table_id, position, cells in s.execute(
                select(RowRecord.part, RowRecord.table_id, RowRecord.position, RowRecord.cells)
                .where(RowRecord.report_id == report_id)
                .order_by(RowRecord.part, RowRecord.table_id, RowRecord.position)):
            content.tables.setdefault(part, {}).setdefault(table_id, []).append(
                row_from_text(cells))
            positions.setdefault(part, {}).setdefault(table_id, []).append(position)
        for att in s.scalars(select(AttachmentRecord)
                             .where(AttachmentRecord.report_id == report_id)
                             .order_by(AttachmentRecord.position)):
            content.attachments[att.attachment_id] = AttachmentMeta(att.filename, att.media_type,
                                                                    att.sha256)
        return _Stored(revision, content, positions)

    def _blobs(self, s: Session, metas: Iterable[AttachmentMeta]) -> dict[str, bytes]:
        wanted = sorted({m.sha256 for m in metas})
        out: dict[str, bytes] = {}
        for chunk in _chunks(wanted):
            for sha, data in s.execute(select(BlobRecord.sha256, BlobRecord.data)
                                       .where(BlobRecord.sha256.in_(chunk))):
                out[sha] = bytes(data)
        return out

    def _rebuild(self, s: Session, report_id: int, number: int, newest: int) -> Content:
        if not 1 <= number <= newest:
            raise StorageError(message(N_("Report {id} has no revision {number} (it has 1 to "
                                          "{newest})"), id=str(report_id), number=str(number),
                                       newest=str(newest)))
        base = s.scalar(select(func.max(RevisionRecord.number)).where(
            RevisionRecord.report_id == report_id, RevisionRecord.is_snapshot.is_(True),
            RevisionRecord.number <= number))
        assert base is not None, "revision 1 is always a snapshot"
        payloads = s.execute(select(RevisionRecord.payload).where(
            RevisionRecord.report_id == report_id, RevisionRecord.number >= base,
            RevisionRecord.number <= number).order_by(RevisionRecord.number)).scalars().all()
        content = content_from_json(_unpack(payloads[0]))
        for payload in payloads[1:]:
            apply(content, Changes.from_json(_unpack(payload)))
        return content

    # Writing ---------------------------------------------------------------------------------

    def _insert(self, s: Session, report: Report, summary: Said) -> tuple[int, _Stored]:
        metas = attachment_metas(report, {})
        content = content_of(report, metas)
        now = _now()
        record = ReportRecord(language=content.language, template=content.template,
                              created_at=now, saved_at=now, revision=1)
        _copy_cover(record, content)
        s.add(record)
        s.flush()
        report_id = record.id
        values = [{"report_id": report_id, "part": part, "field_id": key,
                   "value": value_to_text(value)}
                  for part, vals in content.fields.items() for key, value in vals.items()]
        if values:
            s.execute(insert(ValueRecord), values)
        forms = [{"report_id": report_id, "letter": letter, "status": a.status,
                  "last_reported_year": a.last_reported_year, "statement": a.statement,
                  "to_review": a.to_review}
                 for letter, a in content.forms.items()]
        if forms:
            s.execute(insert(FormRecord), forms)
        positions: dict[str, dict[str, list[int]]] = {}
        for part, tables in content.tables.items():
            for table_id, rows in tables.items():
                positions.setdefault(part, {})[table_id] = self._insert_table(
                    s, report_id, part, table_id, rows)
        self._write_attachments(s, report_id, content.attachments, report, set())
        size = self._add_revision(s, report_id, 1, now, summary, content_to_json(content), True)
        return report_id, _Stored(1, content, positions, (0, 0, size))

    def _insert_table(self, s: Session, report_id: int, part: str, table_id: str,
                      rows: list[Row]) -> list[int]:
        positions = [(i + 1) * GAP for i in range(len(rows))]
        if rows:
            s.execute(insert(RowRecord), [
                {"report_id": report_id, "part": part, "table_id": table_id, "position": p,
                 "cells": row_to_text(row)} for p, row in zip(positions, rows, strict=True)])
        return positions

    def _write(self, s: Session, record: ReportRecord, stored: _Stored, changes: Changes,
               report: Report, summary: Said) -> Revision:
        report_id = record.id
        content = stored.content
        for part, vals in changes.fields.items():
            before = content.fields.get(part, {})
            gone = [k for k, v in vals.items() if v is None and k in before]
            new = [{"report_id": report_id, "part": part, "field_id": k,
                    "value": value_to_text(v)} for k, v in vals.items()
                   if v is not None and k not in before]
            changed = [{"report_id": report_id, "part": part, "field_id": k,
                        "value": value_to_text(v)} for k, v in vals.items()
                       if v is not None and k in before]
            if gone:
                s.execute(delete(ValueRecord).where(
                    ValueRecord.report_id == report_id, ValueRecord.part == part,
                    ValueRecord.field_id.in_(gone)))
            if new:
                s.execute(insert(ValueRecord), new)
            if changed:
                s.execute(update(ValueRecord), changed)
        for letter, attrs in changes.forms.items():
            s.execute(delete(FormRecord).where(FormRecord.report_id == report_id,
                                               FormRecord.letter == letter))
            if attrs != FormAttrs():
                s.execute(insert(FormRecord).values(
                    report_id=report_id, letter=letter, status=attrs.status,
                    last_reported_year=attrs.last_reported_year, statement=attrs.statement,
                    to_review=attrs.to_review))
        new_positions: dict[tuple[str, str], list[int]] = {}
        for part, table_id, hunks in changes.hunks():
            new_positions[part, table_id] = self._write_table(
                s, report_id, part, table_id, content.rows(part, table_id),
                stored.positions.get(part, {}).get(table_id, []), hunks)
        if changes.attachments is not None:
            old_shas = {m.sha256 for m in content.attachments.values()}
            s.execute(delete(AttachmentRecord).where(AttachmentRecord.report_id == report_id))
            self._write_attachments(s, report_id, changes.attachments, report, old_shas)
        # The database now holds the new state; bring what we remember up to date.
        apply(content, changes)
        for (part, table_id), positions in new_positions.items():
            if positions:
                stored.positions.setdefault(part, {})[table_id] = positions
            else:
                stored.positions.get(part, {}).pop(table_id, None)
        number = record.revision + 1
        now = _now()
        count, total, base_size = stored.since_snapshot or self._since_snapshot(s, report_id)
        # Rebuilding a revision then reads at most about twice a snapshot's bytes.
        snapshot = (count + 1 >= self.snapshot_every
                    or total >= max(base_size, self.snapshot_min_bytes))
        payload = content_to_json(content) if snapshot else changes.to_json()
        size = self._add_revision(s, report_id, number, now, summary, payload, snapshot)
        stored.since_snapshot = (0, 0, size) if snapshot else (count + 1, total + size, base_size)
        record.revision = number
        record.saved_at = now
        record.language = content.language
        record.template = content.template
        _copy_cover(record, content)
        stored.revision = number
        self._known[report_id] = stored
        return revision_of(number, now, self.user, stored_summary(summary))

    def _write_table(self, s: Session, report_id: int, part: str, table_id: str,
                     old_rows: list[Row], old_positions: list[int],
                     hunks: list[Hunk]) -> list[int]:
        """Write one table's hunks: only rows that differ are updated, removed rows deleted,
        new rows inserted at positions between their neighbours. Returns the new positions."""
        where = (RowRecord.report_id == report_id, RowRecord.part == part,
                 RowRecord.table_id == table_id)
        gone: list[int] = []
        changed: list[dict[str, Any]] = []
        runs: list[tuple[int, int]] = []  # [start, end) of inserted rows, new coordinates
        inserted: list[Row] = []  # their rows, in the same order
        slots: list[tuple[int, int, list[int | None]]] = []  # hunks on positions (None: new)
        shift = 0
        for h in hunks:
            paired = min(h.end - h.start, len(h.rows))
            for j in range(paired):
                if old_rows[h.start + j] != h.rows[j]:
                    changed.append({"report_id": report_id, "part": part, "table_id": table_id,
                                    "position": old_positions[h.start + j],
                                    "cells": row_to_text(h.rows[j])})
            gone.extend(old_positions[h.start + paired:h.end])
            if len(h.rows) > paired:
                runs.append((h.start + shift + paired, h.start + shift + len(h.rows)))
                inserted.extend(h.rows[paired:])
            kept: list[int | None] = list(old_positions[h.start:h.start + paired])
            slots.append((h.start, h.end, kept + [None] * (len(h.rows) - paired)))
            shift += len(h.rows) - (h.end - h.start)
        positions: list[int | None] = list(old_positions)
        for start, end, slot in reversed(slots):
            positions[start:end] = slot
        if not _fill_positions(positions, runs):
            # No room between two rows: write the table afresh with even gaps (rare).
            new_rows = list(old_rows)
            apply_hunks(new_rows, hunks)
            s.execute(delete(RowRecord).where(*where))
            return self._insert_table(s, report_id, part, table_id, new_rows)
        for chunk in _chunks(gone):
            s.execute(delete(RowRecord).where(*where, RowRecord.position.in_(chunk)))
        if changed:
            s.execute(update(RowRecord), changed)
        new_positions = [positions[i] for start, end in runs for i in range(start, end)]
        if inserted:
            s.execute(insert(RowRecord), [
                {"report_id": report_id, "part": part, "table_id": table_id, "position": p,
                 "cells": row_to_text(row)}
                for p, row in zip(new_positions, inserted, strict=True)])
        return [p for p in positions if p is not None]

    def _write_attachments(self, s: Session, report_id: int, metas: dict[str, AttachmentMeta],
                           report: Report, known_shas: set[str]) -> None:
        fresh = {m.sha256: att_id for att_id, m in metas.items() if m.sha256 not in known_shas}
        if fresh:
            present: set[str] = set()
            for chunk in _chunks(sorted(fresh)):
                present.update(s.scalars(select(BlobRecord.sha256)
                                         .where(BlobRecord.sha256.in_(chunk))))
            for sha, att_id in fresh.items():
                if sha not in present:
                    data = report.attachments[att_id].data
                    s.execute(self._insert_ignoring(BlobRecord).values(
                        sha256=sha, size=len(data), data=data))
            s.execute(self._insert_ignoring(BlobUseRecord),
                      [{"report_id": report_id, "sha256": sha} for sha in fresh])
        if metas:
            s.execute(insert(AttachmentRecord), [
                {"report_id": report_id, "attachment_id": att_id, "position": i,
                 "filename": m.filename, "media_type": m.media_type, "sha256": m.sha256}
                for i, (att_id, m) in enumerate(metas.items())])

    def _insert_ignoring(self, model: type[BlobRecord] | type[BlobUseRecord]) -> Any:
        """INSERT that does nothing when the key exists (another report may have added the
        same file a moment ago). Each dialect is imported here, when first needed: the
        PostgreSQL one is large, and a start with SQLite never needs it."""
        from sqlalchemy.dialects import postgresql, sqlite

        if self._engine.dialect.name == "postgresql":
            return postgresql.insert(model).on_conflict_do_nothing()
        return sqlite.insert(model).on_conflict_do_nothing()

    def _since_snapshot(self, s: Session, report_id: int) -> tuple[int, int, int]:
        base, base_size = s.execute(
            select(RevisionRecord.number, RevisionRecord.size).where(
                RevisionRecord.report_id == report_id, RevisionRecord.is_snapshot.is_(True))
            .order_by(RevisionRecord.number.desc()).limit(1)).one()
        count, total = s.execute(select(func.count(), func.coalesce(func.sum(RevisionRecord.size), 0))
                                 .where(RevisionRecord.report_id == report_id,
                                        RevisionRecord.number > base)).one()
        return int(count), int(total), int(base_size)

    def _add_revision(self, s: Session, report_id: int, number: int, now: datetime,
                      summary: Said, payload: dict[str, Any], snapshot: bool) -> int:
        packed = _pack(payload)
        s.execute(insert(RevisionRecord).values(
            report_id=report_id, number=number, saved_at=now, user=self.user,
            summary=stored_summary(summary),
            is_snapshot=snapshot, payload=packed, size=len(packed)))
        return len(packed)


# Helpers ------------------------------------------------------------------------------------


def stored_summary(summary: Said) -> str:
    """A revision's summary as the database keeps it: a template and its parameters as JSON
    (shown in the reader's language), or text as it was given (a person's own words)."""
    if isinstance(summary, str):
        return summary
    return json.dumps(to_data(summary), ensure_ascii=False, separators=(",", ":"))


def revision_of(number: int, saved_at: datetime, user: str, stored: str) -> Revision:
    """A revision as read back. Summaries stored as English text by older versions, and a
    person's own words, show as they are."""
    said: Message | Words | None = None
    if stored.startswith("{"):
        try:
            said = from_data(json.loads(stored))
        except ValueError:
            said = None
    return Revision(number, saved_at, user, said.text() if said is not None else stored, said)


def _fill_positions(positions: list[int | None], runs: list[tuple[int, int]]) -> bool:
    """Give the inserted rows (None) positions between their neighbours; False if no room."""
    for start, end in runs:
        count = end - start
        lo = positions[start - 1] if start > 0 else None
        hi = positions[end] if end < len(positions) else None
        if lo is None and hi is None:
            values = [(i + 1) * GAP for i in range(count)]
        elif hi is None:
            assert lo is not None
            values = [lo + (i + 1) * GAP for i in range(count)]
        elif lo is None:
            values = [hi - (count - i) * GAP for i in range(count)]
        elif hi - lo > count:
            values = [lo + (hi - lo) * (i + 1) // (count + 1) for i in range(count)]
        else:
            return False
        positions[start:end] = values
    return True


def _copy_cover(record: ReportRecord, content: Content) -> None:
    cover = content.fields.get(COVER, {})

    def text(key: str, size: int) -> str | None:
        value = cover.get(key)
        if value is None:
            return None
        return (value.isoformat() if isinstance(value, date) else str(value))[:size]

    record.state = text("state", 16)
    record.report_kind = text("report_kind", 32)
    record.period_from = text("period_from", 10)
    record.period_to = text("period_to", 10)


def _summary(record: ReportRecord) -> ReportSummary:
    return ReportSummary(record.id, record.state, record.report_kind, _date(record.period_from),
                         _date(record.period_to), record.saved_at, record.language,
                         record.revision, record.deleted_at)


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _now() -> datetime:
    return datetime.now(UTC)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _pack(payload: dict[str, Any]) -> bytes:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 6)


def _unpack(payload: bytes) -> dict[str, Any]:
    data = json.loads(zlib.decompress(payload).decode("utf-8"))
    assert isinstance(data, dict)
    return data


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]
