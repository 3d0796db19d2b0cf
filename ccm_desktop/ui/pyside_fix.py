"""A workaround for PySide6 6.12 on Python 3.11: `SignalInstance.emit` returns `True` without
taking a reference to it, so every `signal.emit(...)` made from Python takes one reference from
`True` for good. After a few thousand edits the interpreter frees `True` and aborts
("Fatal Python error: bool_dealloc"). `apply()` checks once whether this build has the fault and,
if so, wraps `emit` to give the reference back. On a build without the fault it changes nothing.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_applied = False


class _Probe(QObject):
    ping = Signal()


def emit_loses_a_reference() -> bool:
    """Whether emitting a signal from Python takes a reference from True."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    lost = before - sys.getrefcount(True) >= 8
    if lost:
        for _ in range(8):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost


def apply() -> None:
    global _applied  # noqa: PLW0603 - once per process
    if _applied or not emit_loses_a_reference():
        return
    original = SignalInstance.emit

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    SignalInstance.emit = emit  # type: ignore[method-assign]
    _applied = True
