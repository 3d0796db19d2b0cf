"""How the window keeps up with a large report: opening it, one typed field (undo step, live
validation, navigator and findings), the autosave that follows, and showing the page of the long
table, against the baseline of validating the report once, measured in the same run, offscreen,
with a real SQLite file.

    .venv/bin/python benchmarks/bench_window.py [--rows 2000]

Figures are medians of a few runs; ratios are against the validation of this run.
"""

from __future__ import annotations

import argparse
import os
import shutil
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

from PySide6.QtWidgets import QApplication  # noqa: E402

from ccm_desktop.domain.report import FormStatus  # noqa: E402
from ccm_desktop.exchange.formats import read_report  # noqa: E402
from ccm_desktop.schema.validate import validate  # noqa: E402
from ccm_desktop.storage.repository import open_repository  # noqa: E402
from ccm_desktop.ui.main_window import MainWindow  # noqa: E402
from ccm_desktop.ui.settings import Settings  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "hrv-2016-annual.ccm.json"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    QApplication.processEvents()
    return time.perf_counter() - start


def run(rows: int, repeats: int = 3) -> None:
    app = QApplication.instance() or QApplication([])
    report = read_report(SAMPLE)
    report.form("F").status = FormStatus.CHANGED
    report.form("F").tables["contaminated_areas"] = [
        {"area_id": f"CHA-{i:05d}", "location": f"District {i % 101}", "status": "confirmed",
         "size_m2": Decimal(1000 + i)} for i in range(rows)]
    figures: dict[str, list[float]] = {k: [] for k in ("validate", "open", "edit", "save", "page")}
    folder = tempfile.mkdtemp(prefix="ccm-bench-")
    with open_repository(str(Path(folder) / "bench.sqlite3")) as repository:
        report_id = repository.add(report, "benchmark")
        window = MainWindow(repository, Settings.at(Path(folder) / "settings.ini"))
        window.resize(1366, 768)
        window.show()
        for i in range(repeats):
            figures["validate"].append(timed(lambda: validate(report)))
            figures["open"].append(timed(lambda: window.open_report(report_id)))
            opened = window.current
            assert opened is not None
            figures["edit"].append(timed(
                lambda o=opened, n=i: o.document.set_value("cover", "prepared_by", f"P{n}")))
            figures["save"].append(timed(opened.autosaver.flush))
            figures["page"].append(timed(lambda o=opened: o.view.show_key("F")))
            window.close_report()
        window.close()
    shutil.rmtree(folder, ignore_errors=True)
    base = statistics.median(figures["validate"])
    print(f"report with {rows} contaminated areas; medians of {repeats} runs")
    for name, label in (("validate", "validate once (baseline)"),
                        ("open", "open the report (first page)"),
                        ("edit", "one field edit (undo, checks, views)"),
                        ("save", "autosave of that edit"),
                        ("page", "show Form F with its long table")):
        value = statistics.median(figures[name])
        print(f"  {label:40s} {value * 1000:8.1f} ms  x{value / base:6.1f}")
    del app


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2000)
    run(parser.parse_args().rows)
