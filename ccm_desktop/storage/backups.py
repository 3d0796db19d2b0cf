"""Automatic backups of an SQLite database, made with SQLite's online backup API.

One backup a day, taken when the database is first opened that day and only after it passed
`PRAGMA quick_check` (a damaged file never replaces a good backup), kept for 14 days; and one
before every schema upgrade. They live beside the database in `<name>.backups/`.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

KEEP_DAYS = 14
_DAILY = re.compile(r"^(?P<stem>.+)-(?P<day>\d{4}-\d{2}-\d{2})\.sqlite3$")
SQLITE_HEADER = b"SQLite format 3\x00"


def backup_folder(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backups")


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of `source` at `target`, written beside it first and then renamed, so a
    crash or a full disk never leaves half a backup under the final name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with contextlib.closing(sqlite3.connect(source)) as src, \
                contextlib.closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def daily_backup(db_path: Path, today: date | None = None) -> Path | None:
    """Make today's backup if there is none yet, and forget those older than 14 days.
    Returns the new backup, or None if today's already existed."""
    today = today or datetime.now(UTC).astimezone().date()
    folder = backup_folder(db_path)
    target = folder / f"{db_path.stem}-{today.isoformat()}.sqlite3"
    made = None
    if not target.exists():
        copy_database(db_path, target)
        made = target
    oldest = today - timedelta(days=KEEP_DAYS - 1)
    for path in folder.iterdir():
        match = _DAILY.match(path.name)
        if match and match["stem"] == db_path.stem and date.fromisoformat(match["day"]) < oldest:
            with contextlib.suppress(OSError):
                path.unlink()
    return made


def upgrade_backup(db_path: Path, from_revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_folder(db_path) / f"{db_path.stem}-before-upgrade-{from_revision}-{stamp}.sqlite3"
    copy_database(db_path, target)
    return target


def newest_backup(db_path: Path) -> Path | None:
    """The most recent backup that at least looks like an SQLite database."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return None
    candidates = []
    for path in folder.glob(f"{db_path.stem}-*.sqlite3"):
        try:
            with open(path, "rb") as handle:
                if handle.read(16) == SQLITE_HEADER:
                    candidates.append((path.stat().st_mtime, path))
        except OSError:
            continue
    return max(candidates)[1] if candidates else None


def restore_backup(db_path: Path, backup: Path) -> Path:
    """Put `backup` in place of the database at `db_path`. The file it replaces is not deleted
    but renamed `<name>.damaged-<time>` (with its -wal/-shm files); returns that new name."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    if db_path.exists():
        os.replace(db_path, aside)
    for suffix in ("-wal", "-shm"):
        extra = db_path.with_name(db_path.name + suffix)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + suffix))
    copy_database(backup, db_path)
    return aside
