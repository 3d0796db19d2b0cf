"""The PDF inside the window: the report's actual PDF, with page thumbnails, made again in a
worker shortly after the edits stop (the window never waits for it). Uses Qt's own PDF module
(QtPdf, from the PySide6-Pdf wheel); where it cannot be loaded, the window opens the PDF in the
system's viewer instead and says why (`qtpdf_problem`)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ccm_desktop.domain.report import Report
from ccm_desktop.exchange.package import corrigendum_label
from ccm_desktop.schema.i18n import N_, UN_LANGUAGES, language, ntranslate, translate
from ccm_desktop.schema.registry import FORMS, part_heading, part_name, part_title
from ccm_desktop.ui.document import ReportDocument
from ccm_desktop.ui.style import MUTED, SPACING
from ccm_desktop.ui.workers import _Runnable, _Signals

PAUSE_MS = 1200  # how long the edits must stop before the PDF is made again
THUMB = QSize(72, 102)


def qtpdf_problem() -> str | None:
    """None when Qt's PDF module loads; otherwise why not, in a few words."""
    try:
        import PySide6.QtPdf  # noqa: F401
        import PySide6.QtPdfWidgets  # noqa: F401
    except ImportError as exc:
        return str(exc)
    return None


def pdf_language(report: Report) -> str:
    """The language the report's PDF is written in when it is submitted (and exported, unless
    another is chosen): the report's own."""
    return report.language if report.language in UN_LANGUAGES else "en"


def bookmark_titles(lang: str) -> dict[str, str]:
    """The PDF's outline titles (exchange/pdf: one bookmark per printed part) by page key: the
    cover's part name, the forms' headings (schema/registry)."""
    words = language(lang)
    titles = {"cover": part_name("cover").text(words),
              "contacts": translate(N_("Contacts"), lang)}
    for form in FORMS:
        titles[form.id] = part_heading(form.id).text(words)
    return titles


