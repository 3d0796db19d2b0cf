"""Qt's own words (standard buttons, dialogs) follow the window's language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from ccm_desktop.storage.repository import open_repository
from ccm_desktop.ui.main_window import MainWindow
from ccm_desktop.ui.qt_language import apply_qt_language
from ccm_desktop.ui.settings import Settings


def _cancel_text(qtbot: QtBot) -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    button = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert button is not None
    return button.text().replace("&", "")


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    yield
    apply_qt_language("en")


@pytest.mark.parametrize(("lang", "cancel"), [("fr", "Annuler"), ("es", "Cancelar"),
                                              ("ru", "Отмена"), ("zh", "取消"), ("ar", "ألغِ")])
def test_standard_buttons_speak_the_language(qtbot: QtBot, english_afterwards: None,
                                             lang: str, cancel: str) -> None:
    assert _cancel_text(qtbot) == "Cancel"
    assert apply_qt_language(lang)
    assert _cancel_text(qtbot) == cancel
    assert not apply_qt_language("en")
    assert _cancel_text(qtbot) == "Cancel"


def test_switching_twice_keeps_one_translator(qtbot: QtBot, english_afterwards: None) -> None:
    apply_qt_language("fr")
    apply_qt_language("ru")
    assert _cancel_text(qtbot) == "Отмена"


def test_the_window_menu_switches_qt_too(qtbot: QtBot, tmp_path: Path,
                                         english_afterwards: None) -> None:
    with open_repository(str(tmp_path / "reports.sqlite3")) as repository:
        window = MainWindow(repository, Settings.at(tmp_path / "settings.ini"),
                            today=date(2026, 3, 1), sample_dir=tmp_path / "none")
        qtbot.addWidget(window)
        window.language_actions["es"].trigger()
        assert _cancel_text(qtbot) == "Cancelar"
        window.language_actions["en"].trigger()
        assert _cancel_text(qtbot) == "Cancel"
