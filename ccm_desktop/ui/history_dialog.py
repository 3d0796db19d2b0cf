"""The saved revisions of a report, newest first; one can be made the current draft again."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.domain.store import ReportStore
from ccm_desktop.schema.i18n import N_, translate

NUMBER_ROLE = Qt.ItemDataRole.UserRole


class HistoryDialog(QDialog):
    """Emits `restore_requested(number)`; the window restores it (so it can be undone there)."""

    restore_requested = Signal(int)

    def __init__(self, repository: ReportStore, report_id: int, parent: QWidget | None = None,
                 lang: str = "en") -> None:
        super().__init__(parent)
        self.setWindowTitle(translate(N_("History of this report"), lang))
        self.resize(640, 420)
        note = QLabel(translate(N_("Every automatic save is kept. Restoring an earlier revision "
                                   "makes it the current draft; you can undo that with Ctrl+Z."),
                                lang), self)
        note.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels([translate(N_("Revision"), lang), translate(N_("Saved"), lang),
                                   translate(N_("By"), lang), translate(N_("What changed"), lang)])
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName(translate(N_("Saved revisions"), lang))
        revisions = sorted(repository.history(report_id), key=lambda r: r.number, reverse=True)
        for revision in revisions:
            saved = revision.saved_at
            if isinstance(saved, datetime):
                if saved.tzinfo is not None:
                    saved = saved.astimezone()
                saved_text = f"{saved:%Y-%m-%d %H:%M:%S}"
            else:
                saved_text = str(saved or "")
            item = QTreeWidgetItem(self.list, [str(revision.number), saved_text,
                                               str(revision.user or ""),
                                               str(revision.summary or "")])
            item.setData(0, NUMBER_ROLE, revision.number)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self.restore_button = QPushButton(translate(N_("Restore this revision"), lang), self)
        self.restore_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.list.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(bool(self.list.selectedItems())))
        self.restore_button.clicked.connect(self._restore)

    def _restore(self) -> None:
        items = self.list.selectedItems()
        if items:
            self.restore_requested.emit(int(items[0].data(0, NUMBER_ROLE)))
            self.accept()
