"""Sorting for reading without changing the stored order; photographs with thumbnails."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ccm_desktop.domain.report import FormStatus, Report
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.table import TableEditor
from tests.ui.table_helpers import make_editor, stored, view_index

ROWS = [
    {"year": 2021, "recipient": "Lao PDR", "amount": Decimal(100), "currency": "EUR"},
    {"year": 2022, "recipient": "Iraq", "amount": Decimal(300), "currency": "EUR"},
    {"year": 2023, "recipient": "Chad", "currency": "EUR"},
    {"year": 2020, "recipient": "Viet Nam", "amount": Decimal(200), "currency": "EUR"},
]


def shown(editor: TableEditor, column_id: str) -> list[str]:
    column = editor.model.column_index(column_id)
    return [editor.proxy.index(r, column).data() for r in range(editor.proxy.rowCount())]


def test_sorting_keeps_the_stored_order(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "I", "assistance_provided", [dict(r) for r in ROWS])
    header = editor.grid.horizontalHeader()
    amount = editor.model.column_index("amount")
    # A click on the title sorts (ascending first); the empty cell and the totals stay last.
    x = header.sectionViewportPosition(amount) + header.sectionSize(amount) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert shown(editor, "amount") == ["100", "200", "300", "", "600"]
    editor.sort_by("amount", Qt.SortOrder.DescendingOrder)
    assert shown(editor, "amount") == ["300", "200", "100", "", "600"]
    assert [r["recipient"] for r in stored(editor)] == ["Lao PDR", "Iraq", "Chad", "Viet Nam"]
    assert editor.sort_bar.isVisible() and "Sorted by Amount" in editor.sort_bar.label.text()
    assert editor.model.headerData(1, Qt.Orientation.Vertical) == "2"
    assert editor.proxy.headerData(0, Qt.Orientation.Vertical) == "2"  # stored row numbers
    editor.go_to(2)
    assert not editor.action_up.isEnabled() and not editor.action_down.isEnabled()
    editor.sort_bar.button.click()
    assert shown(editor, "recipient") == ["Lao PDR", "Iraq", "Chad", "Viet Nam", ""]
    assert not editor.sort_bar.isVisible()


def test_edits_in_the_sorted_view_land_on_the_stored_row(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, "I", "assistance_provided", [dict(r) for r in ROWS])
    editor.sort_by("year")  # shown: 2020 Viet Nam, 2021 Lao PDR, 2022 Iraq, 2023 Chad
    column = editor.model.column_index("channel")
    index = editor.proxy.index(0, column)
    editor.grid.setCurrentIndex(index)
    editor.grid.edit(index)
    cell = editor.delegate.open_editor
    assert cell is not None
    qtbot.keyClicks(cell.main, "UNDP")
    qtbot.keyClick(cell.main, Qt.Key.Key_Return)
    assert stored(editor)[3]["channel"] == "UNDP"
    assert all("channel" not in r for r in stored(editor)[:3])
    # Row actions in the sorted view act on the rows shown.
    editor.grid.setCurrentIndex(editor.proxy.index(1, 0))  # Lao PDR
    editor.action_delete.trigger()
    assert [r["recipient"] for r in stored(editor)] == ["Iraq", "Chad", "Viet Nam"]
    # A paste goes down the rows as shown, then adds rows at the end.
    editor.grid.setCurrentIndex(editor.proxy.index(0, editor.model.column_index("recipient")))
    editor.paste_text("Viet Nam (MAG)\nIraq (UNMAS)\nChad (HI)\nNiger\n")
    assert [r["recipient"] for r in stored(editor)] == [
        "Iraq (UNMAS)", "Chad (HI)", "Viet Nam (MAG)", "Niger"]


def _picture(path: Path, colour: str, kind: str) -> Path:
    Image.new("RGB", (400, 300), colour).save(path, kind)
    return path


def test_attached_photo_shows_as_a_thumbnail(qtbot: QtBot, tmp_path: Path) -> None:
    report = Report()
    report.form("C").status = FormStatus.CHANGED
    report.form("C").tables["types"] = [{"type": "M26"}, {"type": "M77"}]
    red = _picture(tmp_path / "red.png", "#ff0000", "PNG")
    blue = _picture(tmp_path / "blue.jpg", "#0000ff", "JPEG")
    asked: list[str] = []

    def choose(_parent: object, file_filter: str) -> list[str]:
        asked.append(file_filter)
        return [str(red), str(blue)]

    editor = TableEditor(ReportDocument(report), "C", "types", locale="en", choose_files=choose)
    qtbot.addWidget(editor)
    editor.resize(900, 400)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.action_attach is not None and "photographs" in editor.action_attach.text()
    editor.go_to(1)
    editor.action_attach.trigger()
    assert "*.png" in asked[0]
    ids = stored(editor)[1]["photos"]
    assert len(ids) == 2 and "photos" not in stored(editor)[0]
    attachments = editor.document.report.attachments
    assert [attachments[i].media_type for i in ids] == ["image/png", "image/jpeg"]
    assert editor.document.undo_stack.count() == 1
    # The cell shows the red picture, scaled down.
    index = view_index(editor, 1, "photos")
    editor.grid.scrollTo(index)
    rect = editor.grid.visualRect(index)
    image = editor.grid.viewport().grab().toImage()
    pixel = QColor(image.pixel(rect.left() + 12, rect.top() + 12))
    assert (pixel.red(), pixel.green(), pixel.blue()) == (255, 0, 0)
    assert editor.delegate.thumbnails.thumbnail(editor.document.report, ids[0]).height() == 40
    assert "red.png" in index.data(Qt.ItemDataRole.ToolTipRole)
    # Removing one is a step of its own, and undoable.
    editor.remove_attachment(1, "photos", ids[0])
    assert stored(editor)[1]["photos"] == [ids[1]]
    editor.document.undo_stack.undo()
    assert stored(editor)[1]["photos"] == ids


def test_a_file_that_is_not_a_photo_is_refused(qtbot: QtBot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, "C", "types", [{"type": "M26"}])
    fake = tmp_path / "notes.jpg"
    fake.write_text("not a picture")
    editor.go_to(0)
    assert editor.attach_files([fake]) == []
    assert stored(editor) == [{"type": "M26"}]
    assert "“notes.jpg” is not a JPEG or PNG photo" in editor.messages.message()
    assert editor.document.report.attachments == {}


def test_photos_dropped_on_a_row_are_attached_to_it(qtbot: QtBot, tmp_path: Path) -> None:
    editor = make_editor(qtbot, "C", "types", [{"type": "M26"}, {"type": "M77"}])
    green = _picture(tmp_path / "green.png", "#00ff00", "PNG")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(green))])
    where = editor.grid.visualRect(view_index(editor, 1, "type")).center()
    for event_class in (QDragEnterEvent, QDragMoveEvent):
        # Qt's drag events take a whole-pixel point (QPoint); the drop takes a QPointF
        drag = event_class(QPoint(where), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                           Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(editor.grid.viewport(), drag)
        assert drag.isAccepted()
    drop = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(editor.grid.viewport(), drop)
    assert "photos" not in stored(editor)[0]
    (photo_id,) = stored(editor)[1]["photos"]
    assert editor.document.report.attachments[photo_id].filename == "green.png"
