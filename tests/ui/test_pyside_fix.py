"""Signals emitted from Python must not wear out `True` (PySide6 6.12 fault, ui/pyside_fix.py)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import ccm_desktop.ui  # noqa: F401 - importing the window package applies the workaround
from ccm_desktop.domain.report import Report
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.pyside_fix import emit_loses_a_reference


class _Sender(QObject):
    said = Signal(str)


def test_emitting_many_signals_keeps_every_reference_to_true() -> None:
    sender = _Sender()
    before = sys.getrefcount(True)
    for _ in range(5000):
        sender.said.emit("x")
    assert abs(sys.getrefcount(True) - before) <= 2  # without the fix: 5000 fewer
    assert not emit_loses_a_reference()


def test_a_thousand_edits_leave_the_interpreter_whole() -> None:
    doc = ReportDocument(Report())
    before = sys.getrefcount(True)
    for i in range(1000):
        doc.set_value("cover", "prepared_by", f"Office {i}")
    assert doc.report.cover.fields["prepared_by"] == "Office 999"
    assert sys.getrefcount(True) >= before - 50  # edits may hold a few True values; not 4000 fewer
