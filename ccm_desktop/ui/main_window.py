"""The program's one window: the start screen, or an open report with its toolbar, menus and
status bar (saved indicator, due date and days left). Wires the pieces; holds no report logic."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QWhatsThis,
    QWidget,
)

from ccm_desktop.domain.report import Report
from ccm_desktop.domain.store import ReportStore
from ccm_desktop.resources import resource_path
from ccm_desktop.schema.i18n import RTL_LANGUAGES, UN_LANGUAGES
from ccm_desktop.schema.states import state_name
from ccm_desktop.ui.autosave import Autosaver
from ccm_desktop.ui.deadline_text import all_deadlines, kind_words
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.file_actions import FileActions
from ccm_desktop.ui.history_dialog import HistoryDialog
from ccm_desktop.ui.new_report import NewReportDialog, NewReportSpec
from ccm_desktop.ui.qt_language import apply_qt_language
from ccm_desktop.ui.report_view import ReportView
from ccm_desktop.ui.settings import Settings
from ccm_desktop.ui.start import StartScreen, mark_as_sample
from ccm_desktop.ui.style import SPACING

APP_NAME = "CCM Article 7 reports"
LANGUAGE_NAMES = {"ar": "العربية (Arabic)", "zh": "中文 (Chinese)", "en": "English",
                  "fr": "Français (French)", "ru": "Русский (Russian)", "es": "Español (Spanish)"}
SAMPLES_DIR = resource_path("samples")
FRAME_ALLOWANCE, TITLE_ALLOWANCE = 8, 40  # pixels a window manager's frame may add
PREFERRED_SAMPLES = ("hrv-2016-annual.ccm.json", "lbn-2011-initial.ccm.json")


def find_sample(folder: Path) -> Path | None:
    """The sample report to offer: a preferred name, else the first readable report there."""
    from ccm_desktop.exchange.formats import read_report

    for name in PREFERRED_SAMPLES:
        if (folder / name).is_file():
            return folder / name
    for path in sorted(folder.glob("*.ccm.json")):
        try:
            read_report(path)
        except Exception:  # noqa: BLE001, S112 - an unreadable sample is skipped, not offered
            continue
        return path
    return None


class OpenReport:
    """A report being edited: its document, its autosave and its view."""

    def __init__(self, repository: ReportStore, report_id: int, report: Report,
                 previous: Report | None, lang: str, today: date | None = None) -> None:
        self.report_id = report_id
        self.document = ReportDocument(report, report_id, previous)
        self.document.locale = lang
        self.autosaver = Autosaver(self.document,
                                   lambda r, touched: repository.save(report_id, r,
                                                                      touched=touched))
        self.view = ReportView(self.document, lang, today=today)


class MainWindow(QMainWindow):
    help_shown = Signal(str)  # the help text F1 showed

    def __init__(self, repository: ReportStore, settings: Settings, lang: str = "en",
                 today: date | None = None, sample_dir: Path | None = None,
                 opener: Callable[[QUrl], bool] | None = None) -> None:
        super().__init__()
        # Opens a file or folder with the system's program; False when there is none.
        self.opener: Callable[[QUrl], bool] = opener or QDesktopServices.openUrl
        self.repository = repository
        self.settings = settings
        self.lang = lang
        self.today = today or date.today()
        self.sample_dir = sample_dir if sample_dir is not None else SAMPLES_DIR
        self.current: OpenReport | None = None
        self.last_dialog: QWidget | None = None  # the last message shown (tests close it)
        self.unopened_path = ""  # the file or folder the system could not open
        self.setWindowTitle(APP_NAME)
        self.undo_group = QUndoGroup(self)

        self.start = StartScreen(repository, lang, self.today, self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)
        self.files = FileActions(self)

        self.saved_label = QLabel(self)
        self.saved_label.setAccessibleName("Saved state")
        self.due_label = QLabel(self)
        self.state_label = QLabel(self)
        bar = self.statusBar()
        # Permanent widgets stay visible while a message (e.g. "Form B is now marked changed")
        # is shown on the leading side: the saved indicator never disappears.
        bar.addPermanentWidget(self.due_label)
        bar.addPermanentWidget(self.state_label)
        bar.addPermanentWidget(self.saved_label)
        for label in (self.due_label, self.state_label):
            label.setContentsMargins(SPACING, 0, SPACING, 0)
        bar.setContentsMargins(SPACING, 0, SPACING, 0)

        self._make_actions()
        self.start.open_requested.connect(self.open_report)
        self.start.new_requested.connect(self.new_report)
        self.start.import_requested.connect(self.files.ask_import)
        self.start.next_year_requested.connect(self.start_next_year)
        self.start.sample_requested.connect(self.open_sample)
        self.start.sample_button.setEnabled(find_sample(self.sample_dir) is not None)
        self.maximise_at_start = not self._restore_size()
        self._update_mode()

    # Size and place ---------------------------------------------------------------------------

    def _restore_size(self) -> bool:
        """The remembered size and place if the window fits there on a screen as it is now
        (screens change: a laptop leaves its large monitor); otherwise the usual size, if that
        fits. False when neither fits: the window then opens maximised, so that the status
        bar (saved indicator, due date) is never below the screen's edge."""
        place = self.settings.window_place()
        if place is not None:
            rect, frame, maximised = place
            if maximised:
                self.setGeometry(rect)  # where it goes back to when no longer maximised
                return False
            if _fits(rect, frame):
                self.setGeometry(rect)
                return True
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return True
        area = screen.availableGeometry()
        usual = QRect(0, 0, 1366, 768)
        usual.moveCenter(area.center())
        if not _fits(usual):
            return False
        self.setGeometry(usual)
        return True

    def remember_place(self) -> None:
        maximised = self.isMaximized() or self.isFullScreen()
        frame = None if maximised or not self.isVisible() else self.frameGeometry()
        self.settings.set_window_place(self.normalGeometry(), frame, maximised)

    def show_on_screen(self) -> None:
        """Show the window: as remembered or at the usual size when that fits the screen's
        available area, maximised otherwise."""
        if self.maximise_at_start:
            self.showMaximized()
        else:
            self.show()

    # Actions, menus, toolbar ------------------------------------------------------------------

    def _action(self, text: str, slot: Any, keys: Any = (), tip: str = "") -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.act_new = self._action("&New report\u2026", self.new_report, [std.New])
        self.act_open = self._action("&Open report\u2026", self.show_start, [std.Open],
                                     "Go to the list of stored reports.")
        self.act_import = self._action("&Import a file\u2026", self.files.ask_import, ["Ctrl+I"],
                                       "Import a .ccm.json report or an Excel workbook.")
        self.act_close = self._action("&Close report", self.close_report, [std.Close],
                                      "Close this report and go back to the list.")
        self.act_quit = self._action("&Quit", self.close, [std.Quit])
        self.act_save = self._action("&Save", self.save_now, [std.Save],
                                     "Everything is saved automatically; this saves at once.")
        self.act_undo = self.undo_group.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts([QKeySequence(std.Undo)])
        self.act_redo = self.undo_group.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.act_undo, self.act_redo])
        for action in (self.act_undo, self.act_redo):
            action.triggered.connect(self._show_last_change)
        self.act_back = self._action("\u25c0 Back", self.go_back, ["Alt+Left", "Ctrl+PgUp"],
                                     "Previous part of the report (Alt+Left).")
        self.act_next = self._action("Next \u25b6", self.go_next, ["Alt+Right", "Ctrl+PgDown"],
                                     "Next part of the report (Alt+Right).")
        self.act_check = self._action("Check report", self.check_report, ["F7"],
                                      "Check the whole report, show the findings and go to "
                                      "the first error.")
        self.act_pdf = self._action("Export PDF\u2026", lambda: self.files.ask_export(".pdf"),
                                    ["Ctrl+P"], "The PDF to send to the United Nations.")
        self.act_xlsx = self._action("Export Excel\u2026", lambda: self.files.ask_export(".xlsx"),
                                     [], "An Excel workbook of the report.")
        self.act_json = self._action("Export JSON\u2026", lambda: self.files.ask_export(".json"),
                                     [], "The report as a .ccm.json file, to move it to "
                                         "another computer or keep a copy.")
        self.act_preview = self._action("Preview", self.files.preview, [],
                                        "See the PDF as it will be sent.")
        self.act_import_into = self._action("Import Excel\u2026",
                                            self.files.ask_import_into, [],
                                            "Take rows from a workbook (the columns are matched "
                                            "for you), or forms from a workbook this program "
                                            "wrote, into the open report; Ctrl+Z undoes it.")
        self.act_history = self._action("History\u2026", self.show_history, [],
                                        "Earlier saved versions of this report.")
        self.act_help = self._action("Help on this field", self.show_help, [std.HelpContents],
                                     "Explain the field or part you are in (F1).")

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addActions([self.act_new, self.act_open, self.act_import])
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_history])
        file_menu.addSeparator()
        file_menu.addActions([self.act_pdf, self.act_xlsx, self.act_json, self.act_preview,
                              self.act_import_into])
        file_menu.addSeparator()
        file_menu.addActions([self.act_close, self.act_quit])
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addActions([self.act_undo, self.act_redo])
        go_menu = menu.addMenu("&Go")
        go_menu.addActions([self.act_back, self.act_next, self.act_check])
        view_menu = menu.addMenu("&View")
        language_menu = view_menu.addMenu("Language")
        self.language_actions: dict[str, QAction] = {}
        for code in UN_LANGUAGES:
            action = language_menu.addAction(LANGUAGE_NAMES[code])
            action.setCheckable(True)
            action.setChecked(code == self.lang)
            action.triggered.connect(lambda _on, c=code: self.set_language(c))
            self.language_actions[code] = action
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.act_help)
        help_menu.addAction("About", self._about)

        self.toolbar = self.addToolBar("Report")
        self.toolbar.setObjectName("reportToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addActions([self.act_back, self.act_next])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_check)
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_pdf, self.act_xlsx, self.act_json])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_preview, self.act_import_into, self.act_history])

    def _update_mode(self) -> None:
        open_ = self.current is not None
        self.toolbar.setVisible(open_)
        for action in (self.act_close, self.act_save, self.act_back, self.act_next,
                       self.act_check, self.act_pdf, self.act_xlsx, self.act_json,
                       self.act_preview, self.act_import_into, self.act_history):
            action.setEnabled(open_)
        if open_:
            self._update_position(self.current.view.current if self.current else 0)
        self._update_status()

    def _update_position(self, index: int) -> None:
        view = self.current.view if self.current else None
        self.act_back.setEnabled(view is not None and index > 0)
        self.act_next.setEnabled(view is not None and index < len(view.pages) - 1)

    def _update_status(self) -> None:
        if self.current is None:
            self.saved_label.setText("")
            self.due_label.setText("")
            self.state_label.setText("")
            self.setWindowTitle(APP_NAME)
            return
        report = self.current.document.report
        dues = all_deadlines(report, self.today, self.lang)
        self.due_label.setText(dues[0].sentence(self.lang) if dues else "")
        self.due_label.setToolTip("\n".join(d.sentence(self.lang) for d in dues))
        self.due_label.setStyleSheet("color: #b00020;" if dues and dues[0].late else "")
        name = state_name(report.state, self.lang) if report.state else "State not chosen"
        self.state_label.setText(name)
        period_to = report.cover.fields.get("period_to")
        kind = kind_words(report.report_kind, period_to if isinstance(period_to, date) else None)
        self.setWindowTitle(f"{name}, {kind} \u2014 {APP_NAME}")

    # Start screen -----------------------------------------------------------------------------

    def commit_editing(self) -> None:
        """Hand on to the document what is being typed (a field in its typing pause, the
        reason for not applicable, an open table cell): every way out starts here."""
        if self.current is not None:
            self.current.view.commit_editing()

    def commit_and_save(self) -> bool:
        """What is typed, then saved. True when everything is saved."""
        if self.current is None:
            return True
        self.commit_editing()
        return self.current.autosaver.flush()

    def end_session(self, *_args: Any) -> None:
        """The user logs out, the system shuts down, or the program is told to stop (SIGTERM):
        keep what is typed and remember the window, without asking anything."""
        self.commit_and_save()
        if self.current is not None:
            self.settings.set_splitter_state(self.current.view.splitter.saveState())
        self.remember_place()
        self.settings.sync()

    def stop(self) -> None:
        """Told to stop (SIGTERM): save what is typed, then end the program without asking."""
        self.end_session()
        QApplication.quit()

    def show_start(self) -> None:
        if self.current is not None:
            self.close_report()
        self.start.refresh()

    def new_report(self) -> None:
        self.commit_and_save()  # a next year's report starts from what is stored
        dialog = NewReportDialog(list(self.repository.list_reports()), self.lang, self.today,
                                 self)
        if dialog.exec() != NewReportDialog.DialogCode.Accepted:
            return
        spec = dialog.spec()
        if spec is not None:
            self.create_report(spec)

    def create_report(self, spec: NewReportSpec) -> int:
        if spec.base_id is not None:
            new_id = int(self.repository.start_next_year(spec.base_id))
            report = self.repository.load(new_id)
            report.cover.fields.update(spec.cover_values())
            self.repository.save(new_id, report, summary="New report settings")
        else:
            new_id = int(self.repository.add(spec.empty_report(), summary="New report"))
        self.open_report(new_id)
        return new_id

    def start_next_year(self, report_id: int) -> None:
        self.commit_and_save()
        self.open_report(int(self.repository.start_next_year(report_id)))

    def open_sample(self) -> None:
        from ccm_desktop.exchange.formats import read_report

        path = find_sample(self.sample_dir)
        if path is None:
            self.show_error("The sample report is missing from this installation.")
            return
        report = read_report(path)
        mark_as_sample(report)  # the list and the cover say that its figures are illustrative
        self.open_report(int(self.repository.add(report, summary="Sample report")))

    def add_and_open(self, report: Report, summary: str) -> int:
        new_id = int(self.repository.add(report, summary=summary))
        self.open_report(new_id)
        return new_id

    # An open report ---------------------------------------------------------------------------

    def open_report(self, report_id: int) -> None:
        if self.current is not None:
            self.close_report()
        report = self.repository.load(report_id)
        opened = OpenReport(self.repository, report_id, report,
                            self._previous_of(report_id, report), self.lang, self.today)
        self.current = opened
        self.undo_group.addStack(opened.document.undo_stack)
        self.undo_group.setActiveStack(opened.document.undo_stack)
        self.stack.addWidget(opened.view)
        self.stack.setCurrentWidget(opened.view)
        state = self.settings.splitter_state()
        if state is not None:
            opened.view.splitter.restoreState(state)
        opened.view.findings.set_collapsed(self.settings.findings_collapsed())
        opened.view.findings.collapsed_changed.connect(self.settings.set_findings_collapsed)
        opened.autosaver.state.connect(self.saved_label.setText)
        opened.document.changed.connect(lambda _p: self._update_status())
        opened.document.notice.connect(lambda text: self.statusBar().showMessage(text, 6000))
        opened.view.page_shown.connect(self._update_position)
        self._update_mode()
        self.saved_label.setText(opened.autosaver.saved_text())

    def _previous_of(self, report_id: int, report: Report) -> Report | None:
        """Last year's stored report of the same State, for the year-on-year checks."""
        start = report.cover.fields.get("period_from")
        if report.state is None or not isinstance(start, date):
            return None
        earlier = [s for s in self.repository.list_reports()
                   if s.id != report_id and s.state == report.state and s.period_to is not None
                   and s.period_to < start]
        if not earlier:
            return None
        latest = max(earlier, key=lambda s: s.period_to or date.min)
        loaded: Report = self.repository.load(latest.id)
        return loaded

    def close_report(self) -> bool:
        opened = self.current
        if opened is None:
            return True
        if not self.commit_and_save() and not self._confirm_unsaved():
            return False
        self.settings.set_splitter_state(opened.view.splitter.saveState())
        self.undo_group.removeStack(opened.document.undo_stack)
        # The focus leaves the page now, while every editor is whole: a focused input that
        # loses the focus while it is being destroyed would call back into half-gone objects.
        focused = QApplication.focusWidget()
        if focused is not None and opened.view.isAncestorOf(focused):
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.stack.removeWidget(opened.view)
        opened.view.deleteLater()
        self.current = None
        self.stack.setCurrentWidget(self.start)
        self.start.refresh(select=opened.report_id)
        self._update_mode()
        return True

    def _confirm_unsaved(self) -> bool:
        answer = QMessageBox.warning(
            self, "Not saved",
            "The latest changes could not be saved. Close anyway and lose them?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def save_now(self) -> None:
        if self.current is None:
            return
        if self.commit_and_save():
            self.statusBar().showMessage("Saved. (Every change is saved automatically.)", 4000)
            self.saved_label.setText(self.current.autosaver.saved_text())

    def _show_last_change(self) -> None:
        if self.current is not None:
            self.current.view.show_last_change()

    def go_back(self) -> None:
        if self.current is not None:
            self.current.view.back()

    def go_next(self) -> None:
        if self.current is not None:
            self.current.view.next()

    def check_report(self) -> None:
        if self.current is None:
            return
        self.current.view.findings.set_collapsed(False)  # F7 shows the findings
        document = self.current.document
        document.revalidate()
        errors = [f for f in document.findings if f.is_error]
        warnings = len(document.findings) - len(errors)
        if errors:
            self.statusBar().showMessage(
                f"{len(errors)} error(s) and {warnings} warning(s) to look at; showing the first.",
                8000)
            self.current.view.go_to(errors[0].path)
        else:
            self.statusBar().showMessage(
                "No errors. " + (f"{warnings} warning(s) worth a look." if warnings
                                 else "The report is ready to export."), 8000)

    def show_history(self) -> None:
        if self.current is None:
            return
        self.commit_and_save()
        dialog = HistoryDialog(self.repository, self.current.report_id, self)
        dialog.restore_requested.connect(self.restore_revision)
        dialog.exec()

    def restore_revision(self, number: int) -> None:
        if self.current is None:
            return
        self.commit_and_save()
        self.repository.restore_revision(self.current.report_id, number)
        restored = self.repository.load(self.current.report_id)
        self.current.document.replace_report(restored, f"Restore revision {number}")
        self.statusBar().showMessage(f"Revision {number} restored. Ctrl+Z takes it back.", 6000)

    # Help, language, messages -----------------------------------------------------------------

    def show_help(self) -> None:
        widget = QApplication.focusWidget()
        while widget is not None and not widget.whatsThis():
            widget = widget.parentWidget()
        if widget is not None:
            QWhatsThis.showText(widget.mapToGlobal(widget.rect().bottomLeft()),
                                widget.whatsThis(), widget)
            self.help_shown.emit(widget.whatsThis())
        elif self.current is not None:
            page = self.current.view.current_page()
            page.help_toggle.setChecked(True)
            self.help_shown.emit(page.help_text.text())

    def set_language(self, lang: str) -> None:
        self.settings.set_language(lang)
        for code, action in self.language_actions.items():
            action.setChecked(code == lang)
        apply_qt_language(lang)
        QApplication.setLayoutDirection(direction_for(lang))
        self.statusBar().showMessage("Language saved. Labels are in English for now; the "
                                     "layout follows the language.", 6000)

    def show_error(self, sentence: str, title: str = "Something went wrong") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, sentence,
                          QMessageBox.StandardButton.Ok, self)
        self.last_dialog = box
        box.open()

    def _about(self) -> None:
        from ccm_desktop import __version__

        QMessageBox.about(self, "About", f"{APP_NAME} {__version__}\n\nPrepare, check and export "
                          "Article 7 reports under the Convention on Cluster Munitions.")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.close_report():
            event.ignore()
            return
        self.remember_place()
        self.settings.sync()
        event.accept()

    def open_url(self, path: Path) -> bool:
        """Open a file (Preview, Open file) or a folder (Show in folder) with the system's
        program. When the system has none, say so, with the path and a way to copy it."""
        if self.opener(QUrl.fromLocalFile(str(path))):
            return True
        what = "folder" if path.is_dir() else "file"
        box = QMessageBox(QMessageBox.Icon.Information, f"Cannot open the {what}",
                          f"This computer has no program set to open this {what}. It is here:",
                          QMessageBox.StandardButton.Close, self)
        box.setInformativeText(str(path))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy = QPushButton("Copy the path", box)
        box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy_path)
        self.unopened_path = str(path)
        self.last_dialog = box
        box.open()
        return False

    def _copy_path(self) -> None:
        QApplication.clipboard().setText(self.unopened_path)
        self.statusBar().showMessage("The path is copied; paste it in a file manager or "
                                     "another program.", 6000)


def _fits(inner: QRect, frame: QRect | None = None) -> bool:
    """Whether a window's inside `inner`, with its frame (as last seen; else the room a window
    manager's title bar and borders usually take), lies within a screen's available area."""
    if frame is None:
        frame = inner.adjusted(-FRAME_ALLOWANCE, -TITLE_ALLOWANCE, FRAME_ALLOWANCE,
                               FRAME_ALLOWANCE)
    return any(screen.availableGeometry().contains(frame)
               for screen in QGuiApplication.screens())


def direction_for(lang: str) -> Any:
    from PySide6.QtCore import Qt

    return (Qt.LayoutDirection.RightToLeft if lang in RTL_LANGUAGES
            else Qt.LayoutDirection.LeftToRight)
