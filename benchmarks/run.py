"""All the speed and memory figures of ccm-desktop in one run, each against its goal and, where
there is one, against a baseline measured in the same run on the same rows (so that ratios
compare across machines).

    .venv/bin/python benchmarks/run.py            # Lao-scale report, medians of 5 runs
    .venv/bin/python benchmarks/run.py --quick    # tiny sizes, one run each (a smoke test)
    .venv/bin/python benchmarks/run.py --only xlsx_export,validation

Prints one JSON object per line:

    {"name", "seconds", "baseline", "baseline_seconds", "ratio", "goal", "met"}

`goal` is a short text ("ratio <= 1.5", "seconds <= 0.3", "megabytes <= 400"), `met` is true or
false, or null for a figure without a goal. The memory figure also carries `megabytes` (its
`seconds` is the time the exports took). Nothing here asserts: it is not a test.

The large report is seeded and Lao-scale: 10,000 contaminated areas and 8,000 clearance rows in
Form F, 1,000 casualty rows in Form H, a few hundred rows in the other tables, on top of the
Croatia 2016 sample (resources/samples). The small report is that sample as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ccm_desktop.domain.report import FORM_LETTERS, FormStatus, Report, Row  # noqa: E402
from ccm_desktop.exchange.json_io import read_report_file  # noqa: E402
from ccm_desktop.schema.kinds import Choice  # noqa: E402
from ccm_desktop.schema.model import Field, Table  # noqa: E402
from ccm_desktop.schema.registry import part  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "hrv-2016-annual.ccm.json"


@dataclass(frozen=True)
class Size:
    areas: int
    clearance: int
    casualties: int
    others: int  # rows in each of the other tables


LAO = Size(areas=10_000, clearance=8_000, casualties=1_000, others=200)
QUICK = Size(areas=60, clearance=40, casualties=10, others=3)


# The reports -----------------------------------------------------------------------------------

_PLACES = ["Xieng Khouang, Pek", "Houaphanh, Xam Neua", "Savannakhet, Sepon",
           "Champasak, Pakse", "Salavan, Ta Oy", "Attapeu, Sanamxay", "Sekong, Dakcheung",
           "Khammouane, Boualapha", "ຊຽງຂວາງ, ແປກ", "Луангпхабанг"]
_NOTES = ["BLU-26, BLU-63 submunitions", "BLU-26, about 40 items, mostly in rice fields",
          "M42 and M46, found by villagers; marked and fenced until clearance",
          "Mixed UXO: mortar rounds, 2 BLU-3 and fuzes", ""]


def _value(rng: random.Random, table: Table, column: Field, n: int) -> Any:
    """A plausible value of the column's kind for row n, seeded."""
    kind = column.kind.name
    if kind == "text":
        if column.id == "area_id":
            return f"LA-{n:05d}"
        if column.id == "location":
            return rng.choice(_PLACES)
        if column.id in ("period", "date_of_use"):
            return rng.choice(["2023", "1964–1973", "Q1 2023"])
        return f"{column.id.replace('_', ' ').capitalize()} {n}"
    if kind == "note":
        return rng.choice(_NOTES) or None
    if kind == "email":
        return f"desk{n}@example.org"
    if kind == "int":
        return rng.randrange(0, 500)
    if kind == "year":
        return 2023
    if kind in ("area_m2", "money"):
        return Decimal(rng.randrange(100, 10**7)) / 10
    if kind == "decimal":
        return Decimal(f"{rng.uniform(14, 22):.6f}") if column.id == "latitude" \
            else Decimal(f"{rng.uniform(100, 107):.6f}")
    if kind == "currency":
        return rng.choice(["USD", "EUR", "LAK"])
    if kind == "state":
        return rng.choice(["LAO", "KHM", "VNM", "USA", "JPN"])
    if kind == "date":
        return date(2023, 1, 1) + timedelta(days=rng.randrange(365))
    if kind == "yesno":
        return rng.random() < 0.5
    if kind == "choice":
        assert isinstance(column.kind, Choice)
        return rng.choice(column.kind.options).id
    return None  # attachments: none in the benchmark


