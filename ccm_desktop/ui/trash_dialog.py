"""The trash: deleted reports, each restorable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.domain.store import ReportStore
from ccm_desktop.schema.i18n import N_, translate
from ccm_desktop.schema.states import state_name
from ccm_desktop.ui.deadline_text import kind_words

ID_ROLE = Qt.ItemDataRole.UserRole


class TrashDialog(QDialog):
    def __init__(self, repository: ReportStore, lang: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repository = repository
        self.lang = lang
        self.setWindowTitle(translate(N_("Trash"), lang))
        self.resize(520, 360)
        self.list = QListWidget(self)
        self.list.setAccessibleName(translate(N_("Deleted reports"), lang))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.restore_button = QPushButton(translate(N_("Restore"), lang), self)
        self.restore_button.setToolTip(translate(N_("Put the selected report back in the list of "
                                                    "reports."), lang))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(self._restore_selected)
        self.list.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(bool(self.list.selectedItems())))
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        trash = list(self.repository.list_trash())
        for summary in trash:
            state = state_name(summary.state, self.lang) if summary.state else translate(
                N_("(no State)"), self.lang)
            text = f"{state} \u2014 {kind_words(summary.report_kind, summary.period_to, self.lang)}"
            item = QListWidgetItem(text, self.list)
            item.setData(ID_ROLE, summary.id)
        self.note.setText(translate(N_("Deleted reports stay here until you restore them."), self.lang)
                          if trash else translate(N_("The trash is empty."), self.lang))
        self.restore_button.setEnabled(False)

    def restore(self, report_id: int) -> None:
        self.repository.undelete(report_id)
        self.refresh()

    def _restore_selected(self) -> None:
        items = self.list.selectedItems()
        if items:
            self.restore(int(items[0].data(ID_ROLE)))
