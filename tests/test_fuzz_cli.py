"""Seeded mutation fuzzing of the command line, in-process.

Mutated copies of our own samples (resources/samples) and of workbooks exported from them go
through `validate`, `convert` (to .ccm.json, .xlsx and a small share to .pdf) and `import`, with
CCM_DESKTOP_DEBUG=1 so that any unexpected exception propagates and fails the test. Every run must
end with exit code 0, 1 or 2; a failed import must leave the database file byte for byte as it
was. CCM_FUZZ_CASES sets the number of cases (default below, for CI), CCM_FUZZ_SEED the seed.
"""

from __future__ import annotations

import copy
import io
import json
import os
import random
import shutil
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell

from ccm_desktop.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
CASES = int(os.environ.get("CCM_FUZZ_CASES", "300"))
SEED = int(os.environ.get("CCM_FUZZ_SEED", "20261129"))

HUGE = [10**30, 10**4000, 2**63, -(2**63) - 1, 2**63 - 1, 10**15, 999_999_999_999_999 + 1, -1, -(10**30),
        10**300]
SURROGATES = ["\ud800", "a\udfffb", "\udc80x", "x\ud83d"]
ODD = [None, True, False, 0, -5, 1.5, 1e308, "", "  ", "abc", "2,5", "1e999999", "-0",
       "99999999999999999999999999999999.5", [], {}, [1, 2], {"x": 1}, "NaN", "\x00",
       "\u202e\u200f", "٢٬٥٠٠٫٥", "9" * 400, "9" * 5000, "0." + "0" * 300 + "1", "2025-02-30"]


DEEP = "<deeply nested>"