def _rows(rng: random.Random, table: Table, count: int) -> list[Row]:
    rows = []
    for n in range(count):
        row = {c.id: _value(rng, table, c, n) for c in table.columns}
        rows.append({k: v for k, v in row.items() if v is not None})
    return rows


def large_report(size: Size, seed: int = 14) -> Report:
    """The small report with Lao-scale tables: seeded, so every run measures the same rows."""
    rng = random.Random(seed)
    report = small_report()
    counts = {("F", "contaminated_areas"): size.areas, ("F", "clearance"): size.clearance,
              ("H", "casualties"): size.casualties}
    for letter in FORM_LETTERS:
        form = report.form(letter)
        schema = part(letter)
        for table in schema.tables:
            if letter in ("A", "C") and table.id in ("measures", "types"):
                continue  # they carry attachments; left as the sample has them
            count = counts.get((letter, table.id), size.others)
            form.tables[table.id] = _rows(rng, table, count)
        form.status = FormStatus.CHANGED
    f = report.form("F").tables
    for index, row in enumerate(f["clearance"]):
        row["area_id"] = f"LA-{index % max(1, size.areas):05d}"
    return report


def small_report() -> Report:
    return read_report_file(SAMPLE)


def table_cells(report: Report) -> list[tuple[list[str], list[list[Any]]]]:
    """Every table of the report as (headers, rows of values): the cells the baselines write."""
    out = []
    for letter in FORM_LETTERS:
        form = report.form(letter)
        for table in part(letter).tables:
            rows = form.tables.get(table.id) or []
            if rows:
                out.append(([c.label for c in table.columns],
                            [[row.get(c.id) for c in table.columns] for row in rows]))
    return out


# Measuring -------------------------------------------------------------------------------------


