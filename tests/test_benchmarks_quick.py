"""benchmarks/run.py in --quick mode: every figure is printed as one well-formed JSON line, so
the benchmark can never silently break. Nothing about time is asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

EXPECTED = ("pdf_export", "pdf_export_plain", "xlsx_export", "xlsx_import", "json_import",
            "validation", "export_peak_memory", "window_start", "window_start_in_process",
            "open_from_database", "typed_field", "typed_field_small", "typed_cell",
            "autosave_small", "autosave_large", "form_f_page", "form_f_last_row")
KEYS = {"name", "seconds", "baseline", "baseline_seconds", "ratio", "goal", "met"}


def test_quick_run_prints_every_figure_as_json(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert [r["name"] for r in records] == list(EXPECTED)
    for record in records:
        assert set(record) >= KEYS, record
        assert isinstance(record["seconds"], float) and record["seconds"] > 0, record
        if record["baseline"] is None:
            assert record["baseline_seconds"] is None and record["ratio"] is None, record
        else:
            assert record["baseline_seconds"] > 0, record
            ratio = record["seconds"] / record["baseline_seconds"]  # both rounded to 1 µs
            assert abs(record["ratio"] - ratio) <= 0.02 * ratio + 0.001, record
        if record["goal"] is None:
            assert record["met"] is None, record
        else:
            what, limit = record["goal"].split(" <= ")
            assert what in ("ratio", "seconds", "megabytes") and float(limit) > 0, record
            assert isinstance(record["met"], bool), record
    memory = next(r for r in records if r["name"] == "export_peak_memory")
    assert memory["megabytes"] > 10  # a Python process with the application loaded
