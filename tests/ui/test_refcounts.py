"""The Qt binding must not lose references to True, False and None.

PySide6 6.12.0 decrements the reference count of a slot's return value (or of None) once too
often on every signal delivered to a Python slot. Python 3.11's True, False and None are ordinary
objects with a count: after enough signals the count reaches zero and the interpreter aborts with
"Fatal Python error: bool_dealloc" (often only at exit, while collecting garbage). The window
delivers thousands of signals an hour, so this is what made one quit in three crash. pyproject
excludes that release; these tests catch a binding that does it again.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

ROUNDS = 500


class Relay(QObject):
    number = Signal(int)
    relayed = Signal(int)


def _counts() -> tuple[int, int, int]:
    gc.collect()
    return sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)


def _lost(before: tuple[int, int, int], after: tuple[int, int, int]) -> dict[str, int]:
    """References lost per singleton; a few may come and go with other objects, a leak is one a
    signal."""
    return {name: b - a for name, b, a in zip(("True", "False", "None"), before, after,
                                               strict=True) if b - a > ROUNDS // 10}


def test_slots_called_from_python_signals_keep_the_singletons_alive() -> None:
    relay = Relay()
    answers: list[int] = []

    def yes(value: int) -> bool:
        answers.append(value)
        return True

    def no(value: int) -> bool:
        return False

    relay.number.connect(yes)
    relay.number.connect(no)
    relay.number.connect(relay.relayed)  # a signal handed on to another, as the navigator does
    relay.relayed.connect(yes)
    before = _counts()
    for i in range(ROUNDS):
        relay.number.emit(i)
    assert _lost(before, _counts()) == {}
    assert len(answers) == 2 * ROUNDS


def test_slots_called_from_qt_signals_keep_the_singletons_alive(qtbot: QtBot) -> None:
    rows = QListWidget()
    qtbot.addWidget(rows)
    rows.addItems([str(i) for i in range(12)])
    seen: list[int] = []
    rows.currentRowChanged.connect(lambda row: seen.append(row))
    rows.currentRowChanged.connect(lambda row: row >= 0)
    before = _counts()
    for i in range(ROUNDS):
        rows.setCurrentRow(i % 12)
    assert _lost(before, _counts()) == {}
    assert len(seen) == ROUNDS