class PreviewPane(QWidget):
    """Thumbnails on the leading side, the pages beside them, a line saying how fresh they are.
    `set_document` follows a report; `set_active(True)` while the pane is seen (the PDF is made
    only then). `refreshed(pages)` is emitted each time a new PDF is shown."""

    refreshed = Signal(int)
    open_requested = Signal(Path)  # "Open in PDF viewer"

    def __init__(self, lang: str = "en", parent: QWidget | None = None,
                 pause_ms: int = PAUSE_MS) -> None:
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.lang = lang
        self.document: ReportDocument | None = None
        self.active = False
        self.stale = True
        self.running = False
        self.path: Path | None = None  # the PDF shown
        self.pdf_lang = lang  # the language of its labels: the report's, as Submit writes it
        self.corrigendum: int | None = None  # "Corrigendum N" on every page, as it is sent
        self.page_of: dict[str, int] = {}  # page key -> first page (0-based) of its bookmark
        self.pending_key: str | None = None  # "show in the PDF" waiting for the PDF
        self._folder = Path(tempfile.mkdtemp(prefix="ccm-preview-"))
        self._made = 0
        self.shown_page = 0  # the page at the top of the view, as the user or a jump left it
        self._jumping = False

        self.pdf = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.thumbs = QListWidget(self)
        self.thumbs.setViewMode(QListView.ViewMode.IconMode)
        self.thumbs.setFlow(QListView.Flow.TopToBottom)
        self.thumbs.setWrapping(False)
        self.thumbs.setMovement(QListView.Movement.Static)
        self.thumbs.setIconSize(THUMB)
        self.thumbs.setSpacing(4)
        self.thumbs.setFixedWidth(THUMB.width() + 36)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {MUTED};")
        self._status: Callable[[], str] = lambda: ""  # what the status line says, in self.lang
        self.open_button = QPushButton(self)
        self.open_button.setEnabled(False)
        self._name_things()

        pages = QHBoxLayout()
        pages.setSpacing(SPACING // 2)
        pages.addWidget(self.thumbs)
        pages.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING // 2, SPACING // 2, SPACING // 2, SPACING // 2)
        layout.addLayout(pages, 1)
        layout.addLayout(bottom)

        self.timer = QTimer(self, singleShot=True, interval=pause_ms)
        self.timer.timeout.connect(self.refresh)
        self._signals = _Signals()
        self._signals.finished.connect(self._made_pdf)
        self._signals.failed.connect(self._failed)
        self.thumbs.currentRowChanged.connect(self._thumb_chosen)
        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        # When the view changes size (the pane is resized, the window maximised), the page at
        # the top stays at the top.
        self._keep_place = QTimer(self, singleShot=True, interval=0)
        self._keep_place.timeout.connect(lambda: self.go_to_page(self.shown_page))
        viewport = self.view.viewport()
        if viewport is not None:
            viewport.installEventFilter(self)
        self.open_button.clicked.connect(self._open)
        self._say(N_("The preview appears here once the report is open."))

    def _name_things(self) -> None:
        lang = self.lang
        self.view.setAccessibleName(translate(N_("Pages of the PDF"), lang))
        self.thumbs.setAccessibleName(translate(N_("Page thumbnails"), lang))
        self.open_button.setText(translate(N_("Open in PDF viewer"), lang))
        self.open_button.setToolTip(translate(N_("Open this PDF in the computer's own PDF viewer, "
                                                 "to print it or look at it full screen."), lang))

    def set_language(self, lang: str) -> None:
        """The pane's own words in the window's new language (the PDF keeps the report's)."""
        self.lang = lang
        self._name_things()
        self.status.setText(self._status())

    # Following a report -------------------------------------------------------------------------

    def set_document(self, document: ReportDocument | None) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self._edited)
        self.document = document
        self.stale = True
        self.pending_key = None
        if document is not None:
            document.changed.connect(self._edited)
            self._say(N_("Preparing the preview\u2026"))
            if self.active:
                self.timer.start(0)
        else:
            self.timer.stop()
            self._show(None)

    def set_corrigendum(self, number: int | None) -> None:
        """The open report is (the draft of) Corrigendum `number`: its PDF says so on every
        page, as the package will; None for the original."""
        if number == self.corrigendum:
            return
        self.corrigendum = number
        self.stale = True
        if self.active and self.document is not None:
            self.timer.start(0)

    def set_active(self, active: bool) -> None:
        """The pane is seen (True) or hidden: the PDF is made only while it is seen."""
        self.active = active
        if active and self.stale and self.document is not None:
            self.timer.start(0)

    def _edited(self, _path: str) -> None:
        self.stale = True
        if self.active:
            self._say(N_("Changes since this preview; it is brought up to date when you pause."))
            self.timer.start()  # restarts: made once the edits stop

    # Making the PDF -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Make the PDF again now, in a worker; once more afterwards if edits came meanwhile."""
        if self.document is None:
            return
        if self.running:
            self.stale = True
            return
        self.running = True
        self.stale = False
        self._made += 1
        path = self._folder / f"preview-{self._made}.pdf"
        snapshot, findings = self.document.snapshot(), list(self.document.findings)
        lang = pdf_language(snapshot)

        label = corrigendum_label(self.corrigendum, lang)

        def work(_progress: Any) -> Path:
            from ccm_desktop.exchange.atomic import write_atomic
            from ccm_desktop.exchange.pdf import render_pdf

            write_atomic(path, render_pdf(snapshot, lang=lang, findings=findings, label=label))
            return path

        self.pdf_lang = lang

        QThreadPool.globalInstance().start(_Runnable(work, self._signals))

    def _made_pdf(self, result: object) -> None:
        self.running = False
        if self.document is None:
            return
        self._show(Path(str(result)))
        if self.stale and self.active:
            self.timer.start()

    def _failed(self, sentence: str) -> None:
        self.running = False
        if self.document is None:  # the report was closed meanwhile
            return
        self._status = lambda: translate(N_("The preview could not be made: {reason}"),
                                         self.lang).format(reason=sentence)
        self.status.setText(self._status())
        if self.stale and self.active:
            self.timer.start()

    def _show(self, path: Path | None) -> None:
        from PySide6.QtPdf import QPdfDocument

        keep = self.shown_page if self.path is not None else 0
        old = self.path
        self.pdf.close()
        self.thumbs.clear()
        self.page_of = {}
        self.path = None
        self.open_button.setEnabled(False)
        if path is None:
            self._remove(old)
            return
        if self.pdf.load(str(path)) != QPdfDocument.Error.None_:
            self._say(N_("The preview could not be read."))
            return
        self.path = path
        self._remove(old)
        self.open_button.setEnabled(True)
        self._read_bookmarks()
        for page in range(self.pdf.pageCount()):
            item = QListWidgetItem(str(page + 1), self.thumbs)
            item.setIcon(QIcon(QPixmap.fromImage(self._thumbnail(page))))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
        pages = self.pdf.pageCount()
        self._status = lambda: ntranslate("Up to date: the PDF as it will be sent, {n} page.",
                                          "Up to date: the PDF as it will be sent, {n} pages.",
                                          pages, self.lang).format(n=pages)
        self.status.setText(self._status())
        if self.pending_key is not None:
            key, self.pending_key = self.pending_key, None
            self.show_key(key)
        else:
            self.go_to_page(min(keep, self.pdf.pageCount() - 1))
        self.refreshed.emit(self.pdf.pageCount())

    def _thumbnail(self, page: int) -> QImage:
        size = self.pdf.pagePointSize(page).toSize()
        size.scale(THUMB, Qt.AspectRatioMode.KeepAspectRatio)
        image: QImage = self.pdf.render(page, size)
        return image

    def _read_bookmarks(self) -> None:
        from PySide6.QtPdf import QPdfBookmarkModel

        model = QPdfBookmarkModel(self)
        model.setDocument(self.pdf)
        by_title: dict[str, int] = {}
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            title = str(model.data(index, int(QPdfBookmarkModel.Role.Title)))
            by_title.setdefault(title, int(model.data(index, int(QPdfBookmarkModel.Role.Page))))
        model.deleteLater()
        for key, title in bookmark_titles(self.pdf_lang).items():
            if title in by_title:
                self.page_of[key] = by_title[title]

    @staticmethod
    def _remove(path: Path | None) -> None:
        if path is not None:
            path.unlink(missing_ok=True)

    # Moving about -------------------------------------------------------------------------------

    def current_page(self) -> int:
        return self.shown_page

    def go_to_page(self, page: int) -> None:
        """Put the top of `page` at the top of the view. (Qt's own "current page" is the one
        crossing 40 % of the view's height: after a jump to a short landscape page it is the
        next one, so the page jumped to is remembered here.)"""
        if 0 <= page < self.pdf.pageCount():
            self._jumping = True
            try:
                self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
                # Qt scrolls only when its own current page changes: scroll in any case.
                self.view.verticalScrollBar().setValue(self._page_tops()[page])
            finally:
                self._jumping = False
            self._page_changed(page)

    def show_key(self, key: str) -> None:
        """Go to the pages of a part of the report ("cover", "contacts", "A" ... "J"). A form
        the PDF does not print on pages of its own (unchanged, not applicable) is shown where the
        cover page gives its status."""
        if self.path is None or self.running or self.stale:
            self.pending_key = key  # shown as soon as the PDF is up to date
            if self.active and not self.running:
                self.timer.start(0)
            return
        if key in self.page_of:
            self.go_to_page(self.page_of[key])
            return
        self.go_to_page(self.page_of.get("cover", 0))
        self._say(N_("{part} has no pages of its own in the PDF: the cover page gives its "
                     "status."), part=part_title(key, self.lang))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport() \
                and self.path is not None:
            self._keep_place.start()
        return super().eventFilter(watched, event)

    def _scrolled(self, value: int) -> None:
        """The user scrolled: the page filling the top of the view becomes the shown one."""
        if self._jumping or self._keep_place.isActive() or self.path is None:
            return
        self._page_changed(self._page_at(value + min(40, self.view.viewport().height() // 5)))

    def _page_tops(self) -> list[int]:
        """Where each page begins (and, last, where the pages end), in pixels, as QPdfView lays
        them out in its multi-page, fit-to-width mode: below each other, spaced, within
        margins, each page's size in screen pixels scaled to the view's width."""
        screen = QGuiApplication.primaryScreen()
        resolution = (screen.logicalDotsPerInch() if screen is not None else 96.0) / 72.0
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        tops = [margins.top()]
        for page in range(self.pdf.pageCount()):
            size = (self.pdf.pagePointSize(page) * resolution).toSize()
            height = round(size.height() * width / max(1, size.width()))
            tops.append(tops[-1] + height + self.view.pageSpacing())
        return tops

    def _page_at(self, y: int) -> int:
        tops = self._page_tops()
        return max(0, next((page for page in range(len(tops) - 1) if y < tops[page + 1]),
                           len(tops) - 2))

    def _thumb_chosen(self, row: int) -> None:
        if row >= 0 and row != self.current_page():
            self.go_to_page(row)

    def _page_changed(self, page: int) -> None:
        self.shown_page = page
        if self.thumbs.currentRow() != page and 0 <= page < self.thumbs.count():
            self.thumbs.blockSignals(True)
            self.thumbs.setCurrentRow(page)
            self.thumbs.blockSignals(False)

    def _open(self) -> None:
        if self.path is not None:
            self.open_requested.emit(self.path)

    def _say(self, text: str, **values: Any) -> None:
        self._status = lambda: translate(text, self.lang).format(**values)
        self.status.setText(self._status())

    def cleanup(self) -> None:
        """Forget the report and remove the preview files."""
        self.set_document(None)
        shutil.rmtree(self._folder, ignore_errors=True)
