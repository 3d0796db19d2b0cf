"""Export a 20,000-row report as PDF: time and peak memory, against baselines from the same run.

Each measurement runs in a fresh Python process so that its peak resident memory is its own:

- `build`: import the application and build the report in memory (no file written);
- `json`:  the same, then write the report as `.ccm.json` (the baseline the ratios use);
- `pdf`:   the same, then write it as PDF.

    .venv/bin/python benchmarks/bench_pdf.py [--rows 20000] [--repeat 1]

Prints seconds and peak RSS of each, the PDF's pages and size, and the ratios PDF / JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child(kind: str, rows: int, out_dir: str) -> None:
    sys.path.insert(0, str(ROOT))
    from ccm_desktop.exchange.json_io import write_report_file
    from ccm_desktop.exchange.pdf import write_pdf
    from tests.pdf_reports import big_report

    start = time.perf_counter()
    report = big_report(rows)
    built = time.perf_counter()
    pages = 0
    size = 0
    progress_calls = 0

    def progress(done: int, total: int) -> None:
        nonlocal progress_calls
        progress_calls += 1

    if kind == "json":
        target = Path(out_dir) / "big.ccm.json"
        write_report_file(report, target)
        size = target.stat().st_size
    elif kind == "pdf":
        target = Path(out_dir) / "big.pdf"
        write_pdf(report, target, progress=progress)
        size = target.stat().st_size
    done = time.perf_counter()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    if kind == "pdf":
        pages = Path(out_dir, "big.pdf").read_bytes().count(b"/Type /Page\n")
    print(json.dumps({"kind": kind, "build_s": built - start, "write_s": done - built,
                      "peak_mib": peak_kib / 1024, "pages": pages, "bytes": size,
                      "progress_calls": progress_calls}))


def measure(kind: str, rows: int, out_dir: str) -> dict[str, float]:
    result = subprocess.run([sys.executable, __file__, "--child", kind, "--rows", str(rows),
                             "--out", out_dir], capture_output=True, text=True, check=True)
    data: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.rows, args.out)
        return
    with tempfile.TemporaryDirectory() as out_dir:
        runs: dict[str, list[dict[str, float]]] = {"build": [], "json": [], "pdf": []}
        for _ in range(args.repeat):
            for kind in runs:
                runs[kind].append(measure(kind, args.rows, out_dir))
    best = {k: min(v, key=lambda r: r["write_s"]) for k, v in runs.items()}
    build, js, pdf = best["build"], best["json"], best["pdf"]
    print(f"Report of {args.rows:,} table rows (Form F areas and clearance, Form H casualties); "
          f"best of {args.repeat}.")
    print(f"{'':24}{'write s':>10}{'peak RSS MiB':>15}")
    print(f"{'build only (baseline)':24}{build['write_s']:>10.2f}{build['peak_mib']:>15.1f}")
    print(f"{'write .ccm.json':24}{js['write_s']:>10.2f}{js['peak_mib']:>15.1f}")
    print(f"{'write .pdf':24}{pdf['write_s']:>10.2f}{pdf['peak_mib']:>15.1f}")
    print(f"PDF: {int(pdf['pages'])} pages, {pdf['bytes'] / 1e6:.1f} MB, "
          f"{int(pdf['progress_calls'])} progress calls; JSON: {js['bytes'] / 1e6:.1f} MB")
    print(f"ratios PDF / JSON: time {pdf['write_s'] / max(js['write_s'], 1e-9):.1f}x, "
          f"peak RSS {pdf['peak_mib'] / js['peak_mib']:.2f}x; "
          f"memory above the built report: PDF {pdf['peak_mib'] - build['peak_mib']:.0f} MiB, "
          f"JSON {js['peak_mib'] - build['peak_mib']:.0f} MiB")
    print(f"PDF time per 1,000 rows: {pdf['write_s'] / args.rows * 1000:.2f} s")


if __name__ == "__main__":
    main()
