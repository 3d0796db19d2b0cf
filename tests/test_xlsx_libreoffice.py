"""Exported workbooks open in LibreOffice (headless), and a workbook LibreOffice saved again is
still read back as the same report."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.json_io import read_report_file
from ccm_desktop.exchange.xlsx import read_workbook, write_workbook
from tests.conftest import SAMPLES
from tests.test_xlsx_roundtrip import awkward_report

SOFFICE = shutil.which("soffice")
# CI installs LibreOffice (scripts/install.sh); there a missing soffice is a failure, not a skip.
pytestmark = pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                                reason="LibreOffice is not installed (scripts/install.sh does it)")
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def soffice(tmp: Path, target: str, files: list[Path], outdir: Path) -> subprocess.CompletedProcess[str]:
    assert SOFFICE is not None, "soffice is missing: scripts/install.sh installs LibreOffice"
    profile = (tmp / "lo-profile").as_uri()
    return subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
                          capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Report]]:
    folder = tmp_path_factory.mktemp("export")
    reports = {
        "gbr-en": (read_report_file(SAMPLES / "valid" / "gbr-2013-annual.ccm.json"), "en"),
        "awkward-fr": (awkward_report(), "fr"),
        "awkward-ar": (awkward_report(), "ar"),
    }
    out = {}
    for name, (report, lang) in reports.items():
        path = folder / f"{name}.xlsx"
        write_workbook(report, path, lang=lang)
        out[name] = (path, report)
    return out


def test_libreoffice_converts_every_sheet_to_csv(exported: dict[str, tuple[Path, Report]],
                                                 tmp_path: Path) -> None:
    files = [path for path, _ in exported.values()]
    done = soffice(tmp_path, ALL_SHEETS_CSV, files, tmp_path / "csv")
    assert done.returncode == 0, done.stderr
    for path in files:
        for sheet in ["Cover", *"ABCDEFGHIJ"]:
            assert (tmp_path / "csv" / f"{path.stem}-{sheet}.csv").is_file(), (path, sheet)
    with (tmp_path / "csv" / "awkward-fr-Cover.csv").open(encoding="utf-8", newline="") as handle:
        cells = {cell for row in csv.reader(handle) for cell in row}
    # Text that looks like a formula is shown as the text, never computed.
    assert '=HYPERLINK("http://example.org")' in cells
    assert {"+ coordination", "-Dupont", "@home", "#N/A"} <= cells
    with (tmp_path / "csv" / "awkward-fr-F.csv").open(encoding="utf-8", newline="") as handle:
        cells = {cell for row in csv.reader(handle) for cell in row}
    assert "1234567890123456789012345.5" in cells
    assert "1899-12-31" in cells
    with (tmp_path / "csv" / "gbr-en-B.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert any("M26 rocket (MLRS)" in row and "9,648" in row for row in rows)


def _without_carriage_returns(report: Report) -> Report:
    """LibreOffice keeps a line break but turns a carriage return into one."""
    out = report.copy()
    for rows in out.cover.tables.values():
        for row in rows:
            for key, value in row.items():
                if isinstance(value, str):
                    row[key] = value.replace("\r\n", "\n").replace("\r", "\n")
    return out.normalised()


def test_a_workbook_libreoffice_saved_again_reads_back_the_same(
        exported: dict[str, tuple[Path, Report]], tmp_path: Path) -> None:
    files = [path for path, _ in exported.values()]
    done = soffice(tmp_path, "xlsx:Calc MS Excel 2007 XML", files, tmp_path / "resaved")
    assert done.returncode == 0, done.stderr
    for path, report in exported.values():
        back = read_workbook(tmp_path / "resaved" / path.name)
        assert _without_carriage_returns(back) == _without_carriage_returns(report), path.name
