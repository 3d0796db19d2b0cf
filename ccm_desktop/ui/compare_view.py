"""Compare: beside the open report, what changed since another stored report (by default the
previous report of the same State): the key figures with their difference, then per form the
rows added, removed, changed and moved. Clicking a change goes to its field or cell, as a
finding does. The comparison itself is `schema/compare.py`; this only shows it, and follows
the edits of the open report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.domain.report import Report
from ccm_desktop.schema.compare import Comparison, compare, describe
from ccm_desktop.schema.i18n import (
    N_,
    isolate,
    language,
    ntranslate,
    translate,
)
from ccm_desktop.schema.registry import PARTS, part_heading
from ccm_desktop.schema.states import state_name
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.style import MUTED, SPACING, heading_font

if TYPE_CHECKING:
    from ccm_desktop.ui.workers import Job

PATH_ROLE = Qt.ItemDataRole.UserRole
REFRESH_MS = 400  # after the last edit


def previous_report_id(summaries: list[Any], report_id: int, report: Report) -> int | None:
    """The latest stored report of the same State that ends before this one starts."""
    start = report.cover.fields.get("period_from")
    if report.state is None or not isinstance(start, date):
        return None
    earlier = [s for s in summaries if s.id != report_id and s.state == report.state
               and s.period_to is not None and s.period_to < start]
    return max(earlier, key=lambda s: s.period_to).id if earlier else None


class CompareView(QWidget):
    activated = Signal(str)  # the path of the change the user chose
    # "Export as PDF": True for the report's PDF with the comparison as an annex, False for the
    # comparison alone (the window asks where, see `export_comparison`).
    export_requested = Signal(bool)

    def __init__(self, repository: Any, report_id: int, document: ReportDocument,
                 lang: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repository = repository
        self.report_id = report_id
        self.document = document
        self.lang = lang
        self.other: Report | None = None
        self.comparison: Comparison | None = None
        # Where "Export as PDF" writes, and in which language (None: cancelled); the window
        # asks (`ask_pdf_target`), tests answer.
        self.ask_pdf_target: Callable[[bool], tuple[Path, str] | None] = lambda _with: None

        self.choice = QComboBox(self)
        self.choice.setAccessibleName(self._t(N_("Compare with")))
        self.choice.setToolTip(self._t(N_("The stored report this one is compared with.")))
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self._t(N_("Compare with:")), self))
        chooser.addWidget(self.choice, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {MUTED};")
        self.export_button = QPushButton(self._t(N_("Export as PDF\u2026")), self)
        self.export_button.setToolTip(self._t(N_(
            "Write this comparison as a PDF: as an annex after the forms of this report's PDF, "
            "or on its own.")))
        menu = QMenu(self.export_button)
        self.act_pdf_with_annex = menu.addAction(
            self._t(N_("This report's PDF, with the comparison as an annex\u2026")))
        self.act_pdf_alone = menu.addAction(self._t(N_("The comparison alone\u2026")))
        self.act_pdf_with_annex.triggered.connect(lambda: self.export_requested.emit(True))
        self.act_pdf_alone.triggered.connect(lambda: self.export_requested.emit(False))
        self.export_button.setMenu(menu)
        summary_line = QHBoxLayout()
        summary_line.addWidget(self.summary, 1)
        summary_line.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)

        figures_title = QLabel(self._t(N_("Key figures")), self)
        figures_title.setFont(heading_font(figures_title.font(), 1.1))
        self.figures = QTableWidget(0, 4, self)
        self.figures.setAccessibleName(self._t(N_("Key figures")))
        self.figures.verticalHeader().hide()
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.figures.setWordWrap(True)
        header = self.figures.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.figures.resizeRowsToContents())
        self.figures.cellClicked.connect(self._figure_chosen)
        self.figures.cellActivated.connect(self._figure_chosen)

        changes_title = QLabel(self._t(N_("Changes by form")), self)
        changes_title.setFont(heading_font(changes_title.font(), 1.1))
        self.changes = QTreeWidget(self)
        self.changes.setAccessibleName(self._t(N_("Changes by form")))
        self.changes.setHeaderHidden(True)
        self.changes.setWordWrap(True)
        self.changes.setUniformRowHeights(False)
        self.changes.itemClicked.connect(self._change_chosen)
        self.changes.itemActivated.connect(self._change_chosen)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        layout.addLayout(chooser)
        layout.addLayout(summary_line)
        layout.addWidget(figures_title)
        layout.addWidget(self.figures, 2)
        layout.addWidget(changes_title)
        layout.addWidget(self.changes, 3)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        document.changed.connect(lambda _path: self.timer.start())
        self._fill_choice()
        self.choice.currentIndexChanged.connect(self._other_chosen)
        self._other_chosen()

    def _t(self, text: str) -> str:
        return translate(text, self.lang)

    # The report compared with -----------------------------------------------------------------

    def _fill_choice(self) -> None:
        summaries = [s for s in self.repository.list_reports() if s.id != self.report_id]
        default = previous_report_id(summaries, self.report_id, self.document.report)
        summaries.sort(key=lambda s: (s.state != self.document.report.state,
                                      -(s.period_to.toordinal() if s.period_to else 0)))
        self.choice.blockSignals(True)
        for s in summaries:
            self.choice.addItem(self._describe_summary(s), s.id)
        if default is not None:
            self.choice.setCurrentIndex(self.choice.findData(default))
        self.choice.blockSignals(False)

    def _describe_summary(self, s: Any) -> str:
        state = state_name(s.state, self.lang) if s.state else "\u2013"
        year = s.period_to.year if s.period_to else "\u2013"
        return self._t(N_("{state} {year}, report {id}")).format(state=state, year=year, id=s.id)

    def _other_chosen(self) -> None:
        chosen = self.choice.currentData()
        self.other = self.repository.load(int(chosen)) if chosen is not None else None
        self.refresh()

    # Showing the comparison -------------------------------------------------------------------

    def refresh(self) -> None:
        self.timer.stop()
        self.figures.setRowCount(0)
        self.changes.clear()
        self.export_button.setEnabled(self.other is not None)
        if self.other is None:
            self.comparison = None
            self.summary.setText(self._t(N_(
                "There is no other stored report to compare with. Import or open last year's "
                "report first (File, Import a file).")))
            return
        self.comparison = compare(self.other, self.document.report)
        count = len(self.comparison.changes)
        self.summary.setText(ntranslate("{n} change since the report compared with.",
                                        "{n} changes since the report compared with.", count,
                                        self.lang).format(n=count) if count else
                             self._t(N_("Nothing has changed since the report compared with.")))
        self._show_figures()
        self._show_changes()

    def _show_figures(self) -> None:
        assert self.comparison is not None
        words = language(self.lang)
        old_year, new_year = self.other.reporting_year if self.other else None, \
            self.document.report.reporting_year
        self.figures.setHorizontalHeaderLabels([
            self._t(N_("Figure")),
            str(old_year) if old_year else self._t(N_("Before")),
            str(new_year) if new_year else self._t(N_("Now")),
            self._t(N_("Difference"))])
        figures = self.comparison.figures
        self.figures.setRowCount(len(figures))
        for row, figure in enumerate(figures):
            difference = figure.difference
            label = figure.label.text(words)
            texts = [label, _number(figure.old, words),
                     _number(figure.new, words), _signed(difference, words, self.lang)]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, figure.path)
                item.setToolTip(label)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignTrailing
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.figures.setItem(row, column, item)
        self.figures.resizeRowsToContents()

    def _show_changes(self) -> None:
        assert self.comparison is not None
        words = language(self.lang)
        for p in PARTS:
            mine = self.comparison.of_part(p.id)
            if not mine:
                continue
            title = part_heading(p.id, short=True)
            top = QTreeWidgetItem([ntranslate("{title} ({n} change)", "{title} ({n} changes)",
                                              len(mine), self.lang).format(
                                      title=title.text(words), n=len(mine))])
            top.setData(0, PATH_ROLE, "cover" if p.id == "cover" else f"forms.{p.id}")
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for change in mine:
                sentence = describe(change, words, with_part=False)
                item = QTreeWidgetItem([sentence])
                item.setData(0, PATH_ROLE, change.goes_to)
                item.setToolTip(0, f"{sentence}\n{change.path}")
                top.addChild(item)
            self.changes.addTopLevelItem(top)
            top.setExpanded(True)

    def _figure_chosen(self, row: int, _column: int) -> None:
        item = self.figures.item(row, 0)
        if item is not None:
            self.activated.emit(str(item.data(PATH_ROLE)))

    def _change_chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.activated.emit(str(path))


def _number(value: int | Decimal | None, words: Any) -> str:
    return "\u2013" if value is None else str(words.number(value))


def _signed(value: int | Decimal | None, words: Any, lang: str = "en") -> str:
    """A difference with its sign; in Arabic the number is isolated as one left-to-right run,
    so that the sign stays before the digits (bare, it would be laid out after them)."""
    if value is None:
        return "\u2013"
    if value > 0:
        return isolate("+" + str(words.number(value)), lang)
    if value < 0:
        return isolate("\u2212" + str(words.number(-value)), lang)
    return str(words.number(value))


class CompareDock(QDockWidget):
    """The Compare view docked beside the report; it closes with the report."""

    def __init__(self, view: CompareView, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(translate(N_("Compare"), lang), parent)
        self.setObjectName("compareDock")
        self.view = view
        self.setWidget(view)
        self.setMinimumWidth(420)


def show_compare(window: Any) -> CompareDock | None:
    """Open (or bring forward) the Compare view of the window's open report."""
    opened = window.current
    if opened is None:
        return None
    dock: CompareDock | None = getattr(opened, "compare_dock", None)
    if dock is None:
        view = CompareView(window.repository, opened.report_id, opened.document, window.lang)
        view.activated.connect(opened.view.go_to)
        view.ask_pdf_target = lambda with_report: ask_pdf_target(window, with_report)
        view.export_requested.connect(lambda with_report: export_comparison(window, view,
                                                                            with_report))
        dock = CompareDock(view, window.lang, window)
        from ccm_desktop.ui.main_window import trailing_dock_area

        window.addDockWidget(trailing_dock_area(window.lang), dock)
        opened.compare_dock = dock
        opened.view.destroyed.connect(dock.deleteLater)
    dock.show()
    dock.raise_()
    return dock


