"""The navigator: every page with its status and a badge counting errors and warnings, and how
complete the whole report is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.schema.i18n import N_, language, ntranslate, translate
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.pages import (
    PAGES,
    Page,
    completeness,
    findings_on,
    page_is_done,
    status_words,
)
from ccm_desktop.ui.style import ERROR, MUTED, SPACING, WARNING


class _Entry(QWidget):
    """Two lines: "F  Contaminated areas" and "changed · ✖ 2 errors · ⚠ 1 warning"."""

    def __init__(self, page: Page, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, 4, SPACING, 4)
        layout.setSpacing(0)
        # The official titles are long: the navigator shows a form's short label.
        name = translate(page.part.label if page.is_form else page.title, lang)
        self.title = QLabel(f"<b>{page.short}</b>&nbsp;&nbsp;{name}" if page.is_form else
                            f"<b>{name}</b>", self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        for label in (self.title, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)

    def height_for(self, width: int) -> int:
        inner = width - 2 * SPACING
        return (self.title.heightForWidth(inner) + self.detail.sizeHint().height() + 8 + 2)

    def show_state(self, status: str, errors: int, warnings: int, done: bool,
                   to_review: bool = False) -> str:
        lang = self.lang
        number = language(lang).number
        error_words = ntranslate("{n} error", "{n} errors", errors, lang).format(
            n=number(errors))
        warning_words = ntranslate("{n} warning", "{n} warnings", warnings, lang).format(
            n=number(warnings))
        review_word, done_word = translate("to review", lang), translate("done", lang)
        parts = [f"<span style='color:{MUTED}'>{status}</span>"] if status else []
        if to_review:
            parts.append(f"<span style='color:{WARNING}'>\u25cf "
                         f"{review_word}</span>")
        if errors:
            parts.append(f"<span style='color:{ERROR}'>\u2716 {error_words}</span>")
        if warnings:
            parts.append(f"<span style='color:{WARNING}'>\u26a0 {warning_words}</span>")
        if done and not errors and not warnings:
            parts.append(f"<span style='color:#1b7a3a'>\u2713 {done_word}</span>")
        self.detail.setText(" \u00b7 ".join(parts))
        words = [status] if status else []
        if to_review:
            words.append(translate("to review: carried over from last year, not yet confirmed",
                                   lang))
        if errors:
            words.append(error_words)
        if warnings:
            words.append(warning_words)
        if done and not errors:
            words.append(done_word)
        return language(lang).list_separator.join(words)


class Navigator(QWidget):
    page_chosen = Signal(int)
    review_requested = Signal()  # the last step: Review and submit

    def __init__(self, document: ReportDocument, lang: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.lang = lang
        self.list = QListWidget(self)
        self.list.setAccessibleName(translate("Parts of the report", lang))
        self.list.setUniformItemSizes(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet("QListWidget::item:selected { background: #d3e3f6; }"
                                "QListWidget::item:hover { background: #e8f0fa; }")
        self.entries: list[_Entry] = []
        for page in PAGES:
            item = QListWidgetItem(self.list)
            entry = _Entry(page, lang)
            item.setSizeHint(QSize(230, entry.height_for(230)))
            self.list.setItemWidget(item, entry)
            self.entries.append(entry)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        # Qt writes the percentage in place of %p, as the translation places it.
        self.progress.setFormat(translate("{percent} complete", lang).format(percent="%p%"))
        self.progress.setAccessibleName(translate("How complete the report is", lang))
        self.progress.setToolTip(translate("Parts with a status chosen and no errors left.", lang))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.progress)
        self.review_button = QPushButton(translate(N_("Review and submit\u2026"), lang), self)
        self.review_button.setObjectName("reviewButton")
        self.review_button.setToolTip(translate(N_("The last step: every open point, the "
                                                   "deadline, and Submit."), lang))
        self.review_button.clicked.connect(self.review_requested)
        layout.addWidget(self.review_button)
        self.list.currentRowChanged.connect(self.page_chosen)
        # Every change is followed by findings_changed (ui/document.py), statuses included.
        document.findings_changed.connect(self.refresh)
        self.setMinimumWidth(220)
        self.refresh()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_entries)  # after the list has laid out its viewport

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self, self._fit_entries)

    def _fit_entries(self) -> None:
        """Long form titles wrap onto a second line instead of being cut."""
        width = self.list.viewport().width()
        for i, entry in enumerate(self.entries):
            item = self.list.item(i)
            if item is not None:
                item.setSizeHint(QSize(width, entry.height_for(width)))

    def set_current(self, index: int) -> None:
        if self.list.currentRow() != index:
            self.list.setCurrentRow(index)

    def refresh(self) -> None:
        """Each page's status and counts, from its part's findings (never a pass over every
        finding of the report per page: a long report has thousands)."""
        report = self.document.report
        for i, (page, entry) in enumerate(zip(PAGES, self.entries, strict=True)):
            mine = findings_on(page, self.document.findings_of(page.part.id))
            errors = sum(f.is_error for f in mine)
            review = page.is_form and report.form(page.part.id).to_review
            words = entry.show_state(status_words(report, page, self.lang), errors, len(mine) - errors,
                                     page_is_done(page, report, mine), review)
            item = self.list.item(i)
            line = translate("{part}: {state}", self.lang).format(part=page.heading(self.lang),
                                                                   state=words)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, line)
            item.setToolTip(line)
        self.progress.setValue(completeness(report, self.document.findings_of))
