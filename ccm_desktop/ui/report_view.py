"""The open report: navigator on the leading side, the page in the middle, findings on the
trailing side. Back/Next walk the pages in order; a finding goes to its field or cell."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.findings_panel import FindingsPanel
from ccm_desktop.ui.form_page import FormPage
from ccm_desktop.ui.navigator import Navigator
from ccm_desktop.ui.pages import PAGES, page_of
from ccm_desktop.ui.style import SPACING


class ReportView(QWidget):
    page_shown = Signal(int)

    def __init__(self, document: ReportDocument, lang: str = "en",
                 parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.today = today
        self.navigator = Navigator(document, lang, self)
        self.lang = lang
        self.stack = QStackedWidget(self)
        # Pages are built when first shown: a report opens at once even when a table on a
        # later page holds thousands of rows.
        self.pages: list[FormPage | None] = [None] * len(PAGES)
        for _page in PAGES:
            self.stack.addWidget(QWidget(self.stack))
        self.findings = FindingsPanel(document, lang, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.findings)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([250, 800, 290])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, 0)
        layout.addWidget(self.splitter)
        self.last_path = ""
        document.changed.connect(self._remember)
        self.navigator.page_chosen.connect(self.show_page)
        self.findings.activated.connect(self.go_to)
        self.show_page(0)

    @property
    def current(self) -> int:
        return self.stack.currentIndex()

    def current_page(self) -> FormPage:
        return self.page_at(self.current)

    def page_at(self, index: int) -> FormPage:
        page = self.pages[index]
        if page is None:
            page = FormPage(self.document, PAGES[index], self.lang, self.stack, self.today)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self.pages[index] = page
        return page

    def show_page(self, index: int) -> None:
        if not 0 <= index < len(self.pages):
            return
        page = self.page_at(index)
        leaving = self.stack.currentWidget()
        focused = QApplication.focusWidget()
        moving_focus = focused is not None and leaving is not None and leaving is not page \
            and leaving.isAncestorOf(focused)
        if moving_focus:
            # The focus leaves the old page before it is hidden: an input handing on its text
            # while Qt hides the page and looks for the next focus crashed Qt.
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.stack.setCurrentIndex(index)
        if moving_focus:
            page.setFocus(Qt.FocusReason.OtherFocusReason)
        self.navigator.set_current(index)
        self.page_shown.emit(index)

    def commit_editing(self) -> None:
        """Hand on to the document whatever is being typed on any page built so far."""
        for page in self.pages:
            if page is not None:
                page.commit_editing()

    def page_index(self, key: str) -> int:
        return next(i for i, p in enumerate(PAGES) if p.key == key)

    def show_key(self, key: str) -> FormPage:
        self.show_page(self.page_index(key))
        return self.current_page()

    def back(self) -> None:
        self.show_page(self.current - 1)

    def next(self) -> None:
        self.show_page(self.current + 1)

    def _remember(self, path: str) -> None:
        if path:
            self.last_path = path

    def show_last_change(self) -> None:
        """After an undo or redo, show the page it changed (a person sees what came back)."""
        page = page_of(self.last_path) if self.last_path else None
        if page is not None and page is not PAGES[self.current]:
            self.show_page(PAGES.index(page))

    def go_to(self, path: str) -> None:
        page = page_of(path)
        if page is None:
            return
        self.show_page(PAGES.index(page))
        self.current_page().go_to(path)
