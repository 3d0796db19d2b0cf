"""Excel workbooks: export, import, mapped import and the hostile-file guards, timed against the
JSON file of the same report in the same run (the baseline of the ratios).

    .venv/bin/python benchmarks/bench_xlsx.py [--rows 5000] [--repeat 3]

- `json write` / `json read`: the report as `.ccm.json` (baseline);
- `xlsx write` / `xlsx read`: the same report as a workbook, and read back (checked equal);
- `mapped import`: a person's sheet of the same number of clearance rows, text numbers with
  decimal commas, through a column mapping; `guess-map` on it;
- `million empty rows`: how long the guards take to refuse that sheet, against reading the
  small sample workbook.

Each figure is the best of `--repeat` runs. Peak memory of the whole run is printed at the end.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ccm_desktop.domain.report import FormStatus, Report  # noqa: E402
from ccm_desktop.exchange.errors import UnreadableFile  # noqa: E402
from ccm_desktop.exchange.json_io import read_report_file, write_report_file  # noqa: E402
from ccm_desktop.exchange.xlsx import read_workbook, write_workbook  # noqa: E402
from ccm_desktop.exchange.xlsx.guess import guess_for_workbook  # noqa: E402
from ccm_desktop.exchange.xlsx.mapping import import_with_mapping, mapping_from_json  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "samples" / "valid" / "gbr-2013-annual.ccm.json"


def big_report(rows: int) -> Report:
    """A report with `rows` rows spread over the big tables, texts in several scripts."""
    rng = random.Random(7)
    report = read_report_file(SAMPLE) if SAMPLE.exists() else Report()
    f = report.form("F")
    f.status = FormStatus.CHANGED
    f.tables["contaminated_areas"] = [
        {"area_id": f"CHA-{n:05d}", "location": rng.choice(["Champassak", "Савана", "النبطية"]),
         "latitude": Decimal(f"{rng.uniform(-60, 60):.6f}"), "status": "confirmed",
         "size_m2": Decimal(rng.randrange(1, 10**9)) / 100,
         "remnant_types": "BLU-26, M42\nestimated 1,200 items"}
        for n in range(rows // 2)]
    f.tables["clearance"] = [
        {"area_id": f"CHA-{n:05d}", "cleared_m2": Decimal(rng.randrange(1, 10**7)),
         "submunitions_destroyed": rng.randrange(0, 5000), "operator": "MAG"}
        for n in range(rows // 4)]
    b = report.form("B")
    b.tables["discovered"] = [
        {"type": "M26", "munitions": n, "date_discovered": date(2015, 1, 1) + timedelta(n % 300),
         "destruction_plan": "Destruction sur place, puis rapport au Secrétariat."}
        for n in range(rows - rows // 2 - rows // 4)]
    return report


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def people_sheet(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    rng = random.Random(11)
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Dépollution")
    ws.append(["Centre national de déminage — données 2015"])
    ws.append([])
    ws.append(["Réf. zone", "Province", "Superficie dépolluée (ha)", "Sous-munitions détruites",
               "Opérateur"])
    for n in range(rows):
        ws.append([f"CHA-{n:05d}", "Champassak", f"{rng.randrange(1, 10**6):,}".replace(",", " ")
                   + f",{rng.randrange(0, 99):02d}", rng.randrange(0, 500), "UXO Lao"])
    workbook.save(path)


def million_rows(path: Path, source_path: Path) -> None:
    """The sample workbook with its sheet A replaced by 1,048,576 empty rows."""
    write_workbook(read_report_file(SAMPLE), source_path)
    rows = "".join(f'<row r="{n}"/>' for n in range(1, 1_048_577))
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
             'formats.org/spreadsheetml/2006/main"><dimension ref="A1:Z1048576"/><sheetData>'
             f'{rows}</sheetData></worksheet>')
    with zipfile.ZipFile(source_path) as src, zipfile.ZipFile(path, "w",
                                                               zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = sheet.encode()
            dst.writestr(info.filename, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    report = big_report(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        json_path, xlsx_path = tmp / "r.ccm.json", tmp / "r.xlsx"
        figures: dict[str, float] = {}
        figures["json write"] = best(args.repeat, lambda: write_report_file(report, json_path))
        figures["json read"] = best(args.repeat, lambda: read_report_file(json_path))
        figures["xlsx write"] = best(args.repeat, lambda: write_workbook(report, xlsx_path))
        figures["xlsx read"] = best(args.repeat, lambda: read_workbook(xlsx_path))
        assert read_workbook(xlsx_path).normalised() == report.normalised()

        sheet = tmp / "people.xlsx"
        people_sheet(sheet, args.rows)
        mapping = mapping_from_json({
            "format": "ccm-column-map", "format_version": 1, "sheet": "Dépollution",
            "header_row": 3, "form": "F", "table": "clearance", "decimal_separator": ",",
            "columns": {"Réf. zone": "area_id", "Province": "location",
                        "Superficie dépolluée (ha)": {"column": "cleared_m2", "unit": "ha"},
                        "Sous-munitions détruites": "submunitions_destroyed",
                        "Opérateur": "operator"}})
        imported = import_with_mapping(sheet, mapping)
        assert len(imported.rows) == args.rows and not imported.problems
        figures["mapped import"] = best(args.repeat, lambda: import_with_mapping(sheet, mapping))
        figures["guess-map"] = best(args.repeat,
                                    lambda: guess_for_workbook(sheet, "F", "clearance"))

        hostile, small = tmp / "million.xlsx", tmp / "million.small.xlsx"
        million_rows(hostile, small)

        def refuse() -> None:
            try:
                read_workbook(hostile)
            except UnreadableFile:
                return
            raise AssertionError("the million-row sheet was read")

        figures["refuse million rows"] = best(args.repeat, refuse)
        figures["read sample workbook"] = best(args.repeat, lambda: read_workbook(small))
        sizes = {"json": json_path.stat().st_size, "xlsx": xlsx_path.stat().st_size,
                 "million rows": hostile.stat().st_size}

    print(f"report: {args.rows:,} rows; best of {args.repeat}")
    for name, seconds in figures.items():
        print(f"  {name:<22} {seconds * 1000:9.1f} ms")
    print("ratios:")
    print(f"  xlsx write / json write      {figures['xlsx write'] / figures['json write']:6.1f}")
    print(f"  xlsx read  / json read       {figures['xlsx read'] / figures['json read']:6.1f}")
    print(f"  mapped import / xlsx read    {figures['mapped import'] / figures['xlsx read']:6.2f}")
    print(f"  refuse million rows / read sample workbook "
          f"{figures['refuse million rows'] / figures['read sample workbook']:6.2f}")
    print("sizes: " + ", ".join(f"{k} {v / 1024:,.0f} KB" for k, v in sizes.items()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this run: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
