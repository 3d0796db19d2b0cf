"""Storage failures as one plain sentence (`user_message`) that names the database.

The command line prints `user_message` with exit code 2; the window shows it. Nothing in the
database is changed by an operation that fails: every write is one transaction.
"""

from __future__ import annotations

from pathlib import Path

from ccm_desktop.domain.errors import UserError


class StorageError(UserError):
    pass


class NoSuchReport(StorageError):
    pass


class NotADatabase(StorageError):
    """The file is not a ccm-desktop database, or is damaged. `backup` is the newest automatic
    backup of it, if there is one, for the window to offer."""

    def __init__(self, message: str, backup: Path | None = None) -> None:
        super().__init__(message)
        self.backup = backup


class NewerDatabase(StorageError):
    pass


class ReadOnlyDatabase(StorageError):
    pass


class DiskFull(StorageError):
    pass


class DatabaseBusy(StorageError):
    pass


class ConflictError(StorageError):
    """Another copy of the application saved this report after it was loaded here."""


class CannotConnect(StorageError):
    pass


def describe_sqlite_error(where: str, error: BaseException, doing: str) -> StorageError | None:
    """A `StorageError` for a known SQLite failure (by its result code), or None."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    if name.startswith("SQLITE_FULL") or "database or disk is full" in text:
        return DiskFull(f"Could not {doing} {where}: the disk is full (everything saved before is "
                        "safe; free some space and try again)")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return DatabaseBusy(f"Could not {doing} {where}: another copy of ccm-desktop is writing "
                            "to it and did not finish in time; try again in a moment")
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return ReadOnlyDatabase(f"Could not {doing} {where}: the file or its folder is read-only; "
                                "copy it to a folder you can write to, or choose another with --db")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return NotADatabase(f"{where} is damaged ({text}); close ccm-desktop and open it again to "
                            "see whether an automatic backup can replace it")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return ReadOnlyDatabase(f"Could not {doing} {where}: the file cannot be opened (is its "
                                "folder missing or read-only?)")
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return StorageError(f"Could not {doing} {where}: the disk reported an error ({text}); "
                            "everything saved before is safe")
    return None