def ask_pdf_target(window: Any, with_report: bool) -> tuple[Path, str] | None:
    """The PDF's language (the report's own to start with) and file, or None when cancelled."""
    from ccm_desktop.ui.file_actions import ExportLanguageDialog, report_language, suggested_name

    opened = window.current
    lang = window.lang
    chooser = ExportLanguageDialog(".pdf", report_language(opened.document.report), lang, window)
    if chooser.exec() != QDialog.DialogCode.Accepted:
        return None
    name = suggested_name(opened.document.report, ".pdf")
    if not with_report:
        name = name.removesuffix(".pdf") + "-comparison.pdf"
    path, _filter = QFileDialog.getSaveFileName(
        window, translate(N_("Export the comparison as PDF"), lang),
        str(Path(window.settings.last_folder()) / name),
        translate(N_("PDF document (*.pdf)"), lang))
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    return Path(path), chooser.language()


def export_comparison(window: Any, view: CompareView, with_report: bool) -> Job | None:
    """Write the comparison shown in `view` as a PDF, in a worker with a progress bar: the open
    report's PDF with the comparison as an annex, or the comparison alone."""
    from ccm_desktop.ui.workers import Job

    opened = window.current
    if opened is None or view.other is None:
        return None
    window.commit_and_save()
    target = view.ask_pdf_target(with_report)
    if target is None:
        return None
    path, lang = target
    window.settings.remember_folder(path)
    snapshot, other = opened.document.snapshot(), view.other.copy()
    findings = list(opened.document.findings)

    def work(progress: Any) -> Path:
        from ccm_desktop.exchange.atomic import write_atomic
        from ccm_desktop.exchange.formats import write_report
        from ccm_desktop.exchange.pdf import render_comparison_pdf

        if with_report:
            write_report(snapshot, path, lang=lang, findings=findings, progress=progress,
                         compared_with=other)
        else:
            write_atomic(path, render_comparison_pdf(other, snapshot, lang, progress))
        return path

    job = Job(window, translate(N_("Writing {file}\u2026"), window.lang).format(
        file=isolate(path.name, window.lang)), work, window.lang)
    job.failed.connect(window.show_error)
    job.finished.connect(lambda result: window.files._exported(Path(str(result))))
    job.start()
    return job
