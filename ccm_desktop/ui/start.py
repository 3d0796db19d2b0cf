"""The start screen: the stored reports, newest first, with how complete each is and when it is
due; big actions to start, continue or import a report; the first start explains the program."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.domain.report import Report
from ccm_desktop.schema.i18n import N_, isolate, language, ntranslate, translate
from ccm_desktop.ui.style import ERROR, MUTED, SPACING, heading_font

if TYPE_CHECKING:  # imported where used: the screen is painted before the reports are listed
    from ccm_desktop.domain.store import ReportStore, ReportSummary
    from ccm_desktop.ui.deadline_text import Due

ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = (N_("State"), N_("Report"), N_("Period"), N_("Last saved"), N_("Complete"), N_("Due"))
# The shipped sample reports say on their cover (prepared_by) that they are samples; the list
# marks them so that nobody mistakes one for a State's own report.
SAMPLE_MARK = "Sample report, figures illustrative"


def mark_as_sample(report: Report) -> None:
    """Say on the cover that `report` is a sample with illustrative figures (once)."""
    if not is_sample(report):
        prepared_by = report.cover.fields.get("prepared_by")
        report.cover.fields["prepared_by"] = (f"{SAMPLE_MARK} \u2014 {prepared_by}"
                                              if prepared_by else SAMPLE_MARK)


def is_sample(report: Report) -> bool:
    prepared_by = report.cover.fields.get("prepared_by")
    return isinstance(prepared_by, str) and prepared_by.startswith(SAMPLE_MARK)


def ago(moment: datetime | None, now: datetime | None = None, lang: str = "en") -> str:
    """ "just now", "2 hours ago", "yesterday", "3 March 2025"."""
    if moment is None:
        return ""
    now = now or datetime.now(moment.tzinfo)
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return translate("just now", lang)
    if seconds < 3600:
        minutes = int(seconds // 60)
        return ntranslate("{n} minute ago", "{n} minutes ago", minutes, lang).format(n=minutes)
    if seconds < 86400 and now.date() == moment.date():
        hours = int(seconds // 3600)
        return ntranslate("{n} hour ago", "{n} hours ago", hours, lang).format(n=hours)
    if (now.date() - moment.date()).days == 1:
        return translate("yesterday, {time}", lang).format(time=f"{moment:%H:%M}")
    from ccm_desktop.ui.deadline_text import long_date

    return long_date(moment.date(), lang)


class StartScreen(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()
    import_requested = Signal()
    next_year_requested = Signal(int)
    sample_requested = Signal()

    def __init__(self, repository: ReportStore | None, lang: str = "en",
                 today: date | None = None, parent: QWidget | None = None) -> None:
        """Without a `repository` (the database is being opened) the screen says so, and offers
        nothing to do until `set_repository` gives it the reports."""
        super().__init__(parent)
        self.repository = repository
        self.lang = lang
        self.today = today or date.today()
        self.reports: dict[int, Report] = {}
        # Each listed report as last read, with how complete it is, by id: the list reads and
        # checks again only the reports saved since (a long report takes a second to read).
        self._known: dict[int, tuple[int, datetime, Report, int]] = {}

        title = QLabel(translate("Article 7 reports", lang), self)
        title.setFont(heading_font(title.font(), 1.6))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setText(translate(
            "This program helps you prepare your State's transparency report under Article 7 of "
            "the Convention on Cluster Munitions: it walks you through the cover page and Forms "
            "A\u2013J, checks the report as you type and keeps every change safe on this "
            "computer. When the report is ready, export it as the PDF and Excel workbook that go "
            "to the United Nations.", lang))

        self.new_button = QPushButton(translate("New report\u2026", lang), self)
        self.next_year_button = QPushButton(
            translate("Start next year's report from the selected", lang), self)
        self.import_button = QPushButton(translate("Import a file\u2026", lang), self)
        self.sample_button = QPushButton(translate("Open the &sample report", lang), self)
        for button, tip in (
            (self.new_button, N_("Start a new report for a State (Ctrl+N).")),
            (self.next_year_button, N_("A draft of the report that falls due next (after an "
                                    "initial report, the first annual one): what still holds "
                                    "is carried over, each form to review; what happened "
                                    "during the last period starts empty.")),
            (self.import_button, N_("Store a .ccm.json report or an Excel workbook here.")),
            (self.sample_button, N_("A complete example report to look around in; change it "
                                    "freely. Its figures are illustrative.")),
        ):
            button.setToolTip(translate(tip, lang))
            button.setMinimumHeight(40)
        self.new_button.setDefault(True)
        big = QHBoxLayout()
        big.setSpacing(SPACING)
        for button in (self.new_button, self.next_year_button, self.import_button,
                       self.sample_button):
            big.addWidget(button)
        big.addStretch(1)

        self.list = QTreeWidget(self)
        self.list.setColumnCount(len(COLUMNS))
        self.list.setHeaderLabels([translate(c, lang) for c in COLUMNS])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(translate("Stored reports", lang))
        header = self.list.header()
        header.setStretchLastSection(True)
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.open_button = QPushButton(translate("Open", lang), self)
        self.duplicate_button = QPushButton(translate("Duplicate", lang), self)
        self.delete_button = QPushButton(translate("Delete\u2026", lang), self)
        self.trash_button = QPushButton(translate("Show trash\u2026", lang), self)
        self.open_button.setToolTip(translate("Open the selected report (Enter or double-click).",
                                              lang))
        self.delete_button.setToolTip(translate("Move the selected report to the trash; it can "
                                                "be restored.", lang))
        small_row = QHBoxLayout()
        small_row.setSpacing(SPACING)
        for button in (self.open_button, self.duplicate_button, self.delete_button):
            small_row.addWidget(button)
        small_row.addStretch(1)
        small_row.addWidget(self.trash_button)

        self.deadlines = QLabel(self)
        self.deadlines.setWordWrap(True)
        self.deadlines.setTextFormat(Qt.TextFormat.RichText)
        self.deadlines.setObjectName("deadlines")
        self.empty = QLabel(translate("No reports yet. Start one with \u201cNew report\u201d, or "
                                      "open the sample report to look around first.", lang), self)
        self.empty.setStyleSheet(f"color: {MUTED};")
        self.empty.setWordWrap(True)
        self.opening = QLabel(translate("Opening the reports\u2026", lang), self)
        self.opening.setStyleSheet(f"color: {MUTED};")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4 * SPACING, 3 * SPACING, 4 * SPACING, 3 * SPACING)
        layout.setSpacing(2 * SPACING)
        layout.addWidget(title)
        layout.addWidget(self.intro)
        layout.addLayout(big)
        layout.addWidget(self.empty)
        layout.addWidget(self.opening)
        layout.addWidget(self.list, 100)
        layout.addLayout(small_row)
        layout.addWidget(self.deadlines)
        layout.addStretch(1)

        self.new_button.clicked.connect(self.new_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        self.next_year_button.clicked.connect(self._next_year)
        self.open_button.clicked.connect(self._open_selected)
        self.list.itemActivated.connect(lambda _i, _c: self._open_selected())
        self.duplicate_button.clicked.connect(self._duplicate)
        self.delete_button.clicked.connect(self._ask_delete)
        self.trash_button.clicked.connect(self._show_trash)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.refresh()

    # The list ---------------------------------------------------------------------------------

    def set_repository(self, repository: ReportStore) -> None:
        """The database is open: list its reports."""
        self.repository = repository
        self.refresh()

    def _store(self) -> ReportStore:
        if self.repository is None:
            raise RuntimeError("The reports database is not open yet")
        return self.repository

    def _show_opening(self) -> None:
        """The screen while the database opens: the title and a line saying so; no buttons, so
        that nothing can be started before the reports are there."""
        self.opening.setVisible(True)
        for widget in (self.intro, self.empty, self.list, self.new_button,
                       self.next_year_button, self.import_button, self.sample_button,
                       self.open_button, self.duplicate_button, self.delete_button,
                       self.trash_button):
            widget.setVisible(False)

    def refresh(self, select: int | None = None) -> None:
        if self.repository is None:
            self._show_opening()
            return
        from ccm_desktop.schema.validate import validate
        from ccm_desktop.ui.pages import completeness

        self.opening.setVisible(False)
        self.new_button.setVisible(True)
        self.import_button.setVisible(True)
        summaries = sorted(self.repository.list_reports(),
                           key=lambda s: s.saved_at or datetime.min, reverse=True)
        keep = select if select is not None else self.selected_id()
        self.list.clear()
        self.reports.clear()
        known: dict[int, tuple[int, datetime, Report, int]] = {}
        for summary in summaries:
            kept = self._known.get(summary.id)
            if kept is not None and kept[:2] == (summary.revision, summary.saved_at):
                report, percent = kept[2], kept[3]
            else:
                report = self.repository.load(summary.id)
                percent = completeness(report, validate(report))
            known[summary.id] = (summary.revision, summary.saved_at, report, percent)
            self.reports[summary.id] = report
            self._add_row(summary, report, percent)
        self._known = known
        empty = not summaries
        self.intro.setVisible(empty)
        self.empty.setVisible(empty)
        self.list.setVisible(not empty)
        for button in (self.open_button, self.duplicate_button, self.delete_button,
                       self.trash_button):
            button.setVisible(not empty)
        self.sample_button.setVisible(empty)
        self.next_year_button.setVisible(not empty)
        target = keep if keep in self.reports else (summaries[0].id if summaries else None)
        if target is not None:
            self.select(target)
        self._selection_changed()

    def _add_row(self, summary: ReportSummary, report: Report, percent: int) -> None:
        from ccm_desktop.schema.states import state_name
        from ccm_desktop.ui.deadline_text import all_deadlines, kind_words

        period_from, period_to = summary.period_from, summary.period_to
        lang = self.lang
        period = (isolate(f"{period_from.isoformat()} \u2013 {period_to.isoformat()}", lang)
                  if period_from and period_to else "")
        state = (state_name(summary.state, lang) if summary.state
                 else translate("(State not chosen)", lang))
        saved_at = summary.saved_at
        if isinstance(saved_at, datetime) and saved_at.tzinfo is not None:
            saved_at = saved_at.astimezone().replace(tzinfo=None)
        kind = kind_words(summary.report_kind, period_to, lang)
        sample = is_sample(report)
        if sample:
            kind = translate("{kind} (sample)", lang).format(kind=kind)
        item = QTreeWidgetItem(self.list, [state, kind, period, ago(saved_at, lang=lang), "", ""])
        item.setData(0, ID_ROLE, summary.id)
        if sample:
            for column in (0, 1):
                item.setToolTip(column, translate(
                    "A sample report that comes with the program, to explore it: its figures "
                    "are illustrative, not the State's.", lang))
                item.setForeground(column, Qt.GlobalColor.darkGray)
        bar = QProgressBar(self.list)
        bar.setRange(0, 100)
        bar.setValue(percent)
        bar.setFormat("%p%")
        bar.setMaximumHeight(18)
        complete = translate("{percent} complete", lang).format(percent=f"{percent}%")
        bar.setAccessibleName(complete)
        self.list.setItemWidget(item, 4, bar)
        dues = all_deadlines(report, self.today, lang)
        if dues:
            due = dues[0]
            item.setText(5, due.when(self.lang) + (" \u26a0" if due.late else ""))
            if due.late:
                item.setForeground(5, Qt.GlobalColor.darkRed)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                     language(lang).list_separator.join((state, item.text(1), period, complete)))

    def selected_id(self) -> int | None:
        items = self.list.selectedItems()
        return int(items[0].data(0, ID_ROLE)) if items else None

    def select(self, report_id: int) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item is not None and item.data(0, ID_ROLE) == report_id:
                self.list.setCurrentItem(item)
                return

    def _selection_changed(self) -> None:
        report_id = self.selected_id()
        for button in (self.open_button, self.duplicate_button, self.delete_button,
                       self.next_year_button):
            button.setEnabled(report_id is not None)
        report = self.reports.get(report_id) if report_id is not None else None
        self.deadlines.setText(deadlines_html(report, self.today, self.lang) if report else "")

    # Actions ----------------------------------------------------------------------------------

    def _open_selected(self) -> None:
        report_id = self.selected_id()
        if report_id is not None:
            self.open_requested.emit(report_id)

    def _next_year(self) -> None:
        report_id = self.selected_id()
        if report_id is not None:
            self.next_year_requested.emit(report_id)

    def _duplicate(self) -> None:
        report_id = self.selected_id()
        if report_id is not None:
            self.refresh(select=self._store().duplicate(report_id))

    def _ask_delete(self) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        item = self.list.selectedItems()[0]
        answer = QMessageBox.question(
            self, translate("Delete report", self.lang),
            translate("Move \u201c{report}\u201d to the trash? You can restore it from "
                      "\u201cShow trash\u201d.", self.lang).format(
                report=language(self.lang).list_separator.join((item.text(0), item.text(1)))))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(report_id)

    def delete(self, report_id: int) -> None:
        self._store().delete(report_id)
        self.refresh()

    def _show_trash(self) -> None:
        from ccm_desktop.ui.trash_dialog import TrashDialog

        dialog = TrashDialog(self._store(), self.lang, self)
        dialog.exec()
        self.refresh()


def deadlines_html(report: Report, today: date, lang: str = "en") -> str:
    from ccm_desktop.schema.states import state_name
    from ccm_desktop.ui.deadline_text import all_deadlines

    dues: list[Due] = all_deadlines(report, today, lang)
    if not dues:
        return ""
    name = state_name(report.state, lang) if report.state else translate("this State", lang)
    lines = []
    for due in dues:
        when = due.when(lang)
        if due.late:
            when = f"<b style='color:{ERROR}'>\u26a0 {when}</b>"
        lines.append(translate("{what}: {when}", lang).format(what=due.label, when=when))
    title = translate("Deadlines for {state}", lang).format(state=name)
    return f"<b>{title}</b><br>" + "<br>".join(lines)
