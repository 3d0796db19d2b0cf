"""Bad situations (issue 4, item 6): each gives one plain sentence naming the file, and nothing
on disk is changed or lost."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from ccm_desktop.domain.report import Attachment, Report
from ccm_desktop.exchange.json_io import dumps_report
from ccm_desktop.storage import backups
from ccm_desktop.storage.migrate import MIGRATIONS, head
from ccm_desktop.storage.repository import (
    DatabaseBusy,
    DiskFull,
    NewerDatabase,
    NotADatabase,
    ReadOnlyDatabase,
    Repository,
    open_repository,
    restore_backup,
)
from tests.conftest import ROOT
from tests.test_storage import big_report, sample


def files(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def cli(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "ccm_desktop.cli", *args], capture_output=True,
                          text=True, timeout=120, env=env, **kwargs)


def one_sentence(stderr: str, *parts: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


def make_db(path: Path) -> int:
    with open_repository(path) as repo:
        return repo.add(sample())


# Not a database, damaged, another program's, newer --------------------------------------------


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite3"
    db.write_text("Minutes of the meeting of 3 May\n", encoding="utf-8")
    before = files(tmp_path)
    with pytest.raises(NotADatabase) as caught:
        open_repository(db)
    assert caught.value.user_message == (
        f"{db} is damaged or not a ccm-desktop database (it is not a database file), and there "
        "is no automatic backup of it; it has been left as it is")
    assert caught.value.backup is None
    result = cli("--db", str(db), "list")
    assert result.returncode == 2
    one_sentence(result.stderr, str(db), "not a ccm-desktop database")
    assert files(tmp_path) == before


def test_a_damaged_database_offers_the_newest_backup(tmp_path: Path) -> None:
    db = tmp_path / "ccm.sqlite3"
    with open_repository(db) as repo:
        report_id = repo.add(big_report(2000))
        expected = dumps_report(repo.load(report_id))
    with open_repository(db):  # the first open of an existing file today makes a backup
        pass
    (backup,) = backups.backup_folder(db).iterdir()
    assert backup.name == f"ccm-{date.today().isoformat()}.sqlite3"
    with open(db, "r+b") as handle:  # a disk that garbled a few pages
        handle.seek(4096 * 5)
        handle.write(os.urandom(4096 * 3))
    before = files(tmp_path)
    with pytest.raises(NotADatabase) as caught:
        open_repository(db)
    message = caught.value.user_message
    assert message.startswith(f"{db} is damaged or not a ccm-desktop database (")
    assert f"the newest automatic backup, from {date.today().isoformat()}" in message
    assert str(backup) in message and caught.value.backup == backup
    result = cli("--db", str(db), "export", str(report_id), "--to", str(tmp_path / "x.json"))
    assert result.returncode == 2
    one_sentence(result.stderr, str(db), "is damaged", str(backup))
    assert files(tmp_path) == before  # nothing was touched, not even the backups
    # The window offers the backup; taking it keeps the damaged file aside.
    aside = restore_backup(db, backup)
    assert hashlib.sha256(aside.read_bytes()).hexdigest() == before[db.name]
    with open_repository(db) as repo:
        assert dumps_report(repo.load(report_id)) == expected


def test_daily_backups_are_kept_for_14_days(tmp_path: Path) -> None:
    db = tmp_path / "ccm.sqlite3"
    make_db(db)
    today = date(2024, 5, 20)
    for back in range(19, -1, -1):  # opened once a day for 20 days
        backups.daily_backup(db, today - timedelta(days=back))
    kept = sorted(p.name for p in backups.backup_folder(db).iterdir())
    assert kept == [f"ccm-{(today - timedelta(days=d)).isoformat()}.sqlite3"
                    for d in range(13, -1, -1)]
    assert backups.daily_backup(db, today) is None  # one a day
    with contextlib.closing(sqlite3.connect(backups.backup_folder(db) / kept[-1])) as con:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("SELECT count(*) FROM report").fetchone() == (1,)


def test_a_database_of_another_program(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite3"
    with contextlib.closing(sqlite3.connect(db)) as con:
        con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        con.commit()
    before = files(tmp_path)
    with pytest.raises(NotADatabase, match="is a database of another program"):
        open_repository(db)
    assert files(tmp_path) == before


def future_migrations(folder: Path) -> Path:
    """Our migrations plus one from a "newer version" of ccm-desktop."""
    shutil.copytree(MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9999_future.py").write_text(textwrap.dedent(f'''
        """A newer version's change: reports get a title."""
        import sqlalchemy as sa
        from alembic import op

        revision = "9999"
        down_revision = "{head()}"
        branch_labels = None
        depends_on = None


        def upgrade():
            with op.batch_alter_table("report") as batch:
                batch.add_column(sa.Column("title", sa.Text(), nullable=True))


        def downgrade():
            with op.batch_alter_table("report") as batch:
                batch.drop_column("title")
        '''), encoding="utf-8")
    return folder


def test_upgrade_backs_up_first_and_an_older_version_refuses_the_newer_file(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "ccm.sqlite3"
    report_id = make_db(db)
    newer = future_migrations(tmp_path / "newer")
    with open_repository(db, migrations=newer) as repo:  # the newer version opens it
        assert dumps_report(repo.load(report_id)) == dumps_report(sample())
        notes = repo.notes
    (before_upgrade,) = backups.backup_folder(db).glob(f"ccm-before-upgrade-{head()}-*.sqlite3")
    assert [note.text() for note in notes] == [
        f"{db} was upgraded to this version of ccm-desktop; the file as it was is kept as "
        f"{before_upgrade}."]
    with contextlib.closing(sqlite3.connect(before_upgrade)) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(head(),)]
        assert "title" not in [r[1] for r in con.execute("PRAGMA table_info(report)")]
    with contextlib.closing(sqlite3.connect(db)) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("9999",)]
        assert "title" in [r[1] for r in con.execute("PRAGMA table_info(report)")]
    before = files(data)
    with pytest.raises(NewerDatabase) as caught:  # this (older) version must not touch it
        open_repository(db)
    assert caught.value.user_message == (
        f"{db} was written by a newer version of ccm-desktop (database version 9999); install "
        "that version to open it — this one leaves the file untouched")
    result = cli("--db", str(db), "list")
    assert result.returncode == 2
    one_sentence(result.stderr, "newer version of ccm-desktop")
    assert files(data) == before


# Read-only folder -----------------------------------------------------------------------------


def _read_only_runner(folder: Path) -> tuple[list[str], dict[str, Any]] | None:
    """How to run a command that sees `folder` read-only: (command prefix, subprocess
    arguments), or None. Not as root, file permissions do it; as root (which they do not stop)
    run as `nobody`, or else in a private mount namespace where `folder` is mounted read-only."""
    if os.geteuid() != 0:
        return [], {}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    nobody: dict[str, Any] = {"user": 65534, "group": 65534, "extra_groups": []}
    with contextlib.suppress(OSError):
        probe = subprocess.run([sys.executable, "-c", "import ccm_desktop.storage.repository"],
                               capture_output=True, cwd="/", env=env, **nobody)
        if probe.returncode == 0:
            return [], nobody
    prefix = ["unshare", "-m", "sh", "-c", 'mount --bind "$0" "$0" && '
              'mount -o remount,ro,bind "$0" "$0" && shift && exec "$@"', str(folder), "--"]
    with contextlib.suppress(OSError):
        probe = subprocess.run([*prefix, "sh", "-c", f'! touch "{folder}/probe" 2>/dev/null'],
                               capture_output=True)
        if probe.returncode == 0 and not (folder / "probe").exists():
            return prefix, {}
    return None


def test_a_read_only_folder(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="ccm-ro-"))
    try:
        db = folder / "ccm.sqlite3"
        make_db(db)
        runner = _read_only_runner(folder)
        if runner is None:
            pytest.skip("running as root, and neither the nobody user nor a private read-only "
                        "mount is available to make the folder read-only for root")
        prefix, as_user = runner
        sample_file = folder.parent / f"{folder.name}-in.ccm.json"
        sample_file.write_text(dumps_report(sample()), encoding="utf-8")
        os.chmod(db, 0o444)
        os.chmod(folder, 0o555)
        before = files(folder)
        for args in (["list"], ["import", str(sample_file)]):
            result = subprocess.run(
                [*prefix, sys.executable, "-m", "ccm_desktop.cli", "--db", str(db), *args],
                capture_output=True, text=True, timeout=120, cwd="/",
                env={**os.environ, "PYTHONPATH": str(ROOT)}, **as_user)
            assert result.returncode == 2, result.stdout + result.stderr
            line = one_sentence(result.stderr, str(db), "read-only")
            assert line == (f"ccm-desktop: Cannot save to {db}: the folder or the file is "
                            "read-only; copy the file to a folder you can write to and open "
                            "it there (or give another file with --db)")
        assert files(folder) == before
        if os.geteuid() != 0:
            with pytest.raises(ReadOnlyDatabase):
                open_repository(db)
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)
        with contextlib.suppress(OSError):
            (folder.parent / f"{folder.name}-in.ccm.json").unlink()


# Disk full ------------------------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(size_kb: int) -> Iterator[Path]:
    """A real, tiny file system (tmpfs), if this machine lets us mount one."""
    folder = Path(tempfile.mkdtemp(prefix="ccm-full-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs",
                              str(folder)], capture_output=True)
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip("cannot mount a small file system here (needs root with CAP_SYS_ADMIN); "
                    "test_the_disk_fills_up_while_saving covers the same error from SQLite")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)
        folder.rmdir()


def attachment(size: int) -> Attachment:
    data = os.urandom(size)
    return Attachment("scan", "scan.pdf", "application/pdf", hashlib.sha256(data).hexdigest(), data)


def test_a_real_full_disk(tmp_path: Path) -> None:
    with small_disk(1024) as disk:
        db = disk / "ccm.sqlite3"
        with open_repository(db) as repo:
            report_id = repo.add(sample())
            report = repo.load(report_id)
            kept = dumps_report(report)
            report.attachments["scan"] = attachment(2 * 1024 * 1024)
            with pytest.raises(DiskFull) as caught:
                repo.save(report_id, report)
            assert caught.value.user_message == (
                f"Could not save to {db}: the disk is full (everything saved before is safe; "
                "free some space and try again)")
            with pytest.raises(DiskFull):
                repo.add(report)
        with open_repository(db) as repo:
            assert dumps_report(repo.load(report_id)) == kept
            assert [r.number for r in repo.history(report_id)] == [1]
            assert [s.id for s in repo.list_reports()] == [report_id]
        with contextlib.closing(sqlite3.connect(db)) as con:
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_the_disk_fills_up_while_saving(tmp_path: Path) -> None:
    """SQLite's own limit on the file's size fails writes with the very error (SQLITE_FULL) a
    full disk gives; this runs everywhere, also where no file system can be mounted."""
    db = tmp_path / "ccm.sqlite3"
    report_id = make_db(db)

    def cap(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 3}")

    event.listen(Engine, "connect", cap)
    try:
        with open_repository(db) as repo:
            report = repo.load(report_id)
            report.form("F").tables["clearance"] = big_report(3000).form("F").tables["clearance"]
            with pytest.raises(DiskFull) as caught:
                repo.save(report_id, report)
            assert caught.value.user_message == (
                f"Could not save to {db}: the disk is full (everything saved before is safe; "
                "free some space and try again)")
            # The window keeps the report open; a small change still fits and is saved.
            del report.form("F").tables["clearance"]
            report.cover.fields["prepared_by"] = "Small change"
            assert repo.save(report_id, report) is not None
    finally:
        event.remove(Engine, "connect", cap)
    with open_repository(db) as repo:
        loaded = repo.load(report_id)
        assert "clearance" not in loaded.form("F").tables
        assert loaded.cover.fields["prepared_by"] == "Small change"
        assert [r.summary for r in repo.history(report_id)] == [
            "Created", "Cover page: 1 value changed"]
        loaded.form("F").tables["clearance"] = big_report(3000).form("F").tables["clearance"]
        assert repo.save(report_id, loaded) is not None  # room again: saved
    with contextlib.closing(sqlite3.connect(db)) as con:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


# Another copy of the application -------------------------------------------------------------


WORKER = textwrap.dedent("""
    import sys
    from ccm_desktop.storage.repository import open_repository
    db, report_id, label, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    with open_repository(db) as repo:
        report = repo.load(report_id)
        rows = report.form("B").tables.setdefault("stockpile", [])
        for i in range(count):
            rows.append({"type": f"{label}-{i}", "munitions": i})
            repo.save(report_id, report)
    print("done")
""")


def test_two_copies_save_to_the_same_file_safely(tmp_path: Path) -> None:
    db = tmp_path / "ccm.sqlite3"
    with open_repository(db) as repo:
        first, second = repo.add(sample()), repo.add(sample())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(db), str(rid), label, "40"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env)
               for rid, label in ((first, "one"), (second, "two"))]
    with open_repository(db) as repo:  # and this copy lists and reads meanwhile
        for _ in range(20):
            assert len(repo.list_reports()) == 2
            repo.load(first)
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0 and out.strip() == "done", err
    with open_repository(db) as repo:
        for rid, label in ((first, "one"), (second, "two")):
            types = [r["type"] for r in repo.load(rid).form("B").tables["stockpile"]]
            assert types[-40:] == [f"{label}-{i}" for i in range(40)]
            assert len(repo.history(rid)) == 41


@contextlib.contextmanager
def unsaved_edit(tmp_path: Path) -> Iterator[tuple[Path, Repository, int, Report]]:
    """A database with one report, open in a copy of the program that gives up waiting for the
    file after 0.3 s, and an edit of that report not saved yet."""
    db = tmp_path / "ccm.sqlite3"
    report_id = make_db(db)
    with open_repository(db, busy_timeout=0.3) as repo:
        report = repo.load(report_id)
        report.cover.fields["prepared_by"] = "Desk"
        yield db, repo, report_id, report


@contextlib.contextmanager
def another_program_writing(db: Path) -> Iterator[None]:
    """Another program in the middle of writing to the file (it holds the write lock)."""
    with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")


def test_a_copy_that_holds_the_file_too_long_is_named(tmp_path: Path) -> None:
    with unsaved_edit(tmp_path) as (db, repo, report_id, report):
        # Gives up instead of waiting forever.
        with another_program_writing(db), pytest.raises(DatabaseBusy) as caught:
            repo.save(report_id, report)
        assert caught.value.user_message == (
            f"Could not save to {db}: another copy of ccm-desktop is writing to it and did not "
            "finish in time; try again in a moment")
        assert repo.load(report_id).cover.fields["prepared_by"] != "Desk"
        report.cover.fields["prepared_by"] = "Desk"
        assert repo.save(report_id, report) is not None  # the next autosave goes through
        assert repo.load(report_id).cover.fields["prepared_by"] == "Desk"


@pytest.mark.timing
def test_a_busy_database_is_given_up_on_soon_after_the_busy_timeout(tmp_path: Path) -> None:
    with unsaved_edit(tmp_path) as (db, repo, report_id, report), another_program_writing(db):
        started = time.monotonic()
        with pytest.raises(DatabaseBusy):
            repo.save(report_id, report)
        assert time.monotonic() - started < 5


def test_unknown_report_and_bad_locations(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="the folder .* does not exist"):
        open_repository(tmp_path / "missing" / "ccm.sqlite3")
    with pytest.raises(Exception, match="only SQLite files and postgresql:// databases"):
        open_repository("mysql://localhost/ccm")
    result = cli("--db", "postgresql://nobody@127.0.0.1:1/none", "list")
    assert result.returncode == 2
    one_sentence(result.stderr, "Could not reach the team database postgresql://nobody@")
    db = tmp_path / "ccm.sqlite3"
    result = cli("--db", str(db), "history", "3")
    assert result.returncode == 2
    assert result.stderr == f"ccm-desktop: There is no report 3 in {db}\n"


def test_the_default_database_is_in_the_data_folder(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "xdg"),
           "HOME": str(tmp_path)}
    env.pop("CCM_DESKTOP_DB", None)
    result = subprocess.run([sys.executable, "-m", "ccm_desktop.cli", "list"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "xdg" / "ccm-desktop" / "ccm-desktop.sqlite3").is_file()
    env["CCM_DESKTOP_DB"] = str(tmp_path / "chosen.sqlite3")
    result = subprocess.run([sys.executable, "-m", "ccm_desktop.cli", "list"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "chosen.sqlite3").is_file()
