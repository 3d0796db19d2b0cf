"""Start time and size of the Linux bundle next to the source install, measured in the same run:
`ccm-desktop --version`, and start to the window shown under Xvfb (fresh HOME and database each
time). The first start after unpacking is given apart; the page cache cannot be dropped here, so
the other runs are warm starts.

    bash scripts/build-bundle.sh
    .venv/bin/python benchmarks/bench_bundle_start.py [--archive dist/ccm-desktop-*.tar.gz] [--runs 5]

Needs Xvfb and xdotool. Figures are medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        return server, f":{pipe.readline().strip()}"


def _env(scratch: Path, display: str, path: str) -> dict[str, str]:
    home = Path(tempfile.mkdtemp(dir=scratch, prefix="home-"))
    return {"HOME": str(home), "PATH": path, "LANG": "C.UTF-8", "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb", "XDG_RUNTIME_DIR": str(home),
            "CCM_DESKTOP_DB": str(home / "fresh.sqlite3")}


def _version(program: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([str(program), "--version"], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def _to_window(program: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen([str(program)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        while True:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name",
                                    "CCM Article 7 reports"], env=env, capture_output=True,
                                   text=True, check=False).stdout.split()
            if found:
                elapsed = time.perf_counter() - started
                return elapsed  # only the start is measured; the finally ends it
            if process.poll() is not None:
                raise SystemExit(f"{program} stopped before showing its window")
            time.sleep(0.02)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path,
                        default=next(iter(sorted((ROOT / "dist").glob("ccm-desktop-*.tar.gz"))), None))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.archive is None or not args.archive.is_file():
        raise SystemExit("no bundle archive: run scripts/build-bundle.sh first")
    server, display = _xvfb()
    try:
        with tempfile.TemporaryDirectory() as scratch_name:
            scratch = Path(scratch_name)
            with tarfile.open(args.archive) as packed:
                packed.extractall(scratch / "unpacked", filter="tar")
            bundle = scratch / "unpacked" / "ccm-desktop" / "ccm-desktop"
            source = Path(sys.executable).with_name("ccm-desktop")
            unpacked = sum(p.stat().st_size for p in bundle.parent.rglob("*") if p.is_file())
            print(f"archive {args.archive.name}: {args.archive.stat().st_size / 2**20:.0f} MiB, "
                  f"unpacked {unpacked / 2**20:.0f} MiB")
            plain = "/usr/bin:/bin"
            cases = [("bundle", bundle, f"{bundle.parent}:{plain}"),
                     ("source install (.venv)", source, f"{source.parent}:{plain}")]
            for name, program, path in cases:
                first = _to_window(program, _env(scratch, display, path))
                windows = [_to_window(program, _env(scratch, display, path))
                           for _ in range(args.runs)]
                versions = [_version(program, _env(scratch, display, path))
                            for _ in range(args.runs)]
                print(f"{name:24} first start to window {first:5.2f} s; "
                      f"median of {args.runs}: to window {statistics.median(windows):5.2f} s, "
                      f"--version {statistics.median(versions):5.2f} s")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
