"""The repository against a real SQLite file and a real PostgreSQL database: round trips,
saving only what changed, history, trash, duplicates, attachments stored once."""

from __future__ import annotations

import copy
import hashlib
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, event

from ccm_desktop.domain.report import Attachment, FormStatus, Report
from ccm_desktop.exchange.json_io import dumps_report, read_report_file
from ccm_desktop.storage.repository import (
    ConflictError,
    Repository,
    StorageError,
    open_repository,
)
from tests.conftest import RESOURCE_SAMPLES, SAMPLES, sample_files
from tests.strategies import reports

SAMPLE_FILES = sorted([*sample_files("valid", "*.ccm.json"),
                       *RESOURCE_SAMPLES.glob("*.ccm.json")])


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ccm_desktop.cli", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def repo(db_url: str) -> Iterator[Repository]:
    with open_repository(db_url) as repository:
        yield repository


def sample() -> Report:
    return read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json")


def same(a: Report, b: Report) -> bool:
    return dumps_report(a) == dumps_report(b)


@contextmanager
def counting_writes() -> Iterator[dict[str, int]]:
    """Rows inserted, updated or deleted per table, as SQLite/PostgreSQL report them."""
    counts: dict[str, int] = {}

    def after(conn: Any, cursor: Any, statement: str, params: Any, context: Any,
              executemany: bool) -> None:
        words = statement.split()
        verb = words[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE"):
            table = words[2] if verb in ("INSERT", "DELETE") else words[1]
            counts[table.strip('"')] = counts.get(table.strip('"'), 0) + max(cursor.rowcount, 0)

    event.listen(Engine, "after_cursor_execute", after)
    try:
        yield counts
    finally:
        event.remove(Engine, "after_cursor_execute", after)


# Round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_sample_comes_back_exactly(repo: Repository, path: Path) -> None:
    report = read_report_file(path)
    report_id = repo.add(report)
    assert [s.id for s in repo.list_reports()] == [report_id]
    assert same(repo.load(report_id), report)


def test_import_list_export_gives_the_same_json_for_every_sample(
        db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line's own code (argparse, handlers, storage, JSON writer) in this process,
    for every sample; the next test runs it as a real subprocess."""
    from ccm_desktop.cli import run

    ids = {}
    for path in SAMPLE_FILES:
        assert run(["--db", db_url, "import", str(path)]) == 0
        ids[path] = capsys.readouterr().out.strip()
    assert run(["--db", db_url, "list"]) == 0
    listed = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert len(listed) == len(SAMPLE_FILES)
    for (path, report_id), line in zip(ids.items(), listed, strict=True):
        report = read_report_file(path)
        fields = report.cover.fields
        assert line[:4] == [report_id, fields["state"], fields["report_kind"],
                            f"{fields['period_from'].isoformat()}..{fields['period_to'].isoformat()}"]
        out = tmp_path / f"{report_id}.ccm.json"
        assert run(["--db", db_url, "export", report_id, "--to", str(out)]) == 0
        # Byte for byte what the JSON writer makes of the sample, and the same data.
        assert out.read_text(encoding="utf-8") == dumps_report(report), path.name
        assert read_report_file(out).normalised() == report.normalised()


def test_cli_import_list_export_in_a_subprocess(db_url: str, tmp_path: Path) -> None:
    path = SAMPLES / "valid" / "gbr-2013-annual.ccm.json"
    imported = run_cli("--db", db_url, "import", str(path))
    assert imported.returncode == 0, imported.stderr
    report_id = imported.stdout.strip()
    listed = run_cli("--db", db_url, "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split("\t")[:4] == [report_id, "GBR", "annual",
                                             "2013-01-01..2013-12-31"]
    out = tmp_path / "out.ccm.json"
    exported = run_cli("--db", db_url, "export", report_id, "--to", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_text(encoding="utf-8") == dumps_report(read_report_file(path))


def test_generated_reports_come_back_exactly(db_url: str) -> None:
    with open_repository(db_url) as repository:

        @settings(max_examples=25, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
        @given(reports(max_rows=4))
        def check(report: Report) -> None:
            report_id = repository.add(report)
            assert repository.load(report_id).normalised() == report.normalised()
            assert same(repository.revision_report(report_id, 1), report)

        check()


# Saving --------------------------------------------------------------------------------------


def big_report(rows: int) -> Report:
    report = sample()
    report.form("F").status = FormStatus.CHANGED
    report.form("F").tables["clearance"] = [
        {"area_id": f"A-{i:05d}", "location": "Province", "cleared_m2": Decimal(f"{i}.5"),
         "submunitions_destroyed": i % 7} for i in range(rows)]
    return report


def test_saving_one_value_in_20000_rows_writes_one_row(repo: Repository) -> None:
    report = big_report(20_000)
    report_id = repo.add(report)
    report.form("F").tables["clearance"][12_345]["cleared_m2"] = Decimal("99.25")
    with counting_writes() as writes:
        revision = repo.save(report_id, report)
    assert revision is not None and revision.summary == "Form F: 1 row changed"
    assert writes.get("table_row") == 1
    assert writes.get("revision") == 1
    report.form("F").tables["clearance"].insert(10, {"area_id": "NEW"})
    del report.form("F").tables["clearance"][15_000]
    with counting_writes() as writes:
        revision = repo.save(report_id, report)
    assert revision is not None and revision.summary == "Form F: 1 row added, 1 row removed"
    assert writes.get("table_row") == 2
    assert same(repo.load(report_id), report)


def test_nothing_changed_means_no_revision(repo: Repository) -> None:
    report = sample()
    report_id = repo.add(report)
    assert repo.save(report_id, report) is None
    # Empty values are no values: "" or None or [] where nothing was is no change.
    report.cover.fields["approved_by"] = ""
    report.form("B").fields["article3_deadline"] = None
    report.form("C").tables["types"] = []
    assert repo.save(report_id, report) is None
    assert [r.number for r in repo.history(report_id)] == [1]


def test_summaries_say_what_changed(repo: Repository) -> None:
    report = sample()
    report_id = repo.add(report, summary="Imported")
    report.cover.fields["prepared_by"] = "Arms Control desk"
    report.cover.fields["approved_by"] = "Director"
    report.form("J").status = FormStatus.CHANGED
    report.form("J").fields["other_matters"] = "None."
    revision = repo.save(report_id, report)
    assert revision is not None
    assert revision.summary == "Cover page: 2 values changed; Form J: 1 value changed, 1 status changed"
    assert repo.save(report_id, report, summary="Typed by hand") is None
    report.cover.fields["approved_by"] = "Minister"
    assert repo.save(report_id, report, summary="Approved").summary == "Approved"  # type: ignore[union-attr]
    lines = [r.line().split("\t") for r in repo.history(report_id)]
    assert [(n, s) for n, _at, _user, s in lines] == [
        ("1", "Imported"), ("2", revision.summary), ("3", "Approved")]
    assert all(user for _n, _at, user, _s in lines)


EDITS = st.lists(st.tuples(st.sampled_from(["set", "insert", "delete", "field", "status",
                                            "clear", "burst"]),
                           st.integers(0, 10_000), st.integers(0, 10_000)),
                 min_size=1, max_size=6)


def edit(report: Report, kind: str, a: int, b: int) -> None:
    rows = report.form("B").tables.setdefault("stockpile", [])
    if kind == "set" and rows:
        rows[a % len(rows)]["munitions"] = b
    elif kind == "insert":
        rows.insert(a % (len(rows) + 1), {"type": f"T{b}", "munitions": b})
    elif kind == "delete" and rows:
        del rows[a % len(rows)]
    elif kind == "field":
        report.form("B").fields["destruction_status"] = f"status {b}"
    elif kind == "status":
        report.form("B").status = list(FormStatus)[b % 3]
        report.form("B").last_reported_year = 2000 + b % 20
    elif kind == "clear":
        report.form("B").fields.pop("destruction_status", None)
        report.form("B").tables["destroyed"] = []
    elif kind == "burst":  # many rows into one gap: positions must be renumbered
        at = a % (len(rows) + 1)
        for i in range(25):
            rows.insert(at, {"type": f"B{b}-{i}"})


def test_any_sequence_of_edits_is_saved_and_every_revision_restored(tmp_path: Path) -> None:
    with open_repository(tmp_path / "edits.sqlite3") as repository:

        @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(st.lists(EDITS, min_size=1, max_size=8))
        def check(sessions: list[list[tuple[str, int, int]]]) -> None:
            report = sample()
            report_id = repository.add(report)
            expected = {1: copy.deepcopy(report)}
            for session in sessions:
                for kind, a, b in session:
                    edit(report, kind, a, b)
                revision = repository.save(report_id, report)
                if revision is not None:
                    expected[revision.number] = copy.deepcopy(report)
            assert repository.load(report_id).normalised() == report.normalised()
            # A second repository (no memory of the last save) sees the same.
            with open_repository(tmp_path / "edits.sqlite3") as other:
                assert other.load(report_id).normalised() == report.normalised()
            for number, state in expected.items():
                assert repository.revision_report(report_id, number).normalised() == \
                    state.normalised(), number

        check()


def test_snapshots_and_deltas_rebuild_long_histories(repo: Repository) -> None:
    repo.snapshot_every = 25  # and, for the 20,000-row report, by size (see below)
    report = big_report(300)
    report_id = repo.add(report)
    expected = {}
    for i in range(60):
        report.form("F").tables["clearance"][i * 5]["location"] = f"edited {i}"
        if i % 7 == 0:
            report.form("F").tables["clearance"].append({"area_id": f"X{i}"})
        revision = repo.save(report_id, report)
        assert revision is not None
        expected[revision.number] = copy.deepcopy(report)
    snapshots = repo._engine  # noqa: SLF001 - only to count snapshots below
    from sqlalchemy import func, select

    from ccm_desktop.storage.models import RevisionRecord

    with snapshots.connect() as conn:
        count = conn.execute(select(func.count()).where(RevisionRecord.is_snapshot.is_(True),
                                                        RevisionRecord.report_id == report_id)
                             ).scalar_one()
    assert count == 3, "snapshots at revisions 1, 25 and 50"
    for number in (2, 17, 33, 45, 61):
        assert same(repo.revision_report(report_id, number), expected[number])


# History -------------------------------------------------------------------------------------


def test_restoring_a_revision_is_a_new_revision(repo: Repository) -> None:
    report = sample()
    report_id = repo.add(report, summary="Imported")
    first = copy.deepcopy(report)
    report.form("B").tables["stockpile"].append({"type": "Extra", "munitions": 1})
    repo.save(report_id, report)
    report.cover.fields["prepared_by"] = "Desk"
    repo.save(report_id, report)
    restored = repo.restore_revision(report_id, 1)
    assert restored.number == 4 and restored.summary == "Restored revision 1"
    assert same(repo.load(report_id), first)
    assert [r.number for r in repo.history(report_id)] == [1, 2, 3, 4]
    assert same(repo.revision_report(report_id, 3), report)  # nothing was overwritten
    with pytest.raises(StorageError, match="has no revision 9 .it has 1 to 4"):
        repo.restore_revision(report_id, 9)


def test_save_from_a_stale_copy_is_refused_not_lost(db_url: str) -> None:
    with open_repository(db_url) as one, open_repository(db_url) as two:
        report_id = one.add(sample())
        mine, theirs = one.load(report_id), two.load(report_id)
        theirs.cover.fields["prepared_by"] = "Them"
        assert two.save(report_id, theirs) is not None
        mine.cover.fields["approved_by"] = "Me"
        with pytest.raises(ConflictError, match=f"Report {report_id} was saved by .* in another "
                                                "copy of ccm-desktop"):
            one.save(report_id, mine)
        assert two.load(report_id).cover.fields["prepared_by"] == "Them"
        assert one.save(report_id, mine, overwrite=True) is not None
        assert one.load(report_id).cover.fields.get("approved_by") == "Me"
        assert [r.number for r in two.history(report_id)] == [1, 2, 3]


# Trash, duplicates, attachments --------------------------------------------------------------


def test_trash(repo: Repository) -> None:
    keep, drop = repo.add(sample()), repo.add(sample())
    repo.delete(drop)
    assert [s.id for s in repo.list_reports()] == [keep]
    assert [s.id for s in repo.list_trash()] == [drop]
    assert repo.list_trash()[0].deleted_at is not None
    with pytest.raises(StorageError, match="in the trash"):
        repo.save(drop, sample())
    with pytest.raises(StorageError, match=f"Report {keep} is not in the trash"):
        repo.undelete(keep)
    repo.undelete(drop)
    assert [s.id for s in repo.list_reports()] == [keep, drop]
    assert repo.list_trash() == []
    assert same(repo.load(drop), sample())  # nothing of it was lost in the trash


def test_duplicate_is_independent(repo: Repository) -> None:
    report_id = repo.add(sample())
    copy_id = repo.duplicate(report_id)
    assert copy_id != report_id
    copied = repo.load(copy_id)
    assert same(copied, repo.load(report_id))
    assert [r.summary for r in repo.history(copy_id)] == [f"Copied from report {report_id}"]
    copied.cover.fields["prepared_by"] = "Someone else"
    repo.save(copy_id, copied)
    assert repo.load(report_id).cover.fields["prepared_by"] == "Counter Proliferation Department"


def photo(att_id: str, data: bytes) -> Attachment:
    return Attachment(att_id, f"{att_id}.jpg", "image/jpeg", hashlib.sha256(data).hexdigest(),
                      data)


def blob_count(repository: Repository) -> int:
    from sqlalchemy import func, select

    from ccm_desktop.storage.models import BlobRecord

    with repository._engine.connect() as conn:  # noqa: SLF001 - counting rows of a table
        return int(conn.execute(select(func.count()).select_from(BlobRecord)).scalar_one())


def test_attachments_are_stored_once_and_kept_for_history(repo: Repository) -> None:
    data = b"\xff\xd8 a photo " * 1000
    report = sample()
    report.attachments = {"p1": photo("p1", data)}
    report.form("C").status = FormStatus.CHANGED
    report.form("C").tables["types"] = [{"type": "M26", "photos": ["p1"]}]
    first = repo.add(report)
    second = repo.add(report)
    assert blob_count(repo) == 1
    loaded = repo.load(first)
    assert loaded.attachments["p1"].data == data
    # A new photo replaces the old one; the old one stays for the history.
    loaded.attachments = {"p2": photo("p2", b"another photo")}
    loaded.form("C").tables["types"][0]["photos"] = ["p2"]
    assert repo.save(first, loaded).summary == "Form C: 1 row changed; Attachments: 1 added, 1 removed"  # type: ignore[union-attr]
    assert blob_count(repo) == 2
    assert repo.revision_report(first, 1).attachments["p1"].data == data
    assert repo.load(second).attachments["p1"].data == data
    repo.delete(first)  # in the trash, nothing is erased: its photo and history stay
    repo.undelete(first)
    assert blob_count(repo) == 2
    assert repo.load(first).attachments["p2"].data == b"another photo"


def test_list_shows_state_kind_period_and_time(repo: Repository) -> None:
    report = sample()
    report_id = repo.add(report)
    (summary,) = repo.list_reports()
    assert (summary.id, summary.state, summary.report_kind, summary.period_from,
            summary.period_to, summary.language) == (report_id, "GBR", "annual",
                                                     date(2013, 1, 1), date(2013, 12, 31), "en")
    assert summary.saved_at.utcoffset() is not None and summary.saved_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    report.cover.fields["period_to"] = date(2013, 6, 30)
    repo.save(report_id, report)
    (after,) = repo.list_reports()
    assert after.period_to == date(2013, 6, 30) and after.saved_at > summary.saved_at
    assert after.line() == (f"{report_id}\tGBR\tannual\t2013-01-01..2013-06-30\t"
                            f"{after.saved_at.isoformat(timespec='seconds')}")


def test_cli_history_and_restore(db_url: str, tmp_path: Path) -> None:
    source = SAMPLES / "valid" / "esp-2012-annual.ccm.json"
    with open_repository(db_url) as repository:
        report_id = str(repository.add(read_report_file(source),
                                       summary="Imported from esp-2012-annual.ccm.json"))
        report = repository.load(int(report_id))
        report.cover.fields["prepared_by"] = "Desk"
        repository.save(int(report_id), report)
    history = run_cli("--db", db_url, "history", report_id)
    assert history.returncode == 0, history.stderr
    lines = [line.split("\t") for line in history.stdout.splitlines()]
    assert [(n, s) for n, _at, _u, s in lines] == [
        ("1", "Imported from esp-2012-annual.ccm.json"), ("2", "Cover page: 1 value changed")]
    restored = run_cli("--db", db_url, "restore", report_id, "1")
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout == f"Report {report_id} restored to revision 1.\n"
    with open_repository(db_url) as repository:
        assert dumps_report(repository.load(int(report_id))) == dumps_report(
            read_report_file(source))
        assert len(repository.history(int(report_id))) == 3
    missing = run_cli("--db", db_url, "restore", report_id, "7")
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"ccm-desktop: Report {report_id} has no revision 7 (it has 1 to 3)"
