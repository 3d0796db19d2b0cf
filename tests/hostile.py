"""Shared by the tests of hostile files (workbooks, Word documents, PDFs): build a package with
parts replaced or added, and check what the command line does with it -- exit code 2, one plain
sentence naming the file, bounded memory, and the database folder byte-for-byte the same."""

from __future__ import annotations

import hashlib
import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ccm_desktop.cli import run
from tests.conftest import ROOT

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the child; far above what reading needs
RSS_LIMIT_KB = 450 * 1024


def rebuild(source: bytes, replace: dict[str, bytes] | None = None,
            add: dict[str, bytes] | None = None) -> bytes:
    """The package with some parts replaced or added (deflated, as Office does)."""
    replace, add = replace or {}, add or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in add.items():
            dst.writestr(name, data)
    return out.getvalue()


def with_zip_bomb(source: bytes, part: str) -> bytes:
    """The package plus a part that unpacks from about 64 KB to 64 MB of zeros (ratio 1000)."""
    out = io.BytesIO(rebuild(source))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as dst, \
            dst.open(part, "w") as stream:
        block = b"\x00" * (1 << 20)
        for _ in range(64):
            stream.write(block)
    return out.getvalue()


def write_files(folder: Path, builders: dict[str, tuple[Callable[[], bytes], str]]
                ) -> dict[str, Path]:
    """Each builder's bytes in a file of the folder: name -> (build, suffix)."""
    out = {}
    for name, (build, suffix) in builders.items():
        path = folder / f"{name}{suffix}"
        path.write_bytes(build())
        out[name] = path
    return out


def database_holding(folder: Path, report: Path) -> Path:
    """A database file alone in `folder`, holding one report imported from `report`."""
    db = folder / "reports.sqlite3"
    assert run(["--db", str(db), "import", str(report)]) == 0
    return db


def folder_state(db: Path) -> dict[str, str]:
    """Every file beside the database (the database, its journal, backups) and its hash."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(db.parent.iterdir()) if p.is_file()}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@dataclass(frozen=True)
class Done:
    code: int
    out: str
    err: str
    seconds: float  # including interpreter start-up; asserted on only in the timing group


def run_cli(*args: str) -> Done:
    """`ccm-desktop ARGS` in a child process with limited address space."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CCM_DESKTOP_DEBUG", None)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "ccm_desktop.cli", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120, preexec_fn=_limit_memory)
    return Done(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


def check_import_refused(database: Path, path: Path, sentence: str) -> None:
    """`ccm-desktop import PATH` exits 2 with one sentence that names the file and says
    `sentence`, in bounded memory, and leaves every file beside the database as it was."""
    before = folder_state(database)
    done = run_cli("--db", str(database), "import", str(path))
    assert done.code == 2, done.err
    assert done.out == ""
    lines = done.err.strip().splitlines()
    assert len(lines) == 1, done.err
    assert lines[0].startswith(f"ccm-desktop: {path.name}")
    assert sentence in lines[0]
    assert "Traceback" not in done.err and "Error:" not in done.err
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < RSS_LIMIT_KB
    assert folder_state(database) == before
