"""Which database, and opening it safely: checks, backups and migrations before any write.

`connect(db)` resolves the location (`None` -> `CCM_DESKTOP_DB` -> the user's data folder), and
for an SQLite file makes sure, before SQLAlchemy writes a byte, that it is a ccm-desktop
database, undamaged, not from a newer version, in a folder we may write to; then takes the daily
backup and, if the schema is older, a backup before upgrading it. Every refusal is a
`StorageError` whose message names the file, and leaves the file as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from ccm_desktop.domain.messages import Message, message
from ccm_desktop.schema.i18n import N_
from ccm_desktop.storage import backups, migrate
from ccm_desktop.storage.errors import (
    CannotConnect,
    DatabaseBusy,
    DiskFull,
    NewerDatabase,
    NotADatabase,
    ReadOnlyDatabase,
    StorageError,
    could_not,
    describe_sqlite_error,
)

APP = "ccm-desktop"
DEFAULT_NAME = "ccm-desktop.sqlite3"
WRITE = "ccm_write"  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)


@dataclass
class Target:
    url: URL
    path: Path | None  # the SQLite file, or None for a server
    label: str | Message  # how messages name it: the file's path, or "the team database …"
    notes: list[Message] = field(default_factory=list)  # things the window may want to mention
    shown: str = ""  # a server's URL without its password

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False)) / DEFAULT_NAME


def resolve(db: str | os.PathLike[str] | None) -> Target:
    if db is None or str(db) == "":
        db = os.environ.get("CCM_DESKTOP_DB") or None
    if db is None:
        path = default_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return _sqlite_target(path)
    text_db = os.fspath(db)
    if "://" not in text_db:
        return _sqlite_target(Path(text_db).expanduser())
    try:
        url = make_url(text_db)
    except ArgumentError:
        raise StorageError(message(N_("{db} is neither a file name nor a database URL"),
                                   db=text_db)) from None
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise StorageError(message(N_("{db}: give the name of a database file"), db=text_db))
        return _sqlite_target(Path(url.database).expanduser())
    if url.get_backend_name() == "postgresql":
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        shown = url.set(drivername="postgresql").render_as_string(hide_password=True)
        return Target(url, None, message(N_("the team database {url}"), url=shown), shown=shown)
    raise StorageError(message(N_("{db}: only SQLite files and postgresql:// databases are "
                                  "supported"), db=url.render_as_string(hide_password=True)))


def _sqlite_target(path: Path) -> Target:
    path = path.absolute()
    return Target(URL.create("sqlite", database=str(path)), path, str(path))


# SQLite ---------------------------------------------------------------------------------------


def _check_sqlite_file(target: Target, busy_timeout: float, migrations: Path) -> str | None:
    """Everything that can be refused without writing. Returns the stored schema revision
    (None for a new or empty file)."""
    path = target.path
    assert path is not None
    folder = path.parent
    if not folder.is_dir():
        raise StorageError(message(N_("Cannot open {path}: the folder {folder} does not exist"),
                                   path=str(path), folder=str(folder)))
    exists = path.exists()
    if exists and not path.is_file():
        raise NotADatabase(message(N_("{path} is a folder or a device, not a ccm-desktop "
                                      "database"), path=str(path)))
    size = path.stat().st_size if exists else 0
    if size:
        try:
            with open(path, "rb") as handle:
                header = handle.read(16)
        except OSError as exc:
            raise StorageError(message(N_("Cannot read {path} ({reason})"), path=str(path),
                                       reason=exc.strerror or str(exc))) from None
        if header != backups.SQLITE_HEADER:
            raise _damaged(path, message(N_("it is not a database file")))
    if not os.access(folder, os.W_OK) or (exists and not os.access(path, os.W_OK)):
        raise ReadOnlyDatabase(message(N_(
            "Cannot save to {path}: the folder or the file is read-only; copy the file to a "
            "folder you can write to and open it there (or give another file with --db)"),
            path=str(path)))
    if not size:
        return None
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=busy_timeout)) as con:
            result = con.execute("PRAGMA quick_check").fetchall()
            if result != [("ok",)]:
                raise _damaged(path, message(N_("the integrity check found: {problem}"),
                                             problem=str(result[0][0])))
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables:
                return None
            if "alembic_version" not in tables:
                raise NotADatabase(message(N_("{path} is a database of another program, not of "
                                              "ccm-desktop; choose another file"), path=str(path)))
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        known = describe_sqlite_error(str(path), exc, "open")
        if isinstance(known, NotADatabase):
            raise _damaged(path, str(exc)) from None
        raise known or StorageError(message(N_("Cannot open {path} ({reason})"), path=str(path),
                                            reason=str(exc))) from None
    version = str(row[0]) if row else None
    if version is not None and not migrate.is_known(version, migrations):
        raise NewerDatabase(message(N_(
            "{path} was written by a newer version of ccm-desktop (database version {version}); "
            "install that version to open it — this one leaves the file untouched"),
            path=str(path), version=version))
    return version


def _damaged(path: Path, why: str | Message) -> NotADatabase:
    backup = backups.newest_backup(path)
    if backup is None:
        return NotADatabase(message(N_(
            "{path} is damaged or not a ccm-desktop database ({why}), and there is no automatic "
            "backup of it; it has been left as it is"), path=str(path), why=why))
    when = backup.stat().st_mtime
    from datetime import datetime

    stamp = datetime.fromtimestamp(when).strftime("%Y-%m-%d %H:%M")
    return NotADatabase(message(N_(
        "{path} is damaged or not a ccm-desktop database ({why}); it has been left as it is, and "
        "the newest automatic backup, from {time}, is {backup} (the window offers to put it in "
        "place)"), path=str(path), why=why, time=stamp, backup=str(backup)), backup)


def _sqlite_engine(target: Target, busy_timeout: float) -> Engine:
    engine = create_engine(target.url, connect_args={"timeout": busy_timeout})
    timeout_ms = int(busy_timeout * 1000)

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below), so that writers can take the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    def on_begin(conn: Connection) -> None:
        # A writer asks for the write lock when it begins: upgrading a read lock later can fail
        # at once (SQLITE_BUSY_SNAPSHOT) when another process wrote in between.
        immediate = conn.get_execution_options().get(WRITE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)
    return engine


def _open_sqlite(target: Target, busy_timeout: float, migrations: Path) -> Engine:
    assert target.path is not None
    version = _check_sqlite_file(target, busy_timeout, migrations)
    path = target.path
    if version is not None:
        try:
            backups.daily_backup(path)
        except (OSError, sqlite3.Error) as exc:
            # Opening goes on: the database itself is fine. The window can say so.
            target.notes.append(message(N_("Today's automatic backup of {path} could not be "
                                           "made ({reason})."), path=str(path), reason=str(exc)))
        if version != migrate.head(migrations):
            try:
                kept = backups.upgrade_backup(path, version)
                target.notes.append(message(N_("{path} was upgraded to this version of "
                                               "ccm-desktop; the file as it was is kept as "
                                               "{kept}."), path=str(path), kept=str(kept)))
            except (OSError, sqlite3.Error) as exc:
                raise StorageError(message(N_(
                    "Cannot upgrade {path} to this version of ccm-desktop: the backup copy made "
                    "first failed ({reason}); nothing was changed"),
                    path=str(path), reason=str(exc))) from None
    engine = _sqlite_engine(target, busy_timeout)
    if version != migrate.head(migrations):
        try:
            _migrate(engine, target, migrations)
        except BaseException:
            engine.dispose()
            raise
    return engine


def _migrate(engine: Engine, target: Target, migrations: Path) -> None:
    try:
        with engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                if target.url.get_backend_name() == "postgresql":
                    # One upgrade at a time, even if several people open the team database.
                    conn.execute(text("SELECT pg_advisory_xact_lock(7471001)"))
                    if "report" in inspect(conn).get_table_names() and \
                            "alembic_version" not in inspect(conn).get_table_names():
                        raise NotADatabase(message(N_("{database} holds tables of another "
                                                      "program; give an empty database"),
                                                   database=target.label))
                current = migrate.current_revision(conn)
                if current is not None and not migrate.is_known(current, migrations):
                    raise NewerDatabase(message(N_(
                        "{database} was written by a newer version of ccm-desktop (database "
                        "version {version}); install that version to open it"),
                        database=target.label, version=str(current)))
                if current != migrate.head(migrations):
                    migrate.upgrade(conn, migrations)
    except DBAPIError as exc:
        raise translate(exc, target, "open") from None


# Both -----------------------------------------------------------------------------------------


def connect(db: str | os.PathLike[str] | None, busy_timeout: float = 10.0,
            migrations: Path = migrate.MIGRATIONS) -> tuple[Engine, Target]:
    """An engine on a checked, backed-up, up-to-date database. `migrations` is the folder of
    Alembic scripts (another one only in tests of the upgrade path)."""
    target = resolve(db)
    if target.is_sqlite:
        return _open_sqlite(target, busy_timeout, migrations), target
    try:
        engine = create_engine(target.url, pool_pre_ping=True,
                               connect_args={"connect_timeout": max(1, int(busy_timeout))})
    except (NoSuchModuleError, ImportError):
        raise StorageError(message(N_("Cannot use {database}: the PostgreSQL driver is not "
                                      "installed (pip install 'ccm-desktop[postgres]')"),
                                   database=target.label)) from None
    try:
        _migrate(engine, target, migrations)
    except BaseException:
        engine.dispose()
        raise
    return engine, target


def translate(exc: BaseException, target: Target, doing: str) -> StorageError:
    """A failure of the database as one sentence naming it."""
    if isinstance(exc, StorageError):
        return exc
    orig = getattr(exc, "orig", None) or exc
    if target.is_sqlite:
        known = describe_sqlite_error(target.label, orig, doing)
        if known is not None:
            return known
        return StorageError(message(N_("{action} ({reason})"),
                                    action=could_not(doing, target.label), reason=str(orig)))
    action = could_not(doing, target.label)
    state = getattr(orig, "sqlstate", None) or ""
    first_line = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if state.startswith("53"):
        return DiskFull(message(N_("{action}: the database server is out of disk space or "
                                   "memory (everything saved before is safe)"), action=action))
    if state in ("40001", "40P01", "55P03"):
        return DatabaseBusy(message(N_("{action}: someone else was saving at the same moment; "
                                       "try again"), action=action))
    if state == "25006" or state == "42501":
        return ReadOnlyDatabase(message(N_("{action}: this account may only read it"),
                                        action=action))
    if state.startswith("08") or (not state and isinstance(exc, DBAPIError)
                                  and exc.connection_invalidated) or "connect" in first_line:
        return CannotConnect(message(N_("Could not reach {database} ({reason})"),
                                     database=target.label, reason=first_line))
    return StorageError(message(N_("{action} ({reason})"), action=action, reason=first_line))
