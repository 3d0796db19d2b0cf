"""How the table editor keeps up with a long table: a paste of many rows, one typed cell, a sort,
against the baseline of validating the report once (what every edit costs anyway), measured in
the same run, offscreen.

    .venv/bin/python benchmarks/bench_table.py [--rows 1000]

Figures are medians of a few runs; ratios are against the validation of this run, so they
compare across machines.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ccm_desktop.domain.report import FormStatus, Report  # noqa: E402
from ccm_desktop.schema.validate import validate  # noqa: E402
from ccm_desktop.ui.document import ReportDocument  # noqa: E402
from ccm_desktop.ui.table import TableEditor  # noqa: E402


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    QApplication.processEvents()
    return time.perf_counter() - start


def block(rows: int) -> str:
    return "".join(f"CBU-{i:05d}\tDistrict {i % 101}\t{i * 10}\t\t\t{i % 37}\t2 mortar rounds\n"
                   for i in range(rows))


def run(rows: int, repeats: int = 3) -> None:
    app = QApplication.instance() or QApplication([])
    pastes, edits, sorts, baselines = [], [], [], []
    for _ in range(repeats):
        report = Report()
        report.form("F").status = FormStatus.CHANGED
        editor = TableEditor(ReportDocument(report), "F", "clearance", locale="en")
        editor.resize(900, 600)
        editor.show()
        app.processEvents()
        pastes.append(timed(lambda e=editor: e.paste_text(block(rows))))
        baselines.append(timed(lambda e=editor: validate(e.document.report)))
        cell = editor.model.index(rows // 2, editor.model.column_index("cleared_m2"))
        edits.append(timed(lambda e=editor, c=cell: e.model.setData(c, "12,345")))
        sorts.append(timed(lambda e=editor: e.sort_by("cleared_m2", Qt.SortOrder.DescendingOrder)))
        editor.close()
        editor.deleteLater()
        app.processEvents()
    base = statistics.median(baselines)
    print(f"{rows} rows; validating the report once: {base * 1000:8.1f} ms")
    for name, times in (("paste of all rows", pastes), ("one typed cell", edits),
                        ("sort by a column", sorts)):
        median = statistics.median(times)
        print(f"{name:20} {median * 1000:8.1f} ms  ({median / base:5.1f} x validation)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    run(args.rows)


if __name__ == "__main__":
    main()
