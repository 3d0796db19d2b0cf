"""The saved revisions of a report, newest first; one can be made the current draft again."""

from __future__ import annotations

from datetime import datetime
from typing import cast

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
from ccm_desktop.schema.i18n import N_, language, translate
from ccm_desktop.storage.repository import Repository

NUMBER_ROLE = Qt.ItemDataRole.UserRole
SUBMISSION_ROLE = Qt.ItemDataRole.UserRole + 1


class HistoryDialog(QDialog):
    """Emits `restore_requested(number)`; the window restores it (so it can be undone there)."""

    restore_requested = Signal(int)
    package_requested = Signal(int)  # the number of a submission whose package to write again

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
        # Submissions and corrigenda are named on the revision that was sent.
        sent = {s.revision: s for s in cast(Repository, repository).submissions(report_id)}
        for revision in revisions:
            saved = revision.saved_at
            if isinstance(saved, datetime):
                if saved.tzinfo is not None:
                    saved = saved.astimezone()
                saved_text = f"{saved:%Y-%m-%d %H:%M:%S}"
            else:
                saved_text = str(saved or "")
            summary = revision.text(language(lang))  # old revisions: their English as it is
            submission = sent.get(revision.number)
            if submission is not None:
                what = (translate(N_("Corrigendum {number} submitted on {date}"), lang).format(
                            number=submission.number, date=submission.submitted_on.isoformat())
                        if submission.number else
                        translate(N_("Submitted on {date}"), lang).format(
                            date=submission.submitted_on.isoformat()))
                summary = f"\u2709 {what} \u2014 {summary}"
            item = QTreeWidgetItem(self.list, [str(revision.number), saved_text,
                                               str(revision.user or ""), summary])
            item.setData(0, NUMBER_ROLE, revision.number)
            item.setData(0, SUBMISSION_ROLE, None if submission is None else submission.number)
            if submission is not None:
                font = item.font(3)
                font.setBold(True)
                item.setFont(3, font)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self.restore_button = QPushButton(translate(N_("Restore this revision"), lang), self)
        self.restore_button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.package_button = QPushButton(translate(N_("Write its package again\u2026"), lang),
                                          self)
        self.package_button.setToolTip(translate(N_(
            "Write the submission package of this revision again, byte for byte as it was "
            "sent."), lang))
        self.package_button.setEnabled(False)
        buttons.addButton(self.package_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.package_button.clicked.connect(self._package)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.list.itemSelectionChanged.connect(self._selected)
        self.restore_button.clicked.connect(self._restore)

    def _selected(self) -> None:
        items = self.list.selectedItems()
        self.restore_button.setEnabled(bool(items))
        self.package_button.setEnabled(bool(items) and
                                       items[0].data(0, SUBMISSION_ROLE) is not None)

    def _package(self) -> None:
        items = self.list.selectedItems()
        if items and items[0].data(0, SUBMISSION_ROLE) is not None:
            self.package_requested.emit(int(items[0].data(0, SUBMISSION_ROLE)))
            self.accept()

    def _restore(self) -> None:
        items = self.list.selectedItems()
        if items:
            self.restore_requested.emit(int(items[0].data(0, NUMBER_ROLE)))
            self.accept()
