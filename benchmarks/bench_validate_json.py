"""Validation and the JSON file on a large report: how long they take as the report grows.

The baseline is the Croatia 2016 sample; the large report repeats its clearance and
contaminated-area rows (and the casualties) until Form F holds thousands of rows, which is more
than any State has reported. Prints seconds and ratios to the baseline; asserts nothing.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from pathlib import Path

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.json_io import dumps_report, read_report_bytes, read_report_file
from ccm_desktop.schema.validate import validate

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def enlarged(report: Report, factor: int) -> Report:
    big = report.copy()
    f = big.form("F")
    areas, clearance = f.tables["contaminated_areas"], f.tables["clearance"]
    f.tables["contaminated_areas"] = [
        {**row, "area_id": f"{row['area_id']}-{n}"} for n in range(factor) for row in areas]
    f.tables["clearance"] = [
        {**row, "area_id": f"{row['area_id']}-{n}"} for n in range(factor) for row in clearance]
    h = big.form("H")
    h.tables["casualties"] = [copy.deepcopy(r) for _ in range(factor)
                              for r in h.tables["casualties"]]
    return big


def main() -> None:
    first = read_report_file(SAMPLES / "hrv-2015-annual.ccm.json")
    base = read_report_file(SAMPLES / "hrv-2016-annual.ccm.json")
    rows = len(base.form("F").tables["clearance"]) + len(
        base.form("F").tables["contaminated_areas"])
    print(f"{'report':<28}{'rows in F':>10}{'validate':>12}{'write':>10}{'read':>10}  ratio")
    baseline = None
    for factor in (1, 100, 1000):
        report = enlarged(base, factor)
        text = dumps_report(report)
        data = text.encode("utf-8")
        t_validate = best_of(5, lambda r=report: validate(r, first))
        t_write = best_of(5, lambda r=report: dumps_report(r))
        t_read = best_of(5, lambda d=data: read_report_bytes(d, "big.ccm.json"))
        total = t_validate + t_write + t_read
        baseline = baseline or total
        name = "hrv-2016 sample" if factor == 1 else f"hrv-2016 x{factor}"
        print(f"{name:<28}{rows * factor:>10}{t_validate:>11.4f}s{t_write:>9.4f}s"
              f"{t_read:>9.4f}s  {total / baseline:7.1f}x   ({len(data) / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
