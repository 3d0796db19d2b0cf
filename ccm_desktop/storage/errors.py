"""Storage failures as one plain sentence that names the database: a template with its
parameters (`said`), written in the reader's language where it is shown (`text_in`).

The command line prints it with exit code 2; the window shows it. Nothing in the
database is changed by an operation that fails: every write is one transaction.
"""

from __future__ import annotations

from pathlib import Path

from ccm_desktop.domain.errors import UserError
from ccm_desktop.domain.messages import Message, message
from ccm_desktop.schema.i18n import N_


class StorageError(UserError):
    pass


class NoSuchReport(StorageError):
    pass


class NotADatabase(StorageError):
    """The file is not a ccm-desktop database, or is damaged. `backup` is the newest automatic
    backup of it, if there is one, for the window to offer."""

    def __init__(self, message: str | Message, backup: Path | None = None) -> None:
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


def could_not(doing: str, database: str | Message) -> Message:
    """The start of a failure sentence: "Could not save to {database}". `doing` is "open",
    "read" or "save to" (each its own sentence, so that each language can word it)."""
    if doing == "open":
        return message(N_("Could not open {database}"), database=database)
    if doing == "read":
        return message(N_("Could not read {database}"), database=database)
    return message(N_("Could not save to {database}"), database=database)


def describe_sqlite_error(where: str | Message, error: BaseException, doing: str
                          ) -> StorageError | None:
    """A `StorageError` for a known SQLite failure (by its result code), or None."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    action = could_not(doing, where)
    if name.startswith("SQLITE_FULL") or "database or disk is full" in text:
        return DiskFull(message(N_("{action}: the disk is full (everything saved before is safe; "
                                   "free some space and try again)"), action=action))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return DatabaseBusy(message(N_("{action}: another copy of ccm-desktop is writing to it "
                                       "and did not finish in time; try again in a moment"),
                                    action=action))
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return ReadOnlyDatabase(message(N_("{action}: the file or its folder is read-only; copy "
                                           "it to a folder you can write to, or choose another "
                                           "with --db"), action=action))
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return NotADatabase(message(N_("{database} is damaged ({reason}); close ccm-desktop and "
                                       "open it again to see whether an automatic backup can "
                                       "replace it"), database=where, reason=text))
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return ReadOnlyDatabase(message(N_("{action}: the file cannot be opened (is its folder "
                                           "missing or read-only?)"), action=action))
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return StorageError(message(N_("{action}: the disk reported an error ({reason}); "
                                       "everything saved before is safe"),
                                    action=action, reason=text))
    return None
