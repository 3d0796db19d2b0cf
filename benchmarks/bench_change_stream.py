"""What one cell edit costs in the window, on a 20,000-row report against the same edit on a
200-row report: the table model following it, validation rerunning what it can affect, and the
autosave writing it. Each should grow with the change, not with the report.

    .venv/bin/python benchmarks/bench_change_stream.py [--small 200] [--large 20000] [--edits 30]

Each report is saved to a fresh SQLite file in a temporary folder first; then the same cell of
Form F's clearance table is edited `--edits` times through the document (as typing into the
grid does). Figures are medians; the ratio is large / small (1 would be perfectly flat).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_storage import big_report  # noqa: E402
from PySide6.QtCore import QCoreApplication  # noqa: E402

from ccm_desktop.domain.changes import Change, Touched  # noqa: E402
from ccm_desktop.schema.validate_parts import PartChecks, readers  # noqa: E402
from ccm_desktop.storage.repository import open_repository  # noqa: E402
from ccm_desktop.ui.document import ReportDocument  # noqa: E402
from ccm_desktop.ui.table.model import TableModel  # noqa: E402

TABLE = "clearance"
ROW = 7


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def recheck(checks: PartChecks, changes: tuple[Change, ...]) -> None:
    """What the document does after a command: forget the touched rows, rerun the parts."""
    for change in changes:
        checks.forget(change)
    checks.findings(readers("F"))


def measure(rows: int, edits: int, folder: str) -> dict[str, float]:
    report = big_report(rows)
    with open_repository(Path(folder) / f"bench-{rows}.sqlite3") as repo:
        report_id = repo.add(report)
        doc = ReportDocument(repo.load(report_id), report_id)
        model = TableModel(doc, "F", TABLE, "en", parent=doc)
        checks = PartChecks(doc.report)  # a second copy of the document's cached checks
        checks.findings(readers("F"))
        said: list[tuple[Change, ...]] = []
        doc.changes_made.connect(said.append)
        times: dict[str, list[float]] = {"command and model": [], "validation": [], "save": [],
                                         "model alone": []}
        for i in range(edits):
            value = Decimal(f"{i}.5")
            # The whole command as the grid makes it: the undo step, the model following it,
            # and validation (the document reruns it before returning).
            times["command and model"].append(timed(lambda v=value: doc.set_cells(  # type: ignore[misc]
                "F", TABLE, [(ROW, "cleared_m2", v)])))
            change = said[-1]
            times["model alone"].append(timed(lambda c=change: model._on_changes(c)))  # type: ignore[misc]  # noqa: SLF001
            times["validation"].append(timed(lambda c=change: recheck(checks, c)))  # type: ignore[misc]
            touched = Touched()
            for c in change:
                touched.add(c)
            times["save"].append(timed(lambda t=touched: repo.save(report_id, doc.report,  # type: ignore[misc]
                                                                   touched=t)))
        assert repo.load(report_id).form("F").tables[TABLE][ROW]["cleared_m2"] == Decimal(
            f"{edits - 1}.5")
    return {k: statistics.median(v) for k, v in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=20_000)
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args()
    QCoreApplication.instance() or QCoreApplication([])
    with tempfile.TemporaryDirectory() as folder:
        small = measure(args.small, args.edits, folder)
        large = measure(args.large, args.edits, folder)
    print(f"one cell edit, Form F {TABLE}, median of {args.edits}")
    print(f"{'':<22}{args.small:>8} rows{args.large:>9} rows   ratio (rows x"
          f"{args.large // args.small})")
    for label in ("model alone", "validation", "save", "command and model"):
        print(f"{label:<22}{small[label] * 1000:10.2f} ms{large[label] * 1000:10.2f} ms"
              f"   {large[label] / small[label]:6.1f}")
    print("'command and model' is the whole edit: the undo step, the model, and the "
          "document's own rerun of validation.")


if __name__ == "__main__":
    main()
