"""Pick the reader or writer for a file by its suffix: `.ccm.json`/`.json`, `.xlsx`, `.pdf`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ccm_desktop.domain.findings import Finding
from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.errors import UnreadableFile
from ccm_desktop.schema.i18n import N_

Progress = Callable[[int, int], None]  # (done, total); may be called from a worker thread


def suffix_of(path: str | Path) -> str:
    name = Path(path).name.lower()
    return ".json" if name.endswith(".json") else Path(name).suffix


def read_report(path: str | Path) -> Report:
    """Read a report from `.ccm.json` or `.xlsx`. Raises UnreadableFile."""
    suffix = suffix_of(path)
    if suffix == ".json":
        from ccm_desktop.exchange.json_io import read_report_file

        return read_report_file(path)
    if suffix == ".xlsx":
        from ccm_desktop.exchange.xlsx import read_workbook

        report: Report = read_workbook(path)
        return report
    raise UnreadableFile(Path(path).name, N_("is neither a .ccm.json report nor an .xlsx workbook"))


def write_report(report: Report, path: str | Path, lang: str = "en",
                 findings: list[Finding] | None = None, progress: Progress | None = None,
                 compared_with: Report | None = None) -> None:
    """Write `report` to `path` in the format its suffix names. Raises OSError on disk trouble
    and ValueError for an unknown suffix. `compared_with` (a PDF only) adds the annex of what
    changed since that report."""
    suffix = suffix_of(path)
    if suffix == ".json":
        from ccm_desktop.exchange.json_io import write_report_file

        write_report_file(report, path)
    elif suffix == ".xlsx":
        from ccm_desktop.exchange.xlsx import write_workbook

        write_workbook(report, path, lang=lang, progress=progress)
    elif suffix == ".pdf":
        from ccm_desktop.exchange.pdf import write_pdf

        write_pdf(report, path, lang=lang, findings=findings, progress=progress,
                  compared_with=compared_with)
    else:
        raise ValueError(f"{Path(path).name}: cannot write this kind of file; use .ccm.json, "
                         ".xlsx or .pdf")
