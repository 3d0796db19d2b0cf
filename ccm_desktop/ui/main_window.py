"""The program's one window: the start screen, or an open report with its toolbar, menus and
status bar (saved indicator, due date and days left). Wires the pieces; holds no report logic."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, QUrl
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
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QWhatsThis,
)

from ccm_desktop.domain.messages import Message, message
from ccm_desktop.domain.report import Report
from ccm_desktop.domain.store import ReportStore
from ccm_desktop.resources import resource_path
from ccm_desktop.schema.i18n import N_, RTL_LANGUAGES, UN_LANGUAGES, isolate, ntranslate, translate
from ccm_desktop.ui.elided_label import ElidedLabel, steady_width
from ccm_desktop.ui.file_actions import FileActions
from ccm_desktop.ui.qt_language import apply_qt_language
from ccm_desktop.ui.settings import Settings
from ccm_desktop.ui.start import StartScreen, mark_as_sample
from ccm_desktop.ui.style import SPACING

if TYPE_CHECKING:  # imported where used: the window's first paint does not wait for them
    from ccm_desktop.ui.autosave import Autosaver
    from ccm_desktop.ui.document import ReportDocument
    from ccm_desktop.ui.new_report import NewReportSpec
    from ccm_desktop.ui.preview import PreviewPane
    from ccm_desktop.ui.report_view import ReportView
    from ccm_desktop.ui.submit_flow import SubmitFlow

APP_NAME = N_("CCM Article 7 reports")
LANGUAGE_NAMES = {"ar": "العربية (Arabic)", "zh": "中文 (Chinese)", "en": "English",
                  "fr": "Français (French)", "ru": "Русский (Russian)", "es": "Español (Spanish)"}
SAMPLES_DIR = resource_path("samples")
FRAME_ALLOWANCE, TITLE_ALLOWANCE = 8, 40  # pixels a window manager's frame may add
PREFERRED_SAMPLES = ("hrv-2016-annual.ccm.json", "lbn-2011-initial.ccm.json")
PAGE_WIDTH_BESIDE_PREVIEW, SIDE_WIDTH_BESIDE_PREVIEW = 460, 170  # pixels


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


def saved_texts(lang: str) -> list[str]:
    """The texts of the saved indicator in `lang`, at their widest (the status bar keeps room
    for the widest, so that the indicator is never cut)."""
    return [translate("Saving\u2026", lang), translate("\u2713 Saved", lang),
            translate("\u2713 Saved {time}", lang).format(time=isolate("00:00", lang))]



class OpenReport:
    """A report being edited: its document, its autosave and its view."""

    def __init__(self, repository: ReportStore, report_id: int, report: Report,
                 previous: Report | None, lang: str, today: date | None = None) -> None:
        from ccm_desktop.ui.autosave import Autosaver
        from ccm_desktop.ui.document import ReportDocument
        from ccm_desktop.ui.report_view import ReportView

        self.report_id = report_id
        self.document: ReportDocument = ReportDocument(report, report_id, previous)
        self.document.locale = lang
        self.document.set_language(lang)
        # Submitted as it stands: nothing is saved until a corrigendum is started (submit_flow).
        self.locked = False
        self.autosaver: Autosaver = Autosaver(self.document,
                                   lambda r, touched: None if self.locked else repository.save(
                                       report_id, r, touched=touched))
        self.autosaver.lang = lang
        self.today = today
        self.view: ReportView = ReportView(self.document, lang, today=today)


def qtpdf_installed() -> str | None:
    """None when Qt's PDF modules are installed; otherwise why not. Found without loading them:
    the Preview pane loads them when it is first shown (and says so if they then fail)."""
    from importlib.util import find_spec

    for name in ("PySide6.QtPdf", "PySide6.QtPdfWidgets"):
        try:
            found = find_spec(name) is not None
        except (ImportError, ValueError) as exc:
            return str(exc)
        if not found:
            return f"No module named '{name}'"
    return None


class MainWindow(QMainWindow):
    def __init__(self, repository: ReportStore | None, settings: Settings, lang: str = "en",
                 today: date | None = None, sample_dir: Path | None = None,
                 opener: Callable[[QUrl], bool] | None = None, pdf_view: bool = True) -> None:
        """`pdf_view=False` leaves Qt's PDF module out: Preview opens the system's viewer, as
        where the module cannot be loaded.

        With `repository` None the window shows itself before the database is open (its start
        screen says the reports are being opened, and nothing can be started): `open_later`
        says how to open it, which happens right after the first paint, or at once when anything
        needs the reports before that."""
        super().__init__()
        # Opens a file or folder with the system's program; False when there is none.
        self.opener: Callable[[QUrl], bool] = opener or QDesktopServices.openUrl
        self._repository: ReportStore | None = None
        self._open_store: Callable[[MainWindow], ReportStore | None] | None = None
        self._open_soon: QTimer | None = None
        self.settings = settings
        self.lang = lang
        self.today = today or date.today()
        self.sample_dir = sample_dir if sample_dir is not None else SAMPLES_DIR
        self.current: OpenReport | None = None
        self.unopened_path = ""  # the file or folder the system could not open
        self.setWindowTitle(translate(APP_NAME, lang))
        self.undo_group = QUndoGroup(self)

        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.files = FileActions(self)
        self._make_preview(pdf_view)

        self.saved_label = QLabel(self)
        self.saved_label.setAccessibleName(translate("Saved state", lang))
        steady_width(self.saved_label, saved_texts(lang))
        self.due_label = ElidedLabel(self)  # gives way, so that "Saved" is never cut
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
        self.start = self._make_start()
        self.stack.addWidget(self.start)
        self.maximise_at_start = not self._restore_size()
        if repository is not None:
            self.attach(repository)
        else:
            self._update_mode()

    # The reports database ---------------------------------------------------------------------

    @property
    def repository(self) -> ReportStore:
        """The reports database; opened now if it is still waiting for the first paint."""
        if self._repository is None:
            self.open_now()
        if self._repository is None:
            raise RuntimeError("The reports database is not open")
        return self._repository

    @repository.setter
    def repository(self, repository: ReportStore) -> None:
        self._repository = repository

    @property
    def ready(self) -> bool:
        """Whether the reports database is open (the start screen lists its reports)."""
        return self._repository is not None

    def open_later(self, open_store: Callable[[MainWindow], ReportStore | None]) -> None:
        """Open the reports database with `open_store(window)` once the window has painted (None
        when it could not be opened: `open_store` said why). A window that is not painted soon
        (started minimised) opens it after a second anyway."""
        self._open_store = open_store
        self._open_soon = QTimer(self, singleShot=True, interval=1000)
        self._open_soon.timeout.connect(self.open_now)
        self._open_soon.start()

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and self._open_store is not None
                and self._open_soon is not None):
            self._open_soon.start(0)  # after this paint has reached the screen
        return super().event(event)

    def open_now(self) -> None:
        """Open the reports database if that is still to do."""
        open_store, self._open_store = self._open_store, None
        if self._open_soon is not None:
            self._open_soon.stop()
        if open_store is not None:
            repository = open_store(self)
            if repository is not None:
                self.attach(repository)

    def attach(self, repository: ReportStore) -> None:
        """The database is open: the start screen lists its reports, the actions are offered."""
        from ccm_desktop.ui.submit_flow import SubmitFlow

        self._repository = repository
        self.submit_flow: SubmitFlow = SubmitFlow(self)
        self.start.set_repository(repository)
        self._update_mode()

    def _make_start(self) -> StartScreen:
        start = StartScreen(self._repository, self.lang, self.today, self)
        start.open_requested.connect(self.open_report)
        start.new_requested.connect(self.new_report)
        start.import_requested.connect(self.files.ask_import)
        start.next_year_requested.connect(self.start_next_year)
        start.sample_requested.connect(self.open_sample)
        start.sample_button.setEnabled(find_sample(self.sample_dir) is not None)
        return start

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
        """An action with its text and tip (both marked English keys) in the window's language."""
        action = QAction(translate(text, self.lang), self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setToolTip(translate(tip, self.lang))
            action.setStatusTip(translate(tip, self.lang))
        action.triggered.connect(slot)
        self.addAction(action)
        self._actions.append(action)
        return action

    def _make_actions(self) -> None:
        """The actions, menus and toolbar, in the window's language (made again when the
        language changes)."""
        std = QKeySequence.StandardKey
        lang = self.lang
        self._actions: list[QAction] = []
        self.act_new = self._action(N_("&New report\u2026"), self.new_report, [std.New])
        self.act_open = self._action(N_("&Open report\u2026"), self.show_start, [std.Open],
                                     N_("Go to the list of stored reports."))
        self.act_import = self._action(N_("&Import a file\u2026"), self.files.ask_import,
                                       ["Ctrl+I"],
                                       N_("Import a .ccm.json report or an Excel workbook."))
        self.act_close = self._action(N_("&Close report"), self.close_report, [std.Close],
                                      N_("Close this report and go back to the list."))
        self.act_quit = self._action(N_("&Quit"), self.close, [std.Quit])
        self.act_save = self._action(N_("&Save"), self.save_now, [std.Save],
                                     N_("Everything is saved automatically; this saves at once."))
        self.act_undo = self.undo_group.createUndoAction(self, translate("&Undo", lang))
        self.act_undo.setShortcuts([QKeySequence(std.Undo)])
        self.act_redo = self.undo_group.createRedoAction(self, translate("&Redo", lang))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.act_undo, self.act_redo])
        self._actions += [self.act_undo, self.act_redo]
        for action in (self.act_undo, self.act_redo):
            action.triggered.connect(self._show_last_change)
        self.act_back = self._action(N_("\u25c0 Back"), self.go_back, ["Alt+Left", "Ctrl+PgUp"],
                                     N_("Previous part of the report (Alt+Left)."))
        self.act_next = self._action(N_("Next \u25b6"), self.go_next, ["Alt+Right", "Ctrl+PgDown"],
                                     N_("Next part of the report (Alt+Right)."))
        if direction_for(lang) == Qt.LayoutDirection.RightToLeft:
            # Right to left, the pages go leftwards: each arrow points the other way.
            for action in (self.act_back, self.act_next):
                action.setText(action.text().translate({0x25c0: 0x25b6, 0x25b6: 0x25c0}))
        self.act_check = self._action(N_("Check report"), self.check_report, ["F7"],
                                      N_("Check the whole report, show the findings and go to "
                                         "the first error."))
        self.act_pdf = self._action(N_("Export PDF\u2026"), lambda: self.files.ask_export(".pdf"),
                                    ["Ctrl+P"], N_("The PDF to send to the United Nations."))
        self.act_xlsx = self._action(N_("Export Excel\u2026"),
                                     lambda: self.files.ask_export(".xlsx"),
                                     [], N_("An Excel workbook of the report."))
        self.act_json = self._action(N_("Export JSON\u2026"),
                                     lambda: self.files.ask_export(".json"),
                                     [], N_("The report as a .ccm.json file, to move it to "
                                            "another computer or keep a copy."))
        self.act_preview = self._action(N_("Preview"), self.preview, ["Ctrl+Shift+P"],
                                        N_("See the PDF as it will be sent."))
        self.act_show_in_pdf = self._action(N_("Show in the PDF"), self.show_in_pdf,
                                            ["Ctrl+Shift+L"], N_(
                                                "Show the pages of the PDF where this part of "
                                                "the report is printed."))
        self._offer_preview()
        self.act_import_into = self._action(N_("Import Excel\u2026"),
                                            self.files.ask_import_into, [],
                                            N_("Take rows from a workbook (the columns are "
                                               "matched for you), or forms from a workbook this "
                                               "program wrote, into the open report; Ctrl+Z "
                                               "undoes it."))
        self.act_history = self._action(N_("History\u2026"), self.show_history, [],
                                        N_("Earlier saved versions of this report."))
        self.act_review = self._action(
            N_("Review and submit\u2026"), lambda: self.submit_flow.review(), ["F8"],
            N_("Every open point in one list, the deadline, and Submit: the submission package "
               "for the United Nations."))
        self.act_recipients = self._action(
            N_("Where reports go\u2026"), lambda: self.submit_flow.edit_recipients(), [],
            N_("The recipients of the e-mail draft in a submission package (by default the "
               "United Nations, with a copy to the Implementation Support Unit)."))
        self.act_help = self._action(N_("Help on this field"), self.show_help,
                                     [std.HelpContents],
                                     N_("Explain the field or part you are in (F1)."))
        self.act_compare = self._action(N_("Compare\u2026"), self.show_compare, [],
                                        N_("What changed since last year's report (or another "
                                           "stored report): key figures and rows, per form."))

        menu = self.menuBar()
        menu.clear()
        file_menu = menu.addMenu(translate("&File", lang))
        file_menu.addActions([self.act_new, self.act_open, self.act_import])
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_history])
        file_menu.addSeparator()
        file_menu.addActions([self.act_pdf, self.act_xlsx, self.act_json, self.act_preview,
                              self.act_import_into])
        file_menu.addSeparator()
        file_menu.addActions([self.act_close, self.act_quit])
        edit_menu = menu.addMenu(translate("&Edit", lang))
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_recipients)
        go_menu = menu.addMenu(translate("&Go", lang))
        go_menu.addActions([self.act_back, self.act_next, self.act_check, self.act_show_in_pdf,
                            self.act_review])
        view_menu = menu.addMenu(translate("&View", lang))
        self.language_menu = view_menu.addMenu(translate("&Language", lang))
        self.language_actions: dict[str, QAction] = {}
        for code in UN_LANGUAGES:
            action = self.language_menu.addAction(LANGUAGE_NAMES[code])
            action.setCheckable(True)
            action.setChecked(code == self.lang)
            action.triggered.connect(lambda _on, c=code: self.set_language(c))
            self.language_actions[code] = action
        help_menu = menu.addMenu(translate("&Help", lang))
        help_menu.addAction(self.act_help)
        help_menu.addAction(translate("About", lang), self._about)

        self.toolbar = self.addToolBar(translate("Report", lang))
        self.toolbar.setObjectName("reportToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addActions([self.act_back, self.act_next])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_check, self.act_review])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_pdf, self.act_xlsx, self.act_json])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_preview, self.act_show_in_pdf, self.act_import_into,
                                 self.act_history])
        self.toolbar.addAction(self.act_compare)
        view_menu.addAction(self.act_compare)

    def _remake_actions(self) -> None:
        """The actions, menus and toolbar again, in the new language."""
        for action in self._actions:
            self.removeAction(action)
            action.deleteLater()
        self.removeToolBar(self.toolbar)
        self.toolbar.deleteLater()
        self._make_actions()

    def _update_mode(self) -> None:
        open_ = self.current is not None
        for action in (self.act_new, self.act_open, self.act_import, self.act_recipients):
            action.setEnabled(self.ready)  # nothing is started before the reports are there
        self.toolbar.setVisible(open_)
        for action in (self.act_close, self.act_save, self.act_back, self.act_next,
                       self.act_check, self.act_pdf, self.act_xlsx, self.act_json,
                       self.act_preview, self.act_show_in_pdf, self.act_import_into,
                       self.act_history, self.act_review):
            action.setEnabled(open_)
        self.act_compare.setEnabled(open_)
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
            self.setWindowTitle(translate(APP_NAME, self.lang))
            return
        from ccm_desktop.schema.states import state_name
        from ccm_desktop.ui.deadline_text import all_deadlines, kind_words

        report = self.current.document.report
        dues = all_deadlines(report, self.today, self.lang)
        self.due_label.setText(dues[0].sentence(self.lang) if dues else "")
        self.due_label.setToolTip("\n".join(d.sentence(self.lang) for d in dues))
        self.due_label.setStyleSheet("color: #b00020;" if dues and dues[0].late else "")
        name = (state_name(report.state, self.lang) if report.state
                else translate("State not chosen", self.lang))
        self.state_label.setText(name)
        period_to = report.cover.fields.get("period_to")
        kind = kind_words(report.report_kind, period_to if isinstance(period_to, date) else None,
                          self.lang)
        self.setWindowTitle(f"{name}, {kind} \u2014 {translate(APP_NAME, self.lang)}")

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
        if self.ready:
            self.start.refresh()

    def new_report(self) -> None:
        from ccm_desktop.ui.new_report import NewReportDialog

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
            spec.apply_to(report)
            self.repository.save(new_id, report, summary=message(N_("New report settings")))
        else:
            new_id = int(self.repository.add(spec.empty_report(self.lang),
                                             summary=message(N_("New report"))))
        self.open_report(new_id)
        return new_id

    def start_next_year(self, report_id: int) -> None:
        self.commit_and_save()
        self.open_report(int(self.repository.start_next_year(report_id)))

    def open_sample(self) -> None:
        from ccm_desktop.exchange.formats import read_report

        path = find_sample(self.sample_dir)
        if path is None:
            self.show_error(translate("The sample report is missing from this installation.",
                                      self.lang))
            return
        report = read_report(path)
        mark_as_sample(report)  # the list and the cover say that its figures are illustrative
        self.open_report(int(self.repository.add(report, summary=message(N_("Sample report")))))

    def add_and_open(self, report: Report, summary: Message) -> int:
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
        self._show_view(opened)
        opened.autosaver.state.connect(self.saved_label.setText)
        opened.document.changed.connect(lambda _p: self._update_status())
        opened.document.notice.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.submit_flow.opened(opened)
        if self._pane is not None:
            self._pane.set_document(opened.document)
        if self.preview_wanted:
            self.show_preview()
        self._update_mode()
        self.saved_label.setText(opened.autosaver.saved_text())

    def _show_view(self, opened: OpenReport) -> None:
        self.stack.addWidget(opened.view)
        self.stack.setCurrentWidget(opened.view)
        state = self.settings.splitter_state()
        if state is not None:
            opened.view.splitter.restoreState(state)
        opened.view.findings.set_collapsed(self.settings.findings_collapsed())
        opened.view.findings.collapsed_changed.connect(self.settings.set_findings_collapsed)
        opened.view.page_shown.connect(self._update_position)

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
        if self._pane is not None and self._dock is not None:
            # The pane goes with the report, and comes back with the next one.
            self.preview_wanted = self._dock.isVisible()
            self._dock.hide()
            self._pane.set_document(None)
        self.stack.removeWidget(opened.view)
        opened.view.deleteLater()
        self.current = None
        self.submit_flow.closed()
        self.stack.setCurrentWidget(self.start)
        self.start.refresh(select=opened.report_id)
        self._update_mode()
        return True

    def _confirm_unsaved(self) -> bool:
        answer = QMessageBox.warning(
            self, translate("Not saved", self.lang),
            translate("The latest changes could not be saved. Close anyway and lose them?",
                      self.lang),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def save_now(self) -> None:
        if self.current is None:
            return
        if self.commit_and_save():
            self.statusBar().showMessage(translate("Saved. (Every change is saved "
                                                   "automatically.)", self.lang), 4000)
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
        lang = self.lang
        if errors:
            self.statusBar().showMessage(translate(
                "{errors} and {warnings} to look at; showing the first error.", lang).format(
                    errors=ntranslate("{n} error", "{n} errors", len(errors), lang).format(
                        n=len(errors)),
                    warnings=ntranslate("{n} warning", "{n} warnings", warnings, lang).format(
                        n=warnings)), 8000)
            self.current.view.go_to(errors[0].path)
        elif warnings:
            self.statusBar().showMessage(ntranslate(
                "No errors. {n} warning worth a look.", "No errors. {n} warnings worth a look.",
                warnings, lang).format(n=warnings), 8000)
        else:
            self.statusBar().showMessage(translate("No errors. The report is ready to export.",
                                                   lang), 8000)

    # Preview ----------------------------------------------------------------------------------

    def _make_preview(self, pdf_view: bool) -> None:
        """Whether there can be a Preview pane, or why not. The pane itself (a dock on the
        trailing side, hidden until asked for) and Qt's PDF module are loaded when it is first
        wanted (`preview_pane`), not before the window's first paint."""
        self.preview_problem: str | None = qtpdf_installed() if pdf_view else translate(
            N_("it is switched off"), self.lang)
        self._pane: PreviewPane | None = None
        self._dock: QDockWidget | None = None
        self.preview_wanted = False  # the pane was open when the last report was closed
        self._room_for_page = QTimer(self, singleShot=True, interval=0)
        self._room_for_page.timeout.connect(self._make_room_for_page)

    def _offer_preview(self) -> None:
        """Preview as a pane that can be shown and hidden, or, without Qt's PDF module, as the
        PDF in the system's viewer with a tip saying why."""
        if self.preview_problem is None:
            self.act_preview.setCheckable(True)
            self.act_preview.setChecked(self._dock is not None and self._dock.isVisible())
            return
        self.act_preview.setCheckable(False)
        why = translate(N_("Opens the PDF in this computer's PDF viewer: the preview inside "
                           "the window needs Qt's PDF module, which is not available "
                           "({reason})."), self.lang).format(reason=self.preview_problem)
        self.act_preview.setToolTip(why)
        self.act_preview.setStatusTip(why)

    @property
    def preview_pane(self) -> PreviewPane | None:
        """The Preview pane, made (and Qt's PDF module loaded) the first time it is asked for;
        None where the module is not available."""
        if self._pane is None and self.preview_problem is None:
            from ccm_desktop.ui.preview import PreviewPane, qtpdf_problem

            self.preview_problem = qtpdf_problem()
            if self.preview_problem is not None:  # installed, but it does not load
                self._offer_preview()
                return None
            pane = PreviewPane(self.lang, self)
            pane.open_requested.connect(self.open_url)
            dock = QDockWidget(translate(N_("Preview"), self.lang), self)
            dock.setObjectName("previewDock")
            dock.setWidget(pane)
            dock.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                                 | Qt.DockWidgetArea.RightDockWidgetArea)
            self.addDockWidget(trailing_dock_area(self.lang), dock)
            dock.hide()
            dock.visibilityChanged.connect(self._preview_seen)
            self._pane, self._dock = pane, dock
            if self.current is not None:
                pane.set_document(self.current.document)
        return self._pane

    @property
    def preview_dock(self) -> QDockWidget | None:
        """The dock holding the Preview pane (made with it)."""
        return self._dock if self.preview_pane is not None else None

    def _preview_seen(self, visible: bool) -> None:
        if self._pane is not None:
            self._pane.set_active(visible)
        self.act_preview.setChecked(visible)

    def preview(self) -> None:
        """Show or hide the Preview pane; without Qt's PDF module, the PDF in the system's
        viewer, saying why."""
        if self.current is None:
            return
        if self.preview_dock is None:
            self.statusBar().showMessage(self.act_preview.toolTip(), 8000)
            self.files.preview()
            return
        self.commit_editing()
        if self.preview_dock.isVisible():
            self.preview_dock.hide()
        else:
            self.show_preview()

    def show_preview(self) -> None:
        if self.preview_dock is not None:
            if self.preview_dock.width() < 420 and not self.preview_dock.isFloating():
                self.resizeDocks([self.preview_dock], [480], Qt.Orientation.Horizontal)
            self.preview_dock.show()
            self.preview_dock.raise_()
            self._room_for_page.start()

    def _make_room_for_page(self) -> None:
        """Beside the Preview the form's page keeps a usable width: the findings and the
        navigator give up some of theirs (down to a readable width)."""
        if self.current is None:
            return
        splitter = self.current.view.splitter
        sizes = splitter.sizes()
        need = PAGE_WIDTH_BESIDE_PREVIEW - sizes[1] if len(sizes) == 3 else 0
        for index in (2, 0):
            if need <= 0:
                break
            side = splitter.widget(index)
            floor = max(SIDE_WIDTH_BESIDE_PREVIEW,
                        side.minimumSizeHint().width() if side is not None else 0)
            give = max(0, min(need, sizes[index] - floor))
            sizes[index] -= give
            sizes[1] += give
            need -= give
        splitter.setSizes(sizes)

    def show_in_pdf(self) -> None:
        """The pages of the PDF where the part shown in the window is printed."""
        if self.current is None:
            return
        key = self.current.view.current_page().page.key
        if self.preview_pane is None:
            self.preview()
            return
        self.commit_editing()
        self.show_preview()
        self.preview_pane.show_key(key)

    def show_history(self) -> None:
        if self.current is None:
            return
        from ccm_desktop.ui.history_dialog import HistoryDialog

        self.commit_and_save()
        dialog = HistoryDialog(self.repository, self.current.report_id, self)
        dialog.restore_requested.connect(self.restore_revision)
        dialog.package_requested.connect(self.submit_flow.write_again)
        dialog.exec()

    def show_compare(self) -> None:
        """The Compare view beside the open report (last year's report of the State first)."""
        from ccm_desktop.ui.compare_view import show_compare

        if self.current is not None:
            self.commit_editing()
            show_compare(self)

    def restore_revision(self, number: int) -> None:
        if self.current is None:
            return
        self.commit_and_save()
        self.repository.restore_revision(self.current.report_id, number)
        restored = self.repository.load(self.current.report_id)
        self.current.document.replace_report(restored, message(N_("Restore revision {number}"),
                                                               number=str(number)))
        self.statusBar().showMessage(translate("Revision {number} restored. Ctrl+Z takes it "
                                               "back.", self.lang).format(number=number), 6000)

    # Help, language, messages -----------------------------------------------------------------

    def show_help(self) -> None:
        widget = QApplication.focusWidget()
        while widget is not None and not widget.whatsThis():
            widget = widget.parentWidget()
        if widget is not None:
            QWhatsThis.showText(widget.mapToGlobal(widget.rect().bottomLeft()),
                                widget.whatsThis(), widget)
        elif self.current is not None:
            page = self.current.view.current_page()
            page.help_toggle.setChecked(True)

    def set_language(self, lang: str) -> None:
        """Show the window in `lang` at once: what is being typed is handed on first; the open
        report (its values, undo history and page) stays, its view is made again in the new
        language, and so are the start screen, the menus and the toolbar."""
        self.settings.set_language(lang)
        if lang == self.lang:
            for code, action in self.language_actions.items():
                action.setChecked(code == lang)
            return
        self.commit_editing()
        self.lang = lang
        apply_qt_language(lang)
        if self.current is not None:  # Edit → Undo …, made again below, reads in `lang`
            self.current.document.set_language(lang)
        QApplication.setLayoutDirection(direction_for(lang))
        self._remake_actions()
        self.saved_label.setAccessibleName(translate("Saved state", lang))
        steady_width(self.saved_label, saved_texts(lang))
        old_start, self.start = self.start, self._make_start()
        self.stack.insertWidget(0, self.start)
        if self.current is not None:
            self._remake_view(self.current)
        else:
            self.stack.setCurrentWidget(self.start)
        self.stack.removeWidget(old_start)
        old_start.deleteLater()
        if self._pane is not None and self._dock is not None:
            self._pane.set_language(lang)
            self._dock.setWindowTitle(translate(N_("Preview"), lang))
        for dock in self.findChildren(QDockWidget):  # to the trailing side of the new direction
            if not dock.isFloating() and self.dockWidgetArea(dock) != trailing_dock_area(lang):
                self.addDockWidget(trailing_dock_area(lang), dock)
        self._update_mode()
        self.statusBar().showMessage(translate("The window is now in English.", lang), 6000)

    def _remake_view(self, opened: OpenReport) -> None:
        """The open report's view again, in the window's language, on the same page."""
        old = opened.view
        page = old.current
        self.settings.set_splitter_state(old.splitter.saveState())
        focused = QApplication.focusWidget()
        if focused is not None and old.isAncestorOf(focused):
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        opened.document.locale = self.lang
        opened.autosaver.lang = self.lang
        from ccm_desktop.ui.report_view import ReportView

        opened.view = ReportView(opened.document, self.lang, today=opened.today)
        self._show_view(opened)
        opened.view.show_page(page)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.saved_label.setText(opened.autosaver.saved_text())

    def show_error(self, sentence: str, title: str = "") -> None:
        title = title or translate("Something went wrong", self.lang)
        box = QMessageBox(QMessageBox.Icon.Warning, title, sentence,
                          QMessageBox.StandardButton.Ok, self)
        box.open()

    def _about(self) -> None:
        from ccm_desktop import __version__

        name = translate(APP_NAME, self.lang)
        QMessageBox.about(self, translate("About", self.lang), f"{name} {__version__}\n\n"
                          + translate("Prepare, check and export Article 7 reports under the "
                                      "Convention on Cluster Munitions.", self.lang))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.close_report():
            event.ignore()
            return
        if self._pane is not None:
            self._pane.cleanup()
        self.remember_place()
        self.settings.sync()
        event.accept()

    def open_url(self, path: Path) -> bool:
        """Open a file (Preview, Open file) or a folder (Show in folder) with the system's
        program. When the system has none, say so, with the path and a way to copy it."""
        if self.opener(QUrl.fromLocalFile(str(path))):
            return True
        lang = self.lang
        title, text = ((N_("Cannot open the folder"),
                        N_("This computer has no program set to open this folder. It is here:"))
                       if path.is_dir() else
                       (N_("Cannot open the file"),
                        N_("This computer has no program set to open this file. It is here:")))
        box = QMessageBox(QMessageBox.Icon.Information, translate(title, lang),
                          translate(text, lang), QMessageBox.StandardButton.Close, self)
        box.setInformativeText(str(path))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy = QPushButton(translate("Copy the path", lang), box)
        box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy_path)
        self.unopened_path = str(path)
        box.open()
        return False

    def _copy_path(self) -> None:
        QApplication.clipboard().setText(self.unopened_path)
        self.statusBar().showMessage(translate("The path is copied; paste it in a file manager "
                                               "or another program.", self.lang), 6000)


def _fits(inner: QRect, frame: QRect | None = None) -> bool:
    """Whether a window's inside `inner`, with its frame (as last seen; else the room a window
    manager's title bar and borders usually take), lies within a screen's available area."""
    if frame is None:
        frame = inner.adjusted(-FRAME_ALLOWANCE, -TITLE_ALLOWANCE, FRAME_ALLOWANCE,
                               FRAME_ALLOWANCE)
    return any(screen.availableGeometry().contains(frame)
               for screen in QGuiApplication.screens())


def trailing_dock_area(lang: str) -> Qt.DockWidgetArea:
    """Where a pane beside the report goes: on the trailing side, the left in Arabic (Qt keeps
    the dock areas where they are in a right-to-left window)."""
    return (Qt.DockWidgetArea.LeftDockWidgetArea if lang in RTL_LANGUAGES
            else Qt.DockWidgetArea.RightDockWidgetArea)


def direction_for(lang: str) -> Any:
    from PySide6.QtCore import Qt

    return (Qt.LayoutDirection.RightToLeft if lang in RTL_LANGUAGES
            else Qt.LayoutDirection.LeftToRight)
