"""Edit → Undo/Redo and the History read in the window's language, also after the language is
switched (issue 12): undo texts and revision summaries are kept as templates, not as English."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import Report
from ccm_desktop.storage.repository import open_repository
from ccm_desktop.ui.history_dialog import HistoryDialog
from tests.ui.test_language_switch import make_window


def test_undo_texts_follow_the_window_language(qtbot: QtBot, tmp_path: Path) -> None:
    with open_repository(str(tmp_path / "reports.sqlite3")) as repository:
        window = make_window(qtbot, repository, tmp_path)
        try:
            window.set_language("fr")
            window.open_sample()
            opened = window.current
            assert opened is not None
            document = opened.document
            document.set_value("C", "remarks", "Une remarque.")
            assert window.act_undo.text().endswith("Modifier une valeur")
            document.insert_rows("F", "clearance", 0, [{}])
            assert window.act_undo.text().endswith("Ajouter une ligne")
            window.act_undo.trigger()
            assert window.act_redo.text().endswith("Ajouter une ligne")
            assert window.act_undo.text().endswith("Modifier une valeur")

            window.set_language("es")
            assert window.act_undo.text().endswith("Modificar un valor")
            assert window.act_redo.text().endswith("Añadir fila")
            window.set_language("en")
            assert window.act_undo.text().endswith("Edit value")
            assert window.act_redo.text().endswith("Add row")
        finally:
            window.set_language("en")


def test_the_history_shows_summaries_in_the_window_language(qtbot: QtBot, tmp_path: Path
                                                            ) -> None:
    db = tmp_path / "reports.sqlite3"
    with open_repository(str(db)) as repo:
        report_id = repo.add(Report())
        report = repo.load(report_id)
        report.cover.fields["state"] = "HRV"
        repo.save(report_id, report)
        repo.restore_revision(report_id, 1)
    with sqlite3.connect(db) as con:  # a revision saved by an older version, in English
        con.execute("UPDATE revision SET summary = 'Cover page: 1 value changed' "
                    "WHERE number = 2")
    with open_repository(str(db)) as repo:
        dialog = HistoryDialog(repo, report_id, lang="ru")
        qtbot.addWidget(dialog)
        shown = [dialog.list.topLevelItem(i).text(3) for i in range(dialog.list.topLevelItemCount())]
    assert shown == ["Восстановлена версия 1", "Cover page: 1 value changed", "Создан"]
