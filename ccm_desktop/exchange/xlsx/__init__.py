"""The report as an Excel workbook (docs/excel.md).

- `write_workbook` / `read_workbook`: our own workbooks, an exact round trip.
- `mapping`, `guess`: workbooks people made, through a column mapping (`*.ccm-map.json`).
- `merge_preview` / `merge`: fill some forms of an open report from a workbook.
- `guards`: every workbook is inspected before it is parsed (ZIP bombs, entities, huge sheets).

No Qt and no database here.
"""

from __future__ import annotations

from ccm_desktop.exchange.xlsx.merge import Change, merge, merge_preview
from ccm_desktop.exchange.xlsx.reader import read_workbook, read_workbook_parts
from ccm_desktop.exchange.xlsx.writer import CellTooLong, workbook_bytes, write_workbook

__all__ = [
    "CellTooLong", "Change", "merge", "merge_preview", "read_workbook", "read_workbook_parts",
    "workbook_bytes", "write_workbook",
]