class _Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def run_cli(*argv: str) -> _Run:
    """`ccm_desktop.cli.main` in-process, with a strict UTF-8 stdout as a terminal has."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict")
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="backslashreplace")
    with redirect_stdout(out), redirect_stderr(err):
        try:
            main(list(argv))
            code = 0
        except SystemExit as stop:
            code = int(stop.code or 0) if not isinstance(stop.code, str) else 2
    out.flush()
    err.flush()
    return _Run(code, out_bytes.getvalue().decode(), err_bytes.getvalue().decode())


# JSON mutations ----------------------------------------------------------------------------


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*path, i))


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


def _odd_value(rng: random.Random) -> Any:
    pick = rng.random()
    if pick < 0.3:
        return rng.choice(HUGE)
    if pick < 0.45:
        return rng.choice(SURROGATES)
    if pick < 0.55:
        return str(rng.choice(HUGE))
    return copy.deepcopy(rng.choice(ODD))


def mutate_json(doc: Any, rng: random.Random) -> bytes:
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(doc) if p]
        path = rng.choice(paths)
        parent = _parent(doc, path)
        action = rng.random()
        if action < 0.55:
            parent[path[-1]] = _odd_value(rng)
        elif action < 0.65 and isinstance(parent, dict):
            del parent[path[-1]]
        elif action < 0.72 and isinstance(parent, dict):
            parent[rng.choice(["extra", "x\ud800", "fields", "rows", ""])] = _odd_value(rng)
        elif action < 0.78:
            parent[path[-1]] = DEEP  # replaced in the text by deep nesting
        elif action < 0.85 and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[0]) if parent else _odd_value(rng))
        else:
            value = parent[path[-1]]
            if isinstance(value, int) and not isinstance(value, bool):
                parent[path[-1]] = value * rng.choice([-1, 10**20, 10**3])
            elif isinstance(value, str):
                parent[path[-1]] = value + rng.choice(SURROGATES + ["\u0000", "9" * 30])
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.5)
    depth = rng.choice([50, 900, 100_000])
    text = text.replace(json.dumps(DEEP), "[" * depth + "1" + "]" * depth
                        if rng.random() < 0.5 else '{"a":' * depth + "1" + "}" * depth)
    data = text.encode("utf-8", errors="surrogatepass")
    roll = rng.random()
    if roll < 0.1:
        data = data[: rng.randrange(len(data))]  # cut off
    elif roll < 0.2:
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        data = bytes(flipped)
    return data


# Workbook mutations ------------------------------------------------------------------------


def _cell_value(rng: random.Random) -> Any:
    value = _odd_value(rng)
    if isinstance(value, list | dict) or value is True and rng.random() < 0.5:
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**300:
        return str(value)
    if isinstance(value, str) and any("\ud800" <= c <= "\udfff" for c in value):
        return rng.choice(["_xD800_", "a_xDFFF_b", "_xD83D__x0041_"])
    if isinstance(value, str):
        return "".join(c for c in value if c >= " " or c in "\t\n")
    return value


def mutate_workbook(workbook: Any, rng: random.Random, target: Path) -> None:
    changed: list[tuple[Any, Any]] = []
    sheets = workbook.worksheets
    for _ in range(rng.randint(1, 4)):
        sheet = rng.choice(sheets)
        row = rng.randint(1, max(1, min(sheet.max_row, 40)))
        col = rng.randint(1, max(1, min(sheet.max_column, 12)))
        cell = sheet.cell(row, col)
        if isinstance(cell, MergedCell):
            continue
        changed.append((cell, cell.value))
        cell.value = _cell_value(rng)
    try:
        workbook.save(target)
    finally:
        for cell, value in reversed(changed):
            cell.value = value


# The test ------------------------------------------------------------------------------------


@pytest.fixture
def fuzz_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CCM_DESKTOP_DEBUG", "1")
    monkeypatch.delenv("CCM_DESKTOP_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(run: _Run, what: str) -> None:
    assert run.code in (0, 1, 2), f"{what}: exit {run.code}\n{run.err}"
    if run.code == 2:
        lines = [line for line in run.err.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("ccm-desktop: "), f"{what}: {run.err!r}"
        assert "unexpected problem" not in run.err, f"{what}: {run.err}"


def test_mutated_reports_and_workbooks_never_crash_the_command_line(fuzz_env: Path) -> None:
    samples = sorted(SAMPLES.glob("*.ccm.json"))
    assert samples, "resources/samples holds our sample reports"
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in samples]
    workbooks = []
    for i, sample in enumerate(samples):
        exported = fuzz_env / f"base-{i}.xlsx"
        _check(run_cli("convert", str(sample), "--to", str(exported)), f"export {sample.name}")
        workbooks.append(openpyxl.load_workbook(exported))
    database = fuzz_env / "reports.sqlite3"
    _check(run_cli("import", str(samples[0]), "--db", str(database)), "first import")
    pristine = fuzz_env / "pristine.sqlite3"
    shutil.copyfile(database, pristine)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))

    counts = {"cases": 0, "exit 0": 0, "exit 1": 0, "exit 2": 0, "imported": 0}
    for case in range(CASES):
        rng = random.Random(SEED * 1_000_003 + case)
        if rng.random() < 0.7:
            source = fuzz_env / "case.ccm.json"
            source.write_bytes(mutate_json(rng.choice(docs), rng))
        else:
            source = fuzz_env / "case.xlsx"
            mutate_workbook(rng.choice(workbooks), rng, source)
        label = f"case {case} (seed {SEED}, {source.name})"
        runs = [("validate", run_cli("validate", str(source)))]
        target = rng.choices([".ccm.json", ".xlsx", ".pdf"], weights=[10, 10, 1])[0]
        out = fuzz_env / f"out{target}"
        runs.append((f"convert to {target}", run_cli("convert", str(source), "--to", str(out))))
        before = database.read_bytes()
        imported = run_cli("import", str(source), "--db", str(database))
        runs.append(("import", imported))
        for what, run in runs:
            _check(run, f"{label} {what}")
            counts[f"exit {run.code}"] += 1
        if imported.code != 0:
            assert database.read_bytes() == before, f"{label}: a failed import changed the database"
        else:
            counts["imported"] += 1
            shutil.copyfile(pristine, database)
        counts["cases"] += 1
    print(f"fuzz: {counts}")
    assert counts["cases"] == CASES
    assert counts["exit 2"] > 0 and counts["exit 0"] > 0  # the mutations reach both sides
