"""A process that keeps saving is killed (SIGKILL) at 50 random moments; after each kill the
database opens, passes `PRAGMA integrity_check`, and holds every save that had returned.

The child reports each returned save on an append-only file *before* it starts the next one, so
the parent knows a lower bound: every acknowledged save must be there, and at most one more
(saved, but killed before it could say so). Children are forked from a server that has already
imported the application, so 50 kills take seconds, not minutes of interpreter start-up.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import multiprocessing
import os
import random
import sqlite3
import time
from decimal import Decimal
from pathlib import Path

import pytest

from ccm_desktop.domain.report import Attachment, FormStatus, Report
from ccm_desktop.exchange.json_io import dumps_report
from ccm_desktop.storage.repository import open_repository
from tests.test_storage import sample

KILLS = 50


def initial() -> Report:
    report = sample()
    report.form("F").status = FormStatus.CHANGED
    report.form("F").tables["clearance"] = [
        {"area_id": f"A-{i:04d}", "cleared_m2": Decimal(f"{i}.25"), "operator": "NPA"}
        for i in range(400)]
    return report


def edit(report: Report, i: int) -> None:
    """Save number i's change; every save changes something (so save i is revision i + 1)."""
    report.cover.fields["approved_by"] = f"save {i}"
    rows = report.form("F").tables["clearance"]
    step = i % 5
    if step == 0:
        rows.append({"area_id": f"K{i}", "cleared_m2": Decimal(i)})
    elif step == 1:
        report.form("J").fields["other_matters"] = f"note {i} " * (i % 13)
    elif step == 2:
        rows[(i * 7) % len(rows)]["location"] = f"L{i}"
    elif step == 3 and len(rows) > 50:
        del rows[(i * 3) % len(rows)]
    elif step == 4:
        rows.insert((i * 11) % (len(rows) + 1), {"area_id": f"I{i}"})
    if i % 37 == 0:
        data = f"photo {i}".encode() * 200
        report.attachments = {"p": Attachment("p", f"p{i}.jpg", "image/jpeg",
                                              hashlib.sha256(data).hexdigest(), data)}


def child(db: str, report_id: int, acks: str) -> None:
    """Keep saving edits until killed; append "i" to `acks` after save i returned."""
    fd = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    with open_repository(db) as repo:
        repo.snapshot_every = 9  # so that kills also land in the middle of snapshots
        done = repo.list_reports()[0].revision - 1
        report = repo.load(report_id)
        i = done
        while True:
            i += 1
            edit(report, i)
            repo.save(report_id, report)
            os.write(fd, f"{i}\n".encode())


class Expected:
    """The report after n saves, computed forwards; the last few results are remembered."""

    def __init__(self) -> None:
        self.n, self.report = 0, initial()
        self.recent: dict[int, Report] = {0: copy.deepcopy(self.report)}

    def after(self, n: int) -> Report:
        if n in self.recent:
            return self.recent[n]
        assert n > self.n
        while self.n < n:
            self.n += 1
            edit(self.report, self.n)
        self.recent = {k: v for k, v in self.recent.items() if k >= n - 3}
        self.recent[n] = copy.deepcopy(self.report)
        return self.recent[n]


def last_ack(path: Path) -> int:
    if not path.exists():
        return 0
    lines = path.read_text().split("\n")[:-1]  # a last line without "\n" was cut off
    return int(lines[-1]) if lines else 0


def kill_while_saving(tmp_path: Path) -> tuple[int, int]:
    """Kill a saving child KILLS times, checking the database after each kill; gives the number
    of kills that landed while saves were going on and the number of saves acknowledged."""
    db = tmp_path / "ccm.sqlite3"
    acks = tmp_path / "acks"
    with open_repository(db) as repo:
        report_id = repo.add(initial())
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ccm_desktop.storage.repository", __name__])
    expected = Expected()
    rng = random.Random(4)
    started = time.monotonic()
    during_save = unacknowledged = 0
    saved = 0
    for kill in range(KILLS):
        before = last_ack(acks)
        process = context.Process(target=child, args=(str(db), report_id, str(acks)))
        process.start()
        time.sleep(rng.uniform(0.0, 0.4))
        process.kill()  # SIGKILL: no cleanup, no atexit, no rollback
        process.join()
        process.close()
        during_save += last_ack(acks) > before
        # What must be there: every acknowledged save, and what the last check found saved
        # (a save the previous child committed but was killed before acknowledging).
        acked = max(last_ack(acks), saved)

        with contextlib.closing(sqlite3.connect(db)) as con:
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)], kill
        with open_repository(db) as repo:
            (summary,) = repo.list_reports()
            saved = summary.revision - 1
            assert acked <= saved <= acked + 1, (kill, acked, saved)
            at_ack, now = expected.after(acked), expected.after(saved)
            assert dumps_report(repo.load(report_id)) == dumps_report(now), (kill, saved)
            if acked:
                assert dumps_report(repo.revision_report(report_id, acked + 1)) == \
                    dumps_report(at_ack), (kill, acked)
            assert len(repo.history(report_id)) == saved + 1
            unacknowledged += saved > acked
    print(f"{KILLS} kills, {last_ack(acks)} saves acknowledged, {during_save} kills while "
          f"saving, {unacknowledged} saves committed but killed before acknowledging, "
          f"{time.monotonic() - started:.1f} s")
    return during_save, last_ack(acks)


def test_killed_while_saving_loses_nothing_that_was_saved(tmp_path: Path) -> None:
    _during_save, acknowledged = kill_while_saving(tmp_path)
    assert acknowledged > 0, "no save returned before a kill: nothing was tested"


@pytest.mark.timing
def test_kills_land_while_saves_are_going_on(tmp_path: Path) -> None:
    """How many kills hit a save in progress depends on the machine's speed."""
    during_save, acknowledged = kill_while_saving(tmp_path)
    assert during_save >= KILLS // 4, "kills should land while saves are going on"
    assert acknowledged > KILLS
