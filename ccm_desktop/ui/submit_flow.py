"""The window's part of submitting: the Review and submit step, Submit itself, and the guard that
keeps a submitted report as it was sent (editing it asks whether to start a corrigendum).

A report is read-only while its newest revision is the one last submitted: an edit is first
answered by a question; "Start corrigendum" keeps the edit and the report becomes the draft of
Corrigendum N (its PDF says so on every page); "Cancel" takes the edit back, and nothing was
saved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from ccm_desktop.schema.i18n import N_, language, translate
from ccm_desktop.storage.repository import Repository, StorageError
from ccm_desktop.submitting import NotReady, submit, write_submitted_package
from ccm_desktop.ui.recipients_dialog import RecipientsDialog, recipients_line
from ccm_desktop.ui.review import (
    ReviewDialog,
    package_folder_note,
    submit_moment,
    submitted_sentence,
)
from ccm_desktop.ui.style import WARNING

if TYPE_CHECKING:
    from ccm_desktop.ui.main_window import MainWindow, OpenReport


class SubmitFlow(QObject):
    @property
    def repository(self) -> Repository:
        """The window's store, with its submission side (only the repository has one)."""
        return cast(Repository, self.window.repository)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ReviewDialog | None = None
        # Where the package goes, and the corrigendum question; tests replace them.
        self.choose_folder: Callable[[], str | None] = self._choose_folder
        self.ask_corrigendum: Callable[[str], bool] = self._ask_corrigendum
        self._asking = False
        self.label = QLabel(window)
        self.label.setObjectName("submissionState")
        self.label.setStyleSheet(f"color: {WARNING};")
        window.statusBar().addPermanentWidget(self.label)

    def t(self, text: str) -> str:
        return translate(text, self.window.lang)

    # The open report ------------------------------------------------------------------------

    def opened(self, opened: OpenReport) -> None:
        """Called when a report is opened: read-only if it stands as it was sent."""
        repo = self.repository
        done = repo.submissions(opened.report_id)
        opened.locked = repo.is_submitted(opened.report_id)
        stack = opened.document.undo_stack
        stack.indexChanged.connect(lambda _index: self._edited(opened))
        opened.view.navigator.review_requested.connect(self.review)
        if opened.locked:
            last = done[-1]
            self.label.setText(submitted_sentence(last.submitted_on, last.corrigendum,
                                                  self.window.lang))
            self._preview_as(last.corrigendum)
        elif done:
            self.label.setText(self.t(N_("Corrigendum {number}: draft, not yet submitted"))
                               .format(number=len(done)))
            self._preview_as(len(done))
        else:
            self.label.setText("")
            self._preview_as(None)

    def _preview_as(self, corrigendum: int | None) -> None:
        """The preview shows the PDF as it is (or was) sent: with "Corrigendum N" on its pages."""
        pane = self.window.preview_pane
        if pane is not None:
            pane.set_corrigendum(corrigendum)

    def closed(self) -> None:
        self.label.setText("")
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None

    def _edited(self, opened: OpenReport) -> None:
        if not opened.locked or self._asking or self.window.current is not opened:
            return
        self._asking = True
        try:
            number = len(self.repository.submissions(opened.report_id))
            start = self.ask_corrigendum(self.t(N_(
                "This report was submitted and stays exactly as it was sent. Start "
                "Corrigendum {number} with this change? The corrigendum is a new revision; its "
                "PDF says \"Corrigendum {number}\" on every page.")).format(number=number))
        finally:
            self._asking = False
        if start:
            opened.locked = False
            # While the question was open the window went on: an autosave of the still locked
            # report stored nothing and forgot where the edit was. The whole report is
            # compared and saved once, so that the corrigendum starts with the edit.
            try:
                self.repository.save(opened.report_id, opened.document.report)
            except StorageError as exc:
                self.window.show_error(exc.user_message)
            opened.autosaver.dirty = True
            opened.autosaver.flush()
            self.label.setText(self.t(N_("Corrigendum {number}: draft, not yet submitted"))
                               .format(number=number))
            self._preview_as(number)
            self.window.statusBar().showMessage(self.t(N_(
                "Corrigendum {number} started; the submitted report is kept in the history."))
                .format(number=number), 8000)
        else:
            QTimer.singleShot(0, lambda: self._take_back(opened))

    def _take_back(self, opened: OpenReport) -> None:
        self._asking = True
        try:
            opened.document.undo_stack.undo()
        finally:
            self._asking = False

    def _ask_corrigendum(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.t(N_("Submitted report")), text,
                          QMessageBox.StandardButton.Cancel, self.window)
        start = box.addButton(self.t(N_("Start corrigendum")),
                              QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is start

    # Review and submit ----------------------------------------------------------------------

    def review(self) -> ReviewDialog | None:
        opened = self.window.current
        if opened is None:
            return None
        self.window.commit_and_save()
        if self.dialog is not None:
            self.dialog.close()
        repo = self.repository
        submitted = None
        if opened.locked:
            last = repo.submissions(opened.report_id)[-1]
            submitted = submitted_sentence(last.submitted_on, last.corrigendum, self.window.lang)
        dialog = ReviewDialog(
            opened.document, repo.warning_answers(opened.report_id),
            lambda key, text: repo.answer_warning(opened.report_id, key, text),
            self.window.lang, self.window.today, submitted, self.window)
        dialog.go_to.connect(opened.view.go_to)
        dialog.submit_requested.connect(self.submit)
        dialog.recipients_requested.connect(self.edit_recipients)
        self.dialog = dialog
        self._show_recipients()
        dialog.show()
        return dialog

    def edit_recipients(self) -> RecipientsDialog:
        """Where reports go: the recipients of the e-mail draft, kept in the settings for the
        next package (from the Review step or Edit > Where reports go…)."""
        parent = self.dialog if self.dialog is not None and self.dialog.isVisible() \
            else self.window
        dialog = RecipientsDialog(self.window.settings, self.window.lang, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._recipients_changed)
        dialog.open()
        return dialog

    def _recipients_changed(self) -> None:
        self._show_recipients()
        settings = self.window.settings
        self.window.statusBar().showMessage(recipients_line(settings.mail_to(),
                                                            settings.mail_cc(),
                                                            self.window.lang), 8000)

    def _show_recipients(self) -> None:
        if self.dialog is not None:
            settings = self.window.settings
            self.dialog.recipients.setText(recipients_line(settings.mail_to(),
                                                           settings.mail_cc(),
                                                           self.window.lang))

    def _choose_folder(self) -> str | None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.t(N_("Folder for the submission package")),
            self.window.settings.last_folder())
        return folder or None

    def submit(self) -> Path | None:
        opened = self.window.current
        if opened is None or opened.locked:
            return None
        if self.dialog is not None and self.dialog.blocking():
            return None  # the button is disabled then; a second way in changes nothing
        if not self.window.commit_and_save():
            return None
        folder = self.choose_folder()
        if not folder:
            return None
        settings = self.window.settings
        try:
            _submission, package = submit(
                self.repository, opened.report_id, folder,
                to=settings.mail_to(), cc=settings.mail_cc(),
                now=submit_moment(self.window.today), on=self.window.today)
        except NotReady:
            if self.dialog is not None:
                self.dialog.refresh()
            self.window.show_error(self.t(N_("The report still has errors; fix them first.")))
            return None
        except (StorageError, OSError) as exc:
            self._not_written(exc, folder)
            return None
        settings.remember_folder(folder)
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        self.window.open_report(opened.report_id)  # again: submitted, read-only
        self._tell(package)
        return package

    def _not_written(self, exc: StorageError | OSError, folder: str) -> None:
        """One sentence for a package that could not be written: the database's own, or the
        folder's."""
        if isinstance(exc, StorageError):
            self.window.show_error(exc.text_in(language(self.window.lang)))
        else:
            self.window.show_error(self.t(N_("The package could not be written to {folder}: "
                                             "{problem}")).format(
                folder=folder, problem=exc.strerror or exc))

    def write_again(self, number: int) -> Path | None:
        """Write the package of submission `number` again, byte for byte as it was sent."""
        opened = self.window.current
        if opened is None:
            return None
        folder = self.choose_folder()
        if not folder:
            return None
        try:
            package = write_submitted_package(self.repository, opened.report_id, number,
                                              folder)
        except (StorageError, OSError) as exc:
            self._not_written(exc, folder)
            return None
        self._tell(package, self.t(N_("The package of this submission was written again, as "
                                      "it was sent, in {folder}.")).format(folder=str(package)))
        return package

    def _tell(self, package: Path, text: str | None = None) -> None:
        """Where the package is, with a button that opens the folder."""
        box = QMessageBox(QMessageBox.Icon.Information, self.t(N_("Report submitted")),
                          text or package_folder_note(package, self.window.lang),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("submittedBox")
        show = box.addButton(self.t(N_("Open the folder")), QMessageBox.ButtonRole.ActionRole)
        show.clicked.connect(lambda: self.window.open_url(package))
        box.open()