def median_time(runs: int, work: Callable[[], object],
                before: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


ONLY: set[str] | None = None  # --only: the figures to print


def emit(name: str, seconds: float | None, goal: str | None = None,
         baseline: str | None = None, baseline_seconds: float | None = None,
         **extra: Any) -> None:
    if ONLY is not None and name not in ONLY:
        return
    ratio = (seconds / baseline_seconds if seconds is not None and baseline_seconds
             else None)
    met: bool | None = None
    if goal is not None:
        what, limit = goal.split(" <= ")
        value = {"ratio": ratio, "seconds": seconds}.get(what, extra.get(what))
        met = value is not None and value <= float(limit)
    record = {"name": name, "seconds": _round(seconds), "baseline": baseline,
              "baseline_seconds": _round(baseline_seconds),
              "ratio": None if ratio is None else round(ratio, 3), "goal": goal, "met": met}
    record.update(extra)
    print(json.dumps(record, ensure_ascii=False), flush=True)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


# Baselines: the libraries underneath, on the same cells ---------------------------------------


def raw_openpyxl(report: Report, path: Path) -> None:
    """openpyxl in write-only mode, one sheet per table, plain values."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for index, (headers, rows) in enumerate(table_cells(report)):
        sheet = workbook.create_sheet(f"T{index}")
        sheet.append(headers)
        for values in rows:
            sheet.append([v if not isinstance(v, bool) else str(v) for v in values])
    workbook.save(path)


def _raw_pdf(report: Report, path: Path, paragraphs: bool) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    story = []
    for headers, rows in table_cells(report):
        data: list[list[Any]] = [list(headers)]
        for values in rows:
            texts = ["" if v is None else str(v) for v in values]
            data.append([Paragraph(escape(t), style) for t in texts] if paragraphs else texts)
        story.append(LongTable(data, repeatRows=1))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)


def raw_sqlite_update(folder: Path) -> Callable[[], float]:
    """One UPDATE of one value, committed, in a WAL database with synchronous=FULL (as ours):
    a function that does it once and returns the seconds it took. Disk flushes on a shared
    machine vary from one moment to the next, so each autosave is followed by one of these."""
    con = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("CREATE TABLE value (id INTEGER PRIMARY KEY, text TEXT)")
    con.execute("INSERT INTO value VALUES (1, 'P')")
    counter = iter(range(10**9))

    def update() -> float:
        start = time.perf_counter()
        con.execute("BEGIN")
        con.execute("UPDATE value SET text = ? WHERE id = 1", (f"P{next(counter)}",))
        con.execute("COMMIT")
        return time.perf_counter() - start

    return update


# The parts -------------------------------------------------------------------------------------


def bench_exports(report: Report, folder: Path, runs: int,
                  wanted: Callable[..., bool]) -> None:
    from ccm_desktop.exchange.pdf import write_pdf
    from ccm_desktop.exchange.xlsx import write_workbook

    if wanted("pdf_export", "pdf_export_plain"):
        pdf = median_time(runs, lambda: write_pdf(report, folder / "r.pdf"))
        if wanted("pdf_export"):
            paragraph = median_time(runs, lambda: _raw_pdf(report, folder / "p.pdf", True))
            emit("pdf_export", pdf, "ratio <= 1.0", "reportlab Paragraph per cell", paragraph)
        if wanted("pdf_export_plain"):
            plain = median_time(runs, lambda: _raw_pdf(report, folder / "t.pdf", False))
            emit("pdf_export_plain", pdf, "ratio <= 2", "reportlab plain-string Table", plain)
    if wanted("xlsx_export"):
        xlsx = median_time(runs, lambda: write_workbook(report, folder / "r.xlsx"))
        raw = median_time(runs, lambda: raw_openpyxl(report, folder / "raw.xlsx"))
        emit("xlsx_export", xlsx, "ratio <= 1.5", "openpyxl write-only", raw)


def bench_imports(report: Report, folder: Path, runs: int) -> None:
    from ccm_desktop.exchange.json_io import write_report_file
    from ccm_desktop.exchange.xlsx import read_workbook, write_workbook

    xlsx_path, json_path = folder / "in.xlsx", folder / "in.ccm.json"
    write_workbook(report, xlsx_path)
    write_report_file(report, json_path)
    emit("xlsx_import", median_time(runs, lambda: read_workbook(xlsx_path)))
    emit("json_import", median_time(runs, lambda: read_report_file(json_path)))


def bench_validation(report: Report, runs: int) -> None:
    from ccm_desktop.schema.validate import validate

    emit("validation", median_time(runs, lambda: validate(report)), "seconds <= 0.3")


def _export_child(kind: str, quick: bool, out: str) -> None:
    """In a child process: build the large report and export it; print the peak memory."""
    from ccm_desktop.exchange.pdf import write_pdf
    from ccm_desktop.exchange.xlsx import write_workbook

    report = large_report(QUICK if quick else LAO)
    start = time.perf_counter()
    if kind == "pdf":
        write_pdf(report, Path(out) / "m.pdf")
    else:
        write_workbook(report, Path(out) / "m.xlsx")
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "megabytes": _peak_megabytes()}))


def _peak_megabytes() -> float:
    """This process's peak resident memory. VmHWM belongs to the program run by exec; the
    rusage figure is kept across exec, so in a child forked from a large parent it would give
    the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def bench_memory(quick: bool, folder: Path) -> None:
    figures = []
    for kind in ("pdf", "xlsx"):
        done = subprocess.run([sys.executable, __file__, "--export-child", kind,
                               "--out", str(folder)] + (["--quick"] if quick else []),
                              capture_output=True, text=True, check=True)
        figures.append(json.loads(done.stdout.strip().splitlines()[-1]))
    emit("export_peak_memory", sum(f["seconds"] for f in figures), "megabytes <= 400",
         megabytes=round(max(f["megabytes"] for f in figures), 1),
         pdf_megabytes=round(figures[0]["megabytes"], 1),
         xlsx_megabytes=round(figures[1]["megabytes"], 1))


def _window_child(kind: str, started: float, db: str) -> None:
    """In a child process started at `started` (time.time() of the parent): show the bare
    window or run the application, and print the seconds to the first paint of a window."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    done: list[float] = []

    class Watch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and not done and isinstance(obj, QMainWindow):
                done.append(time.time() - started)
                QTimer.singleShot(0, app.quit)
            return False

    watch = Watch()
    app.installEventFilter(watch)
    if kind == "bare":
        window = QMainWindow()
        window.resize(1366, 768)
        window.show()
        app.exec()
    else:
        from ccm_desktop.app import run_app

        run_app(db)
    print(json.dumps({"seconds": done[0]}))


def window_start(kind: str, folder: Path, runs: int) -> float:
    """Median seconds from starting a process to the first paint of its window, as a person
    starts the program on any day but the first: an existing reports database (made by one
    start first, not counted), and Python's compiled modules cached as in an installed program
    (a cache folder of this run, even where PYTHONDONTWRITEBYTECODE is set). The bare window is
    started the same way, from the same script."""
    home = folder / f"home-{kind}"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local"), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def start() -> float:
        started = time.time()
        done = subprocess.run([sys.executable, __file__, "--window-child", kind, "--out",
                               str(home / "reports.sqlite3"), "--started", repr(started)],
                              env=env, capture_output=True, text=True, check=True, timeout=300)
        seconds: float = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
        return seconds

    start()  # the database made, the modules compiled
    return statistics.median(start() for _ in range(runs))


def _settle() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


def _first_paint(make: Callable[[], Any]) -> float:
    """Seconds from creating a window to its first paint event."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    painted: list[float] = []

    class Watch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    watch = Watch()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    start = time.perf_counter()
    window = make()
    window.resize(1366, 768)
    window.show()
    while not painted:
        app.processEvents()
    app.removeEventFilter(watch)
    window.close()
    window.deleteLater()
    app.processEvents()
    return painted[0] - start


def bench_window(small: Report, large: Report, folder: Path, runs: int,
                 only: set[str] | None) -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from ccm_desktop.schema.model import path_of
    from ccm_desktop.storage.repository import open_repository
    from ccm_desktop.ui.main_window import MainWindow
    from ccm_desktop.ui.settings import Settings

    _app = QApplication.instance() or QApplication([])  # noqa: F841 - kept alive

    def wanted(name: str) -> bool:
        return only is None or name in only

    raw_update = raw_sqlite_update(folder)
    settings = Settings.at(folder / "settings.ini")
    with open_repository(str(folder / "bench.sqlite3")) as repository:
        ids = {"small": repository.add(small, "small"), "large": repository.add(large, "large")}
        if wanted("window_start"):  # from starting the process, as a person sees it
            bare = window_start("bare", folder, runs)
            ours = window_start("ours", folder, runs)
            emit("window_start", ours, "ratio <= 2", "bare QMainWindow", bare)
            emit("window_start_in_process", statistics.median(
                _first_paint(lambda: MainWindow(repository, settings)) for _ in range(runs)),
                None, "bare QMainWindow", statistics.median(
                    _first_paint(QMainWindow) for _ in range(runs)))
        window = MainWindow(repository, settings)
        window.resize(1366, 768)
        window.show()
        _settle()
        opens, pages, jumps, cells, raw = [], [], [], [], []
        edits: dict[str, list[float]] = {"small": [], "large": []}
        saves: dict[str, list[float]] = {"small": [], "large": []}
        areas = len(large.form("F").tables["contaminated_areas"])
        last = path_of("F", "tables", "contaminated_areas", areas - 1, "area_id")
        for run in range(runs):
            for which in ("small", "large"):
                start = time.perf_counter()
                window.open_report(ids[which])
                _settle()
                if which == "large":
                    opens.append(time.perf_counter() - start)
                opened = window.current
                assert opened is not None
                # The autosave waits for a pause in typing; it is measured on its own below.
                opened.autosaver._timer.setInterval(3_600_000)
                start = time.perf_counter()
                opened.document.set_value("cover", "prepared_by", f"Bench {run}")
                _settle()
                edits[which].append(time.perf_counter() - start)
                # The save itself (compare, write, commit), as the autosaver times it: the
                # counterpart of the raw UPDATE below.
                opened.autosaver.flush()
                saves[which].append(opened.autosaver.last_duration)
                # The baseline right after, so that both meet the disk in the same state.
                raw.append(raw_update())
                if which == "large":
                    start = time.perf_counter()
                    page = opened.view.show_key("F")
                    _settle()
                    pages.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    opened.view.go_to(last)
                    _settle()
                    jumps.append(time.perf_counter() - start)
                    # A typed cell of the shown table, as the grid hands it on (setData).
                    model = page.tables["clearance"].model  # type: ignore[attr-defined]
                    index = model.index(5, model.column_index("cleared_m2"))
                    start = time.perf_counter()
                    model.setData(index, str(1000 + run))
                    _settle()
                    cells.append(time.perf_counter() - start)
                    opened.autosaver.flush()
                window.close_report()
                _settle()
        window.close()
        median = statistics.median
        update = median(raw)
        emit("open_from_database", median(opens))
        emit("typed_field", median(edits["large"]), "seconds <= 0.016")
        emit("typed_field_small", median(edits["small"]), "seconds <= 0.016")
        emit("typed_cell", median(cells), "seconds <= 0.016")
        emit("autosave_small", median(saves["small"]), "seconds <= 0.005",
             "one raw SQLite UPDATE", update)
        emit("autosave_large", median(saves["large"]), "seconds <= 0.005",
             "one raw SQLite UPDATE", update)
        emit("form_f_page", median(pages), "seconds <= 0.3")
        emit("form_f_last_row", median(jumps), "seconds <= 0.05")


NAMES = ("pdf_export", "pdf_export_plain", "xlsx_export", "xlsx_import", "json_import",
         "validation", "export_peak_memory", "window_start", "window_start_in_process",
         "open_from_database", "typed_field", "typed_field_small", "typed_cell",
         "autosave_small", "autosave_large", "form_f_page", "form_f_last_row")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run each")
    parser.add_argument("--runs", type=int, help="runs per figure (default 5, or 1 with --quick)")
    parser.add_argument("--only", help="comma-separated names of the figures to measure")
    parser.add_argument("--export-child", choices=("pdf", "xlsx"), help=argparse.SUPPRESS)
    parser.add_argument("--window-child", choices=("bare", "ours"), help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.export_child:
        _export_child(args.export_child, args.quick, args.out)
        return
    if args.window_child:
        _window_child(args.window_child, args.started, args.out)
        return
    runs = args.runs or (1 if args.quick else 5)
    only = set(args.only.split(",")) if args.only else None
    global ONLY
    ONLY = only

    def wanted(*names: str) -> bool:
        return only is None or bool(only & set(names))

    size = QUICK if args.quick else LAO
    large = large_report(size)
    small = small_report()
    with tempfile.TemporaryDirectory(prefix="ccm-bench-") as name:
        folder = Path(name)
        if wanted("pdf_export", "pdf_export_plain", "xlsx_export"):
            bench_exports(large, folder, runs, wanted)
        if wanted("xlsx_import", "json_import"):
            bench_imports(large, folder, runs)
        if wanted("validation"):
            bench_validation(large, runs)
        if wanted("export_peak_memory"):
            bench_memory(args.quick, folder)
        if wanted(*NAMES[NAMES.index("window_start"):]):
            bench_window(small, large, folder, runs, only)


if __name__ == "__main__":
    main()
