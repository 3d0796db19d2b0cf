"""How long saving takes in a 20,000-row report: one edited value, one inserted or deleted row,
against the baseline of writing the whole report once, measured in the same run.

    .venv/bin/python benchmarks/bench_storage.py [--rows 20000] [--saves 40] [--db URL]

Without --db it uses a fresh SQLite file in a temporary folder (WAL, synchronous=FULL, so each
save waits for the disk like the application does). Figures are medians; ratios are against the
whole-report write of this run, so they compare across machines.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ccm_desktop.domain.report import FormStatus, Report  # noqa: E402
from ccm_desktop.exchange.json_io import dumps_report, read_report_file  # noqa: E402
from ccm_desktop.storage.repository import Repository, open_repository  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "samples" / "valid" / "gbr-2013-annual.ccm.json"


def big_report(rows: int) -> Report:
    report = read_report_file(SAMPLE) if SAMPLE.exists() else Report()
    form = report.form("F")
    form.status = FormStatus.CHANGED
    areas = rows // 4
    form.tables["contaminated_areas"] = [
        {"area_id": f"CA-{i:05d}", "location": f"Province {i % 17}", "status": "confirmed",
         "size_m2": Decimal(f"{1000 + i}.5"), "remnant_types": "BLU-26, M77"}
        for i in range(areas)]
    form.tables["clearance"] = [
        {"area_id": f"CA-{i % areas:05d}", "location": f"District {i % 101}",
         "cleared_m2": Decimal(f"{i % 900}.25"), "submunitions_destroyed": i % 37,
         "operator": "National operator"} for i in range(rows - areas)]
    return report


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_ms(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:8.1f} ms"


def run(db: str, rows: int, saves: int) -> None:
    rng = random.Random(7)
    report = big_report(rows)
    print(f"database: {db}")
    print(f"report: {sum(len(r) for r in report.form('F').tables.values())} rows, "
          f"{len(dumps_report(report)) / 1e6:.1f} MB as JSON")
    with open_repository(db) as repo:
        whole = [timed(lambda: repo.add(report)) for _ in range(3)]
        report_id = repo.add(report)
        print(f"baseline, write the whole report once (add):       {median_ms(whole)}")
        load = [timed(lambda: repo.load(report_id)) for _ in range(3)]
        print(f"load it:                                           {median_ms(load)}")
        report = repo.load(report_id)
        clearance = report.form("F").tables["clearance"]

        def one_value() -> None:
            clearance[rng.randrange(len(clearance))]["cleared_m2"] = Decimal(rng.randrange(10**6))
            assert repo.save(report_id, report) is not None

        def insert_row() -> None:
            clearance.insert(rng.randrange(len(clearance)), {"area_id": "NEW", "cleared_m2": Decimal(1)})
            assert repo.save(report_id, report) is not None

        def delete_row() -> None:
            del clearance[rng.randrange(len(clearance))]
            assert repo.save(report_id, report) is not None

        def no_change() -> None:
            assert repo.save(report_id, report) is None

        results = {}
        for label, action in (("save one edited value", one_value),
                              ("save one inserted row", insert_row),
                              ("save one deleted row", delete_row),
                              ("save with nothing changed", no_change)):
            results[label] = [timed(action) for _ in range(saves)]
        base = statistics.median(whole)
        for label, times in results.items():
            ratio = statistics.median(times) / base
            print(f"{label + ':':<51}{median_ms(times)}   {ratio:6.1%} of the whole write"
                  f"  (max {max(times) * 1000:.0f} ms)")
        snapshot = _snapshot_save(repo, report_id, report)
        print(f"{'a save that also stores a full snapshot (1 in ' + str(repo.snapshot_every) + '):':<51}"
              f"{snapshot * 1000:8.1f} ms   {snapshot / base:6.1%} of the whole write")
        newest = repo.history(report_id)[-1].number
        rebuild = [timed(lambda: repo.revision_report(report_id, newest)) for _ in range(3)]
        print(f"rebuild the newest revision from snapshot+deltas:  {median_ms(rebuild)}")
        check = repo.load(report_id)
        assert dumps_report(check) == dumps_report(report)
        print(f"one-value save is {base / statistics.median(results['save one edited value']):.0f}x "
              "faster than writing the whole report")


def _snapshot_save(repo: Repository, report_id: int, report: Report) -> float:
    every = repo.snapshot_every
    repo.snapshot_every = 1
    try:
        report.cover.fields["approved_by"] = "snapshot"
        return timed(lambda: repo.save(report_id, report))
    finally:
        repo.snapshot_every = every


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--saves", type=int, default=40)
    parser.add_argument("--db", help="database file or postgresql:// URL (default: a new "
                                     "SQLite file in a temporary folder)")
    args = parser.parse_args()
    if args.db:
        run(args.db, args.rows, args.saves)
        return
    with tempfile.TemporaryDirectory() as folder:
        run(str(Path(folder) / "bench.sqlite3"), args.rows, args.saves)


if __name__ == "__main__":
    main()
